import { describe, expect, it } from 'vitest';
import { changedSpan, lineEndAt, offsetAt } from './text-diff';

const applySpan = (before: string, after: string) => {
  const s = changedSpan(before, after);
  return s ? before.slice(0, s.start) + s.text + before.slice(s.end) : before;
};

describe('changedSpan', () => {
  it('is null for equal texts', () => {
    expect(changedSpan('a: 1\n', 'a: 1\n')).toBeNull();
  });

  it('covers only the changed value', () => {
    const before = 'spec:\n  replicas: 2\n  serviceName: nginx\n';
    const after = 'spec:\n  replicas: 5\n  serviceName: nginx\n';
    expect(changedSpan(before, after)).toEqual({ start: 18, end: 19, text: '5' });
  });

  it('handles insertions, deletions and whole replacements', () => {
    for (const [a, b] of [
      ['abc', 'abXc'],
      ['abXc', 'abc'],
      ['', 'x: 1\n'],
      ['x: 1\n', ''],
      ['aaa', 'aa'],
      ['a\r\nb', 'a\nb'],
      ['😀a', '😁a'],
    ] as const) {
      expect(applySpan(a, b)).toBe(b);
    }
  });

  it('never splits a surrogate pair', () => {
    const s = changedSpan('x😀', 'x😁');
    expect(s?.start).toBe(1);
    expect(s?.text).toBe('😁');
  });
});

describe('offsetAt / lineEndAt', () => {
  const text = 'a: 1\nbb: 22\n';
  it('maps 1-based line and column to an offset', () => {
    expect(offsetAt(text, 1, 1)).toBe(0);
    expect(offsetAt(text, 2, 5)).toBe(9);
    expect(offsetAt(text, 2, 99)).toBe(11);
    expect(offsetAt(text, 9, 1)).toBe(text.length);
    expect(lineEndAt(text, 2)).toBe(11);
  });
});
