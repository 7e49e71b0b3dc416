/**
 * `kubectl delete`: by name, `-l`, `--all` or `-f`; cascade, grace period,
 * force; and kubectl's default of waiting until the objects are gone.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go (v1.32).
 */
import { ApiError, notFound } from '../../engine/api/errors';
import { goQuote } from '../../engine/api/gofmt';
import { qualifiedResource, qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/types';
import { getOwn } from '../../lib/own';
import { bool, errorsText, KubectlError, str, type Verb } from '../context';
import { getObject, listObjects, parseResourceArgs, unservedError, visitFiles } from '../resources';
import { withSource } from './apply';
import { checkTimeout, runBlocking } from './blocking';

const CASCADE: Record<string, 'Background' | 'Foreground' | 'Orphan'> = {
  background: 'Background',
  true: 'Background',
  foreground: 'Foreground',
  orphan: 'Orphan',
  false: 'Orphan',
};

export const deleteVerb: Verb = {
  name: 'delete',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'timeout', type: 'duration', default: 0 },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(p, ctx) {
    const f = p.flags;
    if (bool(f, 'wait')) checkTimeout(ctx, f['timeout'] as number);
    const cascade = getOwn(CASCADE, str(f, 'cascade'));
    if (!cascade) throw new KubectlError(`invalid cascade value (${str(f, 'cascade')}). Must be "background", "foreground", or "orphan".`);
    let grace = f['grace-period'] as number;
    if (bool(f, 'now')) {
      if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
      grace = 1;
    }
    const force = bool(f, 'force');
    if (force && grace === -1) grace = 0;
    if (force && grace === 0) {
      ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    }
    if (!force && grace === 0) grace = 1; // Behaviour of delete.go: --grace-period=0 without --force means 1s.

    const api = ctx.cluster.api;
    const ignoreNotFound = bool(f, 'ignore-not-found');
    const errors: unknown[] = [];
    const deleted: { kind: KindInfo; obj: KObject }[] = [];
    let found = 0;
    const deleteOne = (t: { kind: KindInfo; obj: KObject }): void => {
      const opts: { propagationPolicy: typeof cascade; gracePeriodSeconds?: number } = { propagationPolicy: cascade };
      if (grace >= 0) opts.gracePeriodSeconds = grace;
      api.as('kubectl', () => api.delete(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name as string, opts));
      deleted.push(t);
      if (str(f, 'output') === 'name') ctx.out(`${qualifiedSingular(t.kind)}/${t.obj.metadata.name}\n`);
      else ctx.out(`${qualifiedSingular(t.kind)} "${t.obj.metadata.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}\n`);
    };
    const files = f['filename'] as string[] | undefined;
    const selector = str(f, 'selector');
    if (files?.length) {
      // Objects are deleted as the files are read; errors carry the file (AddSourceToErr "deleting").
      const err = visitFiles(ctx, files, {}, (o) => {
        found++;
        const fromServer = (e: ApiError) => {
          if (!(ignoreNotFound && e.reason === 'NotFound')) throw withSource(e, 'deleting', o.source);
        };
        if (!o.kind) return fromServer(unservedError());
        // client-go refuses an empty name before sending.
        if (o.name === '') throw new KubectlError(`error when deleting ${goQuote(o.source)}: resource name may not be empty`);
        const live = api.get(o.kind.kind, o.namespace || undefined, o.name);
        if (!live) return fromServer(notFound(qualifiedResource(o.kind), o.name));
        try {
          deleteOne({ kind: o.kind, obj: live });
        } catch (e) {
          if (e instanceof ApiError) fromServer(e);
          else throw e;
        }
      });
      if (err !== undefined) errors.push(err);
    } else {
      if (p.args.length === 0) {
        throw new KubectlError(
          "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        );
      }
      const targets: { kind: KindInfo; obj: KObject }[] = [];
      const req = parseResourceArgs(p.args, { listAll: false, selector: Boolean(selector) || bool(f, 'all') });
      if (req.names) {
        if (selector || bool(f, 'all')) throw new KubectlError('name cannot be provided when a selector is specified');
        for (const { kind, name } of req.names) {
          try {
            targets.push({ kind, obj: getObject(ctx, kind, name) });
          } catch (e) {
            if (!ignoreNotFound || e instanceof KubectlError) errors.push(e);
          }
        }
      } else {
        if (!selector && !bool(f, 'all')) throw new KubectlError('resource(s) were provided, but no name was specified');
        for (const kind of req.kinds) for (const obj of listObjects(ctx, kind, selector || undefined)) targets.push({ kind, obj });
        if (targets.length === 0 && !ignoreNotFound) ctx.err(`No resources found\n`);
      }
      for (const t of targets) {
        try {
          deleteOne(t);
        } catch (e) {
          errors.push(e);
        }
      }
    }
    if (files?.length && found === 0 && errors.length === 0) ctx.out('No resources found\n');

    // Behaviour of DeleteResult: any error is returned before waiting.
    if (bool(f, 'wait') && deleted.length && errors.length === 0) {
      const timeout = f['timeout'] as number;
      const own = timeout > 0 ? timeout : undefined;
      const gone = () => deleted.every((t) => api.get(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name as string)?.metadata.uid !== t.obj.metadata.uid);
      // Whether an object exists is never changed by steadily repeating work: cycle-safe.
      const res = runBlocking(ctx, gone, own, { cycleSafe: true });
      if (!res.done && !res.killed && own) errors.push(new KubectlError(`timed out waiting for the condition on ${deleted[0]?.kind.resource}/${deleted[0]?.obj.metadata.name}`));
    }
    if (errors.length) ctx.err(errorsText(errors));
    return errors.length ? 1 : 0;
  },
};
