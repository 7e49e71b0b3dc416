/**
 * How a failed patch is reported: the API server's answer (what `kubectl
 * patch` prints) and the library's own text (what `kubectl patch --local`
 * prints after "error: "), plus the bits of Go formatting those texts use.
 */
import { goKeys } from '../../lib/order';
import { getOwn, isJsonMap } from '../../lib/own';
import { ApiError, type StatusReason } from './errors';
import { goQuote, goV } from './gofmt';
import { maybeKindInfo, qualifiedResource } from './kinds';

/** A failed patch. `message`/`reason`/`code` are the API server's answer. */
export class PatchError extends ApiError {
  /**
   * @param localMessage the library's error text (`kubectl patch --local` prints `error: <localMessage>`)
   * @param unknownReason true when the server answers 500 with an empty reason (`reason` is then '';
   *   kubectl prints `Error from server: <message>`)
   * @param internal set only when a JavaScript error (a bug, never a modelled
   *   Go failure) was turned into the server's panic answer; tests assert it stays unset
   */
  constructor(
    reason: StatusReason,
    message: string,
    readonly localMessage: string,
    readonly unknownReason = false,
    readonly internal?: unknown,
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

/**
 * A Go runtime panic of the patch libraries (e.g. hashing a map, a nil
 * dereference). Thrown inside the patch code and turned into the server's
 * answer to a panicking request by `apiserverPanic`.
 */
export class GoPanic extends Error {}

/** The panic a Go map lookup or `==` raises for a JSON map or list (`hash of unhashable type …`). */
export function unhashable(v: unknown): GoPanic | undefined {
  const t = goTypeName(v);
  return t === 'map[string]interface {}' || t === '[]interface {}' ? new GoPanic(`runtime error: hash of unhashable type ${t}`) : undefined;
}

/** Go's `a == b` on two interface{} values holding decoded JSON: panics when both hold the same map or list type. */
export function goEqual(a: unknown, b: unknown): boolean {
  const ta = goTypeName(a);
  const tb = goTypeName(b);
  if (ta !== tb) return false;
  if (ta === 'map[string]interface {}' || ta === '[]interface {}') throw new GoPanic(`runtime error: comparing uncomparable type ${ta}`);
  return ta === undefined || a === b;
}

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** The panic of a nil pointer dereference. */
export const nilDereference = (): GoPanic => new GoPanic(NIL_DEREF);

const PANIC_BODY = 'This request caused apiserver to panic. Look in the logs for details.';

/**
 * What kubectl prints when the patch made the API server panic: the server
 * recovers, answers 500 with a plain-text body, and client-go wraps that in
 * `an error on the server ("…") has prevented the request from succeeding (patch statefulsets.apps web)`.
 * `localMessage` is the panic value (`kubectl patch --local` itself crashes with it).
 */
// Behaviour of staging/src/k8s.io/apiserver/pkg/server/filters/wrap.go WithPanicRecovery and
// staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go NewGenericServerResponse (v1.32)
export function apiserverPanic(original: unknown, panicValue: string, internal?: unknown): PatchError {
  const meta = isJsonMap(original) ? getOwn(original, 'metadata') : undefined;
  const name = isJsonMap(meta) ? getOwn(meta, 'name') : undefined;
  const kind = isJsonMap(original) ? getOwn(original, 'kind') : undefined;
  const info = typeof kind === 'string' ? maybeKindInfo(kind) : undefined;
  let msg = `an error on the server (${goQuote(PANIC_BODY)}) has prevented the request from succeeding`;
  if (info) msg += typeof name === 'string' && name ? ` (patch ${qualifiedResource(info)} ${name})` : ` (patch ${qualifiedResource(info)})`;
  return new PatchError('InternalError', msg, panicValue, false, internal);
}

/**
 * Turns whatever the patch code threw into a PatchError: PatchErrors pass,
 * Go panics and unexpected JavaScript errors become the server's panic answer
 * (no JavaScript text ever reaches the user).
 */
export function asPatchError(e: unknown, original: unknown): PatchError {
  if (e instanceof PatchError) return e;
  if (e instanceof GoPanic) return apiserverPanic(original, e.message);
  return apiserverPanic(original, 'runtime error: internal error', e);
}

// ---------------------------------------------------------------- Go formatting

const isInt64 = (n: number): boolean => Number.isInteger(n) && Math.abs(n) < 2 ** 63;

/**
 * reflect.TypeOf(v).String() for a JSON value decoded into interface{}
 * (integral numbers are int64, as sigs.k8s.io/json PreserveInts decodes them);
 * undefined for nil.
 */
export function goTypeName(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isInt64(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** `%s` of a reflect.Type: its name, `%!s(<nil>)` for nil. */
export const goTypeS = (v: unknown): string => goTypeName(v) ?? '%!s(<nil>)';

/**
 * fmt's `%s` of a decoded JSON value: strings as they are, other scalars as
 * `%!s(int64=1)`, `%!s(<nil>)`; lists and maps element by element.
 */
export function goS(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(goS).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${goKeys(o).map((k) => `${k}:${goS(o[k])}`).join(' ')}]`;
  }
  return `%!s(${goTypeName(v) as string}=${goV(v)})`;
}

/** mergepatch.ErrBadArgType: `expected a []interface {}, but received a string`. */
export function badArgType(expected: string, actual: unknown): string {
  return `expected a ${expected}, but received a ${goTypeS(actual)}`;
}

/**
 * A patch (or object) nested deeper than the simulation accepts: what the API
 * server answers for a body nested beyond Go's limit (sigs.k8s.io/json:
 * `invalid character '{' exceeded max depth`), and what kubectl's library
 * prints locally (`invalid JSON document` / `Invalid JSON Patch`).
 */
// Behaviour of staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go strategicPatchObject / applyJSPatch (v1.32)
export function nestingError(type: 'strategic' | 'merge' | 'json', bracket: '{' | '['): PatchError {
  const syntax = `invalid character '${bracket}' exceeded max depth`;
  if (type === 'strategic') return new PatchError('BadRequest', syntax, 'invalid JSON document');
  return new PatchError('BadRequest', `error decoding patch: ${syntax}`, type === 'merge' ? 'Invalid JSON Patch' : syntax);
}
