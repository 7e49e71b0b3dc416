/**
 * The pod index is kept from the watch stream; after any sequence of writes
 * it must say what an index built from a fresh listing says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../../lib/clone';
import type { Pod, StatefulSet } from '../../api/types';
import { create, getSet, headlessService, statefulSet, testCluster } from '../../testing/kit';
import { SetPodIndex, type ReplicaView } from './pod-index';

type Action =
  | { t: 'scale'; n: number }
  | { t: 'image'; image: string }
  | { t: 'minReady'; s: number }
  | { t: 'deletePod'; ordinal: number }
  | { t: 'orphan'; name: string }
  | { t: 'relabel'; ordinal: number }
  | { t: 'disown'; ordinal: number }
  | { t: 'wait'; s: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('scale' as const), n: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('image' as const), image: fc.constantFrom('nginx:1.25', 'nginx:1.26', 'nginx:unready') }),
  fc.record({ t: fc.constant('minReady' as const), s: fc.constantFrom(0, 3, 10) }),
  fc.record({ t: fc.constant('deletePod' as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('orphan' as const), name: fc.constantFrom('web-1', 'web-01', 'web-9', 'webx-1') }),
  fc.record({ t: fc.constant('relabel' as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('disown' as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('wait' as const), s: fc.integer({ min: 0, max: 20 }) }),
);

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 60);

/** What a view says, in plain data. */
function describeView(v: ReplicaView) {
  const members = (s: { has(i: number): boolean }) => v.slots.map((_, i) => s.has(i));
  return {
    slots: v.slots.map((p) => p?.metadata.resourceVersion),
    condemned: [...v.condemned].map((p) => p.metadata.name).sort(),
    counts: [v.replicas, v.ready, v.available],
    byRevision: Object.fromEntries([...v.byRevision].sort()),
    unhealthy: members(v.unhealthy),
    stale: members(v.stale),
    uncreated: members(v.uncreated),
  };
}

describe('SetPodIndex', () => {
  it('kept from watch events, says what a fresh listing says', () => {
    fc.assert(
      fc.property(fc.constantFrom('OrderedReady' as const, 'Parallel' as const), fc.array(action, { minLength: 1, maxLength: 15 }), fc.integer({ min: 1, max: 1000 }), (policy, actions, seed) => {
        const cluster = testCluster({ seed });
        const api = cluster.api;
        create(cluster, headlessService(), statefulSet({ replicas: 3, policy }));
        cluster.advance(0);
        const set0 = getSet(cluster);
        const live = new SetPodIndex(set0, api.list<Pod>('Pod', 'default'));
        api.watch((ev) => {
          if (ev.object.kind === 'Pod') live.podChanged(ev.object.metadata.name as string, ev.type === 'DELETED' ? undefined : (ev.object as Pod));
          if (ev.object.kind === 'PersistentVolumeClaim') live.claimChanged(ev.object.metadata.name as string);
        });
        const pod = (o: number) => api.get<Pod>('Pod', 'default', `web-${o}`);
        const write = (p: Pod | undefined, f: (p: Pod) => void) => {
          if (!p) return;
          const q = deepCopy(p);
          f(q);
          api.as('kubectl', () => api.update(q));
        };
        const updateSet = (f: (s: StatefulSet) => void) => {
          const s = deepCopy(getSet(cluster));
          f(s);
          api.as('kubectl', () => api.update(s));
        };
        for (const a of actions) {
          switch (a.t) {
            case 'scale':
              updateSet((s) => (s.spec.replicas = a.n));
              break;
            case 'image':
              updateSet((s) => ((s.spec.template.spec.containers[0] as { image: string }).image = a.image));
              break;
            case 'minReady':
              updateSet((s) => (s.spec.minReadySeconds = a.s));
              break;
            case 'deletePod':
              if (pod(a.ordinal)) api.as('kubectl', () => api.delete('Pod', 'default', `web-${a.ordinal}`));
              break;
            case 'orphan':
              if (!api.get('Pod', 'default', a.name)) create(cluster, { apiVersion: 'v1', kind: 'Pod', metadata: { name: a.name, namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as Pod);
              break;
            case 'relabel':
              write(pod(a.ordinal), (p) => (p.metadata.labels = { ...p.metadata.labels, app: p.metadata.labels?.['app'] === 'web' ? 'other' : 'web' }));
              break;
            case 'disown':
              write(pod(a.ordinal), (p) => delete p.metadata.ownerReferences);
              break;
            case 'wait':
              cluster.advance(a.s * 1000);
              break;
          }
          cluster.advance(0);
          const set = getSet(cluster);
          if (set.metadata.uid !== live.uid) continue;
          const fresh = new SetPodIndex(set, api.list<Pod>('Pod', 'default'));
          const rev = set.status?.updateRevision ?? '';
          const now = cluster.clock.now();
          const a1 = live.prepare(set, rev, 'k', now);
          const a2 = fresh.prepare(set, rev, 'k', now);
          expect(describeView(a1)).toEqual(describeView(a2));
          expect([...live.liveRevisions()].sort()).toEqual([...fresh.liveRevisions()].sort());
          expect(live.claimCandidates().map((p) => p.metadata.resourceVersion)).toEqual(fresh.claimCandidates().map((p) => p.metadata.resourceVersion));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
