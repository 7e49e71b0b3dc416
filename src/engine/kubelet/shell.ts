/**
 * A tiny POSIX-ish shell for `kubectl exec`: words with single and double
 * quotes, $VAR / ${VAR} / $? / $(cmd) / `cmd`, `;` `&&` `||` `|` and newlines,
 * and the redirections `>` `>>` `<` `2>` `2>&1`. Commands come from
 * commands.ts; messages are busybox's.
 * SIM: no loops, conditionals or functions; every image has the same tools.
 */
import { COMMANDS, type CommandResult, type ShellContext } from './commands';
import { normalizePath } from './fs';
import { parse, SyntaxError_, type Item, type Simple, type Word } from './shell-parse';

export type { ShellContext } from './commands';
export type ExecResult = CommandResult;

/** Thrown when `kubectl exec` names a program the container does not have. */
export class UnknownCommandError extends Error {
  constructor(readonly command: string) {
    super(`executable file not found: ${command}`);
  }
}

export class Shell {
  vars: Map<string, string>;
  cwd = '/';
  status = 0;
  /** Set by the `exit` builtin: the rest of the script is skipped. */
  exited = false;

  constructor(readonly ctx: ShellContext) {
    this.vars = new Map(ctx.env);
  }

  /** A child shell with a copy of this one's variables and directory. */
  subshell(): Shell {
    const child = new Shell({ ...this.ctx, env: [...this.vars] });
    child.cwd = this.cwd;
    return child;
  }

  abs(p: string): string {
    return normalizePath(p, this.cwd);
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
    for (const item of items) {
      if ((item.connector === '&&' && this.status !== 0) || (item.connector === '||' && this.status === 0)) continue;
      let input = stdin;
      for (let k = 0; k < item.pipeline.length; k++) {
        const r = this.simple(item.pipeline[k] as Simple, input);
        stderr += r.stderr;
        if (k === item.pipeline.length - 1) stdout += r.stdout;
        else input = r.stdout;
        this.status = r.exitCode;
      }
      if (this.exited) break;
    }
    return { stdout, stderr, exitCode: this.status };
  }

  private expand(word: Word): string[] {
    const fields: string[] = [];
    let cur = '';
    let have = false;
    let glob = false;
    for (const seg of word) {
      let text = seg.text;
      if (seg.kind === 'var') text = seg.text === '?' ? String(this.status) : (this.vars.get(seg.text) ?? '');
      if (seg.kind === 'cmd') text = this.subshell().run(seg.text).stdout.replace(/\n+$/, '');
      if (seg.quoted || seg.kind === 'lit') {
        if (!seg.quoted && /[*?]/.test(text)) glob = true;
        cur += text;
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
        cur += p;
        have ||= p !== '';
      });
    }
    if (have || cur) fields.push(cur);
    return glob ? fields.flatMap((f) => this.glob(f)) : fields;
  }

  /** `*` and `?` in the last path component. */
  private glob(pattern: string): string[] {
    const slash = pattern.lastIndexOf('/');
    const dir = slash < 0 ? '' : pattern.slice(0, slash) || '/';
    const base = pattern.slice(slash + 1);
    const re = new RegExp('^' + base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    const names = (this.ctx.fs.list(this.abs(dir || '.')) ?? []).filter((n) => re.test(n) && (!n.startsWith('.') || base.startsWith('.')));
    if (!names.length) return [pattern];
    return names.map((n) => (slash < 0 ? n : `${dir === '/' ? '' : dir}/${n}`));
  }

  private simple(cmd: Simple, stdin: string): CommandResult {
    const argv = cmd.words.flatMap((w) => this.expand(w));
    while (argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0] as string)) {
      const a = argv.shift() as string;
      this.vars.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    }
    let input = stdin;
    for (const r of cmd.redirs.filter((x) => x.op === '<')) {
      const file = this.expand(r.target as Word)[0] ?? '';
      const content = file === '/dev/null' ? '' : this.ctx.fs.read(this.abs(file));
      if (content === undefined) return { stdout: '', stderr: `sh: can't open '${file}': No such file or directory\n`, exitCode: 1 };
      input = content;
    }
    const res = argv.length ? this.command(argv, input) : { stdout: '', stderr: '', exitCode: 0 };
    let { stdout, stderr } = res;
    for (const r of cmd.redirs) {
      if (r.op === '<') continue;
      if (r.op === '2>&1') {
        stdout += stderr;
        stderr = '';
        continue;
      }
      const file = this.expand(r.target as Word)[0] ?? '';
      const isErr = r.op.startsWith('2');
      const data = isErr ? stderr : stdout;
      if (isErr) stderr = '';
      else stdout = '';
      if (file === '/dev/null') continue;
      const err = this.ctx.fs.write(this.abs(file), data, r.op.endsWith('>>'));
      if (err) return { stdout: '', stderr: `sh: can't create ${file}: ${err}\n`, exitCode: 1 };
    }
    return { stdout, stderr, exitCode: res.exitCode };
  }

  /** Runs one command by name; unknown names give sh's "not found". */
  command(argv: string[], stdin: string): CommandResult {
    const [name, ...args] = argv as [string, ...string[]];
    const fn = COMMANDS[name.replace(/^\/(usr\/)?s?bin\//, '')];
    if (!fn) return { stdout: '', stderr: `sh: ${name}: not found\n`, exitCode: 127 };
    return fn(this, args, stdin);
  }
}

/** `kubectl exec POD -- argv…`: the program runs directly, without a shell around it. */
export function execArgv(ctx: ShellContext, argv: string[]): ExecResult {
  const name = (argv[0] ?? '').replace(/^\/(usr\/)?s?bin\//, '');
  if (!COMMANDS[name]) throw new UnknownCommandError(argv[0] ?? '');
  return new Shell(ctx).command(argv, '');
}
