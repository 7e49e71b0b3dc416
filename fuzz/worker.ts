/**
 * The fuzz worker thread: runs inputs one after another, directly against
 * the modules, and tells the main thread when each starts (and each command
 * step of the commands campaign), so the main thread's watchdog can stop it
 * on a hang and know which input it was.
 */
import { parentPort } from 'node:worker_threads';
import { generateInput, runCommands, runInput, type Campaign, type FuzzInput } from './campaigns';
import { describeThrown, signature, type Failure } from './checks';
import { shrink } from './shrink';

export type ToWorker =
  | { type: 'campaign'; campaign: Campaign; seed: number; from: number; to: number; determinismEvery: number; shrink: boolean; known: string[] }
  | { type: 'cases'; cases: { id: string; input: FuzzInput }[] };

export type FromWorker =
  | { type: 'start'; id: string }
  | { type: 'step'; id: string; line: string }
  | { type: 'shrinking'; id: string }
  | { type: 'done'; id: string; failures: Failure[]; input?: FuzzInput; minimised?: FuzzInput }
  | { type: 'end' };

const port = parentPort;
/** Signatures already shrunk (or known from regression files), for this worker's life. */
const shrunk = new Set<string>();
const post = (m: FromWorker) => port?.postMessage(m);

function runOne(id: string, make: (onStep: (line: string) => void) => { failures: Failure[]; input: FuzzInput }, doShrink: boolean): void {
  post({ type: 'start', id });
  let result: { failures: Failure[]; input: FuzzInput };
  try {
    result = make((line) => post({ type: 'step', id, line }));
  } catch (e) {
    // The harness itself must not stop on a bad input; report it as a crash (the main thread knows the input).
    post({ type: 'done', id, failures: [{ kind: 'crash', detail: `harness: ${describeThrown(e)}` }] });
    return;
  }
  if (result.failures.length === 0) return post({ type: 'done', id, failures: [] });
  let minimised: FuzzInput | undefined;
  const first = result.failures[0] as Failure;
  // Shrink only the first input of each kind of failure: the rest add nothing but time.
  if (doShrink && first.kind !== 'hang' && !shrunk.has(signature(first))) {
    shrunk.add(signature(first));
    post({ type: 'shrinking', id });
    try {
      minimised = shrink(result.input, first);
    } catch {
      minimised = undefined;
    }
  }
  post({ type: 'done', id, failures: result.failures, input: result.input, ...(minimised ? { minimised } : {}) });
}

port?.on('message', (msg: ToWorker) => {
  if (msg.type === 'campaign') {
    for (const k of msg.known) shrunk.add(k);
    for (let i = msg.from; i < msg.to; i++) {
      const determinism = msg.determinismEvery > 0 && i % msg.determinismEvery === 0;
      runOne(
        String(i),
        (onStep) => {
          if (msg.campaign === 'commands') {
            const r = runCommands(msg.seed, i, { determinism, onStep });
            return { failures: r.failures, input: { campaign: 'commands', kind: 'scenario', text: r.scenario } };
          }
          const input = generateInput(msg.campaign, msg.seed, i);
          return { failures: runInput(input, { determinism }).failures, input };
        },
        msg.shrink,
      );
    }
  } else {
    for (const c of msg.cases) runOne(c.id, () => ({ failures: runInput(c.input, { determinism: true }).failures, input: c.input }), false);
  }
  post({ type: 'end' });
});
