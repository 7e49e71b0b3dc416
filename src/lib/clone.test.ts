import { describe, expect, it } from 'vitest';
import { deepCopy, deepEqual, deepFreeze } from './clone';

const nest = (n: number, arr: boolean): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = arr ? [v, null] : { a: v, b: null };
  return v;
};

describe('deepCopy / deepEqual / deepFreeze', () => {
  it('copy keeps every key as own data, __proto__ and constructor included', () => {
    const src = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"m":{"__proto__":[1]}}') as Record<string, unknown>;
    const c = deepCopy(src) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(Object.keys(c)).toEqual(['__proto__', 'constructor', 'm']);
    expect(Object.getOwnPropertyDescriptor(c, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.getPrototypeOf(c['m'])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(c)).toBe(JSON.stringify(src));
    expect(c).not.toBe(src);
    expect(c['constructor']).not.toBe(src['constructor']);
  });

  it('copy drops undefined object values and keeps list holes as undefined', () => {
    expect(deepCopy({ a: undefined, b: [undefined, 1] })).toEqual({ b: [undefined, 1] });
    expect(Object.keys(deepCopy({ a: undefined, b: 1 }))).toEqual(['b']);
  });

  it('equality looks at own keys only', () => {
    const withProto = JSON.parse('{"__proto__":{}}') as unknown;
    expect(deepEqual(withProto, { q: 1 })).toBe(false);
    expect(deepEqual(withProto, JSON.parse('{"__proto__":{}}'))).toBe(true);
    expect(deepEqual({ constructor: 'x' }, { other: 'x' })).toBe(false);
    expect(deepEqual({ toString: {} }, { valueOf: {} })).toBe(false);
    expect(deepEqual({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
    expect(deepEqual([1, { a: [2] }], [1, { a: [2] }])).toBe(true);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });

  it('copy, equality and freeze survive any nesting depth', () => {
    for (const arr of [false, true]) {
      const deep = nest(100_000, arr);
      const copy = deepCopy(deep);
      expect(copy === deep).toBe(false);
      expect(deepEqual(copy, deep)).toBe(true);
      expect(deepEqual(copy, nest(99_999, arr))).toBe(false);
      deepFreeze(copy);
      let cur: unknown = copy;
      let levels = 0;
      let allFrozen = true;
      while (cur !== null && typeof cur === 'object') {
        allFrozen &&= Object.isFrozen(cur);
        levels++;
        cur = Array.isArray(cur) ? cur[0] : (cur as Record<string, unknown>)['a'];
      }
      expect(levels).toBe(100_000);
      expect(allFrozen).toBe(true);
    }
  });

  it('freeze reaches every object of the graph', () => {
    const o = deepFreeze({ a: [{ b: {} }], c: { d: [] } });
    expect(Object.isFrozen(o.a[0]?.b)).toBe(true);
    expect(Object.isFrozen(o.c.d)).toBe(true);
  });
});
