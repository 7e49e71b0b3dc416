import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { create, headlessService, runToSteadyState, statefulSet, testCluster } from '../../testing/kit';

function settledSet(replicas = 2) {
  const cluster = testCluster();
  create(cluster, headlessService(), statefulSet({ replicas, withClaims: false }));
  runToSteadyState(cluster);
  return cluster;
}

describe('GarbageCollector', () => {
  it('background deletion removes the set at once, then its pods and revisions', () => {
    const cluster = settledSet();
    cluster.api.as('kubectl', () => cluster.api.delete('StatefulSet', 'default', 'web'));
    expect(cluster.api.get('StatefulSet', 'default', 'web')).toBeUndefined();
    expect(cluster.api.list('Pod', 'default')).toHaveLength(2);
    runToSteadyState(cluster);
    expect(cluster.api.list('Pod', 'default')).toEqual([]);
    expect(cluster.api.list('ControllerRevision', 'default')).toEqual([]);
    const deleters = cluster.log.filter((e) => e.object.kind === 'Pod' && e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp).map((e) => e.actor);
    expect(deleters).toEqual(['garbage-collector', 'garbage-collector']);
  });

  it('--cascade=orphan strips owner references and keeps the pods', () => {
    const cluster = settledSet();
    cluster.api.as('kubectl', () => cluster.api.delete('StatefulSet', 'default', 'web', { propagationPolicy: 'Orphan' }));
    runToSteadyState(cluster);
    expect(cluster.api.get('StatefulSet', 'default', 'web')).toBeUndefined();
    const pods = cluster.api.list<Pod>('Pod', 'default');
    expect(pods.map((p) => p.metadata.name)).toEqual(['web-0', 'web-1']);
    expect(pods.every((p) => !p.metadata.ownerReferences)).toBe(true);
  });

  it('a new set with the same selector adopts orphaned pods instead of creating new ones', () => {
    const cluster = settledSet();
    const uids = cluster.api.list<Pod>('Pod', 'default').map((p) => p.metadata.uid);
    cluster.api.as('kubectl', () => cluster.api.delete('StatefulSet', 'default', 'web', { propagationPolicy: 'Orphan' }));
    runToSteadyState(cluster);
    create(cluster, statefulSet({ replicas: 2, withClaims: false }));
    runToSteadyState(cluster);
    const pods = cluster.api.list<Pod>('Pod', 'default');
    expect(pods.map((p) => p.metadata.uid)).toEqual(uids);
    expect(pods.every((p) => p.metadata.ownerReferences?.[0]?.kind === 'StatefulSet')).toBe(true);
  });

  it('foreground deletion keeps the set until its pods are gone', () => {
    const cluster = settledSet();
    cluster.api.as('kubectl', () => cluster.api.delete('StatefulSet', 'default', 'web', { propagationPolicy: 'Foreground' }));
    expect(cluster.api.get('StatefulSet', 'default', 'web')?.metadata.deletionTimestamp).toBeDefined();
    runToSteadyState(cluster);
    expect(cluster.api.get('StatefulSet', 'default', 'web')).toBeUndefined();
    expect(cluster.api.list('Pod', 'default')).toEqual([]);
    expect(cluster.clock.faults).toEqual([]);
  });
});
