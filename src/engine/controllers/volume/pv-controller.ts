/**
 * The PersistentVolume controller (kube-controller-manager's
 * persistentvolume-binder): binds claims to volumes, asks provisioners for
 * new volumes, marks claims Lost and volumes Released, and reclaims
 * released volumes. It also starts the external provisioner and the two
 * protection controllers, which live beside it in this folder.
 * Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go (v1.32).
 */
import type { Rng } from '../../../lib/rng';
import { ApiError } from '../../api/errors';
import type { KObject, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../api/types';
import { defaultStorageClass } from '../../apiserver/admission';
import type { ApiServer, WatchEvent } from '../../apiserver/apiserver';
import type { TimerHandle, VirtualClock } from '../../clock/clock';
import { WorkQueue } from '../../runtime/queue';
import { RepeatingWork, type CycleTracker } from '../../runtime/cycles';
import { guarded } from '../../runtime/faults';
import type { EventRecorder } from '../../runtime/recorder';
import type { ClusterConfig } from '../../sim/config';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  NO_PROVISIONER,
  checkVolumeSatisfyClaim,
  claimClass,
  claimKey,
  findBestMatchForClaim,
  hasAnn,
  isDelayBindingMode,
  isVolumeBoundToClaim,
  podClaimNames,
  volumeModeMismatch,
} from './binder';
import { VolumeDataStore } from './data';
import { ProtectionControllers } from './protection';
import { ExternalProvisioner } from './provisioner';
import { Reclaimer } from './reclaim';
import { PV_CONTROLLER, VolumeWriter } from './writes';

/** The controller's periodic resync (kube-controller-manager --pvclaimbinder-sync-period default). */
export const RESYNC_MS = 15_000;

export class PersistentVolumeController {
  private claimQueue: WorkQueue;
  private volumeQueue: WorkQueue;
  private writer: VolumeWriter;
  private reclaimer: Reclaimer;
  private provisioner: ExternalProvisioner;
  private protection: ProtectionControllers;
  private resyncTimer: TimerHandle | undefined;
  private resyncWork: RepeatingWork | undefined;

  constructor(
    private api: ApiServer,
    private clock: VirtualClock,
    readonly rng: Rng,
    recorder: EventRecorder,
    config: ClusterConfig,
    readonly data: VolumeDataStore = new VolumeDataStore(),
    cycles?: CycleTracker,
  ) {
    // The resync repeats identically while the claims that wait for a volume stay as they are: a
    // long fast-forward may skip whole resync periods (runtime/cycles.ts).
    this.resyncWork = cycles && new RepeatingWork('pv-controller:resync', cycles, { period: () => (this.resyncTimer ? RESYNC_MS : undefined) });
    this.writer = new VolumeWriter(api, recorder);
    this.reclaimer = new Reclaimer(api, clock, this.writer, data);
    this.provisioner = new ExternalProvisioner(api, clock, recorder, config, data);
    this.protection = new ProtectionControllers(api, clock);
    const claimOf = (k: string) => this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', k.slice(0, k.indexOf('/')), k.slice(k.indexOf('/') + 1));
    this.claimQueue = new WorkQueue(clock, 'pv-controller-claim', (k) => this.run(k, this.claimQueue, () => this.syncClaim(k), () => claimOf(k)));
    this.volumeQueue = new WorkQueue(clock, 'pv-controller-volume', (k) => this.run(k, this.volumeQueue, () => this.syncVolume(k), () => this.api.get('PersistentVolume', undefined, k)));
  }

  start(): void {
    for (const c of this.api.list<PersistentVolumeClaim>('PersistentVolumeClaim')) this.trackPending(claimKey(c));
    this.api.watch((ev) => this.onEvent(ev));
    this.provisioner.start();
    this.protection.start();
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'PersistentVolumeClaim') {
      const c = o as PersistentVolumeClaim;
      this.trackPending(claimKey(c));
      // Behaviour of pv_controller_base.go deleteClaim: the claim's volume is synced at once so it is Released promptly.
      if (ev.type === 'DELETED') {
        if (c.spec.volumeName) this.volumeQueue.add(c.spec.volumeName);
      } else this.claimQueue.add(claimKey(c));
    } else if (o.kind === 'PersistentVolume') {
      const pv = o as PersistentVolume;
      this.index(ev.old as PersistentVolume | undefined, ev.type === 'DELETED' ? undefined : pv);
      // Behaviour of pv_controller_base.go deleteVolume: the bound claim is synced so it turns Lost promptly.
      if (ev.type === 'DELETED') {
        const ref = pv.spec.claimRef;
        if (ref?.name) this.claimQueue.add(`${ref.namespace ?? 'default'}/${ref.name}`);
      } else this.volumeQueue.add(pv.metadata.name as string);
    } else return;
    this.ensureResync();
  }

  /** "namespace/name" of every claim that waits for a volume: not being deleted, neither Bound nor Lost. */
  private pendingClaims = new Set<string>();

  /**
   * Brings one claim's entry up to date from the store (not from the event: a write made while
   * another watcher handles an event can reach this one first, so events may arrive out of order).
   */
  private trackPending(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const c = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    const waiting = !!c && !c.metadata.deletionTimestamp && c.status?.phase !== 'Bound' && c.status?.phase !== 'Lost';
    if (waiting) this.pendingClaims.add(key);
    else this.pendingClaims.delete(key);
  }

  /** Volumes without a claimRef. */
  private freeVolumes = new Set<string>();
  /** "namespace/name" of a claim → volumes whose claimRef names it. */
  private reserved = new Map<string, Set<string>>();

  /** Keeps the free/reserved indexes in step with a volume's change (`next` undefined when deleted). */
  private index(prev: PersistentVolume | undefined, next: PersistentVolume | undefined): void {
    const keyOf = (v: PersistentVolume) => (v.spec.claimRef ? `${v.spec.claimRef.namespace ?? 'default'}/${v.spec.claimRef.name}` : undefined);
    for (const v of [prev, next]) {
      if (!v) continue;
      const name = v.metadata.name as string;
      this.freeVolumes.delete(name);
      const k = keyOf(v);
      const set = k ? this.reserved.get(k) : undefined;
      set?.delete(name);
      if (k && set?.size === 0) this.reserved.delete(k);
    }
    if (!next) return;
    const name = next.metadata.name as string;
    const k = keyOf(next);
    if (!k) this.freeVolumes.add(name);
    else {
      let set = this.reserved.get(k);
      if (!set) this.reserved.set(k, (set = new Set()));
      set.add(name);
    }
  }

  /** Sizes of the controller's indexes and queues, with its helpers' (tests, soak benchmark). */
  stats(): Record<string, number> {
    return {
      ...this.claimQueue.stats(),
      ...this.volumeQueue.stats(),
      pendingClaims: this.pendingClaims.size,
      freeVolumes: this.freeVolumes.size,
      reserved: this.reserved.size,
      ...this.reclaimer.stats(),
      ...this.provisioner.stats(),
      ...this.protection.stats(),
    };
  }

  /**
   * Runs one sync; a failure requeues it with back-off, as upstream does with
   * any error. API errors (an object changed or vanished meanwhile) are the
   * normal case; anything else is a fault of the simulator, reported on the
   * object (runtime/faults.ts).
   */
  private run(key: string, queue: WorkQueue, fn: () => void, subject: () => KObject | undefined): void {
    try {
      if (guarded(this.clock, PV_CONTROLLER, subject, fn)) queue.forget(key);
      else queue.addRateLimited(key);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      queue.addRateLimited(key);
    }
    this.ensureResync();
  }

  /**
   * Keeps the 15 s resync armed while a claim waits for a volume. A settled
   * cluster (every claim Bound or Lost) has no resync timer at all.
   * SIM: upstream resyncs forever; with nothing pending a resync writes nothing, so skipping it is unobservable.
   */
  private ensureResync(): void {
    if (this.pendingClaims.size === 0) {
      this.resyncTimer?.cancel();
      this.resyncTimer = undefined;
      this.resyncWork?.end();
      return;
    }
    if (this.resyncTimer) return;
    const now = this.clock.now();
    const next = (Math.floor(now / RESYNC_MS) + 1) * RESYNC_MS;
    const work = this.resyncWork;
    if (work && !work.active) work.begin(now);
    this.resyncTimer = this.clock.after(next - now, () => this.resync(), 'pv-controller:resync', { cycle: work });
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller_base.go resync (v1.32)
  private resync(): void {
    this.resyncTimer = undefined;
    const work = this.resyncWork;
    for (const c of this.api.list('PersistentVolumeClaim')) this.claimQueue.add(claimKey(c), 0, work);
    for (const pv of this.api.list('PersistentVolume')) this.volumeQueue.add(pv.metadata.name as string, 0, work);
    this.ensureResync();
  }

  // ---------------------------------------------------------------- claims

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go syncClaim (v1.32)
  private syncClaim(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const c = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!c) return;
    if (hasAnn(c, ANN_BIND_COMPLETED)) this.syncBoundClaim(c);
    else this.syncUnboundClaim(c);
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go syncUnboundClaim (v1.32)
  private syncUnboundClaim(c: PersistentVolumeClaim): void {
    const w = this.writer;
    if (!c.spec.volumeName) {
      const delay = isDelayBindingMode(this.api, c);
      // Volumes bound to another claim can never match: only free volumes and those reserved for
      // this claim are searched, in name order as a list would give them.
      const names = [...this.freeVolumes, ...(this.reserved.get(claimKey(c)) ?? [])].sort();
      const candidates = names
        .map((n) => this.api.get<PersistentVolume>('PersistentVolume', undefined, n))
        .filter((v): v is PersistentVolume => {
          const ref = v?.spec.claimRef;
          return !!v && (!ref || (ref.name === c.metadata.name && ref.namespace === c.metadata.namespace && (!ref.uid || ref.uid === c.metadata.uid)));
        });
      const pv = findBestMatchForClaim(c, candidates, delay);
      if (pv) return w.bind(pv, c);
      if (this.assignDefaultStorageClass(c)) return;
      if (delay && !hasAnn(c, ANN_SELECTED_NODE)) this.emitWaitForConsumer(c);
      else if (claimClass(c) !== '') return this.provisionClaim(c);
      else w.event(c, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      w.updateClaimStatus(c, 'Pending');
      return;
    }
    const pv = this.api.get<PersistentVolume>('PersistentVolume', undefined, c.spec.volumeName);
    if (!pv) {
      w.updateClaimStatus(c, 'Pending');
      return;
    }
    if (!pv.spec.claimRef) {
      const why = checkVolumeSatisfyClaim(pv, c);
      if (!why) return w.bind(pv, c);
      w.event(c, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pv.metadata.name}": ${why}`);
      w.updateClaimStatus(c, 'Pending');
      return;
    }
    if (isVolumeBoundToClaim(pv, c)) return w.bind(pv, c);
    w.event(c, 'Warning', 'FailedBinding', `volume "${pv.metadata.name}" already bound to a different claim.`);
    if (!hasAnn(c, ANN_BOUND_BY_CONTROLLER)) w.updateClaimStatus(c, 'Pending');
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go syncBoundClaim (v1.32)
  private syncBoundClaim(c: PersistentVolumeClaim): void {
    const w = this.writer;
    if (!c.spec.volumeName) {
      w.updateClaimStatusWithEvent(c, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return;
    }
    const pv = this.api.get<PersistentVolume>('PersistentVolume', undefined, c.spec.volumeName);
    if (!pv) {
      w.updateClaimStatusWithEvent(c, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    if (!pv.spec.claimRef || pv.spec.claimRef.uid === c.metadata.uid) return w.bind(pv, c);
    w.updateClaimStatusWithEvent(c, 'Lost', 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  /** Gives a class-less claim the default class that appeared after it was created. */
  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go assignDefaultStorageClass (v1.32)
  private assignDefaultStorageClass(c: PersistentVolumeClaim): boolean {
    if (c.spec.storageClassName !== undefined && c.spec.storageClassName !== null) return false;
    if (c.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return false;
    const def = defaultStorageClass(this.api);
    if (!def) return false;
    this.api.as(PV_CONTROLLER, () => this.api.update({ ...c, spec: { ...c.spec, storageClassName: def.metadata.name as string } }));
    return true;
  }

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go emitEventForUnboundDelayBindingClaim (v1.32)
  private emitWaitForConsumer(c: PersistentVolumeClaim): void {
    const pods = this.api
      .list<Pod>('Pod', c.metadata.namespace)
      .filter((p) => !p.spec.nodeName && podClaimNames(p).includes(c.metadata.name as string))
      .map((p) => p.metadata.name as string);
    if (pods.length === 0) this.writer.event(c, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    else if (pods.length === 1) this.writer.event(c, 'Normal', 'WaitForPodScheduled', `waiting for pod ${pods[0]} to be scheduled`);
    else this.writer.event(c, 'Normal', 'WaitForPodScheduled', `waiting for pods ${pods.join(',')} to be scheduled`);
  }

  /**
   * Every provisioner is external in v1.32 (in-tree ones were removed or
   * migrated to CSI): annotate the claim and say whom we are waiting for.
   */
  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go provisionClaimOperation / provisionClaimOperationExternal (v1.32)
  private provisionClaim(c: PersistentVolumeClaim): void {
    const name = claimClass(c);
    const cls = this.api.get<StorageClass>('StorageClass', undefined, name);
    if (!cls) {
      this.writer.event(c, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${name}" not found`);
      return;
    }
    if (cls.provisioner === NO_PROVISIONER || cls.provisioner.startsWith('kubernetes.io/')) {
      this.writer.event(c, 'Warning', 'ProvisioningFailed', 'no provisionable volume plugin matched');
      return;
    }
    let claim = c;
    const ann = c.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== cls.provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== cls.provisioner) {
      const annotations = { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: cls.provisioner, [ANN_STORAGE_PROVISIONER]: cls.provisioner };
      claim = this.api.as(PV_CONTROLLER, () => this.api.update({ ...c, metadata: { ...c.metadata, annotations } }));
    }
    this.writer.event(
      claim,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${cls.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  // ---------------------------------------------------------------- volumes

  // Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go syncVolume (v1.32)
  private syncVolume(name: string): void {
    const w = this.writer;
    const pv = this.api.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv) return;
    const ref = pv.spec.claimRef;
    if (!ref || !ref.uid) {
      w.updateVolumePhase(pv, 'Available');
      return;
    }
    let c = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace ?? 'default', ref.name ?? '');
    if (c && c.metadata.uid !== ref.uid) c = undefined;
    if (!c) {
      const v = pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed' ? w.updateVolumePhase(pv, 'Released') : pv;
      this.reclaimer.reclaim(v);
      return;
    }
    if (!c.spec.volumeName) {
      if (volumeModeMismatch(c, pv)) {
        w.event(pv, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${c.metadata.name}" due to incompatible volumeMode.`);
        w.event(c, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      this.claimQueue.add(claimKey(c));
      return;
    }
    if (c.spec.volumeName === name) {
      w.updateVolumePhase(pv, 'Bound');
      return;
    }
    // The claim got bound to another volume.
    if (hasAnn(pv, ANN_PROVISIONED_BY) && pv.spec.persistentVolumeReclaimPolicy === 'Delete') {
      const v = pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed' ? w.updateVolumePhase(pv, 'Released') : pv;
      this.reclaimer.reclaim(v);
    } else if (hasAnn(pv, ANN_BOUND_BY_CONTROLLER)) {
      w.unbindVolume(pv);
    }
  }
}
