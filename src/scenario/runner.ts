/**
 * The headless runner: replays a scenario and returns its transcript, as
 * `npm run sim` prints it. Same scenario and seed, same bytes.
 */
import type { KObject } from '../engine/api/types';
import { KINDS } from '../engine/api/kinds';
import type { Scenario } from './parse';
import { replay, MANIFESTS_FILE, type ReplayLimits, type ReplayStop } from './replay';
import { Session } from './session';

export { MANIFESTS_FILE } from './replay';

export interface StepResult {
  /** The command line, `# text` for say steps. */
  command: string;
  say?: boolean;
  /** A lesson's check, named but not run. */
  check?: boolean;
  output: string;
  /** Virtual seconds since the cluster started, when the step began. */
  t: number;
  exitCode: number;
}

export interface RunResult {
  transcript: string;
  steps: StepResult[];
  session: Session;
  /** Set when the replay passed one of its limits: the step it stopped after, and why. */
  stopped?: ReplayStop;
}

/**
 * Runs every step of a scenario (or those before the step that passed the
 * replay's budget). Never throws for a failing command: its error is in the output.
 */
export function runScenario(s: Scenario, opts: { limits?: Partial<ReplayLimits> } = {}): RunResult {
  const session = new Session(s.cluster, { ...s.files, [MANIFESTS_FILE]: s.manifests });
  const steps: StepResult[] = [];
  // The transcript is kept in pieces and joined once: many small appends to one string are slower to print.
  const parts: string[] = [];
  const stopped = replay(session, s, (st) => {
    if (st.kind === 'say') {
      const raw = st.say ?? st.command;
      parts.push(raw.replace(/\n+$/, '').split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n');
      steps.push({ command: `# ${st.command}`, say: true, output: '', t: st.t, exitCode: 0 });
    } else if (st.kind === 'check') {
      parts.push(`# check: ${st.command.replace(/\s*\n\s*/g, ' ')}\n`);
      steps.push({ command: `# check: ${st.command}`, check: true, output: '', t: st.t, exitCode: 0 });
    } else if (st.kind === 'comment') {
      parts.push(`${st.command}\n`);
      steps.push({ command: st.command, output: '', t: st.t, exitCode: 0 });
    } else {
      parts.push(`$ ${st.command}\n`, st.output);
      steps.push({ command: st.command, output: st.output, t: st.t, exitCode: st.exitCode });
    }
  }, opts);
  return { transcript: parts.join(''), steps, session, ...(stopped ? { stopped } : {}) };
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
    steps: r.steps.map((x) => ({ command: x.command, ...(x.say ? { say: true } : {}), ...(x.check ? { check: true } : {}), t: x.t, exitCode: x.exitCode, output: x.output })),
    time: r.session.cluster.clock.now() / 1000,
    objects,
    events: r.session.cluster.api.list('Event'),
    ...(r.stopped ? { stopped: r.stopped } : {}),
  };
}
