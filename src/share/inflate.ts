/**
 * Strict raw DEFLATE decoding (RFC 1951) for share links, with a preset
 * dictionary and a cap on the output.
 *
 * It accepts exactly the streams zlib's inflate accepts, and says how many
 * input bytes the stream used, so a link is one complete stream and nothing
 * else. (fflate's inflater, used before, also reads some invalid streams:
 * length symbols 286–287 and distance symbols 30–31 of fixed-code blocks.)
 * Rules and limits follow zlib's inflate.c and inftrees.c (v1.3), whose
 * behaviour is the definition of a valid stream here.
 */

export type InflateResult =
  | { ok: true; bytes: Uint8Array; /** Input bytes the stream occupies (its last one may hold unused bits). */ used: number }
  | { ok: false; why: 'truncated' | 'invalid' | 'too-large' };

const MAXBITS = 15;
/** Lengths and distances: base value and extra bits of each symbol (RFC 1951 §3.2.5). */
const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order code-length code lengths are sent in (RFC 1951 §3.2.7). */
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/** zlib refuses more than these in a dynamic block's header ("too many length or distance symbols"). */
const MAX_LIT_CODES = 286;
const MAX_DIST_CODES = 30;

class Stop extends Error {
  constructor(readonly why: 'truncated' | 'invalid' | 'too-large') {
    super(why);
  }
}

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Code {
  count: Uint16Array;
  symbol: Uint16Array;
  /** The longest code length in use (0: no codes). */
  max: number;
  /** Codes of the full tree left unused: 0 complete, > 0 incomplete, < 0 over-subscribed. */
  left: number;
}

function buildCode(lengths: ArrayLike<number>): Code {
  const count = new Uint16Array(MAXBITS + 1);
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number;
    count[l] = (count[l] as number) + 1;
  }
  let left = 1;
  let max = 0;
  for (let len = 1; len <= MAXBITS; len++) {
    left = left * 2 - (count[len] as number);
    if (count[len]) max = len;
    if (left < 0) break;
  }
  const offset = new Uint16Array(MAXBITS + 2);
  for (let len = 1; len <= MAXBITS; len++) offset[len + 1] = (offset[len] as number) + (count[len] as number);
  const symbol = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const l = lengths[s] as number;
    if (!l) continue;
    const at = offset[l] as number;
    symbol[at] = s;
    offset[l] = at + 1;
  }
  return { count, symbol, max, left };
}

/** Behaviour of zlib inftrees.c inflate_table: over-subscribed is refused; incomplete only when a single 1-bit code (or none, for distances) is used. */
function usable(code: Code, allowEmpty: boolean): boolean {
  if (code.max === 0) return allowEmpty;
  if (code.left < 0) return false;
  return code.left === 0 || code.max === 1;
}

const FIXED_LIT = buildCode(Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
const FIXED_DIST = buildCode(new Array<number>(32).fill(5));

/**
 * Inflates `data` after `dictionary`, stopping with `too-large` as soon as the
 * output passes `cap` bytes. Never throws.
 */
export function inflateStrict(data: Uint8Array, dictionary: Uint8Array | undefined, cap: number): InflateResult {
  const dict = dictionary ?? new Uint8Array(0);
  let out = new Uint8Array(dict.length + Math.min(cap, Math.max(1024, data.length * 4)) + 258);
  out.set(dict);
  let o = dict.length;
  const limit = dict.length + cap;
  let bitPos = 0;
  const totalBits = data.length * 8;

  const bit = (): number => {
    if (bitPos >= totalBits) throw new Stop('truncated');
    const b = ((data[bitPos >> 3] as number) >> (bitPos & 7)) & 1;
    bitPos++;
    return b;
  };
  const bits = (n: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) v |= bit() << i;
    return v;
  };
  /** The next symbol of `code`, or -1 for a code the set leaves unused. */
  const decode = (code: Code): number => {
    if (code.max === 0) return -1;
    let c = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= code.max; len++) {
      c |= bit();
      const count = code.count[len] as number;
      if (c - count < first) return code.symbol[index + (c - first)] as number;
      index += count;
      first = (first + count) << 1;
      c <<= 1;
    }
    return -1;
  };
  const room = (n: number) => {
    if (o + n > limit) throw new Stop('too-large');
    if (o + n > out.length) {
      const bigger = new Uint8Array(Math.min(limit + 258, Math.max(out.length * 2, o + n)));
      bigger.set(out.subarray(0, o));
      out = bigger;
    }
  };

  const codes = (lit: Code, dist: Code) => {
    for (;;) {
      const sym = decode(lit);
      if (sym < 0) throw new Stop('invalid');
      if (sym < 256) {
        room(1);
        out[o++] = sym;
      } else if (sym === 256) {
        return;
      } else {
        // Fixed codes include 286 and 287, which no stream may use.
        if (sym > 285) throw new Stop('invalid');
        const len = (LEN_BASE[sym - 257] as number) + bits(LEN_EXTRA[sym - 257] as number);
        const dsym = decode(dist);
        // Fixed codes include 30 and 31, which no stream may use.
        if (dsym < 0 || dsym > 29) throw new Stop('invalid');
        const distance = (DIST_BASE[dsym] as number) + bits(DIST_EXTRA[dsym] as number);
        if (distance > o) throw new Stop('invalid');
        room(len);
        for (let i = 0; i < len; i++, o++) out[o] = out[o - distance] as number;
      }
    }
  };

  try {
    let last = 0;
    while (!last) {
      last = bit();
      const type = bits(2);
      if (type === 0) {
        bitPos = (bitPos + 7) & ~7;
        const len = bits(16);
        const nlen = bits(16);
        if (len !== (~nlen & 0xffff)) throw new Stop('invalid');
        if (bitPos + len * 8 > totalBits) throw new Stop('truncated');
        room(len);
        out.set(data.subarray(bitPos >> 3, (bitPos >> 3) + len), o);
        o += len;
        bitPos += len * 8;
      } else if (type === 1) {
        codes(FIXED_LIT, FIXED_DIST);
      } else if (type === 2) {
        const nlit = bits(5) + 257;
        const ndist = bits(5) + 1;
        const ncl = bits(4) + 4;
        if (nlit > MAX_LIT_CODES || ndist > MAX_DIST_CODES) throw new Stop('invalid');
        const clLengths = new Array<number>(19).fill(0);
        for (let i = 0; i < ncl; i++) clLengths[CL_ORDER[i] as number] = bits(3);
        const cl = buildCode(clLengths);
        // The code-length code must be complete (zlib: "invalid code lengths set"; with no codes at all, every length reads 0 and the block lacks an end).
        if (cl.max === 0 || cl.left !== 0) throw new Stop('invalid');
        const lengths = new Array<number>(nlit + ndist).fill(0);
        for (let have = 0; have < nlit + ndist; ) {
          const sym = decode(cl);
          if (sym < 0) throw new Stop('invalid');
          if (sym < 16) {
            lengths[have++] = sym;
            continue;
          }
          let value = 0;
          let repeat: number;
          if (sym === 16) {
            if (have === 0) throw new Stop('invalid');
            value = lengths[have - 1] as number;
            repeat = 3 + bits(2);
          } else if (sym === 17) repeat = 3 + bits(3);
          else repeat = 11 + bits(7);
          if (have + repeat > nlit + ndist) throw new Stop('invalid');
          while (repeat--) lengths[have++] = value;
        }
        if (lengths[256] === 0) throw new Stop('invalid');
        const lit = buildCode(lengths.slice(0, nlit));
        const dist = buildCode(lengths.slice(nlit));
        if (!usable(lit, false) || !usable(dist, true)) throw new Stop('invalid');
        codes(lit, dist);
      } else {
        throw new Stop('invalid');
      }
    }
  } catch (e) {
    if (e instanceof Stop) return { ok: false, why: e.why };
    throw e;
  }
  return { ok: true, bytes: out.slice(dict.length, o), used: (bitPos + 7) >> 3 };
}
