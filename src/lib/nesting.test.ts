import { describe, expect, it } from 'vitest';
import { exceedsNesting, MAX_NESTING_DEPTH, nestingDepth } from './nesting';

const nest = (n: number, open: '{' | '['): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = open === '[' ? [v] : { a: v };
  return v;
};

describe('nesting depth', () => {
  it('counts levels as Go does (the outermost container is level 1)', () => {
    expect(nestingDepth('x')).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth([1, [2, { a: [] }]])).toBe(4);
    expect(exceedsNesting(nest(3, '{'), 3)).toBeUndefined();
    expect(exceedsNesting(nest(4, '{'), 3)).toBe('{');
    expect(exceedsNesting({ a: [[{}]] }, 3)).toBe('{');
    expect(exceedsNesting({ a: [[[1]]] }, 3)).toBe('[');
  });

  it('measures any depth without recursion', () => {
    for (const open of ['{', '['] as const) {
      expect(nestingDepth(nest(200_000, open))).toBe(200_000);
      expect(exceedsNesting(nest(200_000, open))).toBe(open);
      expect(exceedsNesting(nest(MAX_NESTING_DEPTH, open))).toBeUndefined();
      expect(exceedsNesting(nest(MAX_NESTING_DEPTH + 1, open))).toBe(open);
    }
  });
});
