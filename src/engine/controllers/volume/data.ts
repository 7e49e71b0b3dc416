/**
 * What is written on each simulated volume: files and directories per PV
 * name, with paths relative to the volume's root ("index.html", "a/b.txt").
 * The kubelet's shell reads and writes here for paths under a PVC mount, so
 * data outlives pods and comes back when the claim is mounted again; Delete
 * and Recycle reclaim wipe it.
 */
export class VolumeDataStore {
  private files = new Map<string, Map<string, string>>();
  private dirs = new Map<string, Set<string>>();

  private fileMap(pv: string): Map<string, string> {
    let m = this.files.get(pv);
    if (!m) this.files.set(pv, (m = new Map()));
    return m;
  }

  private dirSet(pv: string): Set<string> {
    let s = this.dirs.get(pv);
    if (!s) this.dirs.set(pv, (s = new Set()));
    return s;
  }

  /** The files of a volume (read-only view; use write/remove to change). */
  filesOf(pv: string): ReadonlyMap<string, string> {
    return this.files.get(pv) ?? new Map();
  }

  read(pv: string, path: string): string | undefined {
    return this.files.get(pv)?.get(path);
  }

  write(pv: string, path: string, content: string): void {
    this.fileMap(pv).set(path, content);
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) this.dirSet(pv).add(parts.slice(0, i).join('/'));
  }

  mkdir(pv: string, path: string): void {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) this.dirSet(pv).add(parts.slice(0, i).join('/'));
  }

  /** Removes a file or a directory with everything under it. */
  remove(pv: string, path: string): void {
    const prefix = path + '/';
    const f = this.files.get(pv);
    if (f) for (const k of [...f.keys()]) if (k === path || k.startsWith(prefix)) f.delete(k);
    const d = this.dirs.get(pv);
    if (d) for (const k of [...d]) if (k === path || k.startsWith(prefix)) d.delete(k);
  }

  isDir(pv: string, path: string): boolean {
    if (path === '') return true;
    return this.dirs.get(pv)?.has(path) ?? false;
  }

  /** Names directly inside `dir` ('' is the volume root), sorted. */
  list(pv: string, dir: string): string[] {
    const prefix = dir === '' ? '' : dir + '/';
    const names = new Set<string>();
    for (const k of [...(this.files.get(pv)?.keys() ?? []), ...(this.dirs.get(pv) ?? [])]) {
      if (k.startsWith(prefix) && k.length > prefix.length) names.add(k.slice(prefix.length).split('/')[0] as string);
    }
    return [...names].sort();
  }

  /** Wipes a volume (Delete reclaim, Recycle scrub). */
  clear(pv: string): void {
    this.files.delete(pv);
    this.dirs.delete(pv);
  }

  /** Volumes that hold anything. */
  volumes(): string[] {
    return [...new Set([...this.files.keys(), ...this.dirs.keys()])].sort();
  }
}
