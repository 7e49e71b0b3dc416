import { describe, expect, it } from 'vitest';
import { Rng } from '../../lib/rng';
import type { Container, KEvent, KObject, Node, Pod, StorageClass } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { VirtualClock } from '../clock/clock';
import { VolumeDataStore } from '../controllers/volume/data';
import { PersistentVolumeController } from '../controllers/volume/pv-controller';
import { EventRecorder } from '../runtime/recorder';
import { defaultClusterConfig, type ClusterConfig } from '../sim/config';
import { Kubelet } from './kubelet';

function kubeletBed(over: Partial<ClusterConfig> = {}, opts: { pv?: boolean } = {}) {
  const config = defaultClusterConfig(over);
  const clock = new VirtualClock();
  const rng = new Rng(config.seed);
  const api = new ApiServer(clock, rng, { featureGates: config.featureGates });
  api.freeze = true;
  const recorder = new EventRecorder(api);
  const volumes = new VolumeDataStore();
  if (opts.pv) new PersistentVolumeController(api, clock, rng, recorder, config, volumes).start();
  const kubelet = new Kubelet(api, clock, rng, recorder, config, volumes);
  kubelet.start();
  const create = <T extends KObject>(o: T): T => api.as('kubectl', () => api.create(o));
  config.nodes.forEach((name, i) => {
    const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: { podCIDR: `10.244.${i + 1}.0/24` }, status: { addresses: [{ type: 'InternalIP', address: `192.168.49.${i + 2}` }], conditions: [] } };
    create(node);
  });
  const pod = (name: string) => api.get<Pod>('Pod', 'default', name);
  /** STATUS-like summary of every status write of a pod: "t phase reason". */
  const history: string[] = [];
  api.watch((ev) => {
    if (ev.object.kind !== 'Pod' || ev.type !== 'MODIFIED' || ev.actor !== 'kubelet') return;
    const p = ev.object as Pod;
    const cs = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].map((c) => c.state.waiting?.reason ?? c.state.terminated?.reason ?? (c.ready ? 'ready' : 'running'));
    history.push(`${ev.t / 1000} ${p.metadata.name} ${p.status?.phase} ${cs.join(',')}`);
  });
  const events = (name: string) =>
    api
      .list<KEvent>('Event')
      .filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  return { api, clock, kubelet, create, pod, history, events, volumes, config };
}

function podOn(name: string, node: string, containers: Partial<Container>[], extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName: node, containers: containers.map((c, i) => ({ name: `c${i}`, image: 'nginx:1.25', ...c })), ...extra },
  };
}

describe('Kubelet: starting containers', () => {
  it('pulls a new image, then starts the container: Running and Ready at imagePull + containerStart', () => {
    const t = kubeletBed();
    t.create(podOn('a', 'node-1', [{ name: 'nginx' }]));
    t.clock.runDue();
    expect(t.pod('a')?.status).toMatchObject({ phase: 'Pending', hostIP: '192.168.49.2', podIP: '10.244.1.2', startTime: '2025-01-01T09:00:00Z' });
    t.clock.step(4999);
    expect(t.pod('a')?.status?.phase).toBe('Pending');
    t.clock.step(1);
    const st = t.pod('a')?.status;
    expect(st?.phase).toBe('Running');
    expect(st?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(st?.containerStatuses?.[0]).toMatchObject({ name: 'nginx', image: 'docker.io/library/nginx:1.25', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2025-01-01T09:00:05Z' } } });
    expect(t.history).toEqual(['0 a Pending ContainerCreating', '5 a Running ready']);
    expect(t.events('a')).toEqual([
      'Pulling Pulling image "nginx:1.25"',
      expect.stringMatching(/^Pulled Successfully pulled image "nginx:1\.25" in 4s \(4s including waiting\)\. Image size: \d+ bytes\.$/),
      'Created Created container nginx',
      'Started Started container nginx',
    ]);
    // The image is now cached on node-1.
    t.create(podOn('b', 'node-1', [{ name: 'nginx' }]));
    t.clock.step(1000);
    expect(t.pod('b')?.status?.phase).toBe('Running');
    expect(t.pod('b')?.status?.podIP).toBe('10.244.1.3');
    expect(t.events('b')[0]).toBe('Pulled Container image "nginx:1.25" already present on machine');
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('becomes Ready on the first readiness probe at or after initialDelaySeconds', () => {
    const t = kubeletBed();
    t.create(podOn('p', 'node-1', [{ readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }]));
    t.create(podOn('q', 'node-2', [{ readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } }]));
    t.clock.step(5000);
    expect(t.pod('p')?.status?.phase).toBe('Running');
    expect(t.pod('p')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    t.clock.step(5000);
    expect(t.pod('q')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(t.history.filter((h) => h.includes(' q '))).toEqual(['0 q Pending ContainerCreating', '5 q Running running', '10 q Running ready']);
    t.clock.step(5000);
    expect(t.history.filter((h) => h.includes(' p '))).toEqual(['0 p Pending ContainerCreating', '5 p Running running', '15 p Running ready']);
  });

  it('runs init containers first: Init:0/1, then PodInitializing, then Running', () => {
    const t = kubeletBed();
    t.create(podOn('p', 'node-1', [{ name: 'app' }], { initContainers: [{ name: 'init', image: 'busybox:1.36' }] }));
    t.clock.step(20_000);
    expect(t.history).toEqual([
      '0 p Pending PodInitializing,PodInitializing',
      '5 p Pending running,PodInitializing',
      '6 p Pending Completed,PodInitializing',
      '11 p Running Completed,ready',
    ]);
    expect(t.pod('p')?.status?.conditions?.find((c) => c.type === 'Initialized')?.lastTransitionTime).toBe('2025-01-01T09:00:06Z');
  });

  it('waits for its claims to be Bound before creating the sandbox', () => {
    const t = kubeletBed({}, { pv: true });
    const sc: StorageClass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'k8s.io/minikube-hostpath', volumeBindingMode: 'Immediate' };
    t.create(sc);
    t.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' } });
    t.create(podOn('p', 'node-1', [{}], { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] }));
    t.clock.runDue();
    expect(t.pod('p')?.status?.podIP).toBeUndefined();
    expect(t.pod('p')?.status?.conditions?.[0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'False' });
    t.clock.step(2000);
    expect(t.pod('p')?.status?.podIP).toBe('10.244.1.2');
    t.clock.step(5000);
    expect(t.pod('p')?.status?.phase).toBe('Running');
  });
});

describe('Kubelet: failing images', () => {
  it('ErrImagePull: pulls again after 10, 20, 40 s of back-off and stays Pending', () => {
    const t = kubeletBed();
    t.create(podOn('bad', 'node-1', [{ name: 'app', image: 'nginx:bad' }]));
    t.clock.step(80_000);
    expect(t.history).toEqual([
      '0 bad Pending ContainerCreating',
      '1 bad Pending ErrImagePull',
      '2 bad Pending ImagePullBackOff',
      '12 bad Pending ErrImagePull',
      '13 bad Pending ImagePullBackOff',
      '33 bad Pending ErrImagePull',
      '34 bad Pending ImagePullBackOff',
      '74 bad Pending ErrImagePull',
      '75 bad Pending ImagePullBackOff',
    ]);
    expect(t.pod('bad')?.status?.containerStatuses?.[0]?.state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:bad"' });
    expect(t.events('bad')).toEqual([
      'Pulling Pulling image "nginx:bad" (x4)',
      'Failed Failed to pull image "nginx:bad": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:bad": failed to resolve reference "docker.io/library/nginx:bad": docker.io/library/nginx:bad: not found (x4)',
      'Failed Error: ErrImagePull (x4)',
      'BackOff Back-off pulling image "nginx:bad" (x4)',
      'Failed Error: ImagePullBackOff (x4)',
    ]);
    // The only pending timer is the real back-off retry (80 s after the last failure, at 154 s).
    expect(t.clock.pendingCount()).toBe(1);
    expect(t.clock.nextAt()).toBe(154_000);
  });

  it('CrashLoopBackOff: restarts at once, then after 10 s, 20 s …; phase Running, never Ready', () => {
    const t = kubeletBed();
    const p = t.create(podOn('crash', 'node-1', [{ name: 'app', image: 'nginx:crash' }]));
    t.clock.step(45_000);
    expect(t.history).toEqual([
      '0 crash Pending ContainerCreating',
      '5 crash Running running',
      '6 crash Running Error',
      '7 crash Running running',
      '8 crash Running Error',
      '9 crash Running CrashLoopBackOff',
      '18 crash Running running',
      '19 crash Running Error',
      '20 crash Running CrashLoopBackOff',
      '39 crash Running running',
      '40 crash Running Error',
      '41 crash Running CrashLoopBackOff',
    ]);
    const cs = t.pod('crash')?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(3);
    expect(cs?.state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=app pod=crash_default(${p.metadata.uid})` });
    expect(cs?.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: '2025-01-01T09:00:39Z', finishedAt: '2025-01-01T09:00:40Z' });
    expect(t.events('crash')).toContain(`BackOff Back-off restarting failed container app in pod crash_default(${p.metadata.uid}) (x3)`);
  });

  it('NeverReady: Running but never Ready, one Unhealthy event, then a quiet clock', () => {
    const t = kubeletBed();
    t.create(podOn('u', 'node-1', [{ name: 'app', image: 'nginx:unready', readinessProbe: { tcpSocket: { port: 80 } } }]));
    t.clock.step(60_000);
    expect(t.pod('u')?.status?.phase).toBe('Running');
    expect(t.pod('u')?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(t.events('u')).toContain('Unhealthy Readiness probe failed: dial tcp 10.244.1.2:80: connect: connection refused');
    expect(t.clock.nextAt()).toBeUndefined();
  });
});

describe('Kubelet: termination', () => {
  it('stops containers gracefully, reports Succeeded, then deletes the pod; no timers are left', () => {
    const t = kubeletBed();
    t.create(podOn('a', 'node-1', [{ name: 'nginx' }]));
    t.clock.step(10_000);
    t.api.as('kubectl', () => t.api.delete('Pod', 'default', 'a'));
    t.clock.runDue();
    expect(t.events('a')).toContain('Killing Stopping container nginx');
    t.clock.step(1999);
    expect(t.pod('a')?.status?.phase).toBe('Running');
    const seen: string[] = [];
    t.api.watch((ev) => ev.object.kind === 'Pod' && seen.push(`${ev.type} ${(ev.object as Pod).status?.phase} ${(ev.object as Pod).status?.containerStatuses?.[0]?.state.terminated?.reason ?? ''}`));
    t.clock.step(1);
    expect(seen).toEqual(['MODIFIED Succeeded Completed', 'DELETED Succeeded Completed']);
    expect(t.pod('a')).toBeUndefined();
    expect(t.clock.nextAt()).toBeUndefined();
    expect(t.kubelet.runningPods()).toEqual([]);
  });

  it('caps the stop time at terminationGracePeriodSeconds and deletes a pod with nothing running at once', () => {
    const t = kubeletBed({ timings: { provision: 2, imagePull: 4, containerStart: 1, termination: 20 } });
    t.create(podOn('quick', 'node-1', [{}], { terminationGracePeriodSeconds: 3 }));
    t.create(podOn('bad', 'node-2', [{ image: 'nginx:bad' }]));
    t.clock.step(10_000);
    t.api.as('kubectl', () => t.api.delete('Pod', 'default', 'quick'));
    t.api.as('kubectl', () => t.api.delete('Pod', 'default', 'bad'));
    t.clock.runDue();
    expect(t.pod('bad')).toBeUndefined();
    t.clock.step(2999);
    expect(t.pod('quick')).toBeDefined();
    t.clock.step(1);
    expect(t.pod('quick')).toBeUndefined();
    expect(t.clock.nextAt()).toBeUndefined();
  });
});
