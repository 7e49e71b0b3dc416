/**
 * A controller work queue on the virtual clock: keys are de-duplicated while
 * waiting, processed one at a time in order, and failed keys are retried
 * with client-go's default per-item exponential back-off (5 ms doubling,
 * capped at 1000 s).
 */
import type { Cycle, TimerHandle, VirtualClock } from '../clock/clock';

export class WorkQueue {
  private pending = new Map<string, TimerHandle>();
  private failures = new Map<string, number>();

  constructor(
    private clock: VirtualClock,
    private name: string,
    private process: (key: string) => void,
  ) {}

  /**
   * Processes `key` after `delay` ms; an earlier pending run of the same key
   * wins. `cycle` marks the run as part of repeating work (runtime/cycles.ts).
   */
  add(key: string, delay = 0, cycle?: Cycle): void {
    const at = this.clock.now() + delay;
    const cur = this.pending.get(key);
    if (cur && cur.at <= at) return;
    cur?.cancel();
    const handle = this.clock.after(
      delay,
      () => {
        this.pending.delete(key);
        this.process(key);
      },
      `${this.name}:${key}`,
      { cycle },
    );
    this.pending.set(key, handle);
  }

  /** Requeues `key` with back-off after a failed sync. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    // Behaviour of client-go workqueue DefaultControllerRateLimiter (ItemExponentialFailureRateLimiter part).
    const delay = Math.min(5 * 2 ** n, 1_000_000);
    this.add(key, delay);
  }

  /** Resets the back-off of `key` after a successful sync. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Keys waiting and keys with a back-off count (for stats). */
  stats(): Record<string, number> {
    return { [`${this.name}.pending`]: this.pending.size, [`${this.name}.failures`]: this.failures.size };
  }
}
