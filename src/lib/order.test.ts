import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBytes, goKeys, goLess, sortedBytes } from './order';

const utf8 = (s: string) => new TextEncoder().encode(s);
function byteCompare(a: string, b: string): number {
  const x = utf8(a);
  const y = utf8(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  return Math.sign(x.length - y.length);
}

describe('compareBytes', () => {
  it('orders like Go: UTF-8 bytes, not UTF-16 code units and not the locale', () => {
    expect(compareBytes('\uffff', '😀')).toBe(-1); // '<' says the opposite
    expect('\uffff' < '😀').toBe(false);
    expect(compareBytes('\ue000x', '\u{10000}')).toBe(-1);
    expect(compareBytes('aa', 'b')).toBe(-1); // Danish collation puts "aa" (å) after "z"
    expect(compareBytes('Z', 'a')).toBe(-1);
    expect(compareBytes('abc', 'ab')).toBe(1);
    expect(compareBytes('', '')).toBe(0);
    expect(goLess('web-10', 'web-9')).toBe(true);
    expect(sortedBytes(['b', 'å', 'aa', 'Z', '😀', '\uffff'])).toEqual(['Z', 'aa', 'b', 'å', '\uffff', '😀']);
  });

  it('agrees with a byte-wise comparison of the UTF-8 encodings for any strings', () => {
    const text = fc.string({ unit: 'binary', maxLength: 8 });
    const near = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '\ud7ff', '\ue000', '\uffff', '😀', '\u{10ffff}'), maxLength: 6 });
    for (const arb of [text, near]) {
      fc.assert(
        fc.property(arb, arb, (a, b) => {
          expect(compareBytes(a, b)).toBe(byteCompare(a, b));
          expect(compareBytes(b, a) + compareBytes(a, b)).toBe(0);
        }),
        { numRuns: 2000 },
      );
    }
  });
});

describe('goKeys', () => {
  it('lists the keys that hold a value, in UTF-8 byte order', () => {
    const o: Record<string, unknown> = { b: 1, a: null, '\ue000': 2, '😀': 3, gone: undefined, B: 4 };
    expect(goKeys(o)).toEqual(['B', 'a', 'b', '\ue000', '😀']);
    expect(goKeys(JSON.parse('{"__proto__":1,"z":2}') as Record<string, unknown>)).toEqual(['__proto__', 'z']);
  });
});
