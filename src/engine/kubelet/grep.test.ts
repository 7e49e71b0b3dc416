import { describe, expect, it } from 'vitest';
import { VolumeDataStore } from '../controllers/volume/data';
import { ContainerFs } from './fs';
import { GREP_STEP_BUDGET } from './grep';
import { ExecBudget, VOLUME_CAPACITY } from './limits';
import { Shell } from './shell';
import recorded from './testdata/grep-busybox.json';

interface Case {
  args: string[];
  stdin: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}
const { files, cases } = recorded as { files: Record<string, string>; cases: Case[] };

/** A shell in /w, where the recorded files are. */
function shell(extra: Record<string, string> = {}): Shell {
  const store = new VolumeDataStore();
  for (const [p, c] of Object.entries({ ...files, ...extra })) store.write('w', p, c);
  const fs = new ContainerFs({ path: '/', store: new VolumeDataStore(), key: 'r', sub: '', readOnly: false, capacity: VOLUME_CAPACITY }, [{ path: '/w', store, key: 'w', sub: '', readOnly: false, capacity: 8 * VOLUME_CAPACITY }]);
  const sh = new Shell({ hostname: 'h', env: [], fs, nslookup: () => ({ stdout: '', exitCode: 0 }), now: () => 0, budget: new ExecBudget() });
  sh.cwd = '/w';
  return sh;
}

describe('grep (busybox 1.36.1)', () => {
  // Recorded from busybox 1.36.1 built with glibc (as in the busybox:1.36 image), run in a directory holding `files`.
  it.each(cases.map((c) => [c.args.join(' '), c] as const))('grep %s', (_, c) => {
    const stdin = c.stdin === '@a.txt' ? (files['a.txt'] as string) : c.stdin;
    expect(shell().command(['grep', ...c.args], stdin)).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
  });

  it('keeps busybox\'s quirks', () => {
    const sh = shell();
    expect(sh.run("echo 'xa a' | grep -ow a").stdout).toBe('a\na\n'); // -o after a -w retry prints from the line start
    expect(sh.run("echo abc | grep -o '\\<.'").stdout).toBe('a\nb\nc\n'); // each -o search starts a new buffer
    expect(sh.run('echo ab | grep -n -ov x')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(sh.run('grep -m 0 apple a.txt; echo $?').stdout).toBe('0\n');
    expect(sh.run('echo ab | grep -o -e a -e b').stdout).toBe('b\n'); // the last pattern is tried first
    expect(sh.run('egrep "(pie|TV)$" a.txt; fgrep "t[wh]o" pats').stdout).toBe('apple pie\nApple TV\nt[wh]o\n');
  });

  it('finds matches in time linear in the line for patterns that hang a backtracking engine', () => {
    const line = 'a'.repeat(20_000) + '!';
    const sh = shell({ long: `${line}\n${line}\n` });
    for (const [flags, pattern] of [
      ['-E', '^(a+)+$'],
      ['', '^\\(a*\\)*$'],
      ['-E', '(a|aa)+$'],
      ['-Eo', '(a|a?)+'],
      ['-Ec', '(.*a){20}!'],
    ] as const) {
      const r = sh.command(['grep', ...(flags ? [flags] : []), pattern, 'long'], '');
      expect(r.stderr, pattern).toBe('');
    }
  });

  it('stops a search that exceeds its step budget, with a message', () => {
    const line = 'a'.repeat(200_000);
    const sh = shell({ long: `${line}\n`.repeat(5) });
    const r = sh.command(['grep', '-cE', '(a|b|c|d|e|f|g|h|i|j){1,40}x', 'long'], '');
    expect(r).toEqual({ stdout: '', stderr: `grep: the playground stops the searches of one exec after ${GREP_STEP_BUDGET} steps\n`, exitCode: 2 });
  });

  it('shares one step budget among all the greps of an exec', () => {
    const files = { long: `${'a'.repeat(100_000)}\n` };
    const args = ['grep', '-cE', '(a|b|c){1,8}x', 'long'];
    const sh = shell(files);
    expect(sh.command(args, '')).toEqual({ stdout: '0\n', stderr: '', exitCode: 1 });
    const used = sh.ctx.budget.regexSteps;
    expect(used).toBeGreaterThan(GREP_STEP_BUDGET / 50);
    const fits = Math.floor(GREP_STEP_BUDGET / used);
    for (let i = 1; i < fits; i++) expect(sh.command(args, '').exitCode).toBe(1);
    expect(sh.command(args, '')).toEqual({ stdout: '', stderr: `grep: the playground stops the searches of one exec after ${GREP_STEP_BUDGET} steps\n`, exitCode: 2 });
    // A new exec has the whole budget again.
    expect(shell(files).command(args, '').exitCode).toBe(1);
  });

  it('reports regcomp errors as busybox does', () => {
    const sh = shell();
    expect(sh.command(['grep', '-E', '(a', 'a.txt'], '')).toEqual({ stdout: '', stderr: "grep: bad regex '(a': Unmatched ( or \\(\n", exitCode: 2 });
    expect(sh.command(['grep', 'a\\{99999\\}', 'a.txt'], '').stderr).toBe("grep: bad regex 'a\\{99999\\}': Regular expression too big\n");
    expect(sh.command(['grep', '(', 'empty'], '')).toEqual({ stdout: '', stderr: '', exitCode: 1 }); // compiled only when a line is read
  });
});
