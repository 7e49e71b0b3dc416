import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goUtf8Decode, utf8Decode, utf8Encode, utf8Length, utf8Prefix } from './utf8';

describe('utf8', () => {
  it('encodes like TextEncoder, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udfff', 'a'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 20 }), (s) => {
        const want = new TextEncoder().encode(s);
        expect([...utf8Encode(s)]).toEqual([...want]);
        expect(utf8Length(s)).toBe(want.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes like TextDecoder, ill-formed bytes included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 8 }), (junk, text) => {
        for (const b of [junk, new TextEncoder().encode(text), Uint8Array.from([...new TextEncoder().encode(text), ...junk])]) {
          expect(utf8Decode(b)).toBe(new TextDecoder().decode(b));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts a prefix between characters', () => {
    expect(utf8Prefix('aé😀b', 1)).toBe('a');
    expect(utf8Prefix('aé😀b', 2)).toBe('a');
    expect(utf8Prefix('aé😀b', 3)).toBe('aé');
    expect(utf8Prefix('aé😀b', 6)).toBe('aé');
    expect(utf8Prefix('aé😀b', 7)).toBe('aé😀');
    expect(utf8Prefix('aé😀b', 99)).toBe('aé😀b');
  });
});

describe('goUtf8Decode (Go ranging over a string)', () => {
  it('reads valid UTF-8 as TextDecoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 16 }), (text) => {
        const b = new TextEncoder().encode(text);
        expect(goUtf8Decode(b)).toBe(new TextDecoder().decode(b));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [[0xe2, 0x82, 0xac], '€'],
    [[0xf0, 0x9f, 0x98, 0x80], '😀'],
    [[0xff, 0x41], '\ufffdA'],
    [[0xc0, 0x80], '\ufffd\ufffd'],
    [[0xe0, 0x80, 0x80], '\ufffd\ufffd\ufffd'],
    [[0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'],
    [[0xf0, 0x8f, 0xbf, 0xbf], '\ufffd\ufffd\ufffd\ufffd'],
    [[0xf4, 0x90, 0x80, 0x80], '\ufffd\ufffd\ufffd\ufffd'],
    [[0xe2, 0x82], '\ufffd\ufffd'],
    [[0xe2, 0x82, 0x41], '\ufffd\ufffdA'],
  ])('each byte that starts no valid sequence is one U+FFFD: %j', (bytes, want) => {
    expect(goUtf8Decode(bytes)).toBe(want);
  });
});
