import { describe, expect, it } from 'vitest';
import { RunawayLoopError, timestamp, VirtualClock } from './clock';

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

  it('formats timestamps as RFC 3339 seconds from the simulation epoch', () => {
    expect(timestamp(0)).toBe('2025-01-01T09:00:00Z');
    expect(timestamp(61_999)).toBe('2025-01-01T09:01:01Z');
  });
});
