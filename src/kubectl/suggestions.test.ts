import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestionsFor } from './kubectl';

const COMMANDS = ['create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate', 'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version', 'options'];

/** cobra's ld(): the full quadratic table over bytes, as the reference. */
function ld(s: Uint8Array, t: Uint8Array): number {
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = s[i - 1] === t[j - 1] ? (prev[j - 1] as number) : Math.min(prev[j] as number, row[j - 1] as number, prev[j - 1] as number) + 1;
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}
const enc = (s: string) => new TextEncoder().encode(s);
const reference = (name: string) => COMMANDS.filter((c) => ld(enc(name.toLowerCase()), enc(c)) <= 2 || c.startsWith(name.toLowerCase()));

describe('"Did you mean this?" (cobra SuggestionsFor)', () => {
  it('lists what cobra lists', () => {
    expect(suggestionsFor('gett')).toEqual(['set', 'get']);
    expect(suggestionsFor('ROLLOUTS')).toEqual(['rollout']);
    expect(suggestionsFor('api')).toEqual(['cp', 'api-resources', 'api-versions']); // "api" → "cp" is two edits
    expect(suggestionsFor('gét')).toEqual(['get']); // é is two bytes: two edits from "get", three from "set"
    expect(suggestionsFor('zzzzzzzz')).toEqual([]);
  });

  it('gives the full table\'s answer for any name', () => {
    const near = fc.constantFrom(...COMMANDS).chain((c) =>
      fc.array(fc.tuple(fc.nat(c.length), fc.constantFrom('', 'x', 'E', 'é', '-', c.slice(0, 2))), { maxLength: 3 }).map((edits) => edits.reduce((s, [at, ins]) => s.slice(0, at) + ins + s.slice(at + 1), c)),
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ maxLength: 16 })), (name) => {
        expect(suggestionsFor(name)).toEqual(reference(name));
      }),
      { numRuns: 3000 },
    );
  });

  it('does no more work for a very long name than for a short one', () => {
    // Only names within 2 bytes of a command's length are compared, in a band of 5 cells a row.
    expect(suggestionsFor('a'.repeat(1_000_000))).toEqual([]);
    expect(suggestionsFor('ge' + 'x'.repeat(100_000))).toEqual([]);
  });
});
