import { describe, expect, it } from 'vitest';
import type { KEvent, PersistentVolumeClaim, Pod } from '../../api/types';
import type { Cluster } from '../../sim/cluster';
import { InvariantChecker } from '../../testing/invariants';
import { create, getSet, headlessService, podNames, runToSteadyState, statefulSet, testCluster, updateSet, type SetOptions } from '../../testing/kit';
import { getPodRevision, isRunningAndReady } from './stateful-set-utils';

function setup(o: SetOptions = {}, cluster: Cluster = testCluster()) {
  const checker = new InvariantChecker(cluster);
  create(cluster, headlessService(), statefulSet(o));
  return { cluster, checker };
}

/** Times (s) at which each pod of the set was created by the controller. */
function creations(cluster: Cluster): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const ev of cluster.log) {
    if (ev.object.kind === 'Pod' && ev.type === 'ADDED') {
      const n = ev.object.metadata.name as string;
      out.set(n, [...(out.get(n) ?? []), ev.t / 1000]);
    }
  }
  return out;
}

function readyAt(cluster: Cluster, name: string): number | undefined {
  const ev = cluster.log.find((e) => e.object.kind === 'Pod' && e.object.metadata.name === name && isRunningAndReady(e.object as Pod));
  return ev ? ev.t / 1000 : undefined;
}

const pods = (c: Cluster) => c.api.list<Pod>('Pod', 'default');
const claims = (c: Cluster) => c.api.list<PersistentVolumeClaim>('PersistentVolumeClaim', 'default').map((x) => x.metadata.name);

describe('OrderedReady', () => {
  it('creates pods one at a time, each after its predecessor is Running and Ready', () => {
    const { cluster, checker } = setup({ replicas: 3 });
    expect(runToSteadyState(cluster)).toBe(true);
    expect(podNames(cluster)).toEqual(['web-0', 'web-1', 'web-2']);
    const created = creations(cluster);
    for (let i = 1; i < 3; i++) {
      const prevReady = readyAt(cluster, `web-${i - 1}`) as number;
      expect(created.get(`web-${i}`)?.[0]).toBeGreaterThanOrEqual(prevReady);
    }
    expect(claims(cluster)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(getSet(cluster).status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(checker.problems()).toEqual([]);
  });

  it('records upstream events and a readable wait reason', () => {
    const { cluster } = setup({ replicas: 2 });
    cluster.advance(1000);
    const why = cluster.statefulsets.why.get('default/web');
    expect(why?.message).toBe('waiting for web-0 to be Running and Ready before creating web-1');
    runToSteadyState(cluster);
    const msgs = cluster.api.list<KEvent>('Event', 'default').filter((e) => e.involvedObject.kind === 'StatefulSet').map((e) => `${e.reason} ${e.message}`);
    expect(msgs).toContain('SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success');
    expect(msgs).toContain('SuccessfulCreate create Pod web-1 in StatefulSet web successful');
    expect(cluster.statefulsets.why.get('default/web')).toBeUndefined();
  });

  it('scales down from the highest ordinal, one pod at a time, keeping claims', () => {
    const { cluster, checker } = setup({ replicas: 3 });
    runToSteadyState(cluster);
    const t0 = cluster.clock.now();
    updateSet(cluster, 'web', (s) => (s.spec.replicas = 1));
    runToSteadyState(cluster);
    const deletions = cluster.log.filter((e) => e.t >= t0 && e.object.kind === 'Pod' && e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp);
    expect(deletions.map((e) => e.object.metadata.name)).toEqual(['web-2', 'web-1']);
    const web2Gone = cluster.log.find((e) => e.type === 'DELETED' && e.object.metadata.name === 'web-2') as { t: number };
    expect((deletions[1] as { t: number }).t).toBeGreaterThanOrEqual(web2Gone.t);
    expect(podNames(cluster)).toEqual(['web-0']);
    expect(claims(cluster)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(checker.problems()).toEqual([]);
  });

  it('halts scale-down while a remaining pod is unhealthy', () => {
    const { cluster } = setup({ replicas: 3, image: 'nginx:unready' });
    cluster.advance(60_000);
    expect(podNames(cluster)).toEqual(['web-0']);
    expect(cluster.statefulsets.why.get('default/web')?.message).toMatch(/^waiting for web-0 to be Running and Ready before creating web-1/);
  });

  it('honours minReadySeconds before creating the next pod', () => {
    const { cluster, checker } = setup({ replicas: 2, minReadySeconds: 10 });
    runToSteadyState(cluster);
    const r0 = readyAt(cluster, 'web-0') as number;
    expect(creations(cluster).get('web-1')?.[0]).toBeGreaterThanOrEqual(r0 + 10);
    expect(getSet(cluster).status?.availableReplicas).toBe(2);
    expect(checker.problems()).toEqual([]);
  });

  it('starts ordinals at spec.ordinals.start', () => {
    const { cluster } = setup({ replicas: 2, start: 5 });
    runToSteadyState(cluster);
    expect(podNames(cluster)).toEqual(['web-5', 'web-6']);
    expect(claims(cluster)).toEqual(['www-web-5', 'www-web-6']);
  });

  it('replaces a deleted pod with the same name and claim', () => {
    const { cluster } = setup({ replicas: 2 });
    runToSteadyState(cluster);
    const before = cluster.api.get<Pod>('Pod', 'default', 'web-0');
    cluster.api.as('kubectl', () => cluster.api.delete('Pod', 'default', 'web-0'));
    runToSteadyState(cluster);
    const after = cluster.api.get<Pod>('Pod', 'default', 'web-0');
    expect(after?.metadata.uid).not.toBe(before?.metadata.uid);
    expect(after?.spec.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe('www-web-0');
    expect(claims(cluster)).toEqual(['www-web-0', 'www-web-1']);
  });
});

describe('Parallel', () => {
  it('creates every pod at once and deletes every condemned pod at once', () => {
    const { cluster, checker } = setup({ replicas: 4, policy: 'Parallel' });
    runToSteadyState(cluster);
    const times = [...creations(cluster).values()].map((t) => t[0]);
    expect(new Set(times).size).toBe(1);
    const t0 = cluster.clock.now();
    updateSet(cluster, 'web', (s) => (s.spec.replicas = 1));
    runToSteadyState(cluster);
    const deletedAt = cluster.log.filter((e) => e.t >= t0 && e.object.kind === 'Pod' && e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp).map((e) => e.t);
    expect(deletedAt).toHaveLength(3);
    expect(new Set(deletedAt).size).toBe(1);
    expect(checker.problems()).toEqual([]);
  });
});

describe('RollingUpdate', () => {
  it('replaces pods from the highest ordinal down and then moves currentRevision', () => {
    const { cluster, checker } = setup({ replicas: 3 });
    runToSteadyState(cluster);
    const oldRev = getSet(cluster).status?.currentRevision;
    const t0 = cluster.clock.now();
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.26'));
    runToSteadyState(cluster);
    const order = cluster.log.filter((e) => e.t >= t0 && e.object.kind === 'Pod' && e.type === 'DELETED').map((e) => e.object.metadata.name);
    expect(order).toEqual(['web-2', 'web-1', 'web-0']);
    const st = getSet(cluster).status;
    expect(st?.currentRevision).not.toBe(oldRev);
    expect(st?.currentRevision).toBe(st?.updateRevision);
    expect(pods(cluster).map(getPodRevision)).toEqual([st?.updateRevision, st?.updateRevision, st?.updateRevision]);
    checker.checkSettled(getSet(cluster));
    expect(checker.problems()).toEqual([]);
  });

  it('updates only ordinals at or above the partition, and currentRevision stays', () => {
    const { cluster, checker } = setup({ replicas: 3, partition: 2 });
    runToSteadyState(cluster);
    const oldRev = getSet(cluster).status?.currentRevision;
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.26'));
    runToSteadyState(cluster);
    const st = getSet(cluster).status;
    expect(st?.currentRevision).toBe(oldRev);
    expect(pods(cluster).map(getPodRevision)).toEqual([oldRev, oldRev, st?.updateRevision]);
    expect(st).toMatchObject({ currentReplicas: 2, updatedReplicas: 1 });
    // A deleted pod below the partition comes back at the old revision.
    cluster.api.as('kubectl', () => cluster.api.delete('Pod', 'default', 'web-0'));
    runToSteadyState(cluster);
    expect(getPodRevision(cluster.api.mustGet<Pod>('Pod', 'default', 'web-0'))).toBe(oldRev);
    updateSet(cluster, 'web', (s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }));
    runToSteadyState(cluster);
    expect(getSet(cluster).status?.currentRevision).toBe(st?.updateRevision);
    checker.checkSettled(getSet(cluster));
    expect(checker.problems()).toEqual([]);
  });

  it('with partition >= replicas updates nothing, and new ordinals get the update revision', () => {
    const { cluster, checker } = setup({ replicas: 2, partition: 3 });
    runToSteadyState(cluster);
    const oldRev = getSet(cluster).status?.currentRevision;
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.26'));
    runToSteadyState(cluster);
    expect(pods(cluster).map(getPodRevision)).toEqual([oldRev, oldRev]);
    updateSet(cluster, 'web', (s) => (s.spec.replicas = 4));
    runToSteadyState(cluster);
    const upd = getSet(cluster).status?.updateRevision;
    expect(pods(cluster).map(getPodRevision)).toEqual([oldRev, oldRev, oldRev, upd]);
    expect(checker.problems()).toEqual([]);
  });

  it('a bad image blocks the rollout; undo alone does not free it; deleting the broken pod does', () => {
    const { cluster, checker } = setup({ replicas: 3 });
    runToSteadyState(cluster);
    const good = getSet(cluster).status?.currentRevision;
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:bad'));
    cluster.advance(120_000);
    const bad = getSet(cluster).status?.updateRevision;
    expect(pods(cluster).map(getPodRevision)).toEqual([good, good, bad]);
    expect(cluster.statefulsets.why.get('default/web')?.message).toContain('web-2');
    // Roll the template back: the broken pod stays, the set stays stuck.
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.25'));
    cluster.advance(120_000);
    expect(getPodRevision(cluster.api.mustGet<Pod>('Pod', 'default', 'web-2'))).toBe(bad);
    cluster.api.as('kubectl', () => cluster.api.delete('Pod', 'default', 'web-2'));
    runToSteadyState(cluster);
    const st = getSet(cluster).status;
    expect(st?.updateRevision).toBe(good);
    expect(pods(cluster).map(getPodRevision)).toEqual([good, good, good]);
    expect(checker.problems()).toEqual([]);
  });
});

describe('OnDelete', () => {
  it('replaces pods only when deleted, with the update revision; currentRevision never moves', () => {
    const { cluster } = setup({ replicas: 2, strategy: 'OnDelete' });
    runToSteadyState(cluster);
    const oldRev = getSet(cluster).status?.currentRevision;
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.26'));
    runToSteadyState(cluster);
    expect(pods(cluster).map(getPodRevision)).toEqual([oldRev, oldRev]);
    cluster.api.as('kubectl', () => cluster.api.delete('Pod', 'default', 'web-0'));
    runToSteadyState(cluster);
    const st = getSet(cluster).status;
    expect(pods(cluster).map(getPodRevision)).toEqual([st?.updateRevision, oldRev]);
    expect(st?.currentRevision).toBe(oldRev);
  });
});

describe('persistentVolumeClaimRetentionPolicy', () => {
  it('whenScaled: Delete removes the claims of scaled-away pods after they are gone', () => {
    const { cluster, checker } = setup({ replicas: 3, whenScaled: 'Delete' });
    runToSteadyState(cluster);
    updateSet(cluster, 'web', (s) => (s.spec.replicas = 1));
    runToSteadyState(cluster);
    expect(claims(cluster)).toEqual(['www-web-0']);
    const podGone = cluster.log.find((e) => e.type === 'DELETED' && e.object.kind === 'Pod' && e.object.metadata.name === 'web-2') as { t: number; seq: number };
    const claimGone = cluster.log.find((e) => e.type === 'DELETED' && e.object.kind === 'PersistentVolumeClaim' && e.object.metadata.name === 'www-web-2') as { seq: number };
    expect(claimGone.seq).toBeGreaterThan(podGone.seq);
    expect(checker.problems()).toEqual([]);
  });

  it('whenDeleted: Delete gives claims an owner reference to the set and removes them with it', () => {
    const { cluster, checker } = setup({ replicas: 2, whenDeleted: 'Delete' });
    runToSteadyState(cluster);
    const claim = cluster.api.mustGet<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-0');
    expect(claim.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true });
    cluster.api.as('kubectl', () => cluster.api.delete('StatefulSet', 'default', 'web'));
    runToSteadyState(cluster);
    expect(claims(cluster)).toEqual([]);
    expect(pods(cluster)).toEqual([]);
    expect(checker.problems()).toEqual([]);
  });

  it('Retain keeps claims when the set is deleted', () => {
    const { cluster } = setup({ replicas: 2 });
    runToSteadyState(cluster);
    cluster.api.as('kubectl', () => cluster.api.delete('StatefulSet', 'default', 'web'));
    runToSteadyState(cluster);
    expect(pods(cluster)).toEqual([]);
    expect(claims(cluster)).toEqual(['www-web-0', 'www-web-1']);
  });
});

describe('revision history', () => {
  it('keeps at most revisionHistoryLimit revisions no pod uses', () => {
    // revisionHistoryLimit cannot be changed on a v1.32 API server, so it is set at creation.
    const cluster = testCluster();
    const set = statefulSet({ replicas: 1 });
    set.spec.revisionHistoryLimit = 2;
    create(cluster, headlessService(), set);
    runToSteadyState(cluster);
    for (let i = 0; i < 5; i++) {
      updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = `nginx:1.${30 + i}`));
      runToSteadyState(cluster);
    }
    const revs = cluster.api.list('ControllerRevision', 'default');
    expect(revs.length).toBeLessThanOrEqual(2 + 2);
    expect(revs.map((r) => (r as unknown as { revision: number }).revision).sort()).toEqual([4, 5, 6]);
  });

  it('a rollback re-uses the old revision and renumbers it', () => {
    const { cluster } = setup({ replicas: 1 });
    runToSteadyState(cluster);
    const first = getSet(cluster).status?.currentRevision;
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.26'));
    runToSteadyState(cluster);
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.25'));
    runToSteadyState(cluster);
    expect(getSet(cluster).status?.updateRevision).toBe(first);
    const revs = cluster.api.list('ControllerRevision', 'default') as unknown as { metadata: { name: string }; revision: number }[];
    expect(revs.find((r) => r.metadata.name === first)?.revision).toBe(3);
    expect(revs).toHaveLength(2);
  });
});

describe('MaxUnavailableStatefulSet gate', () => {
  function rollWith(gateOn: boolean) {
    const cluster = testCluster({ featureGates: { MaxUnavailableStatefulSet: gateOn } });
    const set = statefulSet({ replicas: 4, policy: 'Parallel', withClaims: false });
    set.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } };
    create(cluster, headlessService(), set);
    runToSteadyState(cluster);
    const t0 = cluster.clock.now();
    updateSet(cluster, 'web', (s) => ((s.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.26'));
    runToSteadyState(cluster);
    const firstDeletes = cluster.log.filter((e) => e.t >= t0 && e.object.kind === 'Pod' && e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp);
    const first = firstDeletes[0]?.t;
    return { cluster, together: firstDeletes.filter((e) => e.t === first).map((e) => e.object.metadata.name) };
  }

  it('is off by default: the field is dropped and one pod is replaced at a time', () => {
    const { cluster, together } = rollWith(false);
    expect(getSet(cluster).spec.updateStrategy?.rollingUpdate?.maxUnavailable).toBeUndefined();
    expect(together).toEqual(['web-3']);
  });

  it('when on, replaces up to maxUnavailable pods at once, highest ordinals first', () => {
    const { cluster, together } = rollWith(true);
    expect(getSet(cluster).spec.updateStrategy?.rollingUpdate?.maxUnavailable).toBe(2);
    expect(together).toEqual(['web-3', 'web-2']);
    expect(cluster.clock.faults).toEqual([]);
  });
});
