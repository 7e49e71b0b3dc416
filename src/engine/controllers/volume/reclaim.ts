/**
 * Reclaiming a PV whose claim is gone: Retain keeps it Released, Recycle
 * scrubs it and makes it Available again, Delete removes it (through the
 * in-tree hostPath deleter, or through the external provisioner for
 * provisioned volumes), anything else fails.
 */
import type { PersistentVolume, Pod } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';
import type { TimerHandle, VirtualClock } from '../../clock/clock';
import { ANN_PROVISIONED_BY, hasAnn } from './binder';
import type { VolumeDataStore } from './data';
import { PV_CONTROLLER, type VolumeWriter } from './writes';

/** SIM: virtual time the storage backend takes to delete or scrub a volume. */
export const STORAGE_OP_MS = 1000;

export class Reclaimer {
  /** Running operations by name, as upstream's goroutinemap de-duplicates them. */
  private ops = new Map<string, TimerHandle>();

  constructor(
    private api: ApiServer,
    private clock: VirtualClock,
    private writer: VolumeWriter,
    private data: VolumeDataStore,
  ) {}

  stats(): Record<string, number> {
    return { reclaimOps: this.ops.size };
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go reclaimVolume (v1.32)
  reclaim(pv: PersistentVolume): void {
    const policy = pv.spec.persistentVolumeReclaimPolicy ?? 'Retain';
    switch (policy) {
      case 'Retain':
        return;
      case 'Recycle':
        this.schedule(`recycle-${pv.metadata.name}`, pv, () => this.recycle(pv.metadata.name as string));
        return;
      case 'Delete':
        this.delete(pv);
        return;
      default:
        this.writer.updateVolumePhaseWithEvent(pv, 'Failed', 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
    }
  }

  private schedule(name: string, pv: PersistentVolume, fn: () => void): void {
    if (this.ops.has(name)) return;
    const uid = pv.metadata.uid;
    const handle = this.clock.after(
      STORAGE_OP_MS,
      () => {
        this.ops.delete(name);
        const cur = this.api.get<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name as string);
        if (cur && cur.metadata.uid === uid) fn();
      },
      `pv-controller:${name}`,
    );
    this.ops.set(name, handle);
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go deleteVolumeOperation / doDeleteVolume (v1.32)
  private delete(pv: PersistentVolume): void {
    const name = pv.metadata.name as string;
    // Provisioned volumes and CSI volumes are the external provisioner's to delete.
    if (hasAnn(pv, ANN_PROVISIONED_BY) || pv.spec['csi']) return;
    const hostPath = pv.spec.hostPath?.path;
    if (hostPath === undefined) {
      this.writer.updateVolumePhaseWithEvent(pv, 'Failed', 'Warning', 'VolumeFailedDelete', `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`);
      return;
    }
    // Behaviour of pkg/volume/hostpath/host_path.go hostPathDeleter.Delete (v1.32): the pattern is not anchored.
    if (!/\/tmp\/.+/.test(hostPath)) {
      this.writer.updateVolumePhaseWithEvent(pv, 'Failed', 'Warning', 'VolumeFailedDelete', `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`);
      return;
    }
    this.schedule(`delete-${name}`, pv, () => {
      this.data.clear(name);
      this.api.as(PV_CONTROLLER, () => this.api.delete('PersistentVolume', undefined, name));
    });
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go recycleVolumeOperation (v1.32)
  private recycle(name: string): void {
    const pv = this.api.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv || (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed')) return;
    if (!pv.spec.nfs && !pv.spec.hostPath) {
      this.writer.updateVolumePhaseWithEvent(pv, 'Failed', 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      return;
    }
    const ref = pv.spec.claimRef;
    const users = ref
      ? this.api
          .list<Pod>('Pod', ref.namespace)
          .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
          .filter((p) => (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === ref.name))
      : [];
    if (users.length) {
      const list = users.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(',');
      this.writer.updateVolumePhaseWithEvent(pv, 'Failed', 'Warning', 'VolumeFailedRecycle', `Volume is used by pods: ${list}`);
      return;
    }
    this.data.clear(name);
    this.writer.event(pv, 'Normal', 'VolumeRecycled', 'Volume recycled');
    this.writer.unbindVolume(pv);
  }
}
