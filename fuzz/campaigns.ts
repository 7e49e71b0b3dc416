/**
 * The three campaigns. Input `index` of a campaign under `seed` is a pure
 * function of (campaign, seed, index), so any input can be regenerated on
 * its own (after a hang, for a report) and the same seed gives the same run.
 */
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { Rng } from '../src/lib/rng';
import { parseScenario } from '../src/scenario/parse';
import { MANIFESTS_FILE } from '../src/scenario/runner';
import { shownLine } from '../src/scenario/replay';
import { Session } from '../src/scenario/session';
import { prototypePollution, type Failure } from './checks';
import { checkedRunner, parseChecked, runLink, runScenarioText, type RunOptions, type RunOutcome } from './execute';
import { knowledgeOf, randomCommand } from './grammar';
import { mutateLink, mutateScenario } from './mutate';
import { GALLERY } from './gallery';

export { GALLERY };

export const CAMPAIGNS = ['scenario', 'commands', 'links'] as const;
export type Campaign = (typeof CAMPAIGNS)[number];

/**
 * A fuzz input: scenario text (scenario, commands) or a link fragment
 * (links). `selftest` inputs misbehave on purpose (`hang`, `die`,
 * `pollute`), so the harness's own tests can see the watchdog work.
 */
export interface FuzzInput {
  campaign: Campaign;
  kind: 'scenario' | 'link' | 'selftest';
  text: string;
}

/** A 32-bit seed for input `index` of `campaign` (murmur3's finaliser over the three). */
export function inputSeed(campaign: Campaign, seed: number, index: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(CAMPAIGNS.indexOf(campaign) + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Input `index` for the scenario and links campaigns (commands inputs are made while they run). */
export function generateInput(campaign: Campaign, seed: number, index: number): FuzzInput {
  const rng = new Rng(inputSeed(campaign, seed, index));
  const [, full] = rng.pick(GALLERY);
  if (campaign === 'commands') return { campaign, kind: 'scenario', text: commandsBase(rng, full) };
  // Mutations find their failures in parsing, the manifests and the first commands: a few steps
  // of the gallery scenario keep an input cheap (the gallery itself runs whole in golden.test.ts).
  const base = rng.int(8) === 0 ? full : fewSteps(rng, full, 3);
  if (campaign === 'links') {
    const text = rng.int(3) === 0 ? mutateScenario(rng, base) : base;
    return { campaign, kind: 'link', text: mutateLink(rng, text) };
  }
  return { campaign, kind: 'scenario', text: mutateScenario(rng, base) };
}

/** The scenario with a random run of at most `max` of its steps. */
function fewSteps(rng: Rng, text: string, max: number): string {
  const doc = parseDocument(text);
  const steps = doc.get('steps');
  if (!isSeq(steps) || steps.items.length <= max) return text;
  const n = rng.int(max + 1);
  const from = rng.int(steps.items.length - n + 1);
  steps.items = steps.items.slice(from, from + n);
  return doc.toString({ lineWidth: 0 });
}

/** A gallery scenario without its steps, on a cluster drawn from the rng. */
function commandsBase(rng: Rng, base: string): string {
  const doc = parseDocument(base);
  doc.delete('steps');
  const cluster = doc.get('cluster');
  if (isMap(cluster)) {
    cluster.set('seed', rng.int(1000));
    if (rng.int(4) === 0) cluster.set('nodes', 1 + rng.int(4));
    if (rng.int(6) === 0) cluster.set('featureGates', doc.createNode({ MaxUnavailableStatefulSet: true }));
  }
  return doc.toString({ lineWidth: 0 });
}

/** Builds scenario text with `steps` replaced by these command lines. */
export function withSteps(text: string, steps: string[]): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return text;
  doc.set('steps', new Document(steps).contents);
  return doc.toString({ lineWidth: 0 });
}

/** Whether a command line is acceptable as a scenario step (so a generated run can be kept as a file). */
function validStep(line: string): boolean {
  try {
    parseScenario(withSteps('version: 1\n', [line]));
    return true;
  } catch {
    return false;
  }
}

export interface CommandsOutcome extends RunOutcome {
  /** The whole run as a scenario file. */
  scenario: string;
}

/**
 * The commands campaign: a gallery cluster, then 1–12 command lines drawn
 * from the grammar with what the cluster holds at that moment, each checked
 * for JavaScript text, faults and broken invariants.
 */
export function runCommands(seed: number, index: number, opts: RunOptions = {}): CommandsOutcome {
  const input = generateInput('commands', seed, index);
  const rng = new Rng(inputSeed('commands', seed, index) ^ 0x5bd1e995);
  const failures: Failure[] = [];
  const steps: string[] = [];
  const s = parseChecked(input.text, failures);
  if (!s) return { failures, exitCode: 2, scenario: input.text };
  const session = new Session(s.cluster, { ...s.files, [MANIFESTS_FILE]: s.manifests });
  const checked = checkedRunner(session, failures);
  let transcript = '';
  const exec = (line: string, generated: boolean) => {
    if (generated) opts.onStep?.(line);
    if (line.trim().startsWith('#') && !line.trim().includes('\n')) {
      // The runner echoes a comment step without a prompt.
      transcript += `${line.trim()}\n`;
      return;
    }
    const output = checked.run(line, line, `${input.text}\n${steps.join('\n')}`);
    // Further lines of a step after the terminal's `> ` prompt, as the runner prints them.
    transcript += `$ ${shownLine(line)}\n${output}`;
  };
  if (s.manifests.trim()) exec(`kubectl apply -f ${MANIFESTS_FILE}`, false);
  const n = 1 + rng.int(12);
  for (let i = 0; i < n && failures.length === 0; i++) {
    let line = '';
    for (let tries = 0; tries < 5; tries++) {
      line = randomCommand(rng, knowledgeOf(session.cluster, session.files.keys()), { oddity: 0.25 });
      if (validStep(line)) break;
      line = '';
    }
    if (!line) continue;
    steps.push(line);
    exec(line, true);
  }
  checked.dispose();
  const scenario = withSteps(input.text, steps);
  for (const p of prototypePollution()) failures.push({ kind: 'pollution', detail: `${p} was set` });
  if (opts.determinism && failures.length === 0) {
    // The same run, replayed from its scenario file by the checked runner and the real one.
    const again = runScenarioText(scenario, { determinism: true });
    failures.push(...again.failures);
    if (again.transcript !== undefined && again.transcript !== transcript) {
      failures.push({ kind: 'nondeterminism', detail: 'the generated run and its scenario file give different transcripts' });
    }
  }
  return { failures, exitCode: failures.some((f) => f.kind === 'crash') ? 1 : 0, transcript, scenario };
}

/** Runs any input (a regression case, a regenerated one). */
export function runInput(input: FuzzInput, opts: RunOptions = {}): RunOutcome {
  if (input.kind === 'selftest') return selftest(input.text);
  return input.kind === 'link' ? runLink(input.text, opts) : runScenarioText(input.text, opts);
}

function selftest(what: string): RunOutcome {
  if (what === 'hang') for (;;);
  // In a worker thread, process.exit ends the thread, as a fatal error would.
  if (what === 'die') process.exit(3);
  if (what === 'pollute') (Object.prototype as Record<string, unknown>)['fuzzSelftest'] = 1;
  return { failures: prototypePollution().map((p) => ({ kind: 'pollution' as const, detail: `${p} was set` })), exitCode: 0 };
}
