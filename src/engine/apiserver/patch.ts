/**
 * PATCH requests as the API server handles them: the patch is applied to the
 * stored object on the server, and the result is decoded into the kind's Go
 * type before the update path (defaulting, validation, admission) runs.
 * Behaviour of staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
 * (v1.32): jsonPatcher (JSON patch, merge patch) and smpPatcher (strategic
 * merge patch), including which errors are BadRequest and which are Invalid
 * on the field "patch".
 */
import { isJsonMap, type JsonMap } from '../../lib/own';
import { ApiError } from '../api/errors';
import { goJSON } from '../api/gofmt';
import { jsonPatch, mergePatch, strategicMergePatch } from '../api/patch';
import { decodeJsonValue } from '../api/schema/decode-json';
import { GoJsonSyntaxError, parseRequestJson } from '../api/schema/json-syntax';
import { defineStruct, goType } from '../api/schema/types';
import { convertSmpPatched, decodeJsonPatched, type Decoded, type FieldValidation } from '../api/strategy';
import type { KObject } from '../api/types';

/** kubectl's `--type`: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json. */
export type PatchType = 'json' | 'merge' | 'strategic';

// The handler reads JSON patch operations into its own struct (patch.go jsonPatchOp).
defineStruct('handlers.jsonPatchOp', { op: 'string', path: 'string', from: 'string', value: 'interface {}' });
const JSON_PATCH_OPS = goType('[]handlers.jsonPatchOp');
const PATCH_MAP = goType('map[string]interface {}');

/**
 * A request body kept as the text the client sent (kubectl sends a `-p`
 * patch that starts with `{` verbatim): the server parses it, with Go's
 * syntax errors.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Parses a raw body as the handler's first read of it would, with that read's error texts and strict errors. */
function readBody(body: unknown, type: PatchType, strictChecks: boolean): { patch: unknown; duplicates: string[] } {
  if (!(body instanceof RawJson)) return { patch: body, duplicates: [] };
  let parsed;
  try {
    parsed = parseRequestJson(body.text);
  } catch (e) {
    if (!(e instanceof GoJsonSyntaxError)) throw e;
    if (type === 'merge' && !strictChecks) throw new ApiError('BadRequest', 'Invalid JSON Patch');
    throw new ApiError('BadRequest', type !== 'strategic' && strictChecks ? `error decoding patch: ${e.message}` : e.message);
  }
  if (parsed.overflow !== undefined && (type === 'strategic' || strictChecks)) {
    const where = type === 'json' ? 'Go struct field jsonPatchOp.value' : 'Go value';
    const msg = `json: cannot unmarshal number ${parsed.overflow} into ${where} of type float64`;
    throw new ApiError('BadRequest', type === 'strategic' ? msg : `error decoding patch: ${msg}`);
  }
  return { patch: parsed.value, duplicates: strictChecks ? parsed.duplicates : [] };
}

/**
 * Applies `body` (the request body: parsed JSON, or RawJson text) to
 * `current` and decodes the result. Throws ApiError with the status the API
 * server answers.
 */
export function applyPatchRequest(current: KObject, type: PatchType, body: unknown, directive: FieldValidation): Decoded {
  const strictChecks = directive === 'Strict' || directive === 'Warn';
  const { patch, duplicates } = readBody(body, type, strictChecks);
  switch (type) {
    case 'json': {
      let patchStrict: string[] = [];
      if (strictChecks) {
        const r = decodeJsonValue(patch, JSON_PATCH_OPS);
        if (r.error !== undefined) throw new ApiError('BadRequest', `error decoding patch: ${r.error}`);
        patchStrict = [...duplicates, ...r.strict].map((e) => `json patch ${e}`);
      }
      const patched = jsonPatch(current, patch);
      return decodeJsonPatched(current.kind, patched as JsonMap, goJSON(patched), directive, patchStrict);
    }
    case 'merge': {
      if (strictChecks) {
        const r = decodeJsonValue(patch, PATCH_MAP);
        if (r.error !== undefined) throw new ApiError('BadRequest', `error decoding patch: ${r.error}`);
      }
      const patched = mergePatch(current, patch);
      return decodeJsonPatched(current.kind, patched as JsonMap, goJSON(patched), directive, duplicates);
    }
    case 'strategic': {
      // The patch is read into a map[string]interface{} whatever the directive.
      const r = decodeJsonValue(patch, PATCH_MAP);
      if (r.error !== undefined) throw new ApiError('BadRequest', r.error);
      const patched = strategicMergePatch(current, patch as object, current.kind);
      if (!isJsonMap(patched)) throw new ApiError('BadRequest', 'invalid JSON document');
      return convertSmpPatched(current.kind, patched, patch as JsonMap, directive, duplicates);
    }
    default:
      throw new ApiError('BadRequest', `${String(type)}: unimplemented patch type`);
  }
}

/**
 * checkName and EnsureObjectNamespaceMatchesRequestNamespace: a patch may not
 * rename the object or move it to another namespace.
 */
export function checkPatchedName(obj: KObject, name: string, namespace: string | undefined): void {
  const objName = obj.metadata?.name ?? '';
  const objNs = obj.metadata?.namespace ?? '';
  if (namespace !== undefined && objNs !== '' && objNs !== namespace) {
    throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  if (objName !== name) throw new ApiError('BadRequest', `the name of the object (${objName}) does not match the name on the URL (${name})`);
}
