/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for StatefulSets.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/rollout and
 * polymorphichelpers/{rollout_status,history,rollback}.go (v1.32).
 */
import { deepEqual } from '../../lib/clone';
import { parseDuration } from '../../lib/duration';
import { qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import { matchesSelector } from '../../engine/api/labels';
import type { ControllerRevision, StatefulSet } from '../../engine/api/types';
import { timestamp } from '../../engine/clock/clock';
import { describeTabWriter } from '../printers/tabwriter';
import { parseFlags, type FlagSpec } from '../flags';
import { errorText, GLOBAL_FLAGS, KubectlError, type VerbContext, type Verb } from '../context';
import { getObject, parseResourceArgs } from '../resources';
import { describePodTemplate } from '../describe/pod-template';
import { runBlocking, DEFAULT_BLOCKING_LIMIT } from './blocking';
import { patchObject } from './patch';

const SUBCOMMANDS: Record<string, FlagSpec[]> = {
  status: [
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '0s' },
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
    return { text: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision}...`, done: false };
  }
  return { text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`, done: true };
}

function targetSet(ctx: VerbContext, args: string[]): { kind: KindInfo; set: StatefulSet } {
  if (args.length === 0) throw new KubectlError('required resource not specified');
  const req = parseResourceArgs(args);
  const n = req.names?.[0];
  if (!n) throw new KubectlError('required resource not specified');
  if (n.kind.kind !== 'StatefulSet') throw new KubectlError(`no ${n.kind.singular === 'pod' ? 'status viewer' : 'viewer'} has been implemented for ${n.kind.kind}`);
  return { kind: n.kind, set: getObject(ctx, n.kind, n.name) as StatefulSet };
}

function status(ctx: VerbContext, args: string[], f: Record<string, unknown>): number {
  const { set } = targetSet(ctx, args);
  const api = ctx.cluster.api;
  const first = statefulSetStatus(set);
  ctx.out(first.text + '\n');
  if (first.done || f['watch'] === false) return 0;
  const timeout = parseDuration(String(f['timeout']), true) ?? 0;
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
    // SIM: --timeout=0 ("forever") is capped at 5m of virtual time.
    const res = runBlocking(ctx, () => done || failure !== undefined, timeout > 0 ? timeout : DEFAULT_BLOCKING_LIMIT);
    if (failure) throw failure;
    if (!res.done && !res.killed) throw new KubectlError('timed out waiting for the condition');
  } finally {
    stop();
  }
  return 0;
}

function history(ctx: VerbContext, args: string[], f: Record<string, unknown>): number {
  const { kind, set } = targetSet(ctx, args);
  const revs = setHistory(ctx, set);
  const n = f['revision'] as number;
  if (n > 0) {
    const rev = revs.find((r) => r.revision === n);
    if (!rev) throw new KubectlError('unable to find the specified revision');
    ctx.out(`${qualifiedSingular(kind)}/${set.metadata.name} with revision #${n}\n`);
    ctx.out(describePodTemplate(templateOf(rev)) + '\n');
    return 0;
  }
  if (revs.length === 0) {
    ctx.out('No rollout history found.\n');
    return 0;
  }
  const tw = describeTabWriter();
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of revs) tw.write(`${r.revision}\t${r.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`);
  ctx.out(`${qualifiedSingular(kind)}/${set.metadata.name} \n${tw.flush()}\n`);
  return 0;
}

function undo(ctx: VerbContext, args: string[], f: Record<string, unknown>): number {
  const { kind, set } = targetSet(ctx, args);
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
  if (deepEqual(tpl, JSON.parse(JSON.stringify(set.spec.template)))) {
    ctx.out(`${name} skipped rollback (current template already matches revision ${target?.revision})\n`);
    return 0;
  }
  patchObject(ctx, set, 'strategic', { spec: { template: { ...tpl, $patch: 'replace' } } });
  ctx.out(`${name} rolled back\n`);
  return 0;
}

function restart(ctx: VerbContext, args: string[]): number {
  const { kind, set } = targetSet(ctx, args);
  const now = timestamp(ctx.cluster.clock.now());
  patchObject(ctx, set, 'strategic', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now } } } } });
  ctx.out(`${qualifiedSingular(kind)}/${set.metadata.name} restarted\n`);
  return 0;
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
    const specs = SUBCOMMANDS[sub];
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
          return restart(ctx, parsed.args);
        default: {
          const { set } = targetSet(ctx, parsed.args);
          throw new KubectlError(`statefulsets.apps "${set.metadata.name}" ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported`);
        }
      }
    } catch (e) {
      ctx.err(errorText(e) + '\n');
      return 1;
    }
  },
};
