/**
 * CI's fuzz budget: each campaign runs 2,000 inputs of a fixed seed (in a
 * worker, every input under the watchdog: 30 s here, so a busy CI machine
 * does not turn a slow input into a hang) and must find nothing. A failure
 * here names the input; reproduce it with
 * `npm run fuzz -- --campaign NAME --seed 9 --show INDEX`, and keep it with
 * `npm run fuzz -- --campaign NAME --seed 9 --inputs 2000` (writes a case to fuzz/regressions/).
 */
import { describe, expect, it } from 'vitest';
import { CAMPAIGNS } from './campaigns';
import { signature } from './checks';
import { runCampaign } from './harness';

export const CI_SEED = 9;
export const CI_INPUTS = Number(process.env['FUZZ_INPUTS'] ?? 2000);

describe.each(CAMPAIGNS)('fuzz campaign %s', (campaign) => {
  it(`${CI_INPUTS} inputs of seed ${CI_SEED} break nothing`, async () => {
    const report = await runCampaign({ campaign, seed: CI_SEED, inputs: CI_INPUTS, shrink: false, determinismEvery: 10, inputBudgetMs: 30_000 });
    expect(report.inputs).toBe(CI_INPUTS);
    const found = report.failed.map((r) => `#${r.id} ${r.failures.map((f) => `${signature(f)}${f.step ? ` at \`${f.step.slice(0, 160)}\`` : ''}`).join('; ')}`);
    expect(found).toEqual([]);
  }, 20 * 60_000);
});
