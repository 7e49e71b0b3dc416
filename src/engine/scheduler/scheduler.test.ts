import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/rng';
import type { KEvent, KObject, Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { VirtualClock } from '../clock/clock';
import { PersistentVolumeController } from '../controllers/volume/pv-controller';
import { EventRecorder } from '../runtime/recorder';
import { defaultClusterConfig, type ClusterConfig } from '../sim/config';
import { Scheduler } from './scheduler';

const PREEMPTION = 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';

function bed(opts: { pv?: boolean; seed?: number } = {}, over: Partial<ClusterConfig> = {}) {
  const config = defaultClusterConfig({ seed: opts.seed ?? 1, ...over });
  const clock = new VirtualClock();
  const rng = new Rng(config.seed);
  const api = new ApiServer(clock, rng, { featureGates: config.featureGates });
  api.freeze = true;
  const recorder = new EventRecorder(api);
  if (opts.pv) new PersistentVolumeController(api, clock, rng, recorder, config).start();
  const scheduler = new Scheduler(api, clock, rng, recorder, config);
  scheduler.start();
  const create = <T extends KObject>(o: T): T => api.as('kubectl', () => api.create(o));
  config.nodes.forEach((name, i) => {
    const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, disk: i === 2 ? 'ssd' : 'hdd' } }, spec: { podCIDR: `10.244.${i + 1}.0/24` }, status: { addresses: [{ type: 'InternalIP', address: `192.168.49.${i + 2}` }], conditions: [] } };
    create(node);
  });
  const pod = (name: string) => api.get<Pod>('Pod', 'default', name);
  const events = (name: string) =>
    api
      .list<KEvent>('Event')
      .filter((e) => e.involvedObject.name === name && e.involvedObject.kind === 'Pod')
      .map((e) => `${e.type} ${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  return { api, clock, scheduler, create, pod, events };
}

function podWith(name: string, claims: string[] = [], extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx:1.25' }], volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })), ...extra },
  };
}

function claim(name: string, cls: string): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: cls } };
}

function sc(name: string, provisioner: string, mode: 'Immediate' | 'WaitForFirstConsumer'): StorageClass {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: mode, reclaimPolicy: 'Delete' };
}

describe('Scheduler', () => {
  it('binds a pod with Scheduled event and PodScheduled=True, spreading pods over nodes', () => {
    const t = bed();
    for (const n of ['a', 'b', 'c']) t.create(podWith(n));
    t.clock.runDue();
    const nodes = ['a', 'b', 'c'].map((n) => t.pod(n)?.spec.nodeName);
    expect(new Set(nodes).size).toBe(3);
    const a = t.pod('a') as Pod;
    expect(t.events('a')).toEqual([`Normal Scheduled Successfully assigned default/a to ${a.spec.nodeName}`]);
    expect(a.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T09:00:00Z' }]);
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('breaks ties with the seeded RNG, the same way for the same seed', () => {
    const pick = (seed: number) => {
      const t = bed({ seed });
      t.create(podWith('a'));
      t.clock.runDue();
      return t.pod('a')?.spec.nodeName;
    };
    expect(pick(7)).toBe(pick(7));
    const seen = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(pick));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('reports a missing claim and retries when the claim appears (no polling in between)', () => {
    const t = bed({ pv: true });
    t.create(sc('standard', 'k8s.io/minikube-hostpath', 'Immediate'));
    t.create(podWith('web-0', ['www-web-0']));
    t.clock.runDue();
    expect(t.events('web-0')).toEqual([`Warning FailedScheduling 0/3 nodes are available: persistentvolumeclaim "www-web-0" not found. ${PREEMPTION}`]);
    expect(t.pod('web-0')?.status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    expect(t.clock.nextAt()).toBeUndefined();
    t.clock.step(60_000);
    t.create(claim('www-web-0', 'standard'));
    t.clock.step(2000);
    // The PV's arrival requeues the pod a moment before the PV controller binds the claim, as upstream's race goes:
    // that attempt fails too, and the bound claim is seen after the next back-off (4 s).
    expect(t.events('web-0')[1]).toBe(`Warning FailedScheduling 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${PREEMPTION} (x2)`);
    expect(t.pod('web-0')?.spec.nodeName).toBeUndefined();
    t.clock.step(3999);
    expect(t.pod('web-0')?.spec.nodeName).toBeUndefined();
    t.clock.step(1);
    expect(t.pod('web-0')?.spec.nodeName).toBeDefined();
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('reports a claim that is being deleted', () => {
    const t = bed();
    const c = claim('data', '');
    t.create({ ...c, metadata: { ...c.metadata, finalizers: ['example.com/hold'] } });
    t.api.as('kubectl', () => t.api.delete('PersistentVolumeClaim', 'default', 'data'));
    t.create(podWith('p', ['data']));
    t.clock.runDue();
    expect(t.events('p')).toEqual([`Warning FailedScheduling 0/3 nodes are available: persistentvolumeclaim "data" is being deleted. ${PREEMPTION}`]);
  });

  it('WaitForFirstConsumer: selects a node on the claim and binds the pod once the claim is Bound', () => {
    const t = bed({ pv: true });
    t.create(sc('local', 'rancher.io/local-path', 'WaitForFirstConsumer'));
    t.create(claim('data', 'local'));
    t.create(podWith('p', ['data']));
    t.clock.runDue();
    const selected = t.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')?.metadata.annotations?.['volume.kubernetes.io/selected-node'];
    expect(selected).toMatch(/^node-/);
    expect(t.pod('p')?.spec.nodeName).toBeUndefined();
    t.clock.step(1999);
    expect(t.pod('p')?.spec.nodeName).toBeUndefined();
    t.clock.step(1);
    expect(t.pod('p')?.spec.nodeName).toBe(selected);
    expect(t.events('p')).toEqual([`Normal Scheduled Successfully assigned default/p to ${selected}`]);
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('WaitForFirstConsumer with a static PV: pre-binds the PV, honouring its node affinity', () => {
    const t = bed({ pv: true });
    t.create(sc('local', 'kubernetes.io/no-provisioner', 'WaitForFirstConsumer'));
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-3' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local',
        persistentVolumeReclaimPolicy: 'Retain',
        local: { path: '/mnt/disk' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-3'] }] }] } },
      },
    };
    t.create(pv);
    t.create(claim('data', 'local'));
    t.clock.runDue();
    t.create(podWith('p', ['data']));
    t.clock.runDue();
    expect(t.pod('p')?.spec.nodeName).toBe('node-3');
    expect(t.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')?.spec.volumeName).toBe('local-3');
    t.create(claim('more', 'local'));
    t.create(podWith('q', ['more']));
    t.clock.runDue();
    expect(t.events('q')).toEqual([`Warning FailedScheduling 0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. ${PREEMPTION}`]);
  });

  it('explains node selector failures with the histogram of reasons', () => {
    const t = bed();
    t.create(podWith('p', [], { nodeSelector: { disk: 'nvme' } }));
    t.create(podWith('q', [], { nodeSelector: { disk: 'ssd' } }));
    t.clock.runDue();
    expect(t.events('p')).toEqual([`Warning FailedScheduling 0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. ${PREEMPTION}`]);
    expect(t.pod('q')?.spec.nodeName).toBe('node-3');
  });

  it('ignores pods that are bound, terminating or for another scheduler', () => {
    const t = bed();
    t.create(podWith('bound', [], { nodeName: 'node-2' }));
    t.create(podWith('other', [], { schedulerName: 'my-scheduler' }));
    t.clock.runDue();
    expect(t.pod('other')?.spec.nodeName).toBeUndefined();
    expect(t.events('bound')).toEqual([]);
    expect(t.scheduler.pendingPods()).toEqual([]);
  });
});
