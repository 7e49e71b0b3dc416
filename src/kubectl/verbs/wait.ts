/**
 * `kubectl wait --for=condition=X|delete|jsonpath=...` on the virtual clock.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go (v1.32).
 */
import { qualifiedResource, qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/types';
import { parseDuration } from '../../lib/duration';
import { bool, KubectlError, str, type Verb } from '../context';
import { evalJsonPath } from '../printers/jsonpath';
import { getObject, listObjects, parseResourceArgs } from '../resources';
import { DEFAULT_BLOCKING_LIMIT, runBlocking } from './blocking';

type Check = (obj: KObject | undefined) => boolean;

function parseFor(f: string): Check {
  if (f === 'delete') return (o) => o === undefined;
  if (f.startsWith('condition=')) {
    let cond = f.slice('condition='.length);
    let want = 'true';
    const eq = cond.indexOf('=');
    if (eq >= 0) {
      want = cond.slice(eq + 1);
      cond = cond.slice(0, eq);
    }
    return (o) => {
      const conds = ((o?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      return conds.some((c) => c.type.toLowerCase() === cond.toLowerCase() && c.status.toLowerCase() === want.toLowerCase());
    };
  }
  if (f.startsWith('jsonpath=')) {
    const expr = f.slice('jsonpath='.length);
    const m = /^(\{.*\})(?:=(.*))?$/.exec(expr) ?? /^([^=]*)(?:=(.*))?$/.exec(expr);
    const path = m?.[1] ?? '';
    const want = m?.[2];
    const tpl = path.startsWith('{') ? path : `{${path}}`;
    return (o) => {
      if (!o) return false;
      try {
        const v = evalJsonPath(tpl, o);
        return want === undefined ? v !== '' : v === want;
      } catch {
        return false;
      }
    };
  }
  throw new KubectlError(`unrecognized condition: "${f}"`);
}

export const waitVerb: Verb = {
  name: 'wait',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(p, ctx) {
    const check = parseFor(str(p.flags, 'for'));
    if (p.args.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified');
    const req = parseResourceArgs(p.args);
    let targets: { kind: KindInfo; obj: KObject }[];
    if (req.names) targets = req.names.map((n) => ({ kind: n.kind, obj: getObject(ctx, n.kind, n.name) }));
    else {
      if (!str(p.flags, 'selector') && !bool(p.flags, 'all')) throw new KubectlError('resource(s) were provided, but no name was specified');
      targets = req.kinds.flatMap((kind) => listObjects(ctx, kind, str(p.flags, 'selector') || undefined).map((obj) => ({ kind, obj })));
      if (!targets.length) throw new KubectlError('no matching resources found');
    }
    const t = str(p.flags, 'timeout');
    // SIM: kubectl's own default is 30s; the scenario format makes it 5m of virtual time.
    const limit = t ? (parseDuration(t, true) ?? DEFAULT_BLOCKING_LIMIT) : DEFAULT_BLOCKING_LIMIT;
    const api = ctx.cluster.api;
    const current = (x: { kind: KindInfo; obj: KObject }) => {
      const o = api.get(x.kind.kind, x.obj.metadata.namespace, x.obj.metadata.name as string);
      return o && o.metadata.uid === x.obj.metadata.uid ? o : undefined;
    };
    for (const x of targets) {
      const res = runBlocking(ctx, () => check(current(x)), limit);
      if (res.killed) return 1;
      if (!res.done) {
        throw new KubectlError(`timed out waiting for the condition on ${qualifiedResource(x.kind)}/${x.obj.metadata.name}`);
      }
      ctx.out(`${qualifiedSingular(x.kind)}/${x.obj.metadata.name} condition met\n`);
    }
    return 0;
  },
};
