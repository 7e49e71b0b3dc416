import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../lib/utf8';
import { MAX_PROGRAM, Regex, RegexBudgetError, RegexSyntaxError } from './regex';
import cases from './testdata/regex-glibc.json';

/** Runs one search the way the fixture was recorded: regcomp(pattern, flags) then regexec(text). */
function run(flags: string, pattern: string, text: string, steps = 1e7): string {
  try {
    const re = Regex.compile(utf8Encode(pattern), { extended: flags.includes('E'), icase: flags.includes('I') });
    const m = re.exec(re.fold(utf8Encode(text)), 0, flags.includes('N'), { steps });
    return m ? `${m[0]} ${m[1]}` : '-1';
  } catch (e) {
    if (e instanceof RegexSyntaxError) return `ERR ${e.message}`;
    throw e;
  }
}

describe('POSIX regular expressions (glibc dialect)', () => {
  // Recorded from glibc 2.36's regcomp/regexec in the C locale (the busybox:1.36 image's libc):
  // flags E = REG_EXTENDED, I = REG_ICASE, N = REG_NOTBOL; the result is "start end", -1, or the error.
  it.each(cases as [string, string, string, string][])('%s /%s/ on %j gives %s', (flags, pattern, text, want) => {
    expect(run(flags, pattern, text)).toBe(want);
  });

  it('finds the leftmost-longest match, not the first alternative', () => {
    expect(run('E', 'a|ab|abc', 'xabcd')).toBe('1 4');
    expect(run('', 'x*', 'aaa')).toBe('0 0');
    expect(run('E', '(a|ab)(c|bcd)(d*)', 'abcd')).toBe('0 4');
  });

  it('agrees with JavaScript on patterns both dialects read alike', () => {
    // Atoms and operators whose meaning is the same in ERE and in a JS RegExp; any match is checked.
    const atom = fc.constantFrom('a', 'b', 'c', '.', '[ab]', '[^a]', '(a|b)', '(ab|c)', 'a*', 'b+', 'c?', '(a|bc)*', 'a{2}', 'b{1,2}');
    const pattern = fc.array(atom, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    const anchored = fc.tuple(fc.boolean(), pattern, fc.boolean()).map(([s, p, e]) => `${s ? '^' : ''}${p}${e ? '$' : ''}`);
    fc.assert(
      fc.property(anchored, fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x'), maxLength: 12 }), (p, text) => {
        const got = run('E', p, text) !== '-1';
        expect(got).toBe(new RegExp(p).test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the patterns that make backtracking engines hang in steps linear in the text', () => {
    for (const [pattern, extended] of [
      ['^(a+)+$', true],
      ['(a|aa)*b', true],
      ['(a*)*b', true],
      ['\\(a*\\)*b', false],
      ['(x+x+)+y', true],
      ['(.*a){12}', true],
    ] as const) {
      const re = Regex.compile(utf8Encode(pattern), { extended, icase: false });
      for (const n of [1000, 4000]) {
        const budget = { steps: 1e9 };
        const text = utf8Encode('a'.repeat(n) + '!');
        re.exec(text, 0, false, budget);
        const used = 1e9 - budget.steps;
        // At most a constant per text byte per program instruction.
        expect(used, pattern).toBeLessThanOrEqual(4 * re.length * (n + 2));
      }
    }
  });

  it('stops at its budget and at its size limit', () => {
    const re = Regex.compile(utf8Encode('(a|b)*c'), { extended: true, icase: false });
    expect(() => re.exec(utf8Encode('ab'.repeat(10_000)), 0, false, { steps: 1000 })).toThrow(RegexBudgetError);
    expect(run('E', 'a{32767}', 'a')).toBe('ERR Regular expression too big'); // beyond MAX_PROGRAM
    expect(run('E', 'a{32768}', 'a')).toBe('ERR Regular expression too big'); // beyond RE_DUP_MAX, as glibc
    expect(MAX_PROGRAM).toBeLessThan(32767);
    expect(run('E', '('.repeat(5000) + 'a' + ')'.repeat(5000), 'a')).toBe('ERR Regular expression too big');
    expect(run('', '\\('.repeat(5000), 'a')).toMatch(/^ERR /);
  });

  it('bounds back-references by the budget', () => {
    const re = Regex.compile(utf8Encode('\\(a*\\)*b\\1'), { extended: false, icase: false });
    expect(() => re.exec(utf8Encode('a'.repeat(5000)), 0, false, { steps: 100_000 })).toThrow(RegexBudgetError);
    expect(run('', '\\(ab\\)\\1', 'xxababyy')).toBe('2 6');
    expect(run('', '\\([a-z]\\)\\1', 'abccd')).toBe('2 4');
  });
});
