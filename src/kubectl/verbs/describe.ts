/**
 * `kubectl describe TYPE [NAME_PREFIX]`: exact names first, then kubectl's prefix match.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/describe/describe.go (v1.32).
 */
import { notFound } from '../../engine/api/errors';
import { qualifiedResource } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/types';
import { KubectlError, str, type Verb } from '../context';
import { describeObject, relatedFromApi } from '../describe/describe';
import { listObjects, parseResourceArgs } from '../resources';

export const describeVerb: Verb = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(p, ctx) {
    if (p.args.length === 0) {
      throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    const req = parseResourceArgs(p.args);
    const objs: KObject[] = [];
    /** Objects found by name prefix print each followed by one newline, not the "\n\n" separator. */
    let byPrefix = false;
    let failed = false;
    if (req.names) {
      for (const { kind, name } of req.names) {
        const exact = ctx.cluster.api.get(kind.kind, kind.namespaced ? ctx.namespace : undefined, name);
        if (exact) {
          objs.push(exact);
          continue;
        }
        const prefixed = listObjects(ctx, kind, undefined).filter((o) => (o.metadata.name ?? '').startsWith(name));
        if (prefixed.length) {
          objs.push(...prefixed);
          byPrefix = true;
        }
        else {
          failed = true;
          ctx.err(`Error from server (NotFound): ${notFound(qualifiedResource(kind), name).message}\n`);
        }
      }
    } else {
      for (const kind of req.kinds) objs.push(...listObjects(ctx, kind, str(p.flags, 'selector') || undefined, p.flags['all-namespaces'] === true));
      if (objs.length === 0) {
        ctx.err(req.kinds[0]?.namespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
        return 0;
      }
    }
    const related = { ...relatedFromApi(ctx.cluster.api), ...(p.flags['show-events'] === false ? { showEvents: false } : {}) };
    const now = ctx.cluster.clock.now();
    const texts = objs.map((o) => describeObject(o, related, now));
    ctx.out(byPrefix ? texts.map((t) => `${t}\n`).join('') : texts.join('\n\n'));
    return failed ? 1 : 0;
  },
};
