/**
 * A tiny POSIX-ish shell for `kubectl exec`: words with single and double
 * quotes, $VAR / ${VAR} / $? / $(cmd) / `cmd`, `;` `&&` `||` `|` and newlines,
 * and the redirections `>` `>>` `<` `2>` `2>>` `2>&1` `>&2`. Commands come from
 * commands.ts; messages are busybox ash's.
 * SIM: no loops, conditionals or functions; every image has the same tools.
 *
 * Everything a script can grow is bounded (limits.ts): nesting of shells,
 * commands per exec, string sizes, argument lists, and the bytes a volume holds.
 */
import { globMatchBytes } from '../../lib/glob';
import { getOwn } from '../../lib/own';
import { COMMANDS, type CommandResult, type ShellContext } from './commands';
import { normalizePath } from './fs';
import { ARG_MAX, ExecStop, type ExecBudget, MAX_ARG_STRLEN, MAX_COMMANDS, MAX_EXEC_OUTPUT, MAX_SHELL_DEPTH, SHELL_STRING_MAX, utf8Length } from './limits';
import { parse, SyntaxError_, type Item, type Redir, type Simple, type Word } from './shell-parse';

export type { ShellContext } from './commands';
export type ExecResult = CommandResult;

/** Thrown when `kubectl exec` names a program the container does not have. */
export class UnknownCommandError extends Error {
  constructor(readonly command: string) {
    super(`executable file not found: ${command}`);
  }
}

/**
 * An error that ends the current (non-interactive) shell, as ash's raise_error does: the
 * message goes to stderr and the shell exits with `status`. Its parent carries on.
 */
export class ShellError extends Error {
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
  }
}

/** ash builtins among the tools: they run inside the shell, without execve's limits. */
const BUILTINS = new Set(['echo', 'cd', 'pwd', 'export', 'exit', 'true', 'false']);

/**
 * What each tool says when its standard output cannot be written (No space left on device),
 * and the status it then exits with (null: unchanged). Measured on busybox 1.36.1 (glibc).
 */
const WRITE_ERRORS: Record<string, [string | null, number | null]> = {
  echo: ['sh: write error', 1],
  sh: ['sh: write error', 1],
  bash: ['sh: write error', 1],
  cat: ['cat: write error', 1],
  tail: ['tail: write error', 1],
  date: ['date: write error', 1],
  uname: ['uname: write error', 1],
  whoami: ['whoami: write error', 1],
  env: ['env: write error', 125],
  printenv: ['printenv: write error', 2],
  head: ['head: standard output', 1],
  wc: ['wc: standard output', 1],
  pwd: [null, 1],
};

/** Where file descriptor 1 or 2 of a command goes. */
type Target = { t: 'out' } | { t: 'err' } | { t: 'null' } | { t: 'file'; abs: string };

/** How the shell was started, for the prefix and line numbers of its messages. */
export interface ScriptSource {
  /** `sh` for `-c` and standard input, else the script's path as given. */
  name: string;
  /** Line numbers as ash prints them: 0-based for `-c`, 1-based otherwise. */
  firstLine: 0 | 1;
}

export class Shell {
  vars: Map<string, string>;
  cwd = '/';
  status = 0;
  /** Set by the `exit` builtin: the rest of the script is skipped. */
  exited = false;
  source: ScriptSource = { name: 'sh', firstLine: 0 };
  /** 0-based line of the item being run. */
  line = 0;
  /** What command substitutions wrote to stderr while the current command's words expanded. */
  private substErr = '';

  constructor(
    readonly ctx: ShellContext,
    readonly depth = 0,
  ) {
    this.vars = new Map(ctx.env);
  }

  /** A child shell (a new process) with a copy of this one's variables and directory. */
  subshell(): Shell {
    // SIM: a real node runs out of processes or memory much later.
    if (this.depth + 1 > MAX_SHELL_DEPTH) throw new ShellError("sh: can't fork: Resource temporarily unavailable\n");
    const child = new Shell({ ...this.ctx, env: [...this.vars] }, this.depth + 1);
    child.cwd = this.cwd;
    return child;
  }

  abs(p: string): string {
    return normalizePath(p, this.cwd);
  }

  /** `sh: cd: line 3: ` — the prefix ash gives a builtin's error. */
  builtinPrefix(name: string): string {
    return `${this.source.name}: ${name}: line ${this.line + this.source.firstLine}: `;
  }

  /** Sets a variable, within the shell's memory. */
  setVar(name: string, value: string): void {
    if (value.length > SHELL_STRING_MAX) throw new ShellError('sh: out of memory\n');
    this.vars.set(name, value);
    let total = 0;
    for (const [k, v] of this.vars) total += k.length + v.length;
    if (total > 2 * SHELL_STRING_MAX) throw new ShellError('sh: out of memory\n');
  }

  /** Runs a script; syntax errors are reported as sh reports them, with status 2. */
  run(src: string, stdin = ''): CommandResult {
    let items: Item[];
    try {
      items = parse(src);
    } catch (e) {
      if (!(e instanceof SyntaxError_)) throw e;
      return { stdout: '', stderr: `sh: syntax error: ${e.message}\n`, exitCode: 2 };
    }
    let stdout = '';
    let stderr = '';
    const grow = (s: string, add: string): string => {
      if (s.length + add.length > SHELL_STRING_MAX) throw new ExecStop(`sh: the playground stops an exec whose output passes ${SHELL_STRING_MAX} bytes\n`, 1);
      return s + add;
    };
    try {
      for (const item of items) {
        if ((item.connector === '&&' && this.status !== 0) || (item.connector === '||' && this.status === 0)) continue;
        this.line = item.line;
        let input = stdin;
        for (let k = 0; k < item.pipeline.length; k++) {
          const r = this.simple(item.pipeline[k] as Simple, input);
          stderr = grow(stderr, r.stderr);
          if (k === item.pipeline.length - 1) stdout = grow(stdout, r.stdout);
          else input = r.stdout;
          this.status = r.exitCode;
        }
        if (this.exited) break;
      }
    } catch (e) {
      if (e instanceof ShellError) return { stdout, stderr: stderr + e.message, exitCode: e.status };
      if (e instanceof ExecStop) throw new ExecStop(e.message, e.exitCode, stdout + e.stdout, stderr + e.stderr);
      throw e;
    }
    return { stdout, stderr, exitCode: this.status };
  }

  private expand(word: Word): string[] {
    const fields: string[] = [];
    let cur = '';
    let have = false;
    let glob = false;
    const add = (text: string) => {
      if (cur.length + text.length > SHELL_STRING_MAX) throw new ShellError('sh: out of memory\n');
      cur += text;
    };
    for (const seg of word) {
      let text = seg.text;
      if (seg.kind === 'var') text = seg.text === '?' ? String(this.status) : (this.vars.get(seg.text) ?? '');
      if (seg.kind === 'cmd') text = this.substitute(seg.text);
      if (seg.quoted || seg.kind === 'lit') {
        if (!seg.quoted && /[*?]/.test(text)) glob = true;
        add(text);
        have ||= seg.quoted || text !== '';
        continue;
      }
      const parts = text.split(/[ \t\n]+/);
      parts.forEach((p, n) => {
        if (n > 0 && (have || cur)) {
          fields.push(cur);
          cur = '';
          have = false;
        }
        add(p);
        have ||= p !== '';
      });
    }
    if (have || cur) fields.push(cur);
    return glob ? fields.flatMap((f) => this.glob(f)) : fields;
  }

  /** `$(cmd)`: runs in a child shell; its output, without trailing newlines. */
  private substitute(script: string): string {
    const child = this.subshell();
    child.source = this.source;
    child.line = this.line;
    const r = child.run(script);
    // The substitution's stderr is the shell's own: it is not captured, nor redirected by the command.
    if (this.substErr.length + r.stderr.length <= SHELL_STRING_MAX) this.substErr += r.stderr;
    this.status = r.exitCode;
    return r.stdout.replace(/\n+$/, '');
  }

  /** `*` and `?` in the last path component (fnmatch in the C locale: `?` is one byte). */
  private glob(pattern: string): string[] {
    const slash = pattern.lastIndexOf('/');
    const dir = slash < 0 ? '' : pattern.slice(0, slash) || '/';
    const base = pattern.slice(slash + 1);
    const names = (this.ctx.fs.list(this.abs(dir || '.')) ?? []).filter((n) => globMatchBytes(base, n) && (!n.startsWith('.') || base.startsWith('.')));
    if (!names.length) return [pattern];
    return names.map((n) => (slash < 0 ? n : `${dir === '/' ? '' : dir}/${n}`));
  }

  private simple(cmd: Simple, stdin: string): CommandResult {
    if (++this.ctx.budget.commands > MAX_COMMANDS) throw new ExecStop(`sh: the playground stops an exec after ${MAX_COMMANDS} commands\n`, 1);
    this.substErr = '';
    try {
      const r = this.simpleExpanded(cmd, stdin);
      return this.substErr ? { ...r, stderr: this.substErr + r.stderr } : r;
    } catch (e) {
      if (e instanceof ShellError && this.substErr) throw new ShellError(this.substErr + e.message, e.status);
      throw e;
    }
  }

  private simpleExpanded(cmd: Simple, stdin: string): CommandResult {
    const argv: string[] = [];
    let size = 0;
    for (const w of cmd.words) {
      for (const f of this.expand(w)) {
        size += f.length + 1;
        if (size > SHELL_STRING_MAX) throw new ShellError('sh: out of memory\n');
        argv.push(f);
      }
    }
    while (argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0] as string)) {
      const a = argv.shift() as string;
      this.setVar(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    }

    // Redirections, left to right, before the command runs (so `>` has emptied its file).
    let input = stdin;
    const fd: { 1: Target; 2: Target } = { 1: { t: 'out' }, 2: { t: 'err' } };
    for (const r of cmd.redirs) {
      if (r.op === '2>&1') fd[2] = fd[1];
      else if (r.op === '>&2') fd[1] = fd[2];
      else {
        const file = this.expand(r.target as Word)[0] ?? '';
        const opened = this.open(r, file);
        if (typeof opened === 'string') return { stdout: '', stderr: opened, exitCode: 1 };
        if (r.op === '<') input = this.ctx.fs.read(this.abs(file)) ?? '';
        else fd[r.op.startsWith('2') ? 2 : 1] = opened;
      }
    }
    this.ctx.budget.spend(size);
    const res = argv.length ? this.command(argv, input) : { stdout: '', stderr: '', exitCode: 0 };
    this.ctx.budget.spend(res.stdout.length + res.stderr.length);
    if (res.stdout.length > SHELL_STRING_MAX || res.stderr.length > SHELL_STRING_MAX) {
      throw new ExecStop(`${argv[0]}: the playground stops a command whose output passes ${SHELL_STRING_MAX} bytes\n`, 1);
    }

    // Each stream goes where its descriptor points.
    const out = { stdout: '', stderr: '', exitCode: res.exitCode };
    const deliver = (target: Target, data: string): boolean => {
      if (data === '' || target.t === 'null') return true;
      if (target.t === 'out') out.stdout += data;
      else if (target.t === 'err') out.stderr += data;
      else return this.ctx.fs.write(target.abs, data, true) === undefined;
      return true;
    };
    const wrote = deliver(fd[1], res.stdout);
    deliver(fd[2], res.stderr);
    if (!wrote) {
      // Behaviour of each busybox tool when write(2) on its standard output fails with ENOSPC.
      const [msg, status] = WRITE_ERRORS[(argv[0] as string).replace(/^.*\//, '')] ?? [null, null];
      if (msg) deliver(fd[2], `${msg}: No space left on device\n`);
      if (status !== null) out.exitCode = status;
    }
    return out;
  }

  /** Opens a redirection's file: the target, or the message ash prints when it cannot. */
  private open(r: Redir, file: string): Target | string {
    const abs = this.abs(file);
    if (r.op === '<') return this.ctx.fs.read(abs) === undefined && file !== '/dev/null' ? `sh: can't open '${file}': No such file or directory\n` : { t: 'null' };
    if (file === '/dev/null') return { t: 'null' };
    const err = this.ctx.fs.write(abs, '', r.op.endsWith('>>'));
    return err ? `sh: can't create ${file}: ${err}\n` : { t: 'file', abs };
  }

  /** Runs one command by name; unknown names give sh's "not found". */
  command(argv: string[], stdin: string): CommandResult {
    const [name, ...args] = argv as [string, ...string[]];
    const base = name.replace(/^\/(usr\/)?s?bin\//, '');
    const fn = getOwn(COMMANDS, base);
    if (!fn) return { stdout: '', stderr: `sh: ${name}: not found\n`, exitCode: 127 };
    if (!BUILTINS.has(base) && !fitsExecve(argv, this.vars, this.ctx.budget)) return { stdout: '', stderr: `sh: ${name}: Argument list too long\n`, exitCode: 126 };
    return fn(this, args, stdin, name);
  }
}

/** execve's E2BIG: an argument of 128 KiB or more, or arguments and environment over 2 MiB. */
function fitsExecve(argv: string[], env: Map<string, string>, budget: ExecBudget): boolean {
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit: measure exactly only when the bounds disagree.
  const strings = [...argv];
  for (const [k, v] of env) strings.push(`${k}=${v}`);
  let low = 0;
  for (const [i, a] of strings.entries()) {
    if (i < argv.length && a.length >= MAX_ARG_STRLEN) return false;
    low += a.length + 1 + 8; // the string, its NUL and its pointer
  }
  if (low > ARG_MAX) return false;
  if (3 * low <= ARG_MAX && strings.every((a) => 3 * a.length < MAX_ARG_STRLEN)) return true;
  let total = 0;
  for (const [i, a] of strings.entries()) {
    budget.spend(a.length);
    const n = utf8Length(a) + 1;
    if (i < argv.length && n > MAX_ARG_STRLEN) return false;
    total += n + 8;
  }
  return total <= ARG_MAX;
}

/** `kubectl exec POD -- argv…`: the program runs directly, without a shell around it. */
export function execArgv(ctx: ShellContext, argv: string[]): ExecResult {
  const name = (argv[0] ?? '').replace(/^\/(usr\/)?s?bin\//, '');
  if (!getOwn(COMMANDS, name)) throw new UnknownCommandError(argv[0] ?? '');
  let res: ExecResult;
  try {
    res = new Shell(ctx).command(argv, '');
  } catch (e) {
    if (e instanceof ShellError) res = { stdout: '', stderr: e.message, exitCode: e.status };
    else if (e instanceof ExecStop) res = { stdout: e.stdout, stderr: e.stderr + e.message, exitCode: e.exitCode };
    else throw e;
  }
  // SIM: a terminal would show everything; the playground keeps the first MiB.
  if (res.stdout.length + res.stderr.length > MAX_EXEC_OUTPUT) {
    // Cut between characters, never inside a surrogate pair.
    const cut = (t: string, n: number) => t.slice(0, n > 0 && n < t.length && (t.charCodeAt(n - 1) & 0xfc00) === 0xd800 ? n - 1 : n);
    const stdout = cut(res.stdout, MAX_EXEC_OUTPUT);
    const stderr = cut(res.stderr, Math.max(0, MAX_EXEC_OUTPUT - stdout.length));
    res = { stdout, stderr: `${stderr}\nsh: the playground keeps the first ${MAX_EXEC_OUTPUT} bytes of an exec's output\n`, exitCode: res.exitCode };
  }
  return res;
}
