import type { Container, ContainerStatus, KEvent, OwnerReference, Pod } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { describeContainers, describeResources, podEnvResolver } from './containers';
import { podWithDefaults } from './defaults';
import { describeEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z, timestampSince, type Toleration } from './format';
import { describeTopologySpreadConstraints } from './topology';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);

/** printController: "Kind/name" of the controlling owner reference, "" without one. */
export function controllerOf(meta: { ownerReferences?: OwnerReference[] }): string {
  const ref = (meta.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/**
 * `kubectl describe pod`. `events` is undefined when events are not shown
 * (--show-events=false). `admissionDefaults: false` skips the pod-admission
 * defaults (priority, service account, default tolerations) for pods that
 * never went through admission, as in upstream's unit tests.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describePod (v1.32)
export function describePod(input: Pod, events: readonly KEvent[] | undefined, now: SimTime, opts: { admissionDefaults?: boolean } = {}): string {
  const pod = podWithDefaults(input, opts.admissionDefaults !== false);
  const meta = pod.metadata;
  const spec = pod.spec;
  const status = pod.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (typeof spec['priority'] === 'number') w.write(LEVEL_0, `Priority:\t${spec['priority']}\n`);
    const pcn = spec['priorityClassName'];
    if (typeof pcn === 'string' && pcn.length > 0) w.write(LEVEL_0, `Priority Class Name:\t${pcn}\n`);
    const rcn = spec['runtimeClassName'];
    if (typeof rcn === 'string' && rcn.length > 0) w.write(LEVEL_0, `Runtime Class Name:\t${rcn}\n`);
    const sa = spec['serviceAccountName'];
    if (typeof sa === 'string' && sa.length > 0) w.write(LEVEL_0, `Service Account:\t${sa}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${timestampSince(meta.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const psc = spec.securityContext;
    if (isRec(psc) && isRec(psc['seccompProfile'])) {
      const prof = psc['seccompProfile'];
      w.write(LEVEL_0, `SeccompProfile:\t${String(prof['type'] ?? '')}\n`);
      if (prof['type'] === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${String(prof['localhostProfile'] ?? '')}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    const ips = status.podIPs ?? [];
    if (ips.length === 0) {
      w.write(LEVEL_0, 'IPs:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
    }
    const controlledBy = controllerOf(meta);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (isRec(spec['resources'])) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(spec['resources'], w, LEVEL_1);
    }
    const resolve = podEnvResolver(pod);
    if ((spec.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses ?? [], resolve, w, '');
    }
    describeContainers('Containers', spec.containers, status.containerStatuses ?? [], resolve, w, '');
    const ephemeral = spec['ephemeralContainers'];
    if (Array.isArray(ephemeral) && ephemeral.length > 0) {
      const statuses = (status as Rec)['ephemeralContainerStatuses'];
      describeContainers('Ephemeral Containers', ephemeral as Container[], (Array.isArray(statuses) ? statuses : []) as ContainerStatus[], resolve, w, '');
    }
    const gates = spec['readinessGates'];
    if (Array.isArray(gates) && gates.length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of gates as Rec[]) {
        const cond = (status.conditions ?? []).find((c) => c.type === g['conditionType']);
        w.write(LEVEL_1, `${String(g['conditionType'] ?? '')} \t${cond ? cond.status : '<none>'} \n`);
      }
    }
    if ((status.conditions ?? []).length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions ?? []) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes as Rec[] | undefined, w, '', now);
    w.write(LEVEL_0, `QoS Class:\t${status.qosClass ?? ''}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec['tolerations'] as Toleration[] | undefined);
    describeTopologySpreadConstraints(spec['topologySpreadConstraints'], w, '');
    if (events) describeEvents(events, w, now);
  });
}
