/**
 * How the API server reads request bytes as JSON: encoding/json's checkValid
 * scanner with its SyntaxError texts (`invalid character 's' looking for
 * beginning of object key string`, `unexpected end of JSON input`), then the
 * value itself, noting the first number literal a float64 cannot hold (Go
 * fails on it where JavaScript would give Infinity).
 * Behaviour of Go 1.23 encoding/json scanner.go (as forked by sigs.k8s.io/json).
 */
import { goQuote } from '../gofmt';

export interface ParsedJson {
  value: unknown;
  /** The first number literal (in document order) that overflows float64, e.g. `1e309`. */
  overflow: string | undefined;
  /** Strict errors for keys repeated in one object (`duplicate field "spec.replicas"`), in document order. */
  duplicates: string[];
}

/** Parses request bytes; throws GoJsonSyntaxError with Go's message. */
export class GoJsonSyntaxError extends Error {}

const MAX_DEPTH = 10000;
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** quoteChar: how the scanner names a byte (`'x'`, `'\''`, `'"'`, `'\n'`). */
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return `'"'`;
  const ch = String.fromCharCode(byte);
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\' };
  if (named[ch]) return `'${named[ch]}'`;
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, '0')}'`;
  if (byte >= 0x80 && byte < 0xa0) return `'\\u00${byte.toString(16).padStart(2, '0')}'`;
  return `'${ch}'`;
}

/** The UTF-8 bytes of `s`, one char per byte (Go's scanner reads bytes). */
function bytesOf(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/** Checks `text` as Go's checkValid does; returns the SyntaxError message or undefined. */
export function goJsonSyntax(text: string): string | undefined {
  const b = bytesOf(text);
  let i = 0;
  const stack: ('key' | 'value' | 'array')[] = [];
  const bad = (ctx: string) => `invalid character ${quoteChar(b.charCodeAt(i))} ${ctx}`;
  const EOF = 'unexpected end of JSON input';
  // At the end of input the scanner is fed a space: where a space is wrong, that is the error.
  const atEnd = (ctx: string) => `invalid character ' ' ${ctx}`;
  const skip = () => {
    while (isSpace(b[i])) i++;
  };
  // Returns an error message, or undefined after consuming one value.
  const value = (emptyClose?: string): string | undefined => {
    skip();
    if (i >= b.length) return EOF;
    const c = b[i] as string;
    if (emptyClose && c === emptyClose) return 'empty';
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) return 'exceeded max depth';
      i++;
      if (c === '{') {
        stack.push('key');
        skip();
        if (b[i] === '}') {
          i++;
          stack.pop();
          return undefined;
        }
        for (;;) {
          skip();
          if (i >= b.length) return EOF;
          if (b[i] !== '"') return bad('looking for beginning of object key string');
          const e = str();
          if (e) return e;
          skip();
          if (i >= b.length) return EOF;
          if (b[i] !== ':') return bad('after object key');
          i++;
          const ve = value();
          if (ve) return ve;
          skip();
          if (i >= b.length) return EOF;
          if (b[i] === ',') {
            i++;
            continue;
          }
          if (b[i] === '}') {
            i++;
            stack.pop();
            return undefined;
          }
          return bad('after object key:value pair');
        }
      }
      stack.push('array');
      const first = value(']');
      if (first === 'empty') {
        i++;
        stack.pop();
        return undefined;
      }
      if (first) return first;
      for (;;) {
        skip();
        if (i >= b.length) return EOF;
        if (b[i] === ',') {
          i++;
          const e = value();
          if (e) return e;
          continue;
        }
        if (b[i] === ']') {
          i++;
          stack.pop();
          return undefined;
        }
        return bad('after array element');
      }
    }
    if (c === '"') return str();
    if (c === '-' || isDigit(c)) return num();
    for (const lit of ['true', 'false', 'null']) {
      if (c !== lit[0]) continue;
      i++;
      for (let k = 1; k < lit.length; k++, i++) {
        if (i >= b.length) return atEnd(`in literal ${lit} (expecting ${quoteChar(lit.charCodeAt(k))})`);
        if (b[i] !== lit[k]) return bad(`in literal ${lit} (expecting ${quoteChar(lit.charCodeAt(k))})`);
      }
      return undefined;
    }
    return bad('looking for beginning of value');
  };
  const str = (): string | undefined => {
    i++;
    for (;;) {
      if (i >= b.length) return EOF;
      const c = b.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return bad('in string literal');
      if (c === 0x5c) {
        i++;
        if (i >= b.length) return atEnd('in string escape code');
        const e = b[i] as string;
        if ('bfnrt\\/"'.includes(e)) {
          i++;
          continue;
        }
        if (e !== 'u') return bad('in string escape code');
        i++;
        for (let k = 0; k < 4; k++, i++) {
          if (i >= b.length) return atEnd('in \\u hexadecimal character escape');
          if (!isHex(b[i])) return bad('in \\u hexadecimal character escape');
        }
        continue;
      }
      i++;
    }
  };
  const num = (): string | undefined => {
    if (b[i] === '-') {
      i++;
      if (i >= b.length) return atEnd('in numeric literal');
      if (!isDigit(b[i])) return bad('in numeric literal');
    }
    if (b[i] === '0') i++;
    else while (isDigit(b[i])) i++;
    if (b[i] === '.') {
      i++;
      if (i >= b.length) return atEnd('after decimal point in numeric literal');
      if (!isDigit(b[i])) return bad('after decimal point in numeric literal');
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 'e' || b[i] === 'E') {
      i++;
      if (b[i] === '+' || b[i] === '-') i++;
      if (i >= b.length) return atEnd('in exponent of numeric literal');
      if (!isDigit(b[i])) return bad('in exponent of numeric literal');
      while (isDigit(b[i])) i++;
    }
    return undefined;
  };
  const err = value();
  if (err) return err;
  skip();
  if (i < b.length) return bad('after top-level value');
  return undefined;
}

/**
 * Parses request bytes as the server would: throws GoJsonSyntaxError with
 * Go's message for malformed JSON, else returns the value and the first
 * number literal that overflows float64.
 */
export function parseRequestJson(text: string): ParsedJson {
  const syntax = goJsonSyntax(text);
  if (syntax !== undefined) throw new GoJsonSyntaxError(syntax);
  let overflow: string | undefined;
  const re = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;
  for (let m = re.exec(text); m && overflow === undefined; m = re.exec(text)) {
    if (m[0][0] !== '"' && !Number.isFinite(Number(m[0]))) overflow = m[0];
  }
  return { value: JSON.parse(text) as unknown, overflow, duplicates: duplicateFields(text) };
}

/**
 * sigs.k8s.io/json's DisallowDuplicateFields over syntactically valid JSON:
 * each key seen twice in one object, with its path (`spec.replicas`,
 * `[0].value.a`), once, at most 100.
 */
function duplicateFields(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  let i = 0;
  const ws = () => {
    while (isSpace(text[i])) i++;
  };
  const token = (): string => {
    const start = i;
    if (text[i] === '"') {
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else while (i < text.length && !',:]} \t\r\n'.includes(text[i] as string)) i++;
    return text.slice(start, i);
  };
  const value = (path: string): void => {
    ws();
    if (text[i] === '{') {
      i++;
      const keys = new Set<string>();
      ws();
      while (text[i] !== '}') {
        ws();
        const key = JSON.parse(token()) as string;
        const sub = path ? `${path}.${key}` : key;
        if (keys.has(key)) {
          const msg = `duplicate field ${goQuote(sub)}`;
          if (!seen.has(msg) && out.length < 100) {
            seen.add(msg);
            out.push(msg);
          }
        }
        keys.add(key);
        ws();
        i++; // ':'
        value(sub);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (text[i] === '[') {
      i++;
      ws();
      for (let n = 0; text[i] !== ']'; n++) {
        value(`${path}[${n}]`);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else token();
  };
  value('');
  return out;
}
