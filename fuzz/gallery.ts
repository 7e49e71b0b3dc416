/** The gallery scenarios (src/scenarios/*.yaml), by file name, in byte order: the seeds of every campaign. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIO_DIR = fileURLToPath(new URL('../src/scenarios/', import.meta.url));

export const GALLERY: [string, string][] = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => [f, readFileSync(join(SCENARIO_DIR, f), 'utf8')]);
