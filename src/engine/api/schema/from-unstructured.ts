/**
 * runtime.DefaultUnstructuredConverter.FromUnstructuredWithValidation (v0.32):
 * how the API server turns the map a strategic merge patch produced into the
 * kind's Go type. Unlike JSON decoding it walks the Go struct's fields in
 * declaration order, stops at the first error, and has its own messages:
 * - `cannot convert int64 to v1.PullPolicy`, `cannot convert float64 to int32`
 *   (numbers converted with reflect: int64 → int32 wraps, non-integral floats fail),
 * - `unrecognized type: int32` (a string, bool, map or slice into a scalar),
 * - `cannot restore struct from: string`, `cannot restore slice from map`,
 *   `cannot restore map from slice`,
 * - custom types get the value re-encoded as JSON and run their UnmarshalJSON.
 * Unknown fields are collected (when asked) and sorted by message.
 */
import { compareBytes } from '../../../lib/order';
import { isJsonMap, setOwn, type JsonMap } from '../../../lib/own';
import { goErrorText, unmarshalCustom } from './custom';
import { zeroValue } from './decode-json';
import type { GoType, StructType } from './types';
import { unstructuredKind } from './values';

export interface UnstructuredResult {
  value: JsonMap | undefined;
  error: string | undefined;
  /** `unknown field "spec.replicaz"`, sorted, when unknown fields were asked for. */
  unknown: string[];
}

class ConvertError {
  constructor(readonly message: string) {}
}

interface Ctx {
  returnUnknown: boolean;
  unknown: string[];
}

/** Converts `u` into the struct `t`; `returnUnknownFields` is true for the Strict and Warn directives. */
export function fromUnstructured(u: JsonMap, t: StructType, returnUnknownFields: boolean): UnstructuredResult {
  const ctx: Ctx = { returnUnknown: returnUnknownFields, unknown: [] };
  try {
    const value = convert(u, t, ctx, '') as JsonMap;
    return { value, error: undefined, unknown: [...ctx.unknown].sort(compareBytes) };
  } catch (e) {
    if (e instanceof ConvertError) return { value: undefined, error: e.message, unknown: [] };
    throw e;
  }
}

function convert(v: unknown, t: GoType, ctx: Ctx, path: string): unknown {
  if (v === null || v === undefined) return zeroValue(t);
  switch (t.k) {
    case 'scalar':
      return scalar(v, t);
    case 'custom': {
      const r = unmarshalCustom(t.name, v);
      if (!r.ok) throw new ConvertError(goErrorText(r.err));
      return r.value;
    }
    case 'ptr':
      return convert(v, t.elem, ctx, path);
    case 'slice': {
      if (!Array.isArray(v)) throw new ConvertError(`cannot restore slice from ${unstructuredKind(v)}`);
      return v.map((x, i) => {
        const out = convert(x, t.elem, ctx, `${path}[${i}]`);
        return out === undefined ? null : out;
      });
    }
    case 'map': {
      if (!isJsonMap(v)) throw new ConvertError(`cannot restore map from ${unstructuredKind(v)}`);
      const out: JsonMap = {};
      // Map values carry no path: the converter does not push map keys.
      for (const k of Object.keys(v)) {
        const x = convert(v[k], t.elem, ctx, path);
        setOwn(out, k, x === undefined ? null : x);
      }
      return out;
    }
    case 'struct':
      return struct(v, t, ctx, path);
    default:
      throw new Error(`schema: cannot convert into ${(t as GoType).str}`);
  }
}

function struct(v: unknown, t: StructType, ctx: Ctx, path: string): JsonMap {
  if (!isJsonMap(v)) throw new ConvertError(`cannot restore struct from: ${unstructuredKind(v)}`);
  const out: JsonMap = {};
  for (const [name, ft] of t.fields) {
    if (!Object.prototype.hasOwnProperty.call(v, name) || v[name] === undefined) continue;
    if (v[name] === null) {
      // Only a zero metav1.Time is written back (as null); other zero values are not stored.
      if (ft.k === 'custom' && (ft.name === 'v1.Time' || ft.name === 'v1.MicroTime')) out[name] = null;
      continue;
    }
    const x = convert(v[name], ft, ctx, path ? `${path}.${name}` : name);
    if (x !== undefined) out[name] = x;
  }
  if (ctx.returnUnknown) {
    for (const k of Object.keys(v)) if (!t.fields.has(k)) ctx.unknown.push(`unknown field "${path ? `${path}.${k}` : k}"`);
  }
  return out;
}

/** Go's int64 → narrower integer conversion (keeps the low bits). */
const wrap = (n: number, kind: 'int32' | 'int64'): number => (kind === 'int32' ? n | 0 : n);

function scalar(v: unknown, t: Extract<GoType, { k: 'scalar' }>): unknown {
  const src = unstructuredKind(v);
  switch (t.kind) {
    case 'string':
      if (src === 'string') return v;
      if (src === 'int64') throw new ConvertError(`cannot convert int64 to ${t.str}`);
      break;
    case 'bool':
      if (src === 'bool') return v;
      break;
    case 'int32':
    case 'int64':
      if (src === 'int64') return wrap(v as number, t.kind) || 0;
      if (src === 'float64') {
        const f = v as number;
        if (f !== Math.trunc(f)) throw new ConvertError(`cannot convert float64 to ${t.str}`);
        // reflect converts through int64; out of range gives the amd64 "integer indefinite" value.
        const i64 = Math.abs(f) < 9223372036854775808 ? f : -9223372036854775808;
        return t.kind === 'int64' ? i64 : i64 === -9223372036854775808 ? 0 : wrap(i64, 'int32');
      }
      break;
    case 'float64':
      if (src === 'int64' || src === 'float64') return v;
      break;
  }
  throw new ConvertError(`unrecognized type: ${t.kind}`);
}
