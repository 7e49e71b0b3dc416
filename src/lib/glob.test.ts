import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, globMatchBytes, wildcardMatch } from './glob';

/** The regular-expression translation the matcher replaced (same meaning for text without line breaks). */
const viaRegExp = (pattern: string, text: string) =>
  new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'su').test(text);

describe('globMatch', () => {
  it('matches * and ? like before', () => {
    expect(globMatch('*:bad', 'nginx:bad')).toBe(true);
    expect(globMatch('*:bad', 'nginx:bad2')).toBe(false);
    expect(globMatch('redis:?', 'redis:7')).toBe(true);
    expect(globMatch('redis:?', 'redis:17')).toBe(false);
    expect(globMatch('', '')).toBe(true);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('a*b*c', 'aXbYbZc')).toBe(true);
    expect(globMatch('[a].(b)', '[a].(b)')).toBe(true);
    expect(globMatch('?', '😀')).toBe(true);
    expect(globMatchBytes('?', 'é')).toBe(false);
    expect(globMatchBytes('??', 'é')).toBe(true);
  });

  it('agrees with the regular-expression translation on any pattern and text', () => {
    const unit = fc.constantFrom('a', 'b', '*', '?', '.', '[', '\\', 'é', '😀');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 10 }), fc.string({ unit: fc.constantFrom('a', 'b', '.', '*', '?', 'é', '😀'), maxLength: 12 }), (p, t) => {
        expect(globMatch(p, t)).toBe(viaRegExp(p, t));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes steps bounded by pattern × text on the patterns that made regular expressions backtrack', () => {
    let steps = 0;
    const text = 'a'.repeat(5000);
    const pattern = '*'.repeat(20) + 'a*'.repeat(20) + 'x';
    // Count unit reads through a proxy-like view of the text.
    const view = new Proxy([...text], {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) steps++;
        return Reflect.get(target, key) as unknown;
      },
    });
    expect(wildcardMatch([...pattern], view, '*', '?')).toBe(false);
    expect(steps).toBeLessThanOrEqual(pattern.length * text.length * 2);
  });
});
