import type { Brand } from '../../lib/brand';
import { MAX_VIRTUAL_TIME_MS } from '../../lib/duration';
import { planJump, type Cycle } from './jump';

export type { Cycle } from './jump';

/** Virtual milliseconds since the simulated cluster started. Never wall-clock time. */
export type SimTime = Brand<number, 'SimTime'>;
/** A span of virtual milliseconds. */
export type SimDuration = Brand<number, 'SimDuration'>;

export const ms = (n: number): SimDuration => n as SimDuration;
export const sec = (n: number): SimDuration => (n * 1000) as SimDuration;

interface Timer {
  at: number;
  seq: number;
  label: string;
  fn: () => void;
  cancelled: boolean;
  cycle: Cycle | undefined;
  background: boolean;
}

export interface TimerOptions {
  /**
   * Housekeeping the cluster does on its own (e.g. expiring Events): the
   * timer runs in (time, insertion) order with the others, but does not keep
   * the cluster busy — `nextAt()` and `pendingCount()` ignore it, so a
   * blocking command does not wait for it.
   */
  background?: boolean;
  /** The repeating work this timer belongs to (jump.ts): a long fast-forward may move it by whole periods. */
  cycle?: Cycle;
}

/** Faults kept in `faults` (the latest); older ones are only counted (`faultsDropped`). */
const MAX_FAULTS = 1000;

/** Something that went wrong inside the cluster: a timer that threw, a watcher that threw, a controller's failed sync. */
export interface Fault {
  at: number;
  /** The timer, watcher or component that failed. */
  label: string;
  error: unknown;
  /** The component that was at work (e.g. `statefulset-controller`), when known. */
  component?: string;
  /** The object it was handling, when known (an Event about it is recorded; see runtime/faults.ts). */
  subject?: unknown;
}

export interface TimerHandle {
  cancel(): void;
  readonly at: SimTime;
}

/** Thrown when timers keep re-arming at the same instant without end. */
export class RunawayLoopError extends Error {}

/**
 * The one source of time in the engine. Timers run in (time, insertion)
 * order; nothing runs until someone steps the clock, so a run is a pure
 * function of its inputs.
 */
export class VirtualClock {
  private t = 0;
  private seq = 0;
  private heap: Timer[] = [];
  /** Background timers (see TimerOptions), a heap of their own so `nextAt()` stays O(1). */
  private bg: Timer[] = [];
  /** Timers run at one instant before the clock declares a runaway loop. */
  loopLimit = 200_000;
  /**
   * The latest faults (timer callbacks that threw, and what components
   * report with `recordFault`). A failing component must not take the whole
   * cluster (or the command that is stepping time) down with it; tests
   * assert this stays empty.
   */
  readonly faults: Fault[] = [];
  /** Faults dropped from the front of `faults` to keep it at MAX_FAULTS. */
  faultsDropped = 0;
  private faultListeners: ((f: Fault) => void)[] = [];
  /** Timer callbacks run so far (a measure of the work a fast-forward did). */
  fired = 0;
  /** Whether long fast-forwards may jump over whole periods of steady repeating work (jump.ts). */
  jumps = true;
  /** Periods skipped by jumps so far, summed over cycles. */
  skippedPeriods = 0;
  private running: Timer | undefined;
  private inJump = false;
  private nextJumpTry = 0;

  now(): SimTime {
    return this.t as SimTime;
  }

  /**
   * Runs `fn` once `delay` virtual ms from now (0 = after what is already due
   * now). Virtual time is whole milliseconds: a fractional delay is rounded,
   * a negative or NaN one is 0, and an infinite one never comes.
   */
  after(delay: SimDuration | number, fn: () => void, label = 'timer', opts: TimerOptions = {}): TimerHandle {
    const d = delay > 0 ? (delay === Infinity ? Infinity : Math.round(delay)) : 0;
    const timer: Timer = { at: this.t + d, seq: this.seq++, label, fn, cancelled: false, cycle: opts.cycle, background: opts.background ?? false };
    if (opts.cycle && !this.inJump) this.nextJumpTry = Math.min(this.nextJumpTry, this.t);
    this.push(opts.background ? this.bg : this.heap, timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
      get at() {
        return timer.at as SimTime;
      },
    };
  }

  /** The repeating work whose timer is running now (undefined outside timers and while a jump is applied). */
  currentCycle(): Cycle | undefined {
    return this.inJump ? undefined : this.running?.cycle;
  }

  /** True while a background timer (TimerOptions) runs. */
  inBackground(): boolean {
    return this.running?.background ?? false;
  }

  /** True while a jump applies its skips (their own bookkeeping is not a happening). */
  get jumping(): boolean {
    return this.inJump;
  }

  /** Records a fault: kept among the latest MAX_FAULTS and passed to every `onFault` listener. */
  recordFault(f: Omit<Fault, 'at'> & { at?: number }): void {
    const fault: Fault = { ...f, at: f.at ?? this.t };
    this.faults.push(fault);
    if (this.faults.length > MAX_FAULTS) {
      this.faults.shift();
      this.faultsDropped++;
    }
    for (const l of [...this.faultListeners]) {
      try {
        l(fault);
      } catch {
        // A listener that fails must not turn one fault into a cascade.
      }
    }
  }

  /** Faults recorded so far, including those no longer kept. */
  get faultCount(): number {
    return this.faultsDropped + this.faults.length;
  }

  /** Calls `fn` for every fault from now on; returns the unsubscribe function. */
  onFault(fn: (f: Fault) => void): () => void {
    this.faultListeners.push(fn);
    return () => {
      this.faultListeners = this.faultListeners.filter((x) => x !== fn);
    };
  }

  /** Time of the earliest pending (non-background) timer, or undefined when nothing is scheduled. */
  nextAt(): SimTime | undefined {
    this.dropCancelled(this.heap);
    return this.heap[0]?.at as SimTime | undefined;
  }

  /** The earliest pending timer of either kind. */
  private top(): Timer | undefined {
    this.dropCancelled(this.heap);
    this.dropCancelled(this.bg);
    const a = this.heap[0];
    const b = this.bg[0];
    if (!a) return b;
    if (!b) return a;
    return this.less(b, a) ? b : a;
  }

  /** Runs every timer due at the present instant, including ones they schedule for now. */
  runDue(): void {
    let count = 0;
    const seen = new Map<string, number>();
    for (;;) {
      const top = this.top();
      if (!top || top.at > this.t) return;
      this.pop(top === this.heap[0] ? this.heap : this.bg);
      if (++count > this.loopLimit) {
        const worst = [...seen.entries()].sort((a, b) => b[1] - a[1])[0];
        throw new RunawayLoopError(`more than ${this.loopLimit} timers at t=${this.t}ms; most repeated: ${worst?.[0] ?? top.label}`);
      }
      seen.set(top.label, (seen.get(top.label) ?? 0) + 1);
      this.fired++;
      const prev = this.running;
      this.running = top;
      try {
        top.fn();
      } catch (error) {
        if (error instanceof RunawayLoopError) throw error;
        this.recordFault({ label: top.label, error });
      } finally {
        this.running = prev;
      }
    }
  }

  /**
   * Moves time forward to `target`, running every timer on the way in order
   * (jumping over steady repeating work, see jump.ts). Time never passes
   * MAX_VIRTUAL_TIME_MS.
   */
  advanceTo(target: number): void {
    target = this.bound(target);
    this.runDue();
    for (;;) {
      this.maybeJump(target);
      const next = this.top()?.at;
      if (next === undefined || next > target) break;
      this.t = next;
      this.runDue();
    }
    if (target > this.t) this.t = target;
    this.runDue();
  }

  /** Moves time forward by `d`. */
  step(d: SimDuration | number): void {
    this.advanceTo(this.t + d);
  }

  /**
   * Advances until `cond()` holds, checking after each instant's timers,
   * but at most `limit` ms. Returns true when the condition held.
   * `cycleSafe` says the condition reads nothing that repeating work writes
   * (object existence, phase, conditions, a StatefulSet's status), so steady
   * repetitions may be jumped over; a watch that prints every change is not.
   */
  runUntil(cond: () => boolean, limit: SimDuration | number, opts: { cycleSafe?: boolean } = {}): boolean {
    const end = this.bound(this.t + limit);
    this.runDue();
    if (cond()) return true;
    for (;;) {
      if (opts.cycleSafe) this.maybeJump(end);
      const next = this.top()?.at;
      if (next === undefined || next > end) break;
      this.t = next;
      this.runDue();
      if (cond()) return true;
    }
    this.t = Math.max(this.t, end);
    this.runDue();
    return cond();
  }

  /** Runs until no timer is due within `horizon` ms of the last one run (a settled cluster). */
  pendingCount(): number {
    this.dropCancelled(this.heap);
    return this.heap.filter((x) => !x.cancelled).length;
  }

  /** A target time as whole ms, never before now nor past the end of virtual time. */
  private bound(target: number): number {
    if (Number.isNaN(target)) return this.t;
    return Math.max(this.t, Math.min(Math.round(target), MAX_VIRTUAL_TIME_MS));
  }

  /**
   * Before running the next instant on the way to `end`: if every timer due
   * before some horizon is steady repeating work, skip whole periods of it
   * (jump.ts). Background timers (housekeeping such as Event expiry) do not
   * bound a jump: they must not change what repeating work does, and run at
   * their own time after it. Planning is one pass over the pending timers and
   * is retried only when its answer may have changed.
   */
  private maybeJump(end: number): void {
    if (!this.jumps || this.t < this.nextJumpTry || this.inJump) return;
    const live: Timer[] = [];
    for (const x of this.heap) if (!x.cancelled) live.push(x);
    if (!live.some((x) => x.cycle)) {
      // Nothing repeats: nothing to plan until a repeating timer is armed (see after()).
      this.nextJumpTry = Infinity;
      return;
    }
    const plan = planJump(this.t, end, live);
    this.nextJumpTry = plan.retryAt;
    if (!plan.skips.length) return;
    this.inJump = true;
    try {
      const shifts = new Map<Cycle, number>();
      for (const s of plan.skips) {
        s.cycle.skip(s.periods, s.shift / s.periods, s.first);
        shifts.set(s.cycle, s.shift);
        this.skippedPeriods += s.periods;
      }
      // Moved timers get new insertion numbers (in their old order): had the periods run,
      // they would have been armed during them, after every timer pending now.
      const moved = live.filter((x) => x.cycle && shifts.has(x.cycle)).sort((a, b) => a.seq - b.seq);
      for (const x of moved) {
        x.at += shifts.get(x.cycle as Cycle) as number;
        x.seq = this.seq++;
      }
      this.heap.sort((a, b) => (this.less(a, b) ? -1 : this.less(b, a) ? 1 : 0));
    } finally {
      this.inJump = false;
    }
  }

  /** Background timers pending (see TimerOptions). */
  backgroundCount(): number {
    return this.bg.filter((x) => !x.cancelled).length;
  }

  private dropCancelled(h: Timer[]): void {
    while (h[0]?.cancelled) this.pop(h);
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(h: Timer[], x: Timer): void {
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as Timer, h[p] as Timer)) break;
      [h[i], h[p]] = [h[p] as Timer, h[i] as Timer];
      i = p;
    }
  }

  private pop(h: Timer[]): Timer | undefined {
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as Timer, h[m] as Timer)) m = l;
        if (r < h.length && this.less(h[r] as Timer, h[m] as Timer)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Timer, h[i] as Timer];
        i = m;
      }
    }
    return top;
  }
}

/** The wall-clock instant the virtual clock's zero stands for (RFC 3339 timestamps). */
export const SIM_EPOCH_MS = Date.UTC(2025, 0, 1, 9, 0, 0);

/** Sim ms of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the span RFC 3339 (four-digit years) can write. */
const FIRST_WRITABLE_MS = -62_135_596_800_000 - SIM_EPOCH_MS;
const LAST_WRITABLE_MS = 253_402_300_799_000 - SIM_EPOCH_MS;

/**
 * RFC 3339 timestamp, seconds precision, as the API server writes
 * metav1.Time. Defined for every number: the clock never runs past 100
 * years and deletion times wrap as Go's do (`addGoSeconds`), so the clamp to
 * the years 0001–9999 (and NaN to the epoch) only guards against bugs.
 */
export function timestamp(t: SimTime | number): string {
  const ms = Number.isNaN(t) ? 0 : Math.min(Math.max(Math.floor(t / 1000) * 1000, FIRST_WRITABLE_MS), LAST_WRITABLE_MS);
  const d = new Date(SIM_EPOCH_MS + ms);
  const y = d.getUTCFullYear();
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}Z`;
}

/**
 * `t` plus `seconds`, as the API server computes a deletion time:
 * `time.Second * time.Duration(seconds)` is int64 nanoseconds and wraps
 * around on overflow (Go's integer arithmetic), so a huge grace period
 * lands somewhere within ±292 years, as in a real cluster.
 */
// Behaviour of staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go BeforeDelete (v1.32).
export function addGoSeconds(t: SimTime | number, seconds: number): SimTime {
  const s = Number.isFinite(seconds) ? BigInt.asIntN(64, BigInt(Math.trunc(seconds))) : 0n;
  const ns = BigInt.asIntN(64, s * 1_000_000_000n);
  const total = BigInt(Math.floor(t)) * 1_000_000n + ns;
  // Floor division to whole ms (timestamp() then floors to seconds, as Go's formatting does).
  const q = total / 1_000_000n;
  const floor = total < 0n && q * 1_000_000n !== total ? q - 1n : q;
  return Number(floor) as SimTime;
}

/** Sim ms for an RFC 3339 timestamp written by `timestamp`. */
export function parseTimestamp(s: string): SimTime {
  return (Date.parse(s) - SIM_EPOCH_MS) as SimTime;
}
