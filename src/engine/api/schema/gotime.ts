/**
 * Go's `time.Parse` for the two layouts metav1 decodes (RFC3339 for
 * metav1.Time, RFC3339Micro for metav1.MicroTime), with the same acceptance
 * and the same error texts, and the UTC text Go re-encodes them as.
 * Behaviour of the Go 1.23 standard library time/format.go parse (the version
 * Kubernetes v1.32 is built with).
 */
import { utf8Encode } from '../../../lib/utf8';

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

/** A time.Parse failure; `message` is Go's ParseError.Error(). */
export class GoTimeError extends Error {}

/**
 * time package's quote() of a byte string (one char per UTF-8 byte):
 * printable ASCII as is (with \" and \\), every other byte as \xNN.
 */
function timeQuote(bytes: string): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c >= 0x80 || c < 0x20) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += c === 0x22 || c === 0x5c ? `\\${bytes[i]}` : bytes[i];
  }
  return `${out}"`;
}

/** The UTF-8 bytes of `s`, one char each (Go indexes strings by byte). */
function byteString(s: string): string {
  let out = '';
  // Lone surrogates are encoded by Go as U+FFFD.
  for (const b of utf8Encode(s)) out += String.fromCharCode(b);
  return out;
}

/** ParseError.Error() */
function parseError(layout: string, value: string, layoutElem: string, valueElem: string, message: string): GoTimeError {
  if (message === '') return new GoTimeError(`parsing time ${timeQuote(value)} as ${timeQuote(layout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`);
  return new GoTimeError(`parsing time ${timeQuote(value)}${message}`);
}

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** getnum: one or two digits (exactly two when `fixed`). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) {
    if (fixed) return undefined;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

/** Go's atoi as time uses it: optional sign, then decimal digits only. */
function atoi(s: string): number | undefined {
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '' || !/^[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return neg ? -n : n;
}

const daysIn = (month: number, year: number): number => {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
};

type Elem = { lit: string } | { std: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'frac6' | 'tz'; text: string };

const LAYOUTS: Record<string, Elem[]> = {
  [RFC3339]: [
    { std: 'year', text: '2006' }, { lit: '-' }, { std: 'month', text: '01' }, { lit: '-' }, { std: 'day', text: '02' }, { lit: 'T' },
    { std: 'hour', text: '15' }, { lit: ':' }, { std: 'minute', text: '04' }, { lit: ':' }, { std: 'second', text: '05' }, { std: 'tz', text: 'Z07:00' },
  ],
  [RFC3339_MICRO]: [
    { std: 'year', text: '2006' }, { lit: '-' }, { std: 'month', text: '01' }, { lit: '-' }, { std: 'day', text: '02' }, { lit: 'T' },
    { std: 'hour', text: '15' }, { lit: ':' }, { std: 'minute', text: '04' }, { lit: ':' }, { std: 'second', text: '05' }, { std: 'frac6', text: '.000000' },
    { std: 'tz', text: 'Z07:00' },
  ],
};

/** Milliseconds since the epoch (UTC) and the microseconds below them. */
export interface GoTime {
  ms: number;
  micros: number;
}

/**
 * Go's time.Parse(layout, value) for RFC3339 and RFC3339Micro. Throws
 * GoTimeError with Go's message.
 */
export function goParseTime(layout: typeof RFC3339 | typeof RFC3339_MICRO, input: string): GoTime {
  const elems = LAYOUTS[layout] as Elem[];
  const value = byteString(input);
  let rest = value;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  let nsec = 0;
  let offset = 0;
  for (let i = 0; i <= elems.length; i++) {
    // Literal runs are one prefix, as Go's nextStdChunk returns them.
    let prefix = '';
    while (i < elems.length && 'lit' in (elems[i] as Elem)) prefix += (elems[i++] as { lit: string }).lit;
    let k = 0;
    while (k < prefix.length && k < rest.length && rest[k] === prefix[k]) k++;
    if (k < prefix.length) throw parseError(layout, value, prefix, rest.slice(k), '');
    rest = rest.slice(prefix.length);
    if (i === elems.length) {
      if (rest !== '') throw parseError(layout, value, '', rest, `: extra text: ${timeQuote(rest)}`);
      break;
    }
    const e = elems[i] as { std: string; text: string };
    let bad = false;
    let range = '';
    if (e.std === 'year') {
      const ok = rest.length >= 4 && isDigit(rest, 0);
      const y = ok ? atoi(rest.slice(0, 4)) : undefined;
      if (ok) rest = rest.slice(4);
      if (y === undefined) bad = true;
      else year = y;
    } else if (e.std === 'frac6') {
      // stdFracSecond0: exactly the layout's digits after '.' or ','.
      if (rest.length < 7) bad = true;
      else {
        const sep = rest[0];
        const n = atoi(rest.slice(1, 7));
        rest = rest.slice(7);
        if (n === undefined || (sep !== '.' && sep !== ',')) bad = true;
        else if (n < 0) range = 'fractional second';
        else nsec = n * 1000;
      }
    } else if (e.std === 'tz') {
      if (rest[0] === 'Z') rest = rest.slice(1);
      else if (rest.length < 6 || rest[3] !== ':') bad = true;
      else {
        const sign = rest[0];
        const hh = getnum(rest.slice(1, 3), true);
        const mm = hh ? getnum(rest.slice(4, 6), true) : undefined;
        rest = rest.slice(6);
        const hr = hh?.[0] ?? 0;
        const mi = mm?.[0] ?? 0;
        if (!hh || !mm) bad = true;
        // Go tests the ranges with > (offsets of 24h or 60m are written), before the sign.
        if (hr > 24) range = 'time zone offset hour';
        if (mi > 60) range = 'time zone offset minute';
        offset = (hr * 60 + mi) * 60;
        if (sign === '-') offset = -offset;
        else if (sign !== '+') bad = true;
      }
    } else {
      const r = getnum(rest, e.std !== 'hour');
      if (!r) bad = true;
      else {
        const n = r[0];
        rest = r[1];
        if (e.std === 'month') {
          month = n;
          if (n <= 0 || n > 12) range = 'month';
        } else if (e.std === 'day') day = n;
        else if (e.std === 'hour') {
          hour = n;
          if (n >= 24) range = 'hour';
        } else if (e.std === 'minute') {
          minute = n;
          if (n >= 60) range = 'minute';
        } else {
          sec = n;
          if (n >= 60) range = 'second';
          // A fraction the layout does not ask for is still accepted after the seconds.
          else if ((elems[i + 1] as { std?: string } | undefined)?.std !== 'frac6' && rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest, 1)) {
            let n2 = 2;
            while (isDigit(rest, n2)) n2++;
            nsec = nanos(rest, n2);
            rest = rest.slice(n2);
          }
        }
      }
    }
    if (range !== '') throw parseError(layout, value, e.text, rest, `: ${range} out of range`);
    // Go names what is left of the value after the element took its bytes.
    if (bad) throw parseError(layout, value, e.text, rest, '');
  }
  if (day < 1 || day > daysIn(month, year)) throw parseError(layout, value, '', rest, ': day out of range');
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, sec, Math.floor(nsec / 1e6));
  return { ms: d.getTime() - offset * 1000, micros: Math.floor((nsec % 1e6) / 1e3) };
}

/** parseNanoseconds: the digits after the separator, scaled to nanoseconds (at most 9 used). */
function nanos(s: string, n: number): number {
  const digits = s.slice(1, Math.min(n, 10));
  let ns = Number(digits);
  for (let i = digits.length; i < 9; i++) ns *= 10;
  return ns;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** How metav1.Time marshals: UTC, whole seconds (`2024-05-01T10:00:00Z`). */
export function formatRFC3339(t: GoTime): string {
  const d = new Date(t.ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}Z`;
}

/** How metav1.MicroTime marshals: UTC with six fraction digits. */
export function formatRFC3339Micro(t: GoTime): string {
  const micro = (((t.ms % 1000) + 1000) % 1000) * 1000 + t.micros;
  return `${formatRFC3339(t).slice(0, -1)}.${pad(micro, 6)}Z`;
}
