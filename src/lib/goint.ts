/**
 * Go's strconv.ParseInt(s, 0, bits), which pflag applies to int flags:
 * an optional sign, then decimal, `0x`/`0o`/`0b` prefixes or a leading `0`
 * for octal, `_` between digits, and the range of a `bits`-bit integer.
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

// Behaviour of Go src/strconv/atoi.go underscoreOK.
function underscoreOK(s: string): boolean {
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

/**
 * The value as a BigInt, or the error text pflag prints after `invalid argument "…" for "--x" flag: `.
 */
// Behaviour of Go src/strconv/atoi.go ParseInt / ParseUint with base 0 (go1.23).
export function parseGoInt(text: string, bits = 64): { value: bigint } | { error: string } {
  const syntax = { error: `strconv.ParseInt: parsing ${goStrconvQuote(text)}: invalid syntax` };
  const range = { error: `strconv.ParseInt: parsing ${goStrconvQuote(text)}: value out of range` };
  if (text === '') return syntax;
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const unsigned = s;
  if (s === '') return syntax;
  let base = 10n;
  if (s[0] === '0') {
    const p = (s[1] ?? '').toLowerCase();
    if (s.length >= 3 && p === 'b') [base, s] = [2n, s.slice(2)];
    else if (s.length >= 3 && p === 'o') [base, s] = [8n, s.slice(2)];
    else if (s.length >= 3 && p === 'x') [base, s] = [16n, s.slice(2)];
    else [base, s] = [8n, s.slice(1)];
  }
  const maxUint = (1n << 64n) - 1n;
  const cutoff = maxUint / base + 1n;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    let d: bigint;
    if (c >= '0' && c <= '9') d = BigInt(c.charCodeAt(0) - 48);
    else if (/[a-zA-Z]/.test(c)) d = BigInt(c.toLowerCase().charCodeAt(0) - 97 + 10);
    else return syntax;
    if (d >= base) return syntax;
    if (n >= cutoff) return range;
    n = n * base + d;
    if (n > maxUint) return range;
  }
  if (underscores && !underscoreOK(unsigned)) return syntax;
  const limit = 1n << BigInt(bits - 1);
  if (!neg && n >= limit) return range;
  if (neg && n > limit) return range;
  return { value: neg ? -n : n };
}
