/**
 * The two storage-protection controllers: a claim being deleted keeps its
 * `kubernetes.io/pvc-protection` finalizer while a scheduled pod still
 * names it; a PV being deleted keeps `kubernetes.io/pv-protection` while it
 * is Bound.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../api/types';
import type { ApiServer, WatchEvent } from '../../apiserver/apiserver';
import type { VirtualClock } from '../../clock/clock';
import { WorkQueue } from '../../runtime/queue';
import { claimKey, podClaimNames } from './binder';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

export class ProtectionControllers {
  private claims: WorkQueue;
  private volumes: WorkQueue;

  constructor(
    private api: ApiServer,
    clock: VirtualClock,
  ) {
    this.claims = new WorkQueue(clock, 'pvc-protection', (k) => this.syncClaim(k));
    this.volumes = new WorkQueue(clock, 'pv-protection', (k) => this.syncVolume(k));
  }

  start(): void {
    this.api.watch((ev) => this.onEvent(ev));
  }

  stats(): Record<string, number> {
    return { ...this.claims.stats(), ...this.volumes.stats() };
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (ev.type === 'DELETED' && o.kind !== 'Pod') return;
    if (o.kind === 'PersistentVolumeClaim' && o.metadata.deletionTimestamp) this.claims.add(claimKey(o));
    else if (o.kind === 'PersistentVolume' && o.metadata.deletionTimestamp) this.volumes.add(o.metadata.name as string);
    else if (o.kind === 'Pod') {
      // Behaviour of pkg/controller/volume/pvcprotection/pvc_protection_controller.go podAddedDeletedUpdated (v1.32)
      for (const name of podClaimNames(o as Pod)) {
        const c = this.api.get('PersistentVolumeClaim', o.metadata.namespace, name);
        if (c?.metadata.deletionTimestamp) this.claims.add(claimKey(c));
      }
    }
  }

  // Behaviour of pkg/controller/volume/pvcprotection/pvc_protection_controller.go processPVC (v1.32)
  private syncClaim(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const c = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!c?.metadata.deletionTimestamp || !c.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return;
    if (this.claimInUse(c)) return;
    const next = { ...c, metadata: { ...c.metadata, finalizers: c.metadata.finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER) } };
    this.api.as('pvc-protection-controller', () => this.api.update(next));
  }

  /** Only scheduled pods count: the kubelet will not start a pod whose claim is being deleted. */
  // Behaviour of pkg/controller/volume/pvcprotection/pvc_protection_controller.go podUsesPVC (v1.32)
  private claimInUse(c: PersistentVolumeClaim): boolean {
    return this.api.list<Pod>('Pod', c.metadata.namespace).some((p) => !!p.spec.nodeName && podClaimNames(p).includes(c.metadata.name as string));
  }

  // Behaviour of pkg/controller/volume/pvprotection/pv_protection_controller.go processPV / isBeingUsed (v1.32)
  private syncVolume(name: string): void {
    const pv = this.api.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv?.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) return;
    if (pv.status?.phase === 'Bound') return;
    const next = { ...pv, metadata: { ...pv.metadata, finalizers: pv.metadata.finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER) } };
    this.api.as('pv-protection-controller', () => this.api.update(next));
  }
}
