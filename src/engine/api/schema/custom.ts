/**
 * The API types that decode through their own UnmarshalJSON: Quantity,
 * IntOrString, metav1.Time / MicroTime, RawExtension, FieldsV1.
 * Behaviour of apimachinery (v0.32) resource.Quantity.UnmarshalJSON,
 * intstr.IntOrString.UnmarshalJSON, metav1.Time/MicroTime.UnmarshalJSON,
 * runtime.RawExtension.UnmarshalJSON and metav1.FieldsV1.UnmarshalJSON.
 */
import { deepCopy } from '../../../lib/clone';
import { isJsonMap } from '../../../lib/own';
import { goJSON } from '../gofmt';
import { canonicalQuantity, parseQuantity, QuantityError } from '../quantity';
import { formatRFC3339, formatRFC3339Micro, goParseTime, GoTimeError, RFC3339, RFC3339_MICRO } from './gotime';
import type { CustomName } from './types';
import { numberText } from './values';

/**
 * An error from a custom unmarshaler. `type` errors are encoding/json's
 * UnmarshalTypeError from the json.Unmarshal the unmarshaler calls inside;
 * the outer decoder later names the struct field they happened in.
 */
export type GoError = { kind: 'type'; what: string; type: string } | { kind: 'plain'; message: string };

export type CustomResult = { ok: true; value: unknown } | { ok: false; err: GoError };

const ok = (value: unknown): CustomResult => ({ ok: true, value });
const fail = (err: GoError): CustomResult => ({ ok: false, err });

/** What encoding/json calls a JSON value in "cannot unmarshal X into …" when the target is not a number. */
export function jsonWhat(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (isJsonMap(v)) return 'object';
  return 'null';
}

const CANONICAL_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

/** Whether the day exists in its month (the regexp checked everything else). */
function plausible(v: string): boolean {
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= (days as number);
}

/** Go's strings.TrimSpace (ASCII and Unicode White_Space). */
const trimSpace = (s: string): string => s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');

/**
 * Runs the unmarshaler of `name` on a value. `undefined` as the result value
 * means a Go zero value that is not stored (an empty RawExtension); a zero
 * Time is stored as null, as Go writes it.
 */
export function unmarshalCustom(name: CustomName, v: unknown): CustomResult {
  switch (name) {
    case 'resource.Quantity': {
      if (v === null) return ok('0');
      // The bytes between the quotes, as the request carried them.
      const raw = typeof v === 'string' ? goJSON(v).slice(1, -1) : typeof v === 'number' ? numberText(v) : goJSON(v);
      const text = trimSpace(raw);
      try {
        parseQuantity(text);
        return ok(canonicalQuantity(text));
      } catch (e) {
        if (e instanceof QuantityError) return fail({ kind: 'plain', message: e.message });
        throw e;
      }
    }
    case 'intstr.IntOrString': {
      if (typeof v === 'string') return ok(v);
      if (v === null) return ok(0);
      if (typeof v === 'number') {
        if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return ok(v === 0 ? 0 : v);
        return fail({ kind: 'type', what: `number ${numberText(v)}`, type: 'int32' });
      }
      return fail({ kind: 'type', what: jsonWhat(v), type: 'int32' });
    }
    case 'v1.Time':
    case 'v1.MicroTime': {
      // A zero time marshals as null (omitempty does not drop a struct): keep it as null.
      if (v === null) return ok(null);
      if (typeof v !== 'string') return fail({ kind: 'type', what: jsonWhat(v), type: 'string' });
      // Already in the form Go writes back (UTC, whole seconds): keep it as it is.
      if (name === 'v1.Time' && CANONICAL_TIME.test(v) && plausible(v)) return ok(v);
      try {
        if (name === 'v1.Time') return ok(formatRFC3339(goParseTime(RFC3339, v)));
        return ok(formatRFC3339Micro(goParseTime(RFC3339_MICRO, v)));
      } catch (e) {
        if (e instanceof GoTimeError) return fail({ kind: 'plain', message: e.message });
        throw e;
      }
    }
    case 'runtime.RawExtension':
    case 'v1.FieldsV1':
      return ok(v === null ? undefined : deepCopy(v));
    case 'v1.Duration':
      if (v === null) return ok(undefined);
      return typeof v === 'string' ? ok(v) : fail({ kind: 'type', what: jsonWhat(v), type: 'string' });
    default:
      throw new Error(`schema: no unmarshaler for ${String(name)}`);
  }
}

/** encoding/json's UnmarshalTypeError.Error(), with the struct field when there is one. */
export function typeErrorText(what: string, type: string, struct: string, fields: readonly string[]): string {
  if (struct !== '' || fields.length > 0) return `json: cannot unmarshal ${what} into Go struct field ${struct}.${fields.join('.')} of type ${type}`;
  return `json: cannot unmarshal ${what} into Go value of type ${type}`;
}

/** The message of a custom unmarshaler's error when nothing adds a field to it. */
export function goErrorText(err: GoError): string {
  return err.kind === 'plain' ? err.message : typeErrorText(err.what, err.type, '', []);
}
