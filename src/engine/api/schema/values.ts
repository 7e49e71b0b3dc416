/**
 * JSON values as the Go side sees them. Requests reach the simulated API
 * server as JS values; these helpers say what Go would make of the same
 * bytes: the JSON text of a number, whether `map[string]interface{}` holds it
 * as int64 or float64 (sigs.k8s.io/json PreserveInts), and the reflect kind
 * names FromUnstructured prints.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The JSON text kubectl would send for a number: Go's encoder writes int64s
 * as digits and float64s like ES6 (`1e-7`, `1e+21`), which is JS's String().
 * Values JSON cannot hold get Go's strconv spelling (`+Inf`, `NaN`).
 */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return String(n);
}

/** Whether decoding into interface{} gives an int64 (integral text that ParseInt accepts) rather than a float64. */
export function isGoInt64(n: number): boolean {
  return Number.isInteger(n) && n >= -9223372036854775808 && n < 9223372036854775808;
}

/** The reflect.Kind of a value in map[string]interface{}: string, bool, int64, float64, map, slice. */
export function unstructuredKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt64(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

/** The reflect.Type string of the same value (`map[string]interface {}`, `[]interface {}`). */
export function unstructuredTypeString(v: unknown): string {
  const k = unstructuredKind(v);
  return k === 'map' ? 'map[string]interface {}' : k === 'slice' ? '[]interface {}' : k;
}
