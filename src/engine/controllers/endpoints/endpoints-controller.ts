/**
 * The endpoints controller: one Endpoints object per Service with a
 * selector, listing the selected pods that have an IP — ready ones under
 * `addresses`, the others under `notReadyAddresses` — with their hostname
 * (when the pod's subdomain names the service), node and a reference to the
 * pod, and the service's ports resolved against each pod's container ports.
 * Behaviour of pkg/controller/endpoint/endpoints_controller.go (v1.32).
 */
import { deepEqual } from '../../../lib/clone';
import type { EndpointAddress, Endpoints, KObject, Pod, Service, ServicePort } from '../../api/types';
import type { ApiServer, WatchEvent } from '../../apiserver/apiserver';
import { timestamp, type VirtualClock } from '../../clock/clock';
import { WorkQueue } from '../../runtime/queue';
import { ApiError } from '../../api/errors';

export const ENDPOINTS_CONTROLLER = 'endpoint-controller';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const TRIGGER_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

type EndpointPort = { name?: string; port: number; protocol?: string };
type Subset = NonNullable<Endpoints['subsets']>[number];
type Entry = { addr: EndpointAddress; ports: EndpointPort[]; ready: boolean; key: string; sortedPorts: EndpointPort[]; id: string };

const keyOf = (o: KObject) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;

function selects(svc: Service, pod: Pod): boolean {
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

// Behaviour of pkg/api/v1/pod/util.go FindPort (v1.32)
function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

// Behaviour of pkg/api/v1/endpoints/util.go RepackSubsets + SortSubsets (v1.32)
function repack(entries: Entry[]): Subset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: Map<string, EndpointAddress>; notReady: Map<string, EndpointAddress> }>();
  for (const e of entries) {
    let g = groups.get(e.key);
    if (!g) groups.set(e.key, (g = { ports: e.sortedPorts, ready: new Map(), notReady: new Map() }));
    (e.ready ? g.ready : g.notReady).set(e.id, e.addr);
  }
  const byIP = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? ''));
  const out: Subset[] = [];
  for (const k of [...groups.keys()].sort()) {
    const g = groups.get(k) as { ports: EndpointPort[]; ready: Map<string, EndpointAddress>; notReady: Map<string, EndpointAddress> };
    const s: Subset = {};
    if (g.ready.size) s.addresses = [...g.ready.values()].sort(byIP);
    if (g.notReady.size) s.notReadyAddresses = [...g.notReady.values()].sort(byIP);
    if (g.ports.length) s.ports = g.ports;
    out.push(s);
  }
  return out;
}

/** An entry with its port-set key, sorted ports and address identity worked out once. */
function entry(addr: EndpointAddress, ports: EndpointPort[], ready: boolean): Entry {
  const keyed = ports.map((p) => ({ p, k: `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol ?? ''}` }));
  if (keyed.length > 1) keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return { addr, ports, ready, key: keyed.map((x) => x.k).join('\u0001'), sortedPorts: keyed.map((x) => x.p), id: `${addr.ip}/${addr.targetRef?.uid ?? ''}` };
}

export class EndpointsController {
  private queue: WorkQueue;

  constructor(
    private api: ApiServer,
    clock: VirtualClock,
  ) {
    this.queue = new WorkQueue(clock, 'endpoints', (k) => this.run(k));
  }

  start(): void {
    this.api.watch((ev) => this.onEvent(ev));
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Service') this.queue.add(keyOf(o));
    else if (o.kind === 'Endpoints' && ev.type === 'DELETED' && this.api.get('Service', o.metadata.namespace, o.metadata.name as string)) this.queue.add(keyOf(o));
    else if (o.kind === 'Pod') {
      // Behaviour of endpoints_controller.go updatePod: a write that changes nothing an endpoint shows is ignored.
      if (ev.type === 'MODIFIED' && ev.old && !podEndpointChanged(ev.old as Pod, o as Pod)) return;
      // A pod without an IP is in no Endpoints, so its arrival or departure changes none.
      if (ev.type !== 'MODIFIED' && !(o as Pod).status?.podIP) return;
      // Behaviour of endpoints_controller.go updatePod / getPodServiceMemberships: services of the old and the new labels.
      const pods = [o as Pod, ...(ev.old ? [ev.old as Pod] : [])];
      for (const svc of this.api.list<Service>('Service', o.metadata.namespace)) if (pods.some((p) => selects(svc, p))) this.queue.add(keyOf(svc));
    }
  }

  private run(key: string): void {
    try {
      this.sync(key);
      this.queue.forget(key);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.queue.addRateLimited(key);
    }
  }

  // Behaviour of pkg/controller/endpoint/endpoints_controller.go syncService (v1.32)
  private sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const api = this.api;
    const svc = api.get<Service>('Service', ns, name);
    const cur = api.get<Endpoints>('Endpoints', ns, name);
    if (!svc) {
      if (cur) api.as(ENDPOINTS_CONTROLLER, () => api.delete('Endpoints', ns, name));
      return;
    }
    if (!svc.spec.selector) return;
    const headless = svc.spec.clusterIP === 'None';
    const publish = svc.spec.publishNotReadyAddresses === true;
    const entries: Entry[] = [];
    const used: Entry[][] = [];
    for (const pod of api.list<Pod>('Pod', ns)) {
      // A stored pod never changes in place: its entries for this Service object are computed once.
      const cached = this.entries.get(pod);
      if (cached && cached.svc === svc) {
        entries.push(...cached.entries);
        used.push(cached.entries);
        continue;
      }
      const mine: Entry[] = [];
      this.entries.set(pod, { svc, entries: mine });
      used.push(mine);
      const before = entries.length;
      this.podEntries(svc, pod, ns, name, headless, publish, entries);
      mine.push(...entries.slice(before));
    }
    // Nothing an endpoint shows changed since the last write: the same entry lists, in the same order.
    const last = this.lastUsed.get(key);
    const same = !!cur && !!last && last.svc === svc && last.used.length === used.length && last.used.every((e, i) => e === used[i]);
    this.lastUsed.set(key, { svc, used });
    if (same) return;
    this.write(key, svc, cur, entries, headless, ns, name);
  }

  private entries = new WeakMap<Pod, { svc: Service; entries: Entry[] }>();
  private lastUsed = new Map<string, { svc: Service; used: Entry[][] }>();

  /** The endpoint entries of one pod for one Service. */
  private podEntries(svc: Service, pod: Pod, ns: string, name: string, headless: boolean, publish: boolean, entries: Entry[]): void {
    {
      if (!selects(svc, pod) || !pod.status?.podIP) return;
      // Behaviour of pkg/controller/util/endpoint ShouldPodBeInEndpoints (v1.32)
      if (pod.metadata.deletionTimestamp && !publish) return;
      const phase = pod.status.phase;
      if (phase === 'Succeeded' || (phase === 'Failed' && pod.spec.restartPolicy === 'Never')) return;
      const addr: EndpointAddress = { ip: pod.status.podIP };
      if (pod.spec.hostname && pod.spec.subdomain === name) addr.hostname = pod.spec.hostname;
      if (pod.spec.nodeName) addr.nodeName = pod.spec.nodeName;
      addr.targetRef = { kind: 'Pod', namespace: ns, name: pod.metadata.name as string, uid: pod.metadata.uid as string };
      const ready = publish || pod.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      const ports = svc.spec.ports ?? [];
      if (ports.length === 0) {
        if (headless) entries.push(entry(addr, [], ready));
        return;
      }
      for (const sp of ports) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) ep.name = sp.name;
        entries.push(entry(addr, [ep], ready));
      }
    }
  }

  private write(key: string, svc: Service, cur: Endpoints | undefined, entries: Entry[], headless: boolean, ns: string, name: string): void {
    const api = this.api;
    void key;
    const subsets = repack(entries);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (headless) labels[HEADLESS_LABEL] = '';
    else delete labels[HEADLESS_LABEL];
    if (cur && deepEqual(cur.subsets ?? [], subsets) && deepEqual(cur.metadata.labels ?? {}, labels)) return;
    const next: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(cur?.metadata ?? { name, namespace: ns }), labels, annotations: { ...(cur?.metadata.annotations ?? {}), [TRIGGER_ANNOTATION]: timestamp(api.clock.now()) } },
    };
    if (subsets.length) next.subsets = subsets;
    // The object is built fresh here and differs from the stored one: the API server may keep it as is.
    api.as(ENDPOINTS_CONTROLLER, () => (cur ? api.update(next, { adopt: true }) : api.create(next)));
  }
}

/** Behaviour of pkg/controller/util/endpoint podEndpointsChanged: IP, readiness, hostname, node, deletion or labels. */
function podEndpointChanged(old: Pod, pod: Pod): boolean {
  const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return (
    old.status?.podIP !== pod.status?.podIP ||
    ready(old) !== ready(pod) ||
    old.status?.phase !== pod.status?.phase ||
    old.spec.hostname !== pod.spec.hostname ||
    old.spec.subdomain !== pod.spec.subdomain ||
    old.spec.nodeName !== pod.spec.nodeName ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    JSON.stringify(old.metadata.labels) !== JSON.stringify(pod.metadata.labels)
  );
}
