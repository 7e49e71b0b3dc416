import type { Brand } from '../../lib/brand';

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
  /** Timers run at one instant before the clock declares a runaway loop. */
  loopLimit = 200_000;
  /**
   * Errors thrown by timer callbacks. A failing component must not take the
   * whole cluster (or the command that is stepping time) down with it; tests
   * assert this stays empty.
   */
  readonly faults: { at: number; label: string; error: unknown }[] = [];

  now(): SimTime {
    return this.t as SimTime;
  }

  /** Runs `fn` once `delay` virtual ms from now (0 = after what is already due now). */
  after(delay: SimDuration | number, fn: () => void, label = 'timer'): TimerHandle {
    const timer: Timer = { at: this.t + Math.max(0, delay), seq: this.seq++, label, fn, cancelled: false };
    this.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
      at: timer.at as SimTime,
    };
  }

  /** Time of the earliest pending timer, or undefined when nothing is scheduled. */
  nextAt(): SimTime | undefined {
    this.dropCancelled();
    return this.heap[0]?.at as SimTime | undefined;
  }

  /** Runs every timer due at the present instant, including ones they schedule for now. */
  runDue(): void {
    let count = 0;
    const seen = new Map<string, number>();
    for (;;) {
      this.dropCancelled();
      const top = this.heap[0];
      if (!top || top.at > this.t) return;
      this.pop();
      if (++count > this.loopLimit) {
        const worst = [...seen.entries()].sort((a, b) => b[1] - a[1])[0];
        throw new RunawayLoopError(`more than ${this.loopLimit} timers at t=${this.t}ms; most repeated: ${worst?.[0] ?? top.label}`);
      }
      seen.set(top.label, (seen.get(top.label) ?? 0) + 1);
      try {
        top.fn();
      } catch (error) {
        if (error instanceof RunawayLoopError) throw error;
        this.faults.push({ at: this.t, label: top.label, error });
      }
    }
  }

  /** Moves time forward to `target`, running every timer on the way in order. */
  advanceTo(target: number): void {
    this.runDue();
    for (;;) {
      const next = this.nextAt();
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
   */
  runUntil(cond: () => boolean, limit: SimDuration | number): boolean {
    const end = this.t + limit;
    this.runDue();
    if (cond()) return true;
    for (;;) {
      const next = this.nextAt();
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
    this.dropCancelled();
    return this.heap.filter((x) => !x.cancelled).length;
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled) this.pop();
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(x: Timer): void {
    const h = this.heap;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as Timer, h[p] as Timer)) break;
      [h[i], h[p]] = [h[p] as Timer, h[i] as Timer];
      i = p;
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap;
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

/** RFC 3339 timestamp, seconds precision, as the API server writes metav1.Time. */
export function timestamp(t: SimTime | number): string {
  return new Date(SIM_EPOCH_MS + Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Sim ms for an RFC 3339 timestamp written by `timestamp`. */
export function parseTimestamp(s: string): SimTime {
  return (Date.parse(s) - SIM_EPOCH_MS) as SimTime;
}
