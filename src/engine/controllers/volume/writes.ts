/**
 * The PV controller's writes: phase changes, the two halves of a binding,
 * and unbinding. Each reads nothing but its arguments, copies before it
 * changes anything, and returns the object as stored.
 */
import { deepCopy, deepEqual } from '../../../lib/clone';
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';
import { timestamp } from '../../clock/clock';
import type { EventRecorder } from '../../runtime/recorder';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, claimRefFor, hasAnn, isVolumeBoundToClaim } from './binder';

export const PV_CONTROLLER = 'persistentvolume-controller';
type PVPhase = NonNullable<NonNullable<PersistentVolume['status']>['phase']>;
type ClaimPhase = NonNullable<NonNullable<PersistentVolumeClaim['status']>['phase']>;

export class VolumeWriter {
  constructor(
    private api: ApiServer,
    private recorder: EventRecorder,
  ) {}

  private as<T>(fn: () => T): T {
    return this.api.as(PV_CONTROLLER, fn);
  }

  event(obj: PersistentVolume | PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.record(obj, type, reason, message, { component: PV_CONTROLLER });
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go updateVolumePhase (v1.32)
  updateVolumePhase(pv: PersistentVolume, phase: PVPhase, message = ''): PersistentVolume {
    if (pv.status?.phase === phase) return pv;
    const next = deepCopy(pv);
    next.status = { ...(next.status ?? {}), phase, lastPhaseTransitionTime: timestamp(this.api.clock.now()) };
    if (message) next.status.message = message;
    else delete next.status.message;
    return this.as(() => this.api.updateStatus(next));
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go updateVolumePhaseWithEvent (v1.32)
  updateVolumePhaseWithEvent(pv: PersistentVolume, phase: PVPhase, type: 'Normal' | 'Warning', reason: string, message: string): PersistentVolume {
    if (pv.status?.phase === phase) return pv;
    const next = this.updateVolumePhase(pv, phase, message);
    this.event(next, type, reason, message);
    return next;
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go updateClaimStatus (v1.32)
  updateClaimStatus(c: PersistentVolumeClaim, phase: ClaimPhase, pv?: PersistentVolume): PersistentVolumeClaim {
    const status = deepCopy(c.status ?? {});
    if (!pv) {
      delete status.accessModes;
      delete status.capacity;
    } else {
      if (!deepEqual(status.accessModes, pv.spec.accessModes)) status.accessModes = deepCopy(pv.spec.accessModes);
      // The capacity is copied only when the claim becomes Bound, as upstream does.
      if (c.status?.phase !== phase && !deepEqual(status.capacity, pv.spec.capacity)) status.capacity = deepCopy(pv.spec.capacity ?? {});
    }
    status.phase = phase;
    if (deepEqual(status, c.status ?? {})) return c;
    return this.as(() => this.api.updateStatus({ ...c, status }));
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go updateClaimStatusWithEvent (v1.32)
  updateClaimStatusWithEvent(c: PersistentVolumeClaim, phase: ClaimPhase, type: 'Normal' | 'Warning', reason: string, message: string): PersistentVolumeClaim {
    if (c.status?.phase === phase) return c;
    const next = this.updateClaimStatus(c, phase);
    this.event(next, type, reason, message);
    return next;
  }

  /** Both halves of a binding: PV claimRef + Bound, then claim volumeName + annotations + Bound. */
  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go bind (v1.32)
  bind(pv: PersistentVolume, c: PersistentVolumeClaim): void {
    let v = this.bindVolumeToClaim(pv, c);
    v = this.updateVolumePhase(v, 'Bound');
    const claim = this.bindClaimToVolume(c, v);
    this.updateClaimStatus(claim, 'Bound', v);
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go getBindVolumeToClaim (v1.32)
  private bindVolumeToClaim(pv: PersistentVolume, c: PersistentVolumeClaim): PersistentVolume {
    const setBoundBy = !isVolumeBoundToClaim(pv, c);
    const next = deepCopy(pv);
    let dirty = false;
    const ref = pv.spec.claimRef;
    if (!ref || ref.name !== c.metadata.name || ref.namespace !== c.metadata.namespace || ref.uid !== c.metadata.uid) {
      next.spec.claimRef = claimRefFor(c);
      dirty = true;
    }
    if (setBoundBy && !hasAnn(next, ANN_BOUND_BY_CONTROLLER)) {
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      dirty = true;
    }
    return dirty ? this.as(() => this.api.update(next)) : pv;
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go getBindClaimToVolume (v1.32)
  private bindClaimToVolume(c: PersistentVolumeClaim, pv: PersistentVolume): PersistentVolumeClaim {
    const next = deepCopy(c);
    const ann = { ...(next.metadata.annotations ?? {}) };
    let dirty = false;
    if (c.spec.volumeName !== pv.metadata.name) {
      next.spec.volumeName = pv.metadata.name as string;
      if (ann[ANN_BOUND_BY_CONTROLLER] === undefined) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
      dirty = true;
    }
    if (ann[ANN_BIND_COMPLETED] === undefined) {
      ann[ANN_BIND_COMPLETED] = 'yes';
      dirty = true;
    }
    if (!dirty) return c;
    next.metadata.annotations = ann;
    return this.as(() => this.api.update(next));
  }

  /** Releases a PV back to Available: clears the controller's binding, or only the uid of a user's pre-binding. */
  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go unbindVolume (v1.32)
  unbindVolume(pv: PersistentVolume): PersistentVolume {
    const next = deepCopy(pv);
    if (hasAnn(pv, ANN_BOUND_BY_CONTROLLER)) {
      delete next.spec.claimRef;
      const ann = { ...(next.metadata.annotations ?? {}) };
      delete ann[ANN_BOUND_BY_CONTROLLER];
      if (Object.keys(ann).length) next.metadata.annotations = ann;
      else delete next.metadata.annotations;
    } else if (next.spec.claimRef) {
      delete next.spec.claimRef.uid;
    }
    const stored = this.as(() => this.api.update(next));
    return this.updateVolumePhase(stored, 'Available');
  }
}
