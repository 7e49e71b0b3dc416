/**
 * Runs one fuzz input through the modules, as `npm run sim`, a share link
 * and the browser would, and returns every failure seen. Never throws.
 *
 * A scenario runs step by step in a Session with the StatefulSet
 * InvariantChecker attached from the first write, so an invariant broken by
 * one step is reported against that step. The replay mirrors
 * `runScenario`; on sampled inputs the real `runScenario` runs too and the
 * two transcripts must be equal (determinism, and that this mirror is true).
 */
import { InvariantChecker } from '../src/engine/testing/invariants';
import { parseScenario, ScenarioError, type Scenario } from '../src/scenario/parse';
import { MANIFESTS_FILE, runScenario, toJsonReport } from '../src/scenario/runner';
import { shownLine } from '../src/scenario/replay';
import { Session } from '../src/scenario/session';
import { manifestProblems } from '../src/scenario/diagnostics';
import { decodeScenario, LinkError } from '../src/share/link';
import { GALLERY } from './gallery';
import { describeThrown, jsTextIn, prototypePollution, type Failure } from './checks';

const GALLERY_TEXTS = new Set(GALLERY.map(([, t]) => t));

export interface RunOptions {
  /** Also run the real runner (and the --json report) and compare transcripts. */
  determinism?: boolean;
  /** Called before each step runs (the watchdog's record of where a hang happened). */
  onStep?: (line: string) => void;
}

export interface RunOutcome {
  failures: Failure[];
  /** The transcript, when the scenario parsed. */
  transcript?: string;
  /** What `npm run sim` would exit with. */
  exitCode: number;
}

/** Checks a message meant for people (a ScenarioError, a LinkError). */
function checkMessage(message: string, input: string, what: string, failures: Failure[]): void {
  const js = jsTextIn(message, input);
  if (js !== undefined) failures.push({ kind: 'js-text', detail: `${what}: ${js}` });
}

/**
 * Parses scenario text as the runner does. Returns the scenario, or
 * undefined when it is invalid (exit 2) or the parser crashed (recorded).
 */
export function parseChecked(text: string, failures: Failure[]): Scenario | undefined {
  try {
    return parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) {
      checkMessage(e.message, text, 'scenario error', failures);
      if (!Number.isInteger(e.line) || !Number.isInteger(e.column) || e.line < 1 || e.column < 1) {
        failures.push({ kind: 'bad-position', detail: `scenario error at ${e.line}:${e.column}: ${e.message.slice(0, 200)}` });
      }
      return undefined;
    }
    failures.push({ kind: 'crash', detail: `parseScenario: ${describeThrown(e)}` });
    return undefined;
  }
}

/**
 * Runs lines in `session` with the StatefulSet InvariantChecker attached from
 * now on. `run` returns a line's output; an exception, JavaScript's words in
 * the output (unless `input` has them), a broken invariant or a clock fault
 * becomes a failure of `step`. `dispose` detaches the checker.
 */
export function checkedRunner(session: Session, failures: Failure[]): { run(line: string, step: string, input: string): string; dispose(): void } {
  const checker = new InvariantChecker(session.cluster);
  let seenProblems = 0;
  let seenFaults = 0;
  const run = (line: string, step: string, input: string): string => {
    let output = '';
    const io = { out: (x: string) => void (output += x), err: (x: string) => void (output += x) };
    try {
      session.run(line, io);
    } catch (e) {
      failures.push({ kind: 'crash', step, detail: `Session.run: ${describeThrown(e)}` });
    }
    const js = jsTextIn(output, input);
    if (js !== undefined) failures.push({ kind: 'js-text', step, detail: js });
    const problems = checker.violations;
    for (; seenProblems < problems.length; seenProblems++) failures.push({ kind: 'invariant', step, detail: problems[seenProblems] as string });
    const faults = session.cluster.clock.faults;
    for (; seenFaults < faults.length; seenFaults++) {
      const f = faults[seenFaults] as { at: number; label: string; error: unknown };
      failures.push({ kind: 'fault', step, detail: `t=${f.at / 1000}s ${f.label}: ${describeThrown(f.error)}` });
    }
    return output;
  };
  return { run, dispose: () => checker.dispose() };
}

/** Replays a parsed scenario with invariants checked after every step. */
export function replayChecked(s: Scenario, input: string, failures: Failure[], onStep?: (line: string) => void): string {
  let session: Session;
  try {
    session = new Session(s.cluster, { ...s.files, [MANIFESTS_FILE]: s.manifests });
  } catch (e) {
    failures.push({ kind: 'crash', detail: `new Session: ${describeThrown(e)}` });
    return '';
  }
  const checked = checkedRunner(session, failures);
  let transcript = '';
  const exec = (command: string, line: string) => {
    onStep?.(line);
    const output = checked.run(line, command, input);
    transcript += `$ ${command}\n${output}`;
  };
  try {
    if (s.manifests.trim()) exec(`kubectl apply -f ${MANIFESTS_FILE}`, `kubectl apply -f ${MANIFESTS_FILE}`);
    for (const step of s.steps) {
      if (step.say !== undefined) {
        transcript += step.say.replace(/\n+$/, '').split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n';
        continue;
      }
      const line = step.run as string;
      if (line.trim().startsWith('#') && !line.trim().includes('\n')) {
        transcript += `${line.trim()}\n`;
        continue;
      }
      exec(shownLine(line), line);
    }
  } finally {
    checked.dispose();
  }
  return transcript;
}

/** Parses and runs scenario text as `npm run sim` would, checking everything. */
export function runScenarioText(text: string, opts: RunOptions = {}): RunOutcome {
  const failures: Failure[] = [];
  const s = parseChecked(text, failures);
  let exitCode = 2;
  let transcript: string | undefined;
  if (s) {
    exitCode = 0;
    transcript = replayChecked(s, text, failures, opts.onStep);
    // The editor's diagnostics read the same manifests and the apply output.
    try {
      manifestProblems(s.manifests, transcript);
    } catch (e) {
      failures.push({ kind: 'crash', detail: `manifestProblems: ${describeThrown(e)}` });
    }
    if (opts.determinism && !failures.some((f) => f.kind === 'crash')) {
      try {
        const again = parseScenario(text);
        const r = runScenario(again);
        if (r.transcript !== transcript) failures.push({ kind: 'nondeterminism', detail: firstDifference(transcript, r.transcript) });
        JSON.stringify(toJsonReport(again, r));
      } catch (e) {
        failures.push({ kind: 'crash', detail: `runScenario/--json: ${describeThrown(e)}` });
      }
    }
  }
  if (failures.some((f) => f.kind === 'crash')) exitCode = 1;
  for (const p of prototypePollution()) failures.push({ kind: 'pollution', detail: `${p} was set` });
  if (exitCode !== 0 && exitCode !== 2) failures.push({ kind: 'exit-code', detail: `npm run sim would exit ${exitCode}` });
  return { failures, exitCode, ...(transcript !== undefined ? { transcript } : {}) };
}

/** Decodes a link fragment as the page does and runs what it holds. */
export function runLink(fragment: string, opts: RunOptions = {}): RunOutcome & { decoded?: string } {
  let text: string;
  try {
    text = decodeScenario(fragment);
  } catch (e) {
    const failures: Failure[] = [];
    if (e instanceof LinkError) checkMessage(e.message, fragment, 'link error', failures);
    else failures.push({ kind: 'crash', detail: `decodeScenario: ${describeThrown(e)}` });
    for (const p of prototypePollution()) failures.push({ kind: 'pollution', detail: `${p} was set` });
    return { failures, exitCode: 0 };
  }
  // A link that decodes to a gallery file unchanged runs in golden.test.ts already.
  if (GALLERY_TEXTS.has(text)) return { failures: [], exitCode: 0, decoded: text };
  return { ...runScenarioText(text, opts), decoded: text };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split('\n').length;
  return `transcripts differ at line ${line}: ${JSON.stringify(a.slice(i, i + 60))} vs ${JSON.stringify(b.slice(i, i + 60))}`;
}
