/**
 * JSON merge patch (RFC 7386) and JSON patch (RFC 6902) as the v1.32 API
 * server and `kubectl patch --local` apply them: gopkg.in/evanphx/json-patch.v4
 * (v4.12.0) MergePatch and Patch.Apply, with the handler's limits and error
 * mapping (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
 * applyJSPatch). Keys are data: `__proto__`, `constructor`… are ordinary
 * object keys here, as they are in a Go map.
 *
 * Inputs are never modified; results are fresh JSON-shaped values. Every
 * failure is a PatchError (see patch-error.ts).
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import { exceedsNesting } from '../../lib/nesting';
import { utf8Length } from '../../lib/utf8';
import { getOwn, hasOwn, isJsonMap, setOwn, type JsonMap } from '../../lib/own';
import { goQuote } from './gofmt';
import { asPatchError, nestingError, nilDereference, PatchError } from './patch-error';

// ====================================================================== JSON merge patch (RFC 7386)

const ERR_BAD_JSON_PATCH = 'Invalid JSON Patch';
const ERR_BAD_JSON_DOC = 'Invalid JSON Document';

/**
 * RFC 7386 merge patch as evanphx/json-patch v4 MergePatch applies it: null
 * deletes, objects merge recursively, anything else replaces; nulls inside
 * newly added objects are pruned (nulls inside lists are kept). A list patch
 * replaces the whole document (the caller's decode then rejects it); any
 * other non-object patch throws "Invalid JSON Patch" (BadRequest).
 */
// Behaviour of gopkg.in/evanphx/json-patch.v4 merge.go MergePatch (v4.12.0)
export function mergePatch(original: unknown, patch: unknown): unknown {
  const deep = exceedsNesting(patch) ?? exceedsNesting(original);
  if (deep) throw nestingError('merge', deep);
  if (!Array.isArray(patch) && !isJsonMap(patch)) throw new PatchError('BadRequest', ERR_BAD_JSON_PATCH, ERR_BAD_JSON_PATCH);
  try {
    if (original === null || original === undefined) throw new PatchError('', ERR_BAD_JSON_DOC, ERR_BAD_JSON_DOC, true);
    if (Array.isArray(patch) || !isJsonMap(original)) return pruneNulls(deepCopy(patch));
    const doc = deepCopy(original);
    mergeDocs(doc, deepCopy(patch));
    return doc;
  } catch (e) {
    throw asPatchError(e, original);
  }
}

function mergeDocs(doc: JsonMap, patch: JsonMap): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === undefined) continue;
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = getOwn(doc, k);
    if (cur === null || cur === undefined || !isJsonMap(cur)) setOwn(doc, k, pruneNulls(v));
    else if (!isJsonMap(v)) setOwn(doc, k, v);
    else mergeDocs(cur, v);
  }
}

/** Drops null object values everywhere (list elements that are null stay). */
function pruneNulls(v: unknown): unknown {
  if (isJsonMap(v)) {
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

/** handlers/patch.go maxJSONPatchOperations */
const MAX_JSON_PATCH_OPERATIONS = 10000;
/** The API server's jsonpatch.AccumulatedCopySizeLimit (server option --json-patch-max-copy-bytes, default 3 MiB). */
const MAX_COPY_BYTES = 3 * 1024 * 1024;
const REJECTED_422 = 'the server rejected our request due to an error in our request';
const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

/** How Go's encoding/json names a JSON value's type in "cannot unmarshal X into …". */
function jsonTypeWord(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string, number
}

/** A failed operation: the handler answers 422 without details; `--local` prints the library's text. */
function applyError(localMessage: string): PatchError {
  // Behaviour of staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go jsonPatcher.applyJSPatch (v1.32)
  return new PatchError('Invalid', REJECTED_422, localMessage);
}

/** kubectl's local rewrite of json-patch's "doc is missing key" (cmd/patch/patch.go getPatchedJSON). */
function kubectlMissingKey(path: string): PatchError {
  return new PatchError('Invalid', REJECTED_422, `Object to be patched is missing field (${path}: ${MISSING})`);
}

/**
 * Applies RFC 6902 operations (add/remove/replace/move/copy/test, `-` index,
 * ~0/~1 escapes, negative indices) as json-patch v4.12.0 does. All or
 * nothing: on failure throws PatchError (422 "the server rejected our
 * request due to an error in our request"; `localMessage` has the library's
 * text, e.g. `testing value /spec/replicas failed: test failed`). A patch
 * that is not a list, or holds something other than objects, is a
 * BadRequest; more than 10000 operations is RequestEntityTooLarge; an
 * operation the library would panic on gets the server's panic answer.
 * Library quirks kept: replacing a missing object key adds it, replacing the
 * root with a non-object is a no-op, copying a missing value copies null.
 */
// Behaviour of gopkg.in/evanphx/json-patch.v4 patch.go DecodePatch and Patch.Apply (v4.12.0)
export function jsonPatch(original: unknown, ops: unknown): unknown {
  if (ops === null || ops === undefined) return deepCopy(original);
  // Go's decoder checks the nesting of the whole body before it looks at any value.
  const deep = exceedsNesting(ops) ?? exceedsNesting(original);
  if (deep) throw nestingError('json', deep);
  if (!Array.isArray(ops)) {
    const msg = `json: cannot unmarshal ${jsonTypeWord(ops)} into Go value of type jsonpatch.Patch`;
    throw new PatchError('BadRequest', msg, msg);
  }
  for (const raw of ops) {
    if (raw !== null && raw !== undefined && !isJsonMap(raw)) {
      const msg = `json: cannot unmarshal ${jsonTypeWord(raw)} into Go value of type jsonpatch.Operation`;
      throw new PatchError('BadRequest', msg, msg);
    }
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    const msg = `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`;
    throw new PatchError('RequestEntityTooLarge', msg, msg);
  }
  const doc = new Doc(deepCopy(original));
  try {
    for (const raw of ops as (JsonMap | null)[]) {
      const op = raw ?? {};
      const kind = typeof getOwn(op, 'op') === 'string' ? (op['op'] as string) : 'unknown';
      switch (kind) {
        case 'add':
          opAdd(doc, op);
          break;
        case 'remove':
          opRemove(doc, op);
          break;
        case 'replace':
          opReplace(doc, op);
          break;
        case 'move':
          opMove(doc, op);
          break;
        case 'copy':
          opCopy(doc, op);
          break;
        case 'test':
          opTest(doc, op);
          break;
        default:
          throw applyError(`Unexpected kind: ${kind}`);
      }
    }
  } catch (e) {
    throw asPatchError(e, original);
  }
  return doc.root;
}

type Field = { ok: true; v: string } | { ok: false; err: string };

/** Operation.Path / Operation.From: a string field; null counts as missing. */
function stringField(op: JsonMap, name: 'path' | 'from', missing: string): Field {
  const v = getOwn(op, name);
  if (v === undefined || v === null) return { ok: false, err: `${missing}: ${MISSING}` };
  if (typeof v !== 'string') return { ok: false, err: `json: cannot unmarshal ${jsonTypeWord(v)} into Go value of type string` };
  return { ok: true, v };
}
const pathOf = (op: JsonMap): Field => stringField(op, 'path', 'operation missing path field');
const fromOf = (op: JsonMap): Field => stringField(op, 'from', 'operation, missing from field');

/** Operation.value(): absent (undefined) or the JSON value, null included (a fresh copy). */
const valueOf = (op: JsonMap): unknown => (hasOwn(op, 'value') ? deepCopy(op['value']) : undefined);

/** RFC 6901 unescaping: ~1 → "/", ~0 → "~", in one left-to-right pass. */
function decodeKey(k: string): string {
  return k.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi on a 64-bit platform: the value, or the error text. */
function atoi(s: string): bigint | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) return `strconv.Atoi: parsing ${goQuote(s)}: value out of range`;
  return n;
}

type Container = JsonMap | unknown[];

class Doc {
  /** Bytes added by copy operations so far (the AccumulatedCopySizeLimit count). */
  copied = 0;
  constructor(public root: unknown) {}

  /** findObject: the container holding the path's last segment, and that (unescaped) segment. */
  find(path: string): { con: Container; key: string } | undefined {
    const split = path.split('/');
    if (split.length < 2) return undefined;
    let cur: unknown = this.root;
    for (let i = 1; i < split.length - 1; i++) {
      const part = decodeKey(split[i] as string);
      let next: unknown;
      if (Array.isArray(cur)) {
        const got = arrayGet(cur, part);
        if (typeof got === 'string') return undefined;
        next = got.value;
      } else if (isJsonMap(cur)) {
        next = getOwn(cur, part);
      } else return undefined;
      if (next === undefined || next === null || typeof next !== 'object') return undefined;
      cur = next;
    }
    if (!Array.isArray(cur) && !isJsonMap(cur)) return undefined;
    return { con: cur, key: decodeKey(split[split.length - 1] as string) };
  }
}

const invalidIndex = (i: bigint): string => `Unable to access invalid index: ${i}: ${INVALID_INDEX}`;

/** partialArray.get */
function arrayGet(ary: unknown[], key: string): { value: unknown } | string {
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  const len = BigInt(ary.length);
  let i = idx;
  if (i < 0n) {
    if (i < -len) return invalidIndex(idx);
    i += len;
  }
  if (i >= len) return invalidIndex(idx);
  return { value: ary[Number(i)] };
}

function conGet(con: Container, key: string): { value: unknown } | string {
  if (Array.isArray(con)) return arrayGet(con, key);
  return { value: getOwn(con, key) };
}

/** container.add: arrays insert (`-` appends), objects set. */
function conAdd(con: Container, key: string, value: unknown): string | undefined {
  if (!Array.isArray(con)) {
    setOwn(con, key, value);
    return undefined;
  }
  if (key === '-') {
    con.push(value);
    return undefined;
  }
  const idx = atoi(key);
  if (typeof idx === 'string') return `value was not a proper array index: '${key}': ${idx}`;
  const size = BigInt(con.length + 1);
  let i = idx;
  if (i >= size) return invalidIndex(idx);
  if (i < 0n) {
    if (i < -size) return invalidIndex(idx);
    i += size;
  }
  con.splice(Number(i), 0, value);
  return undefined;
}

function conRemove(con: Container, key: string): string | undefined {
  if (!Array.isArray(con)) {
    if (!hasOwn(con, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete con[key];
    return undefined;
  }
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  const len = BigInt(con.length);
  let i = idx;
  if (i >= len) return invalidIndex(idx);
  if (i < 0n) {
    if (i < -len) return invalidIndex(idx);
    i += len;
  }
  con.splice(Number(i), 1);
  return undefined;
}

/** container.set (replace): the index was checked by a get before. */
function conSet(con: Container, key: string, value: unknown): void {
  if (!Array.isArray(con)) {
    setOwn(con, key, value);
    return;
  }
  let i = atoi(key) as bigint;
  if (i < 0n) i += BigInt(con.length);
  con[Number(i)] = value;
}

function opAdd(doc: Doc, op: JsonMap): void {
  const p = pathOf(op);
  if (!p.ok) throw applyError(`add operation failed to decode path: ${MISSING}`);
  const f = doc.find(p.v);
  if (!f) throw applyError(`add operation does not apply: doc is missing path: "${p.v}": ${MISSING}`);
  const v = valueOf(op);
  const e = conAdd(f.con, f.key, v === undefined ? null : v);
  if (e !== undefined) throw applyError(`error in add for path: '${p.v}': ${e}`);
}

function opRemove(doc: Doc, op: JsonMap): void {
  const p = pathOf(op);
  if (!p.ok) throw applyError(`remove operation failed to decode path: ${MISSING}`);
  const f = doc.find(p.v);
  if (!f) throw applyError(`remove operation does not apply: doc is missing path: "${p.v}": ${MISSING}`);
  const e = conRemove(f.con, f.key);
  if (e !== undefined) throw applyError(`error in remove for path: '${p.v}': ${e}`);
}

function opReplace(doc: Doc, op: JsonMap): void {
  const p = pathOf(op);
  if (!p.ok) throw applyError(`replace operation failed to decode path: ${p.err}`);
  const v = valueOf(op);
  if (p.v === '') {
    // The library dereferences the missing value; a value that is neither object nor list is silently ignored.
    if (v === undefined) throw nilDereference();
    if (isJsonMap(v) || Array.isArray(v)) doc.root = v;
    return;
  }
  const f = doc.find(p.v);
  if (!f) throw applyError(`replace operation does not apply: doc is missing path: ${p.v}: ${MISSING}`);
  if (typeof conGet(f.con, f.key) === 'string') throw kubectlMissingKey(p.v);
  conSet(f.con, f.key, v === undefined ? null : v);
}

function opMove(doc: Doc, op: JsonMap): void {
  const from = fromOf(op);
  if (!from.ok) throw applyError(`move operation failed to decode from: ${from.err}`);
  const src = doc.find(from.v);
  if (!src) throw applyError(`move operation does not apply: doc is missing from path: ${from.v}: ${MISSING}`);
  const got = conGet(src.con, src.key);
  if (typeof got === 'string') throw applyError(`error in move for path: '${src.key}': ${got}`);
  const re = conRemove(src.con, src.key);
  if (re !== undefined) throw applyError(`error in move for path: '${src.key}': ${re}`);
  const p = pathOf(op);
  if (!p.ok) throw applyError(`move operation failed to decode path: ${p.err}`);
  const dst = doc.find(p.v);
  if (!dst) throw applyError(`move operation does not apply: doc is missing destination path: ${p.v}: ${MISSING}`);
  const e = conAdd(dst.con, dst.key, got.value === undefined ? null : got.value);
  if (e !== undefined) throw applyError(`error in move for path: '${p.v}': ${e}`);
}

function opCopy(doc: Doc, op: JsonMap): void {
  const from = fromOf(op);
  if (!from.ok) throw applyError(`copy operation failed to decode from: ${from.err}`);
  const src = doc.find(from.v);
  if (!src) throw applyError(`copy operation does not apply: doc is missing from path: ${from.v}: ${MISSING}`);
  const got = conGet(src.con, src.key);
  if (typeof got === 'string') throw applyError(`error in copy for from: '${from.v}': ${got}`);
  const p = pathOf(op);
  if (!p.ok) throw applyError(`copy operation failed to decode path: ${MISSING}`);
  const dst = doc.find(p.v);
  if (!dst) throw applyError(`copy operation does not apply: doc is missing destination path: ${p.v}: ${MISSING}`);
  const value = got.value === undefined || got.value === null ? null : got.value;
  if (value !== null) {
    doc.copied += goJsonSize(value);
    if (doc.copied > MAX_COPY_BYTES) {
      throw applyError(`Unable to complete the copy, the accumulated size increase of copy is ${doc.copied}, exceeding the limit ${MAX_COPY_BYTES}`);
    }
  }
  const e = conAdd(dst.con, dst.key, deepCopy(value));
  if (e !== undefined) throw applyError(`error while adding value during copy: ${e}`);
}

function opTest(doc: Doc, op: JsonMap): void {
  const p = pathOf(op);
  if (!p.ok) throw applyError(`test operation failed to decode path: ${p.err}`);
  const failed = `testing value ${p.v} failed: test failed`;
  const v = valueOf(op);
  if (p.v === '') {
    if (v === undefined) throw nilDereference();
    if (!lazyEqual(doc.root, v)) throw applyError(failed);
    return;
  }
  const f = doc.find(p.v);
  if (!f) throw applyError(`test operation does not apply: is missing path: ${p.v}: ${MISSING}`);
  const got = conGet(f.con, f.key);
  if (typeof got === 'string') throw applyError(`error in test for path: '${p.v}': ${got}`);
  if (got.value === undefined || got.value === null) {
    // A missing value equals an explicit null; the library dereferences an absent one.
    if (v === undefined) throw nilDereference();
    if (v !== null) throw applyError(failed);
    return;
  }
  if (v === undefined || !lazyEqual(got.value, v)) throw applyError(failed);
}

/**
 * lazyNode.equal: objects compare key by key (null only equals null), lists
 * element by element, scalars by their JSON text. A null inside a compared
 * list is dereferenced by the library (a panic). `a` is never null.
 */
function lazyEqual(a: unknown, b: unknown): boolean {
  if (isJsonMap(a)) {
    if (!isJsonMap(b)) return false;
    const ak = Object.keys(a);
    if (ak.length !== Object.keys(b).length) return false;
    for (const k of ak) {
      if (!hasOwn(b, k)) return false;
      const x = a[k];
      const y = b[k];
      if ((x === null) !== (y === null)) return false;
      if (x === null) continue;
      if (!lazyEqual(x, y)) return false;
    }
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === null || b[i] === null) throw nilDereference();
      if (!lazyEqual(a[i], b[i])) return false;
    }
    return true;
  }
  return b !== null && typeof b !== 'object' && deepEqual(a, b);
}

/**
 * The length in bytes of Go's json.Marshal of a JSON value (HTML-safe
 * escaping, UTF-8), counted without building the text. Iterative.
 */
export function goJsonSize(v: unknown): number {
  let size = 0;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || x === undefined) size += 4;
    else if (typeof x === 'boolean') size += x ? 4 : 5;
    else if (typeof x === 'number') size += String(x).length;
    else if (typeof x === 'string') size += goStringSize(x);
    else if (Array.isArray(x)) {
      size += 2 + Math.max(0, x.length - 1);
      for (const e of x) stack.push(e);
    } else {
      const o = x as JsonMap;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined);
      size += 2 + Math.max(0, keys.length - 1);
      for (const k of keys) {
        size += goStringSize(k) + 1;
        stack.push(o[k]);
      }
    }
  }
  return size;
}

/** The quoted string's bytes: its UTF-8, plus what each escape adds (`\"` one byte, `\u003c` five, `\u2028` three). */
function goStringSize(s: string): number {
  let n = 2 + utf8Length(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Go 1.22+ (Kubernetes 1.32 is built with Go 1.23) writes \b and \f as two-byte escapes too.
    if (c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x08 || c === 0x0c) n += 1;
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) n += 5;
    else if (c === 0x2028 || c === 0x2029) n += 3;
  }
  return n;
}
