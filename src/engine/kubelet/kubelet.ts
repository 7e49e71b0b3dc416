/**
 * The kubelets of every node, as one object: for each pod bound to a node it
 * waits for the pod's claims to be Bound, gives the pod an IP from the
 * node's pod CIDR, runs its containers (worker.ts), writes the pod status
 * (pod-status.ts), stops the pod gracefully when it is deleted and then
 * removes the object, and runs `kubectl exec` commands (shell.ts).
 * Behaviour of pkg/kubelet/kubelet.go + pod_workers.go + status/status_manager.go (v1.32).
 */
import type { Rng } from '../../lib/rng';
import { ApiError } from '../api/errors';
import type { Node, PersistentVolumeClaim, Pod } from '../api/types';
import type { ApiServer, WatchEvent } from '../apiserver/apiserver';
import type { Cycle, TimerHandle, VirtualClock } from '../clock/clock';
import { podClaimNames } from '../controllers/volume/binder';
import { VolumeDataStore } from '../controllers/volume/data';
import type { EventRecorder } from '../runtime/recorder';
import { imageOutcome, type ClusterConfig } from '../sim/config';
import { ExecEnvironment } from './exec';
import { normalizeImage } from './images';
import { buildPodStatus, sameStatus, type ContainerRun, type PodRuntime } from './pod-status';
import { execArgv, Shell, UnknownCommandError, type ExecResult } from './shell';
import { ExecBudget, ExecStop } from './limits';
import { PodWorker, secondsToMs, type KubeletHost } from './worker';
import { RepeatingWork, type CycleTracker } from '../runtime/cycles';
import { guarded } from '../runtime/faults';
import { stableHex } from '../../lib/hash';

export const KUBELET = 'kubelet';

interface Entry {
  rt: PodRuntime;
  worker: PodWorker;
  timers: Set<TimerHandle>;
  stage: 'volumes' | 'running' | 'terminating';
}

/** An interactive shell in a container (kubectl exec -it … -- sh). */
export interface InteractiveShell {
  /** ash's prompt for root: the working directory and `#`. */
  prompt(): string;
  /** Runs one line; `closed` once the shell has exited or its container stopped. */
  run(line: string): ExecResult & { closed: boolean };
}

export class Kubelet {
  private entries = new Map<string, Entry>();
  private images = new Map<string, Set<string>>();
  private ipCounters = new Map<string, number>();
  private host: KubeletHost;
  private execEnv: ExecEnvironment;
  /** What every `kubectl exec` so far has used, all together (a replay's budget reads it). */
  readonly execWork = { commands: 0, bytes: 0, regexSteps: 0 };

  constructor(
    private api: ApiServer,
    private clock: VirtualClock,
    private rng: Rng,
    private recorder: EventRecorder,
    private config: ClusterConfig,
    volumes: VolumeDataStore = new VolumeDataStore(),
    cycles?: CycleTracker,
  ) {
    this.execEnv = new ExecEnvironment(api, volumes);
    this.host = {
      now: () => this.clock.now(),
      pod: (rt) => this.pod(rt),
      later: (rt, ms, fn, label, cycle) => this.later(rt, ms, fn, label, cycle),
      push: (rt) => this.push(rt),
      event: (rt, c, type, reason, message) => this.event(rt, c, type, reason, message),
      outcome: (image) => imageOutcome(this.config, image),
      imageCached: (node, image) => this.images.get(node)?.has(normalizeImage(image)) ?? false,
      cacheImage: (node, image) => {
        let s = this.images.get(node);
        if (!s) this.images.set(node, (s = new Set()));
        s.add(normalizeImage(image));
      },
      // SIM: a container's first run draws its ID from the cluster's RNG; a restart derives its own from
      // the pod, the container and the restart count, so a fast-forward can name the n-th restart
      // without running the ones before it.
      containerID: (rt, c, run) => {
        if (run === 0) return (c.firstContainerID ??= `containerd://${this.rng.hex(64)}`);
        return `containerd://${stableHex(`container:${rt.uid}:${c.init ? 'init' : 'app'}:${c.name}:${run}`, 64)}`;
      },
      repeating: (label, hooks) => (cycles ? new RepeatingWork(label, cycles, hooks) : undefined),
      timings: config.timings,
    };
  }

  start(): void {
    this.api.watch((ev) => this.onEvent(ev));
  }

  /** Sizes of the kubelets' per-pod and per-node state (tests, soak benchmark). */
  stats(): Record<string, number> {
    let timers = 0;
    for (const e of this.entries.values()) timers += e.timers.size;
    let images = 0;
    for (const s of this.images.values()) images += s.size;
    return { pods: this.entries.size, podTimers: timers, images, ipCounters: this.ipCounters.size, ...this.execEnv.stats() };
  }

  /** Pods the kubelets are running (tests). */
  runningPods(): string[] {
    return [...this.entries.values()].map((e) => `${e.rt.namespace}/${e.rt.name}`);
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'PersistentVolumeClaim' || o.kind === 'PersistentVolume') {
      for (const e of this.entries.values()) if (e.stage === 'volumes') this.clock.after(0, () => this.tryStart(e), `kubelet:volumes:${e.rt.name}`);
      return;
    }
    if (o.kind !== 'Pod') return;
    const pod = o as Pod;
    const uid = pod.metadata.uid as string;
    if (ev.type === 'DELETED') return this.forget(uid);
    const node = pod.spec.nodeName;
    if (!node || !this.api.get<Node>('Node', undefined, node)) return;
    const e = this.entries.get(uid);
    if (!e) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      const entry = this.admit(pod, node);
      this.clock.after(0, () => (pod.metadata.deletionTimestamp ? this.terminate(entry) : this.tryStart(entry)), `kubelet:sync:${pod.metadata.name}`);
    } else if (pod.metadata.deletionTimestamp && e.stage !== 'terminating') {
      this.clock.after(0, () => this.terminate(e), `kubelet:kill:${pod.metadata.name}`);
    }
  }

  private admit(pod: Pod, node: string): Entry {
    const n = this.api.get<Node>('Node', undefined, node);
    const hostIP = n?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    const run = (spec: Pod['spec']['containers'][number], init: boolean): ContainerRun => ({ name: spec.name, spec, init, state: 'waiting', created: false, restartCount: 0, ready: false, pullBackoffMs: 0, crashBackoffMs: 0 });
    const rt: PodRuntime = {
      uid: pod.metadata.uid as string,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name as string,
      node,
      hostIP,
      sandboxReady: false,
      containers: [...(pod.spec.initContainers ?? []).map((c) => run(c, true)), ...pod.spec.containers.map((c) => run(c, false))],
    };
    const entry: Entry = { rt, worker: new PodWorker(rt, this.host), timers: new Set(), stage: 'volumes' };
    this.entries.set(rt.uid, entry);
    return entry;
  }

  private pod(rt: PodRuntime): Pod | undefined {
    const p = this.api.get<Pod>('Pod', rt.namespace, rt.name);
    return p && p.metadata.uid === rt.uid ? p : undefined;
  }

  /** The volume manager: every claim exists, is not being deleted, and is Bound to an existing PV. */
  // Behaviour of pkg/kubelet/volumemanager/volume_manager.go WaitForAttachAndMount (v1.32)
  private volumesReady(pod: Pod): boolean {
    return podClaimNames(pod).every((name) => {
      const c = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', pod.metadata.namespace, name);
      return !!c && !c.metadata.deletionTimestamp && c.status?.phase === 'Bound' && !!c.spec.volumeName && !!this.api.get('PersistentVolume', undefined, c.spec.volumeName);
    });
  }

  private tryStart(e: Entry): void {
    if (this.entries.get(e.rt.uid) !== e || e.stage !== 'volumes') return;
    const pod = this.pod(e.rt);
    if (!pod || pod.metadata.deletionTimestamp) return;
    e.rt.startTime ??= this.clock.now();
    if (!this.volumesReady(pod)) {
      this.push(e.rt);
      return;
    }
    e.stage = 'running';
    e.rt.sandboxReady = true;
    e.rt.podIP = this.allocateIP(e.rt.node);
    this.push(e.rt);
    e.worker.begin();
  }

  /** 10.244.<node>.<n> from the node's pod CIDR, n counting up per node from 2 and skipping addresses in use. */
  private allocateIP(node: string): string {
    const n = this.api.get<Node>('Node', undefined, node);
    const cidr = n?.spec.podCIDR?.replace(/\.0\/\d+$/, '');
    const index = this.api.list<Node>('Node').findIndex((x) => x.metadata.name === node);
    const prefix = cidr ?? `10.244.${index + 1}`;
    const used = new Set([...this.entries.values()].filter((x) => x.rt.node === node).map((x) => x.rt.podIP));
    let next = this.ipCounters.get(node) ?? 1;
    for (let tries = 0; tries < 253; tries++) {
      next = next >= 254 ? 2 : next + 1;
      if (!used.has(`${prefix}.${next}`)) break;
    }
    this.ipCounters.set(node, next);
    return `${prefix}.${next}`;
  }

  private later(rt: PodRuntime, ms: number, fn: () => void, label: string, cycle?: Cycle): void {
    const e = this.entries.get(rt.uid);
    if (!e) return;
    const handle = this.clock.after(
      ms,
      () => {
        e.timers.delete(handle);
        // A failure that is not the API server's answer is a fault of the simulator: reported on the pod.
        if (this.entries.get(rt.uid) === e && this.pod(rt)) guarded(this.clock, KUBELET, () => this.pod(rt), fn);
      },
      `kubelet:${rt.namespace}/${rt.name}:${label}`,
      { cycle },
    );
    e.timers.add(handle);
  }

  // Behaviour of pkg/kubelet/status/status_manager.go syncPod: only changed statuses are written.
  private push(rt: PodRuntime): void {
    const pod = this.pod(rt);
    if (!pod) return;
    const status = buildPodStatus(pod, rt, this.clock.now());
    if (sameStatus(pod, status)) return;
    this.api.as(KUBELET, () => this.api.updateStatus({ ...pod, status }));
  }

  private event(rt: PodRuntime, c: ContainerRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.pod(rt);
    if (!pod) return;
    const fieldPath = c ? `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}` : undefined;
    this.recorder.record(pod, type, reason, message, { component: KUBELET, host: rt.node }, fieldPath);
  }

  /**
   * Graceful stop: `Killing` for each running container, then after the
   * termination time (capped by the grace period) the containers exit 0,
   * the pod turns Succeeded, and the kubelet deletes the object. A pod with
   * nothing running is deleted at once.
   */
  // Behaviour of pkg/kubelet/pod_workers.go + kuberuntime_container.go killContainer + status_manager.go canBeDeleted (v1.32)
  private terminate(e: Entry): void {
    if (this.entries.get(e.rt.uid) !== e || e.stage === 'terminating') return;
    const pod = this.pod(e.rt);
    if (!pod) return this.forget(e.rt.uid);
    e.stage = 'terminating';
    for (const t of e.timers) t.cancel();
    e.timers.clear();
    const running = e.rt.containers.filter((c) => c.state === 'running');
    if (running.length === 0) return this.deletePod(e);
    for (const c of running) this.event(e.rt, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    this.later(e.rt, secondsToMs(Math.min(this.config.timings.termination, grace)), () => this.finish(e), 'stopped');
  }

  private finish(e: Entry): void {
    const now = this.clock.now();
    for (const c of e.rt.containers) {
      if (c.state !== 'running') continue;
      Object.assign(c, { state: 'terminated', exitCode: 0, reason: 'Completed', finishedAt: now, ready: false });
    }
    const apps = e.rt.containers.filter((c) => !c.init);
    e.rt.terminal = apps.every((c) => c.state === 'terminated' && c.exitCode === 0) ? 'Succeeded' : 'Failed';
    e.rt.sandboxReady = false;
    this.push(e.rt);
    this.deletePod(e);
  }

  private deletePod(e: Entry): void {
    try {
      this.api.as(KUBELET, () => this.api.delete('Pod', e.rt.namespace, e.rt.name, { gracePeriodSeconds: 0, uid: e.rt.uid }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      this.forget(e.rt.uid);
    }
  }

  private forget(uid: string): void {
    const e = this.entries.get(uid);
    if (!e) return;
    for (const t of e.timers) t.cancel();
    this.entries.delete(uid);
    this.execEnv.forgetPod(e.rt);
  }

  /** The running container an exec reaches, or kubectl's message for why there is none. */
  private runningContainer(namespace: string, podName: string, container: string | undefined) {
    const pod = this.api.get<Pod>('Pod', namespace, podName);
    if (!pod) throw new Error(`pods "${podName}" not found`);
    if (!pod.spec.nodeName) throw new Error(`pod ${podName} does not have a host assigned`);
    const name = container ?? pod.spec.containers[0]?.name ?? '';
    const e = this.entries.get(pod.metadata.uid as string);
    const c = e?.rt.containers.find((x) => x.name === name);
    if (!e || !c || c.state !== 'running') throw new Error(`unable to upgrade connection: container not found ("${name}")`);
    return { pod, e, c, name };
  }

  /**
   * `kubectl exec -it POD -- sh`: a shell that keeps its working directory
   * and variables from one line to the next, until `exit` or until the
   * container it runs in stops. Each line is one exec's worth of work (its
   * own budget). Throws with kubectl's message when the pod cannot run it.
   */
  openShell(namespace: string, podName: string, container: string | undefined): InteractiveShell {
    const { pod, e, c, name } = this.runningContainer(namespace, podName, container);
    const ctx = this.execEnv.context(pod, e.rt, c, () => this.clock.now());
    const shell = new Shell(ctx);
    const containerID = c.containerID;
    const uid = pod.metadata.uid as string;
    let closed = false;
    return {
      prompt: () => `${shell.cwd} # `,
      run: (line: string) => {
        if (closed) return { stdout: '', stderr: '', exitCode: 0, closed: true };
        // The session ends with its container: kubectl reports the shell killed.
        const now = this.entries.get(uid)?.rt.containers.find((x) => x.name === name);
        if (!now || now.state !== 'running' || now.containerID !== containerID) {
          closed = true;
          return { stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137, closed: true };
        }
        ctx.budget = new ExecBudget();
        let res: ExecResult;
        try {
          const r = shell.run(line);
          res = { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
        } catch (err) {
          if (!(err instanceof ExecStop)) throw err;
          res = { stdout: err.stdout, stderr: err.stderr + err.message, exitCode: err.exitCode };
        } finally {
          this.execWork.commands += ctx.budget.commands;
          this.execWork.bytes += ctx.budget.bytes;
          this.execWork.regexSteps += ctx.budget.regexSteps;
        }
        if (shell.exited) {
          closed = true;
          // `exit N` leaves the session; kubectl reports a non-zero status as it does for any exec.
          const tail = shell.status !== 0 ? `command terminated with exit code ${shell.status}\n` : '';
          return { ...res, stderr: res.stderr + tail, exitCode: shell.status, closed: true };
        }
        return { ...res, closed: false };
      },
    };
  }

  /** `kubectl exec`: runs argv in a running container. Throws with the message kubectl would print. */
  exec(namespace: string, podName: string, container: string | undefined, argv: string[]): ExecResult {
    const { pod, e, c } = this.runningContainer(namespace, podName, container);
    const ctx = this.execEnv.context(pod, e.rt, c, () => this.clock.now());
    try {
      return execArgv(ctx, argv);
    } catch (err) {
      if (!(err instanceof UnknownCommandError)) throw err;
      throw new Error(
        `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${this.rng.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${err.command}": executable file not found in $PATH: unknown`,
      );
    } finally {
      this.execWork.commands += ctx.budget.commands;
      this.execWork.bytes += ctx.budget.bytes;
      this.execWork.regexSteps += ctx.budget.regexSteps;
    }
  }
}
