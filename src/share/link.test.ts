import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, fromBase64Url, LinkError, MAX_SCENARIO_BYTES, toBase64Url } from './link';

const dir = join(__dirname, '..', 'scenarios');

describe('share links', () => {
  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => decodeScenario(encodeScenario(s)) === s));
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
});
