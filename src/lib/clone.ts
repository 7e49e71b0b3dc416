/**
 * Copying and comparing JSON-shaped data (objects, arrays, primitives).
 *
 * Keys are data: a key such as `__proto__` or `constructor` is copied and
 * compared as an own property like any other (see own.ts). Shallow data is
 * walked recursively; below RECURSION_DEPTH levels the walk continues with an
 * explicit stack, so no nesting depth overflows the JavaScript stack.
 */
import { getOwn, hasOwn, setOwn, type JsonMap } from './own';

/** Levels handled by plain recursion before switching to an explicit stack. */
const RECURSION_DEPTH = 64;

const isObj = (v: unknown): v is object => v !== null && typeof v === 'object';

/** Deep copy of JSON-shaped data; object keys whose value is undefined are left out. */
export function deepCopy<T>(x: T): T {
  return copyRec(x, 0) as T;
}

function copyRec(x: unknown, depth: number): unknown {
  if (!isObj(x)) return x;
  if (depth >= RECURSION_DEPTH) return copyDeep(x);
  if (Array.isArray(x)) {
    const out = new Array<unknown>(x.length);
    for (let i = 0; i < x.length; i++) out[i] = copyRec(x[i], depth + 1);
    return out;
  }
  const src = x as JsonMap;
  const out: JsonMap = {};
  for (const k of Object.keys(src)) {
    const v = src[k];
    if (v !== undefined) setOwn(out, k, copyRec(v, depth + 1));
  }
  return out;
}

const emptyLike = (v: object): JsonMap | unknown[] => (Array.isArray(v) ? new Array<unknown>(v.length) : {});

/** deepCopy with an explicit stack. */
function copyDeep(root: object): unknown {
  const out = emptyLike(root);
  const stack: [object, JsonMap | unknown[]][] = [[root, out]];
  while (stack.length > 0) {
    const [src, dst] = stack.pop() as [object, JsonMap | unknown[]];
    if (Array.isArray(src)) {
      const d = dst as unknown[];
      for (let i = 0; i < src.length; i++) {
        const v: unknown = src[i];
        if (isObj(v)) {
          const c = emptyLike(v);
          d[i] = c;
          stack.push([v, c]);
        } else d[i] = v;
      }
    } else {
      const s = src as JsonMap;
      const d = dst as JsonMap;
      for (const k of Object.keys(s)) {
        const v = s[k];
        if (v === undefined) continue;
        if (isObj(v)) {
          const c = emptyLike(v);
          setOwn(d, k, c);
          stack.push([v, c]);
        } else setOwn(d, k, v);
      }
    }
  }
  return out;
}

/** Structural equality of JSON-shaped data; key order does not matter, undefined keys equal missing ones. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equalRec(a, b, 0);
}

const definedKeys = (o: JsonMap): string[] => Object.keys(o).filter((k) => o[k] !== undefined);

/** Compares one level; returns the pairs of children still to compare, or false. */
function equalLevel(a: unknown, b: unknown): [unknown, unknown][] | boolean {
  if (a === b) return true;
  if (!isObj(a) || !isObj(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const pairs: [unknown, unknown][] = [];
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== bb[i]) pairs.push([a[i], bb[i]]);
    return pairs;
  }
  const ao = a as JsonMap;
  const bo = b as JsonMap;
  const ak = definedKeys(ao);
  if (ak.length !== definedKeys(bo).length) return false;
  for (const k of ak) {
    if (!hasOwn(bo, k)) return false;
    const x = ao[k];
    const y = getOwn(bo, k);
    if (x !== y) pairs.push([x, y]);
  }
  return pairs;
}

function equalRec(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (!isObj(a) || !isObj(b)) return false;
  if (depth >= RECURSION_DEPTH) return equalDeep(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalRec(a[i], bb[i], depth + 1)) return false;
    return true;
  }
  const ao = a as JsonMap;
  const bo = b as JsonMap;
  const ak = definedKeys(ao);
  if (ak.length !== definedKeys(bo).length) return false;
  for (const k of ak) if (!hasOwn(bo, k) || !equalRec(ao[k], bo[k], depth + 1)) return false;
  return true;
}

/** deepEqual with an explicit stack. */
function equalDeep(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    const r = equalLevel(x, y);
    if (r === false) return false;
    if (r !== true) for (const p of r) stack.push(p);
  }
  return true;
}

/** Freezes an object graph (used in tests to catch writes to shared cache objects). */
export function deepFreeze<T>(x: T): T {
  const stack: unknown[] = [x];
  while (stack.length > 0) {
    const v = stack.pop();
    if (isObj(v) && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const c of Object.values(v)) stack.push(c);
    }
  }
  return x;
}
