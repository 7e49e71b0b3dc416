/**
 * The terminal's shell: runs the lines shell-syntax.ts parses as an
 * interactive bash would — expansions (braces, parameters, `$(…)`, `$((…))`,
 * field splitting, quote removal), pipelines, `&&`/`||`, `for` loops, groups,
 * subshells, redirections — with bash's builtins `echo`, `true`, `false`,
 * `:`, `exit`, `break`, `continue`, `export` and `unset`. Everything else is
 * asked of the host (kubectl, sleep, timeout, the text tools).
 *
 * Bounded: a line runs at most SHELL_LIMITS.commands commands, holds at most
 * SHELL_LIMITS.string characters in one word, variable, pipe or `$(…)`, and
 * moves at most SHELL_LIMITS.bytes in all; passing a limit ends the line with
 * a message. Pure: no clock, no randomness.
 */
// Behaviour of bash 5.2 (execute_cmd.c, subst.c, builtins/echo.def, break.def) for these forms.
import { evaluate, ArithError } from './shell-arith';
import { BRACE_WORDS, bracket, braceExpand, distance, echoEscapes, ShellLimit, splitAtSlash, type PatUnit } from './shell-expand';
import { parseShell, NAME_PATTERN, type AndOr, type Command, type List, type Part, type Pipeline, type Redirect, type Word } from './shell-syntax';

export interface ShellIO {
  out(text: string): void;
  err(text: string): void;
}

/** A command outside the shell: runs `argv` with `stdin`, writes to `io`, returns its status. */
export type ExternalCommand = (argv: string[], stdin: string, io: ShellIO) => number;

/** What the shell asks of its terminal. */
export interface ShellHost {
  /** The command of that name, or undefined when the terminal has none. */
  command(name: string): ExternalCommand | undefined;
  /** Every command name the terminal has, for "did you mean". */
  commandNames(): readonly string[];
  /** A file `< NAME` can read, or undefined. */
  readFile(name: string): string | undefined;
}

/** SIM: a real terminal's bash has no such limits; a browser tab needs them. */
export const SHELL_LIMITS = {
  /** Commands one line runs (each loop pass counts too). */
  commands: 10_000,
  /** Characters in one word, variable, argument list, pipe or `$(…)`. */
  string: 4 * 1024 * 1024,
  /** Characters one line moves through argument lists, pipes and output together. */
  bytes: 64 * 1024 * 1024,
  /** Words one brace expansion makes. */
  braceWords: BRACE_WORDS,
  /** Steps of pattern matching (`${x#…}`, `${x//…/…}`) in one line. */
  patternSteps: 10_000_000,
} as const;

/** bash's builtins the playground's terminal does not have. */
const MISSING_BUILTINS = new Set([
  'alias', 'bg', 'bind', 'builtin', 'caller', 'cd', 'command', 'compgen', 'complete', 'compopt', 'declare', 'dirs', 'disown', 'enable', 'eval', 'exec', 'fc', 'fg',
  'getopts', 'hash', 'help', 'history', 'jobs', 'kill', 'let', 'local', 'logout', 'mapfile', 'popd', 'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return',
  'set', 'shift', 'shopt', 'source', '.', 'suspend', 'test', '[', 'times', 'trap', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'wait',
]);
/** The builtins the terminal's shell has. */
export const SHELL_BUILTINS: readonly string[] = ['echo', 'true', 'false', ':', 'exit', 'break', 'continue', 'export', 'unset'];

type Sink = (text: string) => void;
interface Ctx {
  stdin: string;
  out: Sink;
  err: Sink;
}

/** Ends the current command line (or subshell): an expansion failed. */
class ExpandError extends Error {}
class Exit extends Error {
  constructor(readonly status: number) {
    super('exit');
  }
}
/** A `break` or `continue` on its way out: the commands after it do not run until a loop takes it. */
interface LoopJump {
  kind: 'break' | 'continue';
  levels: number;
}

/** A piece of an expanded word: `split` pieces are cut into fields at blanks. */
interface Seg {
  text: string;
  quoted: boolean;
  split: boolean;
}

export class HostShell {
  vars = new Map<string, string>();
  private exported = new Set<string>();
  status = 0;
  /** Work done since the shell started, for a replay's budget. */
  readonly work = { commands: 0, bytes: 0 };
  private line = { commands: 0, bytes: 0, patternSteps: 0, overflow: '' };
  private loops = 0;
  private jump: LoopJump | undefined;
  /** Status of the last `$(…)` of the current command (what an assignment-only command returns). */
  private substStatus: number | undefined;

  constructor(private readonly host: ShellHost) {}

  /** Runs one line (or several, separated by newlines) and returns `$?`. Never throws for the line's own faults. */
  run(text: string, io: ShellIO): number {
    this.line = { commands: 0, bytes: 0, patternSteps: 0, overflow: '' };
    const ctx: Ctx = { stdin: '', out: this.meter(io.out), err: this.meter(io.err) };
    const { commands, error } = parseShell(text);
    for (const list of commands) {
      try {
        this.status = this.list(list, ctx);
      } catch (e) {
        if (e instanceof ExpandError) {
          ctx.err(`bash: ${e.message}\n`);
          this.status = 1;
          continue;
        }
        if (e instanceof Exit) return (this.status = e.status);
        if (e instanceof ShellLimit) {
          io.err(`bash: ${e.message}\n`);
          return (this.status = e.status);
        }
        throw e;
      }
    }
    if (error) {
      ctx.err(`bash: ${error.message}\n`);
      this.status = 2;
    }
    return this.status;
  }

  // ---- accounting ------------------------------------------------------

  private spend(n: number): void {
    this.line.bytes += n;
    this.work.bytes += n;
    if (this.line.bytes > SHELL_LIMITS.bytes) throw new ShellLimit(`the playground stops a command line that moves more than ${SHELL_LIMITS.bytes} bytes`);
  }

  private count(): void {
    this.work.commands++;
    if (++this.line.commands > SHELL_LIMITS.commands) throw new ShellLimit(`the playground stops a command line after ${SHELL_LIMITS.commands} commands`);
  }

  /** A sink that counts what passes; past the line's limit it drops the rest and the line stops after the command. */
  private meter(sink: Sink): Sink {
    return (text) => {
      if (this.line.overflow) return;
      if (this.line.bytes + text.length > SHELL_LIMITS.bytes) {
        this.line.overflow = `the playground stops a command line that moves more than ${SHELL_LIMITS.bytes} bytes`;
        return;
      }
      this.line.bytes += text.length;
      this.work.bytes += text.length;
      sink(text);
    };
  }

  /** A sink that keeps what a command writes into a pipe or `$(…)`, up to SHELL_LIMITS.string. */
  private capture(): { sink: Sink; text: () => string } {
    const parts: string[] = [];
    let size = 0;
    return {
      sink: (text) => {
        if (this.line.overflow) return;
        if (size + text.length > SHELL_LIMITS.string) {
          this.line.overflow = `the playground stops a pipe or $(…) that carries more than ${SHELL_LIMITS.string} bytes`;
          return;
        }
        size += text.length;
        parts.push(text);
      },
      text: () => {
        const t = parts.join('');
        this.spend(t.length);
        return t;
      },
    };
  }

  /** After a command: a sink that dropped output ends the line. */
  private checkOverflow(): void {
    if (this.line.overflow) throw new ShellLimit(this.line.overflow);
  }

  // ---- running ---------------------------------------------------------

  private list(list: List, ctx: Ctx): number {
    let status = this.status;
    for (const ao of list) {
      if (this.jump) break;
      status = this.andOr(ao, ctx);
    }
    return status;
  }

  private andOr(ao: AndOr, ctx: Ctx): number {
    let status = (this.status = this.pipeline(ao.first, ctx));
    for (const { op, pipeline } of ao.rest) {
      if (this.jump) break;
      if ((op === '&&') === (status === 0)) status = this.status = this.pipeline(pipeline, ctx);
    }
    return status;
  }

  private pipeline(p: Pipeline, ctx: Ctx): number {
    let status = 0;
    if (p.commands.length === 1) status = this.command(p.commands[0] as Command, ctx);
    else {
      let input = ctx.stdin;
      p.commands.forEach((c, k) => {
        const last = k === p.commands.length - 1;
        const buf = last ? undefined : this.capture();
        const stage: Ctx = { stdin: input, out: buf ? buf.sink : ctx.out, err: ctx.err };
        // `|&` is `2>&1 |`, done after the command's own redirections (and after its words expand).
        const cmd: Command = buf && p.withStderr[k] ? { ...c, redirs: [...c.redirs, { fd: 2, op: '>&', target: { parts: [{ k: 'lit', text: '1', quoted: false }], raw: '1' } }] } : c;
        // Each command of a pipeline runs in a subshell of its own: a break or continue ends only it,
        // and a compound command there is no loop's body (bash's execute_in_subshell).
        const loops = this.loops;
        if (c.k !== 'simple') this.loops = 0;
        try {
          status = this.subshell(() => this.command(cmd, stage), stage);
        } finally {
          this.loops = loops;
          this.jump = undefined;
        }
        this.checkOverflow();
        if (buf) input = buf.text();
      });
    }
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  /** Runs `fn` as a subshell: variables and `exit` stay inside; an expansion error ends only it. */
  private subshell(fn: () => number, ctx: Ctx): number {
    const vars = new Map(this.vars);
    const exported = new Set(this.exported);
    const status = this.status;
    try {
      return fn();
    } catch (e) {
      if (e instanceof Exit) return e.status;
      if (e instanceof ExpandError) {
        ctx.err(`bash: ${e.message}\n`);
        return 1;
      }
      throw e;
    } finally {
      this.vars = vars;
      this.exported = exported;
      this.status = status;
    }
  }

  private command(c: Command, outer: Ctx): number {
    if (c.k === 'simple') return this.simple(c, outer);
    const ctx = this.redirect(c.redirs, outer);
    if (typeof ctx === 'number') return ctx;
    switch (c.k) {
      case 'group':
        return this.list(c.body, ctx);
      case 'subshell': {
        // A `( … )` is no loop's body: break and continue inside it are out of place.
        const loops = this.loops;
        this.loops = 0;
        try {
          return this.subshell(() => this.list(c.body, ctx), ctx);
        } finally {
          this.loops = loops;
          this.jump = undefined;
        }
      }
      case 'for':
        return this.forLoop(c, ctx);
    }
  }

  private forLoop(c: Extract<Command, { k: 'for' }>, ctx: Ctx): number {
    if (!NAME_PATTERN.test(c.name)) {
      ctx.err(`bash: \`${c.name}': not a valid identifier\n`);
      return 1;
    }
    const items = c.items ? this.words(c.items, ctx) : [];
    let status = 0;
    this.loops++;
    try {
      for (const item of items) {
        this.count();
        this.setVar(c.name, item);
        status = this.list(c.body, ctx);
        const jump = this.jump;
        if (!jump) continue;
        if (jump.levels > 1) {
          jump.levels--;
          break;
        }
        this.jump = undefined;
        if (jump.kind === 'break') break;
      }
    } finally {
      this.loops--;
    }
    return status;
  }

  private simple(c: Extract<Command, { k: 'simple' }>, outer: Ctx): number {
    this.count();
    this.substStatus = undefined;
    const argv = this.words(c.words, outer);
    if (argv.length === 0) {
      // Only assignments (and redirections): they stay in the shell.
      for (const a of c.assigns) {
        const v = this.string(a.value, outer);
        this.setVar(a.name, a.append ? (this.vars.get(a.name) ?? '') + v : v);
      }
      const ctx = this.redirect(c.redirs, outer);
      if (typeof ctx === 'number') return ctx;
      return this.substStatus ?? 0;
    }
    // Assignments before a command apply to that command only; no command here reads them.
    for (const a of c.assigns) this.string(a.value, outer);
    const ctx = this.redirect(c.redirs, outer);
    if (typeof ctx === 'number') return ctx;
    let size = 0;
    for (const a of argv) size += a.length + 1;
    if (size > SHELL_LIMITS.string) throw new ShellLimit(`the playground stops a command whose arguments pass ${SHELL_LIMITS.string} bytes`);
    this.spend(size);
    const status = this.invoke(argv, ctx);
    this.checkOverflow();
    return status;
  }

  private invoke(argv: string[], ctx: Ctx): number {
    const name = argv[0] as string;
    const args = argv.slice(1);
    switch (name) {
      case 'echo':
        return this.echo(args, ctx);
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'exit': {
        if (args.length > 1) {
          ctx.err('bash: exit: too many arguments\n');
          return 1;
        }
        const a = args[0];
        if (a === undefined) throw new Exit(this.status);
        if (!/^[ \t]*[+-]?[0-9]+[ \t]*$/.test(a)) {
          ctx.err(`bash: exit: ${a}: numeric argument required\n`);
          throw new Exit(2);
        }
        throw new Exit(Number(BigInt.asUintN(8, BigInt(a.trim()))));
      }
      case 'break':
      case 'continue': {
        if (this.loops === 0) {
          ctx.err(`bash: ${name}: only meaningful in a \`for', \`while', or \`until' loop\n`);
          return 0;
        }
        const a = args[0];
        if (a !== undefined && !/^[0-9]+$/.test(a)) {
          ctx.err(`bash: ${name}: ${a}: numeric argument required\n`);
          this.jump = { kind: 'break', levels: this.loops };
          return 128;
        }
        const n = a === undefined ? 1 : Number(a);
        if (n < 1) {
          ctx.err(`bash: ${name}: ${a}: loop count out of range\n`);
          return 1;
        }
        this.jump = { kind: name, levels: Math.min(n, this.loops) };
        return 0;
      }
      case 'export':
        return this.exportBuiltin(args, ctx);
      case 'unset':
        for (const a of args) {
          if (a.startsWith('-')) continue;
          this.vars.delete(a);
          this.exported.delete(a);
        }
        return 0;
    }
    if (MISSING_BUILTINS.has(name)) {
      ctx.err(`bash: ${name}: not available in the playground's terminal\n`);
      return 1;
    }
    const cmd = name.includes('/') ? undefined : this.host.command(name);
    if (cmd) return cmd(argv, ctx.stdin, { out: ctx.out, err: ctx.err });
    if (name.includes('/')) {
      ctx.err(`bash: ${name}: No such file or directory\n`);
      return 127;
    }
    ctx.err(`bash: ${name}: command not found\n${this.didYouMean(name)}`);
    return 127;
  }

  /**
   * SIM: a hint with the nearest commands the terminal has (bash itself says only "command not
   * found"): one typo away, or two for names of four letters or more.
   */
  private didYouMean(name: string): string {
    if (name.length < 3 || name.length > 64) return '';
    const typed = name.toLowerCase();
    const near = [...new Set([...this.host.commandNames(), 'echo'])].filter((c) => c !== typed && distance(typed, c, 2) <= (typed.length >= 4 ? 2 : 1)).sort();
    return near.length ? `did you mean: ${near.join(', ')}?\n` : '';
  }

  /** bash's echo: `-n`, `-e`, `-E` (combined, up to the first other word); `-e` reads backslash escapes. */
  private echo(args: string[], ctx: Ctx): number {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i] as string;
      if (!/^-[neE]+$/.test(a)) break;
      for (const f of a.slice(1)) {
        if (f === 'n') newline = false;
        else escapes = f === 'e';
      }
    }
    let text = args.slice(i).join(' ');
    if (escapes) {
      const cut = echoEscapes(text);
      text = cut.text;
      if (cut.stop) newline = false;
    }
    ctx.out(newline ? `${text}\n` : text);
    return 0;
  }

  private exportBuiltin(args: string[], ctx: Ctx): number {
    if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
      const names = [...this.exported].sort();
      ctx.out(names.map((n) => (this.vars.has(n) ? `declare -x ${n}="${(this.vars.get(n) ?? '').replace(/["\\$`]/g, '\\$&')}"\n` : `declare -x ${n}\n`)).join(''));
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME_PATTERN.test(name)) {
        ctx.err(`bash: export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (eq >= 0) this.setVar(name, a.slice(eq + 1));
      this.exported.add(name);
    }
    return status;
  }

  private setVar(name: string, value: string): void {
    if (value.length > SHELL_LIMITS.string) throw new ShellLimit(`the playground stops a command line whose variable passes ${SHELL_LIMITS.string} bytes`);
    this.vars.set(name, value);
  }

  /** Applies redirections left to right; on failure prints bash's message and returns the status. */
  private redirect(redirs: Redirect[], ctx: Ctx): Ctx | number {
    if (!redirs.length) return ctx;
    const out: Ctx = { ...ctx };
    const nul: Sink = () => {};
    for (const r of redirs) {
      if (r.op === '<<<') {
        out.stdin = `${this.string(r.target, out)}\n`;
        continue;
      }
      const fields = this.fields(r.target, out);
      if (fields.length !== 1) {
        out.err(`bash: ${r.target.raw}: ambiguous redirect\n`);
        return 1;
      }
      const target = fields[0] as string;
      const fd = r.fd ?? (r.op.startsWith('<') ? 0 : 1);
      if ((r.op === '>&' || r.op === '<&') && (/^[0-9]+$/.test(target) || target === '-')) {
        const from = target === '-' ? nul : target === '1' ? out.out : target === '2' ? out.err : undefined;
        if (target === '0' && r.op === '<&') continue;
        if (!from) {
          out.err(`bash: ${target}: Bad file descriptor\n`);
          return 1;
        }
        if (fd === 1) out.out = from;
        else if (fd === 2) out.err = from;
        continue;
      }
      if (r.op === '<' || r.op === '<>') {
        const text = target === '/dev/null' ? '' : target === '/dev/stdin' ? out.stdin : this.host.readFile(target);
        if (text === undefined) {
          out.err(`bash: ${target}: No such file or directory\n`);
          return 1;
        }
        if (fd === 0) out.stdin = text;
        continue;
      }
      // Writing: the terminal's own files cannot be written (SIM), only the standard streams and /dev/null.
      const sink = target === '/dev/null' ? nul : target === '/dev/stdout' ? out.out : target === '/dev/stderr' ? out.err : undefined;
      if (!sink) {
        out.err(`bash: ${target}: Read-only file system\n`);
        return 1;
      }
      const both = r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === undefined);
      if (both || fd === 1) out.out = sink;
      if (both || fd === 2) out.err = sink;
    }
    return out;
  }

  // ---- expansion -------------------------------------------------------

  /** Expands words into the fields of a command line: braces, then the rest. */
  private words(words: Word[], ctx: Ctx): string[] {
    const out: string[] = [];
    for (const w of words) for (const b of this.braces(w)) out.push(...this.fields(b, ctx));
    return out;
  }

  /** Expands a word without splitting it (assignments, here-strings). */
  private string(w: Word, ctx: Ctx): string {
    let s = '';
    for (const seg of this.segments(w.parts, ctx, false)) {
      s += seg.text;
      if (s.length > SHELL_LIMITS.string) throw new ShellLimit(`the playground stops a command line whose word passes ${SHELL_LIMITS.string} bytes`);
    }
    return s;
  }

  /** Expands a word and splits the result of unquoted expansions at blanks. */
  private fields(w: Word, ctx: Ctx): string[] {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    const add = (t: string) => {
      cur += t;
      if (cur.length > SHELL_LIMITS.string) throw new ShellLimit(`the playground stops a command line whose word passes ${SHELL_LIMITS.string} bytes`);
    };
    for (const seg of this.segments(w.parts, ctx, false)) {
      if (!seg.split) {
        add(seg.text);
        has ||= seg.quoted || seg.text !== '';
        continue;
      }
      for (const run of seg.text.match(/[ \t\n]+|[^ \t\n]+/g) ?? []) {
        if (/^[ \t\n]/.test(run)) {
          if (has) fields.push(cur);
          cur = '';
          has = false;
        } else {
          add(run);
          has = true;
        }
      }
    }
    if (has) fields.push(cur);
    return fields;
  }

  private segments(parts: Part[], ctx: Ctx, inQuotes: boolean): Seg[] {
    const out: Seg[] = [];
    for (const p of parts) {
      const quoted = inQuotes || p.quoted;
      switch (p.k) {
        case 'lit':
          out.push({ text: p.text, quoted, split: false });
          break;
        case 'param':
          out.push(...this.param(p, ctx, quoted));
          break;
        case 'cmd':
          out.push({ text: this.substitute(p.body, ctx), quoted, split: !quoted });
          break;
        case 'arith':
          out.push({ text: this.arith(p.expr, ctx), quoted, split: !quoted });
          break;
      }
    }
    return out;
  }

  /** The word after `:-` or `:+`: outside double quotes, its unquoted text is split too (`${u:-a b}` is two words). */
  private wordSegments(arg: Word, ctx: Ctx, quoted: boolean): Seg[] {
    return this.segments(arg.parts, ctx, quoted).map((sg) => (quoted || sg.quoted ? sg : { ...sg, split: true }));
  }

  private arith(expr: Word, ctx: Ctx): string {
    const text = this.string(expr, ctx);
    try {
      return String(evaluate(text, { get: (n) => this.vars.get(n), set: (n, v) => this.setVar(n, v) }));
    } catch (e) {
      if (e instanceof ArithError) throw new ExpandError(e.message);
      throw e;
    }
  }

  /** `$(…)`: the list's output, without trailing newlines; it runs in a subshell. */
  private substitute(body: List, ctx: Ctx): string {
    const buf = this.capture();
    // A break or continue inside ends only the substitution.
    const jump = this.jump;
    const status = this.subshell(() => this.list(body, { stdin: '', out: buf.sink, err: ctx.err }), ctx);
    this.jump = jump;
    this.checkOverflow();
    this.substStatus = status;
    this.status = status;
    return buf.text().replace(/\n+$/, '');
  }

  private special(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '#':
        return '0';
      case '0':
        return 'bash';
      // SIM: the terminal's shell has no process of its own.
      case '$':
        return '1';
      case '-':
        return 'himBHs';
      case '@':
      case '*':
        return '';
      case '!':
        return undefined;
    }
    if (/^[0-9]+$/.test(name)) return undefined;
    return this.vars.get(name);
  }

  private param(p: Extract<Part, { k: 'param' }>, ctx: Ctx, quoted: boolean): Seg[] {
    const seg = (text: string): Seg[] => [{ text, quoted, split: !quoted }];
    if (p.op === 'bad') throw new ExpandError(`${p.raw}: bad substitution`);
    const value = this.special(p.name);
    const colon = p.op.startsWith(':') && p.op.length === 2;
    const unsetOrNull = value === undefined || (colon && value === '');
    const arg = p.arg ?? { parts: [], raw: '' };
    switch (p.op) {
      case '':
        return seg(value ?? '');
      case 'length':
        return seg(String([...(value ?? '')].length));
      case ':-':
      case '-':
        return unsetOrNull ? this.wordSegments(arg, ctx, quoted) : seg(value as string);
      case ':=':
      case '=': {
        if (!unsetOrNull) return seg(value as string);
        if (!NAME_PATTERN.test(p.name)) throw new ExpandError(`$${p.name}: cannot assign in this way`);
        const v = this.string(arg, ctx);
        this.setVar(p.name, v);
        return seg(v);
      }
      case ':+':
      case '+':
        return unsetOrNull ? (quoted ? seg('') : []) : this.wordSegments(arg, ctx, quoted);
      case ':?':
      case '?': {
        if (!unsetOrNull) return seg(value as string);
        const msg = arg.parts.length ? this.string(arg, ctx) : colon ? 'parameter null or not set' : 'parameter not set';
        throw new ExpandError(`${p.name}: ${msg}`);
      }
      case '#':
      case '##':
      case '%':
      case '%%':
        return seg(this.trim(value ?? '', this.pattern(arg.parts, ctx), p.op));
      case '/':
      case '//':
      case '/#':
      case '/%': {
        const cut = splitAtSlash(arg.parts);
        const rep = cut.rep ? this.string({ parts: cut.rep, raw: '' }, ctx) : '';
        return seg(this.replace(value ?? '', this.pattern(cut.pat, ctx), rep, p.op));
      }
      case ':': {
        const text = this.string(arg, ctx);
        const colonAt = text.indexOf(':');
        const vars = { get: (n: string) => this.vars.get(n), set: (n: string, v: string) => this.setVar(n, v) };
        try {
          const chars = [...(value ?? '')];
          let off = Number(evaluate(colonAt < 0 ? text : text.slice(0, colonAt), vars));
          if (off < 0) off = Math.max(0, chars.length + off);
          if (colonAt < 0) return seg(chars.slice(off).join(''));
          let len = Number(evaluate(text.slice(colonAt + 1), vars));
          if (len < 0) {
            len = chars.length + len - off;
            if (len < 0) throw new ExpandError(`${text.slice(colonAt + 1).trim()}: substring expression < 0`);
          }
          return seg(chars.slice(off, off + len).join(''));
        } catch (e) {
          if (e instanceof ArithError) throw new ExpandError(e.message);
          throw e;
        }
      }
      case '^':
      case '^^':
      case ',':
      case ',,': {
        const pat = arg.parts.length ? this.pattern(arg.parts, ctx) : [{ any: true } as PatUnit];
        const upper = p.op.startsWith('^');
        const chars = [...(value ?? '')];
        const limit = p.op.length === 1 ? 1 : chars.length;
        return seg(chars.map((ch, i) => (i < limit && this.match(pat, chars, i, i + 1) ? (upper ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join(''));
      }
    }
    throw new ExpandError(`${p.raw}: bad substitution`);
  }

  /** A pattern from a word: unquoted `*`, `?` and `[…]` are special, the rest is taken literally. */
  private pattern(parts: Part[], ctx: Ctx): PatUnit[] {
    const units: PatUnit[] = [];
    for (const seg of this.segments(parts, ctx, false)) {
      const chars = [...seg.text];
      if (seg.quoted) {
        for (const c of chars) units.push({ c });
        continue;
      }
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i] as string;
        if (c === '*') units.push({ star: true });
        else if (c === '?') units.push({ any: true });
        else if (c === '[') {
          const set = bracket(chars, i);
          if (set) {
            units.push({ set: set.test });
            i = set.end;
          } else units.push({ c });
        } else units.push({ c });
      }
    }
    return units;
  }

  /** Whether the pattern matches all of `t[from, to)` (code points); counts steps against the line's budget. */
  private match(p: PatUnit[], t: string[], from = 0, to = t.length): boolean {
    let i = 0;
    let j = from;
    let resume = -1;
    let mark = 0;
    const one = (u: PatUnit, c: string) => ('c' in u ? u.c === c : 'any' in u ? true : 'set' in u ? u.set(c) : false);
    while (j < to) {
      if (++this.line.patternSteps > SHELL_LIMITS.patternSteps) throw new ShellLimit(`the playground stops pattern matching after ${SHELL_LIMITS.patternSteps} steps`);
      const u = p[i];
      if (u && !('star' in u) && one(u, t[j] as string)) {
        i++;
        j++;
      } else if (u && 'star' in u) {
        while (i < p.length && 'star' in (p[i] as PatUnit)) i++;
        resume = i;
        mark = j;
      } else if (resume >= 0) {
        i = resume;
        j = ++mark;
      } else return false;
    }
    while (i < p.length && 'star' in (p[i] as PatUnit)) i++;
    return i === p.length;
  }

  /** `${x#p}` `${x##p}` `${x%p}` `${x%%p}`: the shortest or longest prefix or suffix that matches, removed. */
  private trim(value: string, pat: PatUnit[], op: string): string {
    const chars = [...value];
    const n = chars.length;
    for (let step = 0; step <= n; step++) {
      const k = op.length === 1 ? step : n - step;
      if (op[0] === '#' ? this.match(pat, chars, 0, k) : this.match(pat, chars, n - k, n)) return op[0] === '#' ? chars.slice(k).join('') : chars.slice(0, n - k).join('');
    }
    return value;
  }

  /** `${x/p/r}` `${x//p/r}` `${x/#p/r}` `${x/%p/r}`: the longest match at each place. */
  private replace(value: string, pat: PatUnit[], rep: string, op: string): string {
    const chars = [...value];
    const n = chars.length;
    if (!pat.length) return value;
    const longestAt = (start: number): number => {
      for (let end = n; end >= start; end--) if (this.match(pat, chars, start, end)) return end;
      return -1;
    };
    if (op === '/#') {
      const end = longestAt(0);
      return end < 0 ? value : rep + chars.slice(end).join('');
    }
    if (op === '/%') {
      for (let start = 0; start <= n; start++) if (this.match(pat, chars, start, n)) return chars.slice(0, start).join('') + rep;
      return value;
    }
    let out = '';
    let i = 0;
    let replaced = false;
    while (i < n) {
      const end = replaced && op === '/' ? -1 : longestAt(i);
      if (end > i) {
        out += rep;
        if (out.length > SHELL_LIMITS.string) throw new ShellLimit(`the playground stops a command line whose word passes ${SHELL_LIMITS.string} bytes`);
        i = end;
        replaced = true;
        continue;
      }
      out += chars[i];
      i++;
    }
    return out;
  }

  /** Brace expansion of a word: `{a,b}` and `{1..3}` written in its unquoted text. */
  private braces(w: Word): Word[] {
    if (!w.parts.some((p) => p.k === 'lit' && !p.quoted && p.text.includes('{'))) return [w];
    // Unquoted literal characters take part in the syntax; everything else is an opaque item.
    const items: (string | Part)[] = [];
    for (const p of w.parts) {
      if (p.k === 'lit' && !p.quoted) items.push(...p.text);
      else items.push(p);
    }
    const words = braceExpand(items, { left: SHELL_LIMITS.braceWords });
    return words.map((its) => {
      const parts: Part[] = [];
      for (const it of its) {
        const last = parts[parts.length - 1];
        if (typeof it !== 'string') parts.push(it);
        else if (last && last.k === 'lit' && !last.quoted) last.text += it;
        else parts.push({ k: 'lit', text: it, quoted: false });
      }
      return { parts, raw: w.raw };
    });
  }
}

