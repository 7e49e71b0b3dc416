/**
 * Admission on create: what the API server's built-in admission plugins and
 * registry strategies add before an object is stored.
 */
import type { KObject, PersistentVolume, PersistentVolumeClaim, Pod, Service, StorageClass } from '../api/types';
import type { ApiServer } from './apiserver';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/** The default StorageClass: the newest one annotated as default, as DefaultStorageClass admission picks it since 1.28. */
export function defaultStorageClass(api: ApiServer): StorageClass | undefined {
  const defaults = api.list<StorageClass>('StorageClass').filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
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
