/**
 * A container's view of files: its own writable layer (gone when the
 * container is replaced) with volumes mounted over it. A PVC mount reads
 * and writes the bound PV's data in the VolumeDataStore, so it outlives the
 * pod; an emptyDir lives as long as the pod.
 */
import type { VolumeDataStore } from '../controllers/volume/data';
import { compareBytes } from '../../lib/order';
import { NAME_MAX, PATH_MAX, utf8Length, utf8Prefix } from './limits';

export interface Mount {
  /** Absolute mount path, normalised. */
  path: string;
  store: VolumeDataStore;
  /** Key of the volume inside its store (a PV name, or a private key). */
  key: string;
  /** subPath inside the volume ('' for its root). */
  sub: string;
  readOnly: boolean;
  /** Bytes the volume holds at most (see limits.ts). */
  capacity: number;
}

/** Resolves `p` against `cwd` into an absolute path without `.`/`..`/double slashes. */
export function normalizePath(p: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith('/') ? p : `${cwd}/${p}`).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export type WriteError = 'nonexistent directory' | 'Read-only file system' | 'Is a directory' | 'No space left on device' | 'File name too long';

/** ENAMETOOLONG: a name longer than 255 bytes or a path longer than 4095. */
export function nameTooLong(abs: string): boolean {
  if (abs.length > NAME_MAX && utf8Length(abs) > PATH_MAX) return true;
  let start = 1;
  while (start < abs.length) {
    let end = abs.indexOf('/', start);
    if (end < 0) end = abs.length;
    if (end - start > NAME_MAX / 4 && utf8Length(abs.slice(start, end)) > NAME_MAX) return true;
    start = end + 1;
  }
  return false;
}

export class ContainerFs {
  constructor(
    private root: Mount,
    private mounts: Mount[],
  ) {
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
  }

  /** The mount serving an absolute path and the path inside it ('' = its root). */
  private resolve(abs: string): { m: Mount; rel: string } {
    const join = (m: Mount, rel: string) => ({ m, rel: m.sub && rel ? `${m.sub}/${rel}` : m.sub || rel });
    for (const m of this.mounts) {
      if (abs === m.path) return join(m, '');
      if (abs.startsWith(m.path + '/')) return join(m, abs.slice(m.path.length + 1));
    }
    return join(this.root, abs.slice(1));
  }

  isDir(abs: string): boolean {
    if (this.mounts.some((m) => m.path === abs || m.path.startsWith(abs === '/' ? '/' : abs + '/'))) return true;
    const { m, rel } = this.resolve(abs);
    return m.store.isDir(m.key, rel);
  }

  read(abs: string): string | undefined {
    const { m, rel } = this.resolve(abs);
    return m.store.read(m.key, rel);
  }

  exists(abs: string): boolean {
    return this.isDir(abs) || this.read(abs) !== undefined;
  }

  /** Entries of a directory, mount points included, sorted; undefined when it is not a directory. */
  list(abs: string): string[] | undefined {
    if (!this.isDir(abs)) return undefined;
    const { m, rel } = this.resolve(abs);
    const names = new Set(m.store.list(m.key, rel));
    const prefix = abs === '/' ? '/' : abs + '/';
    for (const mt of this.mounts) if (mt.path.startsWith(prefix)) names.add(mt.path.slice(prefix.length).split('/')[0] as string);
    return [...names].sort(compareBytes);
  }

  /**
   * Writes (or appends) `content`. When the volume has no room for all of it, the file
   * keeps what fits (cut between characters) and the result is "No space left on device".
   */
  write(abs: string, content: string, append: boolean): WriteError | undefined {
    if (nameTooLong(abs)) return 'File name too long';
    if (this.isDir(abs)) return 'Is a directory';
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
    if (!this.isDir(parent)) return 'nonexistent directory';
    const { m, rel } = this.resolve(abs);
    if (m.readOnly) return 'Read-only file system';
    const old = m.store.read(m.key, rel);
    const base = append ? (old ?? '') : '';
    const room = m.capacity - m.store.usage(m.key);
    if (m.store.growth(m.key, rel, base + content) <= room) {
      m.store.write(m.key, rel, base + content);
      return undefined;
    }
    // SIM: byte-exact, where a real file system fills whole blocks.
    const left = room - m.store.growth(m.key, rel, base);
    if (left < 0) {
      if (old !== undefined && !append) m.store.write(m.key, rel, '');
      return 'No space left on device';
    }
    m.store.write(m.key, rel, base + utf8Prefix(content, left));
    return 'No space left on device';
  }

  mkdir(abs: string): WriteError | undefined {
    if (nameTooLong(abs)) return 'File name too long';
    const { m, rel } = this.resolve(abs);
    if (m.readOnly) return 'Read-only file system';
    if (rel === '') return undefined;
    if (m.store.missingDirs(m.key, rel, true) > m.capacity - m.store.usage(m.key)) return 'No space left on device';
    m.store.mkdir(m.key, rel);
    return undefined;
  }

  remove(abs: string): WriteError | undefined {
    const { m, rel } = this.resolve(abs);
    if (m.readOnly) return 'Read-only file system';
    if (rel === m.sub) for (const name of m.store.list(m.key, rel)) m.store.remove(m.key, rel ? `${rel}/${name}` : name);
    else m.store.remove(m.key, rel);
    return undefined;
  }
}

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>
<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** Fills a fresh container layer with what an image ships and what the kubelet writes into it. */
export function seedRootfs(store: VolumeDataStore, key: string, image: string, files: Record<string, string>): void {
  for (const d of ['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'run', 'sbin', 'sys', 'tmp', 'usr/bin', 'usr/local', 'usr/share', 'var/log']) store.mkdir(key, d);
  for (const [path, content] of Object.entries(files)) store.write(key, path.replace(/^\//, ''), content);
  if (/(^|\/)nginx[:@]|(^|\/)nginx$/.test(image)) {
    store.write(key, 'usr/share/nginx/html/index.html', NGINX_INDEX);
    store.write(key, 'usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
  }
}
