import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { goSort } from './gosort';

describe('goSort', () => {
  it('sorts any input into a non-decreasing permutation of it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 200 }), (xs) => {
        const tagged = xs.map((v, i) => ({ v, i }));
        const out = goSort(tagged, (a, b) => a.v < b.v);
        for (let k = 1; k < out.length; k++) expect((out[k - 1] as { v: number }).v <= (out[k] as { v: number }).v).toBe(true);
        expect(out.map((x) => x.i).sort((a, b) => a - b)).toEqual(xs.map((_, i) => i));
      }),
    );
  });

  it('keeps equal elements in input order for 12 elements or fewer (insertion sort)', () => {
    const xs = [3, 1, 2, 1, 3, 2, 1, 3, 2, 1, 2, 3].map((v, i) => ({ v, i }));
    expect(goSort(xs, (a, b) => a.v < b.v).map((x) => x.i)).toEqual([1, 3, 6, 9, 2, 5, 8, 10, 0, 4, 7, 11]);
  });

  it('is deterministic for long inputs with many ties', () => {
    const xs = Array.from({ length: 60 }, (_, i) => ({ v: (i * 7) % 5, i }));
    expect(goSort(xs, (a, b) => a.v < b.v)).toEqual(goSort(xs, (a, b) => a.v < b.v));
  });
});
