/**
 * Helpers of the StatefulSet controller: pod and claim identity, revision
 * hashing, health predicates and the claim retention rules.
 * Behaviour of pkg/controller/statefulset/stateful_set_utils.go (v1.32).
 */
import { deepCopy, deepEqual } from '../../../lib/clone';
import { compareBytes } from '../../../lib/order';
import { setOwn } from '../../../lib/own';
import type {
  ControllerRevision,
  OwnerReference,
  PersistentVolumeClaim,
  Pod,
  PodCondition,
  StatefulSet,
  Volume,
} from '../../api/types';
import { parseTimestamp, type SimTime } from '../../clock/clock';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';
export const HASH_LABEL = 'controller.kubernetes.io/hash';

const ORDINAL_RE = /^(.*)-([0-9]+)$/;

const parsed = new Map<string, { parent: string; ordinal: number }>();

/** The parent name and ordinal encoded in a pod name, or ordinal -1 when it does not parse. */
export function parentAndOrdinal(name: string | undefined): { parent: string; ordinal: number } {
  const key = name ?? '';
  let r = parsed.get(key);
  if (!r) {
    r = parseName(key);
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(key, r);
  }
  return r;
}

function parseName(name: string): { parent: string; ordinal: number } {
  const m = ORDINAL_RE.exec(name);
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n <= 2147483647 ? { parent: m[1] as string, ordinal: n } : { parent: '', ordinal: -1 };
}

const ordinals = new WeakMap<Pod, number>();

/** The pod's ordinal (remembered per pod object; a pod's name never changes). */
export function getOrdinal(pod: Pod): number {
  let o = ordinals.get(pod);
  if (o === undefined) {
    o = parentAndOrdinal(pod.metadata.name).ordinal;
    ordinals.set(pod, o);
  }
  return o;
}

export const startOrdinal = (set: StatefulSet): number => set.spec.ordinals?.start ?? 0;
export const replicaCount = (set: StatefulSet): number => set.spec.replicas ?? 1;
export const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + replicaCount(set) - 1;

export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

export const claimName = (set: StatefulSet, template: string, ordinal: number): string => `${template}-${set.metadata.name}-${ordinal}`;

/** A pod belongs to a set when its name is `<set>-<n>` (the selector is checked elsewhere). */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name);
  return ordinal >= 0 && parent === set.metadata.name;
}

export function controllerRefOf(set: StatefulSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name as string, uid: set.metadata.uid as string, controller: true, blockOwnerDeletion: true };
}

export function getControllerOf(obj: { metadata: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

// ------------------------------------------------------------------ pod state

export const isCreated = (pod: Pod): boolean => pod.status?.phase !== undefined && pod.status.phase !== ('' as never);
export const isPending = (pod: Pod): boolean => pod.status?.phase === 'Pending';
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: Pod): boolean => pod.metadata.deletionTimestamp !== undefined;

const readyCache = new WeakMap<Pod, PodCondition | null>();
const readySince = new WeakMap<Pod, number>();

/** The pod's Ready condition (remembered per stored pod object, which never changes in place). */
export function readyCondition(pod: Pod): PodCondition | undefined {
  let c = readyCache.get(pod);
  if (c === undefined) {
    c = pod.status?.conditions?.find((x) => x.type === 'Ready') ?? null;
    readyCache.set(pod, c);
  }
  return c ?? undefined;
}

/** Phase Running and condition Ready True. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && readyCondition(pod)?.status === 'True';
}

/** Ready for at least `minReadySeconds` (podutil.IsPodAvailable, newer `<=` boundary). */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: SimTime): boolean {
  return availableAt(pod, minReadySeconds) <= now;
}

/**
 * The instant from which `isRunningAndAvailable` holds for this pod object:
 * -Infinity when Ready with no minReadySeconds, Infinity when never (not
 * Ready, or Ready without a transition time).
 */
export function availableAt(pod: Pod, minReadySeconds: number): number {
  if (!isRunningAndReady(pod)) return Infinity;
  if (minReadySeconds <= 0) return -Infinity;
  let since = readySince.get(pod);
  if (since === undefined) {
    const text = readyCondition(pod)?.lastTransitionTime;
    since = text ? parseTimestamp(text) : NaN;
    readySince.set(pod, since);
  }
  if (Number.isNaN(since)) return Infinity;
  const at = since + minReadySeconds * 1000;
  return Number.isNaN(at) ? Infinity : at;
}

/** What the controller counts as unavailable: not available, or terminating. Placeholders count too. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: SimTime): boolean {
  return !isCreated(pod) || !isRunningAndAvailable(pod, minReadySeconds, now) || isTerminating(pod);
}

export const getPodRevision = (pod: Pod): string => pod.metadata.labels?.[REVISION_LABEL] ?? '';

// ------------------------------------------------------------------ identity and storage

/** The names of the claims a pod of `set` at `ordinal` uses, in template order. */
export function claimNamesFor(set: StatefulSet, ordinal: number): string[] {
  return (set.spec.volumeClaimTemplates ?? []).map((t) => claimName(set, t.metadata?.name ?? '', ordinal));
}

/** The claims a pod of `set` at its ordinal must have, keyed by template name, in template order. */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const out = new Map<string, PersistentVolumeClaim>();
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const tname = t.metadata?.name ?? '';
    const labels = { ...(t.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claimName(set, tname, ordinal), namespace: set.metadata.namespace ?? 'default', labels },
      spec: deepCopy(t.spec),
    };
    if (t.metadata?.annotations) claim.metadata.annotations = { ...t.metadata.annotations };
    out.set(tname, claim);
  }
  return out;
}

export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name &&
    pod.metadata.labels?.[POD_INDEX_LABEL] === String(ordinal)
  );
}

export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = pod.spec.volumes ?? [];
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const name = t.metadata?.name ?? '';
    const v = volumes.find((x) => x.name === name);
    if (!v?.persistentVolumeClaim || v.persistentVolumeClaim.claimName !== claimName(set, name, ordinal)) return false;
  }
  return true;
}

/** Pods already found consistent with a set (by set uid). Stored pods never change in place, so identity is a safe key. */
const consistent = new WeakMap<Pod, string>();

/** identityMatches && storageMatches, remembered per stored pod object. */
export function identityAndStorageMatch(set: StatefulSet, pod: Pod): boolean {
  const uid = set.metadata.uid ?? '';
  if (consistent.get(pod) === uid) return true;
  const ok = identityMatches(set, pod) && storageMatches(set, pod);
  if (ok) consistent.set(pod, uid);
  return ok;
}

/** Sets hostname, subdomain and the identity labels of a pod (a private copy). */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  const labels = (pod.metadata.labels ??= {});
  labels[POD_NAME_LABEL] = pod.metadata.name;
  labels[POD_INDEX_LABEL] = String(ordinal);
  pod.spec.hostname = pod.metadata.name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
}

/** Points the pod's claim volumes at its own claims, replacing same-named template volumes. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = getPersistentVolumeClaims(set, pod);
  const templated = new Set(claims.keys());
  const volumes: Volume[] = [];
  for (const [name, claim] of claims) {
    volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata.name as string } });
  }
  for (const v of pod.spec.volumes ?? []) if (!templated.has(v.name)) volumes.push(v);
  pod.spec.volumes = volumes;
}

/** A new pod for `ordinal` from `set`'s template (set is already the revision's version). */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const t = set.spec.template;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(set, ordinal),
      generateName: `${set.metadata.name}-`,
      namespace: set.metadata.namespace ?? 'default',
      labels: { ...(t.metadata?.labels ?? {}) },
      ownerReferences: [controllerRefOf(set)],
    },
    spec: deepCopy(t.spec),
  };
  if (t.metadata?.annotations) pod.metadata.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers) pod.metadata.finalizers = [...t.metadata.finalizers];
  updateIdentity(set, pod);
  updateStorage(set, pod);
  return pod;
}

// ------------------------------------------------------------------ revisions

/** The recorded part of a set: its pod template, as a replace patch. Behaviour of getPatch. */
export function revisionData(set: StatefulSet): unknown {
  return { spec: { template: { $patch: 'replace', ...sortedCopy(set.spec.template) as object } } };
}

function sortedCopy(x: unknown): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) return x.map(sortedCopy);
  const o = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) setOwn(out, k, sortedCopy(o[k]));
  return out;
}

/** 32-bit FNV-1 (multiply, then xor) over the UTF-8 bytes of `text` (a lone surrogate as its 3-byte form). */
export function fnv1(text: string, h = 0x811c9dc5): number {
  const mix = (b: number) => {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      mix(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      mix(0xc0 | (c >> 6));
      mix(0x80 | (c & 63));
    } else if (c < 0x10000) {
      mix(0xe0 | (c >> 12));
      mix(0x80 | ((c >> 6) & 63));
      mix(0x80 | (c & 63));
    } else {
      mix(0xf0 | (c >> 18));
      mix(0x80 | ((c >> 12) & 63));
      mix(0x80 | ((c >> 6) & 63));
      mix(0x80 | (c & 63));
    }
  }
  return h >>> 0;
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** Behaviour of pkg/controller/history HashControllerRevision: FNV-1 of the data and collision count, decimal, safe-encoded. */
export function hashRevision(data: unknown, collisionCount: number): string {
  let h = fnv1(JSON.stringify(data));
  h = fnv1(String(collisionCount), h);
  return [...String(h)].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}

/** What a revision of `set`'s current template records, and its hash. */
export function recordTemplate(set: StatefulSet, collisionCount: number): { data: unknown; hash: string } {
  const data = revisionData(set);
  return { data, hash: hashRevision(data, collisionCount) };
}

/** A ControllerRevision object (not yet stored) for `set`'s current template (`recorded`, when already worked out). */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number, recorded = recordTemplate(set, collisionCount)): ControllerRevision {
  const { data, hash } = recorded;
  const labels = { ...(set.spec.template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${(set.metadata.name as string).slice(0, 223)}-${hash}`,
      namespace: set.metadata.namespace ?? 'default',
      labels,
      ownerReferences: [controllerRefOf(set)],
    },
    data,
    revision,
  };
  if (set.metadata.annotations) cr.metadata.annotations = { ...set.metadata.annotations };
  return cr;
}

/** The pod template each stored revision records (a stored revision never changes in place). */
const recordedTemplates = new WeakMap<ControllerRevision, StatefulSet['spec']['template']>();

/**
 * `set` with the template recorded in `rev`. Behaviour of ApplyRevision. Upstream returns a
 * deep copy; this one shares the set's other fields and a template kept per revision, so it is
 * read, never changed (it is built twice per sync).
 */
export function applyRevision(set: StatefulSet, rev: ControllerRevision): StatefulSet {
  let template = recordedTemplates.get(rev);
  if (!template) {
    const tpl = deepCopy((rev.data as { spec?: { template?: Record<string, unknown> } })?.spec?.template ?? {});
    delete tpl['$patch'];
    template = tpl as unknown as StatefulSet['spec']['template'];
    recordedTemplates.set(rev, template);
  }
  return { ...set, spec: { ...set.spec, template } };
}

export const revisionsEqual = (a: ControllerRevision, b: ControllerRevision): boolean => deepEqual(a.data, b.data);

/** Sorted by revision number, then creation time, then name (byte order). */
// Behaviour of pkg/controller/history/controller_history.go SortControllerRevisions (v1.32).
export function sortRevisions(revs: ControllerRevision[]): ControllerRevision[] {
  return [...revs].sort(
    (a, b) =>
      a.revision - b.revision ||
      compareBytes(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') ||
      compareBytes(a.metadata.name ?? '', b.metadata.name ?? ''),
  );
}

export const nextRevision = (revs: ControllerRevision[]): number => (revs.length ? Math.max(...revs.map((r) => r.revision)) + 1 : 1);

// ------------------------------------------------------------------ claim retention

export function retentionPolicy(set: StatefulSet): { whenDeleted: string; whenScaled: string } {
  const p = set.spec.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted ?? 'Retain', whenScaled: p?.whenScaled ?? 'Retain' };
}

const hasRef = (claim: PersistentVolumeClaim, uid: string | undefined): boolean => !!uid && (claim.metadata.ownerReferences ?? []).some((r) => r.uid === uid);

/**
 * Whether a claim's owner references already say what the retention policy
 * asks for this pod. Behaviour of claimOwnerMatchesSetAndPod.
 */
export function claimOwnerMatchesSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const { whenDeleted, whenScaled } = retentionPolicy(set);
  const setRef = hasRef(claim, set.metadata.uid);
  const podRef = hasRef(claim, pod.metadata.uid);
  const scaledDown = !podInOrdinalRange(pod, set);
  if (whenScaled === 'Delete' && whenDeleted === 'Delete') return scaledDown !== setRef && scaledDown === podRef;
  if (whenScaled === 'Delete') return !setRef && scaledDown === podRef;
  if (whenDeleted === 'Delete') return setRef && !podRef;
  return !setRef && !podRef;
}

/**
 * Rewrites a claim's owner references for the policy (the claim is a private
 * copy). Returns whether anything changed. Behaviour of updateClaimOwnerRefForSetAndPod.
 */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const before = JSON.stringify(claim.metadata.ownerReferences ?? []);
  const { whenDeleted, whenScaled } = retentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  let refs = [...(claim.metadata.ownerReferences ?? [])];
  const drop = (uid: string | undefined) => {
    refs = refs.filter((r) => r.uid !== uid);
  };
  const add = (ref: OwnerReference) => {
    if (!refs.some((r) => r.uid === ref.uid)) refs.push(ref);
  };
  const podRef: OwnerReference = { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name as string, uid: pod.metadata.uid as string, controller: true, blockOwnerDeletion: true };
  const wantSet = whenDeleted === 'Delete' && !(whenScaled === 'Delete' && scaledDown);
  const wantPod = whenScaled === 'Delete' && scaledDown && !!pod.metadata.uid;
  if (wantSet) add(controllerRefOf(set));
  else drop(set.metadata.uid);
  if (wantPod) add(podRef);
  else drop(pod.metadata.uid);
  if (refs.length) claim.metadata.ownerReferences = refs;
  else delete claim.metadata.ownerReferences;
  return JSON.stringify(refs) !== before;
}

/** A claim still owned by an earlier pod of the same name (whenScaled: Delete). Behaviour of hasStaleOwnerRef. */
export function hasStaleOwnerRef(claim: PersistentVolumeClaim, pod: Pod): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => r.kind === 'Pod' && r.name === pod.metadata.name && r.uid !== pod.metadata.uid);
}
