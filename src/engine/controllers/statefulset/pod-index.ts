/**
 * The pods of one StatefulSet, kept up to date from the API server's watch
 * stream so that one sync costs what changed since the last one rather than
 * a walk over every pod.
 *
 * Upstream lists the set's pods from an informer cache and walks all of them
 * on every sync (getPodsForStatefulSet, then updateStatefulSet with
 * computeReplicaStatus). That is O(pods) per event and O(pods²) for an
 * OrderedReady scale-up or a rolling update, where each event moves one pod.
 * SIM: the playground keeps the answers of those walks incrementally instead:
 * the claimed pods, the replicas by ordinal, the status counts, and for each
 * question a sync asks ("first replica that is unhealthy", "highest replica
 * at an old revision", …) a set of the ordinals where the answer may lie.
 * The sync still applies upstream's test to each candidate it visits, so the
 * candidate sets only have to contain every ordinal the walk would act on.
 */
import { labelSelectorAsMatcher } from '../../api/labels';
import type { Pod, StatefulSet } from '../../api/types';
import { OrdinalSet } from './ordinal-set';
import {
  availableAt,
  getControllerOf,
  getOrdinal,
  getPodRevision,
  isCreated,
  isMemberOf,
  isRunningAndReady,
  isTerminating,
  parentAndOrdinal,
  replicaCount,
  startOrdinal,
} from './stateful-set-utils';

/** Etcd order of two pods in one namespace: by name, as strings. */
const byName = (a: Pod, b: Pod): number => {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Of pods sharing an ordinal (web-1, web-01), the one a walk in etcd order would leave in the slot: the last. */
const lastInEtcdOrder = (pods: Pod[] | undefined): Pod | undefined => {
  if (!pods || pods.length === 0) return undefined;
  let w = pods[0] as Pod;
  for (const p of pods) if (byName(p, w) > 0) w = p;
  return w;
};

const bump = (m: Map<string, number>, k: string, d: number): void => {
  const n = (m.get(k) ?? 0) + d;
  if (n === 0) m.delete(k);
  else m.set(k, n);
};

const setIf = (s: OrdinalSet, i: number, on: boolean): void => (on ? s.add(i) : s.delete(i));

/**
 * What a sync needs to know of the replicas, for one layout (ordinal range,
 * minReadySeconds, retention policy, update revision). A change of layout
 * builds a new view, O(pods) once; pod events update it in O(log pods).
 */
export class ReplicaView {
  /** The pod in each slot of the ordinal range (slot i is ordinal start + i), undefined where none exists. */
  readonly slots: (Pod | undefined)[];
  /** Slots whose replica is missing, not created, not available or terminating: firstUnhealthy, the rolling update's wait, maxUnavailable's count. Exact. */
  readonly unhealthy: OrdinalSet;
  /** Slots processReplica has to look at: every slot except those whose pod was found healthy and consistent and has not changed since (nor its claims). */
  readonly attention: OrdinalSet;
  /** Slots whose pod is labelled with another revision than the update revision: what a rolling update replaces. Exact. */
  readonly stale: OrdinalSet;
  /** Slots whose pod is missing or has no phase yet: blockedWork's "creating …". Exact. */
  readonly uncreated: OrdinalSet;
  /** Pods of the set outside the ordinal range, which scale-down deletes. */
  readonly condemned = new Set<Pod>();
  /** computeReplicaStatus's counts over the slots and the condemned pods, as of `asOf`. */
  replicas = 0;
  ready = 0;
  available = 0;
  /** Created, non-terminating pods per revision label: currentReplicas and updatedReplicas. */
  readonly byRevision = new Map<string, number>();
  /** The instant the availability counts are worked out for; moved on by `promote`. */
  private asOf: number;
  /** Counted pods that are available as of `asOf`. */
  private availableNow = new Set<Pod>();
  /** Counted Ready pods still waiting out minReadySeconds, and a min-heap of when each becomes available. */
  private waiting = new Set<Pod>();
  private heap: { at: number; pod: Pod }[] = [];

  constructor(
    readonly key: string,
    readonly start: number,
    readonly count: number,
    readonly minReady: number,
    readonly updateRevision: string,
    now: number,
  ) {
    this.slots = new Array<Pod | undefined>(count).fill(undefined);
    this.asOf = now;
    this.unhealthy = new OrdinalSet(count);
    this.attention = new OrdinalSet(count);
    this.stale = new OrdinalSet(count);
    this.uncreated = new OrdinalSet(count);
  }

  inRange(ordinal: number): boolean {
    return ordinal >= this.start && ordinal < this.start + this.count;
  }

  /** Puts `pod` (or nothing) in slot `i`; the slot needs processReplica's attention again. */
  place(i: number, pod: Pod | undefined): void {
    const prev = this.slots[i];
    if (prev) this.countOut(prev);
    this.slots[i] = pod;
    if (pod) this.countIn(pod);
    this.flag(i);
    this.attention.add(i);
  }

  condemn(pod: Pod): void {
    this.condemned.add(pod);
    this.countIn(pod);
  }

  release(pod: Pod): void {
    if (this.condemned.delete(pod)) this.countOut(pod);
  }

  /** Moves availability on to `now`: pods whose minReadySeconds have passed count as available. */
  promote(now: number): void {
    const h = this.heap;
    while (h.length && (h[0] as { at: number }).at <= now) {
      const { pod } = this.pop();
      if (!this.waiting.delete(pod)) continue;
      this.availableNow.add(pod);
      this.available++;
      const i = getOrdinal(pod) - this.start;
      if (this.slots[i] === pod) this.flag(i);
    }
    if (now > this.asOf) this.asOf = now;
  }

  private flag(i: number): void {
    const p = this.slots[i];
    setIf(this.unhealthy, i, !p || !isCreated(p) || !this.availableNow.has(p) || isTerminating(p));
    setIf(this.uncreated, i, !p || !isCreated(p));
    setIf(this.stale, i, !!p && getPodRevision(p) !== this.updateRevision);
  }

  // Behaviour of computeReplicaStatus, one pod at a time.
  private countIn(pod: Pod): void {
    const created = isCreated(pod);
    if (created) this.replicas++;
    if (isRunningAndReady(pod)) {
      this.ready++;
      const at = availableAt(pod, this.minReady);
      if (at <= this.asOf) {
        this.availableNow.add(pod);
        this.available++;
      } else if (at !== Infinity) {
        this.waiting.add(pod);
        this.push({ at, pod });
      }
    }
    if (created && !isTerminating(pod)) bump(this.byRevision, getPodRevision(pod), 1);
  }

  private countOut(pod: Pod): void {
    const created = isCreated(pod);
    if (created) this.replicas--;
    if (isRunningAndReady(pod)) {
      this.ready--;
      if (this.availableNow.delete(pod)) this.available--;
      this.waiting.delete(pod);
    }
    if (created && !isTerminating(pod)) bump(this.byRevision, getPodRevision(pod), -1);
  }

  private push(x: { at: number; pod: Pod }): void {
    const h = this.heap;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as { at: number }).at <= x.at) break;
      h[i] = h[p] as { at: number; pod: Pod };
      i = p;
    }
    h[i] = x;
  }

  private pop(): { at: number; pod: Pod } {
    const h = this.heap;
    const top = h[0] as { at: number; pod: Pod };
    const last = h.pop() as { at: number; pod: Pod };
    if (h.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const m = r < h.length && (h[r] as { at: number }).at < (h[l] as { at: number }).at ? r : l;
        if ((h[m] as { at: number }).at >= last.at) break;
        h[i] = h[m] as { at: number; pod: Pod };
        i = m;
      }
      h[i] = last;
    }
    return top;
  }
}

/**
 * The pods one StatefulSet object (one uid) claims, fed with every pod write
 * in its namespace. Behaviour of getPodsForStatefulSet / ClaimPods, kept
 * incrementally: a pod's membership depends only on the pod object and on
 * the set's uid, name and selector, none of which change for this object.
 */
export class SetPodIndex {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  private matches: (pod: Pod) => boolean;
  /** The pods claimPods returns without writing: owned by the set and matching its selector and name. */
  private members = new Map<string, Pod>();
  /** The pods claimPods writes to: owned but no longer matching (released) and matching orphans (adopted). */
  private candidates = new Map<string, Pod>();
  /** Members per ordinal; more than one only when names like web-1 and web-01 share an ordinal. */
  private byOrdinal = new Map<number, Pod[]>();
  /** Members per revision label: the revisions truncateHistory must keep. */
  private revisions = new Map<string, number>();
  private view: ReplicaView | undefined;
  /** While a sync runs it works on the pods as listed at its start: pod writes wait here. */
  private frozen = false;
  private held: [string, Pod | undefined][] = [];

  constructor(set: StatefulSet, pods: Iterable<Pod>) {
    this.uid = set.metadata.uid as string;
    this.namespace = set.metadata.namespace ?? 'default';
    this.name = set.metadata.name as string;
    const matcher = set.spec.selector ? labelSelectorAsMatcher(set.spec.selector) : undefined;
    this.matches = (pod) => !!matcher && matcher(pod.metadata.labels ?? {}) && isMemberOf(set, pod);
    for (const p of pods) this.insert(p);
  }

  /** A pod named `name` in the namespace was written (`pod`) or deleted (undefined). */
  podChanged(name: string, pod: Pod | undefined): void {
    if (this.frozen) {
      this.held.push([name, pod]);
      return;
    }
    this.remove(name);
    if (pod) this.insert(pod);
  }

  /**
   * A claim was written: the replica whose claim it may be has to be looked
   * at again (processReplica's verdict covers its claims).
   */
  claimChanged(claimName: string): void {
    const v = this.view;
    if (!v) return;
    const { parent, ordinal } = parentAndOrdinal(claimName);
    if (ordinal >= 0 && parent.endsWith(`-${this.name}`) && v.inRange(ordinal)) v.attention.add(ordinal - v.start);
  }

  /** Holds pod writes back until `thaw`, so one sync sees one listing. */
  freeze(): void {
    this.frozen = true;
  }

  thaw(): void {
    this.frozen = false;
    const held = this.held;
    this.held = [];
    for (const [name, pod] of held) this.podChanged(name, pod);
  }

  /** The pods claimPods has to write to, in etcd order. */
  claimCandidates(): Pod[] {
    return [...this.candidates.values()].sort(byName);
  }

  /** Revision labels of the claimed pods. */
  liveRevisions(): Iterable<string> {
    return this.revisions.keys();
  }

  /**
   * The view for this sync's layout, built anew when the layout changed and
   * moved on to `now` otherwise. `verifyKey` names what processReplica's
   * verdicts depend on besides the pods (minReadySeconds, retention policy).
   */
  prepare(set: StatefulSet, updateRevision: string, verifyKey: string, now: number): ReplicaView {
    const start = startOrdinal(set);
    const count = replicaCount(set);
    const minReady = set.spec.minReadySeconds ?? 0;
    const key = `${start}/${count}/${minReady}/${verifyKey}/${updateRevision}`;
    const cur = this.view;
    if (cur && cur.key === key) {
      cur.promote(now);
      return cur;
    }
    const v = new ReplicaView(key, start, count, minReady, updateRevision, now);
    for (const [ordinal, pods] of this.byOrdinal) {
      if (v.inRange(ordinal)) v.place(ordinal - start, lastInEtcdOrder(pods));
      else for (const p of pods) v.condemn(p);
    }
    for (let i = 0; i < count; i++) if (!v.slots[i]) v.place(i, undefined);
    this.view = v;
    return v;
  }

  private insert(pod: Pod): void {
    if ((pod.metadata.namespace ?? 'default') !== this.namespace) return;
    const ref = getControllerOf(pod);
    if (ref && ref.uid !== this.uid) return;
    const name = pod.metadata.name as string;
    const match = this.matches(pod);
    if (!match) {
      if (ref) this.candidates.set(name, pod);
      return;
    }
    if (!ref) {
      this.candidates.set(name, pod);
      return;
    }
    this.members.set(name, pod);
    const o = getOrdinal(pod);
    const list = this.byOrdinal.get(o);
    if (list) list.push(pod);
    else this.byOrdinal.set(o, [pod]);
    bump(this.revisions, getPodRevision(pod), 1);
    this.touch(o, undefined, pod);
  }

  private remove(name: string): void {
    this.candidates.delete(name);
    const pod = this.members.get(name);
    if (!pod) return;
    this.members.delete(name);
    const o = getOrdinal(pod);
    const list = this.byOrdinal.get(o) as Pod[];
    list.splice(list.indexOf(pod), 1);
    if (list.length === 0) this.byOrdinal.delete(o);
    bump(this.revisions, getPodRevision(pod), -1);
    this.touch(o, pod, undefined);
  }

  /** Carries a change of the members at `ordinal` into the view. */
  private touch(ordinal: number, gone: Pod | undefined, added: Pod | undefined): void {
    const v = this.view;
    if (!v) return;
    if (v.inRange(ordinal)) {
      const i = ordinal - v.start;
      const w = lastInEtcdOrder(this.byOrdinal.get(ordinal));
      if (v.slots[i] !== w) v.place(i, w);
      return;
    }
    if (gone) v.release(gone);
    if (added) v.condemn(added);
  }
}
