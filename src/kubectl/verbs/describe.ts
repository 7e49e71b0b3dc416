/**
 * `kubectl describe TYPE [NAME_PREFIX]`: exact names first, then kubectl's prefix match.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go (v1.32).
 */
import { ApiError, notFound } from '../../engine/api/errors';
import { qualifiedResource, type KindInfo } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/types';
import { errorsText, KubectlError, reduce, str, type Verb, type VerbContext } from '../context';
import { describeObject, relatedFromApi } from '../describe/describe';
import type { FlagValues } from '../flags';
import type { FileObject } from '../manifests';
import { getObject, listObjects, parseResourceArgs, unservedError, visitFiles } from '../resources';

export const describeVerb: Verb = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(p, ctx) {
    const files = p.flags['filename'] as string[] | undefined;
    if (files?.length) return describeFiles(p.args, files, p.flags, ctx);
    if (p.args.length === 0) {
      throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    const selector = str(p.flags, 'selector') || undefined;
    const allNs = p.flags['all-namespaces'] === true;
    const req = parseResourceArgs(p.args, { listAll: true, selector: Boolean(selector) });
    if (req.names?.some((n) => n.kind.namespaced) && allNs) throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
    const objs: KObject[] = [];
    const errors: unknown[] = [];
    if (req.names) {
      for (const { kind, name } of req.names) {
        try {
          objs.push(getObject(ctx, kind, name));
        } catch (e) {
          errors.push(e);
        }
      }
      // Behaviour of describe.go: `describe TYPE NAME` whose only error is NotFound describes the objects named with that prefix.
      const [only] = errors;
      if (p.args.length === 2 && errors.length === 1 && only instanceof ApiError && only.reason === 'NotFound') {
        const types = [...new Set((p.args[0] as string).split(','))];
        if (types.length > 1) throw new KubectlError('you may only specify a single resource type');
        const kind = req.names[0]?.kind as KindInfo;
        const prefix = p.args[1] as string;
        const matching = listObjects(ctx, kind, undefined).filter((o) => (o.metadata.name ?? '').startsWith(prefix));
        if (!matching.length) throw only;
        const related = describeSettings(ctx, p.flags);
        ctx.out(matching.map((o) => `${describeObject(o, related, ctx.cluster.clock.now())}\n`).join(''));
        return 0;
      }
    } else {
      for (const kind of req.kinds) objs.push(...listObjects(ctx, kind, selector, allNs));
      if (objs.length === 0) {
        ctx.err(allNs ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
        return 0;
      }
    }
    const related = describeSettings(ctx, p.flags);
    const now = ctx.cluster.clock.now();
    ctx.out(objs.map((o) => describeObject(o, related, now)).join('\n\n'));
    if (errors.length) {
      ctx.err(errorsText(errors));
      return 1;
    }
    return 0;
  },
};

function describeSettings(ctx: VerbContext, f: FlagValues) {
  return { ...relatedFromApi(ctx.cluster.api), ...(f['show-events'] === false ? { showEvents: false } : {}) };
}

/**
 * `kubectl describe -f FILE…`: every object the files name is read first
 * (their errors come first), then each is looked up and described.
 * Behaviour of describe.go Run over Builder.FilenameParam (v1.32).
 */
function describeFiles(args: string[], files: string[], f: FlagValues, ctx: VerbContext): number {
  if (args.length) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const infos: FileObject[] = [];
  const infosErr = reduce(visitFiles(ctx, files, {}, (o) => infos.push(o)));
  const errors: unknown[] = infosErr === undefined ? [] : [infosErr];
  const seen = new Set<string>();
  const texts: string[] = [];
  const related = describeSettings(ctx, f);
  const now = ctx.cluster.clock.now();
  for (const o of infos) {
    const live = o.kind && o.name !== '' ? ctx.cluster.api.get(o.kind.kind, o.kind.namespaced ? o.namespace : undefined, o.name) : undefined;
    if (!live) {
      const e = !o.kind ? unservedError() : o.name === '' ? new KubectlError('resource name may not be empty') : notFound(qualifiedResource(o.kind), o.name);
      // Repeated errors are reported once.
      if (!seen.has(e.message)) errors.push(e);
      seen.add(e.message);
      continue;
    }
    texts.push(describeObject(live, related, now));
  }
  ctx.out(texts.join('\n\n'));
  if (infos.length === 0 && errors.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
  if (errors.length === 0) return 0;
  ctx.err(errorsText(errors));
  return 1;
}
