import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { createCluster } from '../sim/cluster';
import { headlessService, statefulSet } from '../testing/kit';
import { SIZE_LIMITS } from './admission';

describe('size limits (the playground-limits admission policy)', () => {
  it('refuses a StatefulSet above the per-set limit, on create and on scale up, and lets it scale down', () => {
    const c = createCluster();
    c.api.create(headlessService());
    expect(() => c.api.create(statefulSet({ replicas: SIZE_LIMITS.replicasPerSet + 1 }))).toThrow(ApiError);
    const set = c.api.create(statefulSet({ replicas: 2 }));
    expect(() => c.api.update({ ...set, spec: { ...set.spec, replicas: 1_000_000 } })).toThrow(/at most 1000 replicas per StatefulSet \(asked for 1000000\)/);
    const cur = c.api.mustGet('StatefulSet', 'default', 'web');
    expect(() => c.api.update({ ...cur, spec: { ...(cur as typeof set).spec, replicas: SIZE_LIMITS.replicasPerSet } })).not.toThrow();
  });

  it('counts replicas over all sets', () => {
    const c = createCluster();
    c.api.create(statefulSet({ name: 'a', replicas: 1000 }));
    c.api.create(statefulSet({ name: 'b', replicas: 1000 }));
    expect(() => c.api.create(statefulSet({ name: 'c', replicas: 1000 }))).not.toThrow();
    expect(() => c.api.create(statefulSet({ name: 'd', replicas: 1 }))).toThrow(/over all StatefulSets \(this would make 3001\)/);
  });
});
