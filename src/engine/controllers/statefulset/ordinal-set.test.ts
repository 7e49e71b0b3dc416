import { describe, expect, it } from 'vitest';
import { Rng } from '../../../lib/rng';
import { OrdinalSet } from './ordinal-set';

describe('OrdinalSet', () => {
  it('answers next and prev like a scan over a plain set, across summary levels', () => {
    for (const capacity of [0, 1, 31, 32, 33, 1000, 1025, 40_000]) {
      const rng = new Rng(capacity + 1);
      const set = new OrdinalSet(capacity);
      const plain = new Set<number>();
      for (let step = 0; step < 400; step++) {
        const i = rng.int(capacity + 2) - 1;
        if (rng.int(3) === 0) {
          set.delete(i);
          plain.delete(i);
        } else if (i >= 0 && i < capacity) {
          set.add(i);
          plain.add(i);
        }
        const q = rng.int(capacity + 2) - 1;
        const sorted = [...plain].sort((a, b) => a - b);
        expect(set.next(q)).toBe(sorted.find((x) => x >= q) ?? -1);
        expect(set.prev(q)).toBe([...sorted].reverse().find((x) => x <= q) ?? -1);
        expect(set.has(q)).toBe(plain.has(q));
        expect(set.size).toBe(plain.size);
      }
    }
  });

  it('fills every slot', () => {
    const set = new OrdinalSet(70);
    set.fill();
    expect(set.size).toBe(70);
    expect(set.next(0)).toBe(0);
    expect(set.prev(1000)).toBe(69);
  });
});
