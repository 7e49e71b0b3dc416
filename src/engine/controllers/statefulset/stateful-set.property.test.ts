/**
 * Random sequences of what users do to a StatefulSet — scale, move the
 * partition, set an image, delete a pod or a claim, let time pass — across
 * the policy matrix. After every write the invariants hold; once the
 * cluster settles, the pods are exactly the in-range ordinals at the
 * revisions the partition asks for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../../lib/clone';
import type { StatefulSet } from '../../api/types';
import { InvariantChecker } from '../../testing/invariants';
import { create, getSet, headlessService, runToSteadyState, statefulSet, testCluster } from '../../testing/kit';

type Action =
  | { t: 'scale'; n: number }
  | { t: 'partition'; p: number }
  | { t: 'image'; image: string }
  | { t: 'deletePod'; ordinal: number }
  | { t: 'deleteClaim'; ordinal: number }
  | { t: 'wait'; s: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ t: fc.constant('scale' as const), n: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('partition' as const), p: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ t: fc.constant('image' as const), image: fc.constantFrom('nginx:1.25', 'nginx:1.26', 'nginx:1.27') }),
  fc.record({ t: fc.constant('deletePod' as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('deleteClaim' as const), ordinal: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('wait' as const), s: fc.integer({ min: 0, max: 40 }) }),
);

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 130);

function apply(cluster: ReturnType<typeof testCluster>, a: Action): void {
  const api = cluster.api;
  const update = (f: (s: StatefulSet) => void) => {
    const s = deepCopy(getSet(cluster));
    f(s);
    api.as('kubectl', () => api.update(s));
  };
  const tryDelete = (kind: string, name: string) => {
    if (api.get(kind, 'default', name)) api.as('kubectl', () => api.delete(kind, 'default', name));
  };
  switch (a.t) {
    case 'scale':
      return update((s) => (s.spec.replicas = a.n));
    case 'partition':
      return update((s) => {
        if (s.spec.updateStrategy?.type === 'OnDelete') return;
        s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: a.p } };
      });
    case 'image':
      return update((s) => ((s.spec.template.spec.containers[0] as { image: string }).image = a.image));
    case 'deletePod':
      return tryDelete('Pod', `web-${a.ordinal}`);
    case 'deleteClaim':
      return tryDelete('PersistentVolumeClaim', `www-web-${a.ordinal}`);
    case 'wait':
      return cluster.advance(a.s * 1000);
  }
}

const matrix = [
  { policy: 'OrderedReady' as const, whenScaled: 'Retain' as const },
  { policy: 'OrderedReady' as const, whenScaled: 'Delete' as const },
  { policy: 'Parallel' as const, whenScaled: 'Retain' as const },
  { policy: 'Parallel' as const, whenScaled: 'Delete' as const },
];

describe.each(matrix)('random user actions ($policy, whenScaled $whenScaled)', ({ policy, whenScaled }) => {
  it('keep the StatefulSet invariants at every step and settle where the spec says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(action, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (replicas, actions, seed) => {
        const cluster = testCluster({ seed });
        const checker = new InvariantChecker(cluster);
        create(cluster, headlessService(), statefulSet({ replicas, policy, whenScaled }));
        for (const a of actions) {
          apply(cluster, a);
          cluster.advance(0);
          if (checker.problems().length) break;
        }
        const settled = runToSteadyState(cluster, 30 * 60_000);
        if (settled) checker.checkSettled(getSet(cluster));
        expect(settled, 'the cluster settles').toBe(true);
        expect(checker.problems()).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
