/**
 * The decisions a sync of a StatefulSet can stop at, as a closed set of
 * codes with the facts each one needs, and the words a person reads for
 * each. The controller records a decision where it makes it (see
 * stateful-set-control.ts); nothing downstream infers one from counts.
 *
 * The decision points are those of pkg/controller/statefulset/
 * stateful_set_control.go updateStatefulSet (v1.32): processReplica (a failed
 * pod, a stale claim, a pod created, a pod not Running and Ready, not
 * available, terminating), processCondemned (scale-down), the rolling
 * update's walk from the highest ordinal, and the MaxUnavailableStatefulSet
 * variant. The words are ours; each one says what that point decided.
 */
import { assertNever } from '../../../lib/brand';

/** Work a wait holds back: the next thing the sync would have done. */
export type NextWork =
  | { kind: 'create'; pod: string }
  | { kind: 'delete'; pod: string }
  | { kind: 'update' };

export type WhyDecision =
  // processReplica
  /** The pod failed or completed: deleted; created again once it is gone. */
  | { code: 'PodFailed'; pod: string; ordinal: number; phase: 'Failed' | 'Succeeded' }
  /** The pod is missing and a claim of its is being deleted: it is created once the claim is gone. */
  | { code: 'StaleClaim'; pod: string; ordinal: number }
  /** Creating the pod failed; the sync is retried with back-off. */
  | { code: 'CreateFailed'; pod: string; ordinal: number; error: string }
  /** OrderedReady: the sync created the pod and stops until it is Running and Ready. */
  | { code: 'CreatedPod'; pod: string; ordinal: number; next?: NextWork }
  /** OrderedReady: the pod exists but is not Running and Ready. */
  | { code: 'PodNotReady'; pod: string; ordinal: number; next?: NextWork }
  /** OrderedReady: the pod is Ready but not yet for minReadySeconds. */
  | { code: 'PodNotAvailable'; pod: string; ordinal: number; minReadySeconds: number; next?: NextWork }
  /** OrderedReady: a pod in the ordinal range is terminating; it is created again once gone. */
  | { code: 'PodTerminating'; pod: string; ordinal: number; next?: NextWork }
  // processCondemned
  /** OrderedReady: the sync deleted the highest condemned pod and stops; `next` goes after it. */
  | { code: 'ScaleDownDeleted'; pod: string; ordinal: number; next?: string }
  /** OrderedReady: the highest condemned pod is terminating; `next` is deleted once it is gone. */
  | { code: 'ScaleDownTerminating'; pod: string; ordinal: number; next?: string }
  /** OrderedReady: the condemned pod is unhealthy and so is `other` (the first unhealthy pod): scale-down halts. */
  | { code: 'ScaleDownUnhealthy'; pod: string; ordinal: number; other: string; minReadySeconds: number }
  /** Parallel: the pods outside the ordinal range are deleted together; nothing waits. */
  | { code: 'ScalingDown' }
  // the rolling update
  /** The sync deleted these pods (highest first) to create them again at the update revision. */
  | { code: 'UpdateDeleted'; pod: string; ordinal: number; pods: string[] }
  /** The walk stopped at an unavailable pod (at the update revision, or an old one being replaced) with `next` still to update, or as the update's last pod. */
  | { code: 'UpdateWaiting'; pod: string; ordinal: number; replacing: boolean; minReadySeconds: number; next?: string }
  /** MaxUnavailableStatefulSet: as many pods as allowed are unavailable; `next` is still to update. */
  | { code: 'MaxUnavailable'; unavailable: number; maxUnavailable: number; next: string }
  /** The sync failed for a reason of the simulator's own (reported as a SimulatorFault Event). */
  | { code: 'SimulatorFault' };

export type WhyCode = WhyDecision['code'];

/** A decision with its words, and whether the controller holds work back until it changes. */
export type WaitReason = WhyDecision & {
  /** False for progress that blocks nothing (Parallel scale-down): the page shows no wait. */
  waiting: boolean;
  message: string;
};

/** Every code, for tests that go through them all. */
export const WHY_CODES: readonly WhyCode[] = ['PodFailed', 'StaleClaim', 'CreateFailed', 'CreatedPod', 'PodNotReady', 'PodNotAvailable', 'PodTerminating', 'ScaleDownDeleted', 'ScaleDownTerminating', 'ScaleDownUnhealthy', 'ScalingDown', 'UpdateDeleted', 'UpdateWaiting', 'MaxUnavailable', 'SimulatorFault'];

/** The text of the simulator's own failure (kept word for word: tests and people look for it). */
export const FAULT_MESSAGE = "The playground's StatefulSet controller failed while syncing this set; it retries with back-off. This is a fault of the simulator, not Kubernetes behaviour.";

export const podCount = (n: number): string => `${n} ${n === 1 ? 'pod' : 'pods'}`;

const list = (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

const nextText = (next: NextWork): string => {
  switch (next.kind) {
    case 'create':
      return `creating ${next.pod}`;
    case 'delete':
      return `deleting ${next.pod}`;
    case 'update':
      return 'continuing the rolling update';
    default:
      return assertNever(next);
  }
};

const before = (next: NextWork | undefined): string => (next ? ` before ${nextText(next)}` : '');

const readyState = (minReadySeconds: number): string => (minReadySeconds > 0 ? `available (Ready for minReadySeconds=${minReadySeconds})` : 'Running and Ready');

/** The words for a decision. */
export function whyMessage(d: WhyDecision): string {
  switch (d.code) {
    case 'PodFailed':
      return `${d.pod} has ended (phase ${d.phase}); it is deleted and created again once it is gone`;
    case 'StaleClaim':
      return `waiting for the stale claims of ${d.pod} to be deleted before creating it`;
    case 'CreateFailed':
      return `cannot create ${d.pod}: ${d.error}`;
    case 'CreatedPod':
      return `created ${d.pod}; waiting for it to be Running and Ready${before(d.next)}`;
    case 'PodNotReady':
      return `waiting for ${d.pod} to be Running and Ready${before(d.next)}`;
    case 'PodNotAvailable':
      return `waiting for ${d.pod} to be ${readyState(d.minReadySeconds)}${before(d.next)}`;
    case 'PodTerminating':
      return `waiting for ${d.pod} to finish terminating before creating it again${d.next ? ` and ${nextText(d.next)}` : ''}`;
    case 'ScaleDownDeleted':
      return d.next ? `scaling down: deleting ${d.pod}, then ${d.next} once ${d.pod} is gone` : `scaling down: deleting ${d.pod}`;
    case 'ScaleDownTerminating':
      return d.next ? `scaling down: waiting for ${d.pod} to finish terminating before deleting ${d.next}` : `scaling down: waiting for ${d.pod} to finish terminating`;
    case 'ScaleDownUnhealthy':
      return `scaling down halted: ${d.pod} and ${d.other} are not ${readyState(d.minReadySeconds)}; ${d.pod} is deleted once one of them is`;
    case 'ScalingDown':
      return 'scaling down: the pods outside the ordinal range are deleted together (Parallel)';
    case 'UpdateDeleted':
      return `rolling update: deleting ${list(d.pods)} to create ${d.pods.length === 1 ? 'it' : 'them'} again at the update revision`;
    case 'UpdateWaiting':
      return `rolling update: waiting for ${d.pod} to be ${d.replacing ? 'replaced at the update revision' : readyState(d.minReadySeconds)}${d.next ? ` before updating ${d.next}` : d.replacing ? '' : '; then every pod is at the update revision'}`;
    case 'MaxUnavailable':
      return `rolling update: ${podCount(d.unavailable)} unavailable, maxUnavailable is ${d.maxUnavailable}; waiting before updating ${d.next}`;
    case 'SimulatorFault':
      return FAULT_MESSAGE;
    default:
      return assertNever(d);
  }
}

/** A decision with its words and whether it holds work back. */
export function reason(d: WhyDecision): WaitReason {
  return { ...d, waiting: d.code !== 'ScalingDown', message: whyMessage(d) };
}

/** The pod a reason is about, if any. */
export const reasonPod = (r: WaitReason): { pod: string; ordinal: number } | undefined => ('pod' in r ? { pod: r.pod, ordinal: r.ordinal } : undefined);
