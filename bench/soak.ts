/**
 * `npm run soak`: one simulated cluster driven through 20,000 random command
 * lines (the fuzz grammar at oddity 0: scale, partition, images incl. bad and
 * crashing ones, delete pod/claim, patch, apply, rollout undo/restart,
 * get/describe, exec, sleeps of seconds to minutes), through the same
 * `Session` the headless runner uses. Every 1,000 actions it prints the heap
 * in use after a full GC, the wall ms those actions took, the virtual time
 * and the object counts; at the end, whether the goals hold: heap below
 * 150 MB and the last 1,000 actions no slower than 1.5× the first 1,000.
 *
 * Before measuring, 1,000 actions on a throwaway cluster warm the JIT up.
 * At the end it prints the largest entries of `cluster.stats()`.
 *
 * Run with a GC handle: `node --expose-gc --import tsx bench/soak.ts`
 * (what `npm run soak` does). Options: `--actions=N`, `--seed=N`, `--slow` (the slowest lines of each block).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { knowledgeOf, randomCommand, Rng } from '../fuzz/grammar';
import { MANIFESTS_FILE } from '../src/scenario/runner';
import { Session } from '../src/scenario/session';
import { NGINX_SERVICE, webSet } from '../src/scenario/testing';

/** Two sets: `web` (3 replicas, a claim each) behind nginx, and `db` (Parallel, partitioned, claims deleted with it). */
const MANIFESTS = `${NGINX_SERVICE}    name: web
---
${webSet({ replicas: 3, image: 'nginx:1.27', www: '/usr/share/nginx/html' })}---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
    name: pg
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  podManagementPolicy: Parallel
  persistentVolumeClaimRetentionPolicy:
    whenScaled: Delete
    whenDeleted: Delete
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:17
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;

const HEAP_GOAL_MB = 150;
const SLOWDOWN_GOAL = 1.5;
const BLOCK = 1000;

function arg(name: string, dflt: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const n = a ? Number(a.slice(name.length + 3)) : dflt;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : dflt;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('soak: run node with --expose-gc (npm run soak does)');
  process.exit(2);
}
const heapMB = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const actions = arg('actions', 20_000);
const seed = arg('seed', 1);
const sink = { out: (_: string) => {}, err: (_: string) => {} };

/** A session over a fresh cluster with the two sets applied and rolled out. */
function start(seed: number): Session {
  const session = new Session({ seed }, { [MANIFESTS_FILE]: MANIFESTS });
  session.run(`kubectl apply -f ${MANIFESTS_FILE}`, sink);
  session.run('kubectl rollout status sts/web', sink);
  return session;
}

/** Runs `n` generated lines; calls `each` with every line and its wall ms. */
function drive(session: Session, rng: Rng, n: number, each?: (line: string, ms: number, i: number) => void): void {
  for (let i = 1; i <= n; i++) {
    const line = randomCommand(rng, knowledgeOf(session.cluster, session.files.keys()));
    const a0 = performance.now();
    session.run(line, sink);
    each?.(line, performance.now() - a0, i);
  }
}

// Warm up the JIT on a throwaway cluster, so the first block is not slow for reasons that have nothing to do with growth.
drive(start(seed + 1_000_000), new Rng(seed + 1_000_000), Math.min(1000, actions));

const rng = new Rng(seed);
const session = start(seed);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${os.cpus().length} × ${cpu}, Node ${process.version}; ${actions} actions, seed ${seed}`);
const heap0 = heapMB();
console.log(`start: heap ${heap0.toFixed(1)} MB`);
console.log(' actions   heap MB   wall ms    cpu ms   virtual        pods  pvcs   pvs  events  revisions');

const counts = () => {
  const api = session.cluster.api;
  return ['Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'Event', 'ControllerRevision'].map((k) => api.count(k));
};
const fmtVirtual = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${d}d${String(h).padStart(2, '0')}h${String(m).padStart(2, '0')}m`;
};

const showSlow = process.argv.includes('--slow');
const slow: { ms: number; line: string; i: number }[] = [];
const blockMs: number[] = [];
const blockCpu: number[] = [];
let heapEnd = heap0;
let t0 = performance.now();
let cpu0 = process.cpuUsage();
drive(session, rng, actions, (line, took, i) => {
  if (showSlow) {
    slow.push({ ms: took, line, i });
    slow.sort((a, b) => b.ms - a.ms);
    slow.length = Math.min(slow.length, 5);
  }
  if (i % BLOCK === 0 || i === actions) {
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const cpuMs = (used.user + used.system) / 1000;
    blockMs.push(ms);
    blockCpu.push(cpuMs);
    heapEnd = heapMB();
    const [pods, pvcs, pvs, events, revs] = counts() as number[];
    console.log(
      `${String(i).padStart(8)} ${heapEnd.toFixed(1).padStart(9)} ${ms.toFixed(0).padStart(9)} ${cpuMs.toFixed(0).padStart(9)}   ${fmtVirtual(session.cluster.clock.now()).padEnd(10)} ${String(pods).padStart(6)} ${String(pvcs).padStart(5)} ${String(pvs).padStart(5)} ${String(events).padStart(7)} ${String(revs).padStart(10)}`,
    );
    if (showSlow) for (const x of slow.splice(0)) console.log(`          ${x.ms.toFixed(0).padStart(7)} ms  #${x.i}  ${x.line.slice(0, 140)}`);
    t0 = performance.now();
    cpu0 = process.cpuUsage();
  }
});

// The largest internal tables at the end: what would grow if something leaked.
const stats = Object.entries(session.cluster.stats()).sort((a, b) => b[1] - a[1]);
console.log(`\nlargest bookkeeping at the end: ${stats.slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ')}`);

const ratioOf = (xs: number[]): { first: number; last: number; ratio: number } => {
  const first = xs[0] ?? 0;
  const last = xs[xs.length - 1] ?? 0;
  return { first, last, ratio: first > 0 ? last / first : 0 };
};
const wall = ratioOf(blockMs);
const cpuTime = ratioOf(blockCpu);
const heapOk = heapEnd < HEAP_GOAL_MB;
const speedOk = wall.ratio <= SLOWDOWN_GOAL;
console.log(`\nheap at the end ${heapEnd.toFixed(1)} MB (goal < ${HEAP_GOAL_MB}): ${heapOk ? 'ok' : 'over goal'}`);
console.log(`last ${BLOCK} / first ${BLOCK} = ${wall.last.toFixed(0)} / ${wall.first.toFixed(0)} ms = ${wall.ratio.toFixed(2)}x (goal ≤ ${SLOWDOWN_GOAL}x): ${speedOk ? 'ok' : 'over goal'}`);
// On a shared machine wall time also measures the neighbours; CPU time is printed beside it.
console.log(`  (process CPU: ${cpuTime.last.toFixed(0)} / ${cpuTime.first.toFixed(0)} ms = ${cpuTime.ratio.toFixed(2)}x)`);
process.exitCode = heapOk && speedOk ? 0 : 1;
