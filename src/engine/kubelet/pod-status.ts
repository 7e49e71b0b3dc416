/**
 * What the kubelet knows about a pod's containers, and the PodStatus it
 * reports from that: container statuses, the five conditions in the order a
 * v1.32 kubelet writes them, and the phase.
 */
import { deepEqual } from '../../lib/clone';
import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from '../api/types';
import { timestamp } from '../clock/clock';
import { imageID, normalizeImage } from './images';

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

/** One container of a pod as the runtime sees it. */
export interface ContainerRun {
  name: string;
  spec: Container;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  /** Waiting reason (undefined: being created, the kubelet's default reason) or terminated reason. */
  reason?: string;
  message?: string;
  exitCode?: number;
  startedAt?: number;
  finishedAt?: number;
  containerID?: string;
  /** The ID of the container's first run (later runs derive theirs; see Kubelet containerID). */
  firstContainerID?: string;
  /** The image has been pulled or found for this container (status shows the runtime's image name). */
  created: boolean;
  last?: Terminated;
  restartCount: number;
  ready: boolean;
  /** Image pull back-off in ms (0 = none yet) and the time of the last failed pull. */
  pullBackoffMs: number;
  /** Container restart back-off in ms (0 = the next restart is immediate). */
  crashBackoffMs: number;
}

export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  hostIP: string;
  podIP?: string;
  startTime?: number;
  sandboxReady: boolean;
  containers: ContainerRun[];
  /** The kubelet has finished with the pod (containers stopped for good). */
  terminal?: PodPhase;
}

function stateOf(c: ContainerRun, defaultWaiting: string): ContainerState {
  if (c.state === 'running') return { running: { startedAt: timestamp(c.startedAt ?? 0) } };
  if (c.state === 'terminated') return { terminated: terminatedOf({ exitCode: c.exitCode ?? 0, reason: c.reason ?? 'Completed', message: c.message, startedAt: c.startedAt ?? 0, finishedAt: c.finishedAt ?? 0, containerID: c.containerID ?? '' }) };
  const waiting: { reason?: string; message?: string } = { reason: c.reason ?? defaultWaiting };
  if (c.message) waiting.message = c.message;
  return { waiting };
}

function terminatedOf(t: Terminated): NonNullable<ContainerState['terminated']> {
  const out: NonNullable<ContainerState['terminated']> = { containerID: t.containerID, exitCode: t.exitCode, finishedAt: timestamp(t.finishedAt), reason: t.reason, startedAt: timestamp(t.startedAt) } as NonNullable<ContainerState['terminated']>;
  if (t.message) out.message = t.message;
  return out;
}

// Behaviour of pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (v1.32)
function containerStatus(c: ContainerRun, defaultWaiting: string): ContainerStatus {
  const image = c.spec.image ?? '';
  const s: ContainerStatus = {
    name: c.name,
    image: c.created ? normalizeImage(image) : image,
    imageID: c.created ? imageID(image) : '',
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.state === 'running',
    state: stateOf(c, defaultWaiting),
    lastState: c.last ? { terminated: terminatedOf(c.last) } : {},
  };
  const id = c.state === 'waiting' ? c.last?.containerID : c.containerID;
  if (id) s.containerID = id;
  return s;
}

const initDone = (c: ContainerRun) => c.state === 'terminated' && c.exitCode === 0;

// Behaviour of pkg/kubelet/kubelet_pods.go getPhase (v1.32)
function phaseOf(pod: Pod, rt: PodRuntime): PodPhase {
  if (rt.terminal) return rt.terminal;
  const policy = pod.spec.restartPolicy ?? 'Always';
  const inits = rt.containers.filter((c) => c.init);
  if (inits.some((c) => !initDone(c))) {
    const failed = inits.some((c) => c.state === 'terminated' && c.exitCode !== 0);
    return failed && policy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of rt.containers.filter((x) => !x.init)) {
    if (c.state === 'running') running++;
    else if (c.state === 'terminated') {
      stopped++;
      if (c.exitCode === 0) succeeded++;
    } else if (c.last) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (policy === 'Always') return 'Running';
  if (stopped === succeeded) return 'Succeeded';
  return policy === 'OnFailure' ? 'Running' : 'Failed';
}

/** Keeps a condition's lastTransitionTime unless its status flips. */
function condition(old: PodStatus | undefined, now: number, type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition {
  const prev = old?.conditions?.find((c) => c.type === type);
  const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : timestamp(now) };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** The status the kubelet would write for `pod` now. */
// Behaviour of pkg/kubelet/kubelet_pods.go generateAPIPodStatus + pkg/kubelet/status/generate.go (v1.32)
export function buildPodStatus(pod: Pod, rt: PodRuntime, now: number): PodStatus {
  const old = pod.status;
  const phase = phaseOf(pod, rt);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const inits = rt.containers.filter((c) => c.init);
  const apps = rt.containers.filter((c) => !c.init);
  const appDefault = inits.length ? 'PodInitializing' : 'ContainerCreating';
  const pendingInit = inits.filter((c) => !initDone(c)).map((c) => c.name);
  const unready = apps.filter((c) => !c.ready).map((c) => c.name);
  const readiness = (type: string): PodCondition => {
    if (terminal) return condition(old, now, type, 'False', 'PodCompleted');
    if (unready.length) return condition(old, now, type, 'False', 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
    return condition(old, now, type, 'True');
  };
  const initialized = pendingInit.length && !terminal ? condition(old, now, 'Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${pendingInit.join(' ')}]`) : condition(old, now, 'Initialized', 'True');
  const status: PodStatus = {
    conditions: [
      condition(old, now, 'PodReadyToStartContainers', rt.sandboxReady && !terminal ? 'True' : 'False'),
      initialized,
      readiness('Ready'),
      readiness('ContainersReady'),
      condition(old, now, 'PodScheduled', 'True'),
    ],
    hostIP: rt.hostIP,
    hostIPs: [{ ip: rt.hostIP }],
    phase,
  };
  if (rt.podIP) {
    status.podIP = rt.podIP;
    status.podIPs = [{ ip: rt.podIP }];
  }
  status.qosClass = old?.qosClass ?? 'BestEffort';
  if (rt.startTime !== undefined) status.startTime = timestamp(rt.startTime);
  if (inits.length) status.initContainerStatuses = inits.map((c) => containerStatus(c, 'PodInitializing'));
  status.containerStatuses = apps.map((c) => containerStatus(c, appDefault));
  return status;
}

/** True when the stored status already says what `next` says. */
export function sameStatus(pod: Pod, next: PodStatus): boolean {
  return deepEqual(pod.status ?? {}, next);
}
