/**
 * The three patch types of `kubectl patch` / PATCH requests, applied as the
 * v1.32 API server and `kubectl patch --local` apply them:
 *  - strategicMergePatch (here): apimachinery pkg/util/strategicpatch
 *    (MergeParallelList and IgnoreUnmatchedNulls, i.e. StrategicMergeMapPatch)
 *    with the struct tags of patchmeta.ts and the Go types of schema/;
 *  - mergePatch and jsonPatch (json-patch.ts): evanphx/json-patch v4.12.0.
 *
 * Keys are data: a patch or object key such as `__proto__`, `constructor` or
 * `toString` is an ordinary map key, as in Go (see lib/own.ts); nothing a
 * patch says can reach an object's prototype.
 *
 * Inputs are never modified; results are fresh JSON-shaped values. Failures
 * throw PatchError, an ApiError carrying the API server's status (what
 * `kubectl patch` prints) plus `localMessage` (what `kubectl patch --local`
 * prints after "error: "). Where the Go libraries panic (hashing a map, a nil
 * dereference) the error is the server's answer to a panicking request. No
 * other error escapes.
 */
import { deepCopy } from '../../lib/clone';
import { goSliceStable } from '../../lib/go-stable-sort';
import { exceedsNesting } from '../../lib/nesting';
import { getOwn, hasOwn, isJsonMap, setOwn, type JsonMap } from '../../lib/own';
import { goQuote, goV } from './gofmt';
import { asPatchError, badArgType, goEqual, goS, goTypeName, nestingError, nilDereference, PatchError, unhashable } from './patch-error';
import { GENERIC_META, PATCH_META, type FieldMeta, type StructMeta } from './patchmeta';
import { deref, kindType, type GoType } from './schema/types';

export { PatchError } from './patch-error';
export { jsonPatch, mergePatch } from './json-patch';

// mergepatch error texts (staging/src/k8s.io/apimachinery/pkg/util/mergepatch/errors.go, v1.32)
const ERR_BAD_JSON_DOC = 'invalid JSON document';
const ERR_BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
const ERR_BAD_SET_ORDER = 'invalid patch format of setElementOrder list';
const ERR_BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';
const REJECTED_422 = 'the server rejected our request due to an error in our request';
const MAP_TYPE = 'map[string]interface {}';
const LIST_TYPE = '[]interface {}';

/** Error classes as the apiserver's interpretStrategicMergePatchError maps them. */
function smpError(msg: string): PatchError {
  // Behaviour of staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go interpretStrategicMergePatchError (v1.32)
  if (msg === ERR_BAD_RETAIN_KEYS || msg === ERR_BAD_SET_ORDER || msg === ERR_BAD_PRIMITIVE_LIST) return new PatchError('BadRequest', msg, msg);
  if (msg === ERR_NO_LIST_OF_LISTS) return new PatchError('Invalid', REJECTED_422, msg);
  return new PatchError('', msg, msg, true);
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** Kind of a list's elements, as sliceElementType reports it: 'map' or a scalar type name. */
type ElemKind = string;

// ====================================================================== schema positions

/**
 * Where the merge is in the object: the struct tags below this point
 * (patchmeta.ts) and the Go type (schema/), either unknown for fields the
 * simulation does not model (then nothing is looked up and nothing fails).
 */
interface Pos {
  meta: StructMeta | undefined;
  t: GoType | undefined;
}

const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

/** The Go type of a struct field by JSON name (exact, else ASCII case-insensitive, as the forked json does). */
function fieldType(t: GoType | undefined, key: string): GoType | undefined {
  if (!t) return undefined;
  const s = deref(t);
  if (s.k !== 'struct') return undefined;
  const exact = s.fields.get(key);
  if (exact) return exact;
  const want = asciiLower(key);
  for (const [name, ft] of s.fields) if (asciiLower(name) === want) return ft;
  return undefined;
}

/** LookupPatchMetadataForSlice's element type: []T → T, *[]T → T, *T → T. */
function sliceElem(t: GoType | undefined): GoType | undefined {
  if (!t) return undefined;
  if (t.k === 'slice') return t.elem;
  if (t.k === 'ptr') return t.elem.k === 'slice' ? t.elem.elem : t.elem;
  return undefined;
}

/** reflect.Kind().String() of a Go type. */
function goKind(t: GoType): string {
  switch (t.k) {
    case 'scalar':
      return t.kind;
    case 'ptr':
      return 'ptr';
    case 'slice':
      return 'slice';
    case 'map':
      return 'map';
    default:
      return 'struct';
  }
}

function mapField(pos: Pos, k: string): { meta: FieldMeta | undefined; pos: Pos } {
  const meta = getOwn(pos.meta, k);
  return { meta, pos: { meta: meta?.schema, t: fieldType(pos.t, k) } };
}

function listField(pos: Pos, k: string): { meta: FieldMeta | undefined; elem: Pos } {
  const meta = getOwn(pos.meta, k);
  return { meta, elem: { meta: meta?.schema, t: sliceElem(fieldType(pos.t, k)) } };
}

/**
 * LookupPatchMetadataForSlice as `$setElementOrder/<key>` needs it: fails
 * like upstream for a key that is not a list field of the struct here.
 */
// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/meta.go LookupPatchMetadataForSlice and
// third_party/forked/golang/json/fields.go LookupPatchMetadataForStruct (v1.32)
function lookupSliceStrict(pos: Pos, key: string): { meta: FieldMeta | undefined; elem: Pos } | string {
  if (!pos.t) return listField(pos, key);
  const s = deref(pos.t);
  if (s.k !== 'struct') return `merging an object in json but data type is not struct, instead is: ${goKind(s)}`;
  const ft = fieldType(s, key);
  if (!ft) return `unable to find api field in struct ${s.name} for the json field ${goQuote(key)}`;
  if (ft.k === 'slice') {
    if (ft.elem.k === 'slice') return 'unexpected slice of slice';
  } else if (ft.k !== 'ptr') {
    return `expected slice or array type, but got: ${goKind(pos.t)}`;
  }
  const meta = getOwn(pos.meta, key);
  return { meta, elem: { meta: meta?.schema, t: sliceElem(ft) } };
}

// ====================================================================== strategic merge patch

/**
 * Applies a strategic merge patch to `original` for an object of `kind`
 * (patch strategies and merge keys from patchmeta.ts). A null patch changes
 * nothing (it decodes to an empty map). Throws PatchError.
 */
// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go StrategicMergeMapPatch (v1.32)
export function strategicMergePatch(original: object, patch: object, kind: string): object {
  const deep = exceedsNesting(patch) ?? exceedsNesting(original);
  if (deep) throw nestingError('strategic', deep);
  if (patch === null || patch === undefined) return deepCopy(original);
  if (!isJsonMap(patch)) {
    // The handler decodes the body into a map[string]interface{} first.
    const t = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    throw new PatchError('BadRequest', `json: cannot unmarshal ${t} into Go value of type ${MAP_TYPE}`, ERR_BAD_JSON_DOC);
  }
  const pos: Pos = { meta: getOwn(PATCH_META, kind) ?? GENERIC_META, t: kindType(kind) };
  try {
    return mergeMap(isJsonMap(original) ? deepCopy(original) : {}, deepCopy(patch), pos);
  } catch (e) {
    throw asPatchError(e, original);
  }
}

/**
 * What a patch value becomes where the original has nothing (or a value of
 * another type): discardNullValuesFromPatch, then removeDirectives — null
 * map values dropped, maps carrying a `$patch` dropped, list elements
 * carrying one left out (null list elements stay).
 */
const DROP = Symbol('drop');
function cleanNew(v: unknown): unknown {
  if (isJsonMap(v)) {
    if (hasDirective(v)) return DROP;
    const out: JsonMap = {};
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === null || x === undefined) continue;
      const c = cleanNew(x);
      if (c !== DROP) setOwn(out, k, c);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = x === null ? null : cleanNew(x);
      if (c !== DROP) out.push(c);
    }
    return out;
  }
  return v;
}

/** A `$patch` that survives discardNullValuesFromPatch (a null one is discarded first). */
const hasDirective = (m: JsonMap): boolean => hasOwn(m, DIRECTIVE) && m[DIRECTIVE] !== null;

function setCleaned(target: JsonMap, k: string, v: unknown): void {
  const c = cleanNew(v);
  if (c === DROP) delete target[k];
  else setOwn(target, k, c);
}

/** A `$deleteFromPrimitiveList/x` or `$setElementOrder/x` key's field name (extractKey). */
function directiveField(key: string, prefix: string, err: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw smpError(err);
  return key.slice(slash + 1);
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeMap (v1.32)
function mergeMap(original: JsonMap, patch: JsonMap, pos: Pos): JsonMap {
  if (hasOwn(patch, DIRECTIVE)) return directiveInMap(patch[DIRECTIVE], patch);
  applyRetainKeys(original, patch);
  mergeSetElementOrder(original, patch, pos);

  for (const rawKey of Object.keys(patch)) {
    const patchV = patch[rawKey];
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE)) {
      isDeleteList = true;
      const field = directiveField(rawKey, DELETE_FROM_PRIMITIVE, ERR_BAD_PRIMITIVE_LIST);
      if (field.length > 0) k = field;
    }
    if (patchV === null || patchV === undefined) {
      delete original[k];
      continue;
    }
    if (!hasOwn(original, k)) {
      if (!isDeleteList) setCleaned(original, k, patchV);
      continue;
    }
    const cur = original[k];
    if (goTypeName(cur) !== goTypeName(patchV)) {
      if (!isDeleteList) setCleaned(original, k, patchV);
      continue;
    }
    if (isJsonMap(cur)) {
      const f = mapField(pos, k);
      setOwn(original, k, f.meta?.strategy === 'replace' ? patchV : mergeMap(cur, patchV as JsonMap, f.pos));
    } else if (Array.isArray(cur)) {
      const f = listField(pos, k);
      setOwn(original, k, mergeSliceHandler(cur, patchV as unknown[], f.meta, f.elem, isDeleteList));
    } else {
      setOwn(original, k, patchV);
    }
  }
  return original;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go handleDirectiveInMergeMap (v1.32)
function directiveInMap(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw smpError(`unknown patch type: ${goS(directive)} in map: ${goV(patch)}`);
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go applyRetainKeysDirective (v1.32)
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw smpError(ERR_BAD_RETAIN_KEYS);
  for (const v of retain) {
    const p = unhashable(v);
    if (p) throw p;
  }
  const keep = new Set(retain);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_FROM_PRIMITIVE) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw smpError(ERR_BAD_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function asList(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw smpError(badArgType(LIST_TYPE, v));
  return v;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergePatchIntoOriginal (v1.32)
function mergeSetElementOrder(original: JsonMap, patch: JsonMap, pos: Pos): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw smpError(badArgType(LIST_TYPE, order));
    const field = directiveField(key, SET_ELEMENT_ORDER, ERR_BAD_SET_ORDER);
    const foundOriginal = hasOwn(original, field);
    const foundPatch = hasOwn(patch, field);
    const origList = foundOriginal ? asList(original[field]) : [];
    const patchList = foundPatch ? asList(patch[field]) : [];
    const look = lookupSliceStrict(pos, field);
    if (typeof look === 'string') throw smpError(look);
    const mergeKey = look.meta?.mergeKey ?? '';
    validatePatchWithSetOrderList(patchList, order, mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = origList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList);
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(origList, patchList, look.meta, look.elem, false);
    else continue;
    const [patchItems, serverOnly] = mergeKey === '' ? partitionPrimitives(merged, order) : partitionMaps(merged, order, mergeKey);
    const kind = sliceElementType(origList, patchList);
    setOwn(original, field, normalizeElementOrder(patchItems, serverOnly, order, origList, mergeKey, kind));
    delete patch[field];
  }
}

/** removeDirectives of a list: elements that are maps carrying `$patch` go, nested ones too. */
function removeDirectives(list: unknown[]): unknown[] {
  const strip = (v: unknown): unknown => {
    if (isJsonMap(v)) {
      if (hasOwn(v, DIRECTIVE)) return DROP;
      for (const k of Object.keys(v)) {
        const c = strip(v[k]);
        if (c === DROP) delete v[k];
        else setOwn(v, k, c);
      }
      return v;
    }
    if (Array.isArray(v)) return v.map(strip).filter((x) => x !== DROP);
    return v;
  };
  return strip(list) as unknown[];
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go validatePatchWithSetOrderList (v1.32)
function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let pi = 0;
  let oi = 0;
  while (pi < nonDelete.length && oi < order.length) {
    const item = nonDelete[pi];
    if (isJsonMap(item) && hasOwn(item, DIRECTIVE)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[oi], mergeKey)) pi++;
    oi++;
  }
  if (pi < nonDelete.length && oi >= order.length) {
    throw smpError(`The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goV(order)}\n`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return goEqual(left, right);
  if (!isJsonMap(left)) throw smpError(badArgType(MAP_TYPE, left));
  if (!isJsonMap(right)) throw smpError(badArgType(MAP_TYPE, right));
  if (!hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeSliceHandler (v1.32)
function mergeSliceHandler(original: unknown[], patch: unknown[], meta: FieldMeta | undefined, elem: Pos, isDeleteList: boolean): unknown[] {
  if (meta?.strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, elem, meta?.mergeKey ?? '', isDeleteList);
  return patch;
}

/** sliceElementType: the common element kind of the lists. */
function sliceElementType(...lists: unknown[][]): ElemKind {
  let prev: string | undefined;
  for (const l of lists) {
    for (const v of l) {
      const t = goTypeName(v);
      if (prev === undefined) {
        // upstream asks the nil reflect.Type of a leading null for its Kind
        if (t === undefined) throw nilDereference();
        prev = t;
        if (t === LIST_TYPE) throw smpError(ERR_NO_LIST_OF_LISTS);
      } else if (prev !== t) {
        throw smpError(`list element types are not identical: ${goV(lists)}`);
      }
    }
  }
  if (prev === undefined) throw smpError('no elements in any of the given slices');
  return prev === MAP_TYPE ? 'map' : prev;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeSlice (v1.32)
function mergeSlice(original: unknown[], patch: unknown[], elem: Pos, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw smpError(`cannot merge lists without merge key for ${elem.t ? goKind(elem.t) : 'struct'}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, elem);
  }
  const [patchItems, serverOnly] = mergeKey ? partitionMaps(merged, patch, mergeKey) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function noMergeKey(m: JsonMap, key: string): PatchError {
  return smpError(`map: ${goV(m)} does not contain declared merge key: ${key}`);
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go mergeSliceWithSpecialElements (v1.32)
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!hasOwn(m, DIRECTIVE)) {
      rest.push(v);
      continue;
    }
    const t = m[DIRECTIVE];
    if (t === 'delete') {
      if (!hasOwn(m, mergeKey)) throw noMergeKey(m, mergeKey);
      original = deleteMatchingEntries(original, mergeKey, m[mergeKey]);
    } else if (t === 'replace') {
      replace = true;
    } else if (t === 'merge') {
      throw smpError('merging lists cannot yet be specified in the patch');
    } else {
      throw smpError(`unknown patch type: ${goS(t)} in map: ${goV(m)}`);
    }
  }
  return replace ? [rest, []] : [original, rest];
}

/** findMapInSliceBasedOnKeyValue: the index of the map whose `key` equals `value` (Go `==`), or -1. */
function findByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isJsonMap(v)) throw smpError(`value for key ${i} is not a map`);
    if (hasOwn(v, key) && goEqual(v[key], value)) return i;
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
function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, elem: Pos): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JsonMap;
    if (!hasOwn(m, mergeKey)) throw noMergeKey(m, mergeKey);
    const i = findByKey(out, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JsonMap, m, elem);
    else out.push(v);
  }
  return out;
}

/** deleteFromSlice (elements are scalars here). */
function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** deduplicateScalars keeps the first occurrence, moving the last element into each removed slot. */
function dedupeScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go partitionMapsByPresentInList (v1.32)
function partitionMaps(merged: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of merged) {
    if (!isJsonMap(v)) throw smpError(badArgType(MAP_TYPE, v));
    if (!hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    if (findByKey(by, mergeKey, v[mergeKey]) >= 0) inPatch.push(v);
    else serverOnly.push(v);
  }
  return [inPatch, serverOnly];
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go partitionPrimitivesByPresentInList (v1.32):
// a map[interface{}]bool, so a map or list element panics when it is hashed.
function partitionPrimitives(merged: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const hashable = (v: unknown): unknown => {
    const p = unhashable(v);
    if (p) throw p;
    return v;
  };
  const set = new Set(by.map(hashable));
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of merged) (set.has(hashable(v)) ? inPatch : serverOnly).push(v);
  return [inPatch, serverOnly];
}

/** index(): position of `item` in `list` comparing merge-key values (maps) or items (scalars) with Go `==`. */
function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: ElemKind): number {
  const val = (x: unknown): unknown => (kind === 'map' ? (isJsonMap(x) ? getOwn(x, mergeKey) : undefined) : x);
  const want = val(item);
  for (let i = 0; i < list.length; i++) if (goEqual(want, val(list[i]))) return i;
  return -1;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go validateMergeKeyInLists (v1.32)
function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const l of lists) {
    for (const item of l) {
      if (!isJsonMap(item)) throw smpError(badArgType(MAP_TYPE, item));
      if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** extractToDeleteItems: [kept, to delete ($patch: delete)]. */
function extractToDeleteItems(l: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of l) {
    if (!isJsonMap(v)) throw smpError(badArgType(MAP_TYPE, v));
    (hasOwn(v, DIRECTIVE) && v[DIRECTIVE] === 'delete' ? del : keep).push(v);
  }
  return [keep, del];
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go normalizeSliceOrder (v1.32)
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: ElemKind): unknown[] {
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [toSort, toDelete] = extractToDeleteItems(toSort);
  }
  // An item not found in `order` sorts as "less" (an inconsistent comparator: Go's stable sort decides).
  const sorted = goSliceStable(toSort, (x, y) => {
    const ix = indexIn(order, x, mergeKey, kind);
    if (ix >= 0) {
      const iy = indexIn(order, y, mergeKey, kind);
      if (iy >= 0) return ix < iy;
    }
    return true;
  });
  return [...sorted, ...toDelete];
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/util/strategicpatch/patch.go normalizeElementOrder/mergeSortedSlice (v1.32)
function normalizeElementOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElemKind): unknown[] {
  const right = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
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

// ====================================================================== helpers

/** Removes null-valued keys everywhere (what decoding into typed Go structs does to a patched object). Iterative. */
export function pruneNullFields<T>(v: T): T {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (const e of x) stack.push(e);
    } else if (isJsonMap(x)) {
      for (const k of Object.keys(x)) {
        if (x[k] === null) delete x[k];
        else stack.push(x[k]);
      }
    }
  }
  return v;
}
