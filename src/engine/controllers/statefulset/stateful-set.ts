/**
 * The StatefulSet controller: watches sets and pods, claims pods (adopting
 * orphans, releasing strays), and runs one sync per queued set.
 * Behaviour of pkg/controller/statefulset/stateful_set.go (v1.32).
 */
import { deepCopy } from '../../../lib/clone';
import { labelSelectorAsMatcher, matchesSelector } from '../../api/labels';
import type { ControllerRevision, KObject, LabelSelector, Pod, StatefulSet } from '../../api/types';
import type { ApiServer, WatchEvent } from '../../apiserver/apiserver';
import type { EventRecorder } from '../../runtime/recorder';
import { WorkQueue } from '../../runtime/queue';
import { RepeatingWork, type CycleTracker } from '../../runtime/cycles';
import { reportFault } from '../../runtime/faults';
import { ApiError } from '../../api/errors';
import { SetPodIndex } from './pod-index';
import { AggregateError2, ApiObjectManager, StatefulPodControl } from './stateful-pod-control';
import { StatefulSetControl } from './stateful-set-control';
import { reason, type WaitReason } from './why';
import { availableAt, controllerRefOf, getControllerOf, parentAndOrdinal, readyCondition } from './stateful-set-utils';

const STATEFULSET_CONTROLLER = 'statefulset-controller';
const keyOf = (o: KObject) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;

/** A change of a set's latest decision (see why.ts); `reason` undefined: nothing to report, or the set is gone. */
export interface WhyRecord {
  set: string;
  namespace: string;
  reason: WaitReason | undefined;
}

export class StatefulSetController {
  readonly queue: WorkQueue;
  private control: StatefulSetControl;
  /** The latest wait reason per set key; undefined once the set has nothing left to wait for. */
  readonly why = new Map<string, WaitReason | undefined>();
  /** Called when a set's wait reason changes. */
  onWhy: ((rec: WhyRecord) => void) | undefined;

  /** Each set's minReadySeconds re-check, as repeating work (see recheck). */
  private rechecks = new Map<string, RepeatingWork>();

  constructor(
    private api: ApiServer,
    recorder: EventRecorder,
    maxUnavailableGate: () => boolean,
    private cycles?: CycleTracker,
  ) {
    this.queue = new WorkQueue(api.clock, 'statefulset', (k) => this.sync(k));
    this.control = new StatefulSetControl(api, new StatefulPodControl(new ApiObjectManager(api), recorder), maxUnavailableGate, (k) => this.claimVersions.get(k) ?? 0);
  }

  start(): void {
    this.api.watch((ev) => this.onEvent(ev));
  }

  /**
   * A number per claim ("namespace/name") that changes at every write of it, so a sync can tell
   * whether a claim changed. Numbers come from one counter, so a claim deleted and created again
   * never repeats an earlier number; a deleted claim's entry goes (it reads as 0).
   */
  private claimVersions = new Map<string, number>();
  private claimWrites = 0;

  /**
   * The pods of each set ("namespace/name"), kept from the watch stream (see pod-index.ts),
   * and the same indexes by set uid, for pods whose owner reference names a set.
   */
  private indexes = new Map<string, SetPodIndex>();
  private indexByUid = new Map<string, SetPodIndex>();

  private onEvent(ev: WatchEvent): void {
    if (ev.object.kind === 'PersistentVolumeClaim') {
      const k = `${ev.object.metadata.namespace ?? 'default'}/${ev.object.metadata.name}`;
      if (ev.type === 'DELETED') this.claimVersions.delete(k);
      else this.claimVersions.set(k, ++this.claimWrites);
      for (const index of this.indexes.values()) if (index.namespace === (ev.object.metadata.namespace ?? 'default')) index.claimChanged(ev.object.metadata.name ?? '');
    }
    if (ev.object.kind === 'Pod') this.indexPod(ev);
    if (ev.object.kind === 'StatefulSet') {
      if (ev.type === 'DELETED') this.control.forgetSet(ev.object.metadata.uid ?? '');
      if (ev.type === 'MODIFIED' && !setChangeMatters(ev.old as StatefulSet, ev.object as StatefulSet)) return;
      this.queue.add(keyOf(ev.object));
      return;
    }
    if (ev.object.kind === 'PersistentVolumeClaim' && ev.type === 'DELETED') {
      // SIM: upstream has no claim handler and would wait for its (12h+) resync after a stale
      // claim; the playground re-syncs sets whose claim names end in "-<set>-<n>" at once.
      for (const set of this.api.list<StatefulSet>('StatefulSet', ev.object.metadata.namespace)) {
        if (new RegExp(`-${set.metadata.name}-[0-9]+$`).test(ev.object.metadata.name ?? '')) this.queue.add(keyOf(set));
      }
      return;
    }
    if (ev.object.kind !== 'Pod') return;
    const pod = ev.object as Pod;
    const ref = getControllerOf(pod);
    if (ref) {
      if (ref.kind !== 'StatefulSet') return;
      if (ev.type === 'MODIFIED' && !podChangeMatters(ev.old as Pod, pod)) return;
      const set = this.api.get<StatefulSet>('StatefulSet', pod.metadata.namespace, ref.name);
      if (!set || set.metadata.uid !== ref.uid) return;
      this.queue.add(keyOf(set));
      // Behaviour of updatePod: a pod turning Ready re-syncs after minReadySeconds so availability advances.
      const old = ev.old as Pod | undefined;
      const minReady = set.spec.minReadySeconds ?? 0;
      if (ev.type === 'MODIFIED' && minReady > 0 && readyCondition(pod)?.status === 'True' && readyCondition(old ?? pod)?.status !== 'True') {
        this.queue.add(keyOf(set), (minReady + 1) * 1000);
      }
      // A released pod also wakes the set that used to own it.
      const oldRef = old && getControllerOf(old);
      if (oldRef && oldRef.uid !== ref.uid) this.enqueueOwner(old as Pod);
      return;
    }
    if (ev.type === 'DELETED') return;
    // An orphan: wake every set whose selector matches, so one can adopt it.
    for (const set of this.api.list<StatefulSet>('StatefulSet', pod.metadata.namespace)) {
      if (set.spec.selector && matchesSelector(pod.metadata.labels ?? {}, set.spec.selector)) this.queue.add(keyOf(set));
    }
    if (ev.old) this.enqueueOwner(ev.old as Pod);
  }

  private enqueueOwner(pod: Pod): void {
    const ref = getControllerOf(pod);
    if (ref?.kind === 'StatefulSet') this.queue.add(`${pod.metadata.namespace ?? 'default'}/${ref.name}`);
  }

  /** Hands a pod write to the indexes it may concern: the set its name points to and the sets its owner references (old and new) name. */
  private indexPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    const name = pod.metadata.name ?? '';
    const targets = new Set<SetPodIndex>();
    const byName = this.indexes.get(`${pod.metadata.namespace ?? 'default'}/${parentAndOrdinal(name).parent}`);
    if (byName) targets.add(byName);
    for (const p of [pod, ev.old as Pod | undefined]) {
      const ref = p && getControllerOf(p);
      const byRef = ref && this.indexByUid.get(ref.uid);
      if (byRef) targets.add(byRef);
    }
    for (const index of targets) index.podChanged(name, ev.type === 'DELETED' ? undefined : pod);
  }

  /** The set's pod index, built from a listing the first time a set object (uid) is synced. */
  private indexFor(key: string, set: StatefulSet): SetPodIndex {
    let index = this.indexes.get(key);
    if (index && index.uid === set.metadata.uid) return index;
    if (index) this.indexByUid.delete(index.uid);
    index = new SetPodIndex(set, this.api.list<Pod>('Pod', set.metadata.namespace));
    this.indexes.set(key, index);
    this.indexByUid.set(index.uid, index);
    return index;
  }

  private sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const set = this.api.get<StatefulSet>('StatefulSet', ns, name);
    if (!set) {
      const gone = this.indexes.get(key);
      if (gone) this.indexByUid.delete(gone.uid);
      this.indexes.delete(key);
      this.setWhy(key, ns, name, undefined);
      this.why.delete(key);
      this.queue.forget(key);
      this.rechecks.get(key)?.end();
      this.rechecks.delete(key);
      return;
    }
    try {
      const pods = this.indexFor(key, set);
      this.claimPods(set, pods);
      const revisions = this.claimRevisions(set);
      // The sync works on the pods as listed now; its own writes reach the index after it.
      pods.freeze();
      let res;
      try {
        res = this.control.updateStatefulSet(set, pods, revisions);
      } finally {
        pods.thaw();
      }
      this.queue.forget(key);
      this.setWhy(key, ns, name, res.waiting);
      const minReady = set.spec.minReadySeconds ?? 0;
      const recheck = this.recheck(key);
      if (minReady > 0 && res.status.availableReplicas !== (set.spec.replicas ?? 1)) {
        if (recheck && !recheck.active) recheck.begin(this.api.clock.now());
        this.queue.add(key, minReady * 1000, recheck);
      } else recheck?.end();
    } catch (e) {
      // Behaviour of stateful_set.go processNextWorkItem: a failed sync is retried with back-off.
      this.queue.addRateLimited(key);
      // The errors upstream's sync returns: the API server's, and the controller's own (e.g. "pvc x is being deleted").
      // A pod the API server refused is the sync's reason to stop; other failures leave the last reason as it was.
      if (e instanceof ApiError || e instanceof AggregateError2) {
        const last = this.control.lastWaiting;
        if (last?.code === 'CreateFailed') this.setWhy(key, ns, name, last);
        return;
      }
      // Anything else is a fault of the simulator (a bug, or a stored object it cannot handle): it is
      // reported on the set (a SimulatorFault Event) and shown as the set's wait reason.
      reportFault(this.api.clock, STATEFULSET_CONTROLLER, set, e);
      this.setWhy(key, ns, name, reason({ code: 'SimulatorFault' }));
    }
  }

  /**
   * The set's minReadySeconds re-check as repeating work (runtime/cycles.ts):
   * upstream re-syncs every minReadySeconds while a replica is unavailable.
   * The re-syncs repeat identically (write nothing) once no Ready pod is
   * still waiting out minReadySeconds; until then one may write.
   */
  private recheck(key: string): RepeatingWork | undefined {
    const cycles = this.cycles;
    if (!cycles) return undefined;
    let work = this.rechecks.get(key);
    if (!work) {
      const period = (): number | undefined => {
        const [ns, name] = key.split('/') as [string, string];
        const set = this.api.get<StatefulSet>('StatefulSet', ns, name);
        const minReady = set?.spec.minReadySeconds ?? 0;
        if (!set || minReady <= 0) return undefined;
        const now = this.api.clock.now();
        for (const p of this.api.list<Pod>('Pod', ns)) {
          if (getControllerOf(p)?.uid !== set.metadata.uid) continue;
          const at = availableAt(p, minReady);
          if (at > now && at !== Infinity) return undefined;
        }
        return minReady * 1000;
      };
      work = new RepeatingWork(`statefulset:${key}:minReadySeconds`, cycles, { period });
      this.rechecks.set(key, work);
    }
    return work;
  }

  /** Sizes of the controller's caches and queue (tests, soak benchmark). */
  stats(): Record<string, number> {
    return { ...this.queue.stats(), why: this.why.size, claimVersions: this.claimVersions.size, indexes: this.indexes.size, indexByUid: this.indexByUid.size, ...this.control.stats() };
  }

  private setWhy(key: string, namespace: string, set: string, why: WaitReason | undefined): void {
    const prev = this.why.get(key);
    // The words follow from the decision and its facts, so equal words are an equal decision.
    if (prev?.message === why?.message) return;
    // A new wait reason is a happening of its own: the set's re-checks are not repeating identically.
    this.rechecks.get(key)?.disturb(this.api.clock.now());
    this.why.set(key, why);
    this.onWhy?.({ set, namespace, reason: why });
  }

  /**
   * Adopts and releases pods; the index then holds the set's pods. Behaviour of
   * getPodsForStatefulSet / ControllerRefManager.ClaimPods with the isMemberOf filter:
   * the index has already sorted every pod in the namespace into owned-and-matching
   * (kept as is), owned-but-not-matching (released) and matching orphans (adopted),
   * so only the last two are visited, in the order a listing gives them.
   */
  private claimPods(set: StatefulSet, pods: SetPodIndex): void {
    const deleting = !!set.metadata.deletionTimestamp;
    for (const pod of pods.claimCandidates()) {
      if (getControllerOf(pod)) {
        if (!deleting) this.patchOwner(pod, undefined, set);
        continue;
      }
      if (deleting || pod.metadata.deletionTimestamp) continue;
      this.patchOwner(pod, set, set);
    }
  }

  /** Revisions owned by the set, adopting orphans that match its selector. Behaviour of adoptOrphanRevisions/ListRevisions. */
  private claimRevisions(set: StatefulSet): ControllerRevision[] {
    const out: ControllerRevision[] = [];
    const selector = set.spec.selector;
    const matches = selectorMatcher(selector);
    for (const rev of this.api.list<ControllerRevision>('ControllerRevision', set.metadata.namespace)) {
      if (!selector || !matches(rev.metadata.labels ?? {})) continue;
      const ref = getControllerOf(rev);
      if (ref) {
        if (ref.uid === set.metadata.uid) out.push(rev);
        continue;
      }
      if (set.metadata.deletionTimestamp) continue;
      const adopted = this.patchOwner(rev, set, set);
      if (adopted) out.push(adopted as ControllerRevision);
    }
    return out;
  }

  /** Adds (owner given) or removes the set's controller reference. */
  private patchOwner(obj: KObject, owner: StatefulSet | undefined, set: StatefulSet): KObject | undefined {
    const copy = deepCopy(obj);
    const refs = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid);
    if (owner) refs.push(controllerRefOf(owner));
    if (refs.length) copy.metadata.ownerReferences = refs;
    else delete copy.metadata.ownerReferences;
    try {
      return this.api.as('statefulset-controller', () => this.api.update(copy));
    } catch {
      return undefined;
    }
  }
}

/** `matchesSelector` with the selector parsed once: an invalid selector matches nothing. */
function selectorMatcher(selector: LabelSelector | undefined): (labels: Record<string, string>) => boolean {
  let m: (labels: Record<string, string>) => boolean;
  try {
    m = labelSelectorAsMatcher(selector);
  } catch {
    return () => false;
  }
  return (labels) => {
    try {
      return m(labels);
    } catch {
      return false;
    }
  };
}

/**
 * SIM: upstream re-syncs a set on every write to one of its pods and to the
 * set itself. A sync reads only what is compared here, so skipping writes
 * that change none of it (a kubelet's ContainerCreating status, the
 * scheduler's binding, the controller's own status counts) gives the same
 * result with far fewer syncs of large sets.
 */
function podChangeMatters(old: Pod | undefined, pod: Pod): boolean {
  if (!old) return true;
  const o = old.metadata;
  const n = pod.metadata;
  return (
    old.status?.phase !== pod.status?.phase ||
    readyCondition(old)?.status !== readyCondition(pod)?.status ||
    readyCondition(old)?.lastTransitionTime !== readyCondition(pod)?.lastTransitionTime ||
    o.deletionTimestamp !== n.deletionTimestamp ||
    o.labels !== n.labels && JSON.stringify(o.labels) !== JSON.stringify(n.labels) ||
    JSON.stringify(o.ownerReferences) !== JSON.stringify(n.ownerReferences) ||
    old.spec.volumes !== pod.spec.volumes && JSON.stringify(old.spec.volumes) !== JSON.stringify(pod.spec.volumes) ||
    old.spec.hostname !== pod.spec.hostname ||
    old.spec.subdomain !== pod.spec.subdomain
  );
}

function setChangeMatters(old: StatefulSet | undefined, set: StatefulSet): boolean {
  if (!old) return true;
  if (old.metadata.generation !== set.metadata.generation) return true;
  if (old.metadata.deletionTimestamp !== set.metadata.deletionTimestamp) return true;
  if (JSON.stringify(old.metadata.annotations) !== JSON.stringify(set.metadata.annotations)) return true;
  if (JSON.stringify(old.metadata.ownerReferences) !== JSON.stringify(set.metadata.ownerReferences)) return true;
  const a = old.status;
  const b = set.status;
  return a?.currentRevision !== b?.currentRevision || a?.currentReplicas !== b?.currentReplicas || a?.collisionCount !== b?.collisionCount || a?.updateRevision !== b?.updateRevision;
}
