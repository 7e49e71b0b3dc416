/**
 * core/v1 validation for Pod, Service, Namespace, Node, Endpoints and Event,
 * with the messages of pkg/apis/core/validation/validation.go at v1.32. Only
 * the rules that matter for the playground's objects are ported.
 */
import { deepCopy } from '../../lib/clone';
import { getOwn } from '../../lib/own';
import type { FieldError } from './errors';
import { goIntOrString, goQuote } from './gofmt';
import { cmpDiff, POD_SPEC_FIELDS } from './godiff';
import {
  inclusiveRangeError,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names';
import { compareQuantity, isValidQuantity, parseQuantity, quantityText } from './quantity';
import { semanticEqual } from './semantic';
import type { KObject } from './types';
import {
  dns1123Label,
  duplicate,
  forbidden,
  invalid,
  nonNegative,
  notFound,
  notSupported,
  path,
  required,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
  vInt,
  vStr,
  type Path,
  type Obj,
  asObj,
  asList,
  str,
} from './vcommon';

const MAX_INT32 = 2147483647;

// ====================================================================== Pod

// Behaviour of pkg/apis/core/validation/validation.go ValidatePortNumOrName (v1.32)
function portNumOrName(port: unknown, p: Path): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(p, vInt(port), m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(p, vStr(port), m));
  return isValidPortNum(0).map((m) => invalid(p, '0', m));
}

// Behaviour of pkg/apis/core/validation/validation.go validateHandler (v1.32)
function validateHandler(h: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep']) {
    const v = asObj(h[kind]);
    if (!v) continue;
    if (n > 0) {
      errs.push(forbidden(p.child(kind), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const hp = p.child(kind);
    if (kind === 'exec' && asList(v['command']).length === 0) errs.push(required(hp.child('command')));
    if (kind === 'httpGet') {
      if (!str(v['path'])) errs.push(required(hp.child('path')));
      errs.push(...portNumOrName(v['port'], hp.child('port')));
      const scheme = str(v['scheme']);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(hp.child('scheme'), vStr(scheme), ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...portNumOrName(v['port'], hp.child('port')));
    if (kind === 'grpc') {
      const port = typeof v['port'] === 'number' ? v['port'] : 0;
      errs.push(...isValidPortNum(port).map((m) => invalid(hp.child('port'), vInt(port), m)));
    }
  }
  if (n === 0) errs.push(required(p, 'must specify a handler type'));
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go validateProbe / validateLivenessProbe / validateReadinessProbe / validateStartupProbe (v1.32)
function validateProbe(probe: unknown, p: Path, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  const pr = asObj(probe);
  if (!pr) return [];
  const errs: FieldError[] = [];
  if (kind !== 'readiness' && pr['successThreshold'] !== 1) errs.push(invalid(p.child('successThreshold'), vInt(pr['successThreshold']), 'must be 1'));
  if (kind === 'readiness' && pr['terminationGracePeriodSeconds'] !== undefined && pr['terminationGracePeriodSeconds'] !== null) {
    errs.push(invalid(p.child('terminationGracePeriodSeconds'), vInt(pr['terminationGracePeriodSeconds']), 'must not be set for readinessProbes'));
  }
  errs.push(...validateHandler(pr, p));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(pr[k], p.child(k)));
  const tgps = pr['terminationGracePeriodSeconds'];
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(p.child('terminationGracePeriodSeconds'), vInt(tgps), 'must be greater than 0'));
  return errs;
}

const OVERCOMMIT = new Set(['cpu', 'memory', 'ephemeral-storage']);


// Behaviour of pkg/apis/core/validation/validation.go ValidateResourceRequirements (v1.32)
function validateResources(res: unknown, p: Path): FieldError[] {
  const r = asObj(res);
  if (!r) return [];
  const errs: FieldError[] = [];
  const limits = asObj(r['limits']) ?? {};
  const requests = asObj(r['requests']) ?? {};
  for (const [name, v] of Object.entries(limits).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (isValidQuantity(v) && parseQuantity(v as string).nanos < 0n) errs.push(invalid(p.child('limits').key(name), vStr(quantityText(v)), 'must be greater than or equal to 0'));
  }
  for (const [name, v] of Object.entries(requests).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isValidQuantity(v)) continue;
    if (parseQuantity(v as string).nanos < 0n) errs.push(invalid(p.child('requests').key(name), vStr(quantityText(v)), 'must be greater than or equal to 0'));
    const lim = getOwn(limits, name);
    if (lim !== undefined && isValidQuantity(lim)) {
      const c = compareQuantity(v as string, lim as string);
      if (c !== 0 && !OVERCOMMIT.has(name)) errs.push(invalid(p.child('requests'), vStr(quantityText(v)), `must be equal to ${name} limit of ${quantityText(lim)}`));
      else if (c > 0) errs.push(invalid(p.child('requests'), vStr(quantityText(v)), `must be less than or equal to ${name} limit of ${quantityText(lim)}`));
    } else if (lim === undefined && !OVERCOMMIT.has(name)) {
      errs.push(required(p.child('limits'), 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go validateContainerPorts (v1.32)
function validateContainerPorts(ports: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asList(ports).forEach((raw, i) => {
    const port = asObj(raw) ?? {};
    const ip = p.index(i);
    const name = str(port['name']);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(ip.child('name'), vStr(name), m));
      else if (names.has(name)) errs.push(duplicate(ip.child('name'), vStr(name)));
      else names.add(name);
    }
    const cp = port['containerPort'];
    if (!cp) errs.push(required(ip.child('containerPort')));
    else for (const m of isValidPortNum(cp as number)) errs.push(invalid(ip.child('containerPort'), vInt(cp), m));
    const hp = port['hostPort'];
    if (hp) for (const m of isValidPortNum(hp as number)) errs.push(invalid(ip.child('hostPort'), vInt(hp), m));
    const proto = str(port['protocol']);
    if (!proto) errs.push(required(ip.child('protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(ip.child('protocol'), vStr(proto), ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidateEnv (v1.32, RelaxedEnvironmentVariableValidation on by default)
function validateEnv(env: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  asList(env).forEach((raw, i) => {
    const e = asObj(raw) ?? {};
    const ip = p.index(i);
    const name = str(e['name']);
    if (!name) errs.push(required(ip.child('name')));
    else if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e || c === '=')) {
      errs.push(invalid(ip.child('name'), vStr(name), "a valid environment variable name must consist only of printable ASCII characters other than '='"));
    }
  });
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidateVolumeMounts (v1.32)
function validateVolumeMounts(mounts: unknown, volumes: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  asList(mounts).forEach((raw, i) => {
    const m = asObj(raw) ?? {};
    const ip = p.index(i);
    const name = str(m['name']);
    if (!name) errs.push(required(ip.child('name')));
    if (!volumes.has(name)) errs.push(notFound(ip.child('name'), vStr(name)));
    const mp = str(m['mountPath']);
    if (!mp) errs.push(required(ip.child('mountPath')));
    if (points.has(mp)) errs.push(invalid(ip.child('mountPath'), vStr(mp), 'must be unique'));
    points.add(mp);
  });
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go validateContainerCommon (v1.32)
function validateContainerCommon(c: Obj, volumes: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c['name']);
  if (!name) errs.push(required(p.child('name')));
  else errs.push(...dns1123Label(name, p.child('name'), isDNS1123Label));
  if (!str(c['image'])) errs.push(required(p.child('image')));
  const tmp = str(c['terminationMessagePolicy']);
  if (!tmp) errs.push(required(p.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(p.child('terminationMessagePolicy'), vStr(tmp), ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c['ports'], p.child('ports')));
  errs.push(...validateEnv(c['env'], p.child('env')));
  errs.push(...validateVolumeMounts(c['volumeMounts'], volumes, p.child('volumeMounts')));
  const pull = str(c['imagePullPolicy']);
  if (!pull) errs.push(required(p.child('imagePullPolicy')));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) errs.push(notSupported(p.child('imagePullPolicy'), vStr(pull), ['Always', 'IfNotPresent', 'Never']));
  errs.push(...validateResources(c['resources'], p.child('resources')));
  return errs;
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'scaleIO', 'projected', 'storageos', 'csi', 'ephemeral', 'image', 'gcePersistentDisk', 'awsElasticBlockStore',
];

// Behaviour of pkg/apis/core/validation/validation.go ValidateVolumes / validateVolumeSource (v1.32)
function validateVolumes(volumes: unknown, p: Path): [Set<string>, FieldError[]] {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  asList(volumes).forEach((raw, i) => {
    const v = asObj(raw) ?? {};
    const ip = p.index(i);
    const el: FieldError[] = [];
    let n = 0;
    for (const src of VOLUME_SOURCES) {
      if (v[src] === undefined || v[src] === null) continue;
      if (n > 0) {
        el.push(forbidden(ip.child(src), 'may not specify more than 1 volume type'));
        continue;
      }
      n++;
      if (src === 'persistentVolumeClaim' && !str(asObj(v[src])?.['claimName'])) el.push(required(ip.child(src, 'claimName')));
      if (src === 'hostPath' && !str(asObj(v[src])?.['path'])) el.push(required(ip.child(src, 'path')));
      if (src === 'configMap' && !str(asObj(v[src])?.['name'])) el.push(required(ip.child(src, 'name')));
      if (src === 'secret' && !str(asObj(v[src])?.['secretName'])) el.push(required(ip.child(src, 'secretName')));
    }
    if (n === 0) el.push(required(ip, 'must specify a volume type'));
    const name = str(v['name']);
    if (!name) el.push(required(ip.child('name')));
    else el.push(...dns1123Label(name, ip.child('name'), isDNS1123Label));
    if (names.has(name)) el.push(duplicate(ip.child('name'), vStr(name)));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return [names, errs];
}

function tolerationGoString(t: Obj): string {
  const secs = t['tolerationSeconds'];
  return `core.Toleration{Key:${goQuote(str(t['key']))}, Operator:${goQuote(str(t['operator']))}, Value:${goQuote(str(t['value']))}, Effect:${goQuote(str(t['effect']))}, TolerationSeconds:(*int64)(${secs === undefined || secs === null ? 'nil' : '0xc000a1b2c0'})}`;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidateTolerations (v1.32)
function validateTolerations(tolerations: unknown, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  asList(tolerations).forEach((raw, i) => {
    const t = asObj(raw) ?? {};
    const ip = p.index(i);
    const key = str(t['key']);
    const op = str(t['operator']);
    const effect = str(t['effect']);
    if (key) for (const m of isQualifiedName(key)) errs.push(invalid(ip.child('key'), vStr(key), m));
    if (!key && op !== 'Exists') errs.push(invalid(ip.child('operator'), vStr(op), 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t['tolerationSeconds'] !== undefined && t['tolerationSeconds'] !== null && effect !== 'NoExecute') {
      errs.push(invalid(ip.child('effect'), vStr(effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const ve = isValidLabelValue(str(t['value']));
      if (ve.length) errs.push(invalid(ip.child('operator'), vStr(t['value']), ve.join(';')));
    } else if (op === 'Exists') {
      if (str(t['value'])) errs.push(invalid(ip.child('operator'), tolerationGoString(t), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(ip.child('operator'), vStr(op), ['Equal', 'Exists']));
    }
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) errs.push(notSupported(ip.child('effect'), vStr(effect), ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidatePodSpec (v1.32)
export function validatePodSpec(spec: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (spec['terminationGracePeriodSeconds'] === undefined || spec['terminationGracePeriodSeconds'] === null) errs.push(required(p.child('terminationGracePeriodSeconds')));
  const [vols, vErrs] = validateVolumes(spec['volumes'], p.child('volumes'));
  errs.push(...vErrs);

  // validateContainers
  const containers = asList(spec['containers']);
  const names = new Set<string>();
  if (containers.length === 0) errs.push(required(p.child('containers')));
  containers.forEach((raw, i) => {
    const c = asObj(raw) ?? {};
    const ip = p.child('containers').index(i);
    errs.push(...validateContainerCommon(c, vols, ip));
    const name = str(c['name']);
    if (names.has(name)) errs.push(duplicate(ip.child('name'), vStr(name)));
    else names.add(name);
    errs.push(...validateProbe(c['livenessProbe'], ip.child('livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c['readinessProbe'], ip.child('readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c['startupProbe'], ip.child('startupProbe'), 'startup'));
    if (c['restartPolicy'] !== undefined && c['restartPolicy'] !== null) errs.push(forbidden(ip.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  // validateInitContainers: names are unique across init and regular containers.
  asList(spec['initContainers']).forEach((raw, i) => {
    const c = asObj(raw) ?? {};
    const ip = p.child('initContainers').index(i);
    errs.push(...validateContainerCommon(c, vols, ip));
    const name = str(c['name']);
    if (names.has(name)) errs.push(duplicate(ip.child('name'), vStr(name)));
    else names.add(name);
    const rp = c['restartPolicy'];
    if (rp !== undefined && rp !== null && rp !== 'Always') errs.push(notSupported(ip.child('restartPolicy'), vStr(rp), ['Always']));
    if (rp === 'Always') {
      errs.push(...validateProbe(c['livenessProbe'], ip.child('livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c['readinessProbe'], ip.child('readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c['startupProbe'], ip.child('startupProbe'), 'startup'));
    } else {
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[k] !== undefined && c[k] !== null) errs.push(forbidden(ip.child(k), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });

  const rp = str(spec['restartPolicy']);
  if (!rp) errs.push(required(p.child('restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(p.child('restartPolicy'), vStr(rp), ['Always', 'OnFailure', 'Never']));
  const dns = str(spec['dnsPolicy']);
  if (!dns) errs.push(required(p.child('dnsPolicy')));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) {
    errs.push(notSupported(p.child('dnsPolicy'), vStr(dns), ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errs.push(...validateLabels(asObj(spec['nodeSelector']), p.child('nodeSelector')));
  const sa = str(spec['serviceAccountName']);
  if (sa) for (const m of isDNS1123Subdomain(sa)) errs.push(invalid(p.child('serviceAccountName'), vStr(sa), m));
  const node = str(spec['nodeName']);
  if (node) for (const m of isDNS1123Subdomain(node)) errs.push(invalid(p.child('nodeName'), vStr(node), m));
  const ads = spec['activeDeadlineSeconds'];
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(p.child('activeDeadlineSeconds'), vInt(ads), inclusiveRangeError(1, MAX_INT32)));
  const hostname = str(spec['hostname']);
  if (hostname) errs.push(...dns1123Label(hostname, p.child('hostname'), isDNS1123Label));
  const subdomain = str(spec['subdomain']);
  if (subdomain) errs.push(...dns1123Label(subdomain, p.child('subdomain'), isDNS1123Label));
  errs.push(...validateTolerations(spec['tolerations'], p.child('tolerations')));
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidatePodCreate (v1.32)
export function validatePod(obj: KObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validatePodSpec(asObj(obj['spec']) ?? {}, path('spec'))];
}

/** The v1.32 list (InPlacePodVerticalScaling is alpha and off, so resources are not listed). */
export const POD_UPDATABLE_FIELDS =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

// Behaviour of pkg/apis/core/validation/validation.go ValidatePodUpdate (v1.32)
export function validatePodUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj, old);
  const spec = asObj(obj['spec']) ?? {};
  const oldSpec = asObj(old['spec']) ?? {};
  const sp = path('spec');
  errs.push(...validatePodSpec(spec, sp));

  for (const field of ['containers', 'initContainers']) {
    const a = asList(spec[field]);
    const b = asList(oldSpec[field]);
    if (a.length !== b.length) {
      errs.push(forbidden(sp.child(field), 'pod updates may not add or remove containers'));
      return errs;
    }
    a.forEach((c, i) => {
      const image = str(asObj(c)?.['image']);
      if (!image) errs.push(required(sp.child(field).index(i).child('image')));
      if (image.trim().length !== image.length) errs.push(invalid(sp.child(field).index(i).child('image'), vStr(image), 'must not have leading or trailing whitespace'));
    });
  }

  const ads = spec['activeDeadlineSeconds'];
  const oldAds = oldSpec['activeDeadlineSeconds'];
  if (typeof ads === 'number') {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalid(sp.child('activeDeadlineSeconds'), vInt(ads), inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (typeof oldAds === 'number' && oldAds < ads) {
      errs.push(invalid(sp.child('activeDeadlineSeconds'), vInt(ads), 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof oldAds === 'number') {
    errs.push(invalid(sp.child('activeDeadlineSeconds'), 'null', 'must not update from a positive integer to nil value'));
  }

  // validateOnlyAddedTolerations
  const newTol = asList(spec['tolerations']).map((t) => asObj(t) ?? {});
  for (const o of asList(oldSpec['tolerations']).map((t) => asObj(t) ?? {})) {
    const found = newTol.some((n) => semanticEqual({ ...o, tolerationSeconds: n['tolerationSeconds'] }, n));
    if (!found) {
      errs.push(forbidden(sp.child('tolerations'), 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }

  if (semanticEqual(spec, oldSpec)) return errs;
  const munged = deepCopy(spec);
  for (const field of ['containers', 'initContainers']) {
    const oldList = asList(oldSpec[field]);
    asList(munged[field]).forEach((c, i) => {
      const mc = asObj(c);
      if (mc) mc['image'] = asObj(oldList[i])?.['image'];
    });
  }
  munged['activeDeadlineSeconds'] = oldSpec['activeDeadlineSeconds'];
  munged['schedulingGates'] = oldSpec['schedulingGates'];
  munged['tolerations'] = oldSpec['tolerations'];
  const oldTgps = oldSpec['terminationGracePeriodSeconds'];
  if (typeof oldTgps === 'number' && oldTgps < 0 && munged['terminationGracePeriodSeconds'] === 1) munged['terminationGracePeriodSeconds'] = oldTgps;
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(forbidden(sp, `pod updates may not change fields other than ${POD_UPDATABLE_FIELDS}\n${cmpDiff('core.PodSpec', POD_SPEC_FIELDS, oldSpec, munged)}`));
  }
  return errs;
}

// ====================================================================== Service

function servicePortGoString(protocol: string, port: unknown): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${typeof port === 'number' ? port : 0}, TargetPort:${goIntOrString(0)}, NodePort:0}`;
}

function isHeadless(spec: Obj): boolean {
  return spec['clusterIP'] === 'None' || (asList(spec['clusterIPs']).length === 1 && asList(spec['clusterIPs'])[0] === 'None');
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
const ipChecked = new Map<string, boolean>();
/** Endpoints list every address on every write, so answers are remembered (a bounded cache). */
const isIP = (s: string): boolean => {
  let ok = ipChecked.get(s);
  if (ok === undefined) {
    ok = IPV4.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));
    if (ipChecked.size >= 10_000) ipChecked.clear();
    ipChecked.set(s, ok);
  }
  return ok;
};

// Behaviour of pkg/apis/core/validation/validation.go ValidateService (v1.32)
export function validateService(obj: KObject): FieldError[] {
  const errs = validateObjectMeta(obj, true, nameIsDNS1035Label);
  const spec = asObj(obj['spec']) ?? {};
  const sp = path('spec');
  const type = str(spec['type']);
  const ports = asList(spec['ports']).map((x) => asObj(x) ?? {});
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(required(sp.child('ports')));
  if (type === 'ExternalName') {
    if (asList(spec['clusterIPs']).length > 0) errs.push(forbidden(sp.child('clusterIPs'), 'may not be set for ExternalName services'));
    if (asList(spec['ipFamilies']).length > 0) errs.push(forbidden(sp.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec['ipFamilyPolicy'] !== undefined && spec['ipFamilyPolicy'] !== null) errs.push(forbidden(sp.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    const cname = str(spec['externalName']).replace(/\.$/, '');
    if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(sp.child('externalName'), vStr(cname), m));
    else errs.push(required(sp.child('externalName')));
  }
  const portNames = new Set<string>();
  ports.forEach((port, i) => {
    const pp = sp.child('ports').index(i);
    const name = str(port['name']);
    if (ports.length > 1 && !name) errs.push(required(pp.child('name')));
    else if (name) {
      errs.push(...dns1123Label(name, pp.child('name'), isDNS1123Label));
      if (portNames.has(name)) errs.push(duplicate(pp.child('name'), vStr(name)));
      else portNames.add(name);
    }
    const num = typeof port['port'] === 'number' ? (port['port'] as number) : 0;
    for (const m of isValidPortNum(num)) errs.push(invalid(pp.child('port'), vInt(num), m));
    const proto = str(port['protocol']);
    if (!proto) errs.push(required(pp.child('protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(pp.child('protocol'), vStr(proto), ['SCTP', 'TCP', 'UDP']));
    errs.push(...portNumOrName(port['targetPort'], pp.child('targetPort')));
  });
  if (spec['selector'] !== undefined && spec['selector'] !== null) errs.push(...validateLabels(asObj(spec['selector']), sp.child('selector')));
  const aff = str(spec['sessionAffinity']);
  if (!aff) errs.push(required(sp.child('sessionAffinity')));
  else if (aff !== 'ClientIP' && aff !== 'None') errs.push(notSupported(sp.child('sessionAffinity'), vStr(aff), ['ClientIP', 'None']));
  if (aff === 'None' && spec['sessionAffinityConfig'] !== undefined && spec['sessionAffinityConfig'] !== null) {
    errs.push(forbidden(sp.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  asList(spec['clusterIPs']).forEach((ip, i) => {
    const s = str(ip);
    if (s !== 'None' && !isIP(s)) errs.push(invalid(sp.child('clusterIPs').index(i), vStr(s), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (!type) errs.push(required(sp.child('type')));
  else if (!['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'].includes(type)) errs.push(notSupported(sp.child('type'), vStr(type), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  if (type === 'ClusterIP') {
    ports.forEach((port, i) => {
      if (port['nodePort']) errs.push(forbidden(sp.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const seen = new Set<string>();
  ports.forEach((port, i) => {
    const key = `${str(port['protocol'])}/${String(port['port'])}`;
    if (seen.has(key)) errs.push(duplicate(sp.child('ports').index(i), servicePortGoString(str(port['protocol']), port['port'])));
    seen.add(key);
  });
  return errs;
}

function goStrings(xs: unknown[]): string {
  return `[]string{${xs.map((x) => goQuote(str(x))).join(', ')}}`;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidateServiceUpdate / validateUpgradeDowngradeClusterIPs (v1.32)
export function validateServiceUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj, old);
  const spec = asObj(obj['spec']) ?? {};
  const oldSpec = asObj(old['spec']) ?? {};
  if (spec['type'] !== 'ExternalName' && oldSpec['type'] !== 'ExternalName' && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const a = asList(spec['clusterIPs']);
    const b = asList(oldSpec['clusterIPs']);
    const p = path('spec', 'clusterIPs');
    if (a.length === b.length) {
      b.forEach((ip, i) => {
        if (ip !== a[i]) errs.push(invalid(p.index(i), goStrings(a), 'may not change once set'));
      });
    } else if (b.length > a.length) {
      if (a.length === 0) errs.push(invalid(p.index(0), goStrings(a), 'primary clusterIP can not be unset'));
      else if (a[0] !== b[0]) errs.push(invalid(p.index(0), goStrings(a), 'may not change once set'));
    } else if (b.length > 0 && a[0] !== b[0]) {
      errs.push(invalid(p.index(0), goStrings(a), 'may not change once set'));
    }
  }
  errs.push(...validateService(obj));
  return errs;
}

// ====================================================================== Namespace, Node, Endpoints, Event

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

// Behaviour of pkg/apis/core/validation/validation.go ValidateNamespace (v1.32)
export function validateNamespace(obj: KObject): FieldError[] {
  const errs = validateObjectMeta(obj, false, nameIsDNSLabel);
  const p = path('spec', 'finalizers');
  for (const f of asList(asObj(obj['spec'])?.['finalizers']).map(str)) {
    for (const m of isQualifiedName(f)) errs.push(invalid(p, vStr(f), m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(invalid(p, vStr(f), 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidateNode (v1.32, the parts the playground uses)
export function validateNode(obj: KObject): FieldError[] {
  return validateObjectMeta(obj, false, nameIsDNSSubdomain);
}

// Behaviour of pkg/apis/core/validation/validation.go ValidateEndpoints (v1.32, the parts the playground uses)
export function validateEndpoints(obj: KObject): FieldError[] {
  const errs = validateObjectMeta(obj, true, nameIsDNSSubdomain);
  asList(obj['subsets']).forEach((raw, i) => {
    const s = asObj(raw) ?? {};
    const sp = path('subsets').index(i);
    for (const kind of ['addresses', 'notReadyAddresses']) {
      asList(s[kind]).forEach((a, j) => {
        const ip = str(asObj(a)?.['ip']);
        if (!ip) errs.push(required(sp.child(kind).index(j).child('ip')));
        else if (!isIP(ip)) errs.push(invalid(sp.child(kind).index(j).child('ip'), vStr(ip), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
      });
    }
    const ports = asList(s['ports']).map((x) => asObj(x) ?? {});
    ports.forEach((port, j) => {
      const pp = sp.child('ports').index(j);
      const name = str(port['name']);
      if (ports.length > 1 && !name) errs.push(required(pp.child('name')));
      else if (name) errs.push(...dns1123Label(name, pp.child('name'), isDNS1123Label));
      const num = typeof port['port'] === 'number' ? (port['port'] as number) : 0;
      for (const m of isValidPortNum(num)) errs.push(invalid(pp.child('port'), vInt(num), m));
      const proto = str(port['protocol']);
      if (!proto) errs.push(required(pp.child('protocol')));
      else if (!['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(pp.child('protocol'), vStr(proto), ['SCTP', 'TCP', 'UDP']));
    });
  });
  return errs;
}

// Behaviour of pkg/apis/core/validation/events.go legacyValidateEvent / ValidateEventCreate (v1.32, core/v1 requests)
export function validateEvent(obj: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = str(obj.metadata?.namespace);
  const involved = asObj(obj['involvedObject']) ?? {};
  const ins = str(involved['namespace']);
  if (!obj['eventTime']) {
    if (!ins) {
      if (ns !== '' && ns !== 'default') errs.push(invalid(path('involvedObject', 'namespace'), vStr(ins), 'does not match event.namespace'));
    } else if (ns !== ins) {
      errs.push(invalid(path('involvedObject', 'namespace'), vStr(ins), 'does not match event.namespace'));
    }
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid(path('namespace'), vStr(ns), m));
  // core/v1 events get no further validation, for backwards compatibility.
  return errs;
}
