/**
 * kubectl's JSONPath templates (`-o jsonpath=…`, `--sort-by`, `wait
 * --for=jsonpath=…`, custom-columns cells): a port of client-go's
 * util/jsonpath parser and evaluator as vendored in kubectl 1.32, plus the
 * printer's output and error text.
 *
 * Semantics kept on purpose, even where surprising:
 * - results of one `{…}` are joined by a space; maps/arrays print as compact
 *   Go JSON (`{"app":"nginx"}`, `<` as `\u003c`), nil as `null`, floats with
 *   %v (`1.2345675e+06`);
 * - missing keys give no output unless allowMissingKeys is false (kubectl's
 *   `--allow-missing-template-keys`, default true);
 * - `[?(…)]` compares with text/template rules: int vs float is
 *   "incompatible types for comparison";
 * - `x[a:b]` with a == b ends the whole array step (the 1.32 early return);
 * - `.*`/`..` on a string walk its UTF-8 bytes; map iteration order, random in
 *   Go, is sorted here;
 * - `{range}` over nothing still walks to its `{end}` (1.32's fast-forward).
 * Errors carry kubectl's full text, including the %#v dump of the object.
 */
// Behaviour of staging/src/k8s.io/client-go/util/jsonpath/{parser,jsonpath}.go and staging/src/k8s.io/cli-runtime/pkg/printers/jsonpath.go (v1.32)

import { compareBytes, goKeys } from '../../lib/order';
import { goUtf8Decode, utf8Encode } from '../../lib/utf8';
import { goFormatFloat, goJsonMarshal, isGoInt } from './yaml';

/** An error as kubectl reports it; `message` is what follows "error: " on stderr. */
export class JsonPathError extends Error {
  /** The whole Go error string (kubectl prints "error: " + this, adding "\n" only if missing). */
  readonly goError: string;
  /** Exactly what kubectl writes to stderr. */
  readonly stderr: string;
  constructor(
    goError: string,
    readonly kind: 'parse' | 'execute',
  ) {
    // Strip one trailing newline so that "error: " + message + "\n" is kubectl's stderr.
    super(goError.endsWith('\n') ? goError.slice(0, -1) : goError);
    this.name = 'JsonPathError';
    this.goError = goError;
    this.stderr = 'error: ' + goError + (goError.endsWith('\n') ? '' : '\n');
  }
}

// ---------------------------------------------------------------------------
// Go formatting helpers (fmt %v, %#v, strconv.Quote)

function goIsPrint(c: number): boolean {
  if (c <= 0xff) {
    if (c >= 0x20 && c <= 0x7e) return true;
    if (c >= 0xa1 && c <= 0xff) return c !== 0xad;
    return false;
  }
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(c));
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let c = ch.codePointAt(0) as number;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c === 0x22 || c === 0x5c) {
      out += '\\' + String.fromCodePoint(c);
      continue;
    }
    if (goIsPrint(c)) {
      out += String.fromCodePoint(c);
      continue;
    }
    switch (c) {
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x0b: out += '\\v'; break;
      default:
        if (c < 0x20 || c === 0x7f) out += '\\x' + hex(c, 2);
        else if (c < 0x10000) out += '\\u' + hex(c, 4);
        else out += '\\U' + hex(c, 8);
    }
  }
  return out + '"';
}

/** fmt's %#U of a rune: U+002C ',' */
function goSharpU(c: number): string {
  const u = 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
  return goIsPrint(c) ? `${u} '${String.fromCodePoint(c)}'` : u;
}

class GoFloat {
  constructor(readonly v: number) {}
}
class GoIntLit {
  constructor(readonly v: number) {}
}
class GoUint8 {
  constructor(readonly v: number) {}
}

type Kind = 'nil' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'slice' | 'map';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'int';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoIntLit) return 'int';
  if (v instanceof GoUint8) return 'uint';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

function numOf(v: unknown): number {
  if (v instanceof GoFloat || v instanceof GoIntLit || v instanceof GoUint8) return v.v;
  return Number(v);
}

/** Go type name of a value, as reflect prints it. */
function goTypeName(v: unknown): string {
  if (v instanceof GoIntLit) return 'int';
  if (v instanceof GoUint8) return 'uint8';
  switch (kindOf(v)) {
    case 'bool': return 'bool';
    case 'int': return 'int64';
    case 'float': return 'float64';
    case 'string': return 'string';
    case 'slice': return '[]interface {}';
    case 'map': return 'map[string]interface {}';
    default: return 'interface {}';
  }
}

function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof GoFloat) return goFormatFloat(v.v);
  if (v instanceof GoIntLit || v instanceof GoUint8) return String(v.v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return isGoInt(v) ? String(v === 0 ? 0 : v) : goFormatFloat(v);
  return String(v);
}

/** fmt.Sprint(v) (%v) of JSON-shaped data: map[a:b c:[x y]], <nil>. */
export function goSprint(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'slice':
      return '[' + (v as unknown[]).map(goSprint).join(' ') + ']';
    case 'map': {
      const o = v as Record<string, unknown>;
      return 'map[' + goKeys(o).map((k) => `${k}:${goSprint(o[k])}`).join(' ') + ']';
    }
    default:
      return scalarText(v);
  }
}

/** fmt's %#v of JSON-shaped data as held in map[string]interface{}. */
export function goSharpV(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return 'interface {}(nil)';
    case 'string':
      return goQuote(v as string);
    case 'slice':
      return '[]interface {}{' + (v as unknown[]).map(goSharpV).join(', ') + '}';
    case 'map': {
      const o = v as Record<string, unknown>;
      return 'map[string]interface {}{' + goKeys(o).map((k) => `${goQuote(k)}:${goSharpV(o[k])}`).join(', ') + '}';
    }
    default:
      return scalarText(v);
  }
}

// ---------------------------------------------------------------------------
// Parser

interface ListNode { t: 'list'; nodes: JNode[] }
interface ParamsEntry { value: number; known: boolean; derived: boolean }
type JNode =
  | ListNode
  | { t: 'text'; text: string }
  | { t: 'field'; value: string }
  | { t: 'identifier'; name: string }
  | { t: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: ListNode[] };

class ParseError extends Error {}

const EOF = -1;
const isDigitRune = (r: number): boolean => r >= 0 && /^\p{Nd}$/u.test(String.fromCodePoint(r));
const isLetterRune = (r: number): boolean => r >= 0 && /^\p{L}$/u.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number): boolean => r === 0x5f || isLetterRune(r) || isDigitRune(r);
const isEndOfLine = (r: number): boolean => r === 0x0d || r === 0x0a;
const isTerminator = (r: number): boolean =>
  r === 0x20 || r === 0x09 || isEndOfLine(r) || r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));

const DICT_KEY = /^'([^']*)'$/;
const SLICE_OP = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const FILTER_RE = /^([^!<>=]+)([!<>=]+)(.+?)$/;

/** strconv.Atoi (64-bit). */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const b = BigInt(s);
  if (b > 2n ** 63n - 1n || b < -(2n ** 63n)) return undefined;
  return Number(b);
}

/** strconv.ParseFloat for the digit/dot text parseNumber collects. */
function goParseNumberFloat(s: string): number | undefined {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** The parser's UnquoteExtend: strconv.Unquote that also takes single quotes. */
function unquoteExtend(s: string): string {
  const n = s.length;
  if (n < 2) throw new ParseError('invalid syntax');
  const quote = s[0] as string;
  if (quote !== s[n - 1] || (quote !== '"' && quote !== "'")) throw new ParseError('invalid syntax');
  let body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  const bytes: number[] = [];
  const isOct = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
  while (body.length > 0) {
    const c = body[0] as string;
    if (c === quote) throw new ParseError('invalid syntax');
    if (c !== '\\') {
      const ch = String.fromCodePoint(body.codePointAt(0) as number);
      bytes.push(...utf8Encode(ch));
      body = body.slice(ch.length);
      continue;
    }
    if (body.length <= 1) throw new ParseError('invalid syntax');
    const e = body[1] as string;
    body = body.slice(2);
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };
    if (simple[e] !== undefined) {
      bytes.push(simple[e] as number);
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const digits = body.slice(0, len);
      if (digits.length < len || !/^[0-9a-fA-F]+$/.test(digits)) throw new ParseError('invalid syntax');
      const v = parseInt(digits, 16);
      body = body.slice(len);
      if (e === 'x') bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new ParseError('invalid syntax');
        bytes.push(...utf8Encode(String.fromCodePoint(v)));
      }
    } else if (isOct(e)) {
      if (!isOct(body[0]) || !isOct(body[1])) throw new ParseError('invalid syntax');
      const v = parseInt(e + body.slice(0, 2), 8);
      if (v > 255) throw new ParseError('invalid syntax');
      body = body.slice(2);
      bytes.push(v);
    } else if (e === "'" || e === '"') {
      if (e !== quote) throw new ParseError('invalid syntax');
      bytes.push(e.charCodeAt(0));
    } else throw new ParseError('invalid syntax');
  }
  return goUtf8Decode(bytes);
}

class Parser {
  root: ListNode = { t: 'list', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): ListNode {
    this.input = text;
    this.root = { t: 'list', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText();
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) as number;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private has(prefix: string): boolean {
    return this.input.startsWith(prefix, this.pos);
  }

  private parseText(): void {
    for (;;) {
      if (this.has('{')) {
        if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consumeText() });
        // left delimiter: a new action list
        this.pos += 1;
        this.consumeText();
        const list: ListNode = { t: 'list', nodes: [] };
        this.root.nodes.push(list);
        this.parseInsideAction(list);
        continue;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consumeText() });
  }

  /** Parses an action up to and including its closing '}'. */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      if (this.has('}')) {
        this.pos += 1;
        this.consumeText();
        return;
      }
      if (this.has('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (this.has('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new ParseError('unclosed action');
      if (r === 0x20 || r === 0x40 || r === 0x24) {
        // ' ', '@' (current object) and '$' (root) are skipped
        this.consumeText();
      } else if (r === 0x5b) this.parseArray(cur);
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e) this.parseField(cur);
      else if (r === 0x2b || r === 0x2d || isDigitRune(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new ParseError(`unrecognized character in action: ${goSharpU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last !== undefined && last.t === 'recursive') throw new ParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      const c = this.next();
      if (c !== 0x2e && !isDigitRune(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = goAtoi(value);
    if (i !== undefined) {
      cur.nodes.push({ t: 'int', value: i });
      return;
    }
    const f = goParseNumberFloat(value);
    if (f !== undefined) {
      cur.nodes.push({ t: 'float', value: f });
      return;
    }
    throw new ParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const strs = text.split(',');
    if (strs.length > 1) {
      const union = strs.map((str) => parseAction(`[${str.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return;
    }
    const dict = DICT_KEY.exec(text);
    if (dict) {
      const sub = parseAction(`.${dict[1] as string}`);
      cur.nodes.push(...sub.nodes);
      return;
    }
    const m = SLICE_OP.exec(text);
    if (!m) throw new ParseError(`invalid array index ${text}`);
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      const p = params[i] as ParamsEntry;
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') {
          p.known = false;
        } else {
          const n = goAtoi(v);
          if (n === undefined) throw new ParseError(`array index ${v} is not a number`);
          p.known = true;
          p.value = n;
        }
      } else if (i === 1) {
        p.known = true;
        p.value = params[0].value + 1;
        p.derived = true;
      } else {
        p.known = false;
        p.value = 0;
      }
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29 && begin === end) break;
    }
    if (this.next() !== 0x5d) throw new ParseError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = FILTER_RE.exec(text);
    if (!m) {
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    } else {
      const left = parseAction(m[1] as string);
      const right = parseAction(m[3] as string);
      cur.nodes.push({ t: 'filter', left, right, op: m[2] as string });
    }
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new ParseError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ t: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      // scan to the next unescaped terminator
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', value: value.replace(/\\/g, '') });
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** parseAction: the single action list of `{text}`. */
function parseAction(text: string): ListNode {
  const root = new Parser().parse(`{${text}}`);
  const first = root.nodes[0];
  if (first === undefined || first.t !== 'list') throw new ParseError('unclosed action');
  return first;
}

// ---------------------------------------------------------------------------
// Evaluation

interface Res {
  v: unknown[];
  err?: string;
}

const ERR_BAD_TYPE = 'invalid type for comparison';
const ERR_INCOMPATIBLE = 'incompatible types for comparison';

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: unknown): BasicKind {
  const k = kindOf(v);
  if (k === 'nil' || k === 'slice' || k === 'map') throw new Error(ERR_BAD_TYPE);
  return k;
}

function goEqual(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return numOf(a) >= 0 && numOf(a) === numOf(b);
    if (k1 === 'uint' && k2 === 'int') return numOf(b) >= 0 && numOf(a) === numOf(b);
    throw new Error(ERR_INCOMPATIBLE);
  }
  if (k1 === 'string') return a === b;
  if (k1 === 'bool') return a === b;
  return numOf(a) === numOf(b);
}

function goLess(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return numOf(a) < 0 || numOf(a) < numOf(b);
    if (k1 === 'uint' && k2 === 'int') return numOf(b) >= 0 && numOf(a) < numOf(b);
    throw new Error(ERR_INCOMPATIBLE);
  }
  if (k1 === 'bool') throw new Error(ERR_BAD_TYPE);
  if (k1 === 'string') return compareBytes(a as string, b as string) < 0;
  return numOf(a) < numOf(b);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '<':
      return goLess(a, b);
    case '>':
      return !(goLess(a, b) || goEqual(a, b));
    case '==':
      return goEqual(a, b);
    case '!=':
      return !goEqual(a, b);
    case '<=':
      return goLess(a, b) || goEqual(a, b);
    case '>=':
      return !goLess(a, b);
    default:
      throw new Error(`unrecognized filter operator ${op}`);
  }
}

/** Children of a value for `.*` and `..`: map values (sorted keys), array items, string bytes. */
function childrenOf(v: unknown): unknown[] {
  switch (kindOf(v)) {
    case 'map': {
      const o = v as Record<string, unknown>;
      return goKeys(o).map((k) => o[k]);
    }
    case 'slice':
      return [...(v as unknown[])];
    case 'string':
      return Array.from(utf8Encode(v as string), (b) => new GoUint8(b));
    default:
      return [];
  }
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

class Evaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JNode | undefined;

  constructor(
    private readonly root: ListNode,
    private readonly allowMissingKeys: boolean,
  ) {}

  findResults(data: unknown): unknown[][] {
    const cur: unknown[] = [data];
    const nodes = this.root.nodes;
    const full: unknown[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as JNode;
      const r = this.walk(cur, node);
      if (r.err !== undefined) throw new Error(r.err);
      const results = r.v;
      // an {end}: leave the current block
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      // a {range}: run the rest of the template once per result
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.root.nodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          // still walk the body so that the position advances to its {end}
          this.root.nodes = nodes.slice(i + 1);
          this.findResults(null);
        }
        this.inRange--;
        // resume after the most recent {end}
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: JNode): Res {
    switch (node.t) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return { v: [node.text] };
      case 'field':
        return this.evalField(input, node.value);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return { v: input.map(() => new GoIntLit(node.value)) };
      case 'float':
        return { v: input.map(() => new GoFloat(node.value)) };
      case 'bool':
        return { v: input.map(() => node.value) };
      case 'wildcard':
        return { v: input.flatMap((v) => (kindOf(v) === 'nil' ? [] : childrenOf(v))) };
      case 'recursive':
        return { v: this.evalRecursive(input) };
      case 'union': {
        const out: unknown[] = [];
        for (const l of node.nodes) {
          const r = this.evalList(input, l);
          if (r.err !== undefined) return { v: input, err: r.err };
          out.push(...r.v);
        }
        return { v: out };
      }
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: unknown[], node: ListNode): Res {
    let cur = input;
    for (const n of node.nodes) {
      const r = this.walk(cur, n);
      cur = r.v;
      if (r.err !== undefined) return { v: cur, err: r.err };
    }
    return { v: cur };
  }

  private evalIdentifier(input: unknown[], name: string): Res {
    switch (name) {
      case 'range':
        this.beginRange++;
        return { v: input };
      case 'end':
        if (this.endRange < this.inRange) {
          this.endRange++;
          return { v: [] };
        }
        return { v: [], err: 'not in range, nothing to end' };
      default:
        return { v: input, err: `unrecognized identifier ${name}` };
    }
  }

  private evalField(input: unknown[], key: string): Res {
    const results: unknown[] = [];
    if (input.length === 0) return { v: results };
    for (const value of input) {
      if (kindOf(value) !== 'map') continue;
      const o = value as Record<string, unknown>;
      if (hasOwn(o, key) && o[key] !== undefined) results.push(o[key]);
    }
    if (results.length === 0 && !this.allowMissingKeys) return { v: results, err: `${key} is not found` };
    return { v: results };
  }

  private evalArray(input: unknown[], node: [ParamsEntry, ParamsEntry, ParamsEntry]): Res {
    const result: unknown[] = [];
    for (const value of input) {
      const k = kindOf(value);
      if (k === 'nil') continue;
      if (k !== 'slice') return { v: input, err: `${goTypeName(value)} is not array or slice` };
      const arr = value as unknown[];
      const len = arr.length;
      const p0 = { ...node[0] };
      const p1 = { ...node[1] };
      const p2 = node[2];
      if (!p0.known) p0.value = 0;
      if (p0.value < 0) p0.value += len;
      if (!p1.known) p1.value = len;
      if (p1.value < 0 || (p1.value === 0 && p1.derived)) p1.value += len;
      if (p1.value !== p0.value) {
        if (p0.value >= len || p0.value < 0) {
          return { v: input, err: `array index out of bounds: index ${p0.value}, length ${len}` };
        }
        if (p1.value > len || p1.value < 0) {
          return { v: input, err: `array index out of bounds: index ${p1.value - 1}, length ${len}` };
        }
        if (p0.value > p1.value) {
          return { v: input, err: `starting index ${p0.value} is greater than ending index ${p1.value}` };
        }
      } else {
        // an empty selection ends the whole step (kubectl 1.32 behaviour)
        return { v: result };
      }
      const slice = arr.slice(p0.value, p1.value);
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) return { v: input, err: 'step must be > 0' };
        step = p2.value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return { v: result };
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (kindOf(value) === 'nil') continue;
      const children = childrenOf(value);
      if (children.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(children));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: Extract<JNode, { t: 'filter' }>): Res {
    const results: unknown[] = [];
    for (const value of input) {
      if (kindOf(value) !== 'slice') {
        return { v: input, err: `${goSprint(value)} is not array or slice and cannot be filtered` };
      }
      for (const item of value as unknown[]) {
        const temp = [item];
        const lefts = this.evalList(temp, node.left);
        if (node.op === 'exists') {
          if (lefts.v.length > 0) results.push(item);
          continue;
        }
        if (lefts.err !== undefined) return { v: input, err: lefts.err };
        if (lefts.v.length === 0) continue;
        if (lefts.v.length > 1) return { v: input, err: 'can only compare one element at a time' };
        const rights = this.evalList(temp, node.right);
        if (rights.err !== undefined) return { v: input, err: rights.err };
        if (rights.v.length === 0) continue;
        if (rights.v.length > 1) return { v: input, err: 'can only compare one element at a time' };
        let pass: boolean;
        try {
          pass = compare(node.op, lefts.v[0], rights.v[0]);
        } catch (e) {
          return { v: results, err: (e as Error).message };
        }
        if (pass) results.push(item);
      }
    }
    return { v: results };
  }
}

// ---------------------------------------------------------------------------
// Printer

function resultText(v: unknown): string {
  const k = kindOf(v);
  if (k === 'map' || k === 'slice') return goJsonMarshal(v);
  if (k === 'nil') return 'null';
  return scalarText(v);
}

function plainJson(v: unknown): unknown {
  if (v instanceof GoFloat || v instanceof GoIntLit || v instanceof GoUint8) return v.v;
  return v;
}

export interface JsonPathOptions {
  /** kubectl's --allow-missing-template-keys (default true). */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: every result list printed as an indented JSON array. */
  outputJson?: boolean;
}

/**
 * A parsed template that prints objects like kubectl's JSONPathPrinter. Like
 * kubectl, it keeps the state a `{range}` leaves behind, so reusing one printer
 * (as `kubectl get -w` does) continues after the range on later objects.
 */
export class JsonPathPrinter {
  private readonly root: ListNode;
  private readonly allowMissingKeys: boolean;
  private readonly outputJson: boolean;

  /** Throws JsonPathError with kubectl's "error parsing jsonpath …" text. */
  constructor(
    readonly template: string,
    opts: JsonPathOptions = {},
  ) {
    try {
      this.root = new Parser().parse(template);
    } catch (e) {
      if (e instanceof ParseError) throw new JsonPathError(`error parsing jsonpath ${template}, ${e.message}\n`, 'parse');
      throw e;
    }
    this.allowMissingKeys = opts.allowMissingKeys ?? true;
    this.outputJson = opts.outputJson ?? false;
  }

  /** The template's output for `data`; throws JsonPathError with kubectl's execution error text. */
  print(data: unknown): string {
    let results: unknown[][];
    try {
      results = new Evaluator(this.root, this.allowMissingKeys).findResults(data);
    } catch (e) {
      const msg = (e as Error).message;
      const t = this.template;
      throw new JsonPathError(
        `error executing jsonpath ${goQuote(t)}: Error executing template: ${msg}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${t}\n` +
          `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n\n`,
        'execute',
      );
    }
    let out = '';
    for (const list of results) {
      if (this.outputJson) out += goJsonMarshal(list.map(plainJson), '    ') + '\n';
      else out += list.map(resultText).join(' ');
    }
    return out;
  }
}

/**
 * Evaluates a kubectl JSONPath template against JSON-shaped data and returns the
 * printed text. Throws JsonPathError (kind 'parse' or 'execute') with kubectl's message.
 */
export function evalJsonPath(template: string, data: unknown, opts: JsonPathOptions = {}): string {
  return new JsonPathPrinter(template, opts).print(data);
}

/** The parser's error for a template (client-go's bare message, e.g. "unterminated array"), or undefined. */
export function jsonPathSyntaxError(template: string): string | undefined {
  try {
    new Parser().parse(template);
    return undefined;
  } catch (e) {
    if (e instanceof ParseError) return e.message;
    throw e;
  }
}

/** Raw results per template part, as client-go's FindResults returns them (used by custom-columns). */
export function findJsonPathResults(template: string, data: unknown): unknown[][] {
  let root: ListNode;
  try {
    root = new Parser().parse(template);
  } catch (e) {
    if (e instanceof ParseError) throw new JsonPathError(e.message, 'parse');
    throw e;
  }
  try {
    return new Evaluator(root, true).findResults(data).map((l) => l.map(plainJson));
  } catch (e) {
    throw new JsonPathError((e as Error).message, 'execute');
  }
}
