/**
 * `npm run sim -- FILE [--json]`: replays a scenario headless and prints its
 * transcript (or a JSON report). Exit 0 when the scenario ran, 2 with
 * `FILE:LINE:COLUMN: message` on stderr when the scenario is invalid, or
 * when its replay passed a limit (replay.ts): then what ran is printed first.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parseScenario, ScenarioError } from '../scenario/parse';
import { runScenario, toJsonReport } from '../scenario/runner';

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  if (files.length !== 1 || (files[0] as string).startsWith('-')) {
    process.stderr.write('usage: npm run sim -- FILE [--json]\n');
    return 2;
  }
  const file = files[0] as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}\n`);
    return 2;
  }
  let scenario;
  try {
    scenario = parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) {
      process.stderr.write(`${file}:${e.line}:${e.column}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const result = runScenario(scenario);
  process.stdout.write(json ? JSON.stringify(toJsonReport(scenario, result), null, 2) + '\n' : result.transcript);
  if (result.stopped) {
    // The replay passed one of its limits: what ran is printed, and the step it stopped after is named.
    process.stderr.write(`${file}:${result.stopped.line}:${result.stopped.column}: ${result.stopped.message}\n`);
    return 2;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
