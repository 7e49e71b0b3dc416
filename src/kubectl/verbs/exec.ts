/**
 * `kubectl exec POD [-c C] -- COMMAND`: runs a command in the simulated container's tiny shell.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go (v1.32).
 */
import { kindInfo, type KindInfo } from '../../engine/api/kinds';
import { labelSelectorAsMatcher, selectorFromSet } from '../../engine/api/labels';
import type { Pod, Service, StatefulSet } from '../../engine/api/types';
import { compareBytes } from '../../lib/order';
import { getOwn } from '../../lib/own';
import { goQuote } from '../../engine/api/gofmt';
import { KubectlError, str, type Verb, type VerbContext } from '../context';
import { getObject, parseResourceArgs } from '../resources';
import { runBlocking } from './blocking';

export const execVerb: Verb = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run(p, ctx) {
    if (p.args.length === 0) throw new KubectlError('expected \'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]\'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee \'kubectl exec -h\' for help and examples', true);
    if (p.args.length > 1 && p.afterDash === undefined) {
      throw new KubectlError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
    }
    const command = p.afterDash ?? [];
    if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');
    const target = p.args[0] as string;
    if (target === '') throw new KubectlError('pod, type/name or --filename must be specified');
    const pod = attachablePod(ctx, target);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
    }
    const containers = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
    const inits = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
    let container = str(p.flags, 'container');
    if (!container) {
      // Behaviour of podcmd.FindOrDefaultContainerByName (v1.32).
      if (containers.length === 0) throw new KubectlError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
      const annotated = getOwn(pod.metadata.annotations, 'kubectl.kubernetes.io/default-container');
      const chosen = (annotated && [...containers, ...inits].find((c) => c.name === annotated)) || containers[0];
      container = chosen?.name ?? '';
      if (chosen === containers[0] && p.flags['quiet'] !== true && (containers.length > 1 || inits.length > 0)) {
        const all = [...containers.map((c) => c.name), ...inits.map((c) => `${c.name} (init)`)];
        ctx.err(`Defaulted container ${goQuote(container)} out of: ${all.join(', ')}\n`);
      }
    } else if (!containers.some((c) => c.name === container) && !inits.some((c) => c.name === container)) {
      throw new KubectlError(`container ${container} not found in pod ${pod.metadata.name}`);
    }
    let res;
    try {
      res = ctx.cluster.exec(pod.metadata.namespace ?? 'default', pod.metadata.name as string, container, command);
    } catch (e) {
      throw new KubectlError(e instanceof Error ? e.message : String(e));
    }
    if (res.stdout) ctx.out(res.stdout);
    if (res.stderr) ctx.err(res.stderr);
    if (res.exitCode !== 0) {
      ctx.err(`command terminated with exit code ${res.exitCode}\n`);
      return res.exitCode;
    }
    return 0;
  },
};

/**
 * The pod `exec` runs in: POD, or TYPE/NAME as the builder reads it
 * (ResourceNames("pods", …)); a StatefulSet or a Service picks the most
 * active of its pods. Behaviour of polymorphichelpers attachablePodForObject,
 * SelectorsForObject and GetFirstPod with reversed podutils.ActivePods (v1.32).
 */
function attachablePod(ctx: VerbContext, target: string): Pod {
  const { kind, name } = target.includes('/') ? (parseResourceArgs([target]).names?.[0] as { kind: KindInfo; name: string }) : { kind: kindInfo('Pod'), name: target };
  const obj = getObject(ctx, kind, name);
  if (kind.kind === 'Pod') return obj as Pod;
  const goType = `*${kind.apiVersion.split('/').pop()}.${kind.kind}`;
  let matches: (labels: Record<string, string> | undefined) => boolean;
  if (kind.kind === 'StatefulSet') {
    const sel = (obj as StatefulSet).spec?.selector;
    try {
      matches = labelSelectorAsMatcher(sel);
    } catch (e) {
      throw new KubectlError(`cannot attach to ${goType}: invalid label selector: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else if (kind.kind === 'Service') {
    const sel = (obj as Service).spec?.selector;
    if (!sel || Object.keys(sel).length === 0) throw new KubectlError(`cannot attach to ${goType}: invalid service '${name}': Service is defined without a selector`);
    matches = selectorFromSet(sel);
  } else throw new KubectlError(`cannot attach to ${goType}: selector for ${goType} not implemented`);
  const pods = () => ctx.cluster.api.list<Pod>('Pod', ctx.namespace).filter((x) => matches(x.metadata.labels));
  // With no pod yet, GetPodList waits (--pod-running-timeout, 1m) for one to be added.
  if (pods().length === 0 && !runBlocking(ctx, () => pods().length > 0, 60_000, { cycleSafe: true }).done) throw new KubectlError('timed out waiting for the condition');
  return [...pods()].sort(moreActive)[0] as Pod;
}

/** Most active first: assigned, Running, Ready, Ready longest, fewest restarts, oldest. Reverse of podutils.ActivePods' Less. */
function moreActive(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  const phase = (p: Pod) => ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[p.status?.phase ?? ''] ?? 0;
  const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');
  const isReady = (p: Pod) => (ready(p)?.status === 'True' ? 1 : 0);
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const created = (p: Pod) => p.metadata.creationTimestamp ?? '';
  if (assigned(a) !== assigned(b)) return assigned(b) - assigned(a);
  if (phase(a) !== phase(b)) return phase(b) - phase(a);
  if (isReady(a) !== isReady(b)) return isReady(b) - isReady(a);
  const ra = ready(a)?.lastTransitionTime ?? '';
  const rb = ready(b)?.lastTransitionTime ?? '';
  if (isReady(a) && ra !== rb) return ra < rb ? -1 : 1;
  if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b);
  if (created(a) !== created(b)) return created(a) < created(b) ? -1 : 1;
  return compareBytes(a.metadata.name ?? '', b.metadata.name ?? '');
}
