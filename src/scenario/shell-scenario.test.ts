/**
 * A scenario of shell lines (the tutorials' loops, pipes into the text tools,
 * `&&`/`||`, `$(…)`, a step over several lines) through `npm run sim`, against
 * its transcript: each line printed once after `$ ` (further lines after
 * `> `), then the output of everything it ran, in order.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { runScenario } from './runner';

const root = resolve(__dirname, '..', '..');
const file = 'src/scenario/testdata/shell-lines.yaml';
const golden = readFileSync(join(root, 'src/scenario/testdata/shell-lines.transcript'), 'utf8');

describe('a scenario of shell lines', () => {
  it('prints its transcript through npm run sim', () => {
    const r = spawnSync('npm', ['run', 'sim', '--', file], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr.replace(/^\s*>.*$/gm, '').trim()).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(golden);
  });

  it('replays the same in-process, with each step\'s exit status', () => {
    const r = runScenario(parseScenario(readFileSync(join(root, file), 'utf8')));
    expect(r.transcript).toBe(golden);
    const status = (prefix: string) => r.steps.find((s) => s.command.startsWith(prefix))?.exitCode;
    // A pipeline's status is its last command's; `||` runs its right side only after a failure.
    expect(status('kubectl get pod web-9 2>&1 | head -1')).toBe(0);
    expect(status('kubectl get pod web-9 2>/dev/null ||')).toBe(0);
    expect(status('timeout 20s kubectl get pods -w | tail')).toBe(0);
    expect(r.steps.find((s) => s.command.startsWith('for p in'))?.command).toBe('for p in $(kubectl get pods -o name); do\n>   echo "${p#pod/} serves $(kubectl exec "${p#pod/}" -- cat /usr/share/nginx/html/index.html)"\n> done');
  });
});

describe('steps of several lines', () => {
  it('runs a step that starts with a comment line as a script, and echoes a lone comment', () => {
    const text = `version: 1\nsteps:\n  - |\n    # make two names\n    for i in 0 1; do echo "web-$i"; done\n  - "# just a comment"\n`;
    const r = runScenario(parseScenario(text));
    expect(r.transcript).toBe('$ # make two names\n> for i in 0 1; do echo "web-$i"; done\nweb-0\nweb-1\n# just a comment\n');
  });
});
