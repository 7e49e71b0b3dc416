/**
 * Whether a stored object fits its Go type: every field known, every value of
 * its field's type (int32 in range, quantities parsing, times in Go's form).
 * Tests use it to check that whatever the API server accepted is well typed;
 * it reads the same schema the decoders do.
 */
import { isJsonMap } from '../../../lib/own';
import { isValidQuantity } from '../quantity';
import { kindType, type GoType } from './types';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The first place where `obj` does not fit the Go type of its kind (`spec.replicas: want int32, got "x"`), or undefined. */
export function nonConformance(obj: unknown): string | undefined {
  if (!isJsonMap(obj) || typeof obj['kind'] !== 'string') return '<root>: not an object with a kind';
  const t = kindType(obj['kind']);
  if (!t) return `<root>: no Go type for kind ${obj['kind']}`;
  return check(obj, t, '');
}

function check(v: unknown, t: GoType, path: string): string | undefined {
  const at = path || '<root>';
  const want = (what: string) => `${at}: want ${what}, got ${JSON.stringify(v) ?? String(v)}`;
  // A nil pointer, slice or map element is stored as null.
  if (v === null) return t.k === 'ptr' || t.k === 'slice' || t.k === 'map' || t.k === 'any' || (t.k === 'custom' && t.name !== 'resource.Quantity' && t.name !== 'intstr.IntOrString') ? undefined : want(t.str);
  switch (t.k) {
    case 'ptr':
      return check(v, t.elem, path);
    case 'any':
      return undefined;
    case 'scalar':
      switch (t.kind) {
        case 'string':
          return typeof v === 'string' ? undefined : want('string');
        case 'bool':
          return typeof v === 'boolean' ? undefined : want('bool');
        case 'int32':
          return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? undefined : want('int32');
        case 'int64':
          return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 63 ? undefined : want('int64');
        case 'float64':
          return typeof v === 'number' && Number.isFinite(v) ? undefined : want('float64');
      }
      return undefined;
    case 'custom':
      switch (t.name) {
        case 'resource.Quantity':
          return (typeof v === 'string' || typeof v === 'number') && isValidQuantity(v) ? undefined : want('Quantity');
        case 'intstr.IntOrString':
          return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2147483648) ? undefined : want('IntOrString');
        case 'v1.Time':
          return typeof v === 'string' && TIME.test(v) ? undefined : want('Time');
        case 'v1.MicroTime':
          return typeof v === 'string' && MICRO_TIME.test(v) ? undefined : want('MicroTime');
        default:
          return undefined;
      }
    case 'slice':
      if (!Array.isArray(v)) return want(t.str);
      for (let i = 0; i < v.length; i++) {
        const e = check(v[i], t.elem, `${path}[${i}]`);
        if (e) return e;
      }
      return undefined;
    case 'map':
      if (!isJsonMap(v)) return want(t.str);
      for (const k of Object.keys(v)) {
        const e = check(v[k], t.elem, `${path}[${JSON.stringify(k)}]`);
        if (e) return e;
      }
      return undefined;
    case 'struct':
      if (!isJsonMap(v)) return want(t.str);
      for (const k of Object.keys(v)) {
        const ft = t.fields.get(k);
        const sub = path ? `${path}.${k}` : k;
        if (!ft) return `${sub}: not a field of ${t.str}`;
        if (v[k] === undefined) continue;
        const e = check(v[k], ft, sub);
        if (e) return e;
      }
      return undefined;
  }
}
