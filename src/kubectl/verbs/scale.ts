/**
 * `kubectl scale`: sets spec.replicas through the scale subresource.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go (v1.32).
 */
import { deepCopy } from '../../lib/clone';
import { qualifiedSingular } from '../../engine/api/kinds';
import type { StatefulSet } from '../../engine/api/types';
import { errorText, KubectlError, type Verb } from '../context';
import { getObject, listObjects, objectsFromFiles, parseResourceArgs } from '../resources';

export const scaleVerb: Verb = {
  name: 'scale',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'timeout', type: 'string' },
    { name: 'dry-run', type: 'string' },
  ],
  run(p, ctx) {
    if (!p.set.has('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
    const replicas = p.flags['replicas'] as number;
    if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const files = p.flags['filename'] as string[] | undefined;
    let targets: { kind: ReturnType<typeof parseResourceArgs>['kinds'][number]; name: string }[];
    if (files?.length) {
      targets = objectsFromFiles(ctx, files).map(({ obj }) => ({ kind: parseResourceArgs([obj.kind]).kinds[0] as never, name: obj.metadata.name as string }));
    } else {
      if (p.args.length === 0) throw new KubectlError('Required resource not specified.');
      const req = parseResourceArgs(p.args);
      if (req.names) targets = req.names;
      else {
        const sel = p.flags['selector'] as string | undefined;
        if (!sel && p.flags['all'] !== true) throw new KubectlError('resource(s) were provided, but no name was specified');
        targets = req.kinds.flatMap((kind) => listObjects(ctx, kind, sel).map((o) => ({ kind, name: o.metadata.name as string })));
      }
    }
    let failed = false;
    for (const t of targets) {
      try {
        if (t.kind.kind !== 'StatefulSet') throw new KubectlError(`cannot scale ${t.kind.resource}: the server could not find the requested resource`);
        const live = getObject(ctx, t.kind, t.name) as StatefulSet;
        const cur = p.flags['current-replicas'] as number;
        if (cur >= 0 && (live.spec.replicas ?? 1) !== cur) {
          throw new KubectlError(`Expected replicas to be ${cur}, was ${live.spec.replicas ?? 1}`);
        }
        const next = deepCopy(live);
        next.spec.replicas = replicas;
        ctx.cluster.api.as('kubectl', () => ctx.cluster.api.update(next));
        ctx.out(`${qualifiedSingular(t.kind)}/${t.name} scaled\n`);
      } catch (e) {
        failed = true;
        ctx.err(errorText(e) + '\n');
      }
    }
    return failed ? 1 : 0;
  },
};
