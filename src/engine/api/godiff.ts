/**
 * A stand-in for the go-cmp diff that some v1.32 "immutable" messages append
 * (pod spec updates, PVC spec updates, PV sources). go-cmp's output is
 * deliberately unstable (it randomly swaps spaces for non-breaking spaces),
 * so no client can match it byte for byte; this renders the same shape:
 *
 *     core.PersistentVolumeClaimSpec{
 *     	... // 4 identical fields
 *   - 	StorageClassName: &"standard",
 *   + 	StorageClassName: &"fast",
 *     	... // 4 identical fields
 *     }
 */
import { deepEqual } from '../../lib/clone';
import { goQuote } from './gofmt';

export type FieldOrder = readonly (readonly [json: string, go: string, pointer?: boolean])[];

function goName(json: string): string {
  return json.charAt(0).toUpperCase() + json.slice(1);
}

/** A compact Go-ish rendering of a JSON-shaped value. */
function render(v: unknown, pointer: boolean): string {
  if (v === undefined || v === null) return 'nil';
  const amp = pointer ? '&' : '';
  if (typeof v === 'string') return amp + goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return amp + String(v);
  if (Array.isArray(v)) return `{${v.map((x) => render(x, false)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  return `${amp}{${keys.map((k) => `${goName(k)}: ${render(o[k], false)}`).join(', ')}}`;
}

/** A go-cmp-shaped diff of two structs (JSON objects) of Go type `typeName`. */
export function cmpDiff(typeName: string, order: FieldOrder, oldObj: unknown, newObj: unknown): string {
  const a = (oldObj ?? {}) as Record<string, unknown>;
  const b = (newObj ?? {}) as Record<string, unknown>;
  const known = new Set(order.map(([j]) => j));
  const extra = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !known.has(k)).sort();
  const fields: (readonly [string, string, boolean])[] = [...order.map(([j, g, p]) => [j, g, p ?? false] as const), ...extra.map((k) => [k, goName(k), false] as const)];
  const width = Math.max(...fields.map(([, g]) => g.length)) + 1;
  const lines: string[] = [`  ${typeName}{`];
  let same = 0;
  const flush = () => {
    if (same > 0) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const [j, g, p] of fields) {
    const ov = a[j];
    const nv = b[j];
    if (deepEqual(ov ?? null, nv ?? null)) {
      same++;
      continue;
    }
    flush();
    const label = `${g}:`.padEnd(width + 1);
    lines.push(`- \t${label}${render(ov, p)},`);
    lines.push(`+ \t${label}${render(nv, p)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n');
}

// Field orders of the internal (pkg/apis/core) types the messages diff.
export const PVC_SPEC_FIELDS: FieldOrder = [
  ['accessModes', 'AccessModes'],
  ['selector', 'Selector', true],
  ['resources', 'Resources'],
  ['volumeName', 'VolumeName'],
  ['storageClassName', 'StorageClassName', true],
  ['volumeMode', 'VolumeMode', true],
  ['dataSource', 'DataSource', true],
  ['dataSourceRef', 'DataSourceRef', true],
  ['volumeAttributesClassName', 'VolumeAttributesClassName', true],
];

export const POD_SPEC_FIELDS: FieldOrder = [
  ['volumes', 'Volumes'],
  ['initContainers', 'InitContainers'],
  ['containers', 'Containers'],
  ['ephemeralContainers', 'EphemeralContainers'],
  ['restartPolicy', 'RestartPolicy'],
  ['terminationGracePeriodSeconds', 'TerminationGracePeriodSeconds', true],
  ['activeDeadlineSeconds', 'ActiveDeadlineSeconds', true],
  ['dnsPolicy', 'DNSPolicy'],
  ['nodeSelector', 'NodeSelector'],
  ['serviceAccountName', 'ServiceAccountName'],
  ['automountServiceAccountToken', 'AutomountServiceAccountToken', true],
  ['nodeName', 'NodeName'],
  ['securityContext', 'SecurityContext', true],
  ['imagePullSecrets', 'ImagePullSecrets'],
  ['hostname', 'Hostname'],
  ['subdomain', 'Subdomain'],
  ['setHostnameAsFQDN', 'SetHostnameAsFQDN', true],
  ['affinity', 'Affinity', true],
  ['schedulerName', 'SchedulerName'],
  ['tolerations', 'Tolerations'],
  ['hostAliases', 'HostAliases'],
  ['priorityClassName', 'PriorityClassName'],
  ['priority', 'Priority', true],
  ['preemptionPolicy', 'PreemptionPolicy', true],
  ['dnsConfig', 'DNSConfig', true],
  ['readinessGates', 'ReadinessGates'],
  ['runtimeClassName', 'RuntimeClassName', true],
  ['overhead', 'Overhead'],
  ['enableServiceLinks', 'EnableServiceLinks', true],
  ['topologySpreadConstraints', 'TopologySpreadConstraints'],
  ['os', 'OS', true],
  ['schedulingGates', 'SchedulingGates'],
  ['resourceClaims', 'ResourceClaims'],
];

export const PV_SOURCE_FIELDS: FieldOrder = [
  ['gcePersistentDisk', 'GCEPersistentDisk', true],
  ['awsElasticBlockStore', 'AWSElasticBlockStore', true],
  ['hostPath', 'HostPath', true],
  ['glusterfs', 'Glusterfs', true],
  ['nfs', 'NFS', true],
  ['rbd', 'RBD', true],
  ['quobyte', 'Quobyte', true],
  ['iscsi', 'ISCSI', true],
  ['flexVolume', 'FlexVolume', true],
  ['cinder', 'Cinder', true],
  ['cephfs', 'CephFS', true],
  ['fc', 'FC', true],
  ['flocker', 'Flocker', true],
  ['azureFile', 'AzureFile', true],
  ['vsphereVolume', 'VsphereVolume', true],
  ['azureDisk', 'AzureDisk', true],
  ['photonPersistentDisk', 'PhotonPersistentDisk', true],
  ['portworxVolume', 'PortworxVolume', true],
  ['scaleIO', 'ScaleIO', true],
  ['local', 'Local', true],
  ['storageos', 'StorageOS', true],
  ['csi', 'CSI', true],
];
