/**
 * Every gallery scenario replays to its golden transcript, byte for byte.
 * Regenerate with `npm run golden` only for an intended change, and read the diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { runScenario } from './runner';

const dir = join(__dirname, '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('gallery scenarios', () => {
  it('has at least eight scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s replays to its golden transcript', (file) => {
    const scenario = parseScenario(readFileSync(join(dir, file), 'utf8'));
    const golden = readFileSync(join(dir, file.replace(/\.yaml$/, '.transcript')), 'utf8');
    const { transcript } = runScenario(scenario);
    expect(transcript).toBe(golden);
  });
});
