/**
 * Fixtures for tests (and benches) that type into a terminal: the nginx
 * Service and `web` StatefulSet most of them start from, and a terminal over
 * a fresh cluster that returns what each command line shows.
 *
 * @internal Imported only by `*.test.ts` and `bench/`.
 */
import { Session } from './session';

/** The headless Service `nginx` the `web` set names (its port is the last line, so a field can be appended to it). */
export const NGINX_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
`;

export interface WebSetOptions {
  /** `spec.replicas`; null leaves the field out (the API server defaults it to 1). Default 2. */
  replicas?: number | null;
  /** The container's image. Default `nginx:1.25`. */
  image?: string;
  /** Where the container mounts the 1Gi claim `www` its volumeClaimTemplate makes. Default: no claim. */
  www?: string;
}

/**
 * The StatefulSet `web` (serviceName nginx, selector app=nginx, one container
 * `nginx`). Without a claim, the container is the last thing in the text, so
 * container fields (a probe) can be appended to it.
 */
export function webSet(o: WebSetOptions = {}): string {
  const replicas = o.replicas === undefined ? 2 : o.replicas;
  const claim =
    o.www === undefined
      ? ''
      : `        volumeMounts:
        - name: www
          mountPath: ${o.www}
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
${replicas === null ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: ${o.image ?? 'nginx:1.25'}
${claim}`;
}

/** The Service and two-replica set in one file (the container is the last thing in it). */
export const MANIFESTS = `${NGINX_SERVICE}---\n${webSet()}`;

/** What the terminal shows for one line (stdout and stderr as they interleave) and its exit status. */
export interface Shown {
  out: string;
  code: number;
}

/** One line's stdout and stderr apart, and its exit status. */
export interface Streams {
  out: string;
  err: string;
  code: number;
}

export interface Terminal {
  readonly s: Session;
  /** Runs a line; returns what the terminal shows. */
  run(line: string): Shown;
  /** Runs a line; returns its stdout and stderr apart. */
  runApart(line: string): Streams;
}

/** A terminal over a fresh cluster (seed 1) holding `files`, after running the `setup` lines (their output is dropped). */
export function openTerminal(files: Record<string, string>, setup: readonly string[] = []): Terminal {
  const s = new Session({ seed: 1 }, files);
  const run = (line: string): Shown => {
    let out = '';
    const code = s.run(line, { out: (x) => void (out += x), err: (x) => void (out += x) });
    return { out, code };
  };
  const runApart = (line: string): Streams => {
    let out = '';
    let err = '';
    const code = s.run(line, { out: (x) => void (out += x), err: (x) => void (err += x) });
    return { out, err, code };
  };
  for (const line of setup) run(line);
  return { s, run, runApart };
}

/** A fingerprint of the stored objects of `kinds` (name and resourceVersion of each): equal fingerprints mean nothing was written. */
export function stored(s: Session, kinds: readonly string[]): string {
  return JSON.stringify(kinds.map((k) => s.cluster.api.list(k).map((o) => [o.metadata.name, o.metadata.resourceVersion])));
}

/** JavaScript's words for its own errors and values, which kubectl never prints. */
export const JS_WORDS = /Cannot (?:read|set|create|convert|destructure)|is not (?:iterable|a function|defined)|\[object \w+\]|\b(?:TypeError|RangeError|ReferenceError|SyntaxError|undefined|NaN)\b|(?<![\w.])-?Infinity\b/;
