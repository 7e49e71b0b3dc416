import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goSliceStable } from './go-stable-sort';

/** The generator the Go program below used (a 32-bit LCG). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % n;
  };
}

/** Inputs and the comparator strategic merge patch uses: items not in `order` sort as "less" (inconsistent). */
function setup(n: number, seed: number): { items: number[]; less: (a: number, b: number) => boolean } {
  const next = lcg(seed);
  const items = Array.from({ length: n }, () => next(n * 2));
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (next(3) !== 0) order.push(next(n * 2));
  const less = (a: number, b: number): boolean => {
    const ia = order.indexOf(a);
    if (ia >= 0) {
      const ib = order.indexOf(b);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  return { items, less };
}

/**
 * [n, seed, result] from Go 1.19's sort.SliceStable (unchanged through Go 1.23) run on the
 * same inputs: `go run` of a program building `items`/`order` with the LCG above.
 */
const FROM_GO: [number, number, number[]][] = [
  [5, 1, [1,8,3,5,7]],
  [5, 2, [9,0,0,0,7]],
  [21, 1, [27,14,33,36,34,12,35,18,27,41,24,26,14,29,37,37,1,38,11,39,39]],
  [21, 2, [23,2,21,31,38,0,27,26,29,34,36,18,30,15,14,3,41,16,26,10,31]],
  [41, 1, [63,20,63,1,74,45,45,20,17,32,52,53,54,22,47,64,64,27,47,28,70,33,66,61,15,4,53,43,19,42,25,48,30,44,59,63,23,20,1,69,69]],
  [41, 2, [59,79,41,38,74,28,19,6,29,19,20,8,76,3,64,66,23,81,15,50,25,78,63,70,20,21,54,6,68,58,58,9,29,3,13,66,22,70,11,11,60]],
  [65, 1, [54,53,94,105,124,41,96,120,79,122,79,38,100,83,85,1,44,39,22,20,15,45,23,59,24,18,81,100,3,4,25,10,50,46,102,5,45,95,115,40,30,93,65,65,125,94,83,28,74,116,107,10,109,12,28,25,55,8,27,53,70,23,121,115,49]],
  [65, 2, [21,7,117,76,42,43,90,99,127,46,72,1,25,6,36,56,82,9,26,33,47,5,23,81,34,110,42,67,38,75,9,109,109,54,48,16,95,89,22,104,59,114,11,20,75,99,28,85,90,83,58,34,4,80,9,9,116,97,41,14,35,30,10,30,117]],
  [100, 1, [8,100,180,191,37,3,196,45,124,49,169,178,146,189,156,1,109,88,105,14,98,10,97,42,33,48,179,26,120,57,182,121,40,146,5,154,174,83,34,15,161,126,80,94,38,0,103,109,139,139,35,61,12,153,24,129,142,160,55,45,48,51,45,50,173,55,124,170,90,135,6,25,135,150,193,165,105,105,130,22,173,60,16,137,168,110,95,89,181,178,177,133,65,165,88,119,64,72,123,4]],
  [100, 2, [162,112,37,176,156,119,137,31,169,119,91,117,139,147,155,42,136,136,69,83,51,119,21,155,121,192,147,137,196,163,81,85,71,77,103,79,12,16,5,190,56,27,86,7,66,12,16,125,163,163,78,32,134,85,199,71,184,33,129,129,1,160,2,17,8,109,54,198,49,85,124,176,45,169,142,14,189,94,71,21,100,185,79,174,5,50,133,148,126,194,175,150,179,29,134,10,60,90,167,28]]
,
];

describe('goSliceStable', () => {
  it.each(FROM_GO)('places elements where Go does under an inconsistent comparator (n=%i, seed=%i)', (n, seed, want) => {
    const { items, less } = setup(n, seed);
    expect(goSliceStable(items, less)).toEqual(want);
  });

  it('is a stable sort for a consistent comparator, and leaves its input alone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer()), { maxLength: 120 }), (xs) => {
        const copy = xs.map((x) => [...x]);
        const got = goSliceStable(xs, (a, b) => a[0] < b[0]);
        const want = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0][0] - b[0][0] || a[1] - b[1]).map(([x]) => x);
        expect(got).toEqual(want);
        expect(xs).toEqual(copy);
      }),
    );
  });
});
