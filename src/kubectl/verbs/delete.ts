/**
 * `kubectl delete`: by name, `-l`, `--all` or `-f`; cascade, grace period,
 * force; and kubectl's default of waiting until the objects are gone.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go (v1.32).
 */
import { kindInfo, qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/types';
import { parseDuration } from '../../lib/duration';
import { bool, errorText, KubectlError, str, type Verb } from '../context';
import { getObject, listObjects, objectsFromFiles, parseResourceArgs } from '../resources';
import { runBlocking } from './blocking';

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
    { name: 'timeout', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run(p, ctx) {
    const f = p.flags;
    const cascade = CASCADE[str(f, 'cascade')];
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

    const targets: { kind: KindInfo; obj: KObject }[] = [];
    const errors: string[] = [];
    const files = f['filename'] as string[] | undefined;
    const selector = str(f, 'selector');
    if (files?.length) {
      for (const { obj } of objectsFromFiles(ctx, files)) {
        const kind = kindInfo(obj.kind);
        const live = ctx.cluster.api.get(kind.kind, obj.metadata.namespace, obj.metadata.name as string);
        if (live) targets.push({ kind, obj: live });
        else if (!bool(f, 'ignore-not-found')) errors.push(`Error from server (NotFound): error when deleting "${files[0]}": ${kind.group ? `${kind.resource}.${kind.group}` : kind.resource} "${obj.metadata.name}" not found`);
      }
    } else {
      if (p.args.length === 0) {
        throw new KubectlError(
          "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        );
      }
      const req = parseResourceArgs(p.args);
      if (req.names) {
        if (selector || bool(f, 'all')) throw new KubectlError('name cannot be provided when a selector is specified');
        for (const { kind, name } of req.names) {
          try {
            targets.push({ kind, obj: getObject(ctx, kind, name) });
          } catch (e) {
            if (!bool(f, 'ignore-not-found')) errors.push(errorText(e));
          }
        }
      } else {
        if (!selector && !bool(f, 'all')) throw new KubectlError('resource(s) were provided, but no name was specified');
        for (const kind of req.kinds) for (const obj of listObjects(ctx, kind, selector || undefined)) targets.push({ kind, obj });
        if (targets.length === 0 && !bool(f, 'ignore-not-found')) ctx.err(`No resources found\n`);
      }
    }

    const api = ctx.cluster.api;
    const deleted: { kind: KindInfo; obj: KObject }[] = [];
    for (const t of targets) {
      try {
        const opts: { propagationPolicy: typeof cascade; gracePeriodSeconds?: number } = { propagationPolicy: cascade };
        if (grace >= 0) opts.gracePeriodSeconds = grace;
        api.as('kubectl', () => api.delete(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name as string, opts));
        deleted.push(t);
        if (str(f, 'output') === 'name') ctx.out(`${qualifiedSingular(t.kind)}/${t.obj.metadata.name}\n`);
        else ctx.out(`${qualifiedSingular(t.kind)} "${t.obj.metadata.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}\n`);
      } catch (e) {
        errors.push(errorText(e));
      }
    }

    if (bool(f, 'wait') && deleted.length) {
      const timeoutText = str(f, 'timeout');
      const own = timeoutText ? parseDuration(timeoutText) : undefined;
      const gone = () => deleted.every((t) => api.get(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name as string)?.metadata.uid !== t.obj.metadata.uid);
      const res = runBlocking(ctx, gone, own && own > 0 ? own : undefined);
      if (!res.done && !res.killed && own) errors.push(`error: timed out waiting for the condition on ${deleted[0]?.kind.resource}/${deleted[0]?.obj.metadata.name}`);
    }
    for (const e of errors) ctx.err(e + '\n');
    return errors.length ? 1 : 0;
  },
};
