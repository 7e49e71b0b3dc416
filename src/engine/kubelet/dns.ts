/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it from Services and
 * Endpoints, and `nslookup` output in busybox's format.
 */
import type { Endpoints, Service } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';

export const DNS_SERVER = '10.96.0.10';
const ZONE = 'cluster.local';

/** A records for one fully qualified name; empty when the name does not exist. */
// Behaviour of coredns/plugin/kubernetes kubernetes.go Records (service A, headless endpoints, hostname records)
export function lookupFqdn(api: ApiServer, fqdn: string): string[] {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  const suffix = `.svc.${ZONE}`;
  if (!name.endsWith(suffix)) return [];
  const parts = name.slice(0, -suffix.length).split('.');
  if (parts.length === 2) {
    const [svcName, ns] = parts as [string, string];
    const svc = api.get<Service>('Service', ns, svcName);
    if (!svc) return [];
    if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return [svc.spec.clusterIP];
    const ep = api.get<Endpoints>('Endpoints', ns, svcName);
    return (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
  }
  if (parts.length === 3) {
    const [host, svcName, ns] = parts as [string, string, string];
    if (!api.get<Service>('Service', ns, svcName)) return [];
    const ep = api.get<Endpoints>('Endpoints', ns, svcName);
    const ips = (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).filter((a) => a.hostname === host).map((a) => a.ip));
    return [...new Set(ips)];
  }
  return [];
}

/** Search-list expansion from the pod's resolv.conf (ndots:5): the first name that resolves wins. */
export function resolve(api: ApiServer, name: string, namespace: string): { fqdn: string; ips: string[] } {
  const bare = name.replace(/\.$/, '');
  const candidates = name.endsWith('.') ? [bare] : [`${bare}.${namespace}.svc.${ZONE}`, `${bare}.svc.${ZONE}`, `${bare}.${ZONE}`, bare];
  for (const fqdn of candidates) {
    const ips = lookupFqdn(api, fqdn);
    if (ips.length) return { fqdn, ips };
  }
  return { fqdn: candidates[0] as string, ips: [] };
}

/** `nslookup NAME` as busybox prints it; exit code 1 for NXDOMAIN. */
export function nslookup(api: ApiServer, name: string, namespace: string): { stdout: string; exitCode: number } {
  let out = `Server:\t\t${DNS_SERVER}\nAddress:\t${DNS_SERVER}:53\n\n`;
  const { fqdn, ips } = resolve(api, name, namespace);
  if (!ips.length) return { stdout: `${out}** server can't find ${fqdn}: NXDOMAIN\n\n`, exitCode: 1 };
  for (const ip of ips) out += `Name:\t${fqdn}\nAddress: ${ip}\n`;
  return { stdout: out + '\n', exitCode: 0 };
}
