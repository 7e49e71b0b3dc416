/**
 * `kubectl exec POD [-c C] -- COMMAND`: runs a command in the simulated container's tiny shell.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go (v1.32).
 */
import { kindInfo } from '../../engine/api/kinds';
import type { Pod } from '../../engine/api/types';
import { KubectlError, str, type Verb } from '../context';
import { getObject } from '../resources';

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
    let target = p.args[0] as string;
    if (target.startsWith('pod/') || target.startsWith('pods/') || target.startsWith('po/')) target = target.slice(target.indexOf('/') + 1);
    else if (target.includes('/')) throw new KubectlError(`cannot exec into a ${target.slice(0, target.indexOf('/'))}`);
    const pod = getObject(ctx, kindInfo('Pod'), target) as Pod;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
    }
    let container = str(p.flags, 'container');
    if (!container) {
      container = pod.spec.containers[0]?.name ?? '';
      if (pod.spec.containers.length > 1 && p.flags['quiet'] !== true) {
        ctx.err(`Defaulted container "${container}" out of: ${pod.spec.containers.map((c) => c.name).join(', ')}\n`);
      }
    } else if (!pod.spec.containers.some((c) => c.name === container) && !(pod.spec.initContainers ?? []).some((c) => c.name === container)) {
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
