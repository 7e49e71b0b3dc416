/**
 * kube-scheduler, reduced to what a StatefulSet lesson can observe: it binds
 * each unscheduled pod to the feasible node with the fewest pods (ties drawn
 * from the RNG), runs VolumeBinding (unbound immediate claims, missing or
 * terminating claims, WaitForFirstConsumer provisioning), reports failures
 * as FailedScheduling events plus a PodScheduled=False condition, and
 * retries a failed pod only when a PVC, PV, StorageClass or Node it may
 * depend on changes, after its back-off (1 s doubling to 10 s).
 * Behaviour of pkg/scheduler/schedule_one.go and internal/queue (v1.32).
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import type { Rng } from '../../lib/rng';
import { ApiError } from '../api/errors';
import type { KObject, Node, PersistentVolume, Pod, PodCondition } from '../api/types';
import type { ApiServer, WatchEvent } from '../apiserver/apiserver';
import { timestamp, type TimerHandle, type VirtualClock } from '../clock/clock';
import { podClaimNames } from '../controllers/volume/binder';
import type { EventRecorder } from '../runtime/recorder';
import { reportFault } from '../runtime/faults';
import type { ClusterConfig } from '../sim/config';
import { allClaimsBound, applyVolumePlan, filterNode, podVolumeClaims, type VolumePlan } from './volume-binding';

export const SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;

interface Queued {
  namespace: string;
  name: string;
  attempts: number;
  backoffUntil: number;
  unschedulable: boolean;
  timer: TimerHandle | undefined;
  /** PreBind is waiting for the pod's claims to bind on this node. */
  assumedNode: string | undefined;
  /** "namespace/name" of the pod's claims (a pod's volumes never change). */
  claims: string[];
}

export class Scheduler {
  private queue = new Map<string, Queued>();

  constructor(
    private api: ApiServer,
    private clock: VirtualClock,
    private rng: Rng,
    private recorder: EventRecorder,
    readonly config: ClusterConfig,
  ) {}

  start(): void {
    for (const p of this.api.list<Pod>('Pod')) this.countLoad(p.metadata.namespace ?? 'default', p.metadata.name as string);
    this.api.watch((ev) => this.onEvent(ev));
  }

  /** Pods per node that are neither Succeeded nor Failed, kept from the store as pods change. */
  private load = new Map<string, number>();
  /** "namespace/name" → the node that pod counts on. */
  private countedOn = new Map<string, string>();

  /** Re-reads one pod from the store (events may arrive out of order when watchers write) and moves its count. */
  private countLoad(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const p = this.api.get<Pod>('Pod', namespace, name);
    const node = p?.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' ? p.spec.nodeName : undefined;
    const was = this.countedOn.get(key);
    if (was === node) return;
    if (was !== undefined) {
      const left = (this.load.get(was) ?? 1) - 1;
      if (left > 0) this.load.set(was, left);
      else this.load.delete(was);
      this.countedOn.delete(key);
    }
    if (node !== undefined) {
      this.load.set(node, (this.load.get(node) ?? 0) + 1);
      this.countedOn.set(key, node);
    }
  }

  /** Sizes of the scheduler's queue and indexes (tests, soak benchmark). */
  stats(): Record<string, number> {
    return { queue: this.queue.size, byClaim: this.byClaim.size, load: this.load.size, countedOn: this.countedOn.size };
  }

  /** Pods the scheduler is holding (tests). */
  pendingPods(): string[] {
    return [...this.queue.values()].map((q) => `${q.namespace}/${q.name}`);
  }

  private needsScheduling(pod: Pod): boolean {
    const phase = pod.status?.phase;
    return !pod.spec.nodeName && !pod.metadata.deletionTimestamp && (pod.spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && phase !== 'Succeeded' && phase !== 'Failed';
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Pod') {
      this.countLoad(o.metadata.namespace ?? 'default', o.metadata.name as string);
      const uid = o.metadata.uid as string;
      if (ev.type !== 'DELETED' && this.needsScheduling(o as Pod)) {
        if (!this.queue.has(uid)) {
          const ns = o.metadata.namespace ?? 'default';
          const claims = podClaimNames(o as Pod).map((c) => `${ns}/${c}`);
          this.queue.set(uid, { namespace: ns, name: o.metadata.name as string, attempts: 0, backoffUntil: 0, unschedulable: false, timer: undefined, assumedNode: undefined, claims });
          for (const k of claims) {
            let set = this.byClaim.get(k);
            if (!set) this.byClaim.set(k, (set = new Set()));
            set.add(uid);
          }
          this.activate(uid);
        }
      } else this.drop(uid);
      return;
    }
    if (!['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Node'].includes(o.kind)) return;
    if (o.kind === 'StorageClass' && ev.type !== 'ADDED') return;
    // A claim's change, or a volume reserved for one claim, can only help the pods using that claim.
    let uids: Iterable<string> = this.queue.keys();
    const claimRef = o.kind === 'PersistentVolume' ? (o as PersistentVolume).spec.claimRef : undefined;
    if (o.kind === 'PersistentVolumeClaim') uids = this.byClaim.get(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`) ?? [];
    else if (claimRef?.name) uids = this.byClaim.get(`${claimRef.namespace ?? 'default'}/${claimRef.name}`) ?? [];
    for (const uid of [...uids]) {
      const q = this.queue.get(uid);
      if (!q || (!q.unschedulable && !q.assumedNode)) continue;
      if (this.mayHelp(o, q)) this.activate(uid);
    }
  }

  /** Waiting pods by the claims they use. */
  private byClaim = new Map<string, Set<string>>();

  /** The queueing hints: which cluster events may make a waiting pod schedulable. */
  // Behaviour of pkg/scheduler/framework/plugins/volumebinding/volume_binding.go isSchedulableAfter*Change (v1.32)
  private mayHelp(o: KObject, q: Queued): boolean {
    if (o.kind === 'PersistentVolumeClaim') return q.claims.includes(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`);
    if (q.assumedNode) return false;
    if (o.kind === 'Node') return true;
    return q.claims.length > 0;
  }

  private drop(uid: string): void {
    const q = this.queue.get(uid);
    q?.timer?.cancel();
    for (const k of q?.claims ?? []) {
      const set = this.byClaim.get(k);
      set?.delete(uid);
      if (set?.size === 0) this.byClaim.delete(k);
    }
    this.queue.delete(uid);
  }

  /** Moves a pod to the active queue, or to the back-off queue while its back-off lasts. */
  private activate(uid: string): void {
    const q = this.queue.get(uid);
    if (!q || q.timer) return;
    const delay = Math.max(0, q.backoffUntil - this.clock.now());
    q.timer = this.clock.after(delay, () => this.scheduleOne(uid), `scheduler:${q.namespace}/${q.name}`);
  }

  // Behaviour of pkg/scheduler/schedule_one.go scheduleOne (v1.32)
  private scheduleOne(uid: string): void {
    const q = this.queue.get(uid);
    if (!q) return;
    q.timer = undefined;
    const pod = this.api.get<Pod>('Pod', q.namespace, q.name);
    if (!pod || pod.metadata.uid !== uid || !this.needsScheduling(pod)) return this.drop(uid);
    try {
      if (q.assumedNode) {
        if (allClaimsBound(this.api, pod)) return this.bind(pod, q.assumedNode, uid);
        if (typeof podVolumeClaims(this.api, pod) !== 'string') return; // still waiting for the PV controller
        q.assumedNode = undefined;
      }
      const result = this.findNode(pod);
      if (typeof result === 'string') return this.fail(pod, q, result);
      q.unschedulable = false;
      this.api.as(SCHEDULER_NAME, () => applyVolumePlan(this.api, result.plan, result.node));
      if (allClaimsBound(this.api, pod)) this.bind(pod, result.node, uid);
      else q.assumedNode = result.node;
    } catch (e) {
      if (!(e instanceof ApiError)) {
        // A fault of the simulator (a bug, or a pod it cannot handle): reported on the pod, which is
        // tried again after its back-off, as a failed scheduling attempt is.
        reportFault(this.clock, SCHEDULER_NAME, pod, e);
        q.attempts++;
        q.backoffUntil = this.clock.now() + Math.min(INITIAL_BACKOFF_MS * 2 ** (q.attempts - 1), MAX_BACKOFF_MS);
        this.queue.set(uid, q);
        this.activate(uid);
        return;
      }
      const cur = this.api.get<Pod>('Pod', q.namespace, q.name);
      if (!cur || cur.metadata.uid !== uid || !this.needsScheduling(cur)) return this.drop(uid);
      this.queue.set(uid, q);
      this.fail(cur, q, e.message);
      this.activate(uid);
    }
  }

  /** Filters the nodes, then picks the one with the fewest pods. */
  // Behaviour of pkg/scheduler/schedule_one.go schedulePod / findNodesThatFitPod and framework/types.go FitError.Error (v1.32)
  private findNode(pod: Pod): { node: string; plan: VolumePlan } | string {
    const nodes = this.api.list<Node>('Node');
    if (nodes.length === 0) return 'no nodes available to schedule pods';
    const n = nodes.length;
    const preemption = ` preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;
    const claims = podVolumeClaims(this.api, pod);
    if (typeof claims === 'string') return `0/${n} nodes are available: ${claims}.${preemption}`;
    const feasible: { node: string; plan: VolumePlan }[] = [];
    const reasons = new Map<string, number>();
    for (const node of nodes) {
      const r = this.filter(pod, node);
      const plan = r ?? filterNode(this.api, claims, node);
      if (typeof plan === 'string') reasons.set(plan, (reasons.get(plan) ?? 0) + 1);
      else feasible.push({ node: node.metadata.name as string, plan });
    }
    if (feasible.length === 0) {
      const hist = [...reasons].map(([why, count]) => `${count} ${why}`).sort();
      return `0/${n} nodes are available: ${hist.join(', ')}.${preemption}`;
    }
    const load = this.load;
    const least = Math.min(...feasible.map((f) => load.get(f.node) ?? 0));
    const ties = feasible.filter((f) => (load.get(f.node) ?? 0) === least);
    // SIM: scoring is reduced to spreading by pod count; equal scores are drawn at random, as selectHost does.
    return ties.length === 1 ? (ties[0] as { node: string; plan: VolumePlan }) : this.rng.pick(ties);
  }

  /** The non-volume filters a playground node can fail. */
  // Behaviour of pkg/scheduler/framework/plugins/nodeunschedulable and nodeaffinity Filter (v1.32)
  private filter(pod: Pod, node: Node): string | undefined {
    if (node.spec['unschedulable'] === true) return 'node(s) were unschedulable';
    const sel = pod.spec.nodeSelector ?? {};
    const labels = node.metadata.labels ?? {};
    if (Object.keys(sel).some((k) => labels[k] !== sel[k])) return "node(s) didn't match Pod's node affinity/selector";
    return undefined;
  }

  // Behaviour of pkg/scheduler/schedule_one.go handleSchedulingFailure (v1.32)
  private fail(pod: Pod, q: Queued, message: string): void {
    q.attempts++;
    q.unschedulable = true;
    q.backoffUntil = this.clock.now() + Math.min(INITIAL_BACKOFF_MS * 2 ** (q.attempts - 1), MAX_BACKOFF_MS);
    this.recorder.record(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
    this.setScheduledCondition(pod, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message });
  }

  // Behaviour of pkg/registry/core/pod/storage/storage.go setPodHostAndAnnotations (the pods/binding subresource, v1.32)
  private bind(pod: Pod, node: string, uid: string): void {
    this.drop(uid);
    // Behaviour of the pods/binding subresource: node and PodScheduled=True in one write.
    const bound = this.api.as(SCHEDULER_NAME, () => this.api.bind(pod.metadata.namespace ?? 'default', pod.metadata.name as string, node, uid));
    const ns = pod.metadata.namespace ?? 'default';
    this.recorder.record(bound, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata.name} to ${node}`, { component: SCHEDULER_NAME });
  }

  /** Sets the PodScheduled condition; the transition time moves only when the status flips. */
  private setScheduledCondition(pod: Pod, cond: Omit<PodCondition, 'lastProbeTime' | 'lastTransitionTime'>): void {
    const status = deepCopy(pod.status ?? {});
    const conds = status.conditions ?? [];
    const old = conds.find((c) => c.type === 'PodScheduled');
    const next: PodCondition = { type: 'PodScheduled', status: cond.status, lastProbeTime: null, lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : timestamp(this.clock.now()) };
    if (cond.reason) next.reason = cond.reason;
    if (cond.message) next.message = cond.message;
    if (old && deepEqual(old, next)) return;
    status.conditions = old ? conds.map((c) => (c.type === 'PodScheduled' ? next : c)) : [...conds, next];
    this.api.as(SCHEDULER_NAME, () => this.api.updateStatus({ ...pod, status }));
  }
}
