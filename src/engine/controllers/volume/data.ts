/**
 * What is written on each simulated volume: files and directories per PV
 * name, with paths relative to the volume's root ("index.html", "a/b.txt").
 * The kubelet's shell reads and writes here for paths under a PVC mount, so
 * data outlives pods and comes back when the claim is mounted again; Delete
 * and Recycle reclaim wipe it.
 *
 * Each volume keeps count of the bytes it uses (names, contents and a fixed
 * cost per entry), so the kubelet can refuse writes beyond a capacity.
 */
import { compareBytes } from '../../../lib/order';
import { utf8Length } from '../../../lib/utf8';

/** What each file or directory costs besides its name and content (its inode and entry). */
export const ENTRY_COST = 64;

const fileCost = (path: string, content: string) => ENTRY_COST + utf8Length(path) + utf8Length(content);
const dirCost = (path: string) => ENTRY_COST + utf8Length(path);

export class VolumeDataStore {
  private files = new Map<string, Map<string, string>>();
  private dirs = new Map<string, Set<string>>();
  private used = new Map<string, number>();
  /** Names directly inside each directory ('' is the root), so listing costs what it returns. */
  private kids = new Map<string, Map<string, Set<string>>>();

  private link(pv: string, path: string): void {
    const i = path.lastIndexOf('/');
    const parent = i < 0 ? '' : path.slice(0, i);
    let byDir = this.kids.get(pv);
    if (!byDir) this.kids.set(pv, (byDir = new Map()));
    let names = byDir.get(parent);
    if (!names) byDir.set(parent, (names = new Set()));
    names.add(path.slice(i + 1));
  }

  private unlink(pv: string, path: string): void {
    if (this.files.get(pv)?.has(path) || this.dirs.get(pv)?.has(path)) return;
    const i = path.lastIndexOf('/');
    this.kids.get(pv)?.get(i < 0 ? '' : path.slice(0, i))?.delete(path.slice(i + 1));
  }

  private charge(pv: string, bytes: number): void {
    const v = (this.used.get(pv) ?? 0) + bytes;
    if (v === 0) this.used.delete(pv);
    else this.used.set(pv, v);
  }

  /** Bytes a volume uses: every entry's name and content plus ENTRY_COST each. */
  usage(pv: string): number {
    return this.used.get(pv) ?? 0;
  }

  /** What writing `content` at `path` would add to the volume's usage (negative when it shrinks). */
  growth(pv: string, path: string, content: string): number {
    const old = this.files.get(pv)?.get(path);
    return fileCost(path, content) - (old === undefined ? 0 : fileCost(path, old)) + this.missingDirs(pv, path, false);
  }

  /** What creating the missing parents of `path` (and `path` itself when `self`) would cost. */
  missingDirs(pv: string, path: string, self: boolean): number {
    const dirs = this.dirs.get(pv);
    let cost = 0;
    let end = self ? path.length : path.lastIndexOf('/');
    while (end > 0) {
      const d = path.slice(0, end);
      if (dirs?.has(d)) break;
      cost += dirCost(d);
      end = d.lastIndexOf('/');
    }
    return cost;
  }

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
    const files = this.fileMap(pv);
    const old = files.get(path);
    if (old !== undefined) this.charge(pv, -fileCost(path, old));
    files.set(path, content);
    this.charge(pv, fileCost(path, content));
    this.addDirs(pv, path, false);
    this.link(pv, path);
  }

  mkdir(pv: string, path: string): void {
    this.addDirs(pv, path, true);
  }

  /** Adds the parents of `path` (and `path` itself when `self`) as directories. */
  private addDirs(pv: string, path: string, self: boolean): void {
    const dirs = this.dirSet(pv);
    let end = self ? path.length : path.lastIndexOf('/');
    // From the deepest up: once a directory exists, so do its parents.
    while (end > 0) {
      const d = path.slice(0, end);
      if (dirs.has(d)) break;
      dirs.add(d);
      this.charge(pv, dirCost(d));
      this.link(pv, d);
      end = d.lastIndexOf('/');
    }
  }

  /** Removes a file or a directory with everything under it (in time proportional to what goes). */
  remove(pv: string, path: string): void {
    const f = this.files.get(pv);
    const d = this.dirs.get(pv);
    const byDir = this.kids.get(pv);
    // The entries to drop: path itself and, for a directory, its subtree (walked through the index).
    const gone: string[] = [path];
    if (d?.has(path)) {
      for (let k = 0; k < gone.length; k++) {
        const p = gone[k] as string;
        for (const name of byDir?.get(p) ?? []) gone.push(p === '' ? name : `${p}/${name}`);
      }
    }
    for (const p of gone) {
      const content = f?.get(p);
      if (content !== undefined) {
        f?.delete(p);
        this.charge(pv, -fileCost(p, content));
      }
      if (d?.delete(p)) this.charge(pv, -dirCost(p));
      byDir?.delete(p);
    }
    this.unlink(pv, path);
  }

  isDir(pv: string, path: string): boolean {
    if (path === '') return true;
    return this.dirs.get(pv)?.has(path) ?? false;
  }

  /** Names directly inside `dir` ('' is the volume root), sorted. */
  list(pv: string, dir: string): string[] {
    return [...(this.kids.get(pv)?.get(dir) ?? [])].sort(compareBytes);
  }

  /** Wipes a volume (Delete reclaim, Recycle scrub). */
  clear(pv: string): void {
    this.files.delete(pv);
    this.dirs.delete(pv);
    this.used.delete(pv);
    this.kids.delete(pv);
  }

  /** Number of volumes with an entry (for stats). */
  get size(): number {
    return new Set([...this.files.keys(), ...this.dirs.keys()]).size;
  }

  /** Volumes that hold anything. */
  volumes(): string[] {
    return [...new Set([...this.files.keys(), ...this.dirs.keys()])].sort(compareBytes);
  }
}
