/**
 * `kubectl apply -f` (client-side apply with the last-applied annotation and
 * a three-way strategic merge) and `kubectl create -f`.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go and cmd/create (v1.32).
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import { ApiError } from '../../engine/api/errors';
import { kindInfo, qualifiedSingular } from '../../engine/api/kinds';
import { strategicMergePatch } from '../../engine/api/patch';
import type { KObject } from '../../engine/api/types';
import { errorText, KubectlError, str, type Verb, type VerbContext } from '../context';
import { objectsFromFiles } from '../resources';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Adds the source file to a server error the way AddSourceToErr does. */
export function withSource(e: unknown, verb: string, source: string): unknown {
  if (e instanceof ApiError && e.reason !== 'Invalid') return new ApiError(e.reason, `error when ${verb} "${source}": ${e.message}`, e.details);
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
    const prev = isMap(last) ? last[k] : undefined;
    if (Array.isArray(v) && Array.isArray(prev)) out[k] = listPatch(prev, v);
    else out[k] = isMap(v) ? threeWayPatch(prev, v) : v;
  }
  if (isMap(last)) for (const k of Object.keys(last)) if (!(k in desired)) out[k] = null;
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

/** Applies one object; returns the word kubectl prints after its name. */
export function applyOne(ctx: VerbContext, input: KObject, dryRun: string): 'created' | 'configured' | 'unchanged' {
  const api = ctx.cluster.api;
  const info = kindInfo(input.kind);
  const live = api.get(input.kind, input.metadata.namespace, input.metadata.name as string);
  const desired = deepCopy(input);
  desired.metadata.annotations = { ...(desired.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedValue(input) };
  if (!live) {
    api.as('kubectl', () => api.create(desired, { dryRun: dryRun !== '' }));
    return 'created';
  }
  void info;
  const lastText = live.metadata.annotations?.[LAST_APPLIED];
  let last: unknown;
  try {
    last = lastText ? JSON.parse(lastText) : undefined;
  } catch {
    last = undefined;
  }
  const patch = threeWayPatch(last, desired) as Record<string, unknown>;
  const merged = strategicMergePatch(deepCopy(live), patch, input.kind) as KObject;
  merged.metadata.resourceVersion = live.metadata.resourceVersion;
  const result = api.as('kubectl', () => api.update(merged, { dryRun: dryRun !== '' }));
  return deepEqual(result, live) ? 'unchanged' : 'configured';
}

export const applyVerb: Verb = {
  name: 'apply',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'server-side', type: 'bool' },
    { name: 'validate', type: 'string' },
    { name: 'record', type: 'bool' },
  ],
  run(p, ctx) {
    return applyOrCreate(ctx, p.flags['filename'] as string[] | undefined, str(p.flags, 'dry-run'), 'apply');
  },
};

export const createVerb: Verb = {
  name: 'create',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'validate', type: 'string' },
    { name: 'save-config', type: 'bool' },
  ],
  run(p, ctx) {
    if (p.args.length) throw new KubectlError(`unknown command "${p.args[0]}" for "kubectl create"`, false);
    return applyOrCreate(ctx, p.flags['filename'] as string[] | undefined, str(p.flags, 'dry-run'), 'create');
  },
};

function applyOrCreate(ctx: VerbContext, files: string[] | undefined, dryRunFlag: string, mode: 'apply' | 'create'): number {
  if (!files?.length) {
    if (mode === 'apply') throw new KubectlError('must specify one of -f and -k');
    throw new KubectlError('must specify one of -f and -k', false);
  }
  const dryRun = checkDryRun(dryRunFlag);
  const objs = objectsFromFiles(ctx, files);
  if (objs.length === 0) throw new KubectlError('no objects passed to ' + mode);
  const errors: string[] = [];
  for (const { obj, source } of objs) {
    const name = `${qualifiedSingular(kindInfo(obj.kind))}/${obj.metadata.name}`;
    try {
      if (mode === 'create') {
        ctx.cluster.api.as('kubectl', () => ctx.cluster.api.create(obj, { dryRun: dryRun !== '' }));
        ctx.out(`${name} created${dryRunSuffix(dryRun)}\n`);
      } else {
        const word = applyOne(ctx, obj, dryRun);
        ctx.out(`${name} ${word}${dryRunSuffix(dryRun)}\n`);
      }
    } catch (e) {
      const exists = ctx.cluster.api.get(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '');
      errors.push(errorText(withSource(e, mode === 'create' || !exists ? 'creating' : 'patching', source)));
    }
  }
  for (const e of errors) ctx.err(e + '\n');
  return errors.length ? 1 : 0;
}
