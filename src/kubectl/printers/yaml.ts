/**
 * `kubectl get -o yaml` and `-o json` text for an object.
 *
 * kubectl's YAML printer marshals the object to JSON (Go encoding/json) and
 * converts that with sigs.k8s.io/yaml, which parses the JSON with its go-yaml
 * v2 fork into generic maps and re-emits it. So the output has the quirks of
 * that round trip: keys in go-yaml's "natural" order (digit runs compare
 * numerically, non-letters before letters), numbers re-resolved (1234567.5 →
 * 1.2345675e+06), strings quoted only when go-yaml would read them back as
 * something else (`"80"`, `"true"`, `"2024-01-15T10:00:00Z"`), `'…'` when a
 * plain scalar is not allowed, `"…"` with escapes for special characters,
 * `|`-literals for multi-line text, folding at 80 columns, sequences not
 * indented under their key. The emitter below is a port of go-yaml v2's
 * emitterc.go state machine (indent/column/whitespace bookkeeping included),
 * because its quirks (for example the width-80 folding or `? ` complex keys for
 * long or multi-line keys) fall out of that bookkeeping.
 *
 * The JSON printer is json.MarshalIndent(obj, "", "    ") of the unstructured
 * object: keys sorted by byte order, `<`, `>`, `&`, U+2028/9 escaped, and a
 * trailing newline.
 */
// Behaviour of staging/src/k8s.io/cli-runtime/pkg/printers/{yaml,json}.go with sigs.k8s.io/yaml/goyaml.v2 (emitterc.go, encode.go, resolve.go, sorter.go) and Go encoding/json
import { goParseInt, goParseUint, underscoreOK, type GoNumError } from '../../lib/goint';
import { goKeys } from '../../lib/order';

/** Raised where kubectl itself would fail to print (for example raw control characters). */
export class KubectlYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlYamlError';
  }
}

// ---------------------------------------------------------------------------
// Numbers

/** strconv.FormatFloat(n, 'g', -1, 64): fmt's %v for float64 and go-yaml's float output. */
export function goFormatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // shortest formatting uses %e when exp < -4 || exp >= 6 (eprec 6)
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  return String(n);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** True when a JS number stands for what Go's unstructured JSON decoding keeps as int64. */
export function isGoInt(n: number): boolean {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return false;
  const b = BigInt(n);
  return b >= INT64_MIN && b <= INT64_MAX;
}

/** A number as the JSON → YAML round trip prints it. */
function yamlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new KubectlYamlError(`json: unsupported value: ${goFormatFloat(n)}`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const s = String(n === 0 ? 0 : n);
    const b = BigInt(s);
    // go-yaml resolves the JSON digits back as int64 or uint64 when they fit
    if (b >= INT64_MIN && b <= UINT64_MAX) return s;
  }
  return goFormatFloat(n);
}

/** A number as Go's encoding/json writes a float64/int64 (JS's shortest form matches it). */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new KubectlYamlError(`json: unsupported value: ${goFormatFloat(n)}`);
  return String(n === 0 ? 0 : n);
}

// ---------------------------------------------------------------------------
// Go encoding/json

const HEX = '0123456789abcdef';

/** A JSON string literal as Go's encoding/json writes it (HTML-safe escaping). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + (s[i + 1] as string);
        i++;
      } else {
        out += '\\ufffd';
      }
      continue;
    }
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      switch (c) {
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        default:
          out += '\\u' + HEX[(c >> 12) & 0xf] + HEX[(c >> 8) & 0xf] + HEX[(c >> 4) & 0xf] + HEX[c & 0xf];
      }
    } else out += s[i];
  }
  return out + '"';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sortedEntries(o: Record<string, unknown>): [string, unknown][] {
  return goKeys(o).map((k) => [k, o[k]]);
}

function jsonScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goJsonNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return goJsonString(v);
  throw new KubectlYamlError(`json: unsupported type: ${typeof v}`);
}

/**
 * json.Marshal (indent === undefined: compact) or json.MarshalIndent(v, "", indent)
 * of JSON-shaped data; object keys are sorted like Go sorts map[string]interface{} keys.
 */
export function goJsonMarshal(v: unknown, indent?: string): string {
  const enc = (x: unknown, depth: number): string => {
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      if (indent === undefined) return '[' + x.map((e) => enc(e, depth + 1)).join(',') + ']';
      const pad = '\n' + indent.repeat(depth + 1);
      return '[' + x.map((e) => pad + enc(e, depth + 1)).join(',') + '\n' + indent.repeat(depth) + ']';
    }
    if (isPlainObject(x)) {
      const entries = sortedEntries(x);
      if (entries.length === 0) return '{}';
      if (indent === undefined) return '{' + entries.map(([k, e]) => goJsonString(k) + ':' + enc(e, depth + 1)).join(',') + '}';
      const pad = '\n' + indent.repeat(depth + 1);
      return (
        '{' +
        entries.map(([k, e]) => pad + goJsonString(k) + ': ' + enc(e, depth + 1)).join(',') +
        '\n' +
        indent.repeat(depth) +
        '}'
      );
    }
    return jsonScalar(x);
  };
  return enc(v, 0);
}

/** Exactly what `kubectl get -o json` prints for the object (4-space indent, sorted keys, final newline). */
export function toKubectlJson(obj: unknown): string {
  return goJsonMarshal(obj, '    ') + '\n';
}

/** The object kubectl prints for several results (`kubectl get pods -o yaml|json`). */
export function listWrapper(items: unknown[]): {
  apiVersion: 'v1';
  items: unknown[];
  kind: 'List';
  metadata: { resourceVersion: string };
} {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

// ---------------------------------------------------------------------------
// go-yaml v2: what the JSON → YAML parse does to strings

/**
 * Go's JSON writes these raw (unescaped); go-yaml's reader then rejects them,
 * so kubectl fails with "yaml: control characters are not allowed".
 */
function isRejectedByYamlReader(c: number): boolean {
  return c === 0x7f || (c >= 0x80 && c <= 0x9f && c !== 0x85) || c === 0xfffe || c === 0xffff;
}

/** The string value go-yaml reads back from the Go JSON of `s` (already checked by checkYamlParse). */
function roundTripString(s: string): string {
  let t = '';
  let hasNel = false;
  for (const ch of s) {
    let c = ch.codePointAt(0) as number;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate: JSON writes \ufffd
    if (c === 0x85) hasNel = true;
    t += String.fromCodePoint(c);
  }
  if (!hasNel) return t;
  // A raw NEL inside a double-quoted YAML scalar is a line break: line folding
  // drops the spaces around it and turns one break into a space, n breaks into n-1 newlines.
  return t.replace(/ *\u0085(?: *\u0085)* */g, (m) => {
    const breaks = m.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/**
 * Fails where go-yaml cannot parse the Go JSON text of `v` (JSON order):
 * raw control characters the reader rejects, and flow-mapping keys that cannot
 * be simple keys because they span lines (a raw NEL is a YAML line break) or
 * run over 1024 characters. Errors carry go-yaml's line number (0-based count
 * of line breaks before the offending `:`).
 */
function checkYamlParse(root: unknown): void {
  let lines = 0;
  const scan = (s: string): number => {
    let nels = 0;
    for (const ch of s) {
      let c = ch.codePointAt(0) as number;
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (isRejectedByYamlReader(c)) throw new KubectlYamlError('yaml: control characters are not allowed');
      if (c === 0x85) nels++;
    }
    return nels;
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') lines += scan(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) {
      const mappingLine = lines;
      for (const [k, val] of sortedEntries(v)) {
        const nels = scan(k);
        lines += nels;
        if (nels > 0 || Array.from(goJsonString(k)).length > 1024) {
          const line = lines !== 0 ? lines : mappingLine;
          throw new KubectlYamlError(`yaml: ${line !== 0 ? `line ${line}: ` : ''}did not find expected ',' or '}'`);
        }
        walk(val);
      }
    }
  };
  walk(root);
}

// ---------------------------------------------------------------------------
// go-yaml v2 resolve.go: would this plain text be read back as a non-string?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** strconv.ParseFloat(s, 64) succeeds, for decimal (non-hex, non-inf/nan) text. */
function goParseDecimalFloatOk(s: string): boolean {
  if (!/^[+-]?(?:[0-9_]*\.?[0-9_]*)(?:[eE][+-]?[0-9][0-9_]*)?$/.test(s)) return false;
  const mant = s.replace(/^[+-]/, '').split(/[eE]/)[0] as string;
  if (!/[0-9]/.test(mant)) return false;
  if (s.includes('_') && !underscoreOK(s)) return false;
  return Number.isFinite(Number(s.replace(/_/g, '')));
}

function floatOk(s: string): boolean {
  return YAML_STYLE_FLOAT.test(s) && Number.isFinite(Number(s));
}

// --- Go time.Parse for the timestamp layouts go-yaml tries

type TsTok = 'Y' | 'M' | 'D' | 'h' | 'm' | 's' | 'f' | 'z' | { lit: string };
const TS_LAYOUTS: TsTok[][] = [
  ['Y', { lit: '-' }, 'M', { lit: '-' }, 'D', { lit: 'T' }, 'h', { lit: ':' }, 'm', { lit: ':' }, 's', 'f', 'z'],
  ['Y', { lit: '-' }, 'M', { lit: '-' }, 'D', { lit: 't' }, 'h', { lit: ':' }, 'm', { lit: ':' }, 's', 'f', 'z'],
  ['Y', { lit: '-' }, 'M', { lit: '-' }, 'D', { lit: ' ' }, 'h', { lit: ':' }, 'm', { lit: ':' }, 's', 'f'],
  ['Y', { lit: '-' }, 'M', { lit: '-' }, 'D'],
];

const isAsciiDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

function goTimeParse(layout: TsTok[], value: string): boolean {
  let v = value;
  let year = 0;
  let month = -1;
  let day = -1;
  const getnum = (fixed: boolean): number | undefined => {
    if (!isAsciiDigit(v[0])) return undefined;
    if (!isAsciiDigit(v[1])) {
      if (fixed) return undefined;
      const n = Number(v[0]);
      v = v.slice(1);
      return n;
    }
    const n = Number(v.slice(0, 2));
    v = v.slice(2);
    return n;
  };
  for (const tok of layout) {
    if (typeof tok === 'object') {
      // time.skip: a space in the layout matches any run of spaces
      let p = tok.lit;
      while (p.length > 0) {
        if (p[0] === ' ') {
          if (v.length > 0 && v[0] !== ' ') return false;
          p = p.replace(/^ +/, '');
          v = v.replace(/^ +/, '');
          continue;
        }
        if (v.length === 0 || v[0] !== p[0]) return false;
        p = p.slice(1);
        v = v.slice(1);
      }
      continue;
    }
    switch (tok) {
      case 'Y': {
        if (v.length < 4 || !isAsciiDigit(v[0])) return false;
        const p = v.slice(0, 4);
        if (!/^[0-9]{4}$/.test(p)) return false;
        year = Number(p);
        v = v.slice(4);
        break;
      }
      case 'M': {
        const n = getnum(false);
        if (n === undefined || n <= 0 || n > 12) return false;
        month = n;
        break;
      }
      case 'D': {
        const n = getnum(false);
        if (n === undefined) return false;
        day = n;
        break;
      }
      case 'h': {
        const n = getnum(false);
        if (n === undefined || n >= 24) return false;
        break;
      }
      case 'm': {
        const n = getnum(false);
        if (n === undefined || n >= 60) return false;
        break;
      }
      case 's': {
        const n = getnum(false);
        if (n === undefined || n >= 60) return false;
        break;
      }
      case 'f': {
        // optional fractional seconds: [.,] followed by digits
        if (v.length < 2 || (v[0] !== '.' && v[0] !== ',') || !isAsciiDigit(v[1])) break;
        let i = 1;
        while (isAsciiDigit(v[i])) i++;
        v = v.slice(i);
        break;
      }
      case 'z': {
        if (v[0] === 'Z') {
          v = v.slice(1);
          break;
        }
        if (v.length < 6 || v[3] !== ':') return false;
        const sign = v[0];
        const hh = v.slice(1, 3);
        const mm = v.slice(4, 6);
        if (!/^[0-9]{2}$/.test(hh) || !/^[0-9]{2}$/.test(mm)) return false;
        if (Number(hh) > 24 || Number(mm) > 60) return false;
        if (sign !== '+' && sign !== '-') return false;
        v = v.slice(6);
        break;
      }
    }
  }
  if (v.length > 0) return false;
  return day >= 1 && day <= daysIn(month, year);
}

function parseTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && isAsciiDigit(s[i])) i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  return TS_LAYOUTS.some((l) => goTimeParse(l, s));
}

/** resolve("", s) returns a tag other than !!str. */
function resolvesToNonString(s: string): boolean {
  if (s === '') return true;
  const c = s[0] as string;
  let hint: 'S' | 'D' | 'M' | '.' | '' = '';
  if (c === '+' || c === '-') hint = 'S';
  else if (c >= '0' && c <= '9') hint = 'D';
  else if ('yYnNtTfFoO~'.includes(c)) hint = 'M';
  else if (c === '.') hint = '.';
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === 'M') return false;
  if (hint === '.') return goParseDecimalFloatOk(s);
  if (parseTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  const ok = (r: bigint | GoNumError) => typeof r === 'bigint';
  if (ok(goParseInt(plain, 0))) return true;
  if (ok(goParseUint(plain, 0))) return true;
  if (floatOk(plain)) return true;
  if (plain.startsWith('0b')) {
    const body = plain.slice(2);
    if (ok(goParseInt(body, 2)) || ok(goParseUint(body, 2))) return true;
  } else if (plain.startsWith('-0b')) {
    if (ok(goParseInt('-' + plain.slice(3), 2))) return true;
  }
  // (newer go-yaml forks also try big.Int here; the one in kubectl 1.32 does not)
  return false;
}

function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0] as string;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------
// go-yaml v2 sorter.go: map key order

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as string;
    const y = br[i] as string;
    if (x === y) continue;
    const al = LETTER.test(x);
    const bl = LETTER.test(y);
    if (al && bl) return (x.codePointAt(0) as number) < (y.codePointAt(0) as number);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && DIGIT.test(ar[ai] as string); ai++) {
      an = BigInt.asIntN(64, an * 10n + BigInt(((ar[ai] as string).codePointAt(0) as number) - 48));
    }
    let bi = i;
    for (; bi < br.length && DIGIT.test(br[bi] as string); bi++) {
      bn = BigInt.asIntN(64, bn * 10n + BigInt(((br[bi] as string).codePointAt(0) as number) - 48));
    }
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (x.codePointAt(0) as number) < (y.codePointAt(0) as number);
  }
  return ar.length < br.length;
}

/** Sorts keys the way go-yaml v2 orders map keys when marshalling. */
export function sortYamlKeys(keys: string[]): string[] {
  return [...keys].sort((p, q) => (yamlKeyLess(p, q) ? -1 : yamlKeyLess(q, p) ? 1 : 0));
}

// ---------------------------------------------------------------------------
// go-yaml v2 emitter

type RequestedStyle = 'plain' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

type YNode =
  | { t: 'scalar'; cps: number[]; bytes: number; style: RequestedStyle; a: Analysis }
  | { t: 'seq'; items: YNode[] }
  | { t: 'map'; pairs: [YNode, YNode][] };

const isSpace = (c: number | undefined): boolean => c === 0x20;
const isBreak = (c: number | undefined): boolean =>
  c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number | undefined): boolean => c === 0x20 || c === 0x09;
const isBlankz = (c: number | undefined): boolean => isBlank(c) || isBreak(c) || c === 0;
const isPrintable = (c: number): boolean =>
  c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

function utf8Len(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** yaml_emitter_analyze_scalar. */
function analyzeScalar(v: number[]): Analysis {
  if (v.length === 0) {
    return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;

  if (
    v.length >= 3 &&
    ((v[0] === 0x2d && v[1] === 0x2d && v[2] === 0x2d) || (v[0] === 0x2e && v[1] === 0x2e && v[2] === 0x2e))
  ) {
    blockIndicators = true;
    flowIndicators = true;
  }
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as number;
    const followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '-') {
        if (followedByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
    } else {
      if (',?[]{}'.includes(ch)) {
        flowIndicators = true;
      } else if (ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '#') {
        if (precededByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
    }
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === v.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === v.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
    a.block = false;
  }
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

function scalarNode(text: string, style: RequestedStyle): YNode {
  const cps = Array.from(text, (ch) => ch.codePointAt(0) as number);
  let bytes = 0;
  for (const c of cps) bytes += utf8Len(c);
  return { t: 'scalar', cps, bytes, style, a: analyzeScalar(cps) };
}

/** encode.go stringv: the style go-yaml asks for before the emitter's own checks. */
function stringNode(raw: string): YNode {
  const s = roundTripString(raw);
  let style: RequestedStyle;
  if (s.includes('\n')) style = 'literal';
  else if (!resolvesToNonString(s) && !isBase60Float(s)) style = 'plain';
  else style = 'double';
  return scalarNode(s, style);
}

function toNode(v: unknown): YNode {
  if (v === null || v === undefined) return scalarNode('null', 'plain');
  if (typeof v === 'boolean') return scalarNode(v ? 'true' : 'false', 'plain');
  if (typeof v === 'number') return scalarNode(yamlNumber(v), 'plain');
  if (typeof v === 'bigint') return scalarNode(v.toString(), 'plain');
  if (typeof v === 'string') return stringNode(v);
  if (Array.isArray(v)) return { t: 'seq', items: v.map(toNode) };
  if (isPlainObject(v)) {
    const pairs: [YNode, YNode][] = [];
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    // keys are compared after the round trip, like go-yaml sees them
    const byRoundTrip = new Map<string, string>();
    for (const k of keys) byRoundTrip.set(roundTripString(k), k);
    for (const rk of sortYamlKeys([...byRoundTrip.keys()])) {
      const k = byRoundTrip.get(rk) as string;
      pairs.push([stringNode(k), toNode(v[k])]);
    }
    return { t: 'map', pairs };
  }
  throw new KubectlYamlError(`json: unsupported type: ${typeof v}`);
}

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;

  // -- low-level output (put, put_break, write, write_break)

  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeCp(c: number): void {
    this.out += String.fromCodePoint(c);
    this.column++;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) {
      this.putBreak();
    } else {
      this.writeCp(c);
      this.column = 0;
    }
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of ind) this.put(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() as number;
  }

  // -- document

  emitDocument(root: YNode): void {
    this.emitNode(root, false, false);
    // document end: finish the last line
    this.writeIndent();
  }

  private emitNode(node: YNode, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (node.t === 'scalar') this.emitScalar(node);
    else if (node.t === 'seq') {
      if (node.items.length === 0) this.emitEmptyFlow('[', ']');
      else this.emitBlockSequence(node.items);
    } else if (node.pairs.length === 0) this.emitEmptyFlow('{', '}');
    else this.emitBlockMapping(node.pairs);
  }

  private emitEmptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(items: YNode[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, false, false);
    }
    this.popIndent();
  }

  private checkSimpleKey(node: YNode): boolean {
    if (node.t === 'scalar') return !node.a.multiline && node.bytes <= 128;
    if (node.t === 'seq') return node.items.length === 0;
    return node.pairs.length === 0;
  }

  private emitBlockMapping(pairs: [YNode, YNode][]): void {
    this.increaseIndent(false, false);
    for (const [key, value] of pairs) {
      this.writeIndent();
      if (this.checkSimpleKey(key)) {
        this.emitNode(key, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(key, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, true, false);
    }
    this.popIndent();
  }

  private selectStyle(node: Extract<YNode, { t: 'scalar' }>): 'plain' | 'single' | 'double' | 'literal' {
    let style: 'plain' | 'single' | 'double' | 'literal' = node.style;
    const a = node.a;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (node.cps.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    return style;
  }

  private emitScalar(node: Extract<YNode, { t: 'scalar' }>): void {
    const style = this.selectStyle(node);
    const allowBreaks = !this.simpleKeyContext;
    this.increaseIndent(true, false);
    switch (style) {
      case 'plain':
        this.writePlain(node.cps, allowBreaks);
        break;
      case 'single':
        this.writeSingleQuoted(node.cps, allowBreaks);
        break;
      case 'double':
        this.writeDoubleQuoted(node.cps, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(node.cps);
        break;
    }
    this.popIndent();
  }

  private writePlain(v: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i] as number;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(v[i + 1])) this.writeIndent();
        else this.writeCp(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(v: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i] as number;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1 && !isSpace(v[i + 1])) {
          this.writeIndent();
        } else this.writeCp(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(v: number[], allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    // go-yaml's is_bom() looks at the start of the value, not at position i:
    // a value starting with U+FEFF gets every character escaped.
    const startsWithBom = v[0] === 0xfeff;
    for (let i = 0; i < v.length; i++) {
      const c = v[i] as number;
      if (!isPrintable(c) || startsWithBom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const named: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r',
          0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        const n = named[c];
        if (n !== undefined) this.put(n);
        else {
          const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter as string);
          const hex = c.toString(16).toUpperCase().padStart(width as number, '0');
          for (const h of hex) this.put(h);
        }
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (isSpace(v[i + 1])) this.put('\\');
        } else this.writeCp(c);
        spaces = true;
      } else {
        this.writeCp(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBlockScalarHints(v: number[]): void {
    if (isSpace(v[0]) || isBreak(v[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    const n = v.length;
    if (n === 0) chomp = '-';
    else if (!isBreak(v[n - 1])) chomp = '-';
    else if (n === 1) chomp = '+';
    else if (isBreak(v[n - 2])) chomp = '+';
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteral(v: number[]): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockScalarHints(v);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** Exactly what `kubectl get -o yaml` prints for the object (throws KubectlYamlError where kubectl fails). */
export function toKubectlYaml(obj: unknown): string {
  checkYamlParse(obj);
  const e = new Emitter();
  e.emitDocument(toNode(obj));
  return e.out;
}
