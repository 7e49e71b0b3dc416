/**
 * `kubectl apply -f` (client-side apply with the last-applied annotation and
 * a three-way strategic merge) and `kubectl create -f`.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go and cmd/create (v1.32).
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import { getOwn, hasOwn, isJsonMap, setOwn } from '../../lib/own';
import { ApiError } from '../../engine/api/errors';
import { goQuote } from '../../engine/api/gofmt';
import { qualifiedSingular } from '../../engine/api/kinds';
import type { FieldValidation } from '../../engine/api/decode';
import type { KObject } from '../../engine/api/types';
import { checkErrText, ErrorList, KubectlError, reduce, str, type Verb, type VerbContext } from '../context';
import type { FileObject } from '../manifests';
import { unservedError, visitFiles } from '../resources';
import { VALIDATE_FLAG, validationDirective, warningWriter } from '../validate';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Adds the source file to a server error's message the way AddSourceToErr does (kubectl still prints an Invalid one from its details). */
export function withSource(e: unknown, verb: string, source: string): unknown {
  if (e instanceof ApiError) return new ApiError(e.reason, `error when ${verb} ${goQuote(source)}: ${e.message}`, e.details);
  return e;
}

function sortedJson(x: unknown): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map(sortedJson).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
    .join(',')}}`;
}

/** The annotation value kubectl writes: the applied object as compact JSON with sorted keys, plus a newline. */
export function lastAppliedValue(obj: KObject): string {
  const copy = deepCopy(obj);
  const ann = { ...(copy.metadata.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  copy.metadata.annotations = ann;
  return sortedJson(copy) + '\n';
}

/**
 * The patch that turns `live` into what `desired` asks, given what was
 * applied last: desired's fields, plus null for map keys that were applied
 * before and are gone now, plus `$patch: delete` for keyed list entries
 * that disappeared. A three-way merge in the spirit of CreateThreeWayMergePatch.
 */
export function threeWayPatch(last: unknown, desired: unknown): unknown {
  if (!isMap(desired)) return desired;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(desired)) {
    const prev = isMap(last) ? getOwn(last, k) : undefined;
    if (Array.isArray(v) && Array.isArray(prev)) setOwn(out, k, listPatch(prev, v));
    else setOwn(out, k, isMap(v) ? threeWayPatch(prev, v) : v);
  }
  if (isMap(last)) for (const k of Object.keys(last)) if (!hasOwn(desired, k)) setOwn(out, k, null);
  return out;
}

const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'uid', 'type', 'ip'];

function listPatch(prev: unknown[], next: unknown[]): unknown[] {
  const keyOf = (x: unknown) => (isMap(x) ? MERGE_KEYS.find((k) => x[k] !== undefined) : undefined);
  const mk = next.map(keyOf).find(Boolean) ?? prev.map(keyOf).find(Boolean);
  if (!mk) return next;
  const nextKeys = new Set(next.map((x) => (isMap(x) ? x[mk] : undefined)));
  const prevByKey = new Map(prev.filter(isMap).map((x) => [x[mk], x]));
  const patched = next.map((x) => (isMap(x) ? (threeWayPatch(prevByKey.get(x[mk]), x) as unknown) : x));
  const deletes = prev.filter((x) => isMap(x) && !nextKeys.has(x[mk])).map((x) => ({ $patch: 'delete', [mk]: (x as Record<string, unknown>)[mk] }));
  return [...patched, ...deletes];
}

function isMap(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function dryRunSuffix(mode: string): string {
  return mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
}

function checkDryRun(mode: string): string {
  if (mode === '' || mode === 'none') return '';
  if (mode === 'client' || mode === 'server') return mode;
  throw new KubectlError(`Invalid dry-run value (${mode}). Must be "none", "server", or "client".`);
}

/** What one apply or create request carries besides the object. */
export interface ApplyRequest {
  dryRun: string;
  fieldValidation: FieldValidation;
  warn: (message: string) => void;
}

/** How Info.String names an object in kubectl's messages. */
function infoString(o: FileObject): string {
  const r = o.resource;
  return `Resource: ${goQuote(`${r.group}/${r.version}, Resource=${r.resource}`)}, GroupVersionKind: ${goQuote(`${r.group}/${r.version}, Kind=${r.kind}`)}\nName: ${goQuote(o.name)}, Namespace: ${goQuote(o.namespace)}`;
}

/**
 * Applies one object: a create for a new object, otherwise a strategic merge
 * patch the server applies (with the `--validate` directive). Returns the word
 * kubectl prints after its name; throws what kubectl reports (with the source).
 * Behaviour of apply.go applyOneObject.
 */
export function applyOne(ctx: VerbContext, o: FileObject, req: ApplyRequest): 'created' | 'configured' | 'unchanged' {
  const api = ctx.cluster.api;
  const input = o.obj;
  if (o.name === '') {
    const meta = getOwn(input as unknown as Record<string, unknown>, 'metadata');
    const generateName = isJsonMap(meta) ? getOwn(meta, 'generateName') : undefined;
    if (typeof generateName === 'string' && generateName !== '') throw new KubectlError(`from ${generateName}: cannot use generate name with apply`);
    // client-go refuses to GET an empty name.
    throw new KubectlError(`error when retrieving current configuration of:\n${infoString(o)}\nfrom server for: ${goQuote(o.source)}: resource name may not be empty`);
  }
  if (!o.kind) throw withSource(unservedError(), 'creating', o.source);
  const live = api.get(o.kind.kind, o.namespace || undefined, o.name);
  const desired = deepCopy(input);
  desired.metadata.annotations = { ...(desired.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedValue(input) };
  const opts = { dryRun: req.dryRun !== '', fieldValidation: req.fieldValidation, warn: req.warn };
  if (!live) {
    try {
      api.as('kubectl', () => api.create(desired, opts));
    } catch (e) {
      throw withSource(e, 'creating', o.source);
    }
    return 'created';
  }
  const lastText = live.metadata.annotations?.[LAST_APPLIED];
  let last: unknown;
  try {
    last = lastText ? JSON.parse(lastText) : undefined;
  } catch {
    last = undefined;
  }
  const patch = threeWayPatch(last, desired) as Record<string, unknown>;
  try {
    const result = api.as('kubectl', () => api.patch(o.kind?.kind ?? '', live.metadata.namespace, live.metadata.name ?? '', 'strategic', patch, opts));
    return deepEqual(result, live) ? 'unchanged' : 'configured';
  } catch (e) {
    throw withSource(e, 'patching', o.source);
  }
}

export const applyVerb: Verb = {
  name: 'apply',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'server-side', type: 'bool' },
    VALIDATE_FLAG,
    { name: 'record', type: 'bool' },
  ],
  run(p, ctx) {
    return applyOrCreate(ctx, p.flags['filename'] as string[] | undefined, str(p.flags, 'dry-run'), validationDirective(p.flags), 'apply');
  },
};

export const createVerb: Verb = {
  name: 'create',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    VALIDATE_FLAG,
    { name: 'save-config', type: 'bool' },
  ],
  run(p, ctx) {
    if (p.args.length) throw new KubectlError(`unknown command "${p.args[0]}" for "kubectl create"`, false);
    return applyOrCreate(ctx, p.flags['filename'] as string[] | undefined, str(p.flags, 'dry-run'), validationDirective(p.flags), 'create');
  },
};

/** Which client-side checks `--validate` asks of each document (kubectl's Validator: none for false). */
function schemaFor(v: FieldValidation): 'none' | 'kinds' | 'strict' {
  return v === 'Ignore' ? 'none' : v === 'Strict' ? 'strict' : 'kinds';
}

/**
 * create visits the files and creates each object as it is read (errors are
 * reported at the end); apply reads every object first, then applies them,
 * reporting the files' errors before its own.
 * Behaviour of create.go RunCreate and apply.go GetObjects + Run (v1.32).
 */
function applyOrCreate(ctx: VerbContext, files: string[] | undefined, dryRunFlag: string, fieldValidation: FieldValidation, mode: 'apply' | 'create'): number {
  if (!files?.length) {
    if (mode === 'apply') throw new KubectlError('must specify one of -f and -k');
    throw new KubectlError('must specify one of -f and -k', false);
  }
  const dryRun = checkDryRun(dryRunFlag);
  const req: ApplyRequest = { dryRun, fieldValidation, warn: warningWriter(ctx) };
  const schema = schemaFor(fieldValidation);
  const label = (o: FileObject) => `${o.kind ? qualifiedSingular(o.kind) : o.resource.kind.toLowerCase()}/${o.name || '<unknown>'}`;
  if (mode === 'create') {
    let count = 0;
    const err = visitFiles(ctx, files, { schema }, (o) => {
      if (!o.kind) throw withSource(unservedError(), 'creating', o.source);
      try {
        ctx.cluster.api.as('kubectl', () => ctx.cluster.api.create(o.obj, { dryRun: dryRun !== '', fieldValidation, warn: req.warn }));
      } catch (e) {
        throw withSource(e, 'creating', o.source);
      }
      count++;
      ctx.out(`${label(o)} created${dryRunSuffix(dryRun)}\n`);
    });
    if (err !== undefined) {
      ctx.err(checkErrText(err));
      return 1;
    }
    if (count === 0) throw new KubectlError('no objects passed to create');
    return 0;
  }
  const infos: FileObject[] = [];
  const infosErr = reduce(visitFiles(ctx, files, { schema }, (o) => infos.push(o)));
  const errors: unknown[] = infosErr === undefined ? [] : [infosErr];
  if (infos.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to apply');
  for (const o of infos) {
    try {
      const word = applyOne(ctx, o, req);
      ctx.out(`${label(o)} ${word}${dryRunSuffix(dryRun)}\n`);
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 0) return 0;
  ctx.err(checkErrText(errors.length === 1 ? errors[0] : new ErrorList(errors)));
  return 1;
}
