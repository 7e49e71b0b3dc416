/**
 * Fast-forward over repeating work. A long `sleep` in a cluster whose only
 * activity is identical repetitions (a container crash-looping at the
 * capped back-off, an image pull backing off at the cap, a resync that
 * changes nothing) should cost what one repetition costs, not one per
 * repetition.
 *
 * Timers that belong to such work carry a `Cycle`. When every timer due
 * before some horizon belongs to a cycle that has repeated identically for
 * at least one whole period (`steadyPeriod`), the clock asks each cycle to
 * advance its own state by n−1 periods without writing anything (`skip`),
 * moves the cycle's timers forward by as much, and then runs the n-th
 * period normally — so by the horizon every object and Event has been
 * written once more, exactly as if every period had run. The horizon is
 * the end of the fast-forward or the first timer that is not steady
 * repeating work, whichever comes first: anything else that happens is run
 * at its own time, and resets the observation of every cycle.
 */

/** Repeating work whose timers the clock may move forward by whole periods. */
export interface Cycle {
  /** Names the work in diagnostics. */
  readonly label: string;
  /**
   * The period in virtual ms if, as of `now`, the work has repeated
   * identically for at least one whole period and will keep doing so as long
   * as nothing else happens; undefined otherwise.
   */
  steadyPeriod(now: number): number | undefined;
  /**
   * Advances the owner's own state by `n` periods as if they had run,
   * without writing to the API server (the clock moves the timers; the next
   * period, run normally, writes the result). `next` is when the work's
   * first pending timer was due before the move: the last whole period of
   * the work is the one that ends there, whatever else is due at `now`.
   */
  skip(n: number, period: number, next: number): void;
}

/** A pending timer as the planner sees it. */
export interface PlannedTimer {
  at: number;
  cycle: Cycle | undefined;
}

export interface JumpPlan {
  /** Cycles to skip, with how many periods and the shift of their timers. */
  skips: { cycle: Cycle; periods: number; shift: number; first: number }[];
  /** When planning again may give another answer (no sooner than this). */
  retryAt: number;
}

/**
 * Decides which cycles to skip when the clock is at `now` and must run up
 * to `end`. Skipped periods all lie before the horizon, and one period of
 * each skipped cycle is left to run normally before the horizon.
 */
export function planJump(now: number, end: number, timers: readonly PlannedTimer[]): JumpPlan {
  let horizon = end;
  let retryAt = Infinity;
  const first = new Map<Cycle, number>();
  for (const x of timers) {
    if (!x.cycle) {
      horizon = Math.min(horizon, x.at);
      retryAt = Math.min(retryAt, x.at);
      continue;
    }
    const f = first.get(x.cycle);
    if (f === undefined || x.at < f) first.set(x.cycle, x.at);
  }
  const steady: { cycle: Cycle; first: number; period: number }[] = [];
  for (const [cycle, f] of first) {
    const period = cycle.steadyPeriod(now);
    if (period === undefined || !(period > 0) || !Number.isFinite(period)) {
      // Work that is not (yet) repeating identically is a happening of its own.
      horizon = Math.min(horizon, f);
      retryAt = Math.min(retryAt, f);
      continue;
    }
    steady.push({ cycle, first: f, period });
    retryAt = Math.min(retryAt, f + period);
  }
  const skips: JumpPlan['skips'] = [];
  for (const s of steady) {
    const periods = Math.floor((horizon - s.first) / s.period) - 1;
    if (periods >= 1) skips.push({ cycle: s.cycle, periods, shift: periods * s.period, first: s.first });
  }
  return { skips, retryAt: skips.length ? now : Math.max(now + 1, retryAt) };
}
