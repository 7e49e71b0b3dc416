/**
 * Pure helpers for matching claims to volumes, shared by the PV controller
 * and the scheduler's volume binding: storage class lookup, the
 * volume-satisfies-claim checks and the smallest-fit search by access-mode
 * group.
 */
import { getOwn } from '../../../lib/own';
import { matchesSelector } from '../../api/labels';
import { compareQuantity } from '../../api/quantity';
import type { KObject, Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export const claimKey = (c: KObject): string => `${c.metadata.namespace ?? 'default'}/${c.metadata.name}`;
/** The claimRef a volume bound to `c` carries (with the claim's uid and resourceVersion). */
export function claimRefFor(c: PersistentVolumeClaim): NonNullable<PersistentVolume['spec']['claimRef']> {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: c.metadata.namespace ?? 'default',
    name: c.metadata.name as string,
    uid: c.metadata.uid as string,
    apiVersion: 'v1',
    resourceVersion: c.metadata.resourceVersion as string,
  };
}

export const hasAnn = (o: KObject, k: string): boolean => o.metadata.annotations?.[k] !== undefined;

// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/helpers.go GetPersistentVolumeClaimClass (v1.32)
export function claimClass(c: PersistentVolumeClaim): string {
  const ann = c.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return c.spec.storageClassName ?? '';
}

// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/helpers.go GetPersistentVolumeClass (v1.32)
export function volumeClass(pv: PersistentVolume): string {
  const ann = pv.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pv.spec.storageClassName ?? '';
}

/** A quantity that parses, or "0" for a missing or malformed one. */
function safeQty(q: string | undefined): string {
  if (q === undefined) return '0';
  try {
    compareQuantity(q, '0');
    return q;
  } catch {
    return '0';
  }
}

/** Compares the PV's capacity with the claim's request. */
function capacityCmp(pv: PersistentVolume, c: PersistentVolumeClaim): number {
  return compareQuantity(safeQty(pv.spec.capacity?.storage), safeQty(c.spec.resources?.requests?.storage));
}

// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/helpers.go CheckVolumeModeMismatches (v1.32)
export function volumeModeMismatch(c: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (c.spec.volumeMode ?? 'Filesystem') !== (pv.spec.volumeMode ?? 'Filesystem');
}

// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/helpers.go CheckAccessModes (v1.32)
export function accessModesSatisfied(c: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const have = new Set(pv.spec.accessModes ?? []);
  return (c.spec.accessModes ?? []).every((m) => have.has(m));
}

// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/helpers.go IsVolumeBoundToClaim (v1.32)
export function isVolumeBoundToClaim(pv: PersistentVolume, c: PersistentVolumeClaim): boolean {
  const ref = pv.spec.claimRef;
  if (!ref) return false;
  if (ref.name !== c.metadata.name || (ref.namespace ?? '') !== (c.metadata.namespace ?? 'default')) return false;
  return !ref.uid || ref.uid === c.metadata.uid;
}

/** A claim is fully bound once it names a volume and carries bind-completed. */
// Behaviour of pkg/scheduler/framework/plugins/volumebinding/binder.go isPVCFullyBound (v1.32)
export function isClaimFullyBound(c: PersistentVolumeClaim): boolean {
  return !!c.spec.volumeName && hasAnn(c, ANN_BIND_COMPLETED);
}

// Behaviour of pkg/controller/volume/persistentvolume/pv_controller.go checkVolumeSatisfyClaim (v1.32)
export function checkVolumeSatisfyClaim(pv: PersistentVolume, c: PersistentVolumeClaim): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (capacityCmp(pv, c) < 0) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(c)) return 'storageClassName does not match';
  if (volumeModeMismatch(c, pv)) return 'incompatible volumeMode';
  if (!accessModesSatisfied(c, pv)) return 'incompatible accessMode';
  return undefined;
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** Whether the PV's required node affinity (local volumes) admits the node; no affinity admits every node. */
// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/helpers.go CheckNodeAffinity (v1.32)
export function nodeAffinityAllows(pv: PersistentVolume, node: Node): boolean {
  const na = pv.spec['nodeAffinity'] as { required?: { nodeSelectorTerms?: { matchExpressions?: NodeSelectorRequirement[] }[] } } | undefined;
  const terms = na?.required?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  const labels = node.metadata.labels ?? {};
  const reqOk = (r: NodeSelectorRequirement): boolean => {
    const v = getOwn(labels, r.key);
    switch (r.operator) {
      case 'In':
        return v !== undefined && (r.values ?? []).includes(v);
      case 'NotIn':
        return v === undefined || !(r.values ?? []).includes(v);
      case 'Exists':
        return v !== undefined;
      case 'DoesNotExist':
        return v === undefined;
      default:
        return false;
    }
  };
  return terms.some((t) => (t.matchExpressions ?? []).every(reqOk));
}

export interface MatchOptions {
  /** Scheduler path: the node the pod would run on. */
  node?: Node;
  /** The claim's class is WaitForFirstConsumer. */
  delayBinding: boolean;
  /** PV names already chosen for other claims of the same pod. */
  excluded?: Set<string>;
}

/** The smallest Available PV that satisfies the claim, or one pre-bound to it. */
// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go FindMatchingVolume (v1.32)
export function findMatchingVolume(c: PersistentVolumeClaim, volumes: readonly PersistentVolume[], opts: MatchOptions): PersistentVolume | undefined {
  let best: PersistentVolume | undefined;
  const cls = claimClass(c);
  for (const pv of volumes) {
    if (opts.excluded?.has(pv.metadata.name as string)) continue;
    if (pv.spec.claimRef && !isVolumeBoundToClaim(pv, c)) continue;
    if (capacityCmp(pv, c) < 0) continue;
    if (volumeModeMismatch(c, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const affinityOk = !opts.node || nodeAffinityAllows(pv, opts.node);
    if (isVolumeBoundToClaim(pv, c)) return affinityOk ? pv : undefined;
    if (!opts.node && opts.delayBinding) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (c.spec.selector && !matchesSelector(pv.metadata.labels ?? {}, c.spec.selector)) continue;
    if (volumeClass(pv) !== cls) continue;
    if (!affinityOk) continue;
    if (opts.node && !accessModesSatisfied(c, pv)) continue;
    // SIM: equal capacities keep list (name) order; upstream's order there is the informer's.
    if (!best || compareQuantity(safeQty(best.spec.capacity?.storage), safeQty(pv.spec.capacity?.storage)) > 0) best = pv;
  }
  return best;
}

/**
 * The PV controller's search: PVs grouped by their access-mode set, only
 * groups holding every requested mode, fewest modes first.
 */
// Behaviour of pkg/controller/volume/persistentvolume/index.go findByClaim (v1.32)
export function findBestMatchForClaim(c: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of volumes) {
    const k = [...new Set(pv.spec.accessModes ?? [])].sort().join(',');
    const g = groups.get(k);
    if (g) g.push(pv);
    else groups.set(k, [pv]);
  }
  const want = c.spec.accessModes ?? [];
  const keys = [...groups.keys()].filter((k) => {
    const have = new Set(k ? k.split(',') : []);
    return want.every((m) => have.has(m));
  });
  keys.sort((a, b) => a.split(',').length - b.split(',').length || (a < b ? -1 : a > b ? 1 : 0));
  for (const k of keys) {
    const pv = findMatchingVolume(c, groups.get(k) as PersistentVolume[], { delayBinding });
    if (pv) return pv;
  }
  return undefined;
}

export function storageClassOf(api: ApiServer, c: PersistentVolumeClaim): StorageClass | undefined {
  const name = claimClass(c);
  return name ? api.get<StorageClass>('StorageClass', undefined, name) : undefined;
}

/** WaitForFirstConsumer class; a missing class counts as Immediate. */
// Behaviour of staging/src/k8s.io/component-helpers/storage/volume/helpers.go IsDelayBindingMode (v1.32)
export function isDelayBindingMode(api: ApiServer, c: PersistentVolumeClaim): boolean {
  return storageClassOf(api, c)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** The claim names of a pod's PersistentVolumeClaim volumes, in spec order. */
export function podClaimNames(pod: { spec: { volumes?: { persistentVolumeClaim?: { claimName: string } }[] } }): string[] {
  return (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}
