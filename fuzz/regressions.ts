/**
 * Regression cases: every failure the fuzzer finds is kept as a file in
 * `fuzz/regressions/` — `<campaign>-<hash>.yaml` holds a scenario file,
 * `<campaign>-<hash>.link` a share-link fragment. A header of `#` lines says
 * what failed; the input's exact bytes follow the marker line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableHex } from '../src/lib/hash';
import { CAMPAIGNS, type Campaign, type FuzzInput } from './campaigns';
import { signature, type Failure } from './checks';

export const REGRESSION_DIR = fileURLToPath(new URL('./regressions/', import.meta.url));
const MARKER = '# ---- input (exact bytes below this line) ----\n';

export interface RegressionCase {
  file: string;
  input: FuzzInput;
  /** Signatures of the failures it was kept for. */
  signatures: string[];
}

/** The text of a regression file. */
export function regressionText(input: FuzzInput, failures: Failure[], origin: string): string {
  const head = [
    `# fuzz regression: ${input.campaign} campaign, ${origin}`,
    ...failures.slice(0, 5).flatMap((f) => [
      `# failed: ${signature(f).replace(/\n/g, ' ')}`,
      `#   ${(f.step ? `at \`${f.step}\`: ` : '') + f.detail}`.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 400),
    ]),
    '# Replayed by fuzz/regressions.test.ts under the fuzzer\'s checks; it passes once the failure is fixed.',
  ];
  return `${head.join('\n')}\n${MARKER}${input.text}`;
}

/** Parses a regression file back into its input. */
export function readRegression(file: string): RegressionCase {
  const name = file.split('/').pop() as string;
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(MARKER);
  const campaign = CAMPAIGNS.find((c) => name.startsWith(`${c}-`)) ?? 'scenario';
  const body = at < 0 ? text : text.slice(at + MARKER.length);
  const header = at < 0 ? '' : text.slice(0, at);
  const signatures = [...header.matchAll(/^# failed: (.*)$/gm)].map((m) => m[1] as string);
  return { file, input: { campaign: campaign as Campaign, kind: name.endsWith('.link') ? 'link' : 'scenario', text: body }, signatures };
}

export function listRegressions(dir = REGRESSION_DIR): RegressionCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.link'))
    .sort()
    .map((f) => readRegression(join(dir, f)));
}

/** Writes a case unless one with the same bytes exists. Returns the file name. */
export function writeRegression(input: FuzzInput, failures: Failure[], origin: string, dir = REGRESSION_DIR): string {
  mkdirSync(dir, { recursive: true });
  const name = `${input.campaign}-${stableHex(`${input.kind}:${input.text}`, 8)}.${input.kind === 'link' ? 'link' : 'yaml'}`;
  const path = join(dir, name);
  if (!existsSync(path)) writeFileSync(path, regressionText(input, failures, origin));
  return name;
}
