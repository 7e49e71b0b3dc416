/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for StatefulSets.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/rollout and
 * polymorphichelpers/{rollout_status,history,rollback}.go (v1.32).
 */
import { deepEqual } from '../../lib/clone';
import { getOwn } from '../../lib/own';
import { qualifiedResource, qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import { matchesSelector } from '../../engine/api/labels';
import type { ControllerRevision, KObject, StatefulSet } from '../../engine/api/types';
import { timestamp } from '../../engine/clock/clock';
import { describeTabWriter } from '../printers/tabwriter';
import { parseFlags, type FlagSpec } from '../flags';
import { errorsText, errorText, GLOBAL_FLAGS, KubectlError, type VerbContext, type Verb } from '../context';
import { getObject, listObjects, parseResourceArgs } from '../resources';
import { describePodTemplate } from '../describe/pod-template';
import { checkTimeout, runBlocking, DEFAULT_BLOCKING_LIMIT } from './blocking';
import { patchObject } from './patch';

const SUBCOMMANDS: Record<string, FlagSpec[]> = {
  status: [
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'timeout', type: 'duration', default: 0 },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  history: [
    { name: 'revision', type: 'int', default: 0 },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  undo: [
    { name: 'to-revision', type: 'int', default: 0 },
    { name: 'dry-run', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  restart: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'dry-run', type: 'string' },
  ],
  pause: [{ name: 'filename', short: 'f', type: 'strings' }],
  resume: [{ name: 'filename', short: 'f', type: 'strings' }],
};

/** Revisions the set controls, by number. Behaviour of controlledHistory. */
export function setHistory(ctx: VerbContext, set: StatefulSet): ControllerRevision[] {
  return ctx.cluster.api
    .list<ControllerRevision>('ControllerRevision', set.metadata.namespace)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.controller && o.uid === set.metadata.uid) && (!set.spec.selector || matchesSelector(r.metadata.labels ?? {}, set.spec.selector)))
    .sort((a, b) => a.revision - b.revision);
}

function templateOf(rev: ControllerRevision): Record<string, unknown> {
  const t = { ...((rev.data as { spec?: { template?: Record<string, unknown> } }).spec?.template ?? {}) };
  delete t['$patch'];
  return t;
}

/** The status line and whether the rollout is done. Behaviour of StatefulSetStatusViewer.Status. */
export function statefulSetStatus(set: StatefulSet): { text: string; done: boolean } {
  const st = set.status ?? { replicas: 0 };
  const replicas = set.spec.replicas ?? 1;
  if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
  }
  if (!st.observedGeneration || (set.metadata.generation ?? 0) > st.observedGeneration) {
    return { text: 'Waiting for statefulset spec update to be observed...', done: false };
  }
  const ready = st.readyReplicas ?? 0;
  if (ready < replicas) return { text: `Waiting for ${replicas - ready} pods to be ready...`, done: false };
  const ru = set.spec.updateStrategy?.rollingUpdate;
  const updated = st.updatedReplicas ?? 0;
  if (ru) {
    if (ru.partition !== undefined && updated < replicas - ru.partition) {
      return { text: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...`, done: false };
    }
    return { text: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { text: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...`, done: false };
  }
  return { text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...`, done: true };
}

interface Target {
  kind: KindInfo;
  obj: KObject;
}

/**
 * Runs `each` on every object the arguments name (or list, for a type alone),
 * carrying on past errors, and prints the errors at the end as CheckErr
 * does. Behaviour of the rollout subcommands' Builder (ResourceTypeOrNameArgs(true, …),
 * LabelSelectorParam, ContinueOnError, Flatten) and r.Visit.
 */
function visitTargets(ctx: VerbContext, args: string[], f: Record<string, unknown>, each: (t: Target) => void, noneFound?: string): number {
  if (args.length === 0) throw new KubectlError('required resource not specified');
  const selector = typeof f['selector'] === 'string' && f['selector'] ? f['selector'] : undefined;
  const req = parseResourceArgs(args, { listAll: true, selector: selector !== undefined });
  const errors: unknown[] = [];
  let found = 0;
  const visit = (t: Target) => {
    found++;
    try {
      each(t);
    } catch (e) {
      errors.push(e);
    }
  };
  if (req.names) {
    for (const n of req.names) {
      let obj: KObject;
      try {
        obj = getObject(ctx, n.kind, n.name);
      } catch (e) {
        errors.push(e);
        continue;
      }
      visit({ kind: n.kind, obj });
    }
  } else {
    for (const kind of req.kinds) for (const obj of listObjects(ctx, kind, selector)) visit({ kind, obj });
  }
  if (errors.length) {
    ctx.err(errorsText(errors));
    return 1;
  }
  if (found === 0 && noneFound !== undefined) ctx.err(noneFound);
  return 0;
}

/** kubectl's name for a kind in "not implemented" errors: schema.GroupKind.String(). */
const groupKind = (k: KindInfo) => (k.group ? `${k.kind}.${k.group}` : k.kind);

/** The StatefulSet a target is, or the polymorphic helper's error for another kind. */
function asSet(t: Target, missing: (gk: string) => string): StatefulSet {
  if (t.kind.kind !== 'StatefulSet') throw new KubectlError(missing(groupKind(t.kind)));
  return t.obj as StatefulSet;
}

function status(ctx: VerbContext, args: string[], f: Record<string, unknown>): number {
  const timeout = f['timeout'] as number;
  checkTimeout(ctx, timeout);
  return visitTargets(ctx, args, f, (t) => statusOf(ctx, asSet(t, (gk) => `no status viewer has been implemented for ${gk}`), f, timeout), `No resources found in ${ctx.namespace} namespace.\n`);
}

function statusOf(ctx: VerbContext, set: StatefulSet, f: Record<string, unknown>, timeout: number): void {
  const api = ctx.cluster.api;
  const first = statefulSetStatus(set);
  ctx.out(first.text + '\n');
  if (first.done || f['watch'] === false) return;
  const uid = set.metadata.uid;
  let done = false;
  let failure: unknown;
  const stop = api.watch((ev) => {
    if (done || failure || ev.object.kind !== 'StatefulSet' || ev.object.metadata.uid !== uid) return;
    if (ev.type === 'DELETED') {
      failure = new KubectlError('object has been deleted');
      return;
    }
    try {
      const s = statefulSetStatus(ev.object as StatefulSet);
      ctx.out(s.text + '\n');
      done = s.done;
    } catch (e) {
      failure = e;
    }
  });
  try {
    // SIM: --timeout=0 ("forever"; a negative one too, after klog's complaint) is capped at 5m of virtual time.
    // The status lines come from StatefulSet writes only, which repeating work never makes: cycle-safe.
    const res = runBlocking(ctx, () => done || failure !== undefined, timeout > 0 ? timeout : DEFAULT_BLOCKING_LIMIT, { cycleSafe: true });
    if (failure) throw failure;
    if (!res.done && !res.killed) throw new KubectlError('timed out waiting for the condition');
  } finally {
    stop();
  }
}

function history(ctx: VerbContext, args: string[], f: Record<string, unknown>): number {
  return visitTargets(ctx, args, f, (t) => historyOf(ctx, t.kind, asSet(t, (gk) => `no history viewer has been implemented for "${gk}"`), f));
}

function historyOf(ctx: VerbContext, kind: KindInfo, set: StatefulSet, f: Record<string, unknown>): void {
  const revs = setHistory(ctx, set);
  const n = f['revision'] as number;
  if (n > 0) {
    const rev = revs.find((r) => r.revision === n);
    if (!rev) throw new KubectlError('unable to find the specified revision');
    ctx.out(`${qualifiedSingular(kind)}/${set.metadata.name} with revision #${n}\n`);
    ctx.out(describePodTemplate(templateOf(rev)) + '\n');
    return;
  }
  if (revs.length === 0) {
    ctx.out('No rollout history found.\n');
    return;
  }
  const tw = describeTabWriter();
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of revs) tw.write(`${r.revision}\t${r.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`);
  ctx.out(`${qualifiedSingular(kind)}/${set.metadata.name} \n${tw.flush()}\n`);
  return;
}

function undo(ctx: VerbContext, args: string[], f: Record<string, unknown>): number {
  return visitTargets(ctx, args, f, (t) => undoOf(ctx, t.kind, asSet(t, (gk) => `no rollbacker has been implemented for "${gk}"`), f));
}

function undoOf(ctx: VerbContext, kind: KindInfo, set: StatefulSet, f: Record<string, unknown>): void {
  const to = f['to-revision'] as number;
  if (to < 0) throw new KubectlError(`unable to find specified revision ${to} in history`);
  const revs = setHistory(ctx, set);
  let target: ControllerRevision | undefined;
  if (to === 0) {
    if (revs.length <= 1) throw new KubectlError('no last revision to roll back to');
    target = revs[revs.length - 2];
  } else {
    target = revs.find((r) => r.revision === to);
    if (!target) throw new KubectlError(`unable to find specified revision ${to} in history`);
  }
  const tpl = templateOf(target as ControllerRevision);
  const name = `${qualifiedSingular(kind)}/${set.metadata.name}`;
  if (deepEqual(tpl, JSON.parse(JSON.stringify(set.spec?.template ?? {})))) {
    ctx.out(`${name} skipped rollback (current template already matches revision ${target?.revision})\n`);
    return;
  }
  patchObject(ctx, set, 'strategic', { spec: { template: { ...tpl, $patch: 'replace' } } });
  ctx.out(`${name} rolled back\n`);
  return;
}

function restart(ctx: VerbContext, args: string[], f: Record<string, unknown>): number {
  return visitTargets(
    ctx,
    args,
    f,
    ({ kind, obj }) => {
      // Behaviour of rollout_restart.go: a kind without a restarter fails as `error: <resource> "<name>" …`.
      if (kind.kind !== 'StatefulSet') throw new KubectlError(`error: ${qualifiedResource(kind)} "${obj.metadata.name}" restarting is not supported`, true);
      const set = obj as StatefulSet;
      const now = timestamp(ctx.cluster.clock.now());
      patchObject(ctx, set, 'strategic', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now } } } } });
      ctx.out(`${qualifiedSingular(kind)}/${set.metadata.name} restarted\n`);
    },
    `No resources found in ${ctx.namespace} namespace.\n`,
  );
}

export const rolloutVerb: Verb = {
  name: 'rollout',
  flags: [],
  run(p, ctx) {
    const [sub, ...rest] = p.args;
    if (!sub) {
      ctx.out('Manage the rollout of one or many resources.\n');
      return 0;
    }
    const specs = getOwn(SUBCOMMANDS, sub);
    if (!specs) throw new KubectlError(`unknown command "${sub}"\nSee 'kubectl rollout -h' for help and examples`);
    let parsed;
    try {
      parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...specs]);
    } catch (e) {
      throw new KubectlError(`Error: ${e instanceof Error ? e.message : String(e)}\nSee 'kubectl rollout ${sub} --help' for usage.`, true);
    }
    try {
      switch (sub) {
        case 'status':
          return status(ctx, parsed.args, parsed.flags);
        case 'history':
          return history(ctx, parsed.args, parsed.flags);
        case 'undo':
          return undo(ctx, parsed.args, parsed.flags);
        case 'restart':
          return restart(ctx, parsed.args, parsed.flags);
        default:
          // Behaviour of objectpauser.go / objectresumer.go: only Deployments pause.
          return visitTargets(
            ctx,
            parsed.args,
            parsed.flags,
            ({ kind, obj }) => {
              throw new KubectlError(`error: ${qualifiedResource(kind)} "${obj.metadata.name}" ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported`, true);
            },
            `No resources found in ${ctx.namespace} namespace.\n`,
          );
      }
    } catch (e) {
      ctx.err(errorText(e) + '\n');
      return 1;
    }
  },
};
