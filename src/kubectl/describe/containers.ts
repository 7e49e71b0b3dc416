/**
 * The container blocks of pod and pod-template descriptions: basic info,
 * command, state, resources, probes, environment and mounts.
 */
import { getOwn } from '../../lib/own';
import { formatQuantity, parseQuantity } from '../../engine/api/quantity';
import type { Container, ContainerState, ContainerStatus, Pod, Probe } from '../../engine/api/types';
import { goQuote } from '../../engine/api/gofmt';
import { goSlice, printBool, rfc1123z, stringOrNone } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const num = (x: unknown): number => (typeof x === 'number' ? x : 0);

/** Resolves a fieldRef env var against the pod (nil for pod templates). */
export type EnvResolver = ((fieldPath: string, apiVersion: string) => string) | undefined;

/**
 * EnvValueRetriever: the value a fieldRef resolves to on a real pod
 * (fieldpath.ExtractFieldPathAsString); "" for unsupported paths.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/util/fieldpath/fieldpath.go ExtractFieldPathAsString (v1.32)
export function podEnvResolver(pod: Pod): EnvResolver {
  return (fieldPath: string, apiVersion: string) => {
    if (apiVersion !== 'v1') return '';
    const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
    if (sub) {
      const m = sub[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
      return getOwn(m, sub[2] ?? '') ?? '';
    }
    switch (fieldPath) {
      case 'metadata.name':
        return pod.metadata.name ?? '';
      case 'metadata.namespace':
        return pod.metadata.namespace ?? '';
      case 'metadata.uid':
        return pod.metadata.uid ?? '';
      case 'metadata.labels':
      case 'metadata.annotations': {
        const m = (fieldPath === 'metadata.labels' ? pod.metadata.labels : pod.metadata.annotations) ?? {};
        return Object.keys(m)
          .sort()
          .map((k) => `${k}=${goQuote(m[k] ?? '')}`)
          .join('\n');
      }
      case 'spec.nodeName':
        return str(pod.spec?.nodeName);
      case 'spec.serviceAccountName':
        return str(pod.spec?.['serviceAccountName']);
      case 'status.hostIP':
        return str(pod.status?.hostIP);
      case 'status.hostIPs':
        return (pod.status?.hostIPs ?? []).map((x) => x.ip).join(',');
      case 'status.podIP':
        return str(pod.status?.podIP);
      case 'status.podIPs':
        return (pod.status?.podIPs ?? []).map((x) => x.ip).join(',');
      default:
        return '';
    }
  };
}

function describeContainerPorts(c: Container): { ports: string; hostPorts: string } {
  const ports = (c.ports ?? []).map((p) => `${num(p.containerPort)}/${p.protocol ?? ''}`).join(', ');
  const hostPorts = (c.ports ?? []).map((p) => `${num((p as unknown as Rec)['hostPort'])}/${p.protocol ?? ''}`).join(', ');
  return { ports, hostPorts };
}

function describeContainerBasicInfo(c: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  const nameIndent = space.length > 0 ? ' ' : '';
  w.write(LEVEL_1, `${nameIndent}${c.name ?? ''}:\n`); // a template's container may lack a name (not validated)
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const { ports, hostPorts } = describeContainerPorts(c);
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
  const sc = c['securityContext'];
  if (isRec(sc) && isRec(sc['seccompProfile'])) {
    const prof = sc['seccompProfile'];
    w.write(LEVEL_2, `SeccompProfile:\t${str(prof['type'])}\n`);
    if (prof['type'] === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${str(prof['localhostProfile'])}\n`);
  }
}

function describeContainerCommand(c: Container, w: PrefixWriter): void {
  if ((c.command ?? []).length > 0) {
    w.write(LEVEL_2, 'Command:\n');
    for (const cmd of c.command ?? []) for (const s of cmd.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
  if ((c.args ?? []).length > 0) {
    w.write(LEVEL_2, 'Args:\n');
    for (const arg of c.args ?? []) for (const s of arg.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** describeResources: "Limits:" / "Requests:" with one sorted "name:\tquantity" line each. */
export function describeResources(resources: unknown, w: PrefixWriter, level: number): void {
  if (!isRec(resources)) return;
  const section = (title: string, list: unknown) => {
    if (!isRec(list)) return;
    const names = Object.keys(list).sort(byName);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${formatQuantity(list[n] as string)}\n`);
  };
  section('Limits', resources['limits']);
  section('Requests', resources['requests']);
}

function describeStatus(stateName: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeContainerState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

/** Go's net.JoinHostPort. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** url.URL.String() for scheme://host/path (path escaped the way EscapedPath does for common characters). */
function urlString(scheme: string, host: string, path: string): string {
  let out = '';
  if (scheme) out += `${scheme}:`;
  if (scheme || host) out += `//${host}`;
  const escaped = path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (ch) =>
    utf8Bytes(ch).map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  if (escaped && !escaped.startsWith('/') && host) out += '/';
  return out + escaped;
}

function utf8Bytes(ch: string): number[] {
  const c = ch.codePointAt(0) as number;
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 63)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
}

/** DescribeProbe: "http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3". */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go DescribeProbe (v1.32)
export function describeProbe(p: Probe): string {
  const attrs =
    `delay=${num(p.initialDelaySeconds)}s timeout=${num(p.timeoutSeconds)}s period=${num(p.periodSeconds)}s ` +
    `#success=${num(p.successThreshold)} #failure=${num(p.failureThreshold)}`;
  if (p.exec) return `exec ${goSlice(p.exec.command)} ${attrs}`;
  if (p.httpGet) {
    const hg = p.httpGet as Rec;
    const host = str(hg['host']);
    const port = str(hg['port']);
    const hostPart = port.length > 0 ? joinHostPort(host, port) : host;
    return `http-get ${urlString(str(hg['scheme']).toLowerCase(), hostPart, str(hg['path']))} ${attrs}`;
  }
  if (p.tcpSocket) {
    const ts = p.tcpSocket as Rec;
    return `tcp-socket ${str(ts['host'])}:${str(ts['port'])} ${attrs}`;
  }
  const grpc = p['grpc'];
  if (isRec(grpc)) return `grpc <pod>:${num(grpc['port'])} ${str(grpc['service'])} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainerProbe(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

function describeContainerEnvFrom(c: Container, w: PrefixWriter): void {
  const envFrom = (Array.isArray(c['envFrom']) ? c['envFrom'] : []) as Rec[];
  w.write(LEVEL_2, `Environment Variables from:${envFrom.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of envFrom) {
    let from = '';
    let name = '';
    let optional = false;
    if (isRec(e['configMapRef'])) {
      from = 'ConfigMap';
      name = str(e['configMapRef']['name']);
      optional = e['configMapRef']['optional'] === true;
    } else if (isRec(e['secretRef'])) {
      from = 'Secret';
      name = str(e['secretRef']['name']);
      optional = e['secretRef']['optional'] === true;
    }
    const prefix = str(e['prefix']);
    if (prefix.length === 0) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n`);
  }
}

// Behaviour of staging/src/k8s.io/kubectl/pkg/util/resource/resource.go ExtractContainerResourceValue (v1.32)
function containerResourceValue(ref: Rec, c: Container): string {
  const res = isRec(c.resources) ? c.resources : {};
  const pick = (kind: 'limits' | 'requests', name: string): unknown => {
    const list = res[kind];
    return isRec(list) ? list[name] : undefined;
  };
  let divisor = 1;
  try {
    const d = ref['divisor'];
    if (d !== undefined && d !== null && d !== '' && parseQuantity(d as string).nanos !== 0n) divisor = Number(parseQuantity(d as string).nanos) / 1e9;
  } catch {
    return '';
  }
  const value = (q: unknown): number => {
    if (q === undefined || q === null) return 0;
    try {
      return Number(parseQuantity(q as string).nanos) / 1e9;
    } catch {
      return 0;
    }
  };
  const resource = str(ref['resource']);
  const m = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(resource);
  if (!m) return '';
  const v = value(pick(m[1] as 'limits' | 'requests', m[2] as string));
  if (m[2] === 'cpu') return String(Math.ceil(Math.round(v * 1000) / Math.round(divisor * 1000)));
  return String(Math.ceil(v / divisor));
}

function describeContainerEnvVars(c: Container, resolve: EnvResolver, w: PrefixWriter): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (e.valueFrom === undefined || e.valueFrom === null) {
      (e.value ?? '').split('\n').forEach((s, i) => {
        if (i === 0) w.write(LEVEL_3, `${e.name ?? ''}:\t${s}\n`);
        else w.write(LEVEL_3, `\t${s}\n`);
      });
      continue;
    }
    const vf = isRec(e.valueFrom) ? e.valueFrom : {};
    if (isRec(vf['fieldRef'])) {
      const apiVersion = str(vf['fieldRef']['apiVersion']) || 'v1';
      const path = str(vf['fieldRef']['fieldPath']);
      const value = resolve ? resolve(path, apiVersion) : '';
      w.write(LEVEL_3, `${e.name ?? ''}:\t${value} (${apiVersion}:${path})\n`);
    } else if (isRec(vf['resourceFieldRef'])) {
      const ref = vf['resourceFieldRef'];
      let value = containerResourceValue(ref, c);
      const resource = str(ref['resource']);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name ?? ''}:\t${value} (${resource})\n`);
    } else if (isRec(vf['secretKeyRef'])) {
      const r = vf['secretKeyRef'];
      w.write(LEVEL_3, `${e.name ?? ''}:\t<set to the key '${str(r['key'])}' in secret '${str(r['name'])}'>\tOptional: ${r['optional'] === true}\n`);
    } else if (isRec(vf['configMapKeyRef'])) {
      const r = vf['configMapKeyRef'];
      w.write(LEVEL_3, `${e.name ?? ''}:\t<set to the key '${str(r['key'])}' of config map '${str(r['name'])}'>\tOptional: ${r['optional'] === true}\n`);
    }
  }
}

function describeContainerVolumes(c: Container, w: PrefixWriter): void {
  const mounts = [...(c.volumeMounts ?? [])];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  mounts.sort((a, b) => byName(str(a.mountPath), str(b.mountPath)));
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
    w.write(LEVEL_3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
  }
  const devices = (Array.isArray(c['volumeDevices']) ? [...c['volumeDevices']] : []) as Rec[];
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    devices.sort((a, b) => byName(str(a['devicePath']), str(b['devicePath'])));
    for (const d of devices) w.write(LEVEL_3, `${str(d['devicePath'])} from ${str(d['name'])}\n`);
  }
}

/** describeContainers: the "<label>:" header and one block per container. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeContainers (v1.32)
export function describeContainers(
  label: string,
  containers: readonly Container[] | undefined,
  statuses: readonly ContainerStatus[] | undefined,
  resolve: EnvResolver,
  w: PrefixWriter,
  space: string,
): void {
  const byContainer = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byContainer.set(s.name, s);
  const list = containers ?? [];
  w.write(LEVEL_0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  for (const c of list) {
    const status = statuses ? byContainer.get(c.name) : undefined;
    describeContainerBasicInfo(c, status, space, w);
    describeContainerCommand(c, w);
    if (status) describeContainerState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeContainerProbe(c, w);
    if (Array.isArray(c['envFrom']) && c['envFrom'].length > 0) describeContainerEnvFrom(c, w);
    describeContainerEnvVars(c, resolve, w);
    describeContainerVolumes(c, w);
  }
}
