import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../../lib/clone';
import { Rng } from '../../../lib/rng';
import type { KEvent, KObject, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types';
import { ApiServer } from '../../apiserver/apiserver';
import { VirtualClock } from '../../clock/clock';
import { EventRecorder } from '../../runtime/recorder';
import { defaultClusterConfig, type ClusterConfig } from '../../sim/config';
import { VolumeDataStore } from './data';
import { PersistentVolumeController } from './pv-controller';

function bed(over: Partial<ClusterConfig> = {}) {
  const config = defaultClusterConfig(over);
  const clock = new VirtualClock();
  const rng = new Rng(config.seed);
  const api = new ApiServer(clock, rng, { featureGates: config.featureGates });
  api.freeze = true;
  const recorder = new EventRecorder(api);
  const data = new VolumeDataStore();
  new PersistentVolumeController(api, clock, rng, recorder, config, data).start();
  const create = <T extends KObject>(o: T): T => api.as('kubectl', () => api.create(o));
  const events = (name: string) =>
    api
      .list<KEvent>('Event')
      .filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.type} ${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  const pv = (name: string) => api.get<PersistentVolume>('PersistentVolume', undefined, name);
  const claim = (name: string) => api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);
  const run = (ms: number) => clock.step(ms);
  return { api, clock, data, create, events, pv, claim, run };
}

function volume(name: string, size: string, spec: Partial<PersistentVolume['spec']> = {}): PersistentVolume {
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual', persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: `/data/${name}` }, ...spec } };
}

function pvc(name: string, size: string, spec: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: 'manual', ...spec } };
}

function storageClass(name: string, provisioner = 'k8s.io/minikube-hostpath', extra: Partial<StorageClass> = {}): StorageClass {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', ...extra };
}

describe('PersistentVolumeController: static binding', () => {
  it('moves a new PV from Pending to Available and leaves the clock quiet', () => {
    const t = bed();
    t.create(volume('pv1', '1Gi'));
    expect(t.pv('pv1')?.status?.phase).toBe('Pending');
    t.run(0);
    expect(t.pv('pv1')?.status?.phase).toBe('Available');
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('binds the smallest PV that fits and copies its capacity to the claim', () => {
    const t = bed();
    t.create(volume('pv-5', '5Gi'));
    t.create(volume('pv-2', '2Gi'));
    t.create(volume('pv-10', '10Gi'));
    t.run(0);
    const c = t.create(pvc('data', '1Gi'));
    t.run(0);
    const claim = t.claim('data') as PersistentVolumeClaim;
    expect(claim.spec.volumeName).toBe('pv-2');
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    expect(claim.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const pv = t.pv('pv-2') as PersistentVolume;
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: c.metadata.uid });
    expect(pv.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(t.pv('pv-5')?.status?.phase).toBe('Available');
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('searches the narrowest access-mode group first', () => {
    const t = bed();
    t.create(volume('wide', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] }));
    t.create(volume('narrow', '5Gi'));
    t.run(0);
    t.create(pvc('data', '1Gi'));
    t.run(0);
    expect(t.claim('data')?.spec.volumeName).toBe('narrow');
  });

  it('matches storage class exactly: an empty class only matches empty, volumeMode and selector must agree', () => {
    const t = bed({ defaultStorageClass: undefined });
    t.create(volume('classy', '1Gi'));
    t.create(volume('block', '1Gi', { storageClassName: '', volumeMode: 'Block' }));
    t.create({ ...volume('labelled', '1Gi', { storageClassName: '' }), metadata: { name: 'labelled', labels: { tier: 'gold' } } });
    t.run(0);
    t.create(pvc('none', '1Gi', { storageClassName: '', selector: { matchLabels: { tier: 'silver' } } }));
    t.run(0);
    expect(t.claim('none')?.status?.phase).toBe('Pending');
    expect(t.events('none')).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set']);
    t.create(pvc('gold', '1Gi', { storageClassName: '', selector: { matchLabels: { tier: 'gold' } } }));
    t.run(0);
    expect(t.claim('gold')?.spec.volumeName).toBe('labelled');
  });

  it('reports VolumeMismatch and FailedBinding for a claim that names its volume', () => {
    const t = bed();
    t.create(volume('small', '1Gi'));
    t.create(volume('taken', '10Gi', { claimRef: { namespace: 'default', name: 'someone-else' } }));
    t.run(0);
    t.create(pvc('big', '5Gi', { volumeName: 'small' }));
    t.create(pvc('thief', '5Gi', { volumeName: 'taken' }));
    t.run(0);
    expect(t.events('big')).toEqual(['Warning VolumeMismatch Cannot bind to requested volume "small": requested PV is too small']);
    expect(t.events('thief')).toEqual(['Warning FailedBinding volume "taken" already bound to a different claim.']);
    expect(t.claim('big')?.status?.phase).toBe('Pending');
  });

  it('binds a PV pre-bound to the claim by name even before it is Available', () => {
    const t = bed();
    t.create(volume('mine', '5Gi', { claimRef: { namespace: 'default', name: 'data' } }));
    t.create(volume('smaller', '1Gi'));
    t.create(pvc('data', '1Gi'));
    t.run(0);
    expect(t.claim('data')?.spec.volumeName).toBe('mine');
    expect(t.pv('mine')?.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
  });
});

describe('PersistentVolumeController: dynamic provisioning', () => {
  it('provisions pvc-<uid> for an Immediate class after the provision time', () => {
    const t = bed({ timings: { provision: 3, imagePull: 4, containerStart: 1, termination: 2 } });
    t.create(storageClass('standard'));
    const c = t.create(pvc('www-web-0', '1Gi', { storageClassName: 'standard' }));
    t.run(2999);
    expect(t.claim('www-web-0')?.status?.phase).toBe('Pending');
    t.run(1);
    const claim = t.claim('www-web-0') as PersistentVolumeClaim;
    expect(claim.status?.phase).toBe('Bound');
    expect(claim.spec.volumeName).toBe(`pvc-${c.metadata.uid}`);
    expect(claim.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('k8s.io/minikube-hostpath');
    const pv = t.pv(`pvc-${c.metadata.uid}`) as PersistentVolume;
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('k8s.io/minikube-hostpath');
    expect(pv.spec.hostPath?.path).toBe('/tmp/hostpath-provisioner/default/www-web-0');
    expect(pv.status?.phase).toBe('Bound');
    expect(t.events('www-web-0')).toEqual([
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered. (x2)",
      'Normal Provisioning External provisioner is provisioning volume for claim "default/www-web-0"',
      `Normal ProvisioningSucceeded Successfully provisioned volume pvc-${c.metadata.uid}`,
    ]);
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('reports a missing class every resync and provisions once the class exists', () => {
    const t = bed();
    t.create(pvc('data-db-0', '5Gi', { storageClassName: 'fast' }));
    t.run(30_000);
    expect(t.events('data-db-0')).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "fast" not found (x3)']);
    t.create(storageClass('fast'));
    t.run(14_999);
    expect(t.claim('data-db-0')?.status?.phase).toBe('Pending');
    t.run(1); // resync at t=45 s starts provisioning
    t.run(2000);
    expect(t.claim('data-db-0')?.status?.phase).toBe('Bound');
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('gives a class-less claim the default class that appears later', () => {
    const t = bed();
    t.create({ ...pvc('late', '1Gi'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    t.run(0);
    expect(t.events('late')).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set']);
    t.create(storageClass('standard', 'k8s.io/minikube-hostpath', { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }));
    t.run(15_000);
    expect(t.claim('late')?.spec.storageClassName).toBe('standard');
    t.run(2000);
    expect(t.claim('late')?.status?.phase).toBe('Bound');
  });

  it('waits for the first consumer, then provisions for the selected node', () => {
    const t = bed();
    t.create(storageClass('local', 'rancher.io/local-path', { volumeBindingMode: 'WaitForFirstConsumer' }));
    t.create(pvc('data', '1Gi', { storageClassName: 'local' }));
    t.run(10_000);
    expect(t.events('data')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
    const cur = deepCopy(t.claim('data') as PersistentVolumeClaim);
    cur.metadata.annotations = { 'volume.kubernetes.io/selected-node': 'node-2' };
    t.api.as('default-scheduler', () => t.api.update(cur));
    t.run(2000);
    const claim = t.claim('data') as PersistentVolumeClaim;
    expect(claim.status?.phase).toBe('Bound');
    expect(t.pv(claim.spec.volumeName as string)?.spec['nodeAffinity']).toEqual({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }] } });
  });
});

describe('PersistentVolumeController: reclaim and protection', () => {
  it('Delete: the provisioned PV is Released, then deleted with its data', () => {
    const t = bed();
    t.create(storageClass('standard'));
    t.create(pvc('data', '1Gi', { storageClassName: 'standard' }));
    t.run(2000);
    const name = t.claim('data')?.spec.volumeName as string;
    t.data.write(name, 'index.html', 'hello');
    t.api.as('kubectl', () => t.api.delete('PersistentVolumeClaim', 'default', 'data'));
    t.run(0);
    expect(t.claim('data')).toBeUndefined();
    expect(t.pv(name)?.status?.phase).toBe('Released');
    t.run(1000);
    expect(t.pv(name)).toBeUndefined();
    expect(t.data.read(name, 'index.html')).toBeUndefined();
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('Retain: the PV stays Released with the old claim uid and a new claim of the same name does not bind', () => {
    const t = bed({ defaultStorageClass: undefined });
    t.create(volume('keep', '1Gi', { storageClassName: '' }));
    t.run(0);
    const first = t.create(pvc('data', '1Gi', { storageClassName: '' }));
    t.run(0);
    t.data.write('keep', 'a.txt', 'kept');
    t.api.as('kubectl', () => t.api.delete('PersistentVolumeClaim', 'default', 'data'));
    t.run(0);
    expect(t.pv('keep')?.status?.phase).toBe('Released');
    expect(t.pv('keep')?.spec.claimRef?.uid).toBe(first.metadata.uid);
    t.create(pvc('data', '1Gi', { storageClassName: '' }));
    t.run(0);
    expect(t.claim('data')?.status?.phase).toBe('Pending');
    expect(t.data.read('keep', 'a.txt')).toBe('kept');
  });

  it('Recycle: scrubs the volume and makes it Available again', () => {
    const t = bed();
    t.create(volume('nfs1', '1Gi', { persistentVolumeReclaimPolicy: 'Recycle', hostPath: undefined, nfs: { server: '10.0.0.5', path: '/exports/a' } }));
    t.run(0);
    t.create(pvc('data', '1Gi'));
    t.run(0);
    t.data.write('nfs1', 'x', 'old');
    t.api.as('kubectl', () => t.api.delete('PersistentVolumeClaim', 'default', 'data'));
    t.run(0);
    expect(t.pv('nfs1')?.status?.phase).toBe('Released');
    t.run(1000);
    const pv = t.pv('nfs1') as PersistentVolume;
    expect(pv.status?.phase).toBe('Available');
    expect(pv.spec.claimRef).toBeUndefined();
    expect(t.data.read('nfs1', 'x')).toBeUndefined();
    expect(t.events('nfs1')).toEqual(['Normal VolumeRecycled Volume recycled']);
  });

  it('Delete on a static volume without a deleter fails the PV', () => {
    const t = bed();
    t.create(volume('nfs2', '1Gi', { persistentVolumeReclaimPolicy: 'Delete', hostPath: undefined, nfs: { server: 'x', path: '/y' } }));
    t.create(volume('host', '1Gi', { persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'other' }));
    t.run(0);
    t.create(pvc('a', '1Gi'));
    t.create(pvc('b', '1Gi', { storageClassName: 'other' }));
    t.run(0);
    t.api.as('kubectl', () => t.api.delete('PersistentVolumeClaim', 'default', 'a'));
    t.api.as('kubectl', () => t.api.delete('PersistentVolumeClaim', 'default', 'b'));
    t.run(0);
    expect(t.pv('nfs2')?.status?.phase).toBe('Failed');
    expect(t.events('nfs2')).toEqual(['Warning VolumeFailedDelete error getting deleter volume plugin for volume "nfs2": no deletable volume plugin matched']);
    expect(t.events('host')).toEqual(['Warning VolumeFailedDelete host_path deleter only supports /tmp/.+ but received provided /data/host']);
  });

  it('marks a bound claim Lost when its PV disappears', () => {
    const t = bed();
    t.create(volume('pv1', '1Gi'));
    t.run(0);
    t.create(pvc('data', '1Gi'));
    t.run(0);
    t.api.as('kubectl', () => t.api.delete('PersistentVolume', undefined, 'pv1'));
    t.run(0);
    expect(t.pv('pv1')?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    const forced = deepCopy(t.pv('pv1') as PersistentVolume);
    forced.metadata.finalizers = [];
    t.api.as('kubectl', () => t.api.update(forced));
    t.run(0);
    expect(t.claim('data')?.status).toEqual({ phase: 'Lost' });
    expect(t.events('data')).toEqual(['Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
  });

  it('keeps a claim while a scheduled pod uses it, and a PV while it is Bound', () => {
    const t = bed();
    t.create(volume('pv1', '1Gi'));
    t.run(0);
    t.create(pvc('data', '1Gi'));
    t.run(0);
    const pod = t.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x' }], volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] } });
    t.api.as('kubectl', () => t.api.delete('PersistentVolume', undefined, 'pv1'));
    t.api.as('kubectl', () => t.api.delete('PersistentVolumeClaim', 'default', 'data'));
    t.run(0);
    expect(t.claim('data')?.metadata.deletionTimestamp).toBeDefined();
    expect(t.pv('pv1')?.metadata.deletionTimestamp).toBeDefined();
    t.api.as('kubectl', () => t.api.delete('Pod', 'default', 'user', { gracePeriodSeconds: 0 }));
    void pod;
    t.run(0);
    expect(t.claim('data')).toBeUndefined();
    expect(t.pv('pv1')).toBeUndefined();
    expect(t.clock.nextAt()).toBeUndefined();
  });
});
