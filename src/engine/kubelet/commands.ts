/**
 * The programs the playground's containers have, with busybox's output and
 * error messages: echo, cat, ls, hostname, env, printenv, pwd, cd, mkdir,
 * touch, rm, wc, grep, sort, uniq, head, tail, date, sleep, uname, whoami, true, false,
 * exit, export, nslookup, sh.
 */
import { SIM_EPOCH_MS } from '../clock/clock';
import type { ContainerFs } from './fs';
import { grep } from './grep';
import { sort } from './sort';
import { uniq } from './uniq';
import { ExecStop, SHELL_STRING_MAX, utf8Length, type ExecBudget } from './limits';
import type { Shell } from './shell';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ShellContext {
  hostname: string;
  /** Environment in `env` order. */
  env: [string, string][];
  fs: ContainerFs;
  nslookup(name: string): { stdout: string; exitCode: number };
  /** Virtual ms since the cluster started. */
  now(): number;
  /** Counters shared by everything one `kubectl exec` runs. */
  budget: ExecBudget;
}

/** A tool: its arguments (without argv[0]), standard input, and the name it was run as. */
type Command = (sh: Shell, args: string[], stdin: string, argv0: string) => CommandResult;

const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1, stdout = ''): CommandResult => ({ stdout, stderr, exitCode });

/** Splits leading `-abc` flags from operands (`--` ends flags). */
function flags(args: string[]): { f: Set<string>; rest: string[]; n?: number } {
  const f = new Set<string>();
  const rest: string[] = [];
  let n: number | undefined;
  let done = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (done || !a.startsWith('-') || a === '-') rest.push(a);
    else if (a === '--') done = true;
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else if (a === '-n' && /^\d+$/.test(args[i + 1] ?? '')) n = Number(args[++i]);
    else for (const ch of a.slice(1)) f.add(ch);
  }
  return n === undefined ? { f, rest } : { f, rest, n };
}

function readInputs(sh: Shell, files: string[], stdin: string, tool: string): { text: string; err: string } {
  if (!files.length) return { text: stdin, err: '' };
  let text = '';
  let err = '';
  for (const file of files) {
    const abs = sh.abs(file);
    if (sh.ctx.fs.isDir(abs)) err += `${tool}: read error: Is a directory\n`;
    else {
      const c = sh.ctx.fs.read(abs);
      if (c === undefined) err += `${tool}: can't open '${file}': No such file or directory\n`;
      else {
        // SIM: a real tool streams; the playground holds its input in memory, so it is bounded.
        if (text.length + c.length > SHELL_STRING_MAX) throw new ExecStop(`${tool}: the playground stops a command whose output passes ${SHELL_STRING_MAX} bytes\n`, 1);
        text += c;
      }
    }
  }
  return { text, err };
}

const lines = (t: string): string[] => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));

/** Lines written back as head and tail copy them: the input's last line keeps its lack of a newline. */
const unlines = (kept: string[], includesLast: boolean, text: string): string => {
  const out = kept.map((l) => `${l}\n`).join('');
  return kept.length && includesLast && !text.endsWith('\n') ? out.slice(0, -1) : out;
};


function ls(sh: Shell, args: string[]): CommandResult {
  const { f, rest } = flags(args);
  const all = f.has('a');
  const paths = rest.length ? rest : ['.'];
  let out = '';
  let err = '';
  const files: string[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    const abs = sh.abs(p);
    if (sh.ctx.fs.isDir(abs)) dirs.push(p);
    else if (sh.ctx.fs.read(abs) !== undefined) files.push(p);
    else err += `ls: ${p}: No such file or directory\n`;
  }
  // SIM: -l shows fixed owners, modes and times (the simulation keeps no metadata).
  const line = (abs: string, shown: string): string => {
    if (!f.has('l')) return `${shown}\n`;
    const dir = sh.ctx.fs.isDir(abs);
    const size = dir ? 4096 : utf8Length(sh.ctx.fs.read(abs) ?? '');
    return `${dir ? 'drwxr-xr-x    2' : '-rw-r--r--    1'} root     root     ${String(size).padStart(9)} Jan  1 09:00 ${shown}\n`;
  };
  for (const p of files) out += line(sh.abs(p), p);
  dirs.forEach((p, i) => {
    const abs = sh.abs(p);
    let names = sh.ctx.fs.list(abs) ?? [];
    if (!all && !f.has('A')) names = names.filter((n) => !n.startsWith('.'));
    if (all) names = ['.', '..', ...names];
    if (paths.length > 1) out += `${i > 0 || files.length ? '\n' : ''}${p}:\n`;
    out += names.map((n) => line(n === '.' || n === '..' ? sh.abs(`${p}/${n}`) : `${abs === '/' ? '' : abs}/${n}`, n)).join('');
  });
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
}

function date(now: number): string {
  const d = new Date(SIM_EPOCH_MS + now);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`;
}

export const COMMANDS: Record<string, Command> = {
  echo: (_sh, args) => {
    const noNewline = args[0] === '-n';
    const words = noNewline ? args.slice(1) : args;
    return ok(words.join(' ') + (noNewline ? '' : '\n'));
  },
  cat: (sh, args, stdin) => {
    const { text, err } = readInputs(sh, flags(args).rest, stdin, 'cat');
    return { stdout: text, stderr: err, exitCode: err ? 1 : 0 };
  },
  ls,
  hostname: (sh) => ok(`${sh.ctx.hostname}\n`),
  env: (sh) => ok([...sh.vars].map(([k, v]) => `${k}=${v}\n`).join('')),
  printenv: (sh, args) => {
    if (!args.length) return ok([...sh.vars].map(([k, v]) => `${k}=${v}\n`).join(''));
    const found = args.filter((a) => sh.vars.has(a));
    return { stdout: found.map((a) => `${sh.vars.get(a)}\n`).join(''), stderr: '', exitCode: found.length === args.length ? 0 : 1 };
  },
  export: (sh, args) => {
    for (const a of args) if (a.includes('=')) sh.setVar(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    return ok();
  },
  pwd: (sh) => ok(`${sh.cwd}\n`),
  cd: (sh, args) => {
    const target = sh.abs(args[0] ?? '/root');
    if (!sh.ctx.fs.isDir(target)) return fail(`${sh.builtinPrefix('cd')}can't cd to ${args[0]}: No such file or directory\n`, 2);
    sh.cwd = target;
    return ok();
  },
  mkdir: (sh, args) => {
    const { f, rest } = flags(args);
    let err = '';
    for (const d of rest) {
      const abs = sh.abs(d);
      const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
      if (sh.ctx.fs.exists(abs)) {
        if (!f.has('p')) err += `mkdir: can't create directory '${d}': File exists\n`;
      } else if (!f.has('p') && !sh.ctx.fs.isDir(parent)) err += `mkdir: can't create directory '${d}': No such file or directory\n`;
      else {
        const e = sh.ctx.fs.mkdir(abs);
        if (e) err += `mkdir: can't create directory '${d}': ${e}\n`;
      }
    }
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
  },
  touch: (sh, args) => {
    let err = '';
    for (const file of flags(args).rest) {
      const abs = sh.abs(file);
      if (sh.ctx.fs.exists(abs)) continue;
      const e = sh.ctx.fs.write(abs, '', true);
      if (e) err += `touch: ${file}: ${e === 'nonexistent directory' ? 'No such file or directory' : e}\n`;
    }
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
  },
  rm: (sh, args) => {
    const { f, rest } = flags(args);
    let err = '';
    for (const p of rest) {
      const abs = sh.abs(p);
      if (!sh.ctx.fs.exists(abs)) {
        if (!f.has('f')) err += `rm: can't remove '${p}': No such file or directory\n`;
      } else if (sh.ctx.fs.isDir(abs) && !f.has('r') && !f.has('R')) err += `rm: '${p}' is a directory\n`;
      else {
        const e = sh.ctx.fs.remove(abs);
        if (e) err += `rm: can't remove '${p}': ${e}\n`;
      }
    }
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
  },
  wc: (sh, args, stdin) => {
    const { f, rest } = flags(args);
    const { text, err } = readInputs(sh, rest, stdin, 'wc');
    const counts: number[] = [];
    const none = !f.has('l') && !f.has('w') && !f.has('c');
    if (none || f.has('l')) counts.push((text.match(/\n/g) ?? []).length);
    if (none || f.has('w')) counts.push(text.split(/\s+/).filter(Boolean).length);
    if (none || f.has('c')) counts.push(utf8Length(text));
    const nums = counts.length === 1 ? String(counts[0]) : counts.map((n) => String(n).padStart(7)).join(' ');
    return { stdout: `${nums}${rest.length === 1 ? ` ${rest[0]}` : ''}\n`, stderr: err, exitCode: err ? 1 : 0 };
  },
  grep: (sh, args, stdin, argv0) => grep(sh, argv0, args, stdin),
  egrep: (sh, args, stdin, argv0) => grep(sh, argv0, args, stdin),
  fgrep: (sh, args, stdin, argv0) => grep(sh, argv0, args, stdin),
  sort: (sh, args, stdin) => sort(sh, args, stdin),
  uniq: (sh, args, stdin) => uniq(sh, args, stdin),
  head: (sh, args, stdin) => {
    const { rest, n } = flags(args);
    const { text, err } = readInputs(sh, rest, stdin, 'head');
    const all = lines(text);
    const kept = all.slice(0, n ?? 10);
    return { stdout: unlines(kept, kept.length === all.length, text), stderr: err, exitCode: err ? 1 : 0 };
  },
  tail: (sh, args, stdin) => {
    const { rest, n } = flags(args);
    const { text, err } = readInputs(sh, rest, stdin, 'tail');
    const all = lines(text);
    const from = Math.max(0, all.length - (n ?? 10));
    return { stdout: unlines(all.slice(from), true, text), stderr: err, exitCode: err ? 1 : 0 };
  },
  date: (sh) => ok(date(sh.ctx.now())),
  // SIM: sleep returns at once; exec does not advance virtual time.
  sleep: () => ok(),
  uname: (sh, args) => ok(args.includes('-a') ? `Linux ${sh.ctx.hostname} 6.8.0-1015 #15-Ubuntu SMP x86_64 GNU/Linux\n` : 'Linux\n'),
  whoami: () => ok('root\n'),
  true: () => ok(),
  false: () => fail('', 1),
  // Behaviour of busybox shell/ash.c exitcmd and number(): digits only, then atoi's int, then & 255.
  exit: (sh, args) => {
    sh.exited = true;
    const arg = args[0];
    if (arg === undefined) return { stdout: '', stderr: '', exitCode: sh.status };
    if (!/^[0-9]+$/.test(arg)) return fail(`${sh.builtinPrefix('exit')}Illegal number: ${arg}\n`, 2);
    let v = BigInt(arg);
    if (v > 0x7fffffffffffffffn) v = 0x7fffffffffffffffn; // strtol saturates
    return { stdout: '', stderr: '', exitCode: Number(BigInt.asUintN(8, v)) };
  },
  nslookup: (sh, args) => {
    const name = flags(args).rest[0];
    if (!name) return fail('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n', 1);
    const r = sh.ctx.nslookup(name);
    return { stdout: r.stdout, stderr: '', exitCode: r.exitCode };
  },
  sh: (sh, args, stdin) => {
    const child = sh.subshell();
    if (args[0] === '-c') {
      if (args[1] === undefined) return fail('sh: -c requires an argument\n', 2);
      return child.run(args[1], stdin);
    }
    if (args[0] !== undefined) {
      const script = sh.ctx.fs.read(sh.abs(args[0]));
      if (script === undefined) return fail(`sh: can't open '${args[0]}': No such file or directory\n`, 2);
      child.source = { name: args[0], firstLine: 1 };
      return child.run(script, stdin);
    }
    child.source = { name: 'sh', firstLine: 1 };
    return child.run(stdin);
  },
};
COMMANDS['bash'] = COMMANDS['sh'] as Command;
