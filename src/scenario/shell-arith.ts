/**
 * `$((…))` for the terminal's shell: bash's integer arithmetic on 64-bit
 * signed numbers (wrapping), C's operators and precedence, variables (whose
 * values are read as expressions in turn), assignments and `++`/`--`, with
 * bash's messages: `bash: 1/0: division by 0 (error token is "0")`.
 */
// Behaviour of bash 5.2 expr.c (evalexp, readtok, strlong) for these forms.

/** An arithmetic error: the text bash prints after `bash: `. */
export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** Deepest nesting of parentheses and variable references (bash's is 1024; SIM: smaller, for the stack). */
const MAX_DEPTH = 200;

type Tok = { k: 'num' | 'id' | 'op' | 'eof' | 'bad'; text: string; at: number };

const OPS = ['**=', '<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

class Evaluator {
  private pos = 0;
  private tok: Tok = { k: 'eof', text: '', at: 0 };
  /** Start of the last token that was not the end (bash's lasttp). */
  private last = 0;
  /** While above 0, operands are parsed but not evaluated (the skipped side of && || ?:). */
  private noeval = 0;

  constructor(
    private readonly expr: string,
    private readonly vars: ArithVars,
    private depth: number,
  ) {}

  fail(msg: string): never {
    throw new ArithError(`${this.expr}: ${msg} (error token is "${this.expr.slice(this.last)}")`);
  }

  private next(): void {
    const s = this.expr;
    while (this.pos < s.length && ' \t\n'.includes(s[this.pos] as string)) this.pos++;
    if (this.pos >= s.length) {
      this.tok = { k: 'eof', text: '', at: this.pos };
      return;
    }
    this.last = this.pos;
    const rest = s.slice(this.pos);
    let m = /^[0-9][0-9A-Za-z_#@]*/.exec(rest);
    if (m) this.tok = { k: 'num', text: m[0], at: this.pos };
    else if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) this.tok = { k: 'id', text: m[0], at: this.pos };
    else {
      const op = OPS.find((o) => rest.startsWith(o));
      this.tok = op ? { k: 'op', text: op, at: this.pos } : { k: 'bad', text: rest[0] as string, at: this.pos };
    }
    this.pos += this.tok.text.length;
  }

  run(): bigint {
    // Checked before anything is read: the message shows the whole expression (bash's evalexp).
    if (this.depth > MAX_DEPTH) this.fail('expression recursion level exceeded');
    this.next();
    if (this.tok.k === 'eof') return 0n;
    const v = this.comma();
    const end: Tok = this.tok;
    if (end.k !== 'eof') this.fail(end.k === 'bad' ? 'syntax error: invalid arithmetic operator' : 'syntax error in expression');
    return v;
  }

  private is(...ops: string[]): boolean {
    return this.tok.k === 'op' && ops.includes(this.tok.text);
  }

  private comma(): bigint {
    let v = this.assign();
    while (this.is(',')) {
      this.next();
      v = this.assign();
    }
    return v;
  }

  private assign(): bigint {
    if (this.tok.k === 'id') {
      // NAME op= …: look ahead for an assignment operator.
      const save = { pos: this.pos, tok: this.tok, last: this.last };
      const name = this.tok.text;
      this.next();
      if (this.is('=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=', '**=')) {
        const op = this.tok.text;
        this.next();
        const rhs = this.assign();
        if (this.noeval) return 0n;
        const v = op === '=' ? rhs : this.binary(op.slice(0, -1), this.variable(name), rhs);
        this.vars.set(name, String(v));
        return v;
      }
      Object.assign(this, save);
    }
    const v = this.conditional();
    if (this.is('=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=', '**=')) this.fail('attempted assignment to non-variable');
    return v;
  }

  private conditional(): bigint {
    const c = this.binaryLevel(0);
    if (!this.is('?')) return c;
    this.next();
    if (c === 0n) this.noeval++;
    const a = this.assign();
    if (c === 0n) this.noeval--;
    if (!this.is(':')) this.fail("`:' expected for conditional expression");
    this.next();
    if (c !== 0n) this.noeval++;
    const b = this.conditional();
    if (c !== 0n) this.noeval--;
    return c !== 0n ? a : b;
  }

  private static readonly LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private binaryLevel(level: number): bigint {
    if (level >= Evaluator.LEVELS.length) return this.power();
    const ops = Evaluator.LEVELS[level] as string[];
    let v = this.binaryLevel(level + 1);
    while (this.tok.k === 'op' && ops.includes(this.tok.text)) {
      const op = this.tok.text;
      this.next();
      if (op === '&&' || op === '||') {
        const skip = op === '&&' ? v === 0n : v !== 0n;
        if (skip) this.noeval++;
        const r = this.binaryLevel(level + 1);
        if (skip) this.noeval--;
        v = skip ? (op === '||' ? 1n : 0n) : r !== 0n ? 1n : 0n;
        continue;
      }
      // A division by 0 names the divisor as written (bash's stp).
      const operandAt = this.tok.at;
      const r = this.binaryLevel(level + 1);
      if ((op === '/' || op === '%') && r === 0n && !this.noeval) {
        this.last = operandAt;
        this.fail('division by 0');
      }
      v = this.noeval ? 0n : this.binary(op, v, r);
    }
    return v;
  }

  private binary(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) this.fail('division by 0');
        // INTMAX_MIN / -1 overflows in C; bash answers INTMAX_MIN and 0.
        if (a === -(2n ** 63n) && b === -1n) return op === '/' ? a : 0n;
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) this.fail('exponent less than 0');
        return this.pow(a, b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return wrap(a & b);
      case '^': return wrap(a ^ b);
      case '|': return wrap(a | b);
    }
    return this.fail('syntax error: invalid arithmetic operator');
  }

  /** Exponentiation by squaring, wrapping at 64 bits. */
  private pow(a: bigint, b: bigint): bigint {
    let r = 1n;
    let base = wrap(a);
    let e = b;
    while (e > 0n) {
      if (e & 1n) r = wrap(r * base);
      base = wrap(base * base);
      e >>= 1n;
    }
    return r;
  }

  private power(): bigint {
    const base = this.unary();
    if (!this.is('**')) return base;
    this.next();
    const exp = this.power();
    return this.noeval ? 0n : this.binary('**', base, exp);
  }

  private unary(): bigint {
    if (this.is('!', '~', '-', '+')) {
      const op = this.tok.text;
      this.next();
      const v = this.unary();
      return op === '!' ? (v === 0n ? 1n : 0n) : op === '~' ? wrap(~v) : op === '-' ? wrap(-v) : v;
    }
    if (this.is('++', '--')) {
      const op = this.tok.text;
      this.next();
      if (this.tok.k !== 'id') this.fail('syntax error: operand expected');
      const name = this.tok.text;
      this.next();
      if (this.noeval) return 0n;
      const v = wrap(this.variable(name) + (op === '++' ? 1n : -1n));
      this.vars.set(name, String(v));
      return v;
    }
    return this.primary();
  }

  private primary(): bigint {
    const t = this.tok;
    if (t.k === 'op' && t.text === '(') {
      if (++this.depth > MAX_DEPTH) this.fail('expression recursion level exceeded');
      this.next();
      const v = this.comma();
      if (!this.is(')')) this.fail("missing `)'");
      this.depth--;
      this.next();
      return v;
    }
    if (t.k === 'num') {
      this.next();
      return this.number(t.text);
    }
    if (t.k === 'id') {
      this.next();
      if (this.is('++', '--')) {
        const op = this.tok.text;
        this.next();
        if (this.noeval) return 0n;
        const v = this.variable(t.text);
        this.vars.set(t.text, String(wrap(v + (op === '++' ? 1n : -1n))));
        return v;
      }
      return this.noeval ? 0n : this.variable(t.text);
    }
    return this.fail('syntax error: operand expected');
  }

  /** A variable's value: empty or unset is 0, otherwise its text evaluated as an expression. */
  private variable(name: string): bigint {
    const text = this.vars.get(name);
    if (text === undefined || text.trim() === '') return 0n;
    if (/^-?[0-9]+$/.test(text.trim()) && !/^-?0[0-9]/.test(text.trim())) return wrap(BigInt(text.trim()));
    return evaluate(text, this.vars, this.depth + 1);
  }

  /** A constant: decimal, 0octal, 0xhex or BASE#digits (bash's strlong). */
  private number(text: string): bigint {
    let base = 10n;
    let digits = text;
    if (text.includes('#')) {
      const [b, d] = [text.slice(0, text.indexOf('#')), text.slice(text.indexOf('#') + 1)];
      const n = /^[0-9]+$/.test(b) ? Number(b) : NaN;
      if (!(n >= 2 && n <= 64)) this.fail('invalid arithmetic base');
      base = BigInt(n);
      digits = d;
      if (digits === '') this.fail('invalid integer constant');
    } else if (/^0[xX]/.test(text)) {
      base = 16n;
      digits = text.slice(2);
    } else if (text.length > 1 && text[0] === '0') {
      base = 8n;
      digits = text.slice(1);
    }
    let v = 0n;
    for (const c of digits) {
      let d: number;
      if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
      else if (c >= 'a' && c <= 'z') d = c.charCodeAt(0) - 97 + 10;
      else if (c >= 'A' && c <= 'Z') d = c.charCodeAt(0) - 65 + (base <= 36n ? 10 : 36);
      else if (c === '@') d = 62;
      else if (c === '_') d = 63;
      else return this.fail('invalid number');
      if (BigInt(d) >= base) this.fail('value too great for base');
      v = wrap(v * base + BigInt(d));
    }
    return v;
  }
}

/** Evaluates an arithmetic expression (already expanded). Throws ArithError with bash's message. */
export function evaluate(expr: string, vars: ArithVars, depth = 0): bigint {
  return new Evaluator(expr.replace(/^[ \t\n]+/, ''), vars, depth).run();
}
