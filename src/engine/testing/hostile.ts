/**
 * Generators and checks for the prototype-safety property tests: JSON-shaped
 * data, patches and selector/template text whose keys are drawn from a pool
 * that mixes ordinary names with the names every JavaScript object inherits
 * (`__proto__`, `constructor`, `toString`…). Test-only (fast-check).
 */
import fc from 'fast-check';
import { setOwn } from '../../lib/own';

/** Names a plain JavaScript object inherits from Object.prototype. */
export const INHERITED_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
] as const;

/** Ordinary keys, including ones that look like indices or JSON-pointer pieces. */
export const ORDINARY_KEYS = ['a', 'b', 'name', 'app', 'image', 'x/y', 'a~b', '', '0', 'length'] as const;

export const anyKey: fc.Arbitrary<string> = fc.constantFrom(...INHERITED_NAMES, ...ORDINARY_KEYS);

/** Scalars that never spell JavaScript's own words (so output checks can look for them). */
export const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('v', 'web', 'delete', 'replace', 'merge', '__proto__', 'constructor', 'toString', '', '1', 'x y'),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(1.5, 1e21, -0),
  fc.boolean(),
  fc.constant(null),
);

/** A plain object holding `entries` as own data properties (later duplicates win), `__proto__` included. */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) setOwn(o, k, v);
  return o;
}

/** JSON-shaped values whose object keys come from `keys`. */
export function jsonValue(keys: fc.Arbitrary<string> = anyKey, leaf: fc.Arbitrary<unknown> = scalar, maxDepth = 4): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    v: fc.oneof({ maxDepth, depthSize: 'small' }, leaf, tie('arr'), tie('obj')),
    arr: fc.array(tie('v'), { maxLength: 3 }),
    obj: fc.array(fc.tuple(keys, tie('v')), { maxLength: 4 }).map(objectOf),
  })).v;
}

/** JSON objects whose keys come from `keys`. */
export function jsonObject(keys: fc.Arbitrary<string> = anyKey, leaf: fc.Arbitrary<unknown> = scalar, maxDepth = 4): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(keys, jsonValue(keys, leaf, maxDepth - 1)), { maxLength: 5 }).map(objectOf);
}

/** The own property names of the built-in prototypes, to compare before and after. */
export function prototypeSnapshot(): string {
  const protos: [string, object][] = [
    ['Object', Object.prototype],
    ['Array', Array.prototype],
    ['Function', Function.prototype],
    ['String', String.prototype],
  ];
  return protos.map(([n, p]) => `${n}:${Reflect.ownKeys(p).map(String).sort().join(',')}`).join('\n');
}

/**
 * Throws unless every object reachable from `v` is a plain object or array
 * with the usual prototype whose keys are enumerable own data properties.
 */
export function assertPlainData(v: unknown): void {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object') {
      if (typeof x === 'function' || typeof x === 'symbol') throw new Error(`not JSON data: ${typeof x}`);
      continue;
    }
    const proto = Object.getPrototypeOf(x) as unknown;
    if (Array.isArray(x)) {
      if (proto !== Array.prototype) throw new Error('an array with another prototype');
      for (const e of x) stack.push(e);
      continue;
    }
    if (proto !== Object.prototype && proto !== null) throw new Error('an object with another prototype');
    for (const k of Reflect.ownKeys(x)) {
      const d = Object.getOwnPropertyDescriptor(x, k) as PropertyDescriptor;
      if (typeof k !== 'string' || !('value' in d) || !d.enumerable) throw new Error(`key ${String(k)} is not an enumerable data property`);
      stack.push(d.value);
    }
  }
}

/** Text that JavaScript (not kubectl or the API server) writes. */
export const JS_TEXT = /\[native code\]|\[object [A-Z]|function [A-Za-z_]*\(|Cannot read propert|is not a function|is not iterable|Maximum call stack|undefined/;
