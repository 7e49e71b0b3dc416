/**
 * Go's strconv integer parsing: ParseUint and ParseInt (what go-yaml's
 * resolver tries on a plain scalar), and ParseInt(s, 0, bits) in the words
 * pflag prints for int flags: an optional sign, then decimal, `0x`/`0o`/`0b`
 * prefixes or a leading `0` for octal, `_` between digits, and the range of
 * a `bits`-bit integer.
 */

/** strconv.Quote for the texts flags carry: printable ASCII as is, `"` and `\` escaped, the rest escaped. */
function goStrconvQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

// Behaviour of Go src/strconv/atoi.go underscoreOK: underscores only between digits (or after a base prefix).
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'boxBOX'.includes(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = (s[1] as string).toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Why strconv refuses a number: its ErrSyntax or its ErrRange. */
export type GoNumError = 'syntax' | 'range';

/**
 * strconv.ParseUint(s, base, bits): the value, or why it fails. Base 0 reads
 * a `0b`/`0o`/`0x` or `0` prefix and allows `_` between digits.
 */
// Behaviour of Go src/strconv/atoi.go ParseUint (go1.23).
export function goParseUint(s: string, base: number, bits = 64): bigint | GoNumError {
  if (s === '') return 'syntax';
  const s0 = s;
  const base0 = base === 0;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      const p = (s[1] ?? '').toLowerCase();
      if (s.length >= 3 && p === 'b') [base, s] = [2, s.slice(2)];
      else if (s.length >= 3 && p === 'o') [base, s] = [8, s.slice(2)];
      else if (s.length >= 3 && p === 'x') [base, s] = [16, s.slice(2)];
      else [base, s] = [8, s.slice(1)];
    }
  }
  const b = BigInt(base);
  const maxVal = (1n << BigInt(bits)) - 1n;
  const cutoff = ((1n << 64n) - 1n) / b + 1n;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_' && base0) {
      underscores = true;
      continue;
    }
    let d: number;
    if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) d = (c.charCodeAt(0) | 0x20) - 97 + 10;
    else return 'syntax';
    if (d >= base) return 'syntax';
    if (n >= cutoff) return 'range';
    n = n * b + BigInt(d);
    if (n > maxVal) return 'range';
  }
  if (underscores && !underscoreOK(s0)) return 'syntax';
  return n;
}

/** strconv.ParseInt(s, base, bits): an optional sign, then what goParseUint reads, within a `bits`-bit integer. */
// Behaviour of Go src/strconv/atoi.go ParseInt (go1.23).
export function goParseInt(s: string, base: number, bits = 64): bigint | GoNumError {
  if (s === '') return 'syntax';
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const un = goParseUint(s, base, bits);
  if (un === 'syntax') return un;
  const cutoff = 1n << BigInt(bits - 1);
  if (un === 'range' || (!neg && un >= cutoff) || (neg && un > cutoff)) return 'range';
  return neg ? -un : un;
}

/**
 * The value as a BigInt, or the error text pflag prints after `invalid argument "…" for "--x" flag: `.
 */
export function parseGoInt(text: string, bits = 64): { value: bigint } | { error: string } {
  const r = goParseInt(text, 0, bits);
  if (typeof r === 'bigint') return { value: r };
  return { error: `strconv.ParseInt: parsing ${goStrconvQuote(text)}: ${r === 'syntax' ? 'invalid syntax' : 'value out of range'}` };
}
