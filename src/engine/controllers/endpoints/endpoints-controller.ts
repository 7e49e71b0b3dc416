/**
 * The endpoints controller: one Endpoints object per Service with a
 * selector, listing the selected pods that have an IP — ready ones under
 * `addresses`, the others under `notReadyAddresses` — with their hostname
 * (when the pod's subdomain names the service), node and a reference to the
 * pod, and the service's ports resolved against each pod's container ports.
 * Behaviour of pkg/controller/endpoint/endpoints_controller.go (v1.32).
 */
import { deepEqual } from '../../../lib/clone';
import { compareBytes } from '../../../lib/order';
import type { EndpointAddress, Endpoints, KObject, Pod, Service, ServicePort } from '../../api/types';
import type { ApiServer, WatchEvent } from '../../apiserver/apiserver';
import { timestamp, type VirtualClock } from '../../clock/clock';
import { WorkQueue } from '../../runtime/queue';
import { guarded } from '../../runtime/faults';
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

/** The order SortSubsets gives addresses within a subset: by IP (as strings), then by the pod's uid. */
const byIP = (a: Entry, b: Entry): number => compareBytes(a.addr.ip, b.addr.ip) || compareBytes(a.addr.targetRef?.uid ?? '', b.addr.targetRef?.uid ?? '');

/** Where `e` goes in `list` (sorted by byIP). */
function slot(list: Entry[], e: Entry): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byIP(list[mid] as Entry, e) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An entry with its port-set key, sorted ports and address identity worked out once. */
function entry(addr: EndpointAddress, ports: EndpointPort[], ready: boolean): Entry {
  const keyed = ports.map((p) => ({ p, k: `${p.name ?? ''}\u0000${p.port}\u0000${p.protocol ?? ''}` }));
  if (keyed.length > 1) keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return { addr, ports, ready, key: keyed.map((x) => x.k).join('\u0001'), sortedPorts: keyed.map((x) => x.p), id: `${addr.ip}/${addr.targetRef?.uid ?? ''}` };
}

/** Whether two entry lists show the same in an Endpoints object. */
function sameEntries(a: Entry[], b: Entry[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i] as Entry;
    return x.key === y.key && x.ready === y.ready && x.id === y.id && deepEqual(x.addr, y.addr) && deepEqual(x.sortedPorts, y.sortedPorts);
  });
}

/**
 * One Service's endpoint entries, kept per pod between syncs.
 * SIM: upstream lists the service's pods and repacks every address on each
 * sync (O(pods log pods) per pod event); the playground keeps the repacked
 * subsets (RepackSubsets + SortSubsets) as sorted lists, updated for the pods
 * written since the last sync, which gives the same object.
 */
class ServiceEntries {
  /** Each pod's entries, by pod name. */
  private byPod = new Map<string, Entry[]>();
  /** Per port-set key, the entries of ready and not-ready addresses, each sorted as SortSubsets sorts them. */
  private groups = new Map<string, { ready: Entry[]; notReady: Entry[] }>();
  /**
   * Pods of the namespace written since the last sync, with the object each was then
   * (undefined: none); their entries are worked out again at the next sync.
   */
  readonly dirty = new Map<string, Pod | undefined>();
  /** Whether the pods have not been compared with a listing yet (a new Service object). */
  fresh = true;
  /** Whether the entries changed since `written` was stored. */
  changedSinceWrite = true;
  /** The Endpoints object this controller last stored for the service. */
  written: Endpoints | undefined;

  constructor(readonly svc: Service) {}

  /** Fills an empty index with the entries of every pod, sorting each list once. */
  build(entries: Map<string, Entry[]>): void {
    for (const [name, list] of entries) {
      if (list.length === 0) continue;
      this.byPod.set(name, list);
      for (const e of list) this.list(e).push(e);
    }
    for (const g of this.groups.values()) {
      g.ready.sort(byIP);
      g.notReady.sort(byIP);
    }
  }

  /** Replaces a pod's entries (none when it is gone). */
  set(name: string, entries: Entry[]): void {
    const old = this.byPod.get(name) ?? [];
    if (sameEntries(old, entries)) return;
    for (const e of old) {
      const list = this.list(e);
      let i = slot(list, e);
      if (list[i] !== e) i = list.indexOf(e);
      list.splice(i, 1);
      const g = this.groups.get(e.key) as { ready: Entry[]; notReady: Entry[] };
      if (g.ready.length === 0 && g.notReady.length === 0) this.groups.delete(e.key);
    }
    for (const e of entries) {
      const list = this.list(e);
      list.splice(slot(list, e), 0, e);
    }
    if (entries.length) this.byPod.set(name, entries);
    else this.byPod.delete(name);
    this.changedSinceWrite = true;
  }

  private list(e: Entry): Entry[] {
    let g = this.groups.get(e.key);
    if (!g) this.groups.set(e.key, (g = { ready: [], notReady: [] }));
    return e.ready ? g.ready : g.notReady;
  }

  // Behaviour of pkg/api/v1/endpoints/util.go RepackSubsets + SortSubsets (v1.32)
  subsets(): Subset[] {
    const out: Subset[] = [];
    for (const k of [...this.groups.keys()].sort()) {
      const g = this.groups.get(k) as { ready: Entry[]; notReady: Entry[] };
      const s: Subset = {};
      if (g.ready.length) s.addresses = g.ready.map((e) => e.addr);
      if (g.notReady.length) s.notReadyAddresses = g.notReady.map((e) => e.addr);
      const ports = ((g.ready[0] ?? g.notReady[0]) as Entry).sortedPorts;
      if (ports.length) s.ports = ports;
      out.push(s);
    }
    return out;
  }
}

export class EndpointsController {
  private queue: WorkQueue;
  /** Entries per Service ("namespace/name"), for the Service object they were worked out for. */
  private services = new Map<string, ServiceEntries>();

  constructor(
    private api: ApiServer,
    clock: VirtualClock,
  ) {
    this.queue = new WorkQueue(clock, 'endpoints', (k) => this.run(k));
  }

  start(): void {
    this.api.watch((ev) => this.onEvent(ev));
  }

  /** Sizes of the controller's per-service state (tests, soak benchmark). */
  stats(): Record<string, number> {
    let dirty = 0;
    for (const se of this.services.values()) dirty += se.dirty.size;
    return { ...this.queue.stats(), services: this.services.size, dirtyPods: dirty };
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Service') this.queue.add(keyOf(o));
    else if (o.kind === 'Endpoints' && ev.type === 'DELETED' && this.api.get('Service', o.metadata.namespace, o.metadata.name as string)) this.queue.add(keyOf(o));
    else if (o.kind === 'Pod') {
      for (const [k, se] of this.services) {
        if (!k.startsWith(`${o.metadata.namespace ?? 'default'}/`)) continue;
        const name = o.metadata.name as string;
        if (se.dirty.has(name)) {
          // A pod that came and went since the last sync leaves nothing to work out again.
          if (ev.type === 'DELETED' && se.dirty.get(name) === undefined) se.dirty.delete(name);
          continue;
        }
        se.dirty.set(name, ev.type === 'ADDED' ? undefined : (ev.old as Pod));
      }
      // Behaviour of endpoints_controller.go updatePod: a write that changes nothing an endpoint shows is ignored.
      if (ev.type === 'MODIFIED' && ev.old && !podEndpointChanged(ev.old as Pod, o as Pod)) return;
      // A pod without an IP is in no Endpoints, so its arrival or departure changes none.
      if (ev.type !== 'MODIFIED' && !(o as Pod).status?.podIP) return;
      // Behaviour of endpoints_controller.go updatePod / getPodServiceMemberships: services of the old and the new labels.
      const pods = [o as Pod, ...(ev.old ? [ev.old as Pod] : [])];
      for (const svc of this.api.list<Service>('Service', o.metadata.namespace)) if (pods.some((p) => selects(svc, p))) this.queue.add(keyOf(svc));
    }
  }

  /** One sync; any failure is retried with back-off, and one that is not an API error is reported as a fault on the Service. */
  private run(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    try {
      if (guarded(this.api.clock, ENDPOINTS_CONTROLLER, () => this.api.get<Service>('Service', ns, name), () => this.sync(key))) this.queue.forget(key);
      else this.queue.addRateLimited(key);
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
      this.services.delete(key);
      if (cur) api.as(ENDPOINTS_CONTROLLER, () => api.delete('Endpoints', ns, name));
      return;
    }
    if (!svc.spec.selector) {
      this.services.delete(key);
      return;
    }
    const headless = svc.spec.clusterIP === 'None';
    const publish = svc.spec.publishNotReadyAddresses === true;
    let se = this.services.get(key);
    // Whether a listing of the pods now gives other objects than at the last sync of this Service object.
    let listed = false;
    if (!se || se.svc !== svc) {
      se = new ServiceEntries(svc);
      this.services.set(key, se);
      se.build(new Map(api.list<Pod>('Pod', ns).map((pod) => [pod.metadata.name as string, this.podEntries(svc, pod, ns, name, headless, publish)])));
    } else {
      for (const [podName, then] of se.dirty) {
        const pod = api.get<Pod>('Pod', ns, podName);
        if (pod === then) continue;
        listed = true;
        se.set(podName, pod ? this.podEntries(svc, pod, ns, name, headless, publish) : []);
      }
    }
    se.dirty.clear();
    // Nothing an endpoint shows can have changed: the pods are the objects they were at the last sync.
    const same = !!cur && !se.fresh && !listed;
    se.fresh = false;
    if (same) return;
    // What this controller stored last still stands and the entries are as they were then.
    if (cur && cur === se.written && !se.changedSinceWrite) return;
    this.write(se, svc, cur, headless, ns, name);
  }

  /** The endpoint entries of one pod for one Service. */
  private podEntries(svc: Service, pod: Pod, ns: string, name: string, headless: boolean, publish: boolean): Entry[] {
    const entries: Entry[] = [];
    if (!selects(svc, pod) || !pod.status?.podIP) return entries;
    // Behaviour of pkg/controller/util/endpoint ShouldPodBeInEndpoints (v1.32)
    if (pod.metadata.deletionTimestamp && !publish) return entries;
    const phase = pod.status.phase;
    if (phase === 'Succeeded' || (phase === 'Failed' && pod.spec.restartPolicy === 'Never')) return entries;
    const addr: EndpointAddress = { ip: pod.status.podIP };
    if (pod.spec.hostname && pod.spec.subdomain === name) addr.hostname = pod.spec.hostname;
    if (pod.spec.nodeName) addr.nodeName = pod.spec.nodeName;
    addr.targetRef = { kind: 'Pod', namespace: ns, name: pod.metadata.name as string, uid: pod.metadata.uid as string };
    const ready = publish || pod.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const ports = svc.spec.ports ?? [];
    if (ports.length === 0) {
      if (headless) entries.push(entry(addr, [], ready));
      return entries;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      entries.push(entry(addr, [ep], ready));
    }
    return entries;
  }

  private write(se: ServiceEntries, svc: Service, cur: Endpoints | undefined, headless: boolean, ns: string, name: string): void {
    const api = this.api;
    const subsets = se.subsets();
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
    se.written = api.as(ENDPOINTS_CONTROLLER, () => (cur ? api.update(next, { adopt: true }) : api.create(next)));
    se.changedSinceWrite = false;
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
