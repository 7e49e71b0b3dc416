/**
 * The three patch types of `kubectl patch` / PATCH requests, applied as the
 * v1.32 API server and `kubectl patch --local` apply them:
 *  - strategicMergePatch: apimachinery pkg/util/strategicpatch (MergeParallelList
 *    and IgnoreUnmatchedNulls, i.e. StrategicMergeMapPatch) with the struct tags
 *    of patchmeta.ts;
 *  - mergePatch: RFC 7386 as evanphx/json-patch v4 MergePatch does it;
 *  - jsonPatch: RFC 6902 as gopkg.in/evanphx/json-patch.v4 (v4.12) does it,
 *    including its quirks (replace of a missing object key adds it, negative
 *    indices count from the end, copy of a missing value copies null).
 *
 * Inputs are never modified; results are fresh JSON-shaped values. Failures
 * throw PatchError, an ApiError carrying the API server's status (what
 * `kubectl patch` prints against a server) plus `localMessage` (what
 * `kubectl patch --local` prints after "error: ").
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import { ApiError, type StatusReason } from './errors';
import { goV } from './gofmt';
import { GENERIC_META, PATCH_META, type FieldMeta, type StructMeta } from './patchmeta';

type JSONMap = Record<string, unknown>;

/** A failed patch. `message`/`reason`/`code` are the API server's answer. */
export class PatchError extends ApiError {
  /**
   * @param localMessage the library's error text (`kubectl patch --local` prints `error: <localMessage>`)
   * @param unknownReason true when the server answers 500 with an empty reason
   *   (kubectl then prints `Error from server: <message>`)
   */
  constructor(
    reason: StatusReason,
    message: string,
    readonly localMessage: string,
    readonly unknownReason = false,
  ) {
    super(reason, message);
  }

  /** The line kubectl prints for this error against a server. */
  kubectlText(): string {
    if (this.unknownReason) return `Error from server: ${this.message}`;
    if (this.reason === 'Invalid') return `The request is invalid: ${this.message}`;
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

// mergepatch error texts (staging/src/k8s.io/apimachinery/pkg/util/mergepatch/errors.go, v1.32)
const ERR_BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
const ERR_BAD_SET_ORDER = 'invalid patch format of setElementOrder list';
const ERR_BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';
const REJECTED_422 = 'the server rejected our request due to an error in our request';

/** Error classes as the apiserver's interpretStrategicMergePatchError maps them. */
function smpError(msg: string): PatchError {
  // Behaviour of staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go interpretStrategicMergePatchError (v1.32)
  if (msg === ERR_BAD_RETAIN_KEYS || msg === ERR_BAD_SET_ORDER || msg === ERR_BAD_PRIMITIVE_LIST) return new PatchError('BadRequest', msg, msg);
  if (msg === ERR_NO_LIST_OF_LISTS) return new PatchError('Invalid', REJECTED_422, msg);
  return new PatchError('InternalError', msg, msg, true);
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

const isMap = (v: unknown): v is JSONMap => v !== null && typeof v === 'object' && !Array.isArray(v);
type Kind = 'map' | 'slice' | 'string' | 'number' | 'bool' | 'nil';
const kindOf = (v: unknown): Kind =>
  v === null || v === undefined ? 'nil' : Array.isArray(v) ? 'slice' : typeof v === 'object' ? 'map' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';

// ====================================================================== strategic merge patch

/**
 * Applies a strategic merge patch to `original` for an object of `kind`
 * (patch strategies and merge keys from patchmeta.ts). Throws PatchError.
 */
export function strategicMergePatch(original: object, patch: object, kind: string): object {
  if (!isMap(patch)) throw smpError('invalid JSON document');
  const schema = PATCH_META[kind] ?? GENERIC_META;
  try {
    return mergeMap(deepCopy(original) as JSONMap, deepCopy(patch) as JSONMap, schema);
  } catch (e) {
    if (e instanceof PatchError) throw e;
    throw smpError((e as Error).message);
  }
}

/**
 * The value a patch puts where the original has nothing (or a value of
 * another type): nulls dropped, maps carrying `$patch` dropped, list
 * elements carrying `$patch` dropped. (Observed `kubectl patch --local` v1.32 behaviour.)
 */
const DROP = Symbol('drop');
function cleanNew(v: unknown): unknown {
  if (isMap(v)) {
    if (DIRECTIVE in v) return DROP;
    const out: JSONMap = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === null || x === undefined) continue;
      const c = cleanNew(x);
      if (c !== DROP) out[k] = c;
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      if (isMap(x) && DIRECTIVE in x) continue;
      out.push(x === null ? null : cleanNew(x));
    }
    return out;
  }
  return v;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeMap (v1.32)
function mergeMap(original: JSONMap, patch: JSONMap, schema: StructMeta | undefined): JSONMap {
  if (DIRECTIVE in patch) return directiveInMap(patch[DIRECTIVE], patch);
  applyRetainKeys(original, patch);
  mergeSetElementOrder(original, patch, schema);

  for (const rawKey of Object.keys(patch)) {
    const patchV = patch[rawKey];
    let k = rawKey;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE)) {
      isDeleteList = true;
      k = k.slice(DELETE_FROM_PRIMITIVE.length);
    } else if (k.startsWith(SET_ELEMENT_ORDER)) {
      continue;
    }
    if (patchV === null || patchV === undefined) {
      delete original[k];
      continue;
    }
    if (!(k in original) || original[k] === undefined) {
      if (!isDeleteList) setCleaned(original, k, patchV);
      continue;
    }
    const cur = original[k];
    if (kindOf(cur) !== kindOf(patchV)) {
      if (!isDeleteList) setCleaned(original, k, patchV);
      continue;
    }
    const meta: FieldMeta | undefined = schema?.[k];
    if (isMap(cur)) {
      original[k] = meta?.strategy === 'replace' ? patchV : mergeMap(cur, patchV as JSONMap, meta?.schema);
    } else if (Array.isArray(cur)) {
      original[k] = mergeSliceHandler(cur, patchV as unknown[], meta, isDeleteList);
    } else {
      original[k] = patchV;
    }
  }
  return original;
}

function setCleaned(target: JSONMap, k: string, v: unknown): void {
  const c = cleanNew(v);
  if (c === DROP) delete target[k];
  else target[k] = c;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go handleDirectiveInMergeMap (v1.32)
function directiveInMap(directive: unknown, patch: JSONMap): JSONMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw smpError(`unknown patch type: ${goV(directive)} in map: ${goV(patch)}`);
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go applyRetainKeysDirective (v1.32)
function applyRetainKeys(original: JSONMap, patch: JSONMap): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  delete original[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw smpError(ERR_BAD_RETAIN_KEYS);
  const keep = new Set(retain);
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw smpError(ERR_BAD_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergePatchIntoOriginal (v1.32)
function mergeSetElementOrder(original: JSONMap, patch: JSONMap, schema: StructMeta | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    const field = key.slice(SET_ELEMENT_ORDER.length);
    const origFound = Array.isArray(original[field]);
    const patchFound = Array.isArray(patch[field]);
    const origList = origFound ? (original[field] as unknown[]) : [];
    const patchList = patchFound ? (patch[field] as unknown[]) : [];
    const meta = schema?.[field];
    const mergeKey = meta?.mergeKey ?? '';
    if (!Array.isArray(order)) throw smpError(ERR_BAD_SET_ORDER);
    validatePatchWithSetOrderList(patchList, order, mergeKey);
    if (!origFound && !patchFound) continue;
    let merged: unknown[];
    if (!patchFound) merged = origList;
    else if (!origFound) merged = patchList;
    else merged = mergeSliceHandler(origList, patchList, meta, false);
    const kind = elementKind(origList, patchList);
    if (kind === 'map' && !mergeKey) {
      // Upstream panics here (ordering a list of objects without a merge key); keep the merge.
      original[field] = merged;
      delete patch[field];
      continue;
    }
    const [patchItems, serverOnly] = kind === 'map' ? partitionMaps(merged, order, mergeKey) : partitionPrimitives(merged, order);
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, origList, mergeKey, kind);
    delete patch[field];
  }
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go validatePatchWithSetOrderList (v1.32)
function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? patchList.filter((v) => !(isMap(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let pi = 0;
  let oi = 0;
  while (pi < nonDelete.length && oi < order.length) {
    const item = nonDelete[pi];
    if (isMap(item) && DIRECTIVE in item) {
      pi++;
      continue;
    }
    const a = mergeKey && isMap(item) ? item[mergeKey] : item;
    const o = order[oi];
    const b = mergeKey && isMap(o) ? o[mergeKey] : o;
    if (a === b) pi++;
    oi++;
  }
  if (pi < nonDelete.length && oi >= order.length) {
    throw smpError(`The order in patch list:\n${goV(patchList)}\n doesn't match $setElementOrder list:\n${goV(order)}\n`);
  }
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeSliceHandler (v1.32)
function mergeSliceHandler(original: unknown[], patch: unknown[], meta: FieldMeta | undefined, isDeleteList: boolean): unknown[] {
  if (meta?.strategy === 'merge') return mergeSlice(original, patch, meta.schema, meta.mergeKey ?? '', isDeleteList);
  return patch;
}

/** sliceElementType: the common element kind of the lists. */
function elementKind(...lists: unknown[][]): Kind {
  let prev: Kind | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = kindOf(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') throw smpError(ERR_NO_LIST_OF_LISTS);
      } else if (prev !== k) {
        throw smpError(`list element types are not identical: ${goV(lists)}`);
      }
    }
  }
  if (prev === undefined) throw smpError('no elements in any of the given slices');
  return prev;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeSlice (v1.32)
function mergeSlice(original: unknown[], patch: unknown[], schema: StructMeta | undefined, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw smpError('cannot merge lists without merge key for map[string]interface {}');
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, schema);
  }
  const [patchItems, serverOnly] = mergeKey ? partitionMaps(merged, patch, mergeKey) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function noMergeKey(m: unknown, key: string): PatchError {
  return smpError(`map: ${goV(m)} does not contain declared merge key: ${key}`);
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeSliceWithSpecialElements (v1.32)
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JSONMap;
    if (!(DIRECTIVE in m)) {
      rest.push(v);
      continue;
    }
    const t = m[DIRECTIVE];
    if (t === 'delete') {
      if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
      original = deleteMatchingEntries(original, mergeKey, m[mergeKey]);
    } else if (t === 'replace') {
      replace = true;
    } else if (t === 'merge') {
      throw smpError('merging lists cannot yet be specified in the patch');
    } else {
      throw smpError(`unknown patch type: ${goV(t)} in map: ${goV(m)}`);
    }
  }
  return replace ? [rest, []] : [original, rest];
}

function findByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isMap(v)) throw smpError(`value for key ${i} is not a map`);
    if (key in v && v[key] === value) return i;
  }
  return -1;
}

function deleteMatchingEntries(original: unknown[], key: string, value: unknown): unknown[] {
  const out = [...original];
  for (;;) {
    const i = findByKey(out, key, value);
    if (i < 0) return out;
    out.splice(i, 1);
  }
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeSliceWithoutSpecialElements (v1.32)
function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, schema: StructMeta | undefined): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JSONMap;
    if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
    const i = findByKey(out, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JSONMap, m, schema);
    else out.push(v);
  }
  return out;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** deduplicateScalars keeps the first occurrence, moving the last element into each removed slot. */
function dedupeScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function partitionMaps(merged: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of merged) {
    if (!isMap(v)) throw smpError(`expected a map, but got ${goV(v)}`);
    if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
    if (findByKey(by, mergeKey, v[mergeKey]) >= 0) inPatch.push(v);
    else serverOnly.push(v);
  }
  return [inPatch, serverOnly];
}

function partitionPrimitives(merged: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const set = new Set(by);
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of merged) (set.has(v) ? inPatch : serverOnly).push(v);
  return [inPatch, serverOnly];
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: Kind): number {
  const val = (x: unknown) => (kind === 'map' ? (isMap(x) ? x[mergeKey] : undefined) : x);
  const want = val(item);
  for (let i = 0; i < list.length; i++) if (val(list[i]) === want) return i;
  return -1;
}

/** sort.SliceStable with upstream's comparator (an item not found in `order` sorts as "less"). */
function sortByOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: Kind): unknown[] {
  const a = [...toSort];
  const less = (x: unknown, y: unknown) => {
    const ix = indexIn(order, x, mergeKey, kind);
    if (ix >= 0) {
      const iy = indexIn(order, y, mergeKey, kind);
      if (iy >= 0) return ix < iy;
    }
    return true;
  };
  // Go's stable sort is an insertion sort for up to 20 elements; with a consistent comparator
  // (the normal case) any stable sort gives the same order.
  for (let i = 1; i < a.length; i++) {
    for (let j = i; j > 0 && less(a[j], a[j - 1]); j--) {
      const t = a[j];
      a[j] = a[j - 1];
      a[j - 1] = t;
    }
  }
  return a;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go normalizeElementOrder/mergeSortedSlice (v1.32)
function normalizeElementOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: Kind): unknown[] {
  if (kind === 'map') {
    for (const l of [patchItems, serverOnly, patchOrder, serverOrder]) for (const v of l) if (!isMap(v) || !(mergeKey in v)) throw noMergeKey(v, mergeKey);
  }
  const right = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

// ====================================================================== JSON merge patch (RFC 7386)

const ERR_BAD_JSON_PATCH = 'Invalid JSON Patch';

/**
 * RFC 7386 merge patch as evanphx/json-patch v4 MergePatch applies it: null
 * deletes, objects merge recursively, anything else replaces; nulls inside
 * newly added objects are pruned (nulls inside lists are kept). A non-object
 * patch other than a list throws "Invalid JSON Patch" (BadRequest).
 */
// Behaviour of gopkg.in/evanphx/json-patch.v4 merge.go MergePatch (v4.12)
export function mergePatch(original: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) return pruneNulls(deepCopy(patch));
  if (!isMap(patch)) throw new PatchError('BadRequest', ERR_BAD_JSON_PATCH, ERR_BAD_JSON_PATCH);
  if (!isMap(original)) return pruneNulls(deepCopy(patch));
  const doc = deepCopy(original) as JSONMap;
  mergeDocs(doc, deepCopy(patch) as JSONMap);
  return doc;
}

function mergeDocs(doc: JSONMap, patch: JSONMap): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null || v === undefined) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === null || cur === undefined) doc[k] = pruneNulls(v);
    else if (!isMap(cur)) doc[k] = pruneNulls(v);
    else if (!isMap(v)) doc[k] = v;
    else mergeDocs(cur, v);
  }
}

function pruneNulls(v: unknown): unknown {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null || v[k] === undefined) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) if (x !== null) pruneNulls(x);
  }
  return v;
}

// ====================================================================== JSON patch (RFC 6902)

function jsonPatchError(localMessage: string): PatchError {
  // Behaviour of staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go jsonPatcher.applyJSPatch (v1.32): 422 without details.
  return new PatchError('Invalid', REJECTED_422, localMessage);
}

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

/** ~1 → "/", ~0 → "~" (RFC 6901). */
function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** strconv.Atoi */
function atoi(s: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

class Doc {
  constructor(public root: unknown) {}

  /** findObject: the container holding the last path segment, and that segment. */
  find(path: string): { con: JSONMap | unknown[]; key: string } | undefined {
    const split = path.split('/');
    if (split.length < 2) return undefined;
    const parts = split.slice(1, -1);
    const key = split[split.length - 1] as string;
    let cur: unknown = this.root;
    for (const part of parts) {
      let next: unknown;
      if (Array.isArray(cur)) {
        const idx = atoi(decodeKey(part));
        if (typeof idx === 'string') return undefined;
        const i = idx < 0 ? idx + cur.length : idx;
        if (idx < -cur.length || i >= cur.length) return undefined;
        next = cur[i];
      } else if (isMap(cur)) {
        next = cur[decodeKey(part)];
      } else return undefined;
      if (next === undefined || next === null || (typeof next !== 'object')) return undefined;
      cur = next;
    }
    if (!Array.isArray(cur) && !isMap(cur)) return undefined;
    return { con: cur, key: decodeKey(key) };
  }
}

function aryIndex(ary: unknown[], key: string, forAdd: boolean): number | string {
  const idx = atoi(key);
  if (typeof idx === 'string') return forAdd ? `value was not a proper array index: '${key}': ${idx}` : idx;
  const size = forAdd ? ary.length + 1 : ary.length;
  if (idx >= size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
  if (idx < 0) {
    if (idx < -size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
    return idx + size;
  }
  return idx;
}

function conGet(con: JSONMap | unknown[], key: string): { value: unknown } | string {
  if (Array.isArray(con)) {
    const i = aryIndex(con, key, false);
    if (typeof i === 'string') return i;
    return { value: con[i] };
  }
  return { value: con[key] };
}

function conAdd(con: JSONMap | unknown[], key: string, value: unknown): string | undefined {
  if (Array.isArray(con)) {
    if (key === '-') {
      con.push(value);
      return undefined;
    }
    const i = aryIndex(con, key, true);
    if (typeof i === 'string') return i;
    con.splice(i, 0, value);
    return undefined;
  }
  con[key] = value;
  return undefined;
}

function conRemove(con: JSONMap | unknown[], key: string): string | undefined {
  if (Array.isArray(con)) {
    const i = aryIndex(con, key, false);
    if (typeof i === 'string') return i;
    con.splice(i, 1);
    return undefined;
  }
  if (!(key in con)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
  delete con[key];
  return undefined;
}

function conSet(con: JSONMap | unknown[], key: string, value: unknown): string | undefined {
  if (Array.isArray(con)) {
    const i = aryIndex(con, key, false);
    if (typeof i === 'string') return i;
    con[i] = value;
    return undefined;
  }
  con[key] = value;
  return undefined;
}

/**
 * Applies RFC 6902 operations (add/remove/replace/move/copy/test, `-` index,
 * ~0/~1 escapes) as json-patch v4.12 does. All-or-nothing: on failure throws
 * PatchError (422 "the server rejected our request due to an error in our
 * request"; `localMessage` has the library's text, e.g.
 * `testing value /spec/replicas failed: test failed`).
 */
// Behaviour of gopkg.in/evanphx/json-patch.v4 patch.go Patch.Apply (v4.12)
export function jsonPatch(original: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    const t = isMap(ops) ? 'object' : typeof ops === 'string' ? 'string' : typeof ops === 'number' ? 'number' : typeof ops === 'boolean' ? 'bool' : 'null';
    const msg = `json: cannot unmarshal ${t} into Go value of type jsonpatch.Patch`;
    throw new PatchError('BadRequest', msg, msg);
  }
  for (const raw of ops) {
    if (!isMap(raw)) {
      const t = Array.isArray(raw) ? 'array' : typeof raw === 'string' ? 'string' : typeof raw === 'number' ? 'number' : typeof raw === 'boolean' ? 'bool' : 'null';
      if (t === 'null') continue;
      const msg = `json: cannot unmarshal ${t} into Go value of type jsonpatch.Operation`;
      throw new PatchError('BadRequest', msg, msg);
    }
  }
  const doc = new Doc(deepCopy(original));
  for (const raw of ops) {
    const op: JSONMap = isMap(raw) ? raw : {};
    const kind = typeof op['op'] === 'string' ? (op['op'] as string) : 'unknown';
    const path = typeof op['path'] === 'string' ? (op['path'] as string) : undefined;
    const hasValue = 'value' in op;
    const value = hasValue ? deepCopy(op['value']) : undefined;
    let err: string | undefined;
    switch (kind) {
      case 'add':
        err = opAdd(doc, path, hasValue ? value : null);
        break;
      case 'remove':
        err = opRemove(doc, path);
        break;
      case 'replace':
        err = opReplace(doc, path, hasValue ? value : null);
        break;
      case 'move':
        err = opMove(doc, typeof op['from'] === 'string' ? (op['from'] as string) : undefined, path);
        break;
      case 'copy':
        err = opCopy(doc, typeof op['from'] === 'string' ? (op['from'] as string) : undefined, path);
        break;
      case 'test':
        err = opTest(doc, path, hasValue, value);
        break;
      default:
        err = `Unexpected kind: ${kind}`;
    }
    if (err !== undefined) throw jsonPatchError(err);
  }
  return doc.root;
}

function opAdd(doc: Doc, path: string | undefined, value: unknown): string | undefined {
  if (path === undefined) return `add operation failed to decode path: ${MISSING}`;
  const f = doc.find(path);
  if (!f) return `add operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const e = conAdd(f.con, f.key, value);
  return e === undefined ? undefined : `error in add for path: '${path}': ${e}`;
}

function opRemove(doc: Doc, path: string | undefined): string | undefined {
  if (path === undefined) return `remove operation failed to decode path: ${MISSING}`;
  const f = doc.find(path);
  if (!f) return `remove operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const e = conRemove(f.con, f.key);
  return e === undefined ? undefined : `error in remove for path: '${path}': ${e}`;
}

function opReplace(doc: Doc, path: string | undefined, value: unknown): string | undefined {
  if (path === undefined) return `replace operation failed to decode path: operation missing path field: ${MISSING}`;
  if (path === '') {
    if (!isMap(value) && !Array.isArray(value)) return 'replace operation value must be object or array';
    doc.root = value;
    return undefined;
  }
  const f = doc.find(path);
  if (!f) return `replace operation does not apply: doc is missing path: ${path}: ${MISSING}`;
  const got = conGet(f.con, f.key);
  if (typeof got === 'string') return `Object to be patched is missing field (${path}: ${MISSING})`;
  const e = conSet(f.con, f.key, value);
  return e === undefined ? undefined : `error in remove for path: '${path}': ${e}`;
}

function opMove(doc: Doc, from: string | undefined, path: string | undefined): string | undefined {
  if (from === undefined) return `move operation failed to decode from: operation, missing from field: ${MISSING}`;
  const src = doc.find(from);
  if (!src) return `move operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const got = conGet(src.con, src.key);
  if (typeof got === 'string') return `error in move for path: '${src.key}': ${got}`;
  const re = conRemove(src.con, src.key);
  if (re !== undefined) return `error in move for path: '${src.key}': ${re}`;
  if (path === undefined) return `move operation failed to decode path: operation missing path field: ${MISSING}`;
  const dst = doc.find(path);
  if (!dst) return `move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  const e = conAdd(dst.con, dst.key, got.value === undefined ? null : got.value);
  return e === undefined ? undefined : `error in move for path: '${path}': ${e}`;
}

function opCopy(doc: Doc, from: string | undefined, path: string | undefined): string | undefined {
  if (from === undefined) return `copy operation failed to decode from: operation, missing from field: ${MISSING}`;
  const src = doc.find(from);
  if (!src) return `copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const got = conGet(src.con, src.key);
  if (typeof got === 'string') return `error in copy for from: '${from}': ${got}`;
  if (path === undefined) return `copy operation failed to decode path: ${MISSING}`;
  const dst = doc.find(path);
  if (!dst) return `copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  const e = conAdd(dst.con, dst.key, got.value === undefined ? null : deepCopy(got.value));
  return e === undefined ? undefined : `error while adding value during copy: ${e}`;
}

function opTest(doc: Doc, path: string | undefined, hasValue: boolean, value: unknown): string | undefined {
  if (path === undefined) return `test operation failed to decode path: operation missing path field: ${MISSING}`;
  const failed = `testing value ${path} failed: ${TEST_FAILED}`;
  if (path === '') return hasValue && deepEqual(doc.root, value) ? undefined : failed;
  const f = doc.find(path);
  if (!f) return `test operation does not apply: is missing path: ${path}: ${MISSING}`;
  const got = conGet(f.con, f.key);
  if (typeof got === 'string') return `error in test for path: '${path}': ${got}`;
  if (got.value === undefined || got.value === null) {
    // A missing value equals an explicit null. (Upstream panics when the op has no value at all.)
    return hasValue && value === null ? undefined : failed;
  }
  if (!hasValue) return failed;
  return deepEqual(got.value, value) ? undefined : failed;
}

// ====================================================================== helpers

/** Removes null-valued keys everywhere (what decoding into typed Go structs does to a patched object). */
export function pruneNullFields<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const x of v) pruneNullFields(x);
  } else if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNullFields(v[k]);
    }
  }
  return v;
}
