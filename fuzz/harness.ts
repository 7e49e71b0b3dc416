/**
 * The main-thread side: runs a campaign (or a list of cases) in a worker
 * thread under a watchdog. The worker says when each input starts; an input
 * that runs past its budget is recorded as a hang, the worker is terminated
 * and a fresh one carries on at the next input. A worker that dies (out of
 * memory) is handled the same way.
 */
import { Worker } from 'node:worker_threads';
import { generateInput, withSteps, type Campaign, type FuzzInput } from './campaigns';
import type { Failure } from './checks';
import type { FromWorker, ToWorker } from './worker';

export interface InputResult {
  id: string;
  failures: Failure[];
  input?: FuzzInput;
  minimised?: FuzzInput;
  ms: number;
}

export interface WatchdogOptions {
  /** Wall-clock budget of one input (ms). */
  inputBudgetMs?: number;
  /** Wall-clock budget of shrinking one failing input (ms). */
  shrinkBudgetMs?: number;
  /** Heap limit of the worker (MB): an input that needs more is reported. */
  heapMb?: number;
  /** Called with every finished input. */
  onResult?: (r: InputResult) => void;
}

export interface CampaignOptions extends WatchdogOptions {
  campaign: Campaign;
  seed: number;
  /** Stop after this many inputs. */
  inputs?: number;
  /** Stop dispatching after this much wall-clock time (ms). */
  timeBudgetMs?: number;
  /** Also check determinism on every n-th input (0: never). */
  determinismEvery?: number;
  shrink?: boolean;
  /** Inputs per message to the worker. */
  chunk?: number;
  /** Failure signatures already kept as regression cases: not shrunk again. */
  known?: string[];
}

export interface CampaignReport {
  campaign: Campaign;
  seed: number;
  inputs: number;
  ms: number;
  failed: InputResult[];
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** One worker at a time, restarted after a hang or a death. */
class Supervisor {
  private worker: Worker | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: { id: string; started: number; steps: string[] } | undefined;
  private resolveBatch: ((value: 'end' | 'killed') => void) | undefined;

  constructor(
    private readonly opts: WatchdogOptions,
    private readonly record: (r: InputResult) => void,
    private readonly hangInput: (id: string, steps: string[]) => FuzzInput | undefined,
  ) {}

  private spawn(): Worker {
    // A 1 MB stack, as a browser gives: deep recursion fails here as it would there.
    const w = new Worker(ENTRY, { resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: this.opts.heapMb ?? 1536 } });
    w.on('message', (m: FromWorker) => this.onMessage(m));
    w.on('error', (e) => this.kill('crash', `the worker died: ${e instanceof Error ? e.message : String(e)}`));
    w.on('exit', () => {
      if (this.worker === w) this.kill('crash', 'the worker exited');
    });
    return w;
  }

  private arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kill('hang', `no result after ${ms / 1000}s`), ms);
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'start':
        this.current = { id: m.id, started: performance.now(), steps: [] };
        this.arm(this.opts.inputBudgetMs ?? 10_000);
        return;
      case 'step':
        this.current?.steps.push(m.line);
        return;
      case 'shrinking':
        this.arm(this.opts.shrinkBudgetMs ?? 60_000);
        return;
      case 'done': {
        if (this.timer) clearTimeout(this.timer);
        const ms = this.current ? performance.now() - this.current.started : 0;
        this.current = undefined;
        const input = m.input ?? (m.failures.length ? this.hangInput(m.id, []) : undefined);
        this.record({ id: m.id, failures: m.failures, ...(input ? { input } : {}), ...(m.minimised ? { minimised: m.minimised } : {}), ms });
        return;
      }
      case 'end':
        if (this.timer) clearTimeout(this.timer);
        this.resolveBatch?.('end');
        return;
    }
  }

  /** Stops the worker; the input it was on fails with `kind`. */
  private kill(kind: 'hang' | 'crash', detail: string): void {
    if (this.timer) clearTimeout(this.timer);
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
    const cur = this.current;
    this.current = undefined;
    if (cur) {
      const input = this.hangInput(cur.id, cur.steps);
      const step = cur.steps[cur.steps.length - 1];
      this.record({ id: cur.id, failures: [{ kind, detail, ...(step !== undefined ? { step } : {}) }], ...(input ? { input } : {}), ms: performance.now() - cur.started });
    }
    this.resolveBatch?.('killed');
  }

  /** Sends one batch; resolves when it ends or the worker was killed (then `lastId` says where). */
  send(msg: ToWorker): Promise<'end' | 'killed'> {
    this.worker ??= this.spawn();
    const w = this.worker;
    return new Promise((resolve) => {
      this.resolveBatch = resolve;
      w.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/** Runs one campaign under the watchdog. */
export async function runCampaign(o: CampaignOptions): Promise<CampaignReport> {
  const failed: InputResult[] = [];
  let done = 0;
  let lastId = -1;
  const record = (r: InputResult) => {
    done++;
    lastId = Number(r.id);
    if (r.failures.length) failed.push(r);
    o.onResult?.(r);
  };
  const hangInput = (id: string, steps: string[]): FuzzInput | undefined => {
    try {
      const input = generateInput(o.campaign, o.seed, Number(id));
      return o.campaign === 'commands' ? { ...input, text: withSteps(input.text, steps) } : input;
    } catch {
      return undefined;
    }
  };
  const sup = new Supervisor(o, record, hangInput);
  const started = performance.now();
  const total = o.inputs ?? Number.POSITIVE_INFINITY;
  const chunk = o.chunk ?? 20;
  let next = 0;
  try {
    while (next < total && (o.timeBudgetMs === undefined || performance.now() - started < o.timeBudgetMs)) {
      const to = Math.min(total, next + chunk);
      const outcome = await sup.send({ type: 'campaign', campaign: o.campaign, seed: o.seed, from: next, to, determinismEvery: o.determinismEvery ?? 10, shrink: o.shrink ?? true, known: o.known ?? [] });
      // After a kill, carry on after the input that was killed (or past this one, if none had started).
      next = outcome === 'end' ? to : Math.max(lastId + 1, next + (lastId < next ? 1 : 0));
    }
  } finally {
    await sup.close();
  }
  return { campaign: o.campaign, seed: o.seed, inputs: done, ms: performance.now() - started, failed };
}

/** Replays stored cases (regressions) under the same watchdog. */
export async function runCases(cases: { id: string; input: FuzzInput }[], o: WatchdogOptions = {}): Promise<InputResult[]> {
  const results: InputResult[] = [];
  const byId = new Map(cases.map((c) => [c.id, c.input]));
  const sup = new Supervisor(o, (r) => {
    results.push(r);
    o.onResult?.(r);
  }, (id) => byId.get(id));
  try {
    let rest = cases;
    for (let attempts = 0; rest.length && attempts <= cases.length; attempts++) {
      const outcome = await sup.send({ type: 'cases', cases: rest });
      if (outcome === 'end') break;
      const seen = new Set(results.map((r) => r.id));
      rest = rest.filter((c) => !seen.has(c.id));
    }
  } finally {
    await sup.close();
  }
  return results;
}
