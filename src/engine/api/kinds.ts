/**
 * The resource types the simulated API server serves, with the names kubectl
 * resolves (`sts`, `statefulset`, `statefulsets`, `statefulsets.apps`).
 */
export interface KindInfo {
  kind: string;
  apiVersion: string;
  group: string; // '' for the core group
  resource: string; // plural, e.g. "statefulsets"
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Whether spec changes bump metadata.generation. */
  tracksGeneration: boolean;
}

export const KINDS: readonly KindInfo[] = [
  { kind: 'Namespace', apiVersion: 'v1', group: '', resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false, tracksGeneration: false },
  { kind: 'Node', apiVersion: 'v1', group: '', resource: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false, tracksGeneration: false },
  { kind: 'Pod', apiVersion: 'v1', group: '', resource: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, tracksGeneration: false },
  { kind: 'Service', apiVersion: 'v1', group: '', resource: 'services', singular: 'service', shortNames: ['svc'], namespaced: true, tracksGeneration: false },
  { kind: 'Endpoints', apiVersion: 'v1', group: '', resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true, tracksGeneration: false },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', group: '', resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], namespaced: true, tracksGeneration: false },
  { kind: 'PersistentVolume', apiVersion: 'v1', group: '', resource: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], namespaced: false, tracksGeneration: false },
  { kind: 'Event', apiVersion: 'v1', group: '', resource: 'events', singular: 'event', shortNames: ['ev'], namespaced: true, tracksGeneration: false },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', group: 'apps', resource: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], namespaced: true, tracksGeneration: true },
  { kind: 'ControllerRevision', apiVersion: 'apps/v1', group: 'apps', resource: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], namespaced: true, tracksGeneration: false },
  { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', group: 'storage.k8s.io', resource: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], namespaced: false, tracksGeneration: false },
];

const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: string): KindInfo {
  const k = BY_KIND.get(kind);
  if (!k) throw new Error(`unknown kind ${kind}`);
  return k;
}

export function maybeKindInfo(kind: string): KindInfo | undefined {
  return BY_KIND.get(kind);
}

/** `statefulsets.apps`, or `pods` for the core group: how API errors name a resource. */
export function qualifiedResource(k: KindInfo): string {
  return k.group ? `${k.resource}.${k.group}` : k.resource;
}

/** `statefulset.apps`, or `pod`: how kubectl names an object in `statefulset.apps/web`. */
export function qualifiedSingular(k: KindInfo): string {
  return k.group ? `${k.singular}.${k.group}` : k.singular;
}

/** Resolves what a user types after `kubectl get` (`sts`, `StatefulSet`, `statefulsets.apps`). */
export function resolveResource(name: string): KindInfo | undefined {
  const n = name.toLowerCase();
  for (const k of KINDS) {
    const names = [k.resource, k.singular, k.kind.toLowerCase(), ...k.shortNames];
    for (const x of names) {
      if (n === x) return k;
      if (k.group && (n === `${x}.${k.group}` || n.startsWith(`${x}.${k.group}/`) || n === `${x}.${k.apiVersion.replace('/', '.')}`)) return k;
    }
  }
  return undefined;
}
