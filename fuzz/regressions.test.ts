/**
 * Replays every regression case in fuzz/regressions/ under the fuzzer's own
 * checks (in a worker, under the watchdog). A case is a failure the fuzzer
 * once found; it passes when that failure is fixed and must stay fixed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signature } from './checks';
import { runCases, type InputResult } from './harness';
import { listRegressions, readRegression, regressionText } from './regressions';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cases = listRegressions();
const results = new Map<string, InputResult>();

beforeAll(async () => {
  const found = await runCases(cases.map((c) => ({ id: c.file, input: c.input })), { inputBudgetMs: 10_000 });
  for (const r of found) results.set(r.id, r);
}, 30 * 60_000);

describe('fuzz regression cases', () => {
  it('a case file gives back the exact bytes of its input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
    const text = '\uFEFF# a comment first\r\nversion: 1\n---- input\n';
    writeFileSync(join(dir, 'scenario-x.yaml'), regressionText({ campaign: 'scenario', kind: 'scenario', text }, [{ kind: 'crash', detail: 'boom\nline two' }], 'test'));
    const back = readRegression(join(dir, 'scenario-x.yaml'));
    expect(back.input).toEqual({ campaign: 'scenario', kind: 'scenario', text });
    expect(back.signatures).toEqual(['crash: boom line two']);
  });

  it.each(cases.map((c) => [c.file.split('/').pop() as string, c.file]))('%s passes the checks', (_name, file) => {
    const r = results.get(file);
    expect(r, 'the case ran').toBeDefined();
    expect(r?.failures.map((f) => `${signature(f)}${f.step ? ` at \`${f.step.slice(0, 200)}\`` : ''}: ${f.detail.slice(0, 300)}`)).toEqual([]);
  });
});
