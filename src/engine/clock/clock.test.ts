import { describe, expect, it } from 'vitest';
import { MAX_VIRTUAL_TIME_MS } from '../../lib/duration';
import { addGoSeconds, parseTimestamp, RunawayLoopError, timestamp, VirtualClock, type Cycle } from './clock';

describe('VirtualClock', () => {
  it('runs timers in (time, insertion) order and only when stepped', () => {
    const c = new VirtualClock();
    const seen: string[] = [];
    c.after(2000, () => seen.push('b'));
    c.after(1000, () => seen.push('a1'));
    c.after(1000, () => seen.push('a2'));
    expect(seen).toEqual([]);
    c.step(1500);
    expect(seen).toEqual(['a1', 'a2']);
    expect(c.now()).toBe(1500);
    c.step(500);
    expect(seen).toEqual(['a1', 'a2', 'b']);
  });

  it('runUntil stops at the first instant the condition holds, or at the limit', () => {
    const c = new VirtualClock();
    let n = 0;
    const tick = () => {
      n++;
      c.after(1000, tick);
    };
    c.after(1000, tick);
    expect(c.runUntil(() => n === 3, 60_000)).toBe(true);
    expect(c.now()).toBe(3000);
    expect(c.runUntil(() => false, 5000)).toBe(false);
    expect(c.now()).toBe(8000);
  });

  it('cancelled timers never run', () => {
    const c = new VirtualClock();
    let ran = false;
    c.after(10, () => (ran = true)).cancel();
    c.step(100);
    expect(ran).toBe(false);
    expect(c.nextAt()).toBeUndefined();
  });

  it('names the repeating timer of a runaway loop', () => {
    const c = new VirtualClock();
    c.loopLimit = 100;
    const again = () => c.after(0, again, 'spinner');
    c.after(0, again, 'spinner');
    expect(() => c.runDue()).toThrow(RunawayLoopError);
    expect(() => {
      const d = new VirtualClock();
      d.loopLimit = 10;
      const f = () => d.after(0, f, 'spinner');
      d.after(0, f, 'spinner');
      d.runDue();
    }).toThrow(/spinner/);
  });

  it('runs background timers in order with the others but never counts them as pending work', () => {
    const c = new VirtualClock();
    const seen: string[] = [];
    c.after(1000, () => seen.push('bg@1'), 'bg', { background: true });
    c.after(1000, () => seen.push('fg@1'));
    c.after(500, () => seen.push('bg@0.5'), 'bg', { background: true });
    c.after(2000, () => seen.push('fg@2'));
    expect(c.nextAt()).toBe(1000);
    c.step(1500);
    expect(seen).toEqual(['bg@0.5', 'bg@1', 'fg@1']);
    c.step(1000);
    expect(seen).toEqual(['bg@0.5', 'bg@1', 'fg@1', 'fg@2']);
    c.after(60_000, () => seen.push('bg@62.5'), 'bg', { background: true });
    expect(c.nextAt()).toBeUndefined();
    expect(c.pendingCount()).toBe(0);
    expect(c.backgroundCount()).toBe(1);
    // runUntil passes through background timers at their instant.
    let at = -1;
    c.after(60_000, () => (at = c.now()), 'bg2', { background: true });
    expect(c.runUntil(() => at >= 0, 120_000)).toBe(true);
    expect(at).toBe(62_500);
    expect(seen.at(-1)).toBe('bg@62.5');
  });

  it('keeps the latest 1000 faults and counts the older ones', () => {
    const c = new VirtualClock();
    for (let i = 0; i < 1005; i++) c.after(i, () => { throw new Error(`f${i}`); }, 'thrower');
    c.step(2000);
    expect(c.faults).toHaveLength(1000);
    expect(c.faultsDropped).toBe(5);
    expect(c.faultCount).toBe(1005);
    expect((c.faults[0]?.error as Error).message).toBe('f5');
    expect((c.faults.at(-1)?.error as Error).message).toBe('f1004');
  });

  it('formats timestamps as RFC 3339 seconds from the simulation epoch', () => {
    expect(timestamp(0)).toBe('2025-01-01T09:00:00Z');
    expect(timestamp(61_999)).toBe('2025-01-01T09:01:01Z');
  });

  it('keeps whole milliseconds: fractional delays round, negative and NaN ones are now, infinite ones never come', () => {
    const c = new VirtualClock();
    const at: number[] = [];
    c.after(333.3, () => at.push(c.now()));
    c.after(0.5, () => at.push(c.now()));
    c.after(-5, () => at.push(c.now()));
    c.after(Number.NaN, () => at.push(c.now()));
    const never = c.after(Infinity, () => at.push(-1));
    c.step(1000.7);
    expect(at).toEqual([0, 0, 1, 333]);
    expect(c.now()).toBe(1001);
    expect(never.at).toBe(Infinity);
    c.step(Number.NaN);
    expect(c.now()).toBe(1001);
  });

  it('never runs past the end of virtual time', () => {
    const c = new VirtualClock();
    c.step(Number.MAX_VALUE);
    expect(c.now()).toBe(MAX_VIRTUAL_TIME_MS);
    expect(c.runUntil(() => false, 1e300)).toBe(false);
    expect(c.now()).toBe(MAX_VIRTUAL_TIME_MS);
    expect(timestamp(c.now())).toBe('2124-12-08T09:00:00Z');
  });

  it('formats any number as an RFC 3339 timestamp, never throwing', () => {
    for (const t of [0, -1, 1e15, -1e15, 8.64e15, -8.64e15, 1e300, -1e300, Infinity, -Infinity, Number.NaN]) {
      expect(timestamp(t)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(timestamp(Infinity)).toBe('9999-12-31T23:59:59Z');
    expect(timestamp(-Infinity)).toBe('0001-01-01T00:00:00Z');
    expect(timestamp(Number.NaN)).toBe('2025-01-01T09:00:00Z');
    expect(timestamp(-1)).toBe('2025-01-01T08:59:59Z');
    expect(parseTimestamp(timestamp(86_400_000 * 365))).toBe(86_400_000 * 365);
  });

  it('adds a grace period the way the API server does: int64 nanoseconds that wrap around', () => {
    // Recorded with Go: time.Date(2025,1,1,9,0,0,0,UTC).Add(123456ms).Add(time.Second * time.Duration(g)).Format(RFC3339)
    const now = 123_456;
    const go: [number, string][] = [
      [0, '2025-01-01T09:02:03Z'],
      [30, '2025-01-01T09:02:33Z'],
      [9_223_372_036, '2317-04-13T08:49:19Z'],
      [18_446_744_073, '2025-01-01T09:02:02Z'],
      [2 ** 40, '1793-11-23T11:04:36Z'],
      [9_007_199_254_740_992, '2171-02-21T08:55:41Z'],
    ];
    for (const [g, want] of go) expect(timestamp(addGoSeconds(now, g))).toBe(want);
    expect(timestamp(addGoSeconds(now, Infinity))).toBe('2025-01-01T09:02:03Z');
  });

  it('tells listeners about faults and counts them', () => {
    const c = new VirtualClock();
    const heard: string[] = [];
    const stop = c.onFault((f) => heard.push(f.label));
    c.after(10, () => {
      throw new Error('x');
    }, 'thrower');
    c.recordFault({ label: 'reported', error: new Error('y'), component: 'test' });
    c.step(20);
    stop();
    c.recordFault({ label: 'unheard', error: 1 });
    expect(heard).toEqual(['reported', 'thrower']);
    expect(c.faultCount).toBe(3);
    expect(c.faults.map((f) => [f.label, f.at])).toEqual([['reported', 0], ['thrower', 10], ['unheard', 20]]);
  });
});

/**
 * A toy repeating work: a counter ticking every `period` ms (one timer per
 * tick), which may skip n ticks at once.
 */
class Ticker implements Cycle {
  readonly label = 'ticker';
  ticks = 0;
  steadyFrom = 0;
  constructor(
    private c: VirtualClock,
    readonly period: number,
  ) {}
  arm(): void {
    this.c.after(this.period, () => {
      this.ticks++;
      this.arm();
    }, 'tick', { cycle: this });
  }
  steadyPeriod(now: number): number | undefined {
    return now - this.steadyFrom >= this.period ? this.period : undefined;
  }
  skip(n: number): void {
    this.ticks += n;
  }
}

describe('VirtualClock jumps over steady repeating work', () => {
  const run = (jumps: boolean, plan: (c: VirtualClock, seen: string[]) => void) => {
    const c = new VirtualClock();
    c.jumps = jumps;
    const seen: string[] = [];
    plan(c, seen);
    return { c, seen };
  };

  it('ends where stepping through every period ends, and other timers still run at their time', () => {
    const scenario = (c: VirtualClock, seen: string[]) => {
      const a = new Ticker(c, 301_000);
      const b = new Ticker(c, 15_000);
      a.arm();
      b.arm();
      c.after(5 * 3_600_000 + 7, () => seen.push(`other@${c.now()} a=${a.ticks} b=${b.ticks}`));
      c.step(24 * 3_600_000 + 123);
      seen.push(`end@${c.now()} a=${a.ticks} b=${b.ticks}`);
    };
    const stepped = run(false, scenario);
    const jumped = run(true, scenario);
    expect(jumped.seen).toEqual(stepped.seen);
    expect(stepped.c.skippedPeriods).toBe(0);
    expect(jumped.c.skippedPeriods).toBeGreaterThan(5000);
    expect(jumped.c.fired).toBeLessThan(100);
    expect(stepped.c.fired).toBeGreaterThan(5000);
  });

  it('does not jump for a condition that is not cycle-safe, nor over work that is not steady yet', () => {
    const c = new VirtualClock();
    const a = new Ticker(c, 1000);
    a.steadyFrom = 50_000;
    a.arm();
    expect(c.runUntil(() => false, 40_000)).toBe(false);
    expect(c.skippedPeriods).toBe(0);
    expect(c.runUntil(() => a.ticks >= 100, 200_000)).toBe(true);
    expect(c.skippedPeriods).toBe(0);
    expect(c.now()).toBe(100_000);
    c.runUntil(() => false, 100_000, { cycleSafe: true });
    expect(c.skippedPeriods).toBeGreaterThan(90);
    expect(a.ticks).toBe(200);
  });
});

