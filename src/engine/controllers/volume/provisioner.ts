/**
 * The external provisioner every StorageClass provisioner name stands for
 * (k8s.io/minikube-hostpath, rancher.io/local-path, a CSI driver…): it
 * provisions claims the PV controller has annotated with
 * `volume.kubernetes.io/storage-provisioner`, and deletes the volumes it
 * provisioned once they are Released with reclaim policy Delete.
 * Behaviour of sigs.k8s.io/sig-storage-lib-external-provisioner controller.go.
 */
import { stableHex } from '../../../lib/hash';
import { canonicalQuantity } from '../../api/quantity';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types';
import type { ApiServer, WatchEvent } from '../../apiserver/apiserver';
import type { TimerHandle, VirtualClock } from '../../clock/clock';
import { WorkQueue } from '../../runtime/queue';
import type { EventRecorder } from '../../runtime/recorder';
import type { ClusterConfig } from '../../sim/config';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimClass, claimKey, hasAnn } from './binder';
import type { VolumeDataStore } from './data';
import { STORAGE_OP_MS } from './reclaim';


/**
 * The event source an external provisioner reports as: `<name>_<host>_<uuid>`.
 * SIM: the uuid is derived from the provisioner name and seed, not random.
 */
export function provisionerIdentity(provisioner: string, config: ClusterConfig): string {
  const h = stableHex(`${provisioner}/${config.seed}`, 32);
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return `${provisioner}_${config.nodes[0] ?? 'node-1'}_${uuid}`;
}

export class ExternalProvisioner {
  private claims: WorkQueue;
  private volumes: WorkQueue;
  private inflight = new Map<string, TimerHandle>();
  private deleting = new Map<string, TimerHandle>();

  constructor(
    private api: ApiServer,
    private clock: VirtualClock,
    private recorder: EventRecorder,
    private config: ClusterConfig,
    private data: VolumeDataStore,
  ) {
    this.claims = new WorkQueue(clock, 'external-provisioner-claim', (k) => this.syncClaim(k));
    this.volumes = new WorkQueue(clock, 'external-provisioner-volume', (k) => this.syncVolume(k));
  }

  start(): void {
    this.api.watch((ev) => this.onEvent(ev));
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'PersistentVolumeClaim') {
      if (ev.type === 'DELETED') this.cancel(this.inflight, o.metadata.uid as string);
      else this.claims.add(claimKey(o));
    } else if (o.kind === 'PersistentVolume') {
      if (ev.type === 'DELETED') this.cancel(this.deleting, o.metadata.name as string);
      else this.volumes.add(o.metadata.name as string);
    }
  }

  stats(): Record<string, number> {
    return { ...this.claims.stats(), ...this.volumes.stats(), provisioning: this.inflight.size, deleting: this.deleting.size };
  }

  private cancel(m: Map<string, TimerHandle>, k: string): void {
    m.get(k)?.cancel();
    m.delete(k);
  }

  /** The class and provisioner name if this claim is waiting for us, else undefined. */
  // Behaviour of sig-storage-lib-external-provisioner controller.go shouldProvision (v10)
  private wanted(c: PersistentVolumeClaim): { cls: StorageClass; provisioner: string } | undefined {
    if (c.metadata.deletionTimestamp || c.spec.volumeName || c.status?.phase === 'Bound') return undefined;
    const provisioner = c.metadata.annotations?.[ANN_STORAGE_PROVISIONER];
    if (!provisioner || provisioner.startsWith('kubernetes.io/')) return undefined;
    const clsName = claimClass(c);
    const cls = clsName ? this.api.get<StorageClass>('StorageClass', undefined, clsName) : undefined;
    if (!cls || cls.provisioner !== provisioner) return undefined;
    if (cls.volumeBindingMode === 'WaitForFirstConsumer' && !hasAnn(c, ANN_SELECTED_NODE)) return undefined;
    if (this.api.get('PersistentVolume', undefined, `pvc-${c.metadata.uid}`)) return undefined;
    return { cls, provisioner };
  }

  private syncClaim(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const c = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!c || this.inflight.has(c.metadata.uid as string)) return;
    const want = this.wanted(c);
    if (!want) return;
    const source = { component: provisionerIdentity(want.provisioner, this.config) };
    this.recorder.record(c, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`, source);
    const uid = c.metadata.uid as string;
    const handle = this.clock.after(
      this.config.timings.provision * 1000,
      () => {
        this.inflight.delete(uid);
        const cur = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
        if (!cur || cur.metadata.uid !== uid) return;
        const now = this.wanted(cur);
        if (!now) return;
        const pv = this.api.as(source.component, () => this.api.create(this.volumeFor(cur, now.cls, now.provisioner)));
        this.recorder.record(cur, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}`, source);
      },
      `external-provisioner:${key}`,
    );
    this.inflight.set(uid, handle);
  }

  /** The PV the provisioner creates: named pvc-<claim uid>, already bound to the claim. */
  private volumeFor(c: PersistentVolumeClaim, cls: StorageClass, provisioner: string): PersistentVolume {
    const ns = c.metadata.namespace ?? 'default';
    const name = `pvc-${c.metadata.uid}`;
    let size = c.spec.resources?.requests?.storage ?? '0';
    try {
      size = canonicalQuantity(size);
    } catch {
      /* keep the text as written */
    }
    const node = c.metadata.annotations?.[ANN_SELECTED_NODE];
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [ANN_PROVISIONED_BY]: provisioner } },
      spec: {
        accessModes: [...(c.spec.accessModes ?? [])],
        capacity: { storage: size },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: c.metadata.name as string, namespace: ns, resourceVersion: c.metadata.resourceVersion as string, uid: c.metadata.uid as string },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name as string,
        volumeMode: c.spec.volumeMode ?? 'Filesystem',
      },
    };
    if (provisioner === 'k8s.io/minikube-hostpath') {
      pv.spec.hostPath = { path: `/tmp/hostpath-provisioner/${ns}/${c.metadata.name}`, type: '' };
    } else if (provisioner === 'rancher.io/local-path') {
      pv.spec.hostPath = { path: `/opt/local-path-provisioner/${name}_${ns}_${c.metadata.name}`, type: 'DirectoryOrCreate' };
    } else if (/nfs/.test(provisioner)) {
      // Behaviour of nfs-subdir-external-provisioner: an NFS export named after the claim.
      pv.spec.nfs = { server: 'nfs-server.default.svc.cluster.local', path: `/exports/${ns}-${c.metadata.name}-${name}` };
    } else if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(provisioner)) {
      pv.spec['csi'] = { driver: provisioner, volumeHandle: name, fsType: 'ext4' };
    } else {
      // SIM: a provisioner name that is no valid CSI driver name gets a hostPath volume.
      pv.spec.hostPath = { path: `/var/lib/${provisioner.replace(/[^a-z0-9.-]+/g, '-')}/${name}`, type: '' };
    }
    if (node) {
      pv.spec['nodeAffinity'] = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } };
    }
    const mountOptions = cls['mountOptions'];
    if (Array.isArray(mountOptions)) pv.spec['mountOptions'] = [...mountOptions];
    return pv;
  }

  // Behaviour of sig-storage-lib-external-provisioner controller.go shouldDelete / deleteVolumeOperation (v10)
  private syncVolume(name: string): void {
    const pv = this.api.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv || this.deleting.has(name)) return;
    const provisioner = pv.metadata.annotations?.[ANN_PROVISIONED_BY];
    if (!provisioner || pv.metadata.deletionTimestamp) return;
    if (pv.status?.phase !== 'Released' || pv.spec.persistentVolumeReclaimPolicy !== 'Delete') return;
    const uid = pv.metadata.uid;
    const handle = this.clock.after(
      STORAGE_OP_MS,
      () => {
        this.deleting.delete(name);
        const cur = this.api.get<PersistentVolume>('PersistentVolume', undefined, name);
        if (!cur || cur.metadata.uid !== uid || cur.status?.phase !== 'Released' || cur.metadata.deletionTimestamp) return;
        this.data.clear(name);
        this.api.as(provisionerIdentity(provisioner, this.config), () => this.api.delete('PersistentVolume', undefined, name));
      },
      `external-provisioner:delete:${name}`,
    );
    this.deleting.set(name, handle);
  }
}
