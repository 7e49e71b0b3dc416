/**
 * How a v1.32 API server renders the offending value in a field error
 * (`Invalid value: <here>`). apimachinery's field.Error.ErrorBody in v1.32
 * prints integers and bools plainly, strings with Go's %q, values whose type
 * has a String() method through it, and everything else with Go's %#v (Go
 * syntax, e.g. `map[string]string{"app":"x"}`). JSON rendering only arrived
 * in v1.34 (kubernetes#132314), so it is not used here.
 */
import { compareBytes, goKeys } from '../../lib/order';

/** Go's strconv.Quote / %q for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
      default:
        break;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Go's %v of a JSON-shaped value as decoded into interface{} (sigs.k8s.io/json
 * PreserveInts: integral numbers in range are int64, others float64), e.g.
 * `map[a:1 b:[x y] c:2.5 d:<nil>]` with map keys in byte order.
 */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v === 0 ? 0 : v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${goKeys(o).map((k) => `${k}:${goV(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go's %v of a float64: strconv 'g' with the shortest digits, in exponent form when the exponent is < -4 or >= 6 (`1e+06`, `2.5`). */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [m, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** %#v of a map[string]string: `map[string]string{"a":"b", "c":"d"}`, `map[string]string(nil)` for nil. */
export function goMapStringString(m: Record<string, string> | null | undefined, typeName = 'map[string]string'): string {
  if (m === null || m === undefined) return `${typeName}(nil)`;
  const keys = Object.keys(m).sort(compareBytes);
  return `${typeName}{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** %#v of a []string: `[]string{"a", "b"}`, `[]string(nil)` for nil. */
export function goStringSlice(xs: readonly string[] | null | undefined, typeName = '[]string'): string {
  if (xs === null || xs === undefined) return `${typeName}(nil)`;
  return `${typeName}{${xs.map(goQuote).join(', ')}}`;
}

/** A stand-in for a non-nil pointer printed by %#v (real servers print a heap address). */
export const GO_POINTER = '0xc000a1b2c0';

/** %#v of a pointer field: `(*T)(nil)` or `(*T)(0xc…)`. */
export function goPtr(typeName: string, isNil: boolean): string {
  return `(*${typeName})(${isNil ? 'nil' : GO_POINTER})`;
}

interface SelectorLike {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key?: string; operator?: string; values?: string[] | null }[] | null;
}

/**
 * metav1.LabelSelector's generated (gogo-protobuf) String(), which field errors
 * use because *LabelSelector is a fmt.Stringer:
 * `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
export function labelSelectorGoString(sel: SelectorLike | null | undefined): string {
  if (sel === null || sel === undefined) return 'null';
  const ml = sel.matchLabels ?? {};
  const keys = Object.keys(ml).sort(compareBytes);
  const labels = `map[string]string{${keys.map((k) => `${k}: ${ml[k]},`).join('')}}`;
  const exprs = (sel.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key ?? ''},Operator:${e.operator ?? ''},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:${labels},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** %#v of an intstr.IntOrString held by value. */
export function goIntOrString(v: number | string | undefined | null): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}

/** %#v of a []byte field inside a struct (`[]uint8{0x7b, 0x7d}`). */
export function goBytes(s: string): string {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return `[]uint8{${bytes.map((b) => `0x${b.toString(16)}`).join(', ')}}`;
}

/** Go's json.Marshal of JSON-shaped data (map keys sorted, no spaces, `<`/`>`/`&` escaped). */
export function goJSON(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  if (typeof v === 'number') return goJSONNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${goKeys(o).map((k) => `${goJSON(k)}:${goJSON(o[k])}`).join(',')}}`;
}

function goJSONNumber(n: number): string {
  // Go's encoder writes float64s the way ES6 does (`1e-7`, `1e+21`), which is JS's own String().
  return Number.isFinite(n) ? String(n) : 'null';
}
