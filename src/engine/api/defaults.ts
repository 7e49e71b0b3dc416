/**
 * API defaulting for the kinds the playground serves: what apps/v1,
 * core/v1 and storage/v1 SetDefaults_* functions (and the registry
 * strategies' PrepareForCreate/PrepareForUpdate) put into an object, i.e.
 * what a user sees in `kubectl get -o yaml` right after creating it.
 * Quantities are stored in canonical form, as the API server re-encodes them.
 */
import { getOwn, setOwn } from '../../lib/own';
import { canonicalQuantity, isValidQuantity, parseQuantity } from './quantity';
import type { StrategyContext } from './strategy';
import type { Container, KObject, PodSpec, Probe, Volume } from './types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const asObj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const unset = (v: unknown) => v === undefined || v === null || v === '';

/** Fills defaults in place. `old` is the stored object on update. */
export function applyDefaults(obj: KObject, ctx: StrategyContext, old?: KObject): void {
  switch (obj.kind) {
    case 'StatefulSet':
      defaultStatefulSet(obj, ctx, old);
      break;
    case 'Pod':
      defaultPod(obj, old);
      break;
    case 'Service':
      defaultService(obj, old);
      break;
    case 'PersistentVolumeClaim':
      defaultPVC(obj, old);
      break;
    case 'PersistentVolume':
      defaultPV(obj, old);
      break;
    case 'StorageClass':
      defaultStorageClass(obj);
      break;
    case 'Namespace':
      defaultNamespace(obj, old);
      break;
    case 'Node':
      defaultNode(obj);
      break;
    case 'Endpoints':
      defaultEndpoints(obj);
      break;
    default:
      break;
  }
}

// ------------------------------------------------------------------ quantities

/** Canonicalizes every parseable quantity of a ResourceList in place (rounded up to milli, as SetDefaults_ResourceList does). */
// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_ResourceList (v1.32)
function defaultResourceList(list: unknown): void {
  if (!isObj(list)) return;
  for (const k of Object.keys(list)) {
    const v = list[k];
    if ((typeof v === 'string' || typeof v === 'number') && isValidQuantity(v)) list[k] = canonicalQuantity(v, true);
  }
}

function defaultResourceRequirements(res: unknown): void {
  if (!isObj(res)) return;
  defaultResourceList(res['limits']);
  defaultResourceList(res['requests']);
}

// ------------------------------------------------------------------ pods and templates

/** docker reference tag: "latest" when neither tag nor digest is given; "" when the reference does not parse. */
// Behaviour of pkg/util/parsers/parsers.go ParseImageName (v1.32)
export function imageTag(image: string): string {
  if (!image || /\s/.test(image)) return '';
  let name = image;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag = '';
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  // Repository paths are lower case (a domain part may carry a port and upper case).
  const firstSlash = name.indexOf('/');
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : '';
  const isDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  const path = isDomain ? name.slice(firstSlash + 1) : name;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) return '';
  if (tag && !/^[\w][\w.-]{0,127}$/.test(tag)) return '';
  if (digest && !/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest)) return '';
  if (!tag && !digest) return 'latest';
  return tag;
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_HTTPGetAction (v1.32)
function defaultHandler(h: unknown): void {
  if (!isObj(h)) return;
  const http = asObj(h['httpGet']);
  if (http) {
    if (unset(http['path'])) http['path'] = '/';
    if (unset(http['scheme'])) http['scheme'] = 'HTTP';
  }
  const grpc = asObj(h['grpc']);
  if (grpc && grpc['service'] === undefined) grpc['service'] = '';
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Probe (v1.32)
function defaultProbe(p: Probe | undefined): void {
  if (!isObj(p)) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHandler(p);
}

function defaultFieldRef(ref: unknown): void {
  // Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_ObjectFieldSelector (v1.32)
  const r = asObj(ref);
  if (r && unset(r['apiVersion'])) r['apiVersion'] = 'v1';
}

function defaultResourceFieldRef(ref: unknown): void {
  const r = asObj(ref);
  if (!r) return;
  // The zero Quantity serializes as "0".
  if (r['divisor'] === undefined) r['divisor'] = '0';
  else if (isValidQuantity(r['divisor'])) r['divisor'] = canonicalQuantity(r['divisor'] as string);
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Container (v1.32) and the declarative ContainerPort.Protocol default
function defaultContainer(c: Container): void {
  if (!isObj(c)) return;
  if (unset(c.imagePullPolicy)) c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (unset(c.terminationMessagePath)) c.terminationMessagePath = '/dev/termination-log';
  if (unset(c.terminationMessagePolicy)) c.terminationMessagePolicy = 'File';
  // ResourceRequirements is a struct, never omitted: `resources: {}`.
  if (!isObj(c.resources)) c.resources = {};
  defaultResourceRequirements(c.resources);
  for (const p of asList(c.ports)) {
    const port = asObj(p);
    if (port && unset(port['protocol'])) port['protocol'] = 'TCP';
  }
  for (const e of asList(c.env)) {
    const from = asObj(asObj(e)?.['valueFrom']);
    if (from) {
      defaultFieldRef(from['fieldRef']);
      defaultResourceFieldRef(from['resourceFieldRef']);
    }
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lc = asObj(c['lifecycle']);
  if (lc) {
    defaultHandler(lc['postStart']);
    defaultHandler(lc['preStop']);
  }
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Volume and the *VolumeSource defaults (v1.32)
function defaultVolume(v: Volume): void {
  if (!isObj(v)) return;
  const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
  if (sources.length === 0) v.emptyDir = {};
  for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = asObj(v[key]);
    if (src && src['defaultMode'] === undefined) src['defaultMode'] = 420;
  }
  for (const item of asList(asObj(v['downwardAPI'])?.['items'])) {
    defaultFieldRef(asObj(item)?.['fieldRef']);
    defaultResourceFieldRef(asObj(item)?.['resourceFieldRef']);
  }
  for (const s of asList(asObj(v['projected'])?.['sources'])) {
    const sat = asObj(asObj(s)?.['serviceAccountToken']);
    if (sat && sat['expirationSeconds'] === undefined) sat['expirationSeconds'] = 3600;
    for (const item of asList(asObj(asObj(s)?.['downwardAPI'])?.['items'])) defaultFieldRef(asObj(item)?.['fieldRef']);
  }
  const hp = asObj(v['hostPath']);
  if (hp && hp['type'] === undefined) hp['type'] = '';
  const ed = asObj(v.emptyDir);
  if (ed && ed['sizeLimit'] !== undefined && isValidQuantity(ed['sizeLimit'])) ed['sizeLimit'] = canonicalQuantity(ed['sizeLimit'] as string);
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_PodSpec (v1.32)
function defaultPodSpec(spec: PodSpec): void {
  if (!isObj(spec)) return;
  if (unset(spec.dnsPolicy)) spec.dnsPolicy = 'ClusterFirst';
  if (unset(spec.restartPolicy)) spec.restartPolicy = 'Always';
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  if (unset(spec.schedulerName)) spec.schedulerName = 'default-scheduler';
  for (const c of asList(spec.containers)) defaultContainer(c as Container);
  for (const c of asList(spec.initContainers)) defaultContainer(c as Container);
  for (const c of asList(spec['ephemeralContainers'])) defaultContainer(c as Container);
  for (const v of asList(spec.volumes)) defaultVolume(v as Volume);
  const overhead = spec['overhead'];
  if (overhead) defaultResourceList(overhead);
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Pod (v1.32)
function defaultPodOnly(spec: PodSpec): void {
  for (const list of [asList(spec.containers), asList(spec.initContainers)]) {
    for (const c of list) {
      const res = asObj(asObj(c)?.['resources']);
      const limits = asObj(res?.['limits']);
      if (!res || !limits) continue;
      const requests = (asObj(res['requests']) ?? (res['requests'] = {})) as Obj;
      for (const k of Object.keys(limits)) if (getOwn(requests, k) === undefined) setOwn(requests, k, limits[k]);
    }
  }
  if (spec['enableServiceLinks'] === undefined || spec['enableServiceLinks'] === null) spec['enableServiceLinks'] = true;
  const sc = asObj(spec.securityContext);
  if (spec['hostNetwork'] === true || sc?.['hostNetwork'] === true) {
    for (const list of [asList(spec.containers), asList(spec.initContainers)]) {
      for (const c of list) {
        for (const p of asList(asObj(c)?.['ports'])) {
          const port = asObj(p);
          if (port && !port['hostPort']) port['hostPort'] = port['containerPort'];
        }
      }
    }
  }
}

/** The pod's QoS class (pkg/apis/core/helper/qos GetPodQOS). */
// Behaviour of pkg/apis/core/helper/qos/qos.go GetPodQOS (v1.32)
export function podQOSClass(spec: PodSpec | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers = [...asList(spec?.containers), ...asList(spec?.initContainers)];
  for (const c of containers) {
    const res = asObj(asObj(c)?.['resources']);
    for (const [src, into] of [
      [asObj(res?.['requests']), requests],
      [asObj(res?.['limits']), limits],
    ] as const) {
      const found = new Set<string>();
      for (const name of Object.keys(src ?? {})) {
        if (name !== 'cpu' && name !== 'memory') continue;
        const v = (src as Obj)[name];
        if (!isValidQuantity(v)) continue;
        const q = parseQuantity(v as string).nanos;
        if (q > 0n) {
          found.add(name);
          into.set(name, (into.get(name) ?? 0n) + q);
        }
      }
      if (into === limits && !(found.has('cpu') && found.has('memory'))) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function defaultPod(obj: KObject, old?: KObject): void {
  const spec = (asObj(obj['spec']) ?? (obj['spec'] = {})) as PodSpec;
  defaultPodOnly(spec);
  defaultPodSpec(spec);
  if (!old) {
    // Behaviour of pkg/registry/core/pod/strategy.go PrepareForCreate (v1.32): status starts Pending with the QoS class.
    const status = (asObj(obj['status']) ?? (obj['status'] = {})) as Obj;
    if (unset(status['phase'])) status['phase'] = 'Pending';
    if (unset(status['qosClass'])) status['qosClass'] = podQOSClass(spec);
  }
}

// ------------------------------------------------------------------ StatefulSet

// Behaviour of pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet (v1.32) and pkg/registry/apps/statefulset/strategy.go dropStatefulSetDisabledFields
function defaultStatefulSet(obj: KObject, ctx: StrategyContext, old?: KObject): void {
  const spec = asObj(obj['spec']);
  if (!spec) return;
  if (unset(spec['podManagementPolicy'])) spec['podManagementPolicy'] = 'OrderedReady';
  let us = asObj(spec['updateStrategy']);
  if (!us) us = spec['updateStrategy'] = {};
  if (unset(us['type'])) {
    us['type'] = 'RollingUpdate';
    if (!isObj(us['rollingUpdate'])) us['rollingUpdate'] = {};
  }
  const ru = asObj(us['rollingUpdate']);
  if (us['type'] === 'RollingUpdate' && ru) {
    if (ru['partition'] === undefined || ru['partition'] === null) ru['partition'] = 0;
    if (ctx.featureGates.MaxUnavailableStatefulSet && (ru['maxUnavailable'] === undefined || ru['maxUnavailable'] === null)) ru['maxUnavailable'] = 1;
  }
  if (us['rollingUpdate'] === null) delete us['rollingUpdate'];
  // Gate off: the field is dropped unless the stored object already uses it.
  const oldRu = asObj(asObj(asObj(old?.['spec'])?.['updateStrategy'])?.['rollingUpdate']);
  const oldUses = oldRu !== undefined && oldRu['maxUnavailable'] !== undefined && oldRu['maxUnavailable'] !== null;
  if (!ctx.featureGates.MaxUnavailableStatefulSet && !oldUses && ru) delete ru['maxUnavailable'];

  // StatefulSetAutoDeletePVC is GA (locked on) in v1.32.
  const pol = (asObj(spec['persistentVolumeClaimRetentionPolicy']) ?? (spec['persistentVolumeClaimRetentionPolicy'] = {})) as Obj;
  if (unset(pol['whenDeleted'])) pol['whenDeleted'] = 'Retain';
  if (unset(pol['whenScaled'])) pol['whenScaled'] = 'Retain';
  if (spec['replicas'] === undefined || spec['replicas'] === null) spec['replicas'] = 1;
  if (spec['revisionHistoryLimit'] === undefined || spec['revisionHistoryLimit'] === null) spec['revisionHistoryLimit'] = 10;

  // The template is a struct, never nil: defaults apply even to a missing one.
  const template = (asObj(spec['template']) ?? (spec['template'] = {})) as Obj;
  const podSpec = (asObj(template['spec']) ?? (template['spec'] = {})) as Obj;
  defaultPodSpec(podSpec as PodSpec);

  // Behaviour of pkg/apis/apps/v1/zz_generated.defaults.go SetObjectDefaults_StatefulSet (v1.32): claim templates are defaulted as PVCs.
  for (const t of asList(spec['volumeClaimTemplates'])) {
    const pvc = asObj(t);
    if (!pvc) continue;
    // Behaviour of pkg/apis/apps/v1/conversion.go: templates are written back with their type meta.
    if (unset(pvc['apiVersion'])) pvc['apiVersion'] = 'v1';
    if (unset(pvc['kind'])) pvc['kind'] = 'PersistentVolumeClaim';
    defaultPVCSpec(pvc);
    const st = (asObj(pvc['status']) ?? (pvc['status'] = {})) as Obj;
    if (unset(st['phase'])) st['phase'] = 'Pending';
  }

  if (!old && obj['status'] === undefined) {
    // Behaviour of pkg/registry/apps/statefulset/strategy.go PrepareForCreate (v1.32): a new set has an empty status.
    obj['status'] = { replicas: 0, availableReplicas: 0 };
  }
}

// ------------------------------------------------------------------ Service

function needsClusterIP(spec: Obj | undefined): boolean {
  return spec?.['type'] !== 'ExternalName';
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Service and pkg/registry/core/service/storage (ip families, patchAllocatedValues) (v1.32)
function defaultService(obj: KObject, old?: KObject): void {
  const spec = (asObj(obj['spec']) ?? (obj['spec'] = {})) as Obj;
  if (unset(spec['sessionAffinity'])) spec['sessionAffinity'] = 'None';
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP') {
    const cfg = asObj(spec['sessionAffinityConfig']);
    const clientIP = asObj(cfg?.['clientIP']);
    if (!clientIP || clientIP['timeoutSeconds'] === undefined || clientIP['timeoutSeconds'] === null) spec['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (unset(spec['type'])) spec['type'] = 'ClusterIP';
  const type = spec['type'];
  for (const p of asList(spec['ports'])) {
    const port = asObj(p);
    if (!port) continue;
    if (unset(port['protocol'])) port['protocol'] = 'TCP';
    if (port['targetPort'] === undefined || port['targetPort'] === null || port['targetPort'] === 0 || port['targetPort'] === '') port['targetPort'] = port['port'];
  }
  const externallyAccessible = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && asList(spec['externalIPs']).length > 0);
  if (externallyAccessible && unset(spec['externalTrafficPolicy'])) spec['externalTrafficPolicy'] = 'Cluster';
  if (unset(spec['internalTrafficPolicy']) && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) spec['internalTrafficPolicy'] = 'Cluster';
  if (type === 'LoadBalancer' && (spec['allocateLoadBalancerNodePorts'] === undefined || spec['allocateLoadBalancerNodePorts'] === null)) spec['allocateLoadBalancerNodePorts'] = true;

  const oldSpec = asObj(old?.['spec']);
  if (old && needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (unset(spec['clusterIP']) && !unset(oldSpec?.['clusterIP'])) spec['clusterIP'] = oldSpec?.['clusterIP'];
    if (asList(spec['clusterIPs']).length === 0 && asList(oldSpec?.['clusterIPs']).length > 0) spec['clusterIPs'] = [...asList(oldSpec?.['clusterIPs'])];
    if (asList(spec['ipFamilies']).length === 0 && asList(oldSpec?.['ipFamilies']).length > 0) spec['ipFamilies'] = [...asList(oldSpec?.['ipFamilies'])];
    if (unset(spec['ipFamilyPolicy']) && !unset(oldSpec?.['ipFamilyPolicy'])) spec['ipFamilyPolicy'] = oldSpec?.['ipFamilyPolicy'];
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const oldPorts = asList(oldSpec?.['ports']).map(asObj);
      for (const p of asList(spec['ports'])) {
        const port = asObj(p);
        if (!port || port['nodePort']) continue;
        const prev = oldPorts.find((o) => (o?.['name'] ?? '') === (port['name'] ?? ''));
        if (prev?.['nodePort']) port['nodePort'] = prev['nodePort'];
      }
    }
  }
  if (needsClusterIP(spec)) {
    // normalizeClusterIPs: clusterIPs[0] mirrors clusterIP.
    if (!unset(spec['clusterIP']) && asList(spec['clusterIPs']).length === 0) spec['clusterIPs'] = [spec['clusterIP']];
    const headless = spec['clusterIP'] === 'None';
    const selectorless = Object.keys(asObj(spec['selector']) ?? {}).length === 0;
    if (headless && selectorless) {
      // Headless services without a selector take both families.
      if (unset(spec['ipFamilyPolicy'])) spec['ipFamilyPolicy'] = 'RequireDualStack';
      if (asList(spec['ipFamilies']).length === 0) spec['ipFamilies'] = ['IPv4', 'IPv6'];
    } else {
      if (unset(spec['ipFamilyPolicy'])) spec['ipFamilyPolicy'] = 'SingleStack';
      if (asList(spec['ipFamilies']).length === 0) spec['ipFamilies'] = ['IPv4'];
    }
  }
  if (!old && obj['status'] === undefined) obj['status'] = { loadBalancer: {} };
}

// ------------------------------------------------------------------ storage

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaimSpec (v1.32)
function defaultPVCSpec(pvc: Obj): void {
  const spec = asObj(pvc['spec']);
  if (!spec) return;
  if (unset(spec['volumeMode'])) spec['volumeMode'] = 'Filesystem';
  defaultResourceRequirements(spec['resources']);
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaim (v1.32)
function defaultPVC(obj: KObject, old?: KObject): void {
  defaultPVCSpec(obj);
  const status = asObj(obj['status']);
  if (status) defaultResourceList(status['capacity']);
  if (!old) {
    const st = (status ?? (obj['status'] = {})) as Obj;
    if (unset(st['phase'])) st['phase'] = 'Pending';
  }
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolume (v1.32)
function defaultPV(obj: KObject, old?: KObject): void {
  const spec = (asObj(obj['spec']) ?? (obj['spec'] = {})) as Obj;
  if (unset(spec['persistentVolumeReclaimPolicy'])) spec['persistentVolumeReclaimPolicy'] = 'Retain';
  if (unset(spec['volumeMode'])) spec['volumeMode'] = 'Filesystem';
  defaultResourceList(spec['capacity']);
  const hp = asObj(spec['hostPath']);
  if (hp && hp['type'] === undefined) hp['type'] = '';
  if (!old) {
    const st = (asObj(obj['status']) ?? (obj['status'] = {})) as Obj;
    if (unset(st['phase'])) st['phase'] = 'Pending';
  }
}

// Behaviour of pkg/apis/storage/v1/defaults.go SetDefaults_StorageClass (v1.32)
function defaultStorageClass(obj: KObject): void {
  if (unset(obj['reclaimPolicy'])) obj['reclaimPolicy'] = 'Delete';
  if (unset(obj['volumeBindingMode'])) obj['volumeBindingMode'] = 'Immediate';
}

// ------------------------------------------------------------------ cluster objects

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Namespace and pkg/registry/core/namespace/strategy.go PrepareForCreate (v1.32)
function defaultNamespace(obj: KObject, old?: KObject): void {
  const name = obj.metadata?.name;
  if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  if (!old) {
    const spec = (asObj(obj['spec']) ?? (obj['spec'] = {})) as Obj;
    const fins = asList(spec['finalizers']);
    if (!fins.includes('kubernetes')) spec['finalizers'] = [...fins, 'kubernetes'];
    const st = (asObj(obj['status']) ?? (obj['status'] = {})) as Obj;
    if (unset(st['phase'])) st['phase'] = 'Active';
  }
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_NodeStatus (v1.32)
function defaultNode(obj: KObject): void {
  const status = asObj(obj['status']);
  if (!status) return;
  defaultResourceList(status['capacity']);
  defaultResourceList(status['allocatable']);
  if (status['allocatable'] === undefined && isObj(status['capacity'])) status['allocatable'] = { ...status['capacity'] };
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Endpoints (v1.32)
function defaultEndpoints(obj: KObject): void {
  for (const s of asList(obj['subsets'])) {
    for (const p of asList(asObj(s)?.['ports'])) {
      const port = asObj(p);
      if (port && unset(port['protocol'])) port['protocol'] = 'TCP';
    }
  }
}
