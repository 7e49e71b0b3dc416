/**
 * Admission on create: what the API server's built-in admission plugins and
 * registry strategies add before an object is stored.
 */
import { ApiError } from '../api/errors';
import type { KObject, PersistentVolume, PersistentVolumeClaim, Pod, Service, StatefulSet, StorageClass } from '../api/types';
import { compareBytes } from '../../lib/order';
import type { ApiServer } from './apiserver';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** The default StorageClass: the newest one annotated as default (ties: the first name in byte order). */
// Behaviour of pkg/volume/util/storageclass.go GetDefaultClass and IsDefaultAnnotation (v1.32).
export function defaultStorageClass(api: ApiServer): StorageClass | undefined {
  const isDefault = (c: StorageClass) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || c.metadata.annotations?.[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
  const defaults = api.list<StorageClass>('StorageClass').filter(isDefault);
  // creationTimestamp is RFC 3339 in UTC with whole seconds, so byte order is time order.
  defaults.sort((a, b) => compareBytes(b.metadata.creationTimestamp ?? '', a.metadata.creationTimestamp ?? '') || compareBytes(a.metadata.name ?? '', b.metadata.name ?? ''));
  return defaults[0];
}

function addFinalizer(obj: KObject, f: string): void {
  const list = (obj.metadata.finalizers ??= []);
  if (!list.includes(f)) list.push(f);
}

export function admitCreate(api: ApiServer, obj: KObject): void {
  switch (obj.kind) {
    case 'PersistentVolumeClaim': {
      const pvc = obj as PersistentVolumeClaim;
      // Behaviour of plugin/pkg/admission/storage/persistentvolume/resize + storageobjectinuseprotection + DefaultStorageClass.
      addFinalizer(pvc, 'kubernetes.io/pvc-protection');
      if (pvc.spec && pvc.spec.storageClassName === undefined) {
        const def = defaultStorageClass(api);
        if (def) pvc.spec.storageClassName = def.metadata.name as string;
      }
      pvc.status = { phase: 'Pending' };
      break;
    }
    case 'PersistentVolume': {
      const pv = obj as PersistentVolume;
      addFinalizer(pv, 'kubernetes.io/pv-protection');
      pv.status = { phase: 'Pending' };
      break;
    }
    case 'Pod': {
      const pod = obj as Pod;
      pod.status = { phase: 'Pending', qosClass: pod.status?.qosClass ?? 'BestEffort' };
      break;
    }
    case 'Service': {
      const svc = obj as Service;
      svc.spec ??= {};
      if (svc.spec.clusterIP === undefined || svc.spec.clusterIP === '') {
        // SIM: cluster IPs come from the seeded RNG inside 10.96.0.0/16.
        svc.spec.clusterIP = `10.96.${api.rng.int(256)}.${1 + api.rng.int(254)}`;
      }
      svc.spec.clusterIPs = [svc.spec.clusterIP];
      svc['status'] = { loadBalancer: {} };
      break;
    }
    default:
      break;
  }
}

/**
 * How Go serialises what it stores: a zero metav1.Time in an embedded
 * ObjectMeta comes out as `creationTimestamp: null` (v1.32 `-o yaml` shows it
 * in pod templates and claim templates). Applied on create and update.
 */
export function normaliseStored(obj: KObject): void {
  if (obj.kind !== 'StatefulSet') return;
  const spec = obj['spec'] as { template?: { metadata?: Record<string, unknown> }; volumeClaimTemplates?: { metadata?: Record<string, unknown> }[] } | undefined;
  if (spec?.template) spec.template.metadata = { creationTimestamp: null, ...(spec.template.metadata ?? {}) };
  for (const t of spec?.volumeClaimTemplates ?? []) t.metadata = { creationTimestamp: null, ...(t.metadata ?? {}) };
}

/** How big the simulated cluster may grow: per StatefulSet, and summed over all of them. */
export const SIZE_LIMITS = { replicasPerSet: 1000, replicasTotal: 3000 };
const POLICY = 'playground-limits';

/**
 * SIM: a validating admission policy the playground installs so a typo or a
 * hostile link cannot ask it to simulate a million pods. Denials read as a
 * ValidatingAdmissionPolicy's do (pkg/admission/plugin/policy/validating).
 */
export function admitSize(api: ApiServer, obj: KObject, old?: KObject): void {
  if (obj.kind !== 'StatefulSet') return;
  const replicas = (obj as StatefulSet).spec?.replicas ?? 1;
  const before = old ? ((old as StatefulSet).spec?.replicas ?? 1) : 0;
  if (replicas <= before) return;
  const deny = (why: string) =>
    new ApiError('Forbidden', `statefulsets.apps "${obj.metadata.name}" is forbidden: ValidatingAdmissionPolicy '${POLICY}' with binding '${POLICY}' denied request: ${why}`, { kind: 'statefulsets', group: 'apps', name: obj.metadata.name ?? '' });
  if (replicas > SIZE_LIMITS.replicasPerSet) throw deny(`the playground simulates at most ${SIZE_LIMITS.replicasPerSet} replicas per StatefulSet (asked for ${replicas})`);
  let total = replicas;
  for (const s of api.list<StatefulSet>('StatefulSet')) {
    const same = s.metadata.name === obj.metadata.name && s.metadata.namespace === obj.metadata.namespace;
    if (!same) total += s.spec.replicas ?? 1;
  }
  if (total > SIZE_LIMITS.replicasTotal) throw deny(`the playground simulates at most ${SIZE_LIMITS.replicasTotal} replicas over all StatefulSets (this would make ${total})`);
}
