/**
 * `kubectl patch` with --type strategic (default), merge or json.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go (v1.32).
 */
import { parse as parseYaml } from 'yaml';
import { deepCopy, deepEqual } from '../../lib/clone';
import { qualifiedSingular } from '../../engine/api/kinds';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../engine/api/patch';
import type { KObject } from '../../engine/api/types';
import { errorText, KubectlError, str, type Verb, type VerbContext } from '../context';
import { getObject, objectsFromFiles, parseResourceArgs } from '../resources';

/** Applies a patch document to a live object and writes it. Returns whether anything changed. */
export function patchObject(ctx: VerbContext, live: KObject, type: string, patch: unknown): boolean {
  let next: KObject;
  const base = deepCopy(live);
  if (type === 'json') {
    if (!Array.isArray(patch)) throw new KubectlError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    next = jsonPatch(base, patch) as KObject;
  } else if (type === 'merge') next = mergePatch(base, patch) as KObject;
  else next = strategicMergePatch(base, patch as object, live.kind) as KObject;
  next.metadata.resourceVersion = live.metadata.resourceVersion;
  const written = ctx.cluster.api.as('kubectl', () => ctx.cluster.api.update(next));
  return !deepEqual(written, live);
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
    let patch: unknown;
    try {
      patch = parseYaml(text);
    } catch {
      throw new KubectlError('invalid JSON document');
    }
    if (patch === null || typeof patch !== 'object') throw new KubectlError('invalid JSON document');
    const files = p.flags['filename'] as string[] | undefined;
    let targets: KObject[];
    if (files?.length) targets = objectsFromFiles(ctx, files).map(({ obj }) => ctx.cluster.api.mustGet(obj.kind, obj.metadata.namespace, obj.metadata.name as string));
    else {
      if (p.args.length === 0) {
        throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
      }
      const req = parseResourceArgs(p.args);
      if (!req.names) throw new KubectlError('resource(s) were provided, but no name was specified');
      targets = [];
      for (const n of req.names) targets.push(getObject(ctx, n.kind, n.name));
    }
    let failed = false;
    for (const live of targets) {
      const name = `${qualifiedSingular(parseResourceArgs([live.kind]).kinds[0] as never)}/${live.metadata.name}`;
      try {
        const changed = patchObject(ctx, live, type, deepCopy(patch));
        ctx.out(`${name} patched${changed ? '' : ' (no change)'}\n`);
      } catch (e) {
        failed = true;
        ctx.err(errorText(e) + '\n');
      }
    }
    return failed ? 1 : 0;
  },
};
