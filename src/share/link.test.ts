import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, fromBase64Url, LinkError, MAX_SCENARIO_BYTES, toBase64Url } from './link';

const dir = join(__dirname, '..', 'scenarios');

describe('share links', () => {
  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => decodeScenario(encodeScenario(s)) === s));
    expect(decodeScenario(encodeScenario('\ufeffbom first'))).toBe('\ufeffbom first');
  });

  it('round-trips base64url for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => Buffer.from(fromBase64Url(toBase64Url(b))).equals(Buffer.from(b))));
    expect(toBase64Url(new Uint8Array([251, 255]))).toBe(Buffer.from([251, 255]).toString('base64url'));
  });

  it('prints the link length of every gallery scenario', () => {
    const rows = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => {
        const text = readFileSync(join(dir, f), 'utf8');
        return { file: f, bytes: text.length, link: encodeScenario(text).length + 1 };
      });
    console.log(rows.map((r) => `${r.file.padEnd(28)} ${String(r.bytes).padStart(6)} bytes → #fragment ${r.link} chars`).join('\n'));
    for (const r of rows) {
      expect(decodeScenario(encodeScenario(readFileSync(join(dir, r.file), 'utf8'))).length).toBe(r.bytes);
      expect(r.link, r.file).toBeLessThan(2000);
    }
  });

  it.each([
    ['', /no version/],
    ['hello', /no version/],
    ['9.abc', /newer playground \(link version 9\)/],
    ['01.' + encodeScenario('x').slice(2), /not a playground link: its version "01" starts with a zero/],
    ['0.abc', /not a playground link: link versions start at 1/],
    ['00.abc', /starts with a zero/],
    ['12345678901234567890.abc', /version number is too large/],
    ['1.AB', /last character is not one a playground writes/],
    ['1.ab$d', /contains "\$"/],
    ['1.A', /cut short/],
    ['1.AAAA', /damaged|cut short/],
  ])('rejects %j with a clear message', (fragment, message) => {
    expect(() => decodeScenario(fragment)).toThrow(LinkError);
    expect(() => decodeScenario(fragment)).toThrow(message);
  });

  it('rejects a truncated link', () => {
    const full = encodeScenario(readFileSync(join(dir, 'canary-partition.yaml'), 'utf8'));
    expect(() => decodeScenario(full.slice(0, Math.floor(full.length / 2)))).toThrow(LinkError);
  });

  it('stops a decompression bomb at the size cap', () => {
    const bomb = `1.${toBase64Url(deflateSync(new Uint8Array(50 * 1024 * 1024).fill(65), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => decodeScenario(bomb)).toThrow(`larger than ${MAX_SCENARIO_BYTES / 1024} KB`);
  });

  it('rejects bytes that are not UTF-8 text', () => {
    expect(() => decodeScenario(`1.${toBase64Url(deflateSync(new Uint8Array([0xff, 0xfe, 0xfd])))}`)).toThrow(/not text/);
  });

  it('rejects trailing bytes after the deflate stream and concatenated streams', () => {
    const text = readFileSync(join(dir, 'canary-partition.yaml'), 'utf8');
    const stream = deflateSync(new TextEncoder().encode(text), { level: 9 });
    const cat = (...parts: Uint8Array[]) => `1.${toBase64Url(Uint8Array.from(parts.flatMap((p) => [...p])))}`;
    expect(decodeScenario(cat(stream))).toBe(text);
    for (const extra of [new Uint8Array([0]), new Uint8Array([1, 2, 3]), stream, deflateSync(new TextEncoder().encode('more'))]) {
      expect(() => decodeScenario(cat(stream, extra))).toThrow('The link is damaged: it has extra data after the scenario.');
    }
    // A stored (uncompressed) final block ends on a byte boundary too.
    const stored = deflateSync(new TextEncoder().encode('abc'), { level: 0 });
    expect(decodeScenario(cat(stored))).toBe('abc');
    expect(() => decodeScenario(cat(stored, new Uint8Array([0])))).toThrow(/extra data/);
  });

  it('quotes whole characters, never half of a surrogate pair', () => {
    expect(() => decodeScenario('1.AAAA😀AAA')).toThrow('The link contains "😀", which is not part of a playground link.');
    expect(() => decodeScenario('1.AA\ud800AA')).toThrow('The link contains U+D800, which is not part of a playground link.');
    expect(() => decodeScenario('1.AA AA')).toThrow('The link contains U+0020, which is not part of a playground link.');
  });

  it('never accepts a changed link unless the change is itself a complete, valid link', () => {
    const texts = ['version: 1\nsteps:\n  - kubectl get pods\n', readFileSync(join(dir, 'canary-partition.yaml'), 'utf8'), 'ünïcødé 😀 text\n'];
    const links = texts.map((t) => encodeScenario(t));
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // What the link would have to be to decode: canonical base64url of one complete raw-deflate stream holding UTF-8.
    const oracle = (payload: string): string | undefined => {
      if (!/^[A-Za-z0-9_-]*$/.test(payload) || payload.length % 4 === 1 || toBase64Url(Buffer.from(payload, 'base64url')) !== payload) return undefined;
      const bytes = Buffer.from(payload, 'base64url');
      try {
        const r = inflateRawSync(bytes, { info: true, maxOutputLength: MAX_SCENARIO_BYTES }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
        if (r.engine.bytesWritten !== bytes.length) return undefined;
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(r.buffer);
      } catch {
        return undefined;
      }
    };
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: fc.constantFrom(...B64), minLength: 1, maxLength: 6 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 })) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.nat({ max: links.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, muts) => {
        const original = links[which] as string;
        let payload = original.slice(2);
        for (const m of muts) {
          const at = payload.length ? m.at % (payload.length + 1) : 0;
          if (m.kind === 'flip' && payload.length) {
            const i = Math.min(at, payload.length - 1);
            payload = payload.slice(0, i) + B64[B64.indexOf(payload[i] as string) ^ (1 << m.bit)] + payload.slice(i + 1);
          } else if (m.kind === 'cut') payload = payload.slice(0, at) + payload.slice(at + m.len);
          else if (m.kind === 'insert') payload = payload.slice(0, at) + m.text + payload.slice(at);
          else if (m.kind === 'duplicate') payload = payload.slice(0, at) + payload.slice(at, at + m.len) + payload.slice(at);
        }
        let got: string | undefined;
        try {
          got = decodeScenario(`1.${payload}`);
        } catch (e) {
          expect(e).toBeInstanceOf(LinkError);
          const msg = (e as Error).message;
          expect(msg).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
          expect(oracle(payload), `rejected a valid link: ${msg}`).toBeUndefined();
          return;
        }
        if (payload === original.slice(2)) expect(got).toBe(texts[which]);
        else expect(got).toBe(oracle(payload));
      }),
      { numRuns: 3000 },
    );
  });
});
