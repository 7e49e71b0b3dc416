/**
 * Words the canvas shows and says (titles, aria labels), computed from views.
 * Pure: used by the layout and by the node components, tested without a DOM.
 */
import type { PodView, SetView } from '../../protocol/protocol';
import type { RevisionKind } from './types';

/** The cluster domain the simulated cluster's DNS answers for. */
export const CLUSTER_DOMAIN = 'svc.cluster.local';
export const NAMESPACE = 'default';

/** The part of a revision name after `<set>-`: `web-5d8f7c9b6` → `5d8f7c9b6`. */
export function shortRevision(revision: string, setName: string): string {
  return revision.startsWith(`${setName}-`) ? revision.slice(setName.length + 1) : revision;
}

/**
 * Whether a pod runs the set's update revision (`update`), its current one
 * (`current`), or one from an abandoned rollout (`old`). With no rollout in
 * progress (current = update) every matching pod is `current`.
 */
export function revisionKind(pod: PodView, set: SetView | null | undefined): RevisionKind {
  if (!set) return 'current';
  const { currentRevision, updateRevision } = set.status;
  if (pod.revision && pod.revision === updateRevision && updateRevision !== currentRevision) return 'update';
  if (!pod.revision || pod.revision === currentRevision || pod.revision === updateRevision) return 'current';
  return currentRevision || updateRevision ? 'old' : 'current';
}

/** What tests and screen readers read: `current` unless the pod runs the update revision. */
export function revisionAttr(kind: RevisionKind): 'current' | 'update' {
  return kind === 'update' ? 'update' : 'current';
}

export function podAriaLabel(pod: PodView, kind: RevisionKind): string {
  return `Pod ${pod.name}: ${pod.status}, ready ${pod.ready}, revision ${revisionAttr(kind)}`;
}

/** `web-0.nginx`, as other pods in the namespace resolve it. */
export function shortDns(pod: string, service: string): string {
  return service ? `${pod}.${service}` : '';
}

export function fullDns(pod: string, service: string): string {
  return service ? `${pod}.${service}.${NAMESPACE}.${CLUSTER_DOMAIN}` : '';
}

export function laneTitle(name: string, set: SetView | null, claimCount: number): string {
  if (!set) return claimCount > 0 ? `${name} (deleted) — claims retained` : `${name} (deleted)`;
  return set.deleting ? `${name} (deleting)` : name;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
