/**
 * `npm run golden [NAME…]`: rewrites the golden transcripts of the gallery
 * scenarios. Run it only for an intended change, then read `git diff`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/runner';

const dir = join(import.meta.dirname, '..', 'scenarios');
const only = process.argv.slice(2);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  if (only.length && !only.some((o) => file.startsWith(o))) continue;
  const { transcript } = runScenario(parseScenario(readFileSync(join(dir, file), 'utf8')));
  const out = join(dir, file.replace(/\.yaml$/, '.transcript'));
  writeFileSync(out, transcript);
  process.stdout.write(`wrote ${out} (${transcript.split('\n').length - 1} lines)\n`);
}
