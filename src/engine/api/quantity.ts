/**
 * Kubernetes resource quantities ("1Gi", "500Mi", "2G", "1.5Gi", "100m",
 * "1e3"), ported from apimachinery's pkg/api/resource (v1.32).
 *
 * Values are held exactly as a BigInt count of nano-units (value × 10^9), so
 * comparisons and canonical forms are exact; `quantityValue` gives a plain
 * number (bytes for storage) for arithmetic. The API server stores every
 * quantity in canonical form (`1024Mi` is stored and printed as `1Gi`,
 * `0.5` as `500m`), which `canonicalQuantity` / `formatQuantity` produce.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** value × 10^9, rounded up (away from zero for negatives, like upstream's RoundUp) to nano precision. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /**
   * The input text when upstream keeps it: ParseQuantity caches the string it
   * was given when it is "already canonical" (e.g. "1E3", "+1Gi", "100m",
   * "1536"), and that string is what the API server stores and prints.
   */
  readonly text?: string;
}

/** The apiserver's decode error for a malformed quantity (resource.ErrFormatWrong). */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** resource.ErrSuffix */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const BIN_SUFFIX: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([s, e]) => [e, s]));
const BIN_BY_EXP = new Map(Object.entries(BIN_SUFFIX).map(([s, e]) => [e, s]));

const NANO = 1_000_000_000n;
const MAX_INT64 = 9223372036854775807n;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Division rounding the magnitude up (inf.RoundUp). */
function divRoundUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  return a > 0n ? q + 1n : q - 1n;
}

interface Parts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const DIGIT = /[0-9]/;

// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go parseQuantityString (v1.32)
function splitQuantity(str: string): Parts {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && DIGIT.test(str[i] as string)) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && DIGIT.test(str[j] as string)) j++;
    denom = str.slice(pos, j);
    pos = j;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos] as string)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && DIGIT.test(str[pos] as string)) pos++;
  if (pos < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity (v1.32)
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? numberText(input) : input;
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI', text: '0' };
  const { positive, num, denom, suffix } = splitQuantity(str);

  let format: QuantityFormat;
  let base10 = 0; // decimal exponent
  let base2 = 0; // binary exponent (10 for Ki, 20 for Mi, …)
  if (suffix in BIN_SUFFIX) {
    format = 'BinarySI';
    base2 = 10 * (BIN_SUFFIX[suffix] as number);
  } else if (suffix in DEC_SUFFIX) {
    format = 'DecimalSI';
    base10 = DEC_SUFFIX[suffix] as number;
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    base10 = Number(suffix.slice(1));
    if (!Number.isSafeInteger(base10) || Math.abs(base10) > 2147483647) throw new QuantityError(QUANTITY_SUFFIX_ERROR);
  } else {
    throw new QuantityError(QUANTITY_SUFFIX_ERROR);
  }

  const digits = BigInt(num + denom); // value × 10^denom.length
  const scaled = digits * (1n << BigInt(base2));
  const exp = base10 - denom.length + 9; // to nano units
  let nanos = exp >= 0 ? scaled * pow10(exp) : divRoundUp(scaled, pow10(-exp));
  if (!positive) nanos = -nanos;

  // The fast path keeps the input string when it is already in canonical form.
  let text: string | undefined;
  const precision =
    format === 'BinarySI'
      ? denom.length === 0
        ? 15 - num.length - Math.trunc(Math.fround(base2) * 3 / 10) - 1
        : -1
      : 18 - (num.length + denom.length);
  const scale = (format === 'BinarySI' ? 0 : base10) - denom.length;
  if (precision >= 0 && scale >= -9 && digits <= MAX_INT64 && scaled <= MAX_INT64) {
    const shifted = num + denom;
    if (format === 'BinarySI') {
      if (base2 % 10 === 0 && (digits & 7n) !== 0n) text = str;
    } else if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') {
      text = str;
    }
  }
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  return text === undefined ? { nanos, format } : { nanos, format, text };
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  // JSON numbers decode as quantities of their decimal text; exponents become DecimalExponent.
  return String(n).replace('e+', 'e');
}

/** Whether `s` parses as a quantity. */
export function isValidQuantity(s: unknown): boolean {
  if (typeof s !== 'string' && typeof s !== 'number') return false;
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
}

/** The quantity's value as a number (exact for byte sizes up to 2^53; fractional values are approximate). */
export function quantityValue(q: string | number | Quantity): number {
  const x = typeof q === 'object' ? q : parseQuantity(q);
  const whole = x.nanos / NANO;
  const rest = x.nanos % NANO;
  return Number(whole) + Number(rest) / 1e9;
}

/** Alias kept for callers that think in bytes (storage quantities). */
export const quantityToBytes = quantityValue;

/** -1, 0 or 1, comparing values (not strings): compareQuantity("1Gi", "1024Mi") === 0. */
export function compareQuantity(a: string | number | Quantity, b: string | number | Quantity): -1 | 0 | 1 {
  const x = typeof a === 'object' ? a.nanos : parseQuantity(a).nanos;
  const y = typeof b === 'object' ? b.nanos : parseQuantity(b).nanos;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Divides out `factor` while it divides `v` exactly; returns the rest and how many times. */
function removeFactors(v: bigint, factor: bigint): [bigint, number] {
  let times = 0;
  if (v === 0n) return [v, 0];
  while (v % factor === 0n) {
    v /= factor;
    times++;
  }
  return [v, times];
}

/**
 * The canonical text of a quantity, as Quantity.String() (and therefore the
 * stored object) renders it.
 */
// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go CanonicalizeBytes (v1.32)
export function quantityString(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  return canonicalString(q);
}

/** The computed canonical form, ignoring any kept input text. */
export function canonicalString(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const oneK = 1024n * NANO;
    if (q.nanos > -oneK && q.nanos < oneK) format = 'DecimalSI';
    else if (q.nanos % NANO !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const [amount, exponent] = removeFactors(q.nanos / NANO, 1024n);
    const suffix = BIN_BY_EXP.get(exponent);
    if (suffix !== undefined || exponent === 0) return `${amount}${suffix ?? ''}`;
    // Beyond Ei: fall back to decimal.
    format = 'DecimalSI';
  }
  // Decimal: mantissa × 10^exponent with the exponent a multiple of 3.
  const [stripped, times] = removeFactors(q.nanos, 10n);
  let amount = stripped;
  let exponent = times - 9;
  const r = ((exponent % 3) + 3) % 3;
  if (r === 1) {
    amount *= 10n;
    exponent -= 1;
  } else if (r === 2) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = DEC_BY_EXP.get(exponent);
  if (suffix !== undefined) return `${amount}${suffix}`;
  // Out of the SI range: upstream keeps the exponent form.
  return `${amount}e${exponent}`;
}

/**
 * The form the API server stores a quantity in: the input text when
 * ParseQuantity keeps it ("1536", "100m", "1E3", "+1Gi"), else the canonical
 * form ("1024Mi" → "1Gi", "1.5Gi" → "1536Mi", "0.5" → "500m", "2000" → "2k",
 * "10.0" → "10", "5e-1" → "500e-3"). With `roundToMilli`
 * the value is first rounded up to milli precision as core/v1
 * SetDefaults_ResourceList does for resource lists ("100u" → "1m").
 * Throws QuantityError for malformed input.
 */
export function canonicalQuantity(s: string | number, roundToMilli = false): string {
  let q = parseQuantity(s);
  const milli = 1_000_000n; // nanos per milli
  if (roundToMilli && q.nanos % milli !== 0n) {
    // RoundUp(milli) drops the kept text when it has to round.
    q = { nanos: divRoundUp(q.nanos, milli) * milli, format: q.format };
  }
  return quantityString(q);
}

/**
 * How kubectl prints a quantity (Quantity.String()): canonical when it
 * parses, the text unchanged when it does not. Numbers are formatted as a
 * count of bytes in BinarySI (`formatQuantity(1073741824)` → "1Gi").
 */
export function formatQuantity(q: string | number): string {
  try {
    if (typeof q === 'number') {
      if (!Number.isSafeInteger(q)) return canonicalQuantity(q);
      return quantityString({ nanos: BigInt(q) * NANO, format: 'BinarySI' });
    }
    return canonicalQuantity(q);
  } catch {
    return String(q);
  }
}

/** A quantity of `value` units (bytes) in the given format, canonical. */
export function quantityFromNumber(value: number, format: QuantityFormat = 'BinarySI'): string {
  if (!Number.isSafeInteger(value)) return canonicalQuantity(value);
  return quantityString({ nanos: BigInt(value) * NANO, format });
}

/** Quantity.String() of a raw field value for an error message, or the value's own text when it does not parse. */
export function quantityText(v: unknown): string {
  try {
    return quantityString(parseQuantity(v as string));
  } catch {
    return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
  }
}
