/**
 * Generators for API request bodies: any JSON-ish value placed at any path of
 * any kind's Go type (mostly real fields, sometimes unknown ones), for the
 * decode property tests. Test-only (fast-check).
 */
import fc from 'fast-check';
import type { FieldValidation } from '../api/decode';
import { KINDS } from '../api/kinds';
import { kindType, type GoType } from '../api/schema/types';

type Step = { key: string } | { index: number };

/** JSON-ish values of every class, including the odd ones. */
const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', '1Gi', '100m', 'abc', '2024-01-01T00:00:00Z', 'x'.repeat(3), '__proto__', 'constructor', 'prototype'),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(2.5, -0.5, 1e21, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, -0, 65536, 1e-7),
  fc.boolean(),
  fc.constant(null),
);
export const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'name', 'spec', '__proto__', 'constructor', 'value'), tie('v'), { maxKeys: 3 })),
})).v;

/** A random path into the Go type: mostly real fields, sometimes an unknown one. */
function pathArb(t: GoType, depth: number, root = false): fc.Arbitrary<Step[]> {
  if (depth <= 0) return fc.constant([]);
  switch (t.k) {
    case 'ptr':
      return pathArb(t.elem, depth);
    case 'slice':
      return fc.tuple(fc.integer({ min: 0, max: 1 }), fc.boolean()).chain(([i, stop]) => (stop ? fc.constant([{ index: i }]) : pathArb(t.elem, depth - 1).map((p) => [{ index: i }, ...p])));
    case 'map':
      return fc.tuple(fc.constantFrom('k', '__proto__', 'app'), fc.boolean()).chain(([k, stop]) => (stop ? fc.constant([{ key: k }]) : pathArb(t.elem, depth - 1).map((p) => [{ key: k }, ...p])));
    case 'struct': {
      // The kind and version of a request are where it is sent, not a value to vary.
      const names = [...t.fields.keys()].filter((n) => !root || (n !== 'kind' && n !== 'apiVersion'));
      return fc.tuple(fc.constantFrom(...names, 'unknownField', '__proto__'), fc.integer({ min: 0, max: 3 })).chain(([k, stop]) => {
        const ft = t.fields.get(k);
        if (!ft || stop === 0) return fc.constant([{ key: k }]);
        return pathArb(ft, depth - 1).map((p) => [{ key: k }, ...p]);
      });
    }
    default:
      return fc.constant([]);
  }
}

/** Puts `v` at `path` inside a fresh copy of `base`, creating objects and lists on the way. */
export function place(base: Record<string, unknown>, path: Step[], v: unknown): Record<string, unknown> {
  const root = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  let cur: unknown = root;
  path.forEach((step, i) => {
    const last = i === path.length - 1;
    const next = path[i + 1];
    const fresh = () => (last ? v : next && 'index' in next ? [] : {});
    if ('key' in step) {
      const o = cur as Record<string, unknown>;
      const have = Object.prototype.hasOwnProperty.call(o, step.key) ? o[step.key] : undefined;
      const child = last || have === null || typeof have !== 'object' ? fresh() : have;
      Object.defineProperty(o, step.key, { value: child, enumerable: true, writable: true, configurable: true });
      cur = child;
    } else {
      const a = cur as unknown[];
      while (a.length < step.index) a.push({});
      const have = a[step.index];
      const child = last || have === null || typeof have !== 'object' ? fresh() : have;
      a[step.index] = child;
      cur = child;
    }
  });
  return root;
}

export const kinds = KINDS.map((k) => k.kind);
export const DECODE_ERROR = /^(json: cannot unmarshal (string|number( \S+)?|bool|array|object) into Go (struct field \w+\.[\w.]+|value) of type \S+|quantities must match the regular expression .+|unable to parse quantity's (numeric part|suffix)|parsing time ".*|strict decoding error: (unknown field "[^"]+"(, )?)+)$/s;

export function baseOf(kind: string): Record<string, unknown> {
  const info = KINDS.find((k) => k.kind === kind);
  return { apiVersion: info?.apiVersion ?? 'v1', kind, metadata: { name: 'x' } };
}

export const caseArb = fc.constantFrom(...kinds).chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    path: pathArb(kindType(kind) as GoType, 7, true),
    value,
    directive: fc.constantFrom<FieldValidation>('Strict', 'Warn', 'Ignore'),
  }),
);

