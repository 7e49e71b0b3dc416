/**
 * One pod's life on its node: pull, create and start each container (init
 * containers one by one first), image-pull and crash-loop back-off,
 * readiness, and graceful termination. Every step is a timer on the virtual
 * clock owned by this worker, so a pod that goes away takes its timers with it.
 */
import { formatGoDuration } from '../../lib/duration';
import type { Pod } from '../api/types';
import type { Cycle } from '../clock/clock';
import type { RepeatingWorkHooks } from '../runtime/cycles';
import type { ImageOutcome } from '../sim/config';
import { pullError, pulledMessage, pullPolicy } from './images';
import type { ContainerRun, PodRuntime } from './pod-status';

/** SIM: how long a failing pull, an init container, and a crashing container run, and the pod sync that follows a change. */
export const FAILED_PULL_MS = 1000;
export const INIT_RUN_MS = 1000;
export const CRASH_RUN_MS = 1000;
export const SYNC_MS = 1000;
/** Behaviour of pkg/kubelet/kubelet.go (v1.32): image and container back-off start at 10 s and cap at 300 s. */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

/** What a worker needs from the kubelet. */
export interface KubeletHost {
  now(): number;
  pod(rt: PodRuntime): Pod | undefined;
  /** Runs `fn` after `ms` (whole ms) unless the pod goes away; `cycle` marks repeating work. */
  later(rt: PodRuntime, ms: number, fn: () => void, label: string, cycle?: Cycle): void;
  push(rt: PodRuntime): void;
  event(rt: PodRuntime, c: ContainerRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void;
  outcome(image: string): ImageOutcome;
  imageCached(node: string, image: string): boolean;
  cacheImage(node: string, image: string): void;
  /** The ID of the container's run number `run` (0: its first start). */
  containerID(rt: PodRuntime, c: ContainerRun, run: number): string;
  /** A handle for repeating work (undefined when fast-forward jumps are not wired). */
  repeating(label: string, hooks: RepeatingWorkHooks): (Cycle & { begin(t: number): void; readonly active: boolean }) | undefined;
  timings: { imagePull: number; containerStart: number };
}

/** Virtual ms for a timing given in seconds (scenario timings may be fractional): whole ms, as the clock keeps time. */
export const secondsToMs = (s: number): number => Math.round(s * 1000);

export class PodWorker {
  /** Each container's back-off loop, as repeating work a long fast-forward may skip (runtime/cycles.ts). */
  private loops = new Map<ContainerRun, ReturnType<KubeletHost['repeating']>>();

  constructor(
    readonly rt: PodRuntime,
    private host: KubeletHost,
  ) {}

  /** The container's back-off loop (crash loop or image pull back-off). */
  private loop(c: ContainerRun): ReturnType<KubeletHost['repeating']> {
    if (!this.loops.has(c)) {
      const hooks: RepeatingWorkHooks = { ownerUid: this.rt.uid, period: () => this.loopPeriod(c), skip: (n, p) => this.skipLoop(c, n, p) };
      this.loops.set(c, this.host.repeating(`kubelet:${this.rt.namespace}/${this.rt.name}:${c.name}`, hooks));
    }
    return this.loops.get(c);
  }

  /**
   * A loop repeats identically once its back-off is capped: a crash loop
   * restarts every CRASH_RUN_MS + BACKOFF_MAX_MS, a failing pull retries
   * every FAILED_PULL_MS + BACKOFF_MAX_MS.
   */
  private loopPeriod(c: ContainerRun): number | undefined {
    const outcome = this.host.outcome(c.spec.image ?? '');
    if (outcome === 'CrashLoopBackOff' && c.crashBackoffMs === BACKOFF_MAX_MS) return CRASH_RUN_MS + BACKOFF_MAX_MS;
    if (outcome === 'ErrImagePull' && c.pullBackoffMs === BACKOFF_MAX_MS) return FAILED_PULL_MS + BACKOFF_MAX_MS;
    return undefined;
  }

  /**
   * `n` whole periods of a capped loop, as if they had run: a crash loop's
   * restarts add to restartCount, its times move on, and its runs get their
   * IDs; a failing pull ends each period as it began.
   */
  private skipLoop(c: ContainerRun, n: number, period: number): void {
    if (this.host.outcome(c.spec.image ?? '') !== 'CrashLoopBackOff') return;
    const shift = n * period;
    c.restartCount += n;
    if (c.startedAt !== undefined) c.startedAt += shift;
    if (c.finishedAt !== undefined) c.finishedAt += shift;
    c.containerID = this.host.containerID(this.rt, c, c.restartCount);
    // Waiting for the next restart, `last` is the run that just ended; running or exited, the one before.
    if (c.last) c.last = { ...c.last, startedAt: c.last.startedAt + shift, finishedAt: c.last.finishedAt + shift, containerID: this.host.containerID(this.rt, c, c.state === 'waiting' ? c.restartCount : c.restartCount - 1) };
  }

  /** Starts the first init container, or every app container. */
  begin(): void {
    const next = this.rt.containers.find((c) => c.init);
    if (next) this.pullAndCreate(next);
    else this.startApps();
  }

  private startApps(): void {
    for (const c of this.rt.containers.filter((x) => !x.init)) this.pullAndCreate(c);
  }

  // Behaviour of pkg/kubelet/images/image_manager.go EnsureImageExists (v1.32)
  private pullAndCreate(c: ContainerRun): void {
    const h = this.host;
    const image = c.spec.image ?? '';
    const policy = pullPolicy(c.spec);
    const cached = h.imageCached(this.rt.node, image) && h.outcome(image) !== 'ErrImagePull';
    if (policy === 'Never' && !cached) {
      c.reason = 'ErrImageNeverPull';
      c.message = `Container image "${image}" is not present with pull policy of Never`;
      h.event(this.rt, c, 'Warning', 'ErrImageNeverPull', c.message);
      h.event(this.rt, c, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
      return h.push(this.rt);
    }
    if (cached && policy !== 'Always') {
      h.event(this.rt, c, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return this.create(c);
    }
    h.event(this.rt, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
    if (h.outcome(image) === 'ErrImagePull') {
      h.later(this.rt, FAILED_PULL_MS, () => this.pullFailed(c), `pull-failed:${c.name}`, this.loop(c));
      return;
    }
    // SIM: a re-pull of a cached image (pull policy Always) takes half a second.
    const ms = cached ? 500 : secondsToMs(h.timings.imagePull);
    h.later(
      this.rt,
      ms,
      () => {
        h.cacheImage(this.rt.node, image);
        h.event(this.rt, c, 'Normal', 'Pulled', pulledMessage(image, ms));
        this.create(c);
      },
      `pull:${c.name}`,
    );
  }

  // Behaviour of pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer (v1.32)
  private pullFailed(c: ContainerRun): void {
    const h = this.host;
    const image = c.spec.image ?? '';
    const err = pullError(image);
    h.event(this.rt, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${err}`);
    h.event(this.rt, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    c.pullBackoffMs = c.pullBackoffMs ? Math.min(c.pullBackoffMs * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS;
    const loop = this.loop(c);
    // From the first failure at the capped back-off on, every period is the same.
    if (c.pullBackoffMs === BACKOFF_MAX_MS && loop && !loop.active) loop.begin(h.now());
    c.reason = 'ErrImagePull';
    c.message = err;
    h.push(this.rt);
    // The next pod sync finds the image in back-off.
    h.later(
      this.rt,
      SYNC_MS,
      () => {
        c.reason = 'ImagePullBackOff';
        c.message = `Back-off pulling image "${image}"`;
        h.event(this.rt, c, 'Normal', 'BackOff', c.message);
        h.event(this.rt, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
        h.push(this.rt);
      },
      `pull-backoff:${c.name}`,
      loop,
    );
    h.later(this.rt, c.pullBackoffMs, () => this.pullAndCreate(c), `pull-retry:${c.name}`, loop);
  }

  private create(c: ContainerRun): void {
    const h = this.host;
    c.created = true;
    h.event(this.rt, c, 'Normal', 'Created', `Created container ${c.name}`);
    h.later(this.rt, secondsToMs(h.timings.containerStart), () => this.start(c), `start:${c.name}`);
  }

  private start(c: ContainerRun): void {
    const h = this.host;
    const now = h.now();
    c.state = 'running';
    delete c.reason;
    delete c.message;
    delete c.exitCode;
    c.startedAt = now;
    c.containerID = h.containerID(this.rt, c, c.restartCount);
    h.event(this.rt, c, 'Normal', 'Started', `Started container ${c.name}`);
    const outcome = h.outcome(c.spec.image ?? '');
    if (c.init) {
      if (outcome === 'CrashLoopBackOff') h.later(this.rt, CRASH_RUN_MS, () => this.exited(c, 1, 'Error'), `crash:${c.name}`, this.loop(c));
      else h.later(this.rt, INIT_RUN_MS, () => this.exited(c, 0, 'Completed'), `init-done:${c.name}`);
    } else if (outcome === 'CrashLoopBackOff') {
      h.later(this.rt, CRASH_RUN_MS, () => this.exited(c, 1, 'Error'), `crash:${c.name}`, this.loop(c));
    } else this.probe(c, outcome === 'Ready');
    h.push(this.rt);
  }

  /**
   * Readiness: without a probe a running container is ready at once; with
   * one, the first probe runs at start and then every periodSeconds, skipped
   * until initialDelaySeconds, and successThreshold passes are needed.
   */
  // Behaviour of pkg/kubelet/prober/worker.go doProbe (v1.32)
  private probe(c: ContainerRun, passes: boolean): void {
    const h = this.host;
    const p = c.spec.readinessProbe;
    if (!p) {
      c.ready = passes;
      return;
    }
    const period = (p.periodSeconds ?? 10) * 1000;
    const first = Math.ceil(((p.initialDelaySeconds ?? 0) * 1000) / period) * period;
    const at = first + ((p.successThreshold ?? 1) - 1) * period;
    if (passes) {
      if (at === 0) c.ready = true;
      else {
        const ready = () => {
          c.ready = true;
          h.push(this.rt);
        };
        h.later(this.rt, at, ready, `ready:${c.name}`);
      }
      return;
    }
    // SIM: a NeverReady container reports one Unhealthy event, not one per period, so the clock can settle.
    h.later(this.rt, first, () => h.event(this.rt, c, 'Warning', 'Unhealthy', `Readiness probe failed: ${this.probeFailure(c)}`), `unready:${c.name}`);
  }

  private probeFailure(c: ContainerRun): string {
    const p = c.spec.readinessProbe ?? {};
    if (p.httpGet) return 'HTTP probe failed with statuscode: 503';
    if (p.tcpSocket) return `dial tcp ${this.rt.podIP}:${p.tcpSocket.port}: connect: connection refused`;
    return '';
  }

  private exited(c: ContainerRun, code: number, reason: string): void {
    const h = this.host;
    c.state = 'terminated';
    c.exitCode = code;
    c.reason = reason;
    c.finishedAt = h.now();
    c.ready = false;
    h.push(this.rt);
    if (code === 0 && c.init) {
      const next = this.rt.containers.find((x) => x.init && !(x.state === 'terminated' && x.exitCode === 0));
      if (next) this.pullAndCreate(next);
      else this.startApps();
      return;
    }
    const policy = h.pod(this.rt)?.spec.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) return;
    h.later(this.rt, SYNC_MS, () => this.restartOrBackOff(c), `sync:${c.name}`, this.loop(c));
  }

  // Behaviour of pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff (v1.32)
  private restartOrBackOff(c: ContainerRun): void {
    const h = this.host;
    const last = { exitCode: c.exitCode ?? 0, reason: c.reason ?? 'Error', startedAt: c.startedAt ?? 0, finishedAt: c.finishedAt ?? 0, containerID: c.containerID ?? '' };
    c.last = last;
    if (c.crashBackoffMs === 0) {
      c.crashBackoffMs = BACKOFF_INITIAL_MS;
      return this.restart(c);
    }
    const loop = this.loop(c);
    // From the first back-off at the cap on, every period is the same.
    if (c.crashBackoffMs === BACKOFF_MAX_MS && loop && !loop.active) loop.begin(h.now());
    c.state = 'waiting';
    c.reason = 'CrashLoopBackOff';
    c.message = `back-off ${formatGoDuration(c.crashBackoffMs)} restarting failed container=${c.name} pod=${this.rt.name}_${this.rt.namespace}(${this.rt.uid})`;
    h.event(this.rt, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${this.rt.name}_${this.rt.namespace}(${this.rt.uid})`);
    h.push(this.rt);
    h.later(
      this.rt,
      Math.max(0, last.finishedAt + c.crashBackoffMs - h.now()),
      () => {
        c.crashBackoffMs = Math.min(c.crashBackoffMs * 2, BACKOFF_MAX_MS);
        this.restart(c);
      },
      `restart:${c.name}`,
      loop,
    );
  }

  /** Starts the container again; `c.last` already holds the run that ended. */
  private restart(c: ContainerRun): void {
    c.restartCount++;
    this.host.event(this.rt, c, 'Normal', 'Pulled', `Container image "${c.spec.image ?? ''}" already present on machine`);
    this.host.event(this.rt, c, 'Normal', 'Created', `Created container ${c.name}`);
    this.start(c);
  }
}
