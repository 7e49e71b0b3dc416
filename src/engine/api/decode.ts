/**
 * Request decoding as the v1.32 API server does it before any defaulting or
 * validation: the body is decoded into the kind's Go type (schema/), so a
 * value of the wrong type is a BadRequest and nothing the Go type cannot hold
 * is ever stored. Unknown fields follow the request's field validation
 * directive (Strict: error; Warn: warning; Ignore: dropped silently).
 *
 * Behaviour of staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go,
 * update.go (decode + transformDecodeError) and patch.go (jsonPatcher,
 * applyPatchToObject) in v1.32.
 */
import { deepCopy } from '../../lib/clone';
import type { JsonMap } from '../../lib/own';
import { ApiError, invalid } from './errors';
import { goJSON, goQuote, goV } from './gofmt';
import { jsonWhat } from './schema/custom';
import { decodeJson } from './schema/decode-json';
import { fromUnstructured } from './schema/from-unstructured';
import { kindType } from './schema/types';
import type { KObject } from './types';

/** metav1.FieldValidation{Strict,Warn,Ignore}. A request without one is Warn on the server. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface Decoded<T extends KObject = KObject> {
  obj: T;
  /** Warnings the server returns (`unknown field "spec.replicaz"`), for the Warn directive. */
  warnings: string[];
}

const strictText = (errs: readonly string[]): string => `strict decoding error: ${errs.join(', ')}`;

/**
 * Decodes a create or update body. Throws BadRequest
 * `StatefulSet in version "v1" cannot be handled as a StatefulSet: <err>`.
 */
export function decodeObject<T extends KObject>(body: T, directive: FieldValidation = 'Warn'): Decoded<T> {
  const t = kindType(body.kind);
  if (!t) return { obj: deepCopy(body) as T, warnings: [] };
  // Behaviour of serializer/json SimpleMetaFactory.Interpret: apiVersion and kind are read first, as strings.
  for (const f of ['apiVersion', 'kind'] as const) {
    const v: unknown = body[f];
    if (v === undefined || v === null || typeof v === 'string') continue;
    const json = goJSON(body);
    const summary = json.length > 30 ? `${json.slice(0, 30)} ...` : json;
    throw new ApiError('BadRequest', `the object provided is unrecognized (must be of type ${t.name}): couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonWhat(v)} into Go struct field .${f} of type string (${summary})`);
  }
  const r = decodeJson(body, t);
  const version = (body.apiVersion ?? '').split('/').pop() ?? '';
  const cannot = (err: string) => new ApiError('BadRequest', `${body.kind} in version "${version}" cannot be handled as a ${body.kind}: ${err}`);
  if (r.error !== undefined) throw cannot(r.error);
  if (r.strict.length && directive === 'Strict') throw cannot(strictText(r.strict));
  return { obj: r.value as unknown as T, warnings: directive === 'Warn' ? r.strict : [] };
}

/** `The request is invalid: patch: Invalid value: "<value>": <err>` (field.Invalid on the path "patch"). */
function patchInvalid(renderedValue: string, err: string): ApiError {
  return invalid('', '', '', [{ type: 'Invalid', field: 'patch', value: goQuote(renderedValue), detail: err }]);
}

/**
 * Decodes the result of a JSON patch or merge patch (the patched object as
 * JSON, `patchedText` being how the server printed it). `patchStrict` are
 * strict errors found in the patch document itself. Type errors are
 * Invalid on "patch" with the whole patched JSON as the value.
 */
export function decodeJsonPatched(kind: string, patched: JsonMap, patchedText: string, directive: FieldValidation, patchStrict: readonly string[] = []): Decoded {
  const t = kindType(kind);
  if (!t) return { obj: deepCopy(patched) as KObject, warnings: [] };
  const r = decodeJson(patched, t);
  if (r.error !== undefined) throw patchInvalid(patchedText, r.error);
  const strict = directive === 'Ignore' ? [] : [...patchStrict, ...r.strict];
  if (strict.length && directive === 'Strict') throw patchInvalid(patchedText, strictText(strict));
  return { obj: r.value as unknown as KObject, warnings: directive === 'Warn' ? strict : [] };
}

/**
 * Converts the map a strategic merge patch produced into the kind's type
 * (FromUnstructuredWithValidation). Errors are Invalid on "patch" with the
 * patch itself printed by Go's %+v as the value.
 */
export function convertSmpPatched(kind: string, patched: JsonMap, patch: JsonMap, directive: FieldValidation, patchStrict: readonly string[] = []): Decoded {
  const t = kindType(kind);
  if (!t) return { obj: deepCopy(patched) as KObject, warnings: [] };
  const r = fromUnstructured(patched, t, directive !== 'Ignore');
  if (r.error !== undefined) throw patchInvalid(goV(patch), r.error);
  const strict = directive === 'Ignore' ? [] : [...patchStrict, ...r.unknown];
  if (strict.length && directive === 'Strict') throw patchInvalid(goV(patch), strictText(strict));
  return { obj: r.value as unknown as KObject, warnings: directive === 'Warn' ? strict : [] };
}
