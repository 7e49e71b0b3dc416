/**
 * Property: whatever value lands at whatever place of whatever kind, the API
 * server either refuses the request with a decode error of the right shape,
 * or stores an object every field of which has its Go type. Checked for
 * create bodies (JSON decode), merge-patch results and strategic-merge-patch
 * results (FromUnstructured). The same cases run through the API server in
 * apiserver/decode.property.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseOf, caseArb, DECODE_ERROR, place } from '../../testing/api-arbitrary';
import { convertSmpPatched, decodeJsonPatched, decodeObject } from '../decode';
import { ApiError } from '../errors';
import type { KObject } from '../types';
import { nonConformance } from './conforms';

describe('decoding never stores a malformed value', () => {
  it('create bodies: a BadRequest of the right shape, or a well-typed object', () => {
    fc.assert(
      fc.property(caseArb, ({ kind, path, value: v, directive }) => {
        const body = place(baseOf(kind), path, v) as unknown as KObject;
        let decoded;
        try {
          decoded = decodeObject(body, directive);
        } catch (e) {
          expect(e).toBeInstanceOf(ApiError);
          const a = e as ApiError;
          expect(a.reason).toBe('BadRequest');
          const prefix = `${kind} in version "${body.apiVersion.split('/').pop()}" cannot be handled as a ${kind}: `;
          expect(a.message.startsWith(prefix)).toBe(true);
          expect(a.message.slice(prefix.length)).toMatch(DECODE_ERROR);
          return;
        }
        expect(nonConformance(decoded.obj)).toBeUndefined();
        for (const w of decoded.warnings) expect(w).toMatch(/^unknown field "[^"]+"$/);
        if (directive !== 'Warn') expect(decoded.warnings).toEqual([]);
      }),
      { seed: 20250101, numRuns: 3000 },
    );
  });

  it('patch results (JSON merge and strategic): Invalid on "patch", or a well-typed object', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ kind, path, value: v, directive }, smp) => {
        const patched = place(baseOf(kind), path, v);
        let decoded;
        try {
          decoded = smp ? convertSmpPatched(kind, patched, patched, directive) : decodeJsonPatched(kind, patched, JSON.stringify(patched), directive);
        } catch (e) {
          expect(e).toBeInstanceOf(ApiError);
          const a = e as ApiError;
          expect(a.reason).toBe('Invalid');
          expect(a.details?.causes?.[0]?.field).toBe('patch');
          expect(a.details?.kind).toBe('');
          expect(a.message).toMatch(/^ "" is invalid: patch: Invalid value: ".*": .+$/s);
          return;
        }
        expect(nonConformance(decoded.obj)).toBeUndefined();
      }),
      { seed: 20250102, numRuns: 3000 },
    );
  });
});
