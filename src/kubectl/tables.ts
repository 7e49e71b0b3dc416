/**
 * The table columns `kubectl get` shows for each kind, computed as the API
 * server's table printers compute them.
 * Behaviour of pkg/printers/internalversion/printers.go (v1.32).
 */
import { compareBytes } from '../lib/order';
import { formatQuantity } from '../engine/api/quantity';
import type {
  ControllerRevision,
  Endpoints,
  KEvent,
  KObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Service,
  StatefulSet,
  StorageClass,
} from '../engine/api/types';
import { parseTimestamp, type SimTime } from '../engine/clock/clock';
import { humanDuration } from './printers/age';

export interface TableDef {
  headers: string[];
  wide: string[];
  /** Cells after NAME (the name cell is added by the caller, possibly with a kind prefix). */
  cells(obj: KObject, now: SimTime, wide: boolean): string[];
}

/** AGE of a timestamp as kubectl prints it. */
export function age(ts: string | undefined, now: SimTime): string {
  if (!ts) return '<unknown>';
  return humanDuration(now - parseTimestamp(ts));
}

const ACCESS_ORDER: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** Behaviour of GetAccessModesAsString: fixed order, de-duplicated. */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_ORDER.filter(([m]) => set.has(m))
    .map(([, s]) => s)
    .join(',');
}

/** Pod READY, STATUS, RESTARTS. Behaviour of printPod. */
export function podSummary(pod: Pod, now: SimTime): { ready: string; status: string; restarts: string } {
  const spec = pod.spec;
  const st = pod.status ?? {};
  const restartableInit = new Set((spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = spec.containers.length + restartableInit.size;
  let ready = 0;
  let restarts = 0;
  let lastRestart = '';
  let reason: string = st.reason || st.phase || '';
  const scheduled = st.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let initializing = false;
  const inits = st.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (!c) continue;
    restarts += c.restartCount;
    const fin = c.lastState.terminated?.finishedAt;
    if (fin && fin > lastRestart) lastRestart = fin;
    if (restartableInit.has(c.name)) {
      if (c.started) ready += c.ready ? 1 : 0;
      continue;
    }
    const term = c.state.terminated;
    if (term && term.exitCode === 0) continue;
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }
  const initialized = st.conditions?.find((c) => c.type === 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    let hasRunning = false;
    const cs = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (!c) continue;
      restarts += c.restartCount;
      const fin = c.lastState.terminated?.finishedAt;
      if (fin && fin > lastRestart) lastRestart = fin;
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  const terminal = st.phase === 'Succeeded' || st.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';
  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart) restartsText = `${restarts} (${age(lastRestart, now)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}

const none = (s: string | undefined) => (s ? s : '<none>');

function servicePorts(svc: Service): string {
  const ports = svc.spec.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function selectorText(sel: Record<string, string> | undefined): string {
  const keys = Object.keys(sel ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${sel?.[k]}`).join(',') : '<none>';
}

/** Behaviour of formatEndpoints: up to three ip:port pairs, then "+ N more...". */
function endpointsText(ep: Endpoints): string {
  const all: string[] = [];
  for (const s of ep.subsets ?? []) {
    for (const a of s.addresses ?? []) {
      if (!s.ports?.length) all.push(a.ip);
      else for (const p of s.ports) all.push(`${a.ip}:${p.port}`);
    }
  }
  if (!all.length) return '<none>';
  const shown = all.slice(0, 3).join(',');
  return all.length > 3 ? `${shown} + ${all.length - 3} more...` : shown;
}

function quantity(q: string | undefined): string {
  return q === undefined ? '' : formatQuantity(q);
}

export const TABLES: Record<string, TableDef> = {
  Pod: {
    headers: ['READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    cells(o, now, wide) {
      const pod = o as Pod;
      const s = podSummary(pod, now);
      const cells = [s.ready, s.status, s.restarts, age(pod.metadata.creationTimestamp, now)];
      if (wide) cells.push(none(pod.status?.podIP), none(pod.spec.nodeName), none(pod.status?.nominatedNodeName), '<none>');
      return cells;
    },
  },
  StatefulSet: {
    headers: ['READY', 'AGE'],
    wide: ['CONTAINERS', 'IMAGES'],
    cells(o, now, wide) {
      const set = o as StatefulSet;
      const cells = [`${set.status?.readyReplicas ?? 0}/${set.spec.replicas ?? 1}`, age(set.metadata.creationTimestamp, now)];
      if (wide) {
        const cs = set.spec.template.spec.containers ?? [];
        cells.push(cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(','));
      }
      return cells;
    },
  },
  Service: {
    headers: ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    cells(o, now, wide) {
      const svc = o as Service;
      const type = svc.spec.type ?? 'ClusterIP';
      const external = (svc.spec['externalIPs'] as string[] | undefined)?.join(',') || (type === 'LoadBalancer' ? '<pending>' : '<none>');
      const cells = [type, svc.spec.clusterIP ?? '', external, servicePorts(svc), age(svc.metadata.creationTimestamp, now)];
      if (wide) cells.push(selectorText(svc.spec.selector));
      return cells;
    },
  },
  Endpoints: {
    headers: ['ENDPOINTS', 'AGE'],
    wide: [],
    cells: (o, now) => [endpointsText(o as Endpoints), age(o.metadata.creationTimestamp, now)],
  },
  PersistentVolumeClaim: {
    headers: ['STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    wide: ['VOLUMEMODE'],
    cells(o, now, wide) {
      const pvc = o as PersistentVolumeClaim;
      const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? '');
      const bound = !!pvc.spec.volumeName;
      const cells = [
        phase,
        pvc.spec.volumeName ?? '',
        bound ? quantity(pvc.status?.capacity?.storage) : '',
        bound ? accessModes(pvc.status?.accessModes) : '',
        pvc.spec.storageClassName ?? '',
        '<unset>',
        age(pvc.metadata.creationTimestamp, now),
      ];
      if (wide) cells.push(pvc.spec.volumeMode ?? '<unset>');
      return cells;
    },
  },
  PersistentVolume: {
    headers: ['CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
    wide: ['VOLUMEMODE'],
    cells(o, now, wide) {
      const pv = o as PersistentVolume;
      const ref = pv.spec.claimRef;
      const cells = [
        quantity(pv.spec.capacity?.storage),
        accessModes(pv.spec.accessModes),
        pv.spec.persistentVolumeReclaimPolicy ?? '',
        pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
        ref ? `${ref.namespace}/${ref.name}` : '',
        pv.spec.storageClassName ?? '',
        '<unset>',
        pv.status?.reason ?? '',
        age(pv.metadata.creationTimestamp, now),
      ];
      if (wide) cells.push(pv.spec.volumeMode ?? '<unset>');
      return cells;
    },
  },
  StorageClass: {
    headers: ['PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
    wide: [],
    cells(o, now) {
      const sc = o as StorageClass;
      return [sc.provisioner, sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate', String(sc.allowVolumeExpansion ?? false), age(sc.metadata.creationTimestamp, now)];
    },
  },
  ControllerRevision: {
    headers: ['CONTROLLER', 'REVISION', 'AGE'],
    wide: [],
    cells(o, now) {
      const cr = o as ControllerRevision;
      const ref = (cr.metadata.ownerReferences ?? []).find((r) => r?.controller);
      const apiVersion = ref?.apiVersion ?? '';
      const group = apiVersion.includes('/') ? `.${apiVersion.split('/')[0]}` : '';
      const controller = ref ? `${(ref.kind ?? '').toLowerCase()}${group}/${ref.name ?? ''}` : '<none>';
      return [controller, String(cr.revision ?? 0), age(cr.metadata.creationTimestamp, now)];
    },
  },
  Node: {
    headers: ['STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    cells(o, now, wide) {
      const n = o as Node;
      // Behaviour of printers.go printNode: Ready / NotReady from the Ready condition, Unknown without one.
      const ready = (n.status?.conditions ?? []).find((c) => c?.type === 'Ready');
      const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
      if ((n.spec as { unschedulable?: boolean } | undefined)?.unschedulable) status.push('SchedulingDisabled');
      const cells = [status.join(','), nodeRoles(n.metadata.labels), age(n.metadata.creationTimestamp, now), n.status?.nodeInfo?.['kubeletVersion'] ?? ''];
      if (wide) {
        const ip = (t: string) => (n.status?.addresses ?? []).find((a) => a?.type === t)?.address ?? '<none>';
        const info = n.status?.nodeInfo ?? {};
        const known = (v: string | undefined) => v || '<unknown>';
        cells.push(ip('InternalIP'), ip('ExternalIP'), known(info['osImage']), known(info['kernelVersion']), known(info['containerRuntimeVersion']));
      }
      return cells;
    },
  },
  Namespace: {
    headers: ['STATUS', 'AGE'],
    wide: [],
    cells: (o, now) => [o.metadata.deletionTimestamp ? 'Terminating' : ((o['status'] as { phase?: string } | undefined)?.phase ?? 'Active'), age(o.metadata.creationTimestamp, now)],
  },
  Event: {
    headers: ['TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    wide: [],
    cells(o) {
      const e = o as KEvent;
      const kind = (e.involvedObject?.kind ?? '').toLowerCase();
      const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
      return [e.type ?? '', e.reason ?? '', target, (e.message ?? '').trim()];
    },
  },
};

/**
 * A node's ROLES: the suffixes of `node-role.kubernetes.io/<role>` labels and
 * the value of `kubernetes.io/role`, sorted, or `<none>`.
 */
// Behaviour of pkg/printers/internalversion/printers.go findNodeRoles (v1.32)
export function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort(compareBytes).join(',') : '<none>';
}

/** Events print LAST SEEN first, in place of NAME. */
export function eventLastSeen(e: KEvent, now: SimTime): string {
  return age(e.lastTimestamp || e.firstTimestamp, now);
}
