/**
 * `kubectl set image`: points containers of a workload's pod template at new images.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go (v1.32).
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import { qualifiedSingular } from '../../engine/api/kinds';
import type { KObject, PodSpec, StatefulSet } from '../../engine/api/types';
import { parseFlags, type FlagSpec } from '../flags';
import { errorText, GLOBAL_FLAGS, KubectlError, type Verb } from '../context';
import { getObject, listObjects, parseResourceArgs } from '../resources';

const IMAGE_FLAGS: FlagSpec[] = [
  ...GLOBAL_FLAGS,
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'dry-run', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

function podSpecOf(obj: KObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj['spec'] as PodSpec;
  return (obj as StatefulSet).spec?.template?.spec;
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
    let failed = false;
    for (const { kind, obj } of targets) {
      try {
        const next = deepCopy(obj);
        const spec = podSpecOf(next);
        if (!spec) throw new KubectlError(`cannot set image on ${kind.resource}`);
        for (const [name, image] of images) {
          const all = [...(spec.initContainers ?? []), ...spec.containers];
          const hit = name === '*' ? all : all.filter((c) => c.name === name);
          if (hit.length === 0) throw new KubectlError(`unable to find container named "${name}"`);
          for (const c of hit) c.image = image;
        }
        // Behaviour of set_image.go: an empty patch prints nothing.
        if (deepEqual(next, obj)) continue;
        ctx.cluster.api.as('kubectl', () => ctx.cluster.api.update(next));
        ctx.out(`${qualifiedSingular(kind)}/${obj.metadata.name} image updated\n`);
      } catch (e) {
        failed = true;
        ctx.err(errorText(e) + '\n');
      }
    }
    return failed ? 1 : 0;
  },
};
