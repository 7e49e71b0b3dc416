import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_V2 } from './dictionary-v2';
import { inflateStrict } from './inflate';

const CAP = 64 * 1024;
const canary = readFileSync(join(__dirname, '..', 'scenarios', 'canary-partition.yaml'), 'utf8');

/** zlib's verdict on the same bytes: the output and the input bytes its stream used, or a refusal. */
function zlib(bytes: Uint8Array, dictionary: Uint8Array | undefined): { ok: true; bytes: Buffer; used: number } | { ok: false } {
  try {
    const r = inflateRawSync(bytes, { info: true, maxOutputLength: CAP, ...(dictionary ? { dictionary } : {}) }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return { ok: true, bytes: r.buffer, used: r.engine.bytesWritten };
  } catch {
    return { ok: false };
  }
}

function agrees(bytes: Uint8Array, dictionary: Uint8Array | undefined): void {
  const ours = inflateStrict(bytes, dictionary, CAP);
  const theirs = zlib(bytes, dictionary);
  const hex = Buffer.from(bytes).toString('hex');
  expect(ours.ok, `${hex}: ours ${ours.ok ? 'accepts' : `refuses (${ours.why})`}, zlib ${theirs.ok ? 'accepts' : 'refuses'}`).toBe(theirs.ok);
  if (ours.ok && theirs.ok) {
    expect(ours.used, hex).toBe(theirs.used);
    expect(Buffer.from(ours.bytes).equals(theirs.bytes), hex).toBe(true);
  }
}

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FILTERED];
/** Streams as real encoders write them: every level and strategy, with and without the links' dictionary. */
const stream = fc
  .record({
    text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constant(canary), fc.tuple(fc.nat(canary.length), fc.nat(800)).map(([a, n]) => canary.slice(a, a + n))),
    level: fc.integer({ min: 0, max: 9 }),
    strategy: fc.constantFrom(...STRATEGIES),
    withDictionary: fc.boolean(),
  })
  .map(({ text, level, strategy, withDictionary }) => {
    const dictionary = withDictionary ? DICTIONARY_V2 : undefined;
    return { bytes: new Uint8Array(deflateRawSync(Buffer.from(text, 'utf8'), { level, strategy, ...(dictionary ? { dictionary } : {}) })), dictionary, text };
  });

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, muts: readonly Mutation[]): Uint8Array {
  const b = [...bytes];
  for (const m of muts) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    const last = Math.min(at, b.length - 1);
    if (m.kind === 'flip' && b.length) b[last] = (b[last] as number) ^ (1 << m.bit);
    else if (m.kind === 'cut') b.splice(at, m.len);
    else if (m.kind === 'insert') b.splice(at, 0, ...m.bytes);
    else if (m.kind === 'set' && b.length) b[last] = m.value;
  }
  return Uint8Array.from(b);
}

describe('inflateStrict', () => {
  it('reads what zlib writes, at every level and strategy, with and without a dictionary', () => {
    fc.assert(
      fc.property(stream, ({ bytes, dictionary, text }) => {
        const r = inflateStrict(bytes, dictionary, CAP);
        expect(r.ok && new TextDecoder().decode(r.bytes)).toBe(text);
        expect(r.ok && r.used).toBe(bytes.length);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts and refuses exactly what zlib does: changed streams', () => {
    fc.assert(
      fc.property(stream, fc.array(mutation, { minLength: 1, maxLength: 3 }), ({ bytes, dictionary }, muts) => agrees(mutate(bytes, muts), dictionary)),
      { numRuns: 5000 },
    );
  });

  it('accepts and refuses exactly what zlib does: every single-bit change of small fixed, dynamic and stored streams', () => {
    const cases: [string, object][] = [
      ['version: 1\nsteps:\n  - kubectl get pods\n', { strategy: constants.Z_FIXED }],
      ['version: 1\nsteps:\n  - kubectl get pods\n', {}],
      [canary.slice(0, 300), {}],
      ['abc', { level: 0 }],
    ];
    for (const [text, opts] of cases) {
      for (const dictionary of [undefined, DICTIONARY_V2]) {
        const bytes = new Uint8Array(deflateRawSync(Buffer.from(text), { ...opts, ...(dictionary ? { dictionary } : {}) }));
        for (let i = 0; i < bytes.length * 8; i++) {
          const b = bytes.slice();
          b[i >> 3] = (b[i >> 3] as number) ^ (1 << (i & 7));
          agrees(b, dictionary);
        }
      }
    }
  });

  it('accepts and refuses exactly what zlib does: any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, withDictionary) => agrees(bytes, withDictionary ? DICTIONARY_V2 : undefined)),
      { numRuns: 5000 },
    );
  });

  it('refuses the symbols fixed codes have but no stream may use (lengths 286–287, distances 30–31)', () => {
    // Hand-written fixed-code blocks, bits in stream order.
    const block = (...fields: [value: number, n: number, msbFirst?: boolean][]) => {
      const bits: number[] = [];
      for (const [value, n, msbFirst] of fields) for (let i = 0; i < n; i++) bits.push(msbFirst ? (value >> (n - 1 - i)) & 1 : (value >> i) & 1);
      const out = new Uint8Array(Math.ceil(bits.length / 8));
      bits.forEach((b, i) => (out[i >> 3] = (out[i >> 3] as number) | (b << (i & 7))));
      return out;
    };
    const head: [number, number][] = [
      [1, 1],
      [1, 2],
    ];
    const literalA: [number, number, boolean] = [0x30 + 97, 8, true];
    const end: [number, number, boolean] = [0, 7, true];
    const ok = block(...head, literalA, [1, 7, true], [0, 5, true], end);
    expect(inflateStrict(ok, undefined, CAP)).toMatchObject({ ok: true, used: ok.length });
    expect(new TextDecoder().decode((inflateStrict(ok, undefined, CAP) as { bytes: Uint8Array }).bytes)).toBe('aaaa');
    for (const length of [0xc6, 0xc7]) {
      // 286 and 287: 8-bit codes 11000110 and 11000111.
      const bad = block(...head, literalA, [length, 8, true], [0, 5, true], end);
      expect(inflateStrict(bad, undefined, CAP)).toEqual({ ok: false, why: 'invalid' });
      expect(zlib(bad, undefined).ok).toBe(false);
    }
    for (const distance of [30, 31]) {
      const bad = block(...head, literalA, [1, 7, true], [distance, 5, true], end);
      expect(inflateStrict(bad, DICTIONARY_V2, CAP)).toEqual({ ok: false, why: 'invalid' });
      expect(zlib(bad, DICTIONARY_V2).ok).toBe(false);
    }
  });

  it('stops at the cap, and says where the stream ends', () => {
    const big = new Uint8Array(deflateRawSync(Buffer.alloc(10 * CAP, 97)));
    expect(inflateStrict(big, undefined, CAP)).toEqual({ ok: false, why: 'too-large' });
    const one = new Uint8Array(deflateRawSync(Buffer.from('hello')));
    const two = Uint8Array.from([...one, ...one]);
    expect(inflateStrict(two, undefined, CAP)).toMatchObject({ ok: true, used: one.length });
    expect(inflateStrict(one.subarray(0, one.length - 1), undefined, CAP)).toEqual({ ok: false, why: 'truncated' });
  });
});
