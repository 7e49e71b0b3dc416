/**
 * API-server defaults, applied at view time.
 *
 * kubectl describes objects as the API server returns them, i.e. after
 * defaulting (pkg/apis/core/v1/defaults.go, apps/v1/defaults.go) and pod
 * admission (ServiceAccount, Priority, DefaultTolerationSeconds). Where the
 * simulated API server stores an object without such a default, the
 * describers fill it in on a copy so the text still matches a real cluster.
 * Fields already present are never changed, so once the simulation applies a
 * default itself these functions become no-ops for it.
 */
import { parseQuantity } from '../../engine/api/quantity';
import type { Container, Pod, PodSpec, PodTemplateSpec, Probe, StatefulSet } from '../../engine/api/types';
import { getOwn, setOwn } from '../../lib/own';
import { deepCopy } from '../../lib/clone';
import type { Toleration } from './format';

type Rec = Record<string, unknown>;

const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_Probe / SetDefaults_HTTPGetAction (v1.32)
function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    if (!p.httpGet.path) p.httpGet.path = '/';
    if (!p.httpGet.scheme) p.httpGet.scheme = 'HTTP';
  }
  const grpc = p['grpc'];
  if (isRec(grpc) && grpc['service'] === undefined) grpc['service'] = '';
}

// Behaviour of pkg/apis/core/v1/defaults.go SetDefaults_ContainerPort / SetDefaults_Container resources (v1.32)
function defaultContainer(c: Container): void {
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const res = c.resources;
  if (isRec(res) && isRec(res['limits'])) {
    // requests default to limits for every resource with a limit and no request
    const limits = res['limits'];
    const requests = isRec(res['requests']) ? res['requests'] : {};
    for (const k of Object.keys(limits)) if (getOwn(requests, k) === undefined) setOwn(requests, k, limits[k]);
    if (Object.keys(requests).length > 0) res['requests'] = requests;
  }
}

function defaultVolumes(spec: PodSpec): void {
  for (const v of spec.volumes ?? []) {
    const hp = v['hostPath'];
    if (isRec(hp) && hp['type'] === undefined) hp['type'] = '';
    const pvc = v.persistentVolumeClaim;
    if (pvc && pvc.readOnly === undefined) pvc.readOnly = false;
  }
}

function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec) return;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  defaultVolumes(spec);
}

/** A pod template with the defaults a stored StatefulSet/ControllerRevision template carries. */
export function templateWithDefaults(t: PodTemplateSpec | Rec | undefined): PodTemplateSpec | undefined {
  if (!isRec(t)) return undefined;
  const copy = deepCopy(t) as unknown as PodTemplateSpec;
  if (!isRec(copy.spec)) copy.spec = { containers: [] };
  defaultPodSpec(copy.spec);
  return copy;
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

// Behaviour of plugin/pkg/admission/defaulttolerationseconds/admission.go Admit (v1.32)
function toleratesNoExecute(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
}

/**
 * ComputePodQOS (kubectl/pkg/util/qos): BestEffort without cpu/memory
 * requests or limits, Guaranteed when every container limits cpu and memory
 * and requests equal limits, Burstable otherwise.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/util/qos/qos.go ComputePodQOS (v1.32)
export function computePodQOS(spec: PodSpec | undefined): string {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  const nanos = (q: unknown): bigint => {
    try {
      return parseQuantity(q as string).nanos;
    } catch {
      return 0n;
    }
  };
  for (const c of all) {
    const res = isRec(c.resources) ? c.resources : {};
    const req = isRec(res['requests']) ? res['requests'] : {};
    const lim = isRec(res['limits']) ? res['limits'] : {};
    for (const [name, q] of Object.entries(req)) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const n = nanos(q);
      if (n > 0n) requests.set(name, (requests.get(name) ?? 0n) + n);
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(lim)) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const n = nanos(q);
      if (n > 0n) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0n) + n);
      }
    }
    if (!(found.has('cpu') && found.has('memory'))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, r] of requests) {
      if (limits.get(name) !== r) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/**
 * A pod as the API server would return it after defaulting and, unless
 * `admission` is false, the ServiceAccount / Priority /
 * DefaultTolerationSeconds admission plugins.
 */
export function podWithDefaults(pod: Pod, admission = true): Pod {
  const p = deepCopy(pod);
  if (!isRec(p.spec)) p.spec = { containers: [] };
  const spec = p.spec;
  defaultPodSpec(spec);
  p.status ??= {};
  p.status.qosClass ||= computePodQOS(spec);
  if (!admission) return p;
  // Priority admission: no class and no global default → 0
  if (spec['priority'] === undefined && !spec['priorityClassName']) spec['priority'] = 0;
  // ServiceAccount admission
  if (!spec['serviceAccountName']) spec['serviceAccountName'] = 'default';
  // DefaultTolerationSeconds admission
  const tolerations = (Array.isArray(spec['tolerations']) ? spec['tolerations'] : []) as Toleration[];
  if (!toleratesNoExecute(tolerations, NOT_READY)) tolerations.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!toleratesNoExecute(tolerations, UNREACHABLE)) tolerations.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  spec['tolerations'] = tolerations;
  return p;
}

/** A StatefulSet after apps/v1 SetDefaults_StatefulSet. */
// Behaviour of pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet (v1.32)
export function statefulSetWithDefaults(set: StatefulSet): StatefulSet {
  const s = deepCopy(set);
  if (!isRec(s.spec)) s.spec = { template: { spec: { containers: [] } } };
  const spec = s.spec;
  spec.replicas ??= 1;
  spec.updateStrategy ??= {};
  const us = spec.updateStrategy;
  if (!us.type) {
    us.type = 'RollingUpdate';
    us.rollingUpdate ??= {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate) us.rollingUpdate.partition ??= 0;
  const t = templateWithDefaults(spec.template as unknown as Rec);
  if (t) spec.template = t;
  return s;
}

/** A PVC or PV spec with volumeMode defaulted to Filesystem. */
export function withVolumeMode<T extends { spec?: Rec }>(obj: T, extra?: (spec: Rec) => void): T {
  const o = deepCopy(obj);
  if (isRec(o.spec)) {
    if (o.spec['volumeMode'] === undefined) o.spec['volumeMode'] = 'Filesystem';
    const hp = o.spec['hostPath'];
    if (isRec(hp) && hp['type'] === undefined) hp['type'] = '';
    extra?.(o.spec);
  }
  return o;
}
