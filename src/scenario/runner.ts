/**
 * The headless runner: replays a scenario and returns its transcript, as
 * `npm run sim` prints it. Same scenario and seed, same bytes.
 */
import type { KObject } from '../engine/api/types';
import { KINDS } from '../engine/api/kinds';
import type { Scenario } from './parse';
import { Session } from './session';

export const MANIFESTS_FILE = 'manifests.yaml';

export interface StepResult {
  /** The command line, `# text` for say steps. */
  command: string;
  say?: boolean;
  output: string;
  /** Virtual seconds since the cluster started, when the step began. */
  t: number;
  exitCode: number;
}

export interface RunResult {
  transcript: string;
  steps: StepResult[];
  session: Session;
}

/** Runs every step of a scenario. Never throws for a failing command: its error is in the output. */
export function runScenario(s: Scenario): RunResult {
  const session = new Session(s.cluster, { ...s.files, [MANIFESTS_FILE]: s.manifests });
  const steps: StepResult[] = [];
  let transcript = '';
  const exec = (command: string, line: string) => {
    let output = '';
    const io = { out: (x: string) => void (output += x), err: (x: string) => void (output += x) };
    const t = session.cluster.clock.now() / 1000;
    const exitCode = session.run(line, io);
    steps.push({ command, output, t, exitCode });
    transcript += `$ ${command}\n${output}`;
  };
  if (s.manifests.trim()) exec(`kubectl apply -f ${MANIFESTS_FILE}`, `kubectl apply -f ${MANIFESTS_FILE}`);
  for (const step of s.steps) {
    if (step.say !== undefined) {
      const text = step.say.replace(/\n+$/, '').split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n';
      steps.push({ command: `# ${step.say.trim()}`, say: true, output: '', t: session.cluster.clock.now() / 1000, exitCode: 0 });
      transcript += text;
      continue;
    }
    const line = step.run as string;
    if (line.trim().startsWith('#')) {
      transcript += `${line.trim()}\n`;
      steps.push({ command: line.trim(), output: '', t: session.cluster.clock.now() / 1000, exitCode: 0 });
      continue;
    }
    exec(line.trim(), line);
  }
  return { transcript, steps, session };
}

/** The `--json` document: steps with output and start time, and the final objects by kind. */
export function toJsonReport(s: Scenario, r: RunResult): unknown {
  const objects: Record<string, KObject[]> = {};
  for (const k of KINDS) {
    if (k.kind === 'Event' || k.kind === 'Namespace') continue;
    const items = r.session.cluster.api.list(k.kind);
    if (items.length) objects[k.kind] = items;
  }
  return {
    version: 1,
    title: s.title ?? null,
    seed: s.cluster.seed,
    steps: r.steps.map((x) => ({ command: x.command, ...(x.say ? { say: true } : {}), t: x.t, exitCode: x.exitCode, output: x.output })),
    time: r.session.cluster.clock.now() / 1000,
    objects,
    events: r.session.cluster.api.list('Event'),
  };
}
