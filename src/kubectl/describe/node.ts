import { parseQuantity, quantityString, type Quantity } from '../../engine/api/quantity';
import type { KEvent, Node, Pod } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { nodeRoles } from '../tables';
import { describeEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, rfc1123z, timestampSince } from './format';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The node's coordination.k8s.io Lease, as far as `describe node` shows it. */
export interface NodeLease {
  holderIdentity?: string;
  acquireTime?: string;
  renewTime?: string;
}

const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

function q(x: unknown): Quantity {
  if (x === undefined || x === null) return ZERO;
  try {
    return parseQuantity(x as string);
  } catch {
    return ZERO;
  }
}

/** resource.Quantity.Add: the sum keeps the receiver's format (a zero receiver takes the addend's). */
function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n && a === ZERO ? b.format : a.format };
}

function max(a: Quantity, b: Quantity): Quantity {
  return b.nanos > a.nanos ? b : a;
}

/**
 * resourcehelper.PodRequestsAndLimits: the sum over containers, raised to any
 * larger init container value, plus pod overhead.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/util/resource/resource.go PodRequestsAndLimits (v1.32)
function podRequestsAndLimits(pod: Pod): { reqs: Map<string, Quantity>; limits: Map<string, Quantity> } {
  const reqs = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  const listOf = (c: { resources?: Rec }, kind: string): Rec => {
    const r = isRec(c.resources) ? c.resources : {};
    return isRec(r[kind]) ? (r[kind] as Rec) : {};
  };
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(listOf(c, 'requests'))) reqs.set(k, add(reqs.get(k) ?? ZERO, q(v)));
    for (const [k, v] of Object.entries(listOf(c, 'limits'))) limits.set(k, add(limits.get(k) ?? ZERO, q(v)));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(listOf(c, 'requests'))) reqs.set(k, max(reqs.get(k) ?? ZERO, q(v)));
    for (const [k, v] of Object.entries(listOf(c, 'limits'))) limits.set(k, max(limits.get(k) ?? ZERO, q(v)));
  }
  const overhead = pod.spec?.['overhead'];
  if (isRec(overhead)) {
    for (const [k, v] of Object.entries(overhead)) {
      if (reqs.has(k)) reqs.set(k, add(reqs.get(k) ?? ZERO, q(v)));
      if (limits.has(k)) limits.set(k, add(limits.get(k) ?? ZERO, q(v)));
    }
  }
  return { reqs, limits };
}

const milli = (x: Quantity) => Math.ceil(Number(x.nanos) / 1e6);
const value = (x: Quantity) => Math.ceil(Number(x.nanos) / 1e9);
/** Go's int64(float64) of a percentage: truncation toward zero. */
/**
 * Go's `int64(float64(a) / float64(b) * 100)`. A node without allocatable cpu or
 * memory divides by zero: NaN or ±Inf, which amd64 converts to the minimum int64.
 */
const pct = (a: number, b: number): string => {
  const f = (a / b) * 100;
  return Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63) ? '-9223372036854775808' : String(Math.trunc(f));
};

function isHugePage(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isStandardContainerResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isHugePage(name);
}

// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNodeResource (v1.32)
function describeNodeResource(pods: readonly Pod[], node: Node, w: PrefixWriter, now: SimTime): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const capacity = node.status?.capacity ?? {};
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length > 0 ? (node.status?.allocatable ?? {}) : capacity;
  const allocCpu = q(allocatable['cpu']);
  const allocMem = q(allocatable['memory']);
  const allocEph = q(allocatable['ephemeral-storage']);
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cpuReq = reqs.get('cpu') ?? ZERO;
    const cpuLim = limits.get('cpu') ?? ZERO;
    const memReq = reqs.get('memory') ?? ZERO;
    const memLim = limits.get('memory') ?? ZERO;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${quantityString(cpuReq)} (${pct(milli(cpuReq), milli(allocCpu))}%)\t${quantityString(cpuLim)} (${pct(milli(cpuLim), milli(allocCpu))}%)\t` +
        `${quantityString(memReq)} (${pct(value(memReq), value(allocMem))}%)\t${quantityString(memLim)} (${pct(value(memLim), value(allocMem))}%)\t${timestampSince(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    for (const [k, v] of r.reqs) reqs.set(k, reqs.has(k) ? add(reqs.get(k) as Quantity, v) : v);
    for (const [k, v] of r.limits) limits.set(k, limits.has(k) ? add(limits.get(k) as Quantity, v) : v);
  }
  const line = (name: string, alloc: Quantity, unit: (x: Quantity) => number) => {
    const rq = reqs.get(name) ?? ZERO;
    const lm = limits.get(name) ?? ZERO;
    const a = unit(alloc);
    const fr = a !== 0 ? pct(unit(rq), a) : '0';
    const fl = a !== 0 ? pct(unit(lm), a) : '0';
    w.write(LEVEL_1, `${name}\t${quantityString(rq)} (${fr}%)\t${quantityString(lm)} (${fl}%)\n`);
  };
  line('cpu', allocCpu, milli);
  line('memory', allocMem, value);
  line('ephemeral-storage', allocEph, value);
  const names = Object.keys(allocatable);
  const huge = names.filter(isHugePage).sort(byName);
  const ext = names.filter((n) => !isHugePage(n) && !isStandardContainerResource(n) && n !== 'pods').sort(byName);
  for (const h of huge) line(h, q(allocatable[h]), value);
  for (const e of ext) w.write(LEVEL_1, `${e}\t${quantityString(reqs.get(e) ?? ZERO)}\t${quantityString(limits.get(e) ?? ZERO)}\n`);
}

/**
 * `kubectl describe node`. `pods` are the node's non-terminated pods (all
 * namespaces); `lease` is its kube-node-lease Lease.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNode (v1.32)
export function describeNode(node: Node, pods: readonly Pod[], lease: NodeLease | undefined, events: readonly KEvent[] | undefined, now: SimTime): string {
  const spec = (node.spec ?? {}) as Rec;
  const status = node.status ?? { addresses: [], conditions: [] };
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Roles:\t${nodeRoles(node.metadata.labels)}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
    const taints = (Array.isArray(spec['taints']) ? [...(spec['taints'] as Rec[])] : []).sort((a, b) =>
      byName(`${str(a['effect'])},${str(a['key'])}`, `${str(b['effect'])},${str(b['key'])}`),
    );
    w.write(LEVEL_0, 'Taints:\t');
    if (taints.length === 0) w.writeLine('<none>');
    taints.forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      const val = str(t['value']);
      w.write(LEVEL_0, `${val === '' ? `${str(t['key'])}:${str(t['effect'])}` : `${str(t['key'])}=${val}:${str(t['effect'])}`}\n`);
    });
    w.write(LEVEL_0, `Unschedulable:\t${spec['unschedulable'] === true}\n`);
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease?.acquireTime ? rfc1123z(lease.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease?.renewTime ? rfc1123z(lease.renewTime) : '<unset>'}\n`);
    const conditions = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        const hb = (c as unknown as Rec)['lastHeartbeatTime'];
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${rfc1123z(typeof hb === 'string' ? hb : undefined)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printList = (list: Record<string, string>) => {
      for (const k of Object.keys(list).sort(byName)) w.write(LEVEL_0, `  ${k}:\t${quantityString(q(list[k]))}\n`);
    };
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printList(status.capacity ?? {});
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printList(status.allocatable ?? {});
    }
    const info = status.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info['machineID'] ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info['systemUUID'] ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info['bootID'] ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info['kernelVersion'] ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info['osImage'] ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info['operatingSystem'] ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info['architecture'] ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info['containerRuntimeVersion'] ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info['kubeletVersion'] ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info['kubeProxyVersion'] ?? ''}\n`);
    if (str(spec['podCIDR']) !== '') w.write(LEVEL_0, `PodCIDR:\t${str(spec['podCIDR'])}\n`);
    const cidrs = Array.isArray(spec['podCIDRs']) ? (spec['podCIDRs'] as unknown[]).map(String) : [];
    if (cidrs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${cidrs.join(',')}\n`);
    if (str(spec['providerID']) !== '') w.write(LEVEL_0, `ProviderID:\t${str(spec['providerID'])}\n`);
    describeNodeResource(pods, node, w, now);
    if (events) describeEvents(events, w, now);
  });
}
