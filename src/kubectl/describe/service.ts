import { formatLabels } from '../../engine/api/labels';
import type { Endpoints, KEvent, Service } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { deepCopy } from '../../lib/clone';
import { describeEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []);

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * formatEndpoints: up to three "ip:port" entries for the ports named in
 * `portNames` (all ports when undefined), then " + N more...".
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go formatEndpoints (v1.32)
export function formatEndpoints(ep: Endpoints | undefined, portNames: ReadonlySet<string> | undefined): string {
  const subsets = ep?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      if (portNames && !portNames.has(port.name ?? '')) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** A Service after SetDefaults_Service and the registry's IP-family / traffic-policy defaults. */
function serviceWithDefaults(input: Service): Service {
  const svc = deepCopy(input);
  const spec = (svc.spec ??= {});
  spec.type ||= 'ClusterIP';
  if (spec['sessionAffinity'] === undefined) spec['sessionAffinity'] = 'None';
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type !== 'ExternalName') {
    if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
    if (spec['ipFamilyPolicy'] === undefined) spec['ipFamilyPolicy'] = 'SingleStack';
    if (spec['ipFamilies'] === undefined) spec['ipFamilies'] = ['IPv4'];
    if (spec['internalTrafficPolicy'] === undefined) spec['internalTrafficPolicy'] = 'Cluster';
  }
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && spec['externalTrafficPolicy'] === undefined) spec['externalTrafficPolicy'] = 'Cluster';
  return svc;
}

/** `kubectl describe service` (v1.32 reads the Service's Endpoints object). */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeService (v1.32)
export function describeService(input: Service, endpoints: Endpoints | undefined, events: readonly KEvent[] | undefined, now: SimTime): string {
  const svc = serviceWithDefaults(input);
  const spec = svc.spec as Rec & Service['spec'];
  const status = isRec(svc['status']) ? svc['status'] : {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${str(spec.type)}\n`);
    if (spec['ipFamilyPolicy'] !== undefined && spec['ipFamilyPolicy'] !== null) w.write(LEVEL_0, `IP Family Policy:\t${str(spec['ipFamilyPolicy'])}\n`);
    const families = strings(spec['ipFamilies']);
    w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${str(spec.clusterIP)}\n`);
    const ips = strings(spec.clusterIPs);
    w.write(LEVEL_0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}\n`);
    const externalIPs = strings(spec['externalIPs']);
    if (externalIPs.length > 0) w.write(LEVEL_0, `External IPs:\t${externalIPs.join(',')}\n`);
    if (str(spec['loadBalancerIP']) !== '') w.write(LEVEL_0, `Desired LoadBalancer IP:\t${str(spec['loadBalancerIP'])}\n`);
    if (str(spec['externalName']) !== '') w.write(LEVEL_0, `External Name:\t${str(spec['externalName'])}\n`);
    const lb = isRec(status['loadBalancer']) ? status['loadBalancer'] : {};
    const ingress = Array.isArray(lb['ingress']) ? (lb['ingress'] as Rec[]) : [];
    if (ingress.length > 0) {
      const list = ingress
        .map((i) => (str(i['ip']) !== '' ? (i['ipMode'] !== undefined && i['ipMode'] !== null ? `${str(i['ip'])} (${str(i['ipMode'])})` : str(i['ip'])) : str(i['hostname'])))
        .join(', ');
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
    }
    for (const sp of spec.ports ?? []) {
      const name = sp.name ? sp.name : '<unset>';
      const proto = sp.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${proto}\n`);
      w.write(LEVEL_0, `TargetPort:\t${str(sp.targetPort)}/${proto}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(endpoints, new Set([sp.name ?? '']))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${str(spec['sessionAffinity'])}\n`);
    if (str(spec['externalTrafficPolicy']) !== '') w.write(LEVEL_0, `External Traffic Policy:\t${str(spec['externalTrafficPolicy'])}\n`);
    if (spec['internalTrafficPolicy'] !== undefined && spec['internalTrafficPolicy'] !== null) w.write(LEVEL_0, `Internal Traffic Policy:\t${str(spec['internalTrafficPolicy'])}\n`);
    if (typeof spec['healthCheckNodePort'] === 'number' && spec['healthCheckNodePort'] !== 0) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec['healthCheckNodePort']}\n`);
    const ranges = strings(spec['loadBalancerSourceRanges']);
    if (ranges.length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
    if (events) describeEvents(events, w, now);
  });
}

/** `kubectl describe endpoints`. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeEndpoints (v1.32)
export function describeEndpoints(ep: Endpoints, events: readonly KEvent[] | undefined, now: SimTime): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const ss of ep.subsets ?? []) {
      const ready = (ss.addresses ?? []).map((a) => a.ip).join(',');
      w.write(LEVEL_1, `Addresses:\t${ready || '<none>'}\n`);
      const notReady = (ss.notReadyAddresses ?? []).map((a) => a.ip).join(',');
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
      if ((ss.ports ?? []).length > 0) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of ss.ports ?? []) w.write(LEVEL_2, `${p.name ? p.name : '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (events) describeEvents(events, w, now);
  });
}
