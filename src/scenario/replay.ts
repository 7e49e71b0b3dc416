/**
 * Replaying a scenario: the manifests, then every step, within a budget.
 *
 * A scenario (a link, a course page's script) is code from a stranger that a
 * page replays without asking. Each step is bounded on its own (one
 * fast-forward is at most 720h, an exec has its limits, replicas have theirs),
 * but 2,000 steps each near its bound would keep a browser busy for an hour
 * and build a transcript larger than a JavaScript string can hold. So a replay
 * counts what the cluster does (API writes, timer runs, the work of `kubectl
 * exec`), what the terminal's shell does (commands, bytes moved) and what it
 * prints, and stops after the step that passes a limit: the steps after it
 * are not run. The counters are the session's own, so the same scenario stops
 * at the same step on every machine.
 *
 * SIM: a real terminal has no such budget. The limits are about a minute of
 * work on a small laptop, far beyond every lesson in the gallery.
 */
import { EXEC_REGEX_STEPS, MAX_COMMANDS, MAX_EXEC_BYTES } from '../engine/sim/cluster';
import { utf8Length, utf8Prefix } from '../lib/utf8';
import type { KubectlIO } from '../kubectl/context';
import type { Scenario, ScenarioStep } from './parse';
import type { Session, SessionWork } from './session';
import { shownLine } from './shell-syntax';
import { SHELL_LIMITS } from './shell';

export const MANIFESTS_FILE = 'manifests.yaml';

export { shownLine } from './shell-syntax';

/** What one replay may use, in all: at most this much, plus what its last step did. */
export interface ReplayLimits {
  writes: number;
  timerRuns: number;
  /** UTF-8 bytes of every step's output together. */
  outputBytes: number;
  execCommands: number;
  execBytes: number;
  regexSteps: number;
  /** Commands run by the terminal's shell (loops, pipes and `;` lists count each command). */
  shellCommands: number;
  /** Characters moved by the terminal's shell and its text tools. */
  shellBytes: number;
}

export const REPLAY_LIMITS: Readonly<ReplayLimits> = {
  writes: 250_000,
  timerRuns: 500_000,
  outputBytes: 16 * 1024 * 1024,
  execCommands: 10 * MAX_COMMANDS,
  execBytes: 10 * MAX_EXEC_BYTES,
  regexSteps: 10 * EXEC_REGEX_STEPS,
  shellCommands: 10 * SHELL_LIMITS.commands,
  shellBytes: 10 * SHELL_LIMITS.bytes,
};

export type ReplayLimit = keyof ReplayLimits;

const WHAT: Record<ReplayLimit, (n: number) => string> = {
  writes: (n) => `${n} API writes`,
  timerRuns: (n) => `${n} timer runs of the simulated cluster`,
  outputBytes: (n) => (n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB of output` : `${n} bytes of output`),
  execCommands: (n) => `${n} commands run by kubectl exec`,
  execBytes: (n) => `${n} bytes moved by kubectl exec`,
  regexSteps: (n) => `${n} grep steps`,
  shellCommands: (n) => `${n} commands run by the terminal's shell`,
  shellBytes: (n) => `${n} bytes moved by the terminal's shell`,
};

/** The message a replay stops with when it passes `limit`. */
export function replayLimitMessage(limit: ReplayLimit, limits: Readonly<ReplayLimits> = REPLAY_LIMITS): string {
  return `the playground stops a replay after ${WHAT[limit](limits[limit])}; this step passed the limit`;
}

/** Where a replay stopped, and why: the step's position in the scenario file. */
export interface ReplayStop {
  line: number;
  column: number;
  message: string;
}

/** One step as it was replayed. */
export interface ReplayedStep {
  /** The command line as the transcript shows it; the prose of a `say` step. */
  command: string;
  kind: 'command' | 'comment' | 'say' | 'check';
  /** A `say` step's text as the file has it. */
  say?: string;
  output: string;
  /** Virtual seconds since the cluster started, when the step began. */
  t: number;
  exitCode: number;
}

/**
 * Counts a replay's use against REPLAY_LIMITS. Output past its limit is
 * dropped as it is written (a step may print much before it ends); the other
 * counters are read between steps.
 */
export class ReplayBudget {
  private readonly start: SessionWork;
  private outputBytes = 0;
  private outputFull = false;

  constructor(
    private readonly session: Session,
    readonly limits: Readonly<ReplayLimits> = REPLAY_LIMITS,
  ) {
    this.start = session.work();
  }

  /** Appends what a command prints to `sink`, up to the replay's output limit. */
  io(sink: (text: string) => void): KubectlIO {
    const write = (text: string) => {
      if (this.outputFull) return;
      const n = utf8Length(text);
      if (this.outputBytes + n <= this.limits.outputBytes) {
        this.outputBytes += n;
        sink(text);
        return;
      }
      const room = this.limits.outputBytes - this.outputBytes;
      const part = utf8Prefix(text, room);
      this.outputBytes += utf8Length(part);
      this.outputFull = true;
      if (part) sink(part);
    };
    return { out: write, err: write };
  }

  /** The first limit the replay has passed, if any. */
  passed(): ReplayLimit | undefined {
    if (this.outputFull) return 'outputBytes';
    const now = this.session.work();
    const used: Record<Exclude<ReplayLimit, 'outputBytes'>, number> = {
      writes: now.writes - this.start.writes,
      timerRuns: now.timerRuns - this.start.timerRuns,
      execCommands: now.execCommands - this.start.execCommands,
      execBytes: now.execBytes - this.start.execBytes,
      regexSteps: now.regexSteps - this.start.regexSteps,
      shellCommands: now.shellCommands - this.start.shellCommands,
      shellBytes: now.shellBytes - this.start.shellBytes,
    };
    for (const k of Object.keys(used) as (keyof typeof used)[]) if (used[k] > this.limits[k]) return k;
    return undefined;
  }
}

export interface ReplayOptions {
  /** The steps to run (default: all of the scenario's); a lesson runs only its manifests at load. */
  steps?: readonly ScenarioStep[];
  /** Called after each command or comment line has run. */
  afterCommand?: () => void;
  /** Other limits than REPLAY_LIMITS (tests). */
  limits?: Partial<ReplayLimits>;
}

/**
 * Applies the scenario's manifests (as `kubectl apply -f manifests.yaml`) and
 * runs its steps on `session`, telling `onStep` each one. Returns where it
 * stopped when a limit was passed, undefined when every step ran. Never throws
 * for a failing command: its error is in the output.
 */
export function replay(session: Session, s: Scenario, onStep: (step: ReplayedStep) => void, opts: ReplayOptions = {}): ReplayStop | undefined {
  const budget = new ReplayBudget(session, { ...REPLAY_LIMITS, ...opts.limits });
  const clock = session.cluster.clock;
  const run = (command: string, line: string): void => {
    let output = '';
    const t = clock.now() / 1000;
    const exitCode = session.run(line, budget.io((x) => void (output += x)));
    opts.afterCommand?.();
    onStep({ command, kind: 'command', output, t, exitCode });
  };
  const stopped = (line: number, column: number): ReplayStop | undefined => {
    const limit = budget.passed();
    return limit ? { line, column, message: replayLimitMessage(limit, budget.limits) } : undefined;
  };
  if (s.manifests.trim()) {
    run(`kubectl apply -f ${MANIFESTS_FILE}`, `kubectl apply -f ${MANIFESTS_FILE}`);
    const stop = stopped(s.manifestsAt?.line ?? 1, s.manifestsAt?.column ?? 1);
    if (stop) return stop;
  }
  for (const step of opts.steps ?? s.steps) {
    if (step.say !== undefined) {
      onStep({ command: step.say.trim(), kind: 'say', say: step.say, output: '', t: clock.now() / 1000, exitCode: 0 });
      continue;
    }
    if (step.check !== undefined) {
      // A lesson's check is the learner's to meet; a replay only names it.
      onStep({ command: step.check.hint, kind: 'check', output: '', t: clock.now() / 1000, exitCode: 0 });
      continue;
    }
    const line = step.run ?? '';
    // A comment line is echoed; a step of several lines that starts with one is a script and runs.
    if (line.trim().startsWith('#') && !line.trim().includes('\n')) {
      opts.afterCommand?.();
      onStep({ command: line.trim(), kind: 'comment', output: '', t: clock.now() / 1000, exitCode: 0 });
      continue;
    }
    run(shownLine(line), line);
    const stop = stopped(step.line, step.column);
    if (stop) return stop;
  }
  return undefined;
}
