/**
 * `kubectl set image`: points containers of a workload's pod template at new images.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go (v1.32).
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import { qualifiedSingular } from '../../engine/api/kinds';
import type { Container, KObject, PodSpec, StatefulSet } from '../../engine/api/types';
import { parseFlags, type FlagSpec } from '../flags';
import { goQuote } from '../../engine/api/gofmt';
import { isJsonMap } from '../../lib/own';
import { errorsText, goErrorString, GLOBAL_FLAGS, KubectlError, type Verb } from '../context';
import { getObject, listObjects, parseResourceArgs } from '../resources';
import { warningWriter } from '../validate';
import { patchObject } from './patch';

const IMAGE_FLAGS: FlagSpec[] = [
  ...GLOBAL_FLAGS,
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'dry-run', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

/** The pod spec of a Pod or a StatefulSet's template; a missing template or spec reads as an empty one (Go structs are never nil). */
function podSpecOf(obj: KObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return isJsonMap(obj['spec']) ? (obj['spec'] as PodSpec) : ({} as PodSpec);
  if (obj.kind !== 'StatefulSet') return undefined;
  const template = (obj as StatefulSet).spec?.template as unknown;
  const spec = isJsonMap(template) ? template['spec'] : undefined;
  return isJsonMap(spec) ? (spec as unknown as PodSpec) : ({} as PodSpec);
}

export const setVerb: Verb = {
  name: 'set',
  flags: [],
  run(p, ctx) {
    const [sub, ...rest] = p.args;
    if (sub !== 'image') {
      if (!sub) throw new KubectlError('Configure application resources.\n\n These commands help you make changes to existing application resources.', true);
      throw new KubectlError(`unknown command "${sub}" for "kubectl set"`);
    }
    const parsed = parseFlags(rest, IMAGE_FLAGS);
    const pairs = parsed.args.filter((a) => a.includes('='));
    const resArgs = parsed.args.filter((a) => !a.includes('='));
    if (pairs.length === 0) throw new KubectlError('at least one image update is required');
    if (resArgs.length === 0) {
      throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const images = new Map(pairs.map((x) => [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)]));
    const req = parseResourceArgs(resArgs);
    const targets = req.names
      ? req.names.map((n) => ({ kind: n.kind, obj: getObject(ctx, n.kind, n.name) }))
      : req.kinds.flatMap((kind) => listObjects(ctx, kind, parsed.flags['selector'] as string | undefined).map((obj) => ({ kind, obj })));
    const warn = warningWriter(ctx);
    // Behaviour of set_image.go Run: every object is updated with the containers found; the names
    // not found, and failed patches, are reported together at the end (their texts carry "error: ").
    const errors: unknown[] = [];
    for (const { kind, obj } of targets) {
      const next = deepCopy(obj);
      const spec = podSpecOf(next);
      if (!spec) {
        errors.push(new KubectlError(`cannot set image on ${kind.resource}`));
        continue;
      }
      // A template without containers (the API server does not validate a StatefulSet's pod spec) has none to find.
      const containers = Array.isArray(spec.containers) ? spec.containers : [];
      const inits = Array.isArray(spec.initContainers) ? spec.initContainers : [];
      for (const [name, image] of images) {
        const hit = [...inits, ...containers].filter((c) => isJsonMap(c) && (name === '*' || c.name === name));
        if (hit.length === 0) errors.push(new KubectlError(`error: unable to find container named ${goQuote(name)}`, true));
        for (const c of hit) c.image = image;
      }
      // An empty patch prints nothing.
      if (deepEqual(next, obj)) continue;
      // The change goes to the server as a strategic merge patch of the containers, keyed by name.
      const old = podSpecOf(obj);
      const changed = (list: Container[], before: unknown) =>
        list.filter((c, i) => !Array.isArray(before) || !isJsonMap(before[i]) || c.image !== before[i]['image']).filter(isJsonMap).map((c) => ({ name: c.name, image: c.image }));
      const specPatch: Record<string, unknown> = {};
      const cs = changed(containers, old?.containers);
      const ics = changed(inits, old?.initContainers);
      if (cs.length) specPatch['containers'] = cs;
      if (ics.length) specPatch['initContainers'] = ics;
      const patch = obj.kind === 'Pod' ? { spec: specPatch } : { spec: { template: { spec: specPatch } } };
      try {
        patchObject(ctx, obj, 'strategic', patch, { warn });
      } catch (e) {
        errors.push(new KubectlError(`failed to patch image update to pod template: ${goErrorString(e)}`));
        continue;
      }
      ctx.out(`${qualifiedSingular(kind)}/${obj.metadata.name} image updated\n`);
    }
    if (errors.length) ctx.err(errorsText(errors));
    return errors.length ? 1 : 0;
  },
};
