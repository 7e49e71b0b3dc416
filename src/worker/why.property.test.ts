/**
 * Random sequences of what people do to a StatefulSet (scale, move the
 * partition, set a good, broken or never-ready image, delete a pod, let time
 * pass) across policies and strategies. At every instant the why line the
 * page would show must not contradict the cluster: no "N of M" with N > M,
 * no "rolling update" when nothing is being updated, no "scaling down"
 * without a pod to remove, a wait only with the controller's own words, and
 * the grammar of one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepCopy } from '../lib/clone';
import type { Pod, StatefulSet } from '../engine/api/types';
import type { Cluster } from '../engine/sim/cluster';
import { getOrdinal, isRunningAndReady, isTerminating } from '../engine/controllers/statefulset/stateful-set-utils';
import { create, getSet, headlessService, statefulSet, testCluster } from '../engine/testing/kit';
import { whySummary } from '../app/panels/why-summary';
import { setView, whyView } from './views';

type Action =
  | { t: 'scale'; n: number }
  | { t: 'partition'; p: number }
  | { t: 'image'; image: string }
  | { t: 'deletePod'; ordinal: number }
  | { t: 'wait'; s: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('scale' as const), n: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('partition' as const), p: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('image' as const), image: fc.constantFrom('nginx:1.25', 'nginx:1.26', 'nginx:bad', 'nginx:unready') }),
  fc.record({ t: fc.constant('deletePod' as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('wait' as const), s: fc.integer({ min: 0, max: 30 }) }),
);

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 60);

const setPods = (c: Cluster): Pod[] => c.api.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'web');

/** The line the page shows for `web` now must agree with the cluster. */
function check(c: Cluster, trail: string[]): void {
  const set = getSet(c);
  const rec = c.whyLog.since(0).filter((w) => w.set === 'web').at(-1);
  const why = rec ? whyView(rec) : undefined;
  const { text, waiting } = whySummary(setView(set), why);
  const at = `${text} (at ${c.clock.now()} ms after ${trail.join(', ')})`;
  const st = set.status;
  const want = set.spec.replicas ?? 1;
  for (const m of text.matchAll(/(\d+) of (\d+)/g)) expect(Number(m[1]), at).toBeLessThanOrEqual(Number(m[2]));
  expect(text, at).not.toMatch(/(^|\D)1 pods\b|\ball [01] pods?\b|\b0 of 0\b/);
  expect(waiting, at).toBe(!!why?.message);
  const pods = setPods(c);
  if (/rolling update/.test(text)) {
    expect(set.spec.updateStrategy?.type, at).not.toBe('OnDelete');
    const updating = st?.currentRevision !== st?.updateRevision || pods.some((p) => p.metadata.labels?.['controller-revision-hash'] !== st?.updateRevision);
    expect(updating, `"rolling update" with nothing to update: ${at}`).toBe(true);
  }
  if (/scaling down/.test(text)) {
    const start = set.spec.ordinals?.start ?? 0;
    expect(pods.some((p) => getOrdinal(p) < start || getOrdinal(p) >= start + want), `"scaling down" with no pod to remove: ${at}`).toBe(true);
  }
  const named = why?.pod ? pods.find((p) => p.metadata.name === why.pod) : undefined;
  if (why?.code === 'PodNotReady' || why?.code === 'CreatedPod') expect(named && isRunningAndReady(named) && !isTerminating(named), `waits for a Ready pod: ${at}`).toBeFalsy();
  if (why?.code === 'ScaleDownTerminating' || why?.code === 'PodTerminating') expect(named && isTerminating(named), `waits for a pod that is not terminating: ${at}`).toBe(true);
}

function apply(c: Cluster, a: Action, trail: string[]): void {
  const api = c.api;
  const update = (f: (s: StatefulSet) => void) => {
    const s = deepCopy(getSet(c));
    f(s);
    api.as('kubectl', () => api.update(s));
  };
  switch (a.t) {
    case 'scale':
      return update((s) => (s.spec.replicas = a.n));
    case 'partition':
      return update((s) => {
        if (s.spec.updateStrategy?.type === 'OnDelete') return;
        s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { ...s.spec.updateStrategy?.rollingUpdate, partition: a.p } };
      });
    case 'image':
      return update((s) => ((s.spec.template.spec.containers[0] as { image: string }).image = a.image));
    case 'deletePod':
      if (api.get('Pod', 'default', `web-${a.ordinal}`)) api.as('kubectl', () => api.delete('Pod', 'default', `web-${a.ordinal}`));
      return;
    case 'wait': {
      // Instant by instant, looking at the line after each.
      const end = c.clock.now() + a.s * 1000;
      for (let next = c.clock.nextAt(); next !== undefined && next <= end; next = c.clock.nextAt()) {
        c.clock.advanceTo(next);
        check(c, trail);
      }
      c.clock.advanceTo(end);
      return;
    }
  }
}

const matrix = [
  { policy: 'OrderedReady' as const, strategy: 'RollingUpdate' as const, gate: false },
  { policy: 'OrderedReady' as const, strategy: 'OnDelete' as const, gate: false },
  { policy: 'Parallel' as const, strategy: 'RollingUpdate' as const, gate: false },
  { policy: 'Parallel' as const, strategy: 'OnDelete' as const, gate: false },
  { policy: 'Parallel' as const, strategy: 'RollingUpdate' as const, gate: true },
];

describe.each(matrix)('the why line under random actions ($policy, $strategy, maxUnavailable gate $gate)', ({ policy, strategy, gate }) => {
  it('never contradicts the cluster', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(action, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 1000 }), (replicas, actions, seed) => {
        const c = testCluster({ seed, featureGates: { MaxUnavailableStatefulSet: gate } });
        const set = statefulSet({ replicas, policy, strategy, withClaims: seed % 2 === 0 });
        if (gate) set.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } };
        create(c, headlessService(), set);
        const trail: string[] = [`${replicas} replicas`];
        c.clock.runDue();
        check(c, trail);
        for (const a of actions) {
          trail.push(JSON.stringify(a));
          apply(c, a, trail);
          c.clock.runDue();
          check(c, trail);
        }
        apply(c, { t: 'wait', s: 120 }, trail);
      }),
      { numRuns: RUNS },
    );
  });
});
