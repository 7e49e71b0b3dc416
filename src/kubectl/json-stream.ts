/**
 * A `-f` file that starts with `{` is a stream of JSON values, read one after
 * another as encoding/json's Decoder reads them (kubectl's YAMLOrJSONDecoder
 * sniffs the first non-space byte). Each value is handed on as its own text;
 * reading stops at the first syntax error, which names the byte offset from
 * the start of the file, counted in UTF-8 bytes and including the bad byte
 * (`json: offset 63: invalid character 'x' looking for beginning of value`).
 * A value cut off by the end of the file is `unexpected EOF`.
 * Behaviour of encoding/json stream.go Decoder.readValue + scanner.go (Go 1.23)
 * under apimachinery util/yaml YAMLOrJSONDecoder (v0.32).
 */
import { utf8Length } from '../lib/utf8';
import { MAX_YAML_NESTING } from '../lib/yaml-depth';

export interface JsonStream {
  /** The values read before reading stopped, as their exact text. */
  values: string[];
  /** The error reading stopped at, as kubectl words it after `error parsing FILE: `. */
  error?: string;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** How Go's scanner names the byte it stopped at (quoteChar over the byte as a rune). */
function quoteChar(text: string, i: number): string {
  const c = text.codePointAt(i) as number;
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v', 0x5c: '\\\\' };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // A non-ASCII character: Go sees its first UTF-8 byte, a rune in U+0080..U+00FF.
  if (c >= 0x80) {
    const lead = c < 0x800 ? 0xc0 | (c >> 6) : c < 0x10000 ? 0xe0 | (c >> 12) : 0xf0 | (c >> 18);
    return lead === 0xad ? "'\\u00ad'" : `'${String.fromCharCode(lead)}'`;
  }
  return `'${String.fromCharCode(c)}'`;
}

/** Reads the JSON values of `text` (which starts, after spaces, with `{`). */
export function readJsonStream(text: string, maxDepth = MAX_YAML_NESTING): JsonStream {
  const values: string[] = [];
  const n = text.length;
  let i = 0;
  const fail = (at: number, context: string): JsonStream => ({
    values,
    error: at >= n ? 'unexpected EOF' : `json: offset ${utf8Length(text.slice(0, at)) + 1}: invalid character ${quoteChar(text, at)} ${context}`,
  });
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) return { values };
    const start = i;
    // One value, iteratively: a stack of open collections, each 'o' (object) or 'a' (array).
    const stack: ('o' | 'a')[] = [];
    let expect: 'value' | 'key' | 'firstKey' | 'firstValue' = 'value';
    for (;;) {
      if (expect === 'value' || expect === 'firstValue') {
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (i >= n) return fail(i, '');
        const c = text.charCodeAt(i);
        if (expect === 'firstValue' && c === 0x5d) {
          i++;
          stack.pop();
        } else if (c === 0x7b || c === 0x5b) {
          if (stack.length >= maxDepth) return fail(i, 'exceeded max depth');
          stack.push(c === 0x7b ? 'o' : 'a');
          i++;
          expect = c === 0x7b ? 'firstKey' : 'firstValue';
          continue;
        } else if (c === 0x22) {
          const e = scanString();
          if (e) return e;
        } else if (c === 0x2d || isDigit(c)) {
          const e = scanNumber();
          if (e) return e;
        } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
          const lit = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
          i++;
          for (let k = 1; k < lit.length; k++, i++) {
            if (i >= n || text[i] !== lit[k]) return fail(i, `in literal ${lit} (expecting '${lit[k]}')`);
          }
        } else return fail(i, 'looking for beginning of value');
      } else {
        // A key (or the end of an empty object).
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (i >= n) return fail(i, '');
        if (expect === 'firstKey' && text.charCodeAt(i) === 0x7d) {
          i++;
          stack.pop();
        } else {
          if (text.charCodeAt(i) !== 0x22) return fail(i, 'looking for beginning of object key string');
          const e = scanString();
          if (e) return e;
          while (i < n && isSpace(text.charCodeAt(i))) i++;
          if (i >= n) return fail(i, '');
          if (text.charCodeAt(i) !== 0x3a) return fail(i, 'after object key');
          i++;
          expect = 'value';
          continue;
        }
      }
      // A value is complete: close what it completes.
      let done = false;
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          done = true;
          break;
        }
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (i >= n) return fail(i, '');
        const c = text.charCodeAt(i);
        if (c === 0x2c) {
          i++;
          expect = top === 'o' ? 'key' : 'value';
          break;
        }
        if ((top === 'o' && c === 0x7d) || (top === 'a' && c === 0x5d)) {
          i++;
          stack.pop();
          continue;
        }
        return fail(i, top === 'o' ? 'after object key:value pair' : 'after array element');
      }
      if (done) break;
    }
    values.push(text.slice(start, i));
  }

  function scanString(): JsonStream | undefined {
    i++;
    for (;;) {
      if (i >= n) return fail(i, '');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail(i, 'in string literal');
      if (c === 0x5c) {
        i++;
        if (i >= n) return fail(i, '');
        const e = text[i] as string;
        if ('bfnrt\\/"'.includes(e)) {
          i++;
          continue;
        }
        if (e !== 'u') return fail(i, 'in string escape code');
        i++;
        for (let k = 0; k < 4; k++, i++) {
          if (i >= n) return fail(i, '');
          if (!isHex(text.charCodeAt(i))) return fail(i, 'in \\u hexadecimal character escape');
        }
        continue;
      }
      i++;
    }
  }

  function scanNumber(): JsonStream | undefined {
    if (text.charCodeAt(i) === 0x2d) {
      i++;
      if (i >= n) return fail(i, '');
      if (!isDigit(text.charCodeAt(i))) return fail(i, 'in numeric literal');
    }
    if (text.charCodeAt(i) === 0x30) i++;
    else while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (i >= n) return fail(i, '');
      if (!isDigit(text.charCodeAt(i))) return fail(i, 'after decimal point in numeric literal');
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = text.charCodeAt(i);
      if (s === 0x2b || s === 0x2d) i++;
      if (i >= n) return fail(i, '');
      if (!isDigit(text.charCodeAt(i))) return fail(i, 'in exponent of numeric literal');
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    return undefined;
  }
}
