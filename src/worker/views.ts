/**
 * Turns stored objects into the small views the page draws. The page never
 * sees the engine's objects; it sees these, and asks for YAML or describe
 * text when a person opens the inspector.
 */
import type { KEvent, KObject, PersistentVolume, PersistentVolumeClaim, Pod, Service, StatefulSet, StorageClass } from '../engine/api/types';
import { parseTimestamp, type SimTime } from '../engine/clock/clock';
import { podSummary } from '../kubectl/tables';
import type { TimedWhy } from '../engine/sim/cluster';
import type { ClaimView, ClassView, EventView, ObjectView, PodStage, PodView, ServiceView, SetView, ViewKind, VolumeView, WhyView } from '../protocol/protocol';

export const VIEW_KINDS: readonly ViewKind[] = ['StatefulSet', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'Service', 'StorageClass'];

/** Statuses a person has to act on: the pod will not get better by waiting. */
const FAILING = /^(ErrImagePull|ImagePullBackOff|InvalidImageName|CrashLoopBackOff|Error|CreateContainerConfigError|CreateContainerError|RunContainerError|OOMKilled|Init:(ErrImagePull|ImagePullBackOff|CrashLoopBackOff|Error))/;

export function podStage(status: string, ready: string, deleting: boolean): PodStage {
  if (deleting || status === 'Terminating') return 'Terminating';
  if (status === 'Completed') return 'Completed';
  if (FAILING.test(status)) return 'Failed';
  if (status === 'Running') {
    const [a, b] = ready.split('/');
    return a === b ? 'Ready' : 'Running';
  }
  if (status === 'ContainerCreating' || status === 'PodInitializing' || status.startsWith('Init:')) return 'ContainerCreating';
  if (status === 'Pending') return 'Pending';
  return 'Failed';
}

function controllerOf(o: KObject, kind: string): string | null {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);
  return ref ? ref.name : null;
}

function ordinalOf(name: string, owner: string | null): number | null {
  if (!owner || !name.startsWith(`${owner}-`)) return null;
  const rest = name.slice(owner.length + 1);
  return /^\d+$/.test(rest) ? Number(rest) : null;
}

/** A pod the scheduler cannot place counts as failing once it has waited this long (a new claim usually binds within seconds). */
export const UNSCHEDULABLE_GRACE_MS = 10_000;

/** Since when the scheduler has been unable to place the pod, if it is. */
export function unschedulableSince(pod: Pod): SimTime | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False');
  return c ? (c.lastTransitionTime ? parseTimestamp(c.lastTransitionTime) : (0 as SimTime)) : undefined;
}

export function podView(pod: Pod, now: SimTime): PodView {
  const sum = podSummary(pod, now);
  const owner = controllerOf(pod, 'StatefulSet');
  const deleting = pod.metadata.deletionTimestamp !== undefined;
  const stage = podStage(sum.status, sum.ready, deleting);
  const st = pod.status ?? {};
  const unscheduled = st.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const waiting = st.containerStatuses?.find((c) => c.state.waiting?.message)?.state.waiting?.message;
  const message = unscheduled?.message ?? waiting ?? null;
  return {
    kind: 'Pod',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
    owner,
    ordinal: ordinalOf(pod.metadata.name ?? '', owner),
    status: sum.status,
    ready: sum.ready,
    restarts: sum.restarts,
    stage,
    failing: stage === 'Failed' || (unscheduled !== undefined && !deleting && now - (unschedulableSince(pod) ?? now) >= UNSCHEDULABLE_GRACE_MS),
    revision: pod.metadata.labels?.['controller-revision-hash'] ?? '',
    image: pod.spec.containers[0]?.image ?? '',
    node: pod.spec.nodeName ?? null,
    ip: st.podIP ?? null,
    claims: (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : [])),
    message,
    deleting,
  };
}

export interface ClaimOrigin {
  owner: string;
  ordinal: number;
  template: string;
}

/** Finds which set's template made a claim, from the `<template>-<set>-<ordinal>` name. */
export function claimOrigin(name: string, sets: readonly StatefulSet[]): ClaimOrigin | null {
  for (const s of sets) {
    const setName = s.metadata.name ?? '';
    for (const t of s.spec.volumeClaimTemplates ?? []) {
      const prefix = `${t.metadata?.name ?? ''}-${setName}-`;
      if (name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length))) {
        return { owner: setName, ordinal: Number(name.slice(prefix.length)), template: t.metadata?.name ?? '' };
      }
    }
  }
  return null;
}

export function claimView(pvc: PersistentVolumeClaim, origin: ClaimOrigin | null): ClaimView {
  return {
    kind: 'PersistentVolumeClaim',
    name: pvc.metadata.name ?? '',
    phase: pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending'),
    volume: pvc.spec.volumeName || null,
    storageClass: pvc.spec.storageClassName ?? null,
    capacity: pvc.status?.capacity?.storage ?? null,
    request: pvc.spec.resources?.requests?.storage ?? null,
    accessModes: pvc.spec.accessModes ?? [],
    deleting: pvc.metadata.deletionTimestamp !== undefined,
    owner: origin?.owner ?? null,
    ordinal: origin?.ordinal ?? null,
    template: origin?.template ?? null,
  };
}

export function volumeView(pv: PersistentVolume): VolumeView {
  return {
    kind: 'PersistentVolume',
    name: pv.metadata.name ?? '',
    phase: pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? 'Pending'),
    claim: pv.spec.claimRef?.name ?? null,
    storageClass: pv.spec.storageClassName || null,
    capacity: pv.spec.capacity?.storage ?? null,
    reclaimPolicy: pv.spec.persistentVolumeReclaimPolicy ?? 'Retain',
    deleting: pv.metadata.deletionTimestamp !== undefined,
  };
}

export function setView(s: StatefulSet): SetView {
  const spec = s.spec;
  const st = s.status;
  const strategy = spec.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate';
  return {
    kind: 'StatefulSet',
    name: s.metadata.name ?? '',
    replicas: spec.replicas ?? 1,
    partition: spec.updateStrategy?.rollingUpdate?.partition ?? 0,
    strategy,
    podManagementPolicy: spec.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady',
    ordinalsStart: spec.ordinals?.start ?? 0,
    serviceName: spec.serviceName ?? '',
    minReadySeconds: spec.minReadySeconds ?? 0,
    containers: spec.template.spec.containers.map((c) => ({ name: c.name, image: c.image ?? '' })),
    templates: (spec.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? ''),
    retention: { whenDeleted: spec.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain', whenScaled: spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain' },
    generation: s.metadata.generation ?? 0,
    status: {
      observedGeneration: st?.observedGeneration ?? 0,
      replicas: st?.replicas ?? 0,
      readyReplicas: st?.readyReplicas ?? 0,
      currentReplicas: st?.currentReplicas ?? 0,
      updatedReplicas: st?.updatedReplicas ?? 0,
      availableReplicas: st?.availableReplicas ?? 0,
      currentRevision: st?.currentRevision ?? '',
      updateRevision: st?.updateRevision ?? '',
    },
    deleting: s.metadata.deletionTimestamp !== undefined,
  };
}

export function serviceView(svc: Service): ServiceView {
  const spec = svc.spec as { clusterIP?: string; selector?: Record<string, string> };
  return { kind: 'Service', name: svc.metadata.name ?? '', clusterIP: spec.clusterIP ?? '', headless: spec.clusterIP === 'None', selector: spec.selector ?? {} };
}

export function classView(sc: StorageClass): ClassView {
  return {
    kind: 'StorageClass',
    name: sc.metadata.name ?? '',
    provisioner: sc.provisioner,
    isDefault: sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
    bindingMode: sc.volumeBindingMode ?? 'Immediate',
    reclaimPolicy: sc.reclaimPolicy ?? 'Delete',
  };
}

export function eventView(e: KEvent): EventView {
  const at = e.lastTimestamp || e.firstTimestamp || e.metadata.creationTimestamp || '';
  return {
    uid: e.metadata.uid ?? '',
    t: at ? parseTimestamp(at) : 0,
    type: e.type,
    reason: e.reason,
    object: `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
    message: e.message,
    count: e.count ?? 1,
  };
}

/**
 * A change of a set's latest decision as the page gets it: the code always, the words only
 * when the controller holds work back (the canvas marks those on the pod they name).
 */
export function whyView(w: TimedWhy): WhyView {
  const r = w.reason;
  const at = r && 'pod' in r ? { pod: r.pod, ordinal: r.ordinal } : { pod: null, ordinal: null };
  return { t: w.t, set: w.set, code: r?.code ?? null, ...at, message: r?.waiting ? r.message : null };
}

/** The view of any object the canvas draws; undefined for kinds it does not. */
export function viewOf(o: KObject, now: SimTime, sets: () => readonly StatefulSet[], origins: Map<string, ClaimOrigin>): ObjectView | undefined {
  switch (o.kind) {
    case 'Pod':
      return podView(o as Pod, now);
    case 'PersistentVolumeClaim': {
      const name = o.metadata.name ?? '';
      let origin = origins.get(name) ?? null;
      if (!origin) {
        origin = claimOrigin(name, sets());
        if (origin) origins.set(name, origin);
      }
      return claimView(o as PersistentVolumeClaim, origin);
    }
    case 'PersistentVolume':
      return volumeView(o as PersistentVolume);
    case 'StatefulSet':
      return setView(o as StatefulSet);
    case 'Service':
      return serviceView(o as Service);
    case 'StorageClass':
      return classView(o as StorageClass);
    default:
      return undefined;
  }
}
