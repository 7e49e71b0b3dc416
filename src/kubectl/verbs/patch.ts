/**
 * `kubectl patch` with --type strategic (default), merge or json.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go (v1.32).
 */
import { deepEqual } from '../../lib/clone';
import { goQuote } from '../../engine/api/gofmt';
import { RawJson } from '../../engine/apiserver/patch';
import { notFound } from '../../engine/api/errors';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from '../../engine/api/patch';
import { GoJsonSyntaxError, parseRequestJson } from '../../engine/api/schema/json-syntax';
import { kindInfo, maybeKindInfo, qualifiedResource, qualifiedSingular } from '../../engine/api/kinds';
import type { PatchType } from '../../engine/apiserver/apiserver';
import type { KObject } from '../../engine/api/types';
import { errorsText, KubectlError, str, type Verb, type VerbContext } from '../context';
import { getObject, parseResourceArgs, unservedError, visitFiles } from '../resources';
import { warningWriter } from '../validate';
import { GoYamlError, goYamlValue, parseKubectlYaml } from '../yaml-json';
import { goYamlDepthError } from '../../lib/yaml-depth';

/**
 * What kubectl sends for `-p TEXT`: apimachinery yaml.ToJSON passes text that
 * starts with `{` through as it is (the server parses it); anything else is
 * YAML, converted to JSON here.
 */
export function patchBody(text: string): unknown {
  if (/^\s*\{/u.test(text)) return new RawJson(text);
  // Nesting is measured before the YAML parser recurses (go-yaml's words; see lib/yaml-depth.ts).
  const deep = goYamlDepthError(text, false);
  if (deep) throw new KubectlError(`unable to parse ${goQuote(text)}: ${deep.message}`);
  const docs = parseKubectlYaml(text, { prettyErrors: false });
  const doc = docs[0];
  if (doc?.errors.length) throw new KubectlError(`unable to parse ${goQuote(text)}: error converting YAML to JSON: yaml: ${doc.errors[0]?.message ?? ''}`);
  // apimachinery yaml.ToJSON: sigs.k8s.io/yaml YAMLToJSON, whose errors are not wrapped.
  try {
    return doc ? (goYamlValue(doc) ?? null) : null;
  } catch (e) {
    if (e instanceof GoYamlError) throw new KubectlError(`unable to parse ${goQuote(text)}: ${e.message}`);
    throw e;
  }
}

/**
 * Sends a patch to the API server for a live object (kubectl sends PATCH
 * requests without a fieldValidation, so unknown fields come back as
 * warnings). Returns whether the object changed.
 */
export function patchObject(ctx: VerbContext, live: KObject, type: PatchType, patch: unknown, opts: { dryRun?: boolean; warn?: (m: string) => void; compareTo?: KObject } = {}): boolean {
  const api = ctx.cluster.api;
  const warn = opts.warn ?? warningWriter(ctx);
  const written = api.as('kubectl', () => api.patch(live.kind, live.metadata.namespace, live.metadata.name ?? '', type, patch, { dryRun: opts.dryRun, warn }));
  return !deepEqual(written, opts.compareTo ?? live);
}

/** The patch applied by kubectl itself (`--local`, `--dry-run=client`): the patch libraries' own errors. */
function localPatch(obj: KObject, type: PatchType, body: unknown): unknown {
  let patch = body;
  if (body instanceof RawJson) {
    try {
      patch = parseRequestJson(body.text).value;
    } catch (e) {
      if (e instanceof GoJsonSyntaxError) throw new KubectlError(e.message);
      throw e;
    }
  }
  try {
    if (type === 'json') return jsonPatch(obj, patch);
    if (type === 'merge') return mergePatch(obj, patch);
    return strategicMergePatch(obj, patch as object, obj.kind);
  } catch (e) {
    if (e instanceof PatchError) throw new KubectlError(e.localMessage);
    throw e;
  }
}

export const patchVerb: Verb = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string' },
  ],
  run(p, ctx) {
    const type = str(p.flags, 'type');
    if (!['json', 'merge', 'strategic'].includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not "${type}"`);
    const text = str(p.flags, 'patch');
    if (!text) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    const patch = patchBody(text);
    const files = p.flags['filename'] as string[] | undefined;
    const dryRunFlag = str(p.flags, 'dry-run');
    if (!['', 'none', 'client', 'server'].includes(dryRunFlag)) throw new KubectlError(`Invalid dry-run value (${dryRunFlag}). Must be "none", "server", or "client".`);
    const dryRun = dryRunFlag === 'server';
    // --local and --dry-run=client patch the object kubectl read, here, and send nothing (patch.go RunPatch).
    const local = p.flags['local'] === true || dryRunFlag === 'client';
    if (p.flags['local'] === true && p.args.length) throw new KubectlError('cannot specify --local and server resources');
    const warn = warningWriter(ctx);
    const errors: unknown[] = [];
    let count = 0;
    // "patched (no change)" when the server's answer equals the object kubectl read: the live one
    // for names, the file's own for -f (so a file practically always gives "patched").
    const patchOne = (live: KObject, read: KObject, kind: string, objName: string): void => {
      count++;
      const name = `${maybeKindInfo(kind) ? qualifiedSingular(kindInfo(kind)) : kind.toLowerCase()}/${objName || '<unknown>'}`;
      const changed = local ? !deepEqual(localPatch(read, type as PatchType, patch), read) : patchObject(ctx, live, type as PatchType, patch, { dryRun, warn, compareTo: read });
      ctx.out(`${name} patched${changed ? '' : ' (no change)'}${dryRun ? ' (server dry run)' : ''}\n`);
    };
    if (files?.length) {
      const err = visitFiles(ctx, files, {}, (o) => {
        if (local) return patchOne(o.obj, o.obj, o.kind?.kind ?? o.resource.kind, o.name);
        if (!o.kind) throw unservedError();
        if (o.name === '') throw new KubectlError('resource name may not be empty');
        const live = ctx.cluster.api.get(o.kind.kind, o.namespace || undefined, o.name);
        if (!live) throw notFound(qualifiedResource(o.kind), o.name);
        patchOne(live, o.obj, o.kind.kind, o.name);
      });
      if (err !== undefined) errors.push(err);
    } else {
      if (p.args.length === 0) {
        throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
      }
      const req = parseResourceArgs(p.args);
      if (!req.names) throw new KubectlError('resource(s) were provided, but no name was specified');
      for (const n of req.names) {
        try {
          const live = getObject(ctx, n.kind, n.name);
          patchOne(live, live, n.kind.kind, n.name);
        } catch (e) {
          errors.push(e);
        }
      }
    }
    if (errors.length) {
      ctx.err(errorsText(errors));
      return 1;
    }
    if (count === 0) throw new KubectlError('no objects passed to patch');
    return 0;
  },
};
