/**
 * Decoding a request body into a kind's Go type as the API server's JSON
 * serializer does: sigs.k8s.io/json UnmarshalStrict (case-sensitive, strict)
 * over the fork of encoding/json in sigs.k8s.io/json internal/golang/encoding/json
 * decode.go (the version apimachinery v0.32 uses), with Go 1.23's error texts.
 *
 * The body is a JS value; objects are read in Go's byte order of their keys,
 * because kubectl builds every body it sends from Go maps, whose JSON keys are
 * sorted. Rules kept from decode.go:
 * - A value of the wrong JSON type for its field is skipped and remembered;
 *   the first one is the error (`json: cannot unmarshal string into Go struct
 *   field StatefulSetSpec.spec.replicas of type int32`). Decoding goes on.
 * - A custom unmarshaler's error (Quantity, IntOrString, Time) stops decoding
 *   at once and wins over any remembered type error; if it is a type error it
 *   gets the field being decoded when it stopped.
 * - null leaves scalars and structs at their zero value and sets pointers,
 *   slices and maps to nil; a null slice element or map value is the zero value.
 * - Unknown fields (and their contents, which are skipped) are strict errors,
 *   reported only when decoding otherwise succeeded, at most 100, deduplicated.
 *   Duplicate keys cannot be seen in a JS value: json-syntax.ts finds them in raw
 *   bodies (kubectl sends create/apply bodies built from maps, which have none).
 *
 * The result holds only what the Go type holds: unknown fields are dropped.
 */
import { goKeys } from '../../../lib/order';
import { isJsonMap, setOwn, type JsonMap } from '../../../lib/own';
import { goQuote } from '../gofmt';
import { typeErrorText, unmarshalCustom, type GoError } from './custom';
import { deref, type GoType, type StructType } from './types';
import { numberText } from './values';

export interface JsonDecodeResult {
  /** The decoded object (only fields the Go type has), when decoding did not fail. */
  value: JsonMap | undefined;
  /** The decode error (`json: cannot unmarshal …` or a custom unmarshaler's message), if any. */
  error: string | undefined;
  /** Strict errors (`unknown field "spec.replicaz"`), in the order the decoder met them. */
  strict: string[];
}

/** A custom unmarshaler's error, which ends decoding at once. */
class Abort {
  constructor(readonly err: GoError) {}
}

const MAX_STRICT = 100;

interface State {
  /** Read object keys in Go's byte order (else in insertion order, for a first pass that finds nothing wrong). */
  sorted: boolean;
  saved: string | undefined;
  strict: string[];
  seen: Set<string>;
  /** The enclosing struct's name and the JSON field names from the root (errorContext). */
  struct: string;
  fields: string[];
}

const ZERO = Symbol('zero');

/** Decodes `body` into the struct `t` (UnmarshalStrict: unknown fields are collected as strict errors). */
export function decodeJson(body: unknown, t: StructType): JsonDecodeResult {
  const r = decodeJsonValue(body, t);
  return r.value === undefined || isJsonMap(r.value) ? (r as JsonDecodeResult) : { ...r, value: {} };
}

/** Like decodeJson for any Go type (`[]handlers.jsonPatchOp`, `map[string]interface {}`). */
export function decodeJsonValue(body: unknown, t: GoType): { value: unknown; error: string | undefined; strict: string[] } {
  // Key order only matters when something is wrong; a clean body is decoded once, unsorted.
  const fast = run(body, t, false);
  if (fast) return fast;
  return run(body, t, true) as JsonDecodeResult;
}

function run(body: unknown, t: GoType, sorted: boolean): { value: unknown; error: string | undefined; strict: string[] } | undefined {
  const st: State = { sorted, saved: undefined, strict: [], seen: new Set(), struct: '', fields: [] };
  let value: unknown;
  try {
    value = decodeValue(body, t, st, '');
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
    if (!sorted) return undefined;
    const err = e.err;
    const error = err.kind === 'plain' ? err.message : typeErrorText(err.what, err.type, st.struct, st.fields);
    return { value: undefined, error, strict: [] };
  }
  if (!sorted && (st.saved !== undefined || st.strict.length > 0)) return undefined;
  if (st.saved !== undefined) return { value: undefined, error: st.saved, strict: [] };
  return { value: value === ZERO ? zeroValue(t) : value, error: undefined, strict: st.strict };
}

function typeError(st: State, what: string, t: GoType): void {
  st.saved ??= typeErrorText(what, t.str, st.struct, st.fields);
}

function strictError(st: State, msg: string): void {
  if (st.strict.length >= MAX_STRICT || st.seen.has(msg)) return;
  st.seen.add(msg);
  st.strict.push(msg);
}

/** The zero value of a type as the playground stores it (undefined: not stored). */
export function zeroValue(t: GoType): unknown {
  switch (t.k) {
    case 'scalar':
      return t.kind === 'string' ? '' : t.kind === 'bool' ? false : 0;
    case 'struct':
      return {};
    case 'custom':
      return t.name === 'resource.Quantity' ? '0' : t.name === 'intstr.IntOrString' ? 0 : t.name === 'v1.Time' || t.name === 'v1.MicroTime' ? null : undefined;
    default:
      return undefined;
  }
}

/**
 * Decodes one value; returns the stored form, `ZERO` when the field keeps its
 * zero value (null into a scalar or struct), or undefined for nil.
 */
function decodeValue(v: unknown, t: GoType, st: State, path: string): unknown {
  if (v === null) {
    // Pointers, slices and maps become nil; custom types run their unmarshaler on null.
    if (t.k === 'ptr' || t.k === 'slice' || t.k === 'map') return undefined;
    if (t.k === 'custom') return custom(null, t);
    return ZERO;
  }
  const target = deref(t);
  switch (target.k) {
    case 'any':
      return anyValue(v, st);
    case 'custom':
      return custom(v, target);
    case 'scalar':
      return scalar(v, target, st);
    case 'slice': {
      if (!Array.isArray(v)) {
        typeError(st, what(v), target);
        return ZERO;
      }
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const x = decodeValue(v[i], target.elem, st, `${path}[${i}]`);
        out.push(x === ZERO || x === undefined ? zeroValue(target.elem) ?? null : x);
      }
      return out;
    }
    case 'map': {
      if (!isJsonMap(v)) {
        typeError(st, what(v), target);
        return ZERO;
      }
      const out: JsonMap = {};
      for (const k of st.sorted ? goKeys(v) : Object.keys(v)) {
        if (v[k] === undefined) continue;
        const x = decodeValue(v[k], target.elem, st, path ? `${path}.${k}` : k);
        setOwn(out, k, x === ZERO || x === undefined ? zeroValue(target.elem) ?? null : x);
      }
      return out;
    }
    case 'struct':
      if (!isJsonMap(v)) {
        typeError(st, what(v), target);
        return ZERO;
      }
      return struct(v, target, st, path);
    default:
      throw new Error(`schema: cannot decode into ${t.str}`);
  }
}

function struct(v: JsonMap, t: StructType, st: State, path: string): JsonMap {
  const out: JsonMap = {};
  const fields = t.fields;
  for (const k of st.sorted ? goKeys(v) : Object.keys(v)) {
    if (v[k] === undefined) continue;
    const ft = fields.get(k);
    const sub = path ? `${path}.${k}` : k;
    if (!ft) {
      // strictError.Error(): the path through strconv.Quote.
      strictError(st, `unknown field ${goQuote(sub)}`);
      continue;
    }
    const prevStruct = st.struct;
    const depth = st.fields.length;
    st.struct = t.name;
    st.fields.push(k);
    const x = decodeValue(v[k], ft, st, sub);
    // On an Abort the context stays as it is: the error is named after this field.
    st.struct = prevStruct;
    st.fields.length = depth;
    if (x !== ZERO && x !== undefined) out[k] = x;
  }
  return out;
}

function custom(v: unknown, t: Extract<GoType, { k: 'custom' }>): unknown {
  const r = unmarshalCustom(t.name, v);
  if (!r.ok) throw new Abort(r.err);
  return r.value;
}

/** interface{}: anything JSON holds; a number Go cannot hold as float64 is a type error. */
function anyValue(v: unknown, st: State): unknown {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    st.saved ??= typeErrorText(`number ${numberText(v)}`, 'float64', st.struct, st.fields);
    return ZERO;
  }
  if (Array.isArray(v)) return v.map((x) => (x === null ? null : anyValue(x, st)));
  if (isJsonMap(v)) {
    const out: JsonMap = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) setOwn(out, k, v[k] === null ? null : anyValue(v[k], st));
    return out;
  }
  return v;
}

/** What a type error calls the JSON value ("number 2.5" only for numbers into numeric fields). */
function what(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function scalar(v: unknown, t: Extract<GoType, { k: 'scalar' }>, st: State): unknown {
  switch (t.kind) {
    case 'string':
      if (typeof v === 'string') return v;
      break;
    case 'bool':
      if (typeof v === 'boolean') return v;
      break;
    case 'int32':
    case 'int64':
      if (typeof v === 'number') {
        // strconv.ParseInt on the literal: integral digits within range.
        const lim = t.kind === 'int32' ? 2147483648 : 9223372036854775808;
        if (Number.isInteger(v) && v >= -lim && v < lim && numberText(v).indexOf('e') < 0) return v === 0 ? 0 : v;
        typeError(st, `number ${numberText(v)}`, t);
        return ZERO;
      }
      break;
    case 'float64':
      if (typeof v === 'number') {
        if (Number.isFinite(v)) return v === 0 ? 0 : v;
        typeError(st, `number ${numberText(v)}`, t);
        return ZERO;
      }
      break;
  }
  typeError(st, what(v), t);
  return ZERO;
}
