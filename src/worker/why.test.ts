/**
 * The why line, end to end below the page: a real cluster is driven to each
 * decision point of the StatefulSet controller's sync, and the line the page
 * would show is computed from the views the worker would send (setView,
 * whyView) with the panel's own `whySummary`.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, StatefulSet } from '../engine/api/types';
import type { Cluster } from '../engine/sim/cluster';
import type { ClusterConfig } from '../engine/sim/config';
import { create, getSet, headlessService, runToSteadyState, statefulSet, testCluster, updateSet, type SetOptions } from '../engine/testing/kit';
import { isRunningAndReady } from '../engine/controllers/statefulset/stateful-set-utils';
import { whySummary } from '../app/panels/why-summary';
import { setView, whyView } from './views';

function cluster(o: SetOptions, over: Partial<ClusterConfig> = {}): Cluster {
  const c = testCluster(over);
  create(c, headlessService(), statefulSet(o));
  return c;
}

const pod = (c: Cluster, name: string) => c.api.get<Pod>('Pod', 'default', name);
const isReady = (c: Cluster, name: string) => {
  const p = pod(c, name);
  return !!p && !p.metadata.deletionTimestamp && isRunningAndReady(p);
};

/** Advances instant by instant until `pred` holds (checked after each instant); throws if it never does. */
function until(c: Cluster, pred: () => boolean, what: string, limitMs = 180_000): void {
  const end = c.clock.now() + limitMs;
  while (!pred()) {
    const next = c.clock.nextAt();
    if (next === undefined || next > end) throw new Error(`never reached: ${what}`);
    c.clock.advanceTo(next);
  }
}

/** The latest decision recorded for set `web`. */
const lastRecord = (c: Cluster) => c.whyLog.since(0).filter((w) => w.set === 'web').at(-1);

/** What the page shows for `web` now: its why line, and the decision code behind it. */
function shown(c: Cluster): { code: string | null; text: string; waiting: boolean } {
  const rec = lastRecord(c);
  const why = rec ? whyView(rec) : undefined;
  return { code: why?.code ?? null, ...whySummary(setView(getSet(c)), why) };
}

/** Every decision the controller recorded for `web`, as `code: words`. */
const decisions = (c: Cluster) => c.whyLog.since(0).filter((w) => w.set === 'web' && w.reason).map((w) => `${w.reason?.code}: ${w.reason?.message}`);

const image = (img: string) => (s: StatefulSet) => void ((s.spec.template.spec.containers[0] as { image: string }).image = img);
const scale = (n: number) => (s: StatefulSet) => void (s.spec.replicas = n);
const deletePod = (c: Cluster, name: string) => c.api.as('kubectl', () => c.api.delete('Pod', 'default', name));
/** Adds a finalizer of another controller's to an object, so its deletion waits. */
const hold = (c: Cluster, kind: 'Pod' | 'PersistentVolumeClaim', name: string) => {
  const o = c.api.mustGet(kind, 'default', name);
  c.api.as('kubectl', () => c.api.update({ ...o, metadata: { ...o.metadata, finalizers: [...(o.metadata.finalizers ?? []), 'example.com/hold'] } }));
};
const revisions = (c: Cluster) => {
  const st = getSet(c).status;
  return { current: st?.currentRevision ?? '', update: st?.updateRevision ?? '' };
};

interface Row {
  name: string;
  /** Drives the cluster to the decision point; returns what the page must show there. */
  drive: (c: Cluster) => { code: string | null; text: string; waiting: boolean };
  set: SetOptions;
  config?: Partial<ClusterConfig>;
}

const rows: Row[] = [
  {
    name: 'OrderedReady scale-up waits for each new pod before creating the next',
    set: { replicas: 2 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(4));
      until(c, () => !!pod(c, 'web-2'), 'web-2 created');
      return { code: 'PodNotReady', text: 'waiting for web-2 to be Running and Ready before creating web-3', waiting: true };
    },
  },
  {
    name: 'OrderedReady scale-up, the last new pod',
    set: { replicas: 2 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(3));
      until(c, () => !!pod(c, 'web-2'), 'web-2 created');
      return { code: 'PodNotReady', text: 'waiting for web-2 to be Running and Ready', waiting: true };
    },
  },
  {
    name: 'OrderedReady with minReadySeconds waits for availability',
    set: { replicas: 2, minReadySeconds: 10 },
    drive: (c) => {
      until(c, () => isReady(c, 'web-0'), 'web-0 Ready');
      return { code: 'PodNotAvailable', text: 'waiting for web-0 to be available (Ready for minReadySeconds=10) before creating web-1', waiting: true };
    },
  },
  {
    name: 'OrderedReady scale-down waits for the highest pod to terminate before deleting the next',
    set: { replicas: 4 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(2));
      c.clock.runDue();
      return { code: 'ScaleDownTerminating', text: 'scaling down: waiting for web-3 to finish terminating before deleting web-2', waiting: true };
    },
  },
  {
    name: 'OrderedReady scale-down, the last pod to go',
    set: { replicas: 4 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(2));
      until(c, () => !!pod(c, 'web-2')?.metadata.deletionTimestamp, 'web-2 deleted');
      return { code: 'ScaleDownTerminating', text: 'scaling down: waiting for web-2 to finish terminating', waiting: true };
    },
  },
  {
    name: 'OrderedReady scale-down halts while two condemned pods are unhealthy',
    set: { replicas: 4, strategy: 'OnDelete' },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:unready'));
      deletePod(c, 'web-3');
      until(c, () => !!pod(c, 'web-3') && !pod(c, 'web-3')?.metadata.deletionTimestamp && pod(c, 'web-3')?.status?.phase === 'Running', 'web-3 back, unready');
      deletePod(c, 'web-2');
      until(c, () => !!pod(c, 'web-2') && !pod(c, 'web-2')?.metadata.deletionTimestamp && pod(c, 'web-2')?.status?.phase === 'Running', 'web-2 back, unready');
      updateSet(c, 'web', scale(2));
      c.clock.runDue();
      return { code: 'ScaleDownUnhealthy', text: 'scaling down halted: web-3 and web-2 are not Running and Ready; web-3 is deleted once one of them is', waiting: true };
    },
  },
  {
    name: 'OrderedReady: a deleted pod is waited out, then created again',
    set: { replicas: 3 },
    drive: (c) => {
      runToSteadyState(c);
      deletePod(c, 'web-1');
      c.clock.runDue();
      return { code: 'PodTerminating', text: 'waiting for web-1 to finish terminating before creating it again', waiting: true };
    },
  },
  {
    name: 'an unready pod blocks OrderedReady for good',
    set: { replicas: 3, image: 'nginx:unready' },
    drive: (c) => {
      c.advance(120_000);
      return { code: 'PodNotReady', text: 'waiting for web-0 to be Running and Ready before creating web-1', waiting: true };
    },
  },
  {
    name: 'a failed pod is deleted and created again',
    set: { replicas: 2 },
    drive: (c) => {
      runToSteadyState(c);
      // A finalizer of someone else's keeps the failed pod in sight while it is deleted.
      hold(c, 'Pod', 'web-1');
      const p = pod(c, 'web-1') as Pod;
      c.api.as('kubelet', () => c.api.updateStatus({ ...p, status: { ...p.status, phase: 'Failed' } }));
      c.clock.runDue();
      expect(pod(c, 'web-1')?.metadata.deletionTimestamp).toBeDefined();
      expect(decisions(c)).toContain('PodFailed: web-1 has ended (phase Failed); it is deleted and created again once it is gone');
      // Deleting it stopped its containers (exit 0): the kubelet now reports it Succeeded.
      return { code: 'PodFailed', text: 'web-1 has ended (phase Succeeded); it is deleted and created again once it is gone', waiting: true };
    },
  },
  {
    name: 'a pod the API server refuses to create',
    set: { replicas: 2 },
    drive: (c) => {
      runToSteadyState(c);
      // A pod of another app already holds the name web-2.
      c.api.as('kubectl', () => c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-2', namespace: 'default', labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as Pod));
      updateSet(c, 'web', scale(3));
      c.clock.runDue();
      return { code: 'CreateFailed', text: 'cannot create web-2: pods "web-2" already exists', waiting: true };
    },
  },
  {
    name: 'a claim left by the pod scale-down removed (whenScaled: Delete) holds the pod back',
    set: { replicas: 3, whenScaled: 'Delete' },
    drive: (c) => {
      runToSteadyState(c);
      hold(c, 'PersistentVolumeClaim', 'www-web-2');
      updateSet(c, 'web', scale(2));
      until(c, () => !pod(c, 'web-2'), 'web-2 gone');
      updateSet(c, 'web', scale(3));
      c.clock.runDue();
      return { code: 'StaleClaim', text: 'waiting for the stale claims of web-2 to be deleted before creating it', waiting: true };
    },
  },
  {
    name: 'OrderedReady rolling update: the updated pod is waited for before the next',
    set: { replicas: 3 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:1.26'));
      c.clock.runDue();
      const { update } = revisions(c);
      until(c, () => pod(c, 'web-2')?.metadata.labels?.['controller-revision-hash'] === update && !pod(c, 'web-2')?.metadata.deletionTimestamp, 'web-2 at the update revision');
      return { code: 'PodNotReady', text: 'waiting for web-2 to be Running and Ready before continuing the rolling update', waiting: true };
    },
  },
  {
    name: 'OrderedReady rolling update: the pod it deleted is terminating',
    set: { replicas: 3 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:1.26'));
      c.clock.runDue();
      return { code: 'PodTerminating', text: 'waiting for web-2 to finish terminating before creating it again and continuing the rolling update', waiting: true };
    },
  },
  {
    name: 'a bad image stops the rolling update at the broken pod',
    set: { replicas: 3 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:bad'));
      c.advance(120_000);
      return { code: 'PodNotReady', text: 'waiting for web-2 to be Running and Ready before continuing the rolling update', waiting: true };
    },
  },
  {
    name: 'a rolling update held at a partition is not a wait',
    set: { replicas: 4, partition: 2 },
    drive: (c) => {
      runToSteadyState(c);
      const old = revisions(c).current;
      updateSet(c, 'web', image('nginx:1.26'));
      runToSteadyState(c);
      const { update } = revisions(c);
      return { code: null, text: `partition 2: 2 of 4 pods at the new revision ${update}, 2 at ${old}`, waiting: false };
    },
  },
  {
    name: 'OnDelete: a new template moves no pod until one is deleted',
    set: { replicas: 3, strategy: 'OnDelete' },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:1.26'));
      runToSteadyState(c);
      deletePod(c, 'web-0');
      runToSteadyState(c);
      const { update } = revisions(c);
      return { code: null, text: `OnDelete: 1 of 3 pods at the new revision ${update}; delete a pod to replace it`, waiting: false };
    },
  },
  {
    name: 'Parallel scale-up with no update: nothing waits',
    set: { replicas: 2, policy: 'Parallel' },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(6));
      c.clock.runDue();
      return { code: null, text: '2 of 6 pods Ready; Parallel: pods start and stop without waiting for each other', waiting: false };
    },
  },
  {
    name: 'Parallel scale-down: the extra pods go together',
    set: { replicas: 6, policy: 'Parallel' },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(2));
      c.clock.runDue();
      return { code: 'ScalingDown', text: 'scaling down: 6 pods, 2 wanted', waiting: false };
    },
  },
  {
    name: 'Parallel rolling update: the replaced pod is waited for before the next',
    set: { replicas: 4, policy: 'Parallel' },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:1.26'));
      c.clock.runDue();
      const { update } = revisions(c);
      until(c, () => pod(c, 'web-3')?.metadata.labels?.['controller-revision-hash'] === update, 'web-3 at the update revision');
      return { code: 'UpdateWaiting', text: 'rolling update: waiting for web-3 to be Running and Ready before updating web-2', waiting: true };
    },
  },
  {
    name: 'Parallel rolling update: the last pod',
    set: { replicas: 2, policy: 'Parallel' },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:1.26'));
      c.clock.runDue();
      const { update } = revisions(c);
      until(c, () => pod(c, 'web-0')?.metadata.labels?.['controller-revision-hash'] === update, 'web-0 at the update revision');
      return { code: 'UpdateWaiting', text: 'rolling update: waiting for web-0 to be Running and Ready; then every pod is at the update revision', waiting: true };
    },
  },
  {
    name: 'maxUnavailable (feature gate): as many pods down as allowed',
    set: { replicas: 4, policy: 'Parallel', withClaims: false },
    config: { featureGates: { MaxUnavailableStatefulSet: true } },
    drive: (c) => {
      updateSet(c, 'web', (s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } }));
      runToSteadyState(c);
      updateSet(c, 'web', image('nginx:1.26'));
      c.clock.runDue();
      expect(decisions(c)).toContain('UpdateDeleted: rolling update: deleting web-3 and web-2 to create them again at the update revision');
      return { code: 'MaxUnavailable', text: 'rolling update: 2 pods unavailable, maxUnavailable is 2; waiting before updating web-1', waiting: true };
    },
  },
  {
    name: 'one replica, settled',
    set: { replicas: 1 },
    drive: (c) => {
      runToSteadyState(c);
      return { code: null, text: `the pod is Ready at revision ${revisions(c).current}`, waiting: false };
    },
  },
  {
    name: 'one replica, Parallel, starting',
    set: { replicas: 1, policy: 'Parallel' },
    drive: (c) => {
      c.clock.runDue();
      return { code: null, text: 'the pod is not Ready yet; Parallel: pods start and stop without waiting for each other', waiting: false };
    },
  },
  {
    name: 'scaled to zero',
    set: { replicas: 2 },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(0));
      runToSteadyState(c);
      return { code: null, text: 'scaled to 0: no pods', waiting: false };
    },
  },
  {
    name: 'scaling 2→1 leaves no "1 pods"',
    set: { replicas: 2, policy: 'Parallel' },
    drive: (c) => {
      runToSteadyState(c);
      updateSet(c, 'web', scale(1));
      c.clock.runDue();
      return { code: 'ScalingDown', text: 'scaling down: 2 pods, 1 wanted', waiting: false };
    },
  },
];

describe('the why line at each decision of the controller', () => {
  it.each(rows)('$name', (row) => {
    const c = cluster(row.set, row.config);
    const want = row.drive(c);
    expect(shown(c)).toEqual(want);
    expect(c.clock.faults).toEqual([]);
  });
});

describe('the decisions recorded along a run', () => {
  it('OrderedReady scale-up records each pod it created, then the wait for it', () => {
    const c = cluster({ replicas: 2 });
    runToSteadyState(c);
    expect(decisions(c)).toEqual([
      'CreatedPod: created web-0; waiting for it to be Running and Ready before creating web-1',
      'PodNotReady: waiting for web-0 to be Running and Ready before creating web-1',
      'CreatedPod: created web-1; waiting for it to be Running and Ready',
      'PodNotReady: waiting for web-1 to be Running and Ready',
    ]);
    expect(shown(c)).toEqual({ code: null, text: `all 2 pods Ready at revision ${revisions(c).current}`, waiting: false });
  });

  it('OrderedReady scale-down records each deletion and each wait, highest ordinal first', () => {
    const c = cluster({ replicas: 4 });
    runToSteadyState(c);
    const from = c.whyLog.total;
    updateSet(c, 'web', scale(2));
    runToSteadyState(c);
    expect(c.whyLog.since(from).map((w) => w.reason?.message ?? null)).toEqual([
      'scaling down: deleting web-3, then web-2 once web-3 is gone',
      'scaling down: waiting for web-3 to finish terminating before deleting web-2',
      'scaling down: deleting web-2',
      'scaling down: waiting for web-2 to finish terminating',
      null,
    ]);
  });

  it('the classic rolling update deletes one pod at a time, naming it', () => {
    const c = cluster({ replicas: 2 });
    runToSteadyState(c);
    const from = c.whyLog.total;
    updateSet(c, 'web', image('nginx:1.26'));
    runToSteadyState(c);
    const seen = c.whyLog.since(from).map((w) => w.reason?.code ?? null);
    expect(seen.filter((x) => x === 'UpdateDeleted')).toHaveLength(2);
    expect(c.whyLog.since(from).find((w) => w.reason?.code === 'UpdateDeleted')?.reason?.message).toBe('rolling update: deleting web-1 to create it again at the update revision');
    expect(seen.at(-1)).toBeNull();
  });

  it('a rolling update with a partition waits only on the pods at or above it', () => {
    const c = cluster({ replicas: 4, partition: 2 });
    runToSteadyState(c);
    const from = c.whyLog.total;
    updateSet(c, 'web', image('nginx:1.26'));
    runToSteadyState(c);
    const words = c.whyLog.since(from).map((w) => w.reason?.message ?? null);
    expect(words).toContain('waiting for web-3 to be Running and Ready before continuing the rolling update');
    expect(words).toContain('waiting for web-2 to be Running and Ready');
    expect(words.filter((m) => /web-[01]\b/.test(m ?? ''))).toEqual([]);
    expect(words.at(-1)).toBeNull();
  });

  it('a Parallel scale-up with no update never speaks of a rolling update', () => {
    const c = cluster({ replicas: 2, policy: 'Parallel' });
    runToSteadyState(c);
    const from = c.whyLog.total;
    updateSet(c, 'web', scale(6));
    runToSteadyState(c, 10 * 60_000, () => expect(shown(c).text).not.toMatch(/rolling update/));
    expect(c.whyLog.since(from).filter((w) => w.reason)).toEqual([]);
  });

  it('a claim being deleted when its pod is to be created again: the creation fails and is retried', () => {
    const c = cluster({ replicas: 2 });
    runToSteadyState(c);
    // The claim is in use, so its deletion waits (pvc-protection); then its pod goes too.
    c.api.as('kubectl', () => c.api.delete('PersistentVolumeClaim', 'default', 'www-web-1'));
    deletePod(c, 'web-1');
    runToSteadyState(c);
    expect(decisions(c)).toContain('CreateFailed: cannot create web-1: pvc www-web-1 is being deleted');
    expect(pod(c, 'web-1')).toBeDefined();
  });
});
