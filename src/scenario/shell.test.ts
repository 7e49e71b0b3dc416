import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JS_WORDS } from './testing';
import { TEXT_TOOLS, TextTools } from '../engine/sim/text-tools';
import { HostShell, SHELL_LIMITS, type ShellHost } from './shell';
import recorded from './testdata/bash-lines.json';

interface Case {
  line: string;
  stdout: string;
  stderr: string;
  status: number;
}

/** A shell whose only commands are the BusyBox text tools, over `files`. */
function shell(files: Record<string, string> = {}) {
  const tools = new TextTools(new Map(Object.entries(files)));
  const host: ShellHost = {
    command: (name) =>
      tools.has(name)
        ? (argv, stdin, io) => {
            const r = tools.run(argv, stdin);
            io.out(r.stdout);
            io.err(r.stderr);
            return r.exitCode;
          }
        : undefined,
    commandNames: () => TEXT_TOOLS,
    readFile: (name) => files[name],
  };
  const sh = new HostShell(host);
  const run = (line: string) => {
    let out = '';
    let err = '';
    tools.beginLine();
    const status = sh.run(line, { out: (x) => void (out += x), err: (x) => void (err += x) });
    return { stdout: out, stderr: err, status };
  };
  return { sh, run };
}

describe('the terminal shell against bash 5.2', () => {
  // Generated lines (scripts/record-bash-lines.py: words, quotes, every expansion form, pipes into the text tools, for loops,
  // groups, subshells, redirections, mutations into syntax errors), each recorded from an
  // interactive bash 5.2.15 in the C locale whose text tools were BusyBox 1.36.1's.
  const { cases } = recorded as { cases: Case[] };
  it.each(cases.map((c, i) => [i, c.line, c] as const))('%i: %s', (_, line, c) => {
    expect(shell().run(line)).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status });
  });
});

describe('exit statuses, as bash sets them', () => {
  it.each([
    ['false | true', 0],
    ['true | false', 1],
    ['! true', 1],
    ['! false | false', 0],
    ['false && echo no', 1],
    ['false || true', 0],
    ['true && false || true', 0],
    ['nosuchcmd', 127],
    ['./x', 127],
    ['echo a;;', 2],
    ['exit 300', 44],
    ['(exit 4); echo -n', 0],
    ['(exit 4)', 4],
    ['for x in; do false; done', 0],
    ['for x in a; do false; done', 1],
    ['x=$(false)', 1],
    ['x=$(exit 7) y=1', 7],
    ['echo ${}', 1],
    ['echo $((1/0))', 1],
    ['for 1 in a; do :; done', 1],
    ['echo a > somefile', 1],
    ['cat < nofile', 1],
    ['break', 0],
    ['echo a | grep -q b', 1],
  ])('%s → %i', (line, status) => {
    expect(shell().run(line).status).toBe(status);
  });

  it('keeps $? from one line to the next, as a terminal does', () => {
    const { run } = shell();
    run('false');
    expect(run('echo $?').stdout).toBe('1\n');
    expect(run('echo $?').stdout).toBe('0\n');
    run('x=5');
    expect(run('echo $((x * 2))').stdout).toBe('10\n');
  });

  it('stops the rest of a line after an expansion error, but runs the next line', () => {
    const { run } = shell();
    expect(run('echo ${x:?not set}; echo next')).toEqual({ stdout: '', stderr: 'bash: x: not set\n', status: 1 });
    expect(run('echo a\necho ${}; echo b\necho c')).toEqual({ stdout: 'a\nc\n', stderr: 'bash: ${}: bad substitution\n', status: 0 });
  });

  it('suggests only commands the terminal has for a mistyped name (bash itself says only "command not found")', () => {
    const { run } = shell();
    expect(run('grpe x').stderr).toBe('bash: grpe: command not found\ndid you mean: grep?\n');
    expect(run('sorr').stderr).toBe('bash: sorr: command not found\ndid you mean: sort?\n');
    expect(run('ls').stderr).toBe('bash: ls: command not found\n');
    expect(run('curl localhost').stderr).toBe('bash: curl: command not found\n');
    expect(run('printf x').stderr).toBe("bash: printf: not available in the playground's terminal\n");
  });
});

describe('limits: a line never hangs and never grows without bound', () => {
  const L = SHELL_LIMITS;
  it('runs at most SHELL_LIMITS.commands commands, loop passes counted', () => {
    const r = shell().run(`for i in {1..${L.commands * 2}}; do :; done; echo after`);
    expect(r).toEqual({ stdout: '', stderr: `bash: the playground stops a command line after ${L.commands} commands\n`, status: 1 });
    const ok = shell().run(`for i in {1..${L.commands / 2 - 1}}; do :; done; echo after`);
    expect(ok.stdout).toBe('after\n');
  });

  it('expands braces into at most SHELL_LIMITS.braceWords words, without building them first', () => {
    const msg = `bash: the playground expands braces into at most ${L.braceWords} words\n`;
    expect(shell().run('echo {1..1000000000000}').stderr).toBe(msg);
    expect(shell().run(`echo ${'{a,b}'.repeat(40)}`).stderr).toBe(msg);
    expect(shell().run(`echo ${'{'.repeat(100)}a,b${'}'.repeat(100)}`).stdout).toBe(`${'{'.repeat(99)}a${'}'.repeat(99)} ${'{'.repeat(99)}b${'}'.repeat(99)}\n`);
    expect(shell().run('echo {1..5..2} {9999999999999999999..1}').stdout).toBe('1 3 5 {9999999999999999999..1}\n');
  });

  it('holds at most SHELL_LIMITS.string characters in a variable, a pipe or a $(…)', () => {
    expect(shell().run('x=aaaa; for i in {1..40}; do x=$x$x; done; echo ${#x}').stderr).toBe(`bash: the playground stops a command line whose word passes ${L.string} bytes\n`);
    const line = 'x'.repeat(1000);
    const pipe = shell().run(`for i in {1..5000}; do echo ${line}; done | wc -l`);
    expect(pipe.stderr).toBe(`bash: the playground stops a pipe or $(…) that carries more than ${L.string} bytes\n`);
    expect(pipe.stdout).toBe('');
    expect(shell().run(`x=$(for i in {1..5000}; do echo ${line}; done)`).stderr).toBe(`bash: the playground stops a pipe or $(…) that carries more than ${L.string} bytes\n`);
  });

  it('moves at most SHELL_LIMITS.bytes through arguments, pipes and output in one line', () => {
    const r = shell().run(`x=$(for i in {1..3000}; do echo ${'y'.repeat(1000)}; done); for i in {1..40}; do echo "$x"; done`);
    expect(r.stderr).toBe(`bash: the playground stops a command line that moves more than ${L.bytes} bytes\n`);
    expect(r.stdout.length).toBeLessThanOrEqual(L.bytes);
  });

  it('bounds pattern matching and arithmetic recursion', () => {
    const r = shell().run(`x=$(for i in {1..3000}; do echo -n ab; done); echo \${x//*a*c/-}`);
    expect(r.stderr).toBe(`bash: the playground stops pattern matching after ${L.patternSteps} steps\n`);
    expect(shell().run("x='x+1'; echo $((x)); echo next")).toEqual({ stdout: '', stderr: 'bash: x+1: expression recursion level exceeded (error token is "x+1")\n', status: 1 });
    expect(shell().run(`echo $((${'('.repeat(150)}1${')'.repeat(150)}))`).stdout).toBe('1\n');
  });

  it('counts its work for a replay budget', () => {
    const { sh, run } = shell();
    run('for i in 1 2 3; do echo $i; done | sort -r');
    // Three loop passes, three echos and sort.
    expect(sh.work.commands).toBe(3 + 3 + 1);
    expect(sh.work.bytes).toBeGreaterThan(0);
  });
});

describe('files of the terminal', () => {
  it('reads the session\'s files (manifests.yaml, a scenario\'s files) and writes none', () => {
    const { run } = shell({ 'manifests.yaml': 'kind: Service\n---\nkind: StatefulSet\n' });
    expect(run('grep -c kind manifests.yaml').stdout).toBe('2\n');
    expect(run('sort -r < manifests.yaml | head -1').stdout).toBe('kind: StatefulSet\n');
    expect(run('cat manifests.yaml | wc -l').stdout).toBe('3\n');
    expect(run('echo x > out.yaml')).toEqual({ stdout: '', stderr: 'bash: out.yaml: Read-only file system\n', status: 1 });
    expect(run('echo x >/dev/null; echo y 2>/dev/null >&2; echo z >&2 2>/dev/null')).toEqual({ stdout: '', stderr: 'z\n', status: 0 });
    expect(run('cat nofile.yaml').stderr).toBe("cat: can't open 'nofile.yaml': No such file or directory\n");
  });
});

describe('any line', () => {
  it('answers in bash\'s or the tools\' words, with a status from 0 to 255, never an exception', () => {
    const piece = fc.constantFrom(
      'echo', ' ', ';', '|', '&&', '||', '|&', 'for x in', 'do', 'done', 'a', '$x', '"', "'", '`', '$(', ')', '${', '}', '{1..3}', '{a,b}', '$((', '))', '1+', '/0',
      '\\', '#', '\n', 'grep', 'sort -r', 'wc -l', 'head -n 1', 'uniq -c', '2>&1', '>/dev/null', '<<<', 'x=', '${x:-y z}', '${x#*}', '${#x}', 'break', 'exit', '(', '!', '*', '?',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }).map((a) => a.join(' ').replace(/ \\n /g, '\n')), (line) => {
        const r = shell().run(line);
        expect(Number.isInteger(r.status) && r.status >= 0 && r.status <= 255).toBe(true);
        expect(`${r.stdout}${r.stderr}`).not.toMatch(JS_WORDS);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
