import { describe, expect, it } from 'vitest';
import { getOwn, hasOwn, isJsonMap, setOwn } from './own';

const INHERITED = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

describe('own-property access', () => {
  it('inherited names are absent keys of a plain object', () => {
    const o: Record<string, unknown> = { a: 1 };
    for (const k of INHERITED) {
      expect(hasOwn(o, k)).toBe(false);
      expect(getOwn(o, k)).toBeUndefined();
    }
    expect(getOwn(o, 'a')).toBe(1);
    expect(getOwn(undefined, 'a')).toBeUndefined();
    expect(getOwn(null, 'a')).toBeUndefined();
  });

  it('setOwn stores every key as data, __proto__ included, without touching any prototype', () => {
    const o: Record<string, unknown> = {};
    for (const k of INHERITED) setOwn(o, k, { k });
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(INHERITED);
    for (const k of INHERITED) {
      expect(hasOwn(o, k)).toBe(true);
      expect(getOwn(o, k)).toEqual({ k });
    }
    expect(({} as Record<string, unknown>)['k']).toBeUndefined();
    expect(JSON.parse(JSON.stringify(o))).toEqual(JSON.parse(JSON.stringify(o)));
    expect(JSON.stringify(o)).toContain('"__proto__":{"k":"__proto__"}');
    // A second write replaces the own value.
    setOwn(o, '__proto__', 2);
    expect(getOwn(o, '__proto__')).toBe(2);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it('works on objects JSON.parse made and on null-prototype objects', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1},"constructor":"c"}') as Record<string, unknown>;
    expect(getOwn(parsed, '__proto__')).toEqual({ x: 1 });
    expect(getOwn(parsed, 'constructor')).toBe('c');
    const bare = Object.create(null) as Record<string, unknown>;
    setOwn(bare, '__proto__', 1);
    expect(getOwn(bare, '__proto__')).toBe(1);
  });

  it('isJsonMap: objects only', () => {
    expect(isJsonMap({})).toBe(true);
    expect(isJsonMap([])).toBe(false);
    expect(isJsonMap(null)).toBe(false);
    expect(isJsonMap('x')).toBe(false);
  });
});
