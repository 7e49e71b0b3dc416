/**
 * `kubectl scale`: sets spec.replicas through the scale subresource.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go (v1.32).
 */
import { qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import type { StatefulSet } from '../../engine/api/types';
import { aggregate, checkErrText, errorText, goErrorString, KubectlError, reduce, str, type Verb } from '../context';
import { getObject, listObjects, parseResourceArgs, unservedError, visitFiles } from '../resources';

export const scaleVerb: Verb = {
  name: 'scale',
  flags: [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'timeout', type: 'duration', default: 0 },
    { name: 'dry-run', type: 'string' },
  ],
  run(p, ctx) {
    if (!p.set.has('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
    const replicas = p.flags['replicas'] as number;
    if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const files = p.flags['filename'] as string[] | undefined;
    // Behaviour of scale.go RunScale: the objects are read first (what cannot be read is kept for the
    // end); the first object that fails to scale ends the command.
    const targets: { kind: KindInfo; name: string; namespace?: string }[] = [];
    let infoErr: unknown;
    if (files?.length) {
      infoErr = reduce(visitFiles(ctx, files, {}, (o) => targets.push({ kind: o.kind ?? UNSERVED, name: o.name, namespace: o.namespace })));
    } else {
      if (p.args.length === 0) throw new KubectlError('Required resource not specified.');
      const req = parseResourceArgs(p.args);
      if (req.names) {
        const errs: unknown[] = [];
        for (const n of req.names) {
          try {
            getObject(ctx, n.kind, n.name);
            targets.push(n);
          } catch (e) {
            errs.push(e);
          }
        }
        infoErr = reduce(aggregate(errs));
      } else {
        const sel = p.flags['selector'] as string | undefined;
        if (!sel && p.flags['all'] !== true) throw new KubectlError('resource(s) were provided, but no name was specified');
        for (const kind of req.kinds) for (const o of listObjects(ctx, kind, sel)) targets.push({ kind, name: o.metadata.name as string });
      }
    }
    const rv = str(p.flags, 'resource-version');
    if (rv && targets.length > 1) throw new KubectlError('cannot use --resource-version with multiple resources');
    if (targets.length === 0) throw new KubectlError(`no objects passed to scale${infoErr !== undefined ? ` ${goErrorString(infoErr)}` : ''}`);
    const api = ctx.cluster.api;
    const dryRun = str(p.flags, 'dry-run') === 'server';
    const cur = p.flags['current-replicas'] as number;
    for (const t of targets) {
      try {
        // Only a StatefulSet has a scale subresource here; anything else is the API server's 404.
        if (t.kind === UNSERVED || t.kind.kind !== 'StatefulSet') throw unservedError();
        const live = getObject(t.namespace ? { ...ctx, namespace: t.namespace } : ctx, t.kind, t.name) as StatefulSet;
        // Behaviour of kubectl pkg/scale ScaleSimple: with a precondition, GET the Scale, check it and
        // update it (its resourceVersion guards the write); without one, a merge patch of spec.replicas.
        const body: Record<string, unknown> = { spec: { replicas } };
        if (cur >= 0 || rv) {
          if (cur >= 0 && (live.spec.replicas ?? 1) !== cur) throw new KubectlError(`Expected replicas to be ${cur}, was ${live.spec.replicas ?? 1}`);
          if (rv && rv !== live.metadata.resourceVersion) throw new KubectlError(`Expected resourceVersion to be ${rv}, was ${live.metadata.resourceVersion}`);
          body['metadata'] = { resourceVersion: live.metadata.resourceVersion };
        }
        api.as('kubectl', () => api.patch('StatefulSet', live.metadata.namespace, t.name, 'merge', body, { subresource: 'scale', dryRun }));
        ctx.out(`${qualifiedSingular(t.kind)}/${t.name} scaled${dryRun ? ' (server dry run)' : ''}\n`);
      } catch (e) {
        ctx.err(errorText(e) + '\n');
        return 1;
      }
    }
    if (infoErr === undefined) return 0;
    ctx.err(checkErrText(infoErr));
    return 1;
  },
};

/** Stands for a kind kubectl mapped to a URL the server does not serve. */
const UNSERVED: KindInfo = { kind: '', apiVersion: '', group: '', resource: '', singular: '', shortNames: [], namespaced: true, tracksGeneration: false };
