/**
 * POSIX regular expressions as the busybox:1.36 image's grep sees them:
 * glibc's regcomp/regexec in the C locale (bytes, ASCII classes), basic
 * syntax by default and extended with REG_EXTENDED, GNU operators (`\w`,
 * `\<`, `\|`, `\+` …), leftmost-longest matches and glibc's error texts.
 *
 * Unlike glibc (and JavaScript's RegExp) it never backtracks over the
 * pattern: the program is a Thompson NFA run as a Pike VM, O(pattern × text)
 * per search. Back-references are not regular; a pattern that uses them runs
 * on a depth-first matcher instead. Every search draws from a step Budget, so
 * no pattern and no text can take unbounded time.
 */
// Behaviour of glibc posix/regcomp.c (peek_token, parse_*, parse_dup_op, parse_bracket_exp) and
// posix/regexec.c (leftmost-longest, REG_NOTBOL, word contexts), glibc 2.36 in the C locale.

/** glibc's regerror() texts. */
export const REG_MESSAGES = {
  BADPAT: 'Invalid regular expression',
  ECOLLATE: 'Invalid collation character',
  ECTYPE: 'Invalid character class name',
  EESCAPE: 'Trailing backslash',
  ESUBREG: 'Invalid back reference',
  EBRACK: 'Unmatched [, [^, [:, [., or [=',
  EPAREN: 'Unmatched ( or \\(',
  EBRACE: 'Unmatched \\{',
  BADBR: 'Invalid content of \\{\\}',
  ERANGE: 'Invalid range end',
  BADRPT: 'Invalid preceding regular expression',
  ESIZE: 'Regular expression too big',
} as const;

export class RegexSyntaxError extends Error {}

/** Thrown when a search has used up its Budget. */
export class RegexBudgetError extends Error {
  constructor() {
    super('regular expression search step budget exhausted');
  }
}

/** Steps a search may still take (shared by every search of one command). */
export interface Budget {
  steps: number;
}

/** The largest program (NFA instructions) a pattern may compile to. `x{n,m}` copies x. */
export const MAX_PROGRAM = 30_000;
/** Deepest nesting of groups. */
const MAX_NEST = 200;
/** glibc's RE_DUP_MAX. */
const DUP_MAX = 0x7fff;

type Anchor = 'bol' | 'eol' | 'bufFirst' | 'bufLast' | 'wordFirst' | 'wordLast' | 'wordDelim' | 'notWordDelim';
type Node =
  | { t: 'set'; set: Uint8Array }
  | { t: 'anchor'; k: Anchor }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: (Node | null)[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'group'; idx: number; node: Node | null }
  | { t: 'bref'; idx: number };

const enum T {
  End,
  Char,
  Any,
  Bracket,
  Anchor,
  Alt,
  Open,
  Close,
  Star,
  Plus,
  Question,
  OpenDup,
  CloseDup,
  BackRef,
  Word,
  NotWord,
  Space,
  NotSpace,
  Backslash,
}
interface Token {
  type: T;
  c: number;
  len: number;
  anchor?: Anchor;
  idx?: number;
}

/**
 * The operators a backslash turns on in a basic regex and off in an extended
 * one: `\(` groups in a BRE, `(` in an ERE; the other spelling is a literal.
 */
// Behaviour of glibc posix/regcomp.c peek_token with grep's basic and extended syntax bits.
const BACKSLASH_FLIPS: ReadonlyMap<number, T> = new Map([
  [0x7c, T.Alt], // |
  [0x28, T.Open], // (
  [0x29, T.Close], // )
  [0x2b, T.Plus], // +
  [0x3f, T.Question], // ?
  [0x7b, T.OpenDup], // {
  [0x7d, T.CloseDup], // }
]);

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => isUpper(c) || isLower(c);
const isAlnum = (c: number) => isAlpha(c) || isDigit(c);
/** glibc's IS_WORD_CHAR in the C locale. */
export const isWordByte = (c: number) => isAlnum(c) || c === 95;
const lower = (c: number) => (isUpper(c) ? c + 32 : c);

/** The C locale's character classes. */
const CLASSES: Record<string, (c: number) => boolean> = {
  alpha: isAlpha,
  upper: isUpper,
  lower: isLower,
  digit: isDigit,
  xdigit: (c) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  print: (c) => c >= 32 && c <= 126,
  punct: (c) => c >= 33 && c <= 126 && !isAlnum(c),
  graph: (c) => c >= 33 && c <= 126,
  cntrl: (c) => c < 32 || c === 127,
  blank: (c) => c === 32 || c === 9,
  alnum: isAlnum,
};

function classSet(name: string, negate: boolean): Uint8Array {
  const set = new Uint8Array(256);
  const f = CLASSES[name] as (c: number) => boolean;
  for (let c = 0; c < 256; c++) if (f(c) !== negate) set[c] = 1;
  return set;
}

export interface RegexOptions {
  extended: boolean;
  icase: boolean;
}

/** Parses a pattern (its UTF-8 bytes) into a tree; throws RegexSyntaxError with glibc's message. */
function parse(p: Uint8Array, ere: boolean, icase: boolean): { tree: Node | null; groups: number; brefs: boolean } {
  // REG_ICASE: glibc reads the pattern through a tolower table, except class names and the byte after '\'.
  const at = (i: number) => (icase ? lower(p[i] as number) : (p[i] as number));
  let pos = 0;
  let groups = 0;
  let completed = 0; // groups 1–9 closed so far (bit i-1), as glibc's completed_bkref_map
  let brefs = false;
  const fail = (k: keyof typeof REG_MESSAGES): never => {
    throw new RegexSyntaxError(REG_MESSAGES[k]);
  };

  function peek(i: number, caretHere: boolean): Token {
    if (i >= p.length) return { type: T.End, c: 0, len: 0 };
    const c = at(i);
    if (c === 92) {
      if (i + 1 >= p.length) return { type: T.Backslash, c, len: 1 };
      const c2 = p[i + 1] as number;
      const tok = (type: T, extra: Partial<Token> = {}): Token => ({ type, c: icase ? lower(c2) : c2, len: 2, ...extra });
      const flipped = BACKSLASH_FLIPS.get(c2);
      if (flipped !== undefined) return tok(ere ? T.Char : flipped);
      switch (String.fromCharCode(c2)) {
        case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
          return tok(T.BackRef, { idx: c2 - 48 });
        case '<':
          return tok(T.Anchor, { anchor: 'wordFirst' });
        case '>':
          return tok(T.Anchor, { anchor: 'wordLast' });
        case 'b':
          return tok(T.Anchor, { anchor: 'wordDelim' });
        case 'B':
          return tok(T.Anchor, { anchor: 'notWordDelim' });
        case '`':
          return tok(T.Anchor, { anchor: 'bufFirst' });
        case "'":
          return tok(T.Anchor, { anchor: 'bufLast' });
        case 'w':
          return tok(T.Word);
        case 'W':
          return tok(T.NotWord);
        case 's':
          return tok(T.Space);
        case 'S':
          return tok(T.NotSpace);
        default:
          return tok(T.Char);
      }
    }
    const tok = (type: T, extra: Partial<Token> = {}): Token => ({ type, c, len: 1, ...extra });
    const flipped = BACKSLASH_FLIPS.get(c);
    if (flipped !== undefined) return tok(ere ? flipped : T.Char);
    switch (String.fromCharCode(c)) {
      case '*':
        return tok(T.Star);
      case '[':
        return tok(T.Bracket);
      case '.':
        return tok(T.Any);
      case '^':
        return ere || caretHere || i === 0 ? tok(T.Anchor, { anchor: 'bol' }) : tok(T.Char);
      case '$': {
        if (ere || i + 1 === p.length) return tok(T.Anchor, { anchor: 'eol' });
        const next = peek(i + 1, false);
        return next.type === T.Alt || next.type === T.Close ? tok(T.Anchor, { anchor: 'eol' }) : tok(T.Char);
      }
      default:
        return tok(T.Char);
    }
  }

  let token: Token = peek(0, true);
  /** The current token's type (a call, so TypeScript does not narrow it across fetch()). */
  const tt = (): T => token.type;
  const fetch = (caretHere = false) => {
    pos += token.len;
    token = peek(pos, caretHere);
  };

  function charSet(c: number): Uint8Array {
    const set = new Uint8Array(256);
    set[c] = 1;
    return set;
  }

  function parseRegExp(nest: number): Node | null {
    const initial = completed;
    const branches: (Node | null)[] = [parseBranch(nest)];
    while (tt() === T.Alt) {
      fetch(true);
      if (tt() !== T.Alt && tt() !== T.End && (nest === 0 || tt() !== T.Close)) {
        const accumulated = completed;
        completed = initial;
        branches.push(parseBranch(nest));
        completed |= accumulated;
      } else branches.push(null);
    }
    return branches.length === 1 ? (branches[0] as Node | null) : { t: 'alt', items: branches };
  }

  function parseBranch(nest: number): Node | null {
    const items: Node[] = [];
    const first = parseExpression(nest);
    if (first) items.push(first);
    while (tt() !== T.Alt && tt() !== T.End && (nest === 0 || tt() !== T.Close)) {
      const e = parseExpression(nest);
      if (e) items.push(e);
    }
    return items.length === 0 ? null : items.length === 1 ? (items[0] as Node) : { t: 'cat', items };
  }

  function parseExpression(nest: number): Node | null {
    let tree: Node | null;
    switch (token.type) {
      case T.Char:
        tree = { t: 'set', set: charSet(token.c) };
        break;
      case T.Open:
        tree = parseSubExp(nest + 1);
        break;
      case T.Bracket:
        tree = { t: 'set', set: parseBracket() };
        break;
      case T.BackRef: {
        const idx = token.idx as number;
        if (!(completed & (1 << (idx - 1)))) fail('ESUBREG');
        brefs = true;
        tree = { t: 'bref', idx };
        break;
      }
      case T.OpenDup:
      case T.Star:
      case T.Plus:
      case T.Question:
      case T.Close:
      case T.CloseDup:
        // A repetition with nothing before it: an error in ERE (and `\{` in BRE), else itself.
        if (tt() === T.OpenDup || (ere && tt() !== T.Close && tt() !== T.CloseDup)) fail('BADRPT');
        // A `\)` with no `\(` (regcomp reports REG_ERPAREN as REG_EPAREN).
        if (tt() === T.Close && !ere) fail('EPAREN');
        tree = { t: 'set', set: charSet(token.c) };
        break;
      case T.Anchor: {
        const k = token.anchor as Anchor;
        tree = { t: 'anchor', k };
        // An anchor takes no repetition: `^*` is an anchor then a `*`.
        fetch();
        return tree;
      }
      case T.Any: {
        const set = new Uint8Array(256).fill(1);
        set[0] = 0; // RE_DOT_NOT_NULL
        tree = { t: 'set', set };
        break;
      }
      case T.Word:
      case T.NotWord: {
        const set = new Uint8Array(256);
        for (let c = 0; c < 256; c++) if (isWordByte(c) !== (tt() === T.NotWord)) set[c] = 1;
        tree = { t: 'set', set };
        break;
      }
      case T.Space:
      case T.NotSpace:
        tree = { t: 'set', set: classSet('space', tt() === T.NotSpace) };
        break;
      case T.Alt:
      case T.End:
        return null;
      case T.Backslash:
        return fail('EESCAPE');
      default:
        return null;
    }
    fetch();
    while (tt() === T.Star || tt() === T.Plus || tt() === T.Question || tt() === T.OpenDup) {
      tree = parseDup(tree);
      // In a basic expression two repetitions in a row are an error (RE_CONTEXT_INVALID_DUP).
      if (!ere && (tt() === T.Star || tt() === T.OpenDup)) fail('BADRPT');
    }
    return tree;
  }

  function parseSubExp(nest: number): Node {
    if (nest > MAX_NEST) fail('ESIZE');
    const idx = ++groups;
    fetch(true);
    let node: Node | null = null;
    if (tt() !== T.Close) {
      node = parseRegExp(nest);
      if (tt() !== T.Close) fail('EPAREN');
    }
    if (idx <= 9) completed |= 1 << (idx - 1);
    return { t: 'group', idx, node };
  }

  /** A decimal number up to the next ',' or closing brace: -1 none, -2 invalid (glibc fetch_number). */
  function fetchNumber(): number {
    let num = -1;
    for (;;) {
      fetch();
      const c = token.c;
      if (tt() === T.End) return -2;
      if (tt() === T.CloseDup || (tt() === T.Char && c === 44)) break;
      num = tt() !== T.Char || c < 48 || c > 57 || num === -2 ? -2 : num === -1 ? c - 48 : Math.min(DUP_MAX + 1, num * 10 + c - 48);
    }
    return num;
  }

  function parseDup(elem: Node | null): Node | null {
    let min: number;
    let max: number;
    if (tt() === T.OpenDup) {
      min = fetchNumber();
      if (min === -1) {
        if (tt() === T.Char && token.c === 44) min = 0; // "{,m}" is "{0,m}"
        else fail('BADBR');
      }
      max = min;
      if (min !== -2) {
        max = tt() === T.CloseDup ? min : tt() === T.Char && token.c === 44 ? fetchNumber() : -2;
      }
      if (min === -2 || max === -2) return fail(tt() === T.End ? 'EBRACE' : 'BADBR');
      if ((max !== -1 && min > max) || tt() !== T.CloseDup) fail('BADBR');
      if (max > DUP_MAX || min > DUP_MAX) fail('ESIZE');
    } else {
      min = tt() === T.Plus ? 1 : 0;
      max = tt() === T.Question ? 1 : -1;
    }
    fetch();
    if (elem === null) return null;
    if (min === 0 && max === 0) return null;
    return { t: 'rep', node: elem, min, max };
  }

  function parseBracket(): Uint8Array {
    // Reads bracket tokens straight from the bytes (glibc peek_token_bracket).
    const set = new Uint8Array(256);
    pos += 1; // '['
    type BT = { type: 'char' | 'range' | 'close' | 'end' | 'coll' | 'equiv' | 'class'; c: number; len: number };
    const peekB = (i: number): BT => {
      if (i >= p.length) return { type: 'end', c: 0, len: 0 };
      const c = at(i);
      if (c === 91 && i + 1 < p.length) {
        const c2 = p[i + 1] as number;
        if (c2 === 46) return { type: 'coll', c: c2, len: 2 };
        if (c2 === 61) return { type: 'equiv', c: c2, len: 2 };
        if (c2 === 58) return { type: 'class', c: c2, len: 2 };
      }
      if (c === 45) return { type: 'range', c, len: 1 };
      if (c === 93) return { type: 'close', c, len: 1 };
      return { type: 'char', c, len: 1 };
    };
    type Elem = { kind: 'char'; c: number } | { kind: 'coll'; name: number[] } | { kind: 'equiv'; name: number[] } | { kind: 'class'; name: string };
    const symbol = (bt: BT): Elem => {
      // [.x.] [=x=] [:name:]; class names are read without case folding.
      const delim = bt.c;
      const name: number[] = [];
      if (pos >= p.length) fail('EBRACK');
      for (let i = 0; ; i++) {
        if (i >= 32) fail('EBRACK');
        const ch = bt.type === 'class' ? (p[pos] as number) : at(pos);
        pos++;
        if (pos >= p.length) fail('EBRACK');
        if (ch === delim && p[pos] === 93) break;
        name.push(ch);
      }
      pos++;
      if (bt.type === 'class') return { kind: 'class', name: String.fromCharCode(...name) };
      return bt.type === 'coll' ? { kind: 'coll', name } : { kind: 'equiv', name };
    };
    const element = (bt: BT, acceptHyphen: boolean): Elem => {
      pos += bt.len;
      if (bt.type === 'coll' || bt.type === 'class' || bt.type === 'equiv') return symbol(bt);
      if (bt.type === 'range' && !acceptHyphen && peekB(pos).type !== 'close') fail('ERANGE');
      return { kind: 'char', c: bt.c };
    };
    const single = (e: Elem): number => {
      if (e.kind === 'char') return e.c;
      if (e.kind === 'coll' || e.kind === 'equiv') {
        if (e.name.length !== 1) fail('ECOLLATE');
        return e.name[0] as number;
      }
      return fail('ERANGE');
    };
    let bt = peekB(pos);
    if (bt.type === 'end') fail('BADPAT');
    let negate = false;
    if (bt.c === 94 && bt.type === 'char') {
      negate = true;
      pos += 1;
      bt = peekB(pos);
      if (bt.type === 'end') fail('BADPAT');
    }
    if (bt.type === 'close') bt = { ...bt, type: 'char' };
    let first = true;
    for (;;) {
      const start = element(bt, first);
      first = false;
      bt = peekB(pos);
      let end: Elem | undefined;
      if (start.kind !== 'class' && start.kind !== 'equiv') {
        if (bt.type === 'end') fail('EBRACK');
        if (bt.type === 'range') {
          pos += bt.len;
          const bt2 = peekB(pos);
          if (bt2.type === 'end') fail('EBRACK');
          if (bt2.type === 'close') {
            pos -= bt.len; // a '-' before ']' is itself
            bt = { ...bt, type: 'char' };
          } else {
            end = element(bt2, true);
            bt = peekB(pos);
          }
        }
      }
      if (end) {
        if (start.kind === 'class' || end.kind === 'class' || end.kind === 'equiv') fail('ERANGE');
        const a = single(start);
        const b = single(end);
        if (a > b) fail('ERANGE');
        for (let c = a; c <= b; c++) set[c] = 1;
      } else if (start.kind === 'class') {
        // REG_ICASE turns [:upper:] and [:lower:] into [:alpha:].
        const name = icase && (start.name === 'upper' || start.name === 'lower') ? 'alpha' : start.name;
        if (!Object.prototype.hasOwnProperty.call(CLASSES, name)) fail('ECTYPE');
        const f = CLASSES[name] as (c: number) => boolean;
        for (let c = 0; c < 256; c++) if (f(c)) set[c] = 1;
      } else set[single(start)] = 1;
      if (bt.type === 'end') fail('EBRACK');
      if (bt.type === 'close') break;
    }
    pos += bt.len;
    token = { type: T.Bracket, c: 0, len: 0 }; // fetch() after the expression reads on from pos
    if (negate) for (let c = 0; c < 256; c++) set[c] = set[c] ? 0 : 1;
    return set;
  }

  const tree = parseRegExp(0);
  if (token.type !== T.End) fail('EPAREN'); // a ')' left at the top level of a basic expression
  return { tree, groups, brefs };
}

// ------------------------------------------------------------------ program

const enum Op {
  Set,
  Split,
  Jmp,
  Assert,
  Save,
  Bref,
  Match,
  /** Records where a loop iteration starts (slot x). */
  Mark,
  /** Ends a loop whose iteration consumed nothing (slot x), else jumps to y. */
  Loop,
}
interface Instr {
  op: Op;
  x: number;
  y: number;
  set?: Uint8Array;
  k?: Anchor;
}

/** Instructions a node compiles to, saturating at MAX_PROGRAM + 1. */
function size(n: Node | null): number {
  if (!n) return 0;
  const cap = (v: number) => Math.min(v, MAX_PROGRAM + 1);
  switch (n.t) {
    case 'set':
    case 'anchor':
    case 'bref':
      return 1;
    case 'cat':
      return cap(n.items.reduce((s, i) => s + size(i), 0));
    case 'alt':
      return cap(n.items.reduce((s, i) => s + size(i) + 2, 0));
    case 'group':
      return cap(size(n.node) + 2);
    case 'rep': {
      const body = size(n.node);
      const copies = n.max === -1 ? n.min + 1 : n.max;
      return cap(body * copies + 3 * copies + 3);
    }
  }
}

function compile(tree: Node | null): { prog: Instr[]; loops: number } {
  const prog: Instr[] = [];
  let loops = 0;
  const emit = (i: Instr): number => prog.push(i) - 1;
  const gen = (n: Node | null): void => {
    if (!n) return;
    switch (n.t) {
      case 'set':
        emit({ op: Op.Set, x: 0, y: 0, set: n.set });
        return;
      case 'anchor':
        emit({ op: Op.Assert, x: 0, y: 0, k: n.k });
        return;
      case 'bref':
        emit({ op: Op.Bref, x: n.idx, y: 0 });
        return;
      case 'cat':
        for (const i of n.items) gen(i);
        return;
      case 'group':
        emit({ op: Op.Save, x: 2 * n.idx, y: 0 });
        gen(n.node);
        emit({ op: Op.Save, x: 2 * n.idx + 1, y: 0 });
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((item, k) => {
          if (k < n.items.length - 1) {
            const split = emit({ op: Op.Split, x: 0, y: 0 });
            (prog[split] as Instr).x = prog.length;
            gen(item);
            jumps.push(emit({ op: Op.Jmp, x: 0, y: 0 }));
            (prog[split] as Instr).y = prog.length;
          } else gen(item);
        });
        for (const j of jumps) (prog[j] as Instr).x = prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.node);
        if (n.max === -1) {
          // L: split body, out; body: mark; node; loop(L)
          const slot = loops++;
          const split = emit({ op: Op.Split, x: 0, y: 0 });
          (prog[split] as Instr).x = prog.length;
          emit({ op: Op.Mark, x: slot, y: 0 });
          gen(n.node);
          emit({ op: Op.Loop, x: slot, y: split });
          (prog[split] as Instr).y = prog.length;
          return;
        }
        // Optional copies nest: (x(x(x)?)?)?
        const splits: number[] = [];
        for (let k = n.min; k < n.max; k++) {
          const split = emit({ op: Op.Split, x: 0, y: 0 });
          (prog[split] as Instr).x = prog.length;
          splits.push(split);
          gen(n.node);
        }
        for (const s of splits) (prog[s] as Instr).y = prog.length;
        return;
      }
    }
  };
  gen(tree);
  emit({ op: Op.Match, x: 0, y: 0 });
  return { prog, loops };
}

// ------------------------------------------------------------------ matching

/** Most frames the back-reference matcher keeps (each is a choice point still to try). */
const MAX_FRAMES = 20_000;

/** A compiled pattern. `exec` returns [start, end) of the leftmost-longest match, or null. */
export class Regex {
  private epoch = 0;
  private mark: Float64Array;
  private lists: Int32Array[];
  private stack: Int32Array;

  private constructor(
    private prog: Instr[],
    private loops: number,
    private groups: number,
    private brefs: boolean,
    readonly icase: boolean,
  ) {
    const n = prog.length;
    this.mark = new Float64Array(n).fill(-1);
    this.lists = [new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)];
    this.stack = new Int32Array(2 * n + 2);
  }

  /** Compiles a pattern; throws RegexSyntaxError with glibc's message. */
  static compile(pattern: Uint8Array, opts: RegexOptions): Regex {
    const { tree, groups, brefs } = parse(pattern, opts.extended, opts.icase);
    if (size(tree) > MAX_PROGRAM) throw new RegexSyntaxError(REG_MESSAGES.ESIZE);
    const { prog, loops } = compile(tree);
    return new Regex(prog, loops, groups, brefs, opts.icase);
  }

  /** Program length (for tests and limits). */
  get length(): number {
    return this.prog.length;
  }

  /** The subject as this pattern reads it (REG_ICASE folds it to lower case). Call once per line. */
  fold(text: Uint8Array): Uint8Array {
    return this.icase ? text.map(lower) : text;
  }

  /**
   * Searches `text[from..]` (already `fold`ed) as if it were the whole string, as busybox passes
   * `line + offset`: `from` is the buffer start, `notbol` is REG_NOTBOL. Offsets are absolute.
   * With `wantSpan` false it stops at the first match found (only "is there a match" counts).
   */
  exec(text: Uint8Array, from: number, notbol: boolean, budget: Budget, wantSpan = true): [number, number] | null {
    return this.brefs ? this.backtrack(text, from, notbol, budget) : this.pike(text, from, notbol, budget, wantSpan);
  }

  private holds(k: Anchor, t: Uint8Array, from: number, i: number, notbol: boolean): boolean {
    const prevWord = i > from && isWordByte(t[i - 1] as number);
    const nextWord = i < t.length && isWordByte(t[i] as number);
    switch (k) {
      case 'bol':
        return i === from && !notbol;
      case 'eol':
      case 'bufLast':
        return i === t.length;
      case 'bufFirst':
        return i === from;
      case 'wordFirst':
        return !prevWord && nextWord;
      case 'wordLast':
        return prevWord && !nextWord;
      case 'wordDelim':
        return prevWord !== nextWord;
      case 'notWordDelim':
        return prevWord === nextWord;
    }
  }

  /** Thompson simulation; threads carry their start, and the smallest start wins each state. */
  private pike(t: Uint8Array, from: number, notbol: boolean, budget: Budget, wantSpan: boolean): [number, number] | null {
    const prog = this.prog;
    const mark = this.mark;
    const stack = this.stack;
    let [cpc, cst, npc, nst] = this.lists as [Int32Array, Int32Array, Int32Array, Int32Array];
    // mark[pc] holds the epoch of the position whose list has pc; epochs never repeat.
    const base = this.epoch - from;
    this.epoch += t.length - from + 2;
    let clen = 0;
    let nlen = 0;
    let bestStart = -1;
    let bestEnd = -1;
    // Adds pc and its ε-closure at position i to the list (pcs, starts).
    const add = (pcs: Int32Array, starts: Int32Array, len: number, pc0: number, start: number, i: number): number => {
      let sp = 0;
      stack[sp++] = pc0;
      while (sp > 0) {
        const pc = stack[--sp] as number;
        if (mark[pc] === base + i) continue;
        mark[pc] = base + i;
        if (--budget.steps < 0) throw new RegexBudgetError();
        const ins = prog[pc] as Instr;
        switch (ins.op) {
          case Op.Jmp:
            stack[sp++] = ins.x;
            break;
          case Op.Split:
            stack[sp++] = ins.y;
            stack[sp++] = ins.x;
            break;
          case Op.Loop:
            stack[sp++] = ins.y;
            break;
          case Op.Assert:
            if (this.holds(ins.k as Anchor, t, from, i, notbol)) stack[sp++] = pc + 1;
            break;
          case Op.Save:
          case Op.Mark:
            stack[sp++] = pc + 1;
            break;
          default:
            pcs[len] = pc;
            starts[len] = start;
            len++;
        }
      }
      return len;
    };
    for (let i = from; ; i++) {
      if (bestStart < 0) clen = add(cpc, cst, clen, 0, i, i);
      if (clen === 0) {
        if (bestStart >= 0) break;
        if (i >= t.length) break;
        continue;
      }
      nlen = 0;
      const c = i < t.length ? (t[i] as number) : -1;
      for (let k = 0; k < clen; k++) {
        const s = cst[k] as number;
        if (bestStart >= 0 && s > bestStart) break; // the list is ordered by start
        const ins = prog[cpc[k] as number] as Instr;
        if (--budget.steps < 0) throw new RegexBudgetError();
        if (ins.op === Op.Match) {
          if (bestStart < 0 || s < bestStart || (s === bestStart && i > bestEnd)) {
            bestStart = s;
            bestEnd = i;
            if (!wantSpan) return [bestStart, bestEnd];
          }
        } else if (c >= 0 && (ins.set as Uint8Array)[c]) nlen = add(npc, nst, nlen, (cpc[k] as number) + 1, s, i + 1);
      }
      [cpc, npc] = [npc, cpc];
      [cst, nst] = [nst, cst];
      clen = nlen;
      if (i >= t.length) break;
    }
    return bestStart < 0 ? null : [bestStart, bestEnd];
  }

  /**
   * Depth-first matching for patterns with back-references: every path is tried (within the
   * budget) from each start in turn; the first start with a match gives the longest end found.
   * SIM: where glibc's own rules for which text a group captured differ, the match may differ.
   */
  private backtrack(t: Uint8Array, from: number, notbol: boolean, budget: Budget): [number, number] | null {
    const prog = this.prog;
    const nslots = 2 * (this.groups + 1);
    for (let s = from; s <= t.length; s++) {
      let best = -1;
      // Each frame: pc, position, capture slots and loop marks.
      const stack: { pc: number; i: number; caps: Int32Array; marks: Int32Array }[] = [{ pc: 0, i: s, caps: new Int32Array(nslots).fill(-1), marks: new Int32Array(this.loops).fill(-1) }];
      while (stack.length) {
        const f = stack.pop() as (typeof stack)[number];
        let { pc, i } = f;
        const { caps, marks } = f;
        for (;;) {
          if (--budget.steps < 0) throw new RegexBudgetError();
          const ins = prog[pc] as Instr;
          if (ins.op === Op.Match) {
            if (i > best) best = i;
            break;
          }
          if (ins.op === Op.Set) {
            if (i < t.length && (ins.set as Uint8Array)[t[i] as number]) {
              i++;
              pc++;
              continue;
            }
            break;
          }
          if (ins.op === Op.Jmp) pc = ins.x;
          else if (ins.op === Op.Split) {
            if (stack.length >= MAX_FRAMES) throw new RegexBudgetError();
            stack.push({ pc: ins.y, i, caps: caps.slice(), marks: marks.slice() });
            pc = ins.x;
          } else if (ins.op === Op.Assert) {
            if (!this.holds(ins.k as Anchor, t, from, i, notbol)) break;
            pc++;
          } else if (ins.op === Op.Save) {
            caps[ins.x] = i;
            pc++;
          } else if (ins.op === Op.Mark) {
            marks[ins.x] = i;
            pc++;
          } else if (ins.op === Op.Loop) {
            // An iteration that consumed nothing ends the loop instead of repeating it.
            pc = marks[ins.x] === i ? (prog[ins.y] as Instr).y : ins.y;
          } else {
            // Back-reference: the text group x captured, again (an unset group never matches).
            const a = caps[2 * ins.x] as number;
            const b = caps[2 * ins.x + 1] as number;
            if (a < 0 || b < 0 || i + (b - a) > t.length) break;
            let ok = true;
            for (let k = 0; k < b - a; k++) if (t[a + k] !== t[i + k]) ok = false;
            if (!ok) break;
            i += b - a;
            pc++;
          }
        }
      }
      if (best >= 0) return [s, best];
    }
    return null;
  }
}
