/**
 * The syntax of the playground terminal's shell lines: the part of bash's
 * grammar a terminal session around kubectl uses. Words with single, double
 * and `$'…'` quotes, `$x` / `${x…}` / `$(…)` / `` `…` `` / `$((…))`,
 * `#` comments, pipelines (`|`, `|&`, `!`), `&&`, `||`, `;`, newlines,
 * `for NAME [in WORDS]; do …; done`, `{ …; }`, `( … )` and redirections.
 *
 * Pure, with no engine imports: the page uses it to tell a finished line
 * from one that needs more (`needsMore`) and to check read-only lines.
 * Errors carry bash's own words as an interactive bash prints them
 * (`bash: syntax error near unexpected token `;'`).
 */
// Behaviour of bash 5.2 parse.y (read_token, parse_comsub, the grammar's simple_command,
// for_command, group_command, subshell) for these forms, checked against bash 5.2.15.

/** One piece of a word. `quoted` parts are not split into fields and are taken literally by patterns. */
export type Part =
  | { k: 'lit'; text: string; quoted: boolean }
  | { k: 'param'; name: string; op: string; arg: Word | undefined; quoted: boolean; raw: string }
  | { k: 'cmd'; body: List; quoted: boolean }
  | { k: 'arith'; expr: Word; quoted: boolean; raw: string };

export interface Word {
  parts: Part[];
  /** The word as written, for messages and keyword checks. */
  raw: string;
}

export interface Redirect {
  /** The file descriptor written before the operator (`2>`), if any. */
  fd: number | undefined;
  op: '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '&>' | '&>>' | '<<<';
  target: Word;
}

export interface Assignment {
  name: string;
  value: Word;
  append: boolean;
}

export type Command =
  | { k: 'simple'; assigns: Assignment[]; words: Word[]; redirs: Redirect[] }
  | { k: 'for'; name: string; items: Word[] | undefined; body: List; redirs: Redirect[] }
  | { k: 'group'; body: List; redirs: Redirect[] }
  | { k: 'subshell'; body: List; redirs: Redirect[] };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
  /** `|&` after command i: its standard error goes into the pipe too. */
  withStderr: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export type List = AndOr[];

/** A line bash would not run: the message (without `bash: `) and whether more input could complete it. */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    /** True when the text ended inside a construct: a terminal would ask for the next line. */
    readonly needsMore: boolean,
  ) {
    super(message);
  }
}

/** Nesting of `$(…)`, `` `…` ``, `( … )`, `{ …; }` and loops the playground parses (SIM: bash has no fixed limit). */
export const MAX_NESTING = 32;

export const NESTING_MESSAGE = `the playground's terminal nests commands at most ${MAX_NESTING} deep`;

type Tok =
  | { t: 'word'; word: Word }
  | { t: 'op'; op: string; fd?: number }
  | { t: 'nl' }
  | { t: 'eof' };

/** Words that begin or end a compound command: only special where a command starts. */
const CLOSERS = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', 'esac', '}']);
/** Compound commands bash has and the playground's terminal does not run. */
const UNSUPPORTED = new Set(['if', 'while', 'until', 'case', 'select', 'function', '[[', '((', 'coproc']);

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The literal text of a word with no quotes or expansions, else undefined. */
export function plainText(w: Word): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0] as Part;
  return p.k === 'lit' && !p.quoted ? p.text : undefined;
}

/** How a token is named in "unexpected token" messages. */
function tokText(t: Tok): string {
  if (t.t === 'nl' || t.t === 'eof') return 'newline';
  if (t.t === 'word') return t.word.raw;
  return t.op;
}

class Parser {
  private i = 0;
  private peeked: Tok | undefined;
  /** The text ended with a backslash-newline: a terminal asks for the rest of the line. */
  continued = false;

  constructor(
    private readonly src: string,
    private depth = 0,
  ) {}

  private error(t: Tok): never {
    if (t.t === 'eof') throw new ShellSyntaxError('syntax error: unexpected end of file', true);
    throw new ShellSyntaxError(`syntax error near unexpected token \`${tokText(t)}'`, false);
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) throw new ShellSyntaxError(NESTING_MESSAGE, false);
  }

  private leave(): void {
    this.depth--;
  }

  peek(): Tok {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  next(): Tok {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.next();
  }

  // ---- the lexer -------------------------------------------------------

  private lex(): Tok {
    const s = this.src;
    for (;;) {
      while (isBlank(s[this.i])) this.i++;
      if (s[this.i] === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
        if (this.i >= s.length) this.continued = true;
        continue;
      }
      if (s[this.i] === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      }
      break;
    }
    if (this.i >= s.length) return { t: 'eof' };
    const c = s[this.i] as string;
    const two = s.slice(this.i, this.i + 2);
    const three = s.slice(this.i, this.i + 3);
    if (c === '\n') {
      this.i++;
      return { t: 'nl' };
    }
    const ops = ['<<<', '&>>', ';;&', '<<-', ';;', ';&', '&&', '||', '|&', '>>', '>|', '<>', '<&', '>&', '&>', '<<', ';', '&', '|', '(', ')', '<', '>'];
    for (const op of ops) {
      if ((op.length === 3 ? three : op.length === 2 ? two : c) === op) {
        this.i += op.length;
        return { t: 'op', op };
      }
    }
    const start = this.i;
    const parts = this.wordParts(false);
    const raw = s.slice(start, this.i);
    // A number written right before a redirection names the descriptor it applies to.
    if (/^[0-9]+$/.test(raw) && (s[this.i] === '<' || s[this.i] === '>')) {
      const t = this.lex() as { t: 'op'; op: string };
      return { t: 'op', op: t.op, fd: Number(raw) > 2 ** 31 ? -1 : Number(raw) };
    }
    return { t: 'word', word: { parts, raw } };
  }

  /**
   * Reads a word's parts from the current position up to an unquoted metacharacter
   * (or, inside `${…}`, to the end of the text).
   */
  private wordParts(literalBlanks: boolean): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    const lit = (text: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.k === 'lit' && last.quoted === quoted) last.text += text;
      else parts.push({ k: 'lit', text, quoted });
    };
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (!literalBlanks && META.has(c)) break;
      if (c === '\\') {
        if (this.i + 1 >= s.length) {
          // A backslash at the very end asks for a continuation line.
          throw new ShellSyntaxError('syntax error: unexpected end of file', true);
        }
        const d = s[this.i + 1] as string;
        this.i += 2;
        if (d !== '\n') lit(d, true);
        else if (this.i >= s.length) this.continued = true;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true);
        lit(s.slice(this.i + 1, end), true);
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        lit('', true);
        this.doubleQuoted(parts, lit);
      } else if (c === '$') {
        this.dollar(parts, lit, false);
      } else if (c === '`') {
        parts.push({ k: 'cmd', body: this.backquote(false), quoted: false });
      } else {
        let j = this.i + 1;
        while (j < s.length && !META.has(s[j] as string) && !'\\\'"$`'.includes(s[j] as string)) j++;
        if (literalBlanks) while (j < s.length && !'\\\'"$`'.includes(s[j] as string)) j++;
        lit(s.slice(this.i, j), false);
        this.i = j;
      }
    }
    return parts;
  }

  private doubleQuoted(parts: Part[], lit: (text: string, quoted: boolean) => void): void {
    const s = this.src;
    for (;;) {
      if (this.i >= s.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'', true);
      const c = s[this.i] as string;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') {
        const d = s[this.i + 1];
        if (d === undefined) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'', true);
        if ('$`"\\'.includes(d)) lit(d, true);
        else if (d !== '\n') lit(`\\${d}`, true);
        this.i += 2;
      } else if (c === '$') this.dollar(parts, lit, true);
      else if (c === '`') parts.push({ k: 'cmd', body: this.backquote(true), quoted: true });
      else {
        let j = this.i + 1;
        while (j < s.length && !'"\\$`'.includes(s[j] as string)) j++;
        lit(s.slice(this.i, j), true);
        this.i = j;
      }
    }
  }

  /** `$…` at the current position. */
  private dollar(parts: Part[], lit: (text: string, quoted: boolean) => void, inDouble: boolean): void {
    const s = this.src;
    const start = this.i;
    const d = s[this.i + 1];
    if (d === '(' && s[this.i + 2] === '(') {
      this.i += 3;
      const body = this.arithBody();
      this.enter();
      try {
        const inner = new Parser(body, this.depth);
        const expr: Word = { parts: inner.wordParts(true), raw: body };
        parts.push({ k: 'arith', expr, quoted: inDouble, raw: s.slice(start, this.i) });
      } finally {
        this.leave();
      }
      return;
    }
    if (d === '(') {
      this.i += 2;
      parts.push({ k: 'cmd', body: this.comsub(), quoted: inDouble });
      return;
    }
    if (d === '{') {
      this.i += 2;
      parts.push(this.braceParam(start, inDouble));
      return;
    }
    if (d === "'" && !inDouble) {
      const [text, end] = ansiC(s, this.i + 2);
      lit(text, true);
      this.i = end;
      return;
    }
    if (d === '"' && !inDouble) {
      // $"…" is a translatable string: with no translations it is "…".
      this.i += 2;
      lit('', true);
      this.doubleQuoted(parts, lit);
      return;
    }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?$#!@*_-])/.exec(s.slice(this.i + 1, this.i + 1 + 256));
    if (m) {
      let name = m[0];
      if (/^[A-Za-z_]/.test(name) && name.length === 256) {
        let j = this.i + 257;
        while (j < s.length && /[A-Za-z0-9_]/.test(s[j] as string)) j++;
        name = s.slice(this.i + 1, j);
      }
      this.i += 1 + name.length;
      parts.push({ k: 'param', name, op: '', arg: undefined, quoted: inDouble, raw: `$${name}` });
      return;
    }
    this.i++;
    lit('$', inDouble);
  }

  /** The text of `$((…))` up to its closing `))`. */
  private arithBody(): string {
    const s = this.src;
    let depth = 0;
    const start = this.i;
    for (; this.i < s.length; this.i++) {
      const c = s[this.i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          if (s[this.i + 1] === ')') {
            this.i += 2;
            return s.slice(start, this.i - 2);
          }
          throw new ShellSyntaxError("syntax error near unexpected token `)'", false);
        }
        depth--;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) break;
        this.i = end;
      }
    }
    throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", true);
  }

  /** `$( … )`: a command list up to its `)`. */
  private comsub(): List {
    this.enter();
    try {
      const list = this.compoundList((t) => t.t === 'op' && t.op === ')', true);
      this.next();
      return list;
    } catch (e) {
      if (e instanceof ShellSyntaxError && e.needsMore) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", true);
      throw e;
    } finally {
      this.leave();
    }
  }

  /** `` `…` ``: its text, with `\$`, `` \` `` and `\\` unescaped, parsed as a command list. */
  private backquote(inDouble: boolean): List {
    const s = this.src;
    let text = '';
    let j = this.i + 1;
    for (;;) {
      if (j >= s.length) throw new ShellSyntaxError('unexpected EOF while looking for matching ``\'', true);
      const c = s[j] as string;
      if (c === '`') break;
      if (c === '\\' && j + 1 < s.length && ('$`\\'.includes(s[j + 1] as string) || (inDouble && s[j + 1] === '"'))) {
        text += s[j + 1];
        j += 2;
        continue;
      }
      text += c;
      j++;
    }
    this.i = j + 1;
    this.enter();
    try {
      const inner = new Parser(text, this.depth);
      const list = inner.compoundList((t) => t.t === 'eof', true);
      return list;
    } catch (e) {
      if (e instanceof ShellSyntaxError && e.needsMore) throw new ShellSyntaxError('unexpected EOF while looking for matching ``\'', true);
      throw e;
    } finally {
      this.leave();
    }
  }

  /** `${…}`: the parameter, its operator and the word after it. */
  private braceParam(start: number, inDouble: boolean): Part {
    const s = this.src;
    // Find the closing brace, skipping quotes and nested ${…}, $(…) and `…`.
    let depth = 0;
    let j = this.i;
    for (; j < s.length; j++) {
      const c = s[j] as string;
      if (c === '\\') j++;
      else if (c === "'" && !inDouble) {
        const end = s.indexOf("'", j + 1);
        if (end < 0) break;
        j = end;
      } else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (j >= s.length) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'", true);
    const body = s.slice(this.i, j);
    this.i = j + 1;
    const raw = s.slice(start, this.i);
    const bad = (): Part => ({ k: 'param', name: '', op: 'bad', arg: undefined, quoted: inDouble, raw });
    // ${#name}: the length.
    if (body.startsWith('#') && body.length > 1 && /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?$#!@*_-])$/.test(body.slice(1))) {
      return { k: 'param', name: body.slice(1), op: 'length', arg: undefined, quoted: inDouble, raw };
    }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#!@*_-])/.exec(body);
    if (!m) return bad();
    const name = m[0];
    const rest = body.slice(name.length);
    if (rest === '') return { k: 'param', name, op: '', arg: undefined, quoted: inDouble, raw };
    const op = /^(?::[-=+?]|[-=+?]|##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,|:)/.exec(rest)?.[0];
    if (!op) return bad();
    const argText = rest.slice(op.length);
    this.enter();
    try {
      const inner = new Parser(argText, this.depth);
      const arg: Word = { parts: inner.wordParts(true), raw: argText };
      return { k: 'param', name, op, arg, quoted: inDouble, raw };
    } finally {
      this.leave();
    }
  }

  // ---- the grammar -----------------------------------------------------

  /**
   * The next complete command of the text (a list ended by a newline), or
   * undefined at the end. Throws ShellSyntaxError.
   */
  completeCommand(): List | undefined {
    this.skipNewlines();
    if (this.peek().t === 'eof') return undefined;
    const list: List = [];
    for (;;) {
      list.push(this.andOr());
      const t = this.peek();
      if (t.t === 'eof') return list;
      if (t.t === 'nl') {
        this.next();
        return list;
      }
      if (t.t === 'op' && t.op === ';') {
        this.next();
        const after = this.peek();
        if (after.t === 'nl') {
          this.next();
          return list;
        }
        if (after.t === 'eof') return list;
        continue;
      }
      if (t.t === 'op' && t.op === '&') throw new ShellSyntaxError(BACKGROUND_MESSAGE, false);
      this.error(t);
    }
  }

  /**
   * A list inside a compound command, up to the token `stop` accepts (left unread).
   * Newlines separate commands here. An empty list is refused unless `emptyOk`.
   */
  private compoundList(stop: (t: Tok) => boolean, emptyOk = false): List {
    const list: List = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (stop(t) && (list.length > 0 || emptyOk)) return list;
      if (t.t === 'eof') this.error(t);
      list.push(this.andOr());
      const sep = this.peek();
      if (sep.t === 'op' && sep.op === ';') {
        this.next();
        this.skipNewlines();
      } else if (sep.t === 'nl') this.skipNewlines();
      else if (sep.t === 'op' && sep.op === '&') throw new ShellSyntaxError(BACKGROUND_MESSAGE, false);
      else if (!stop(sep)) this.error(sep);
    }
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || (t.op !== '&&' && t.op !== '||')) return { first, rest };
      this.next();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.pipeline() });
    }
  }

  private pipeline(): Pipeline {
    let negate = false;
    let t = this.peek();
    while (t.t === 'word' && plainText(t.word) === '!') {
      this.next();
      negate = !negate;
      t = this.peek();
    }
    const commands = [this.command()];
    const withStderr: boolean[] = [];
    for (;;) {
      const p = this.peek();
      if (p.t !== 'op' || (p.op !== '|' && p.op !== '|&')) return { negate, commands, withStderr };
      this.next();
      withStderr.push(p.op === '|&');
      this.skipNewlines();
      const n = this.peek();
      if (n.t === 'word' && plainText(n.word) === '!') this.error(n);
      commands.push(this.command());
    }
  }

  private command(): Command {
    const t = this.peek();
    if (t.t === 'word') {
      const kw = plainText(t.word);
      if (kw !== undefined) {
        if (CLOSERS.has(kw)) this.error(t);
        if (UNSUPPORTED.has(kw)) throw new ShellSyntaxError(unsupportedMessage(kw), false);
        if (kw === 'for') return this.forCommand();
        if (kw === '{') return this.group();
      }
      if (t.word.raw.startsWith('((')) throw new ShellSyntaxError(unsupportedMessage('(('), false);
    }
    if (t.t === 'op' && t.op === '(') {
      this.next();
      // `((` written together is an arithmetic command; `( (` is a subshell in a subshell.
      if (this.src[this.i] === '(') throw new ShellSyntaxError(unsupportedMessage('(('), false);
      this.enter();
      try {
        const body = this.compoundList((x) => x.t === 'op' && x.op === ')');
        this.next();
        return { k: 'subshell', body, redirs: this.redirects() };
      } finally {
        this.leave();
      }
    }
    return this.simple();
  }

  private group(): Command {
    this.next();
    this.enter();
    try {
      const body = this.compoundList((x) => x.t === 'word' && plainText(x.word) === '}');
      this.next();
      return { k: 'group', body, redirs: this.redirects() };
    } finally {
      this.leave();
    }
  }

  private forCommand(): Command {
    this.next();
    const nameTok = this.next();
    if (nameTok.t !== 'word') this.error(nameTok);
    const name = nameTok.word.raw;
    let items: Word[] | undefined;
    const t = this.peek();
    if (t.t === 'op' && t.op === ';') this.next();
    this.skipNewlines();
    const inTok = this.peek();
    if (t.t !== 'op' && inTok.t === 'word' && plainText(inTok.word) === 'in') {
      this.next();
      items = [];
      for (;;) {
        const w = this.next();
        if (w.t === 'word') items.push(w.word);
        else if (w.t === 'nl' || (w.t === 'op' && w.op === ';')) break;
        else this.error(w);
      }
      this.skipNewlines();
    }
    const doTok = this.next();
    if (doTok.t !== 'word' || plainText(doTok.word) !== 'do') this.error(doTok);
    this.enter();
    try {
      const body = this.compoundList((x) => x.t === 'word' && plainText(x.word) === 'done');
      this.next();
      return { k: 'for', name, items, body, redirs: this.redirects() };
    } finally {
      this.leave();
    }
  }

  /** Redirections after a compound command. */
  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      const r = this.redirect();
      if (!r) break;
      out.push(r);
    }
    const t = this.peek();
    // Only an operator or a word that closes the enclosing construct may follow.
    if ((t.t === 'word' && !CLOSERS.has(plainText(t.word) ?? '')) || (t.t === 'op' && t.op === '(')) this.error(t);
    return out;
  }

  private redirect(): Redirect | undefined {
    const t = this.peek();
    if (t.t !== 'op') return undefined;
    const ops = ['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<<', '<<', '<<-'];
    if (!ops.includes(t.op)) return undefined;
    this.next();
    if (t.op === '<<' || t.op === '<<-') throw new ShellSyntaxError(HEREDOC_MESSAGE, false);
    const target = this.next();
    if (target.t !== 'word') this.error(target);
    return { fd: t.fd, op: t.op as Redirect['op'], target: target.word };
  }

  private simple(): Command {
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const r = this.redirect();
      if (r) {
        redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.t === 'op' && t.op === '(') {
        // NAME ( ) is a function definition.
        if (words.length === 1 && assigns.length === 0 && redirs.length === 0) {
          this.next();
          const close = this.next();
          if (close.t !== 'op' || close.op !== ')') this.error(close);
          throw new ShellSyntaxError(unsupportedMessage('function'), false);
        }
        this.error(t);
      }
      if (t.t !== 'word') break;
      this.next();
      const a = words.length === 0 ? assignment(t.word) : undefined;
      if (a) assigns.push(a);
      else words.push(t.word);
    }
    if (!words.length && !assigns.length && !redirs.length) this.error(this.peek());
    return { k: 'simple', assigns, words, redirs };
  }
}

const BACKGROUND_MESSAGE = "`&': the playground's terminal runs commands one after another, not in the background";
const HEREDOC_MESSAGE = "`<<': the playground's terminal reads no here-documents (a here-string <<< works)";

function unsupportedMessage(kw: string): string {
  const what = kw === 'function' ? 'function definitions' : kw === '((' ? '((…)) commands' : `\`${kw}'`;
  return `${what}: not supported by the playground's terminal; it runs for loops, pipes, ;, &&, || and $(…)`;
}

/** `NAME=value` / `NAME+=value` at the start of a simple command. */
function assignment(w: Word): Assignment | undefined {
  const first = w.parts[0];
  if (!first || first.k !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text);
  if (!m) return undefined;
  const restText = first.text.slice(m[0].length);
  const parts: Part[] = restText ? [{ k: 'lit', text: restText, quoted: false }, ...w.parts.slice(1)] : w.parts.slice(1);
  return { name: m[1] as string, value: { parts, raw: w.raw.slice(m[0].length) }, append: m[2] === '+' };
}

/** `$'…'`: its text with ANSI C escapes, and the position after its closing quote. */
function ansiC(s: string, from: number): [string, number] {
  let out = '';
  let j = from;
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  for (;;) {
    if (j >= s.length) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true);
    const c = s[j] as string;
    if (c === "'") return [out, j + 1];
    if (c !== '\\' || j + 1 >= s.length) {
      out += c;
      j++;
      continue;
    }
    const d = s[j + 1] as string;
    j += 2;
    if (d in simple) out += simple[d];
    else if (/[0-7]/.test(d)) {
      let digits = d;
      while (digits.length < 3 && /[0-7]/.test(s[j] ?? '')) digits += s[j++];
      out += String.fromCharCode(parseInt(digits, 8) & 0xff);
    } else if (d === 'x' && /[0-9a-fA-F]/.test(s[j] ?? '')) {
      let digits = '';
      while (digits.length < 2 && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
      out += String.fromCharCode(parseInt(digits, 16));
    } else if ((d === 'u' || d === 'U') && /[0-9a-fA-F]/.test(s[j] ?? '')) {
      let digits = '';
      while (digits.length < (d === 'u' ? 4 : 8) && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
      const cp = parseInt(digits, 16);
      out += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    } else if (d === 'c' && j < s.length && s[j] !== "'") {
      out += String.fromCharCode((s.charCodeAt(j++) & 0x1f) >>> 0);
    } else out += `\\${d}`;
  }
}

/**
 * Parses the text into complete commands, in order. Stops at the first error:
 * the commands before it are returned with it, since bash runs each complete
 * command before it reads the next.
 */
export function parseShell(text: string): { commands: List[]; error?: ShellSyntaxError; continued: boolean } {
  // A terminal line ends with the newline of the Enter key.
  const p = new Parser(text.endsWith('\n') ? text : `${text}\n`);
  const commands: List[] = [];
  try {
    for (;;) {
      const c = p.completeCommand();
      if (!c) break;
      commands.push(c);
    }
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { commands, error: e, continued: p.continued };
    throw e;
  }
  return { commands, continued: p.continued };
}

/**
 * True when a terminal would show its `> ` prompt and wait for another line:
 * the text ends inside a quote or a construct, after `|`, `&&` or `||`, or
 * with a backslash (run as it is, such a text is complete: bash runs it at the end of input).
 */
export function needsMore(text: string): boolean {
  const r = parseShell(text);
  return r.continued || (r.error?.needsMore ?? false);
}

/** Every simple command of a list, nested ones included (loops, groups, `$(…)`), in order. */
export function* simpleCommands(list: List): Generator<Extract<Command, { k: 'simple' }>> {
  const inWord = function* (w: Word): Generator<Extract<Command, { k: 'simple' }>> {
    for (const p of w.parts) {
      if (p.k === 'cmd') yield* simpleCommands(p.body);
      else if ((p.k === 'param' && p.arg) || p.k === 'arith') yield* inWord(p.k === 'arith' ? p.expr : (p.arg as Word));
    }
  };
  const inCommand = function* (c: Command): Generator<Extract<Command, { k: 'simple' }>> {
    for (const r of c.redirs) yield* inWord(r.target);
    if (c.k === 'simple') {
      for (const a of c.assigns) yield* inWord(a.value);
      for (const w of c.words) yield* inWord(w);
      yield c;
    } else {
      if (c.k === 'for') for (const w of c.items ?? []) yield* inWord(w);
      yield* simpleCommands(c.body);
    }
  };
  for (const ao of list) {
    for (const p of [ao.first, ...ao.rest.map((r) => r.pipeline)]) for (const c of p.commands) yield* inCommand(c);
  }
}

export { NAME as NAME_PATTERN };

/**
 * Where the command being typed at the end of a line starts (after the last
 * unquoted `;`, `|`, `&`, `(`, `` ` `` or newline, and after `do`, `then`,
 * `!`, `{` and `NAME=value` words), for Tab completion; `afterPipe` when a
 * `|` feeds it. Quotes and backslashes are honoured; the line need not parse.
 */
export function commandStart(line: string): { offset: number; afterPipe: boolean } {
  let cut = 0;
  let afterPipe = false;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '$' && line[i + 1] === '(') {
        cut = i + 2;
        afterPipe = false;
        quote = '';
        i++;
      }
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /[\s;&|()]/.test(line[i - 1] as string))) {
      // A comment: nothing after it runs.
      return { offset: line.length, afterPipe: false };
    } else if (';&|()`\n'.includes(c)) {
      cut = i + 1;
      afterPipe = c === '|' && line[i - 1] !== '|' && line[i + 1] !== '|';
    }
  }
  // Blanks, keywords and assignments before the command name.
  cut += /^\s*/.exec(line.slice(cut))?.[0].length ?? 0;
  for (;;) {
    const m = /^(?:do|then|else|!|\{|[A-Za-z_][A-Za-z0-9_]*=\S*)\s+/.exec(line.slice(cut));
    if (!m) break;
    cut += m[0].length;
  }
  return { offset: cut, afterPipe };
}

/**
 * A command line as a terminal echoes it after `$ `: a command of several
 * lines (a pasted loop) shows each further line after bash's `> ` prompt.
 */
export function shownLine(line: string): string {
  return line.trim().split('\n').join('\n> ');
}

/**
 * A command of several lines as one line, as bash keeps it in its history
 * (cmdhist): lines join with `; `, or with a space after an operator or a
 * keyword that a command must follow (`do`, `then`, `|`, `&&` …).
 */
export function historyLine(text: string): string {
  const lines = text.trim().split('\n');
  let out = lines[0] ?? '';
  for (const l of lines.slice(1)) {
    const next = l.trim();
    if (!next) continue;
    if (out.endsWith('\\')) {
      // A backslash-newline joins the lines as if they were one.
      out = out.slice(0, -1) + next;
      continue;
    }
    const joinsWithSpace = /(?:^|[\s;])(?:do|then|else|\{)$|[|&;(]$/.test(out.trimEnd());
    out = `${out.trimEnd()}${joinsWithSpace ? ' ' : '; '}${next}`;
  }
  return out;
}
