/**
 * `npm run fuzz -- [--campaign scenario|commands|links|all] [--seed N]
 * [--inputs N] [--seconds S] [--input-budget S] [--no-shrink] [--no-write]`
 *
 * Runs the campaigns (concurrently, one worker thread each, every input
 * under a watchdog), prints a summary, and keeps each new kind of failure as
 * a regression case in fuzz/regressions/. Exit 1 when anything failed.
 */
import process from 'node:process';
import { CAMPAIGNS, generateInput, runCommands, runInput, type Campaign, type FuzzInput } from './campaigns';
import type { RunOutcome } from './execute';
import { signature } from './checks';
import { runCampaign, type CampaignReport } from './harness';
import { listRegressions, readRegression, writeRegression } from './regressions';

interface Args {
  /** Print one input (its text, transcript and failures) instead of running campaigns. */
  show: number | undefined;
  replay: string | undefined;
  campaigns: Campaign[];
  seed: number;
  inputs: number | undefined;
  seconds: number | undefined;
  inputBudget: number;
  shrink: boolean;
  write: boolean;
}

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: npm run fuzz -- [--campaign scenario|commands|links|all] [--seed N] [--inputs N] [--seconds S] [--input-budget S] [--no-shrink] [--no-write]\n       npm run fuzz -- --campaign C --seed N --show INDEX    (one input: its text, transcript and failures)\n       npm run fuzz -- --replay fuzz/regressions/FILE\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { show: undefined, replay: undefined, campaigns: [...CAMPAIGNS], seed: Date.now() % 1_000_000, inputs: undefined, seconds: undefined, inputBudget: 10, shrink: true, write: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    const num = () => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0) usage(`${flag} needs a number`);
      return v;
    };
    switch (flag) {
      case '--campaign': {
        const c = value();
        if (c === 'all') a.campaigns = [...CAMPAIGNS];
        else if ((CAMPAIGNS as readonly string[]).includes(c)) a.campaigns = [c as Campaign];
        else usage(`unknown campaign "${c}"`);
        break;
      }
      case '--seed':
        a.seed = Math.trunc(num());
        break;
      case '--inputs':
        a.inputs = Math.trunc(num());
        break;
      case '--seconds':
        a.seconds = num();
        break;
      case '--input-budget':
        a.inputBudget = num();
        break;
      case '--show':
        a.show = Math.trunc(num());
        break;
      case '--replay':
        a.replay = value();
        break;
      case '--no-shrink':
        a.shrink = false;
        break;
      case '--no-write':
        a.write = false;
        break;
      default:
        usage(`unknown argument "${flag}"`);
    }
  }
  if (a.inputs === undefined && a.seconds === undefined) a.seconds = 60;
  return a;
}

/** Runs one input in this thread and prints everything about it. */
function show(input: FuzzInput, run: () => RunOutcome & { scenario?: string }): number {
  const r = run();
  const text = r.scenario ?? input.text;
  process.stdout.write(`---- input (${input.kind}, ${text.length} chars) ----\n${text.length > 4000 ? `${text.slice(0, 4000)}\n[… ${text.length - 4000} more]` : text}\n`);
  if (r.transcript !== undefined) process.stdout.write(`---- transcript ----\n${r.transcript}`);
  process.stdout.write(`---- ${r.failures.length} failure(s), exit ${r.exitCode} ----\n`);
  for (const f of r.failures) process.stdout.write(`${f.kind}${f.step ? ` at \`${f.step}\`` : ''}: ${f.detail}\n`);
  return r.failures.length ? 1 : 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.replay !== undefined) {
    const c = readRegression(args.replay);
    return show(c.input, () => runInput(c.input, { determinism: true }));
  }
  if (args.show !== undefined) {
    const campaign = args.campaigns.length === 1 ? (args.campaigns[0] as Campaign) : usage('--show needs one --campaign');
    const index = args.show;
    const input = generateInput(campaign, args.seed, index);
    // Steps go to stderr as they start, so a hang shows where it is.
    const onStep = (line: string) => process.stderr.write(`step: ${line}\n`);
    return show(input, () => (campaign === 'commands' ? runCommands(args.seed, index, { determinism: true, onStep }) : runInput(input, { determinism: true, onStep })));
  }
  process.stderr.write(`fuzz: seed ${args.seed}, campaigns ${args.campaigns.join(', ')}, ${args.inputs ?? 'unlimited'} inputs, ${args.seconds ?? 'no'} seconds each\n`);
  const known = new Set(listRegressions().flatMap((r) => r.signatures));
  const written: string[] = [];
  const reports = await Promise.all(
    args.campaigns.map((campaign) =>
      runCampaign({
        campaign,
        seed: args.seed,
        ...(args.inputs !== undefined ? { inputs: args.inputs } : {}),
        ...(args.seconds !== undefined ? { timeBudgetMs: args.seconds * 1000 } : {}),
        inputBudgetMs: args.inputBudget * 1000,
        shrink: args.shrink,
        known: [...known],
        onResult: (r) => {
          if (!r.failures.length) return;
          const first = r.failures[0];
          const sig = first ? signature(first) : '';
          const isNew = !known.has(sig);
          known.add(sig);
          process.stderr.write(`${campaign} #${r.id}: ${r.failures.length} failure(s): ${sig}${isNew ? ' (new)' : ''}\n`);
          if (isNew && args.write && (r.minimised ?? r.input)) {
            written.push(writeRegression((r.minimised ?? r.input)!, r.failures, `seed ${args.seed}, input ${r.id}`));
          }
        },
      }),
    ),
  );
  printSummary(reports, written);
  return reports.some((r) => r.failed.length) ? 1 : 0;
}

function printSummary(reports: CampaignReport[], written: string[]): void {
  const out: string[] = [];
  for (const r of reports) {
    const rate = r.inputs / (r.ms / 1000);
    out.push(`${r.campaign}: ${r.inputs} inputs in ${(r.ms / 1000).toFixed(1)} s (${rate.toFixed(1)} inputs/s), ${r.failed.length} failing`);
    const bySig = new Map<string, number>();
    for (const f of r.failed) for (const x of f.failures) bySig.set(signature(x), (bySig.get(signature(x)) ?? 0) + 1);
    for (const [sig, n] of [...bySig].sort((a, b) => b[1] - a[1])) out.push(`  ${n}× ${sig}`);
  }
  if (written.length) out.push(`new regression cases: ${written.map((w) => `fuzz/regressions/${w}`).join(', ')}`);
  process.stdout.write(out.join('\n') + '\n');
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
