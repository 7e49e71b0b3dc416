/**
 * apimachinery's equality.Semantic.DeepEqual for JSON-shaped objects: an
 * absent field equals its Go zero value where the internal type has no
 * pointer (empty string, false, empty list, empty map; the forked DeepEqual
 * also treats nil and empty slices/maps as equal). Quantities are stored
 * canonically by defaulting, so plain string comparison matches Cmp.
 */
import { getOwn } from '../../lib/own';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.keys(v).every((k) => v[k] === undefined);
  return false;
}

export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(getOwn(a, k), getOwn(b, k))) return false;
    return true;
  }
  return false;
}
