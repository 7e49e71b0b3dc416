/**
 * `npm run bench`: wall time to fast-forward the simulated cluster through
 * (a) a Parallel scale-up to all Ready, (b) an OrderedReady scale-up and
 * (c) a full rolling update, for 100 and 1,000 replicas, and the
 * 1,000/100 ratio of each, from the median of three runs. Prints a table; writes nothing. The goal is on
 * wall time; the process CPU time is printed beside it because on a shared
 * machine the two part when other work competes for the cores.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { deepCopy } from '../src/lib/clone';
import type { StatefulSet } from '../src/engine/api/types';
import { createCluster, type Cluster } from '../src/engine/sim/cluster';
import { headlessService, statefulSet } from '../src/engine/testing/kit';

type Case = 'parallel-scale-up' | 'ordered-scale-up' | 'rolling-update';

function allReady(c: Cluster, n: number, image?: string): boolean {
  const set = c.api.get<StatefulSet>('StatefulSet', 'default', 'web');
  const st = set?.status;
  if (!st || st.readyReplicas !== n || st.replicas !== n) return false;
  if (image) return st.updatedReplicas === n && st.currentRevision === st.updateRevision && set.spec.template.spec.containers[0]?.image === image;
  return true;
}

function newCluster(n: number, policy: 'Parallel' | 'OrderedReady'): Cluster {
  const c = createCluster({ seed: 1, nodes: Array.from({ length: 10 }, (_, i) => `node-${i + 1}`) }, { keepLog: false });
  c.api.as('kubectl', () => {
    c.api.create(headlessService());
    c.api.create(statefulSet({ replicas: n, policy }));
  });
  return c;
}

/** Process CPU milliseconds (user + system) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

function run(kind: Case, n: number): { ms: number; cpu: number; virtual: number } {
  const day = 24 * 3_600_000;
  if (kind === 'rolling-update') {
    const c = newCluster(n, 'OrderedReady');
    if (!c.clock.runUntil(() => allReady(c, n), 30 * day)) throw new Error('setup did not settle');
    const start = performance.now();
    const cpu = process.cpuUsage();
    const t0 = c.clock.now();
    const s = deepCopy(c.api.mustGet<StatefulSet>('StatefulSet', 'default', 'web'));
    (s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.26';
    c.api.as('kubectl', () => c.api.update(s));
    if (!c.clock.runUntil(() => allReady(c, n, 'nginx:1.26'), 30 * day)) throw new Error('rolling update did not finish');
    return { ms: performance.now() - start, cpu: cpuSince(cpu), virtual: (c.clock.now() - t0) / 1000 };
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  const c = newCluster(n, kind === 'parallel-scale-up' ? 'Parallel' : 'OrderedReady');
  if (!c.clock.runUntil(() => allReady(c, n), 30 * day)) throw new Error(`${kind} did not finish`);
  return { ms: performance.now() - start, cpu: cpuSince(cpu), virtual: c.clock.now() / 1000 };
}

const cases: Case[] = ['parallel-scale-up', 'ordered-scale-up', 'rolling-update'];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
const RUNS = 3;
console.log(`each case runs ${RUNS} times after a warm-up; the median run is shown, then every run's wall ms`);
console.log('case                 replicas   wall ms   virtual s    cpu ms   runs');
const results: Record<string, number[]> = {};
for (const k of cases) {
  for (const n of [100, 1000]) {
    run(k, 20); // warm-up
    const runs = Array.from({ length: RUNS }, () => run(k, n));
    const r = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(RUNS / 2)] as ReturnType<typeof run>;
    (results[k] ??= []).push(r.ms);
    console.log(`${k.padEnd(20)} ${String(n).padStart(8)} ${r.ms.toFixed(0).padStart(9)} ${r.virtual.toFixed(0).padStart(11)} ${r.cpu.toFixed(0).padStart(9)}   ${runs.map((x) => x.ms.toFixed(0)).join(' ')}`);
  }
}
console.log('\nratio 1000/100 (goal: each 1,000-replica case under 1500 ms, ratio under 15)');
for (const k of cases) {
  const [a, b] = results[k] as [number, number];
  console.log(`${k.padEnd(20)} ${(b / a).toFixed(1).padStart(6)}x   ${b < 1500 && b / a < 15 ? 'ok' : 'over goal'}`);
}
