/**
 * Strategic-merge-patch metadata: the `patchStrategy` / `patchMergeKey`
 * struct tags of k8s.io/api (v1.32) for the kinds the playground serves.
 * Fields not listed have no strategy: maps merge key by key, lists are
 * replaced whole (atomic), e.g. tolerations, args, accessModes,
 * volumeClaimTemplates, matchExpressions, containerStatuses.
 */

export interface FieldMeta {
  /** 'merge' for lists merged element-wise (by `mergeKey`, or as a set for primitives). */
  strategy?: 'merge' | 'replace';
  /** patchMergeKey of a list of objects. */
  mergeKey?: string;
  /** The struct inside (map field) or the list element type (list field). */
  schema?: StructMeta;
}

export type StructMeta = Readonly<Record<string, FieldMeta>>;

const merge = (mergeKey?: string, schema?: StructMeta): FieldMeta => ({ strategy: 'merge', ...(mergeKey ? { mergeKey } : {}), ...(schema ? { schema } : {}) });
const struct = (schema: StructMeta): FieldMeta => ({ schema });

// Behaviour of staging/src/k8s.io/api/core/v1/types.go ObjectMeta patch tags (v1.32)
const OBJECT_META: StructMeta = {
  finalizers: merge(),
  ownerReferences: merge('uid'),
};

// Behaviour of staging/src/k8s.io/api/core/v1/types.go Container patch tags (v1.32)
const CONTAINER: StructMeta = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
};

// Behaviour of staging/src/k8s.io/api/core/v1/types.go PodSpec patch tags (v1.32)
const POD_SPEC: StructMeta = {
  volumes: merge('name'), // "merge,retainKeys": $retainKeys is honoured wherever it appears
  initContainers: merge('name', CONTAINER),
  containers: merge('name', CONTAINER),
  ephemeralContainers: merge('name', CONTAINER),
  imagePullSecrets: merge('name'),
  hostAliases: merge('ip'),
  topologySpreadConstraints: merge('topologyKey'),
  schedulingGates: merge('name'),
  resourceClaims: merge('name'),
};

const POD_TEMPLATE: StructMeta = { metadata: struct(OBJECT_META), spec: struct(POD_SPEC) };
const CONDITIONS = merge('type');

/** Per kind, the struct tags from the object root. */
export const PATCH_META: Readonly<Record<string, StructMeta>> = {
  Pod: {
    metadata: struct(OBJECT_META),
    spec: struct(POD_SPEC),
    status: struct({ conditions: CONDITIONS, podIPs: merge('ip'), hostIPs: merge('ip') }),
  },
  StatefulSet: {
    metadata: struct(OBJECT_META),
    spec: struct({ template: struct(POD_TEMPLATE) }),
    status: struct({ conditions: CONDITIONS }),
  },
  Service: {
    metadata: struct(OBJECT_META),
    spec: struct({ ports: merge('port') }),
    status: struct({ conditions: CONDITIONS }),
  },
  Node: {
    metadata: struct(OBJECT_META),
    spec: struct({ podCIDRs: merge() }),
    status: struct({ conditions: CONDITIONS, addresses: merge('type') }),
  },
  PersistentVolumeClaim: { metadata: struct(OBJECT_META), status: struct({ conditions: CONDITIONS }) },
  Namespace: { metadata: struct(OBJECT_META), status: struct({ conditions: CONDITIONS }) },
  PersistentVolume: { metadata: struct(OBJECT_META) },
  Endpoints: { metadata: struct(OBJECT_META) },
  Event: { metadata: struct(OBJECT_META) },
  ControllerRevision: { metadata: struct(OBJECT_META) },
  StorageClass: { metadata: struct(OBJECT_META) },
};

/** Metadata for an unknown kind: only ObjectMeta's tags. */
export const GENERIC_META: StructMeta = { metadata: struct(OBJECT_META) };
