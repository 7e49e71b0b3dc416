/**
 * One sync of one StatefulSet: revisions, then pods in ordinal order, then
 * scale-down, then the rolling update, then status and history.
 * Behaviour of pkg/controller/statefulset/stateful_set_control.go (v1.32),
 * MaxUnavailableStatefulSet gate off unless the cluster turns it on.
 */
import { deepCopy, deepEqual } from '../../../lib/clone';
import type { ControllerRevision, Pod, StatefulSet, StatefulSetStatus } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';
import type { SimTime } from '../../clock/clock';
import type { ReplicaView, SetPodIndex } from './pod-index';
import type { StatefulPodControl } from './stateful-pod-control';
import {
  applyRevision,
  claimNamesFor,
  getOrdinal,
  getPodRevision,
  identityAndStorageMatch,
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  newRevision,
  newStatefulSetPod,
  nextRevision,
  podName,
  recordTemplate,
  replicaCount,
  retentionPolicy,
  revisionsEqual,
  sortRevisions,
  startOrdinal,
  REVISION_LABEL,
} from './stateful-set-utils';
import { reason, type NextWork, type WaitReason, type WhyDecision } from './why';

export type { WaitReason } from './why';

export interface SyncResult {
  status: StatefulSetStatus;
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  waiting?: WaitReason;
}

interface Ctx {
  set: StatefulSet;
  now: SimTime;
  minReady: number;
  monotonic: boolean;
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  currentSet: StatefulSet;
  updateSet: StatefulSet;
  /** The replicas in the ordinal range and the condemned pods, as listed at the start of the sync. */
  view: ReplicaView;
  /** The pods this sync would create for empty slots, built on demand by `replicaAt`. */
  placeholders: Map<number, Pod>;
  /** Condemned pods, highest ordinal first. */
  condemned: Pod[];
  /** The retention policy as a short key, for the verified-pod cache. */
  policy: string;
  /** What this sync decided to wait for (or, not waiting, is in the middle of); see why.ts. */
  waiting?: WaitReason;
}

/**
 * Records a decision of the sync. The first wait stands (an OrderedReady sync stops there; a
 * Parallel one goes on, and the lowest ordinal's wait is the one reported); progress that
 * blocks nothing gives way to a wait.
 */
function note(c: Ctx, d: WhyDecision): void {
  if (c.waiting?.waiting) return;
  c.waiting = reason(d);
}

export class StatefulSetControl {
  /**
   * Pods found healthy and consistent (identity, storage, claim owners) by an
   * earlier sync, with the versions of their claims then. A stored pod never
   * changes in place, so while the object and its claims are the same the
   * verdict stands and the checks are skipped.
   */
  private verified = new WeakMap<Pod, { set: string; minReady: number; policy: string; claims: string[]; versions: number[] }>();
  /** The recorded template per set uid, for one generation and collision count (see `recordedTemplate`). */
  private recorded = new Map<string, { generation: number | undefined; collisionCount: number; data: unknown; hash: string }>();
  /** Whether a stored revision records a given template data object (see `records`). */
  private equalTo = new WeakMap<ControllerRevision, { data: unknown; equal: boolean }>();
  /** The decision of the latest sync, also when it failed (a pod the API server refused). */
  lastWaiting: WaitReason | undefined;

  constructor(
    private api: ApiServer,
    private podControl: StatefulPodControl,
    private maxUnavailableGate: () => boolean,
    /** How many times a claim ("namespace/name") has been written; 0 when never seen. */
    private claimVersion: (key: string) => number = () => 0,
  ) {}

  /** Drops what is kept for a set object (by uid) that was deleted. */
  forgetSet(uid: string): void {
    this.recorded.delete(uid);
  }

  stats(): Record<string, number> {
    return { recordedTemplates: this.recorded.size };
  }

  /**
   * Reconciles `set` with its pods (the index, frozen for the sync) and
   * `revisions`, as listed at the start of the sync. Writes pods, claims,
   * revisions and status. Throws when a write failed; the caller requeues
   * with back-off.
   */
  updateStatefulSet(set: StatefulSet, pods: SetPodIndex, revisions: ControllerRevision[]): SyncResult {
    // SIM: upstream works on a deep copy of the set; nothing here writes to it (stored objects are
    // frozen in tests, which would catch a write), so the stored object is read as it is.
    this.lastWaiting = undefined;
    const sorted = sortRevisions(revisions);
    const { currentRevision, updateRevision, collisionCount } = this.getStatefulSetRevisions(set, sorted);
    let result: { status: StatefulSetStatus; waiting?: WaitReason; error?: unknown } | undefined;
    let error: unknown;
    try {
      result = this.sync(set, currentRevision, updateRevision, collisionCount, pods);
      this.lastWaiting = result.waiting;
      if (result.error !== undefined) error = result.error;
    } catch (e) {
      error = e;
    }
    if (result) this.updateStatus(set, result.status);
    this.truncateHistory(set, pods, sorted, currentRevision, updateRevision);
    if (error) throw error;
    const out: SyncResult = { status: (result as { status: StatefulSetStatus }).status, currentRevision, updateRevision };
    if (result?.waiting) out.waiting = result.waiting;
    return out;
  }

  // Behaviour of getStatefulSetRevisions.
  private getStatefulSetRevisions(set: StatefulSet, revisions: ControllerRevision[]) {
    let collisionCount = set.status?.collisionCount ?? 0;
    const recorded = this.recordedTemplate(set, collisionCount);
    // The candidate revision (newRevision) is built only when it is written; until then its data is `recorded.data`.
    const equal = revisions.filter((r) => this.records(r, recorded.data));
    const last = revisions[revisions.length - 1];
    let updateRevision: ControllerRevision;
    const lastEqual = equal[equal.length - 1];
    // revisionsEqual(last, lastEqual), lastEqual recording the candidate's data.
    if (lastEqual && last && this.records(last, recorded.data)) {
      updateRevision = last;
    } else if (lastEqual) {
      // A rollback: the old revision is re-used and renumbered to the newest.
      const bumped = deepCopy(lastEqual);
      bumped.revision = nextRevision(revisions);
      updateRevision = this.api.as('statefulset-controller', () => this.api.update(bumped));
    } else {
      const candidate = newRevision(set, nextRevision(revisions), collisionCount, recorded);
      ({ revision: updateRevision, collisionCount } = this.createRevision(set, candidate, collisionCount));
    }
    const currentRevision = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? updateRevision;
    return { currentRevision, updateRevision, collisionCount };
  }

  /**
   * The set's template as a revision records it, with its hash. A set's template changes only
   * with its generation, so the answer is kept per set uid for the generation it was worked out
   * for (the set is synced on every pod change, its template hashed on each in upstream).
   */
  private recordedTemplate(set: StatefulSet, collisionCount: number): { data: unknown; hash: string } {
    const uid = set.metadata.uid as string;
    const generation = set.metadata.generation;
    const hit = this.recorded.get(uid);
    if (hit && generation !== undefined && hit.generation === generation && hit.collisionCount === collisionCount) return hit;
    const fresh = { generation, collisionCount, ...recordTemplate(set, collisionCount) };
    this.recorded.set(uid, fresh);
    return fresh;
  }

  /**
   * revisionsEqual(rev, candidate) for a candidate recording `data`, remembered per stored
   * revision (which never changes in place) for the last data it was compared with.
   */
  private records(rev: ControllerRevision, data: unknown): boolean {
    const hit = this.equalTo.get(rev);
    if (hit && hit.data === data) return hit.equal;
    const equal = deepEqual(rev.data, data);
    this.equalTo.set(rev, { data, equal });
    return equal;
  }

  // Behaviour of pkg/controller/history realHistory.CreateControllerRevision: re-hash on a name clash.
  private createRevision(set: StatefulSet, candidate: ControllerRevision, collisionCount: number): { revision: ControllerRevision; collisionCount: number } {
    let count = collisionCount;
    for (;;) {
      const rev = count === collisionCount ? candidate : newRevision(set, candidate.revision, count);
      const existing = this.api.get<ControllerRevision>('ControllerRevision', rev.metadata.namespace, rev.metadata.name as string);
      if (!existing) return { revision: this.api.as('statefulset-controller', () => this.api.create(rev)), collisionCount: count };
      if (revisionsEqual(existing, rev)) return { revision: existing, collisionCount: count };
      count++;
    }
  }

  private sync(set: StatefulSet, currentRevision: ControllerRevision, updateRevision: ControllerRevision, collisionCount: number, pods: SetPodIndex): { status: StatefulSetStatus; waiting?: WaitReason; error?: unknown } {
    const now = this.api.clock.now();
    const minReady = set.spec.minReadySeconds ?? 0;
    const policy = policyKey(set);
    // SIM: upstream sorts every pod into replicas/condemned and builds every missing pod up front;
    // the index keeps the slots between syncs and placeholders are built on demand, so a sync
    // costs what it visits (see pod-index.ts).
    const v = pods.prepare(set, updateRevision.metadata.name as string, `${minReady}/${policy}`, now);
    const c: Ctx = {
      set,
      now,
      minReady,
      monotonic: (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel',
      currentRevision,
      updateRevision,
      currentSet: applyRevision(set, currentRevision),
      updateSet: applyRevision(set, updateRevision),
      view: v,
      placeholders: new Map(),
      // Highest ordinal first; pods sharing an ordinal stay in etcd (name) order, as a stable sort leaves them.
      condemned: [...v.condemned].sort((a, b) => getOrdinal(b) - getOrdinal(a) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1)),
      policy,
    };
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation ?? 0,
      replicas: 0,
      currentRevision: currentRevision.metadata.name as string,
      updateRevision: updateRevision.metadata.name as string,
      collisionCount,
    };

    const finish = () => {
      this.fillStatus(status, c);
      return c.waiting ? { status, waiting: c.waiting } : { status };
    };

    const unavailable = (p: Pod) => isUnavailable(p, c.minReady, now);
    let firstUnhealthy: Pod | undefined;
    for (let i = v.unhealthy.next(0); i >= 0; i = v.unhealthy.next(i + 1)) {
      const p = v.slots[i];
      if (!p || unavailable(p)) {
        firstUnhealthy = this.replicaAt(c, i);
        break;
      }
    }
    if (!firstUnhealthy) for (let i = c.condemned.length - 1; i >= 0; i--) if (unavailable(c.condemned[i] as Pod)) { firstUnhealthy = c.condemned[i]; break; }

    if (set.metadata.deletionTimestamp) return finish();

    // Claims of condemned pods get the owner references the retention policy asks for, before anything is deleted.
    for (const pod of c.condemned) {
      if (!this.podControl.claimsMatchRetentionPolicy(c.updateSet, pod)) this.podControl.updatePodClaimForRetentionPolicy(c.updateSet, pod);
    }

    // Behaviour of updateStatefulSet: when processing a replica fails (a pod the API server refuses),
    // the status computed so far is still returned with the error, and performUpdate writes it.
    try {
      // Every slot outside `attention` holds a pod processReplica already found healthy and consistent.
      for (let i = v.attention.next(0); i >= 0; i = v.attention.next(i + 1)) {
        if (this.processReplica(c, i) && c.monotonic) return finish();
      }

      for (let k = 0; k < c.condemned.length; k++) {
        if (this.processCondemned(c, k, firstUnhealthy) && c.monotonic) return finish();
      }
      // Parallel: every condemned pod was deleted (or is terminating) at once; nothing waits on them.
      if (!c.monotonic && c.condemned.length > 0) note(c, { code: 'ScalingDown' });
    } catch (e) {
      return { ...finish(), error: e };
    }

    this.fillStatus(status, c);
    const strategy = set.spec.updateStrategy?.type ?? 'RollingUpdate';
    if (strategy === 'OnDelete') return c.waiting ? { status, waiting: c.waiting } : { status };

    if (this.maxUnavailableGate()) this.rollingUpdateWithMaxUnavailable(c, status);
    else this.rollingUpdate(c, status);
    return c.waiting ? { status, waiting: c.waiting } : { status };
  }

  /** The pod in slot `i`, or the placeholder that would be created for it. */
  private replicaAt(c: Ctx, i: number): Pod {
    const pod = c.view.slots[i] ?? c.placeholders.get(i);
    if (pod) return pod;
    const made = this.newVersionedPod(c, startOrdinal(c.set) + i);
    c.placeholders.set(i, made);
    return made;
  }

  /** The pod that will be created for `ordinal`: current revision below the partition, update revision at or above it. */
  private newVersionedPod(c: Ctx, ordinal: number): Pod {
    const set = c.currentSet;
    const start = startOrdinal(set);
    const ru = set.spec.updateStrategy?.rollingUpdate;
    const isRolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    // Behaviour of newVersionedStatefulSetPod (including its operator precedence).
    const useCurrent = (isRolling && !ru && ordinal < start + (set.status?.currentReplicas ?? 0)) || (!!ru && ordinal < start + (ru.partition ?? 0));
    const pod = newStatefulSetPod(useCurrent ? c.currentSet : c.updateSet, ordinal);
    (pod.metadata.labels as Record<string, string>)[REVISION_LABEL] = (useCurrent ? c.currentRevision : c.updateRevision).metadata.name as string;
    return pod;
  }

  /** What the controller still has to do above or after replica `i`: the work a wait there holds back. */
  private blockedWork(c: Ctx, i: number): NextWork | undefined {
    const v = c.view;
    for (let j = v.uncreated.next(i + 1); j >= 0; j = v.uncreated.next(j + 1)) {
      const p = v.slots[j];
      if (!p || !isCreated(p)) return { kind: 'create', pod: podName(c.set, startOrdinal(c.set) + j) };
    }
    const cond = c.condemned.find((p) => !isTerminating(p));
    if (cond) return { kind: 'delete', pod: cond.metadata.name as string };
    const strategy = c.set.spec.updateStrategy?.type ?? 'RollingUpdate';
    if (strategy !== 'OnDelete' && c.currentRevision.metadata.name !== c.updateRevision.metadata.name) {
      const partition = c.set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      for (let j = v.stale.next(sliceStart(partition, v.count)); j >= 0; j = v.stale.next(j + 1)) {
        const p = v.slots[j];
        if (p && isCreated(p) && getPodRevision(p) !== c.updateRevision.metadata.name) return { kind: 'update' };
      }
    }
    return undefined;
  }

  /** An OrderedReady sync stops at replica `i` (`pod`) and waits for it. */
  private wait(c: Ctx, pod: Pod, code: 'CreatedPod' | 'PodNotReady' | 'PodNotAvailable' | 'PodTerminating', i: number): void {
    const at = { pod: pod.metadata.name as string, ordinal: getOrdinal(pod) };
    const next = this.blockedWork(c, i);
    const extra = next ? { next } : {};
    note(c, code === 'PodNotAvailable' ? { code, ...at, minReadySeconds: c.minReady, ...extra } : { code, ...at, ...extra });
  }

  /** Returns true when this sync must stop (OrderedReady) at replica `i`. Behaviour of processReplica. */
  private processReplica(c: Ctx, i: number): boolean {
    const pod = this.replicaAt(c, i);
    const seen = this.verified.get(pod);
    if (seen && seen.set === c.set.metadata.uid && seen.minReady === c.minReady && seen.policy === c.policy && seen.claims.every((k, j) => this.claimVersion(k) === seen.versions[j])) {
      c.view.attention.delete(i);
      return false;
    }
    const name = pod.metadata.name as string;
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) this.podControl.deleteStatefulPod(c.set, pod);
      note(c, { code: 'PodFailed', pod: name, ordinal: getOrdinal(pod), phase: pod.status?.phase === 'Failed' ? 'Failed' : 'Succeeded' });
      return true;
    }
    if (!isCreated(pod)) {
      if (this.podControl.podClaimIsStale(c.updateSet, pod)) {
        note(c, { code: 'StaleClaim', pod: name, ordinal: getOrdinal(pod) });
        return true;
      }
      try {
        this.podControl.createStatefulPod(c.set, pod);
      } catch (e) {
        // The reason a failed creation gives, even over an earlier one: the sync ends here.
        c.waiting = reason({ code: 'CreateFailed', pod: name, ordinal: getOrdinal(pod), error: e instanceof Error ? e.message : String(e) });
        throw e;
      }
      if (c.monotonic) {
        this.wait(c, pod, 'CreatedPod', i);
        return true;
      }
      return false;
    }
    if (isPending(pod)) this.podControl.createPersistentVolumeClaims(c.set, pod);
    if (isTerminating(pod) && c.monotonic) {
      this.wait(c, pod, 'PodTerminating', i);
      return true;
    }
    if (!isRunningAndReady(pod) && c.monotonic) {
      this.wait(c, pod, 'PodNotReady', i);
      return true;
    }
    if (!isRunningAndAvailable(pod, c.minReady, c.now) && c.monotonic) {
      this.wait(c, pod, 'PodNotAvailable', i);
      return true;
    }
    if (isTerminating(pod)) return false;
    const retentionMatch = this.podControl.claimsMatchRetentionPolicy(c.updateSet, pod);
    if (identityAndStorageMatch(c.set, pod) && retentionMatch) {
      if (isRunningAndAvailable(pod, c.minReady, c.now)) {
        const ns = c.set.metadata.namespace ?? 'default';
        const claims = claimNamesFor(c.set, getOrdinal(pod)).map((n) => `${ns}/${n}`);
        this.verified.set(pod, { set: c.set.metadata.uid as string, minReady: c.minReady, policy: c.policy, claims, versions: claims.map(this.claimVersion) });
        c.view.attention.delete(i);
      }
      return false;
    }
    this.podControl.updateStatefulPod(c.updateSet, pod);
    return false;
  }

  /** Scale-down of the condemned pod `k` (highest ordinal first). Behaviour of processCondemned. */
  private processCondemned(c: Ctx, k: number, firstUnhealthy: Pod | undefined): boolean {
    const pod = c.condemned[k] as Pod;
    const at = { pod: pod.metadata.name as string, ordinal: getOrdinal(pod) };
    /** The condemned pod an OrderedReady scale-down deletes after this one. */
    const after = () => c.condemned.slice(k + 1).find((p) => !isTerminating(p))?.metadata.name;
    if (isTerminating(pod)) {
      if (c.monotonic) note(c, { code: 'ScaleDownTerminating', ...at, next: after() });
      return c.monotonic;
    }
    if (c.monotonic && pod !== firstUnhealthy && !isRunningAndAvailable(pod, c.minReady, c.now)) {
      note(c, { code: 'ScaleDownUnhealthy', ...at, other: firstUnhealthy?.metadata.name ?? at.pod, minReadySeconds: c.minReady });
      return true;
    }
    this.podControl.deleteStatefulPod(c.set, pod);
    if (c.monotonic) note(c, { code: 'ScaleDownDeleted', ...at, next: after() });
    return true;
  }

  /**
   * The highest replica at or below slot `from` and at or above the partition that is labelled
   * with another revision than the update revision (with `live`, one not terminating either):
   * what the rolling update would replace next. Undefined when there is none, i.e. nothing is
   * left to update there.
   */
  private nextToUpdate(c: Ctx, from: number, updateMin: number, live: boolean): string | undefined {
    const v = c.view;
    for (let j = v.stale.prev(from); j >= 0 && j >= updateMin; j = v.stale.prev(j - 1)) {
      const p = v.slots[j];
      if (p && (!live || (isCreated(p) && !isTerminating(p)))) return p.metadata.name as string;
    }
    return undefined;
  }

  /** Classic rolling update: one pod at a time, highest ordinal first, down to the partition. */
  private rollingUpdate(c: Ctx, status: StatefulSetStatus): void {
    const ru = c.set.spec.updateStrategy?.rollingUpdate;
    const updateMin = ru ? (ru.partition ?? 0) : 0;
    const updateName = c.updateRevision.metadata.name as string;
    const v = c.view;
    // A slot in neither `unhealthy` nor `stale` holds an available pod at the update revision: the walk passes it.
    for (let target = Math.max(v.unhealthy.prev(v.count - 1), v.stale.prev(v.count - 1)); target >= 0 && target >= updateMin; target = Math.max(v.unhealthy.prev(target - 1), v.stale.prev(target - 1))) {
      const pod = this.replicaAt(c, target);
      const at = { pod: pod.metadata.name as string, ordinal: getOrdinal(pod) };
      if (getPodRevision(pod) !== updateName && !isTerminating(pod)) {
        this.podControl.deleteStatefulPod(c.set, pod);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        note(c, { code: 'UpdateDeleted', ...at, pods: [at.pod] });
        return;
      }
      if (isUnavailable(pod, c.minReady, c.now)) {
        // The walk stops here whatever lies below (upstream: "waiting for Pod to update"). That holds an
        // update back when this pod is being replaced, when an older pod below it is still to update, or
        // when it is the last pod the update waits for (every pod at the update revision, the set's
        // current revision not yet moved). Otherwise (a new pod of a scale-up) nothing waits on it.
        const replacing = getPodRevision(pod) !== updateName;
        const next = this.nextToUpdate(c, target - 1, updateMin, false);
        const last = c.currentRevision.metadata.name !== updateName && v.stale.prev(v.count - 1) < 0;
        if (replacing || next || last) note(c, { code: 'UpdateWaiting', ...at, replacing, minReadySeconds: c.minReady, next });
        return;
      }
    }
  }

  /** Rolling update with the MaxUnavailableStatefulSet gate on (1.35 behaviour). */
  private rollingUpdateWithMaxUnavailable(c: Ctx, status: StatefulSetStatus): void {
    const ru = c.set.spec.updateStrategy?.rollingUpdate;
    const updateMin = ru ? (ru.partition ?? 0) : 0;
    const replicas = replicaCount(c.set);
    const raw = ru?.maxUnavailable ?? 1;
    let max = typeof raw === 'string' && raw.endsWith('%') ? Math.floor((Number(raw.slice(0, -1)) * replicas) / 100) : Number(raw);
    if (!Number.isFinite(max) || max < 1) max = 1;
    const v = c.view;
    let unavailable = 0;
    for (let i = v.unhealthy.next(0); i >= 0; i = v.unhealthy.next(i + 1)) {
      const p = v.slots[i];
      if (!p || isUnavailable(p, c.minReady, c.now)) unavailable++;
    }
    if (unavailable >= max) {
      // A wait only when a pod is still to update.
      const next = this.nextToUpdate(c, v.count - 1, updateMin, true);
      if (next) note(c, { code: 'MaxUnavailable', unavailable, maxUnavailable: max, next });
      return;
    }
    let budget = max - unavailable;
    const updateName = c.updateRevision.metadata.name as string;
    const deleted: Pod[] = [];
    // Only a created pod at another revision is acted on, and those are all in `stale`.
    for (let target = v.stale.prev(v.count - 1); target >= 0 && target >= updateMin && budget > 0; target = v.stale.prev(target - 1)) {
      const pod = v.slots[target] as Pod;
      if (getPodRevision(pod) !== updateName && !isTerminating(pod) && isCreated(pod)) {
        this.podControl.deleteStatefulPod(c.set, pod);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        budget--;
        deleted.push(pod);
      }
    }
    const first = deleted[0];
    if (first) note(c, { code: 'UpdateDeleted', pod: first.metadata.name as string, ordinal: getOrdinal(first), pods: deleted.map((p) => p.metadata.name as string) });
  }

  /**
   * Counts over the pods as listed at the start of the sync (placeholders count for nothing).
   * Behaviour of updateStatus/computeReplicaStatus; the view keeps the counts as pods change.
   */
  private fillStatus(status: StatefulSetStatus, c: Ctx): void {
    const v = c.view;
    status.replicas = v.replicas;
    status.readyReplicas = v.ready;
    status.availableReplicas = v.available;
    status.currentReplicas = v.byRevision.get(c.currentRevision.metadata.name as string) ?? 0;
    status.updatedReplicas = v.byRevision.get(c.updateRevision.metadata.name as string) ?? 0;
  }

  /** Writes status when it changed, after applying rolling-update completion. Behaviour of updateStatefulSetStatus. */
  private updateStatus(set: StatefulSet, status: StatefulSetStatus): void {
    const strategy = set.spec.updateStrategy?.type ?? 'RollingUpdate';
    const want = replicaCount(set);
    if (strategy === 'RollingUpdate' && status.updatedReplicas === status.readyReplicas && status.readyReplicas === want && status.replicas === want) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
    }
    const old = set.status;
    const same =
      old &&
      (old.observedGeneration ?? 0) >= (status.observedGeneration ?? 0) &&
      old.replicas === status.replicas &&
      (old.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
      (old.currentReplicas ?? 0) === (status.currentReplicas ?? 0) &&
      (old.updatedReplicas ?? 0) === (status.updatedReplicas ?? 0) &&
      (old.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
      old.currentRevision === status.currentRevision &&
      old.updateRevision === status.updateRevision;
    if (same) return;
    const fresh = this.api.get<StatefulSet>('StatefulSet', set.metadata.namespace, set.metadata.name as string);
    if (!fresh || fresh.metadata.uid !== set.metadata.uid) return;
    const written: StatefulSetStatus = {
      availableReplicas: status.availableReplicas ?? 0,
      collisionCount: status.collisionCount ?? 0,
      currentReplicas: status.currentReplicas ?? 0,
      currentRevision: status.currentRevision as string,
      observedGeneration: status.observedGeneration ?? 0,
      readyReplicas: status.readyReplicas ?? 0,
      replicas: status.replicas,
      updateRevision: status.updateRevision as string,
      updatedReplicas: status.updatedReplicas ?? 0,
    };
    this.api.as('statefulset-controller', () => this.api.updateStatus({ ...fresh, status: written }));
  }

  /** Deletes the oldest revisions no pod uses beyond revisionHistoryLimit. Behaviour of truncateHistory. */
  private truncateHistory(set: StatefulSet, pods: SetPodIndex, revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): void {
    const live = new Set<string>([current.metadata.name as string, update.metadata.name as string]);
    for (const r of pods.liveRevisions()) live.add(r);
    const history = revisions.filter((r) => !live.has(r.metadata.name as string));
    const limit = set.spec.revisionHistoryLimit ?? 10;
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) {
      if (this.api.get('ControllerRevision', r.metadata.namespace, r.metadata.name as string)) {
        this.api.as('statefulset-controller', () => this.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name as string));
      }
    }
  }
}

/** Where `Array.prototype.slice(start)` starts on an array of `len`. */
const sliceStart = (start: number, len: number): number => {
  const n = Math.trunc(start) || 0;
  return n < 0 ? Math.max(len + n, 0) : Math.min(n, len);
};

const policyKey = (set: StatefulSet): string => {
  const p = retentionPolicy(set);
  return `${p.whenDeleted}/${p.whenScaled}`;
};
