/**
 * Durations: the scenario format's ("30s", "2m", "1m30s", a bare number
 * meaning seconds where `bareSeconds` is set), Go's `time.ParseDuration`
 * (kubectl's duration flags), Go's `Duration.String()`, and the limits on
 * how far the playground moves its virtual clock.
 */
import { utf8Encode } from './utf8';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds (rounded to whole ms), or undefined when `text` is not a duration. May be Infinity for absurdly long digit strings. */
export function parseDuration(text: string, bareSeconds = false): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return bareSeconds || t === '0' ? Math.round(Number(t) * 1000) : undefined;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    total += Number(m[1]) * (UNITS[m[2] as string] as number);
    pos = re.lastIndex;
  }
  return pos === t.length && pos > 0 ? Math.round(total) : undefined;
}

/** Go's time.Duration.String() for whole milliseconds: "5m0s", "1m30s", "500ms", "0s", "-5s". */
export function formatGoDuration(ms: number): string {
  if (ms < 0) return `-${formatGoDuration(-ms)}`;
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const whole = Math.floor((ms % 60_000) / 1000);
  const frac = ms % 1000;
  const sec = frac ? `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s` : `${whole}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

// ---------------------------------------------------------------- Go's time.ParseDuration

const NS_PER: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const TWO_63 = 1n << 63n;

/** Go's time quote(): ASCII printable as is (with `"` and `\` escaped), every other byte as \xNN. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x20 || c >= 0x80) {
      for (const b of utf8Encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return `${out}"`;
}

/**
 * Go's time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with units ns,
 * us (µs, μs), ms, s, m, h, and "0" alone; at most 2^63−1 ns (about
 * 2562047h). Returns nanoseconds, or Go's error text.
 */
// Behaviour of Go src/time/format.go ParseDuration (go1.23, as kubectl 1.32 is built).
export function parseGoDuration(text: string): { ns: bigint } | { error: string } {
  const invalid = { error: `time: invalid duration ${goQuote(text)}` };
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ns: 0n };
  if (s === '') return invalid;
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] as string) >= '0' && (s[0] as string) <= '9')) return invalid;
    const int = /^[0-9]*/.exec(s)?.[0] ?? '';
    s = s.slice(int.length);
    let v = int === '' ? 0n : BigInt(int);
    if (v > TWO_63) return invalid;
    let frac = '';
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      frac = /^[0-9]*/.exec(s)?.[0] ?? '';
      s = s.slice(frac.length);
      post = frac !== '';
    }
    if (int === '' && !post) return invalid;
    const unitText = /^[^0-9.]*/.exec(s)?.[0] ?? '';
    if (unitText === '') return { error: `time: missing unit in duration ${goQuote(text)}` };
    s = s.slice(unitText.length);
    const unit = NS_PER[unitText];
    if (unit === undefined) return { error: `time: unknown unit ${goQuote(unitText)} in duration ${goQuote(text)}` };
    if (v > TWO_63 / unit) return invalid;
    v *= unit;
    // Go keeps the fraction's digits while they fit in 63 bits, then scales them in float64.
    let f = 0n;
    let scale = 1;
    for (const ch of frac) {
      if (f > (TWO_63 - 1n) / 10n) break;
      const y = f * 10n + BigInt(ch);
      if (y > TWO_63) break;
      f = y;
      scale *= 10;
    }
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO_63) return invalid;
    }
    d += v;
    if (d > TWO_63) return invalid;
  }
  if (neg) return { ns: -d };
  if (d > TWO_63 - 1n) return invalid;
  return { ns: d };
}

/** Whole virtual milliseconds for a Go duration: a positive remainder rounds up, so "1ns" is not "0". */
export function goDurationMs(ns: bigint): number {
  const sign = ns < 0n ? -1 : 1;
  const abs = ns < 0n ? -ns : ns;
  return sign * Number((abs + 999_999n) / 1_000_000n);
}

// ---------------------------------------------------------------- limits of the virtual clock

/**
 * SIM: the longest single fast-forward the playground performs (a `sleep`,
 * a `timeout`, a blocking command's `--timeout`, a step of the page's
 * clock): 720h, 30 days. Cost is bounded by what happens, but a watch that
 * prints every change of a crash-looping set still prints per change.
 */
export const MAX_FAST_FORWARD_MS = 720 * 3_600_000;
/** How the limit reads in messages. */
export const MAX_FAST_FORWARD_TEXT = '720h (30 days)';
/** The message for a fast-forward beyond the limit, after the program's name and a colon. */
export const FAST_FORWARD_LIMIT_MESSAGE = `the playground fast-forwards at most ${MAX_FAST_FORWARD_TEXT} at a time`;

/**
 * SIM: the virtual clock stops 100 years (876000h) after the cluster
 * started, far below where timestamps stop being four-digit years.
 */
export const MAX_VIRTUAL_TIME_MS = 876_000 * 3_600_000;
export const END_OF_TIME_MESSAGE = "the playground's clock stops 100 years after the cluster started";
