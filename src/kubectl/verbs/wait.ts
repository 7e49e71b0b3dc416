/**
 * `kubectl wait --for=condition=X|delete|jsonpath=...` on the virtual clock.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go (v1.32).
 */
import { qualifiedResource, qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/types';
import { bool, KubectlError, str, type Verb } from '../context';
import { evalJsonPath } from '../printers/jsonpath';
import { getObject, listObjects, parseResourceArgs } from '../resources';
import { checkTimeout, DEFAULT_BLOCKING_LIMIT, runBlocking } from './blocking';

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
    { name: 'timeout', type: 'duration', default: 0 },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(p, ctx) {
    const forText = str(p.flags, 'for');
    const check = parseFor(forText);
    // SIM: kubectl's own default is 30s; the scenario format makes it 5m of virtual time.
    // Behaviour of wait.go: a negative --timeout waits a week; 0 checks once.
    const given = p.flags['timeout'] as number;
    const limit = !p.set.has('timeout') ? DEFAULT_BLOCKING_LIMIT : given < 0 ? 168 * 3_600_000 : given;
    checkTimeout(ctx, limit);
    if (p.args.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified');
    const req = parseResourceArgs(p.args, { listAll: false, selector: Boolean(str(p.flags, 'selector')) || bool(p.flags, 'all') });
    let targets: { kind: KindInfo; obj: KObject }[];
    if (req.names) targets = req.names.map((n) => ({ kind: n.kind, obj: getObject(ctx, n.kind, n.name) }));
    else {
      if (!str(p.flags, 'selector') && !bool(p.flags, 'all')) throw new KubectlError('resource(s) were provided, but no name was specified');
      targets = req.kinds.flatMap((kind) => listObjects(ctx, kind, str(p.flags, 'selector') || undefined).map((obj) => ({ kind, obj })));
      if (!targets.length) throw new KubectlError('no matching resources found');
    }
    const api = ctx.cluster.api;
    const current = (x: { kind: KindInfo; obj: KObject }) => {
      const o = api.get(x.kind.kind, x.obj.metadata.namespace, x.obj.metadata.name as string);
      return o && o.metadata.uid === x.obj.metadata.uid ? o : undefined;
    };
    for (const x of targets) {
      // Existence and conditions are never changed by steadily repeating work; a jsonpath may read anything.
      const res = runBlocking(ctx, () => check(current(x)), limit, { cycleSafe: !forText.startsWith('jsonpath=') });
      if (res.killed) return 1;
      if (!res.done) {
        throw new KubectlError(`timed out waiting for the condition on ${qualifiedResource(x.kind)}/${x.obj.metadata.name}`);
      }
      ctx.out(`${qualifiedSingular(x.kind)}/${x.obj.metadata.name} condition met\n`);
    }
    return 0;
  },
};
