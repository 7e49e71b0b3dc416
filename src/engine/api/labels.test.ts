import { describe, expect, it } from 'vitest';
import { formatLabels, labelSelectorAsMatcher, matchesSelector, parseSelector, SelectorParseError, selectorFromSet, selectorToString } from './labels';
import type { LabelSelector } from './types';

const QNAME_MSG =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('matchesSelector (metav1.LabelSelectorAsSelector semantics)', () => {
  const web = { app: 'web', tier: 'front' };
  it.each<[string, LabelSelector | null | undefined, Record<string, string>, boolean]>([
    ['undefined selector matches nothing', undefined, web, false],
    ['null selector matches nothing', null, web, false],
    ['empty selector matches everything', {}, web, true],
    ['empty selector matches no labels too', {}, {}, true],
    ['matchLabels subset', { matchLabels: { app: 'web' } }, web, true],
    ['matchLabels mismatch', { matchLabels: { app: 'db' } }, web, false],
    ['matchLabels missing key', { matchLabels: { zone: 'a' } }, web, false],
    ['In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] }, web, true],
    ['In without the key', { matchExpressions: [{ key: 'x', operator: 'In', values: ['web'] }] }, web, false],
    ['NotIn', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, web, false],
    ['NotIn without the key matches', { matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['a'] }] }, web, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, web, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, web, false],
    ['all requirements must hold', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, web, false],
    ['an invalid operator matches nothing', { matchExpressions: [{ key: 'app', operator: 'Bogus' as never, values: ['web'] }] }, web, false],
    ['In with no values is invalid: matches nothing', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, web, false],
  ])('%s', (_name, sel, labels, want) => {
    expect(matchesSelector(labels, sel)).toBe(want);
  });

  it('treats missing labels as an empty set', () => {
    expect(matchesSelector(undefined, {})).toBe(true);
    expect(matchesSelector(undefined, { matchLabels: { a: 'b' } })).toBe(false);
  });

  it('reports why a selector is invalid', () => {
    expect(() => labelSelectorAsMatcher({ matchExpressions: [{ key: 'a', operator: 'Foo' as never }] })).toThrowError('"Foo" is not a valid label selector operator');
    expect(() => labelSelectorAsMatcher({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toThrowError(
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
    );
  });
});

describe('parseSelector (kubectl -l)', () => {
  const labels = { app: 'web', tier: 'front', n: '5' };
  it.each<[string, boolean, string]>([
    ['app=web', true, 'app=web'],
    ['app==web', true, 'app==web'],
    ['app!=web', false, 'app!=web'],
    ['app!=db', true, 'app!=db'],
    ['app in (a,web)', true, 'app in (a,web)'],
    ['app in (web, a)', true, 'app in (a,web)'],
    ['app notin (web)', false, 'app notin (web)'],
    ['app notin (x)', true, 'app notin (x)'],
    ['zone notin (x)', true, 'zone notin (x)'],
    ['app', true, 'app'],
    ['!app', false, '!app'],
    ['!zone', true, '!zone'],
    ['app=web,tier=front', true, 'app=web,tier=front'],
    ['tier=front,app=web', true, 'app=web,tier=front'],
    [' app = web ', true, 'app=web'],
    ['app=web,tier=back', false, 'app=web,tier=back'],
    ['n>3', true, 'n>3'],
    ['n<3', false, 'n<3'],
    ['app>3', false, 'app>3'],
    ['zone=', false, 'zone='],
    ['app in ()', false, 'app in ()'],
    ['x in (,a)', false, 'x in (,a)'],
    ['in=web', false, 'in=web'],
    ['', true, ''],
  ])('%s', (text, match, str) => {
    const m = parseSelector(text);
    expect(m(labels)).toBe(match);
    expect(m.text).toBe(str);
  });

  it.each<[string, string]>([
    ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in a', "unable to parse requirement: found 'a' expected: '('"],
    ['app in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['app in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    [',app', "found ',', expected: !, identifier, or 'end of string'"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['a=b,,c', "found ',', expected: identifier after ','"],
    ['!app=x', "found '=', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['a==', ''],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
    ['a/b/c=x', `unable to parse requirement: <nil>: Invalid value: "a/b/c": ${QNAME_MSG}`],
    ['app=-x', `unable to parse requirement: values[0][app]: Invalid value: "-x": ${VALUE_MSG}`],
    ['n>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
  ])('%s → %s', (text, message) => {
    if (message === '') {
      expect(() => parseSelector(text)).not.toThrow();
      return;
    }
    let err: unknown;
    try {
      parseSelector(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SelectorParseError);
    expect((err as Error).message).toBe(message);
  });
});

describe('selectorToString (kubectl describe "Selector:")', () => {
  it.each<[LabelSelector | null | undefined, string]>([
    [{ matchLabels: { app: 'nginx' } }, 'app=nginx'],
    [{ matchLabels: { tier: 'web', app: 'nginx' } }, 'app=nginx,tier=web'],
    [{ matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'a'] }] }, 'app in (a,b),tier=web'],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, 'app notin (a)'],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, 'app'],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, '!app'],
    [null, '<none>'],
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchExpressions: [{ key: 'app', operator: 'Foo' as never }] }, '<error>'],
  ])('%j → %s', (sel, want) => {
    expect(selectorToString(sel)).toBe(want);
  });

  it('formatLabels and selectorFromSet', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
    expect(selectorFromSet({ app: 'web' })({ app: 'web', x: 'y' })).toBe(true);
    expect(selectorFromSet({ app: 'web' })({ app: 'db' })).toBe(false);
    expect(selectorFromSet({})({ app: 'db' })).toBe(true);
  });
});

describe('keys JavaScript objects inherit are ordinary label keys', () => {
  it('a selector on such a key matches only labels that have it', () => {
    const none = { app: 'web' };
    const has = JSON.parse('{"constructor":"x","toString":"7"}') as Record<string, string>;
    expect(parseSelector('constructor')(none)).toBe(false);
    expect(parseSelector('constructor')(has)).toBe(true);
    expect(parseSelector('!constructor')(none)).toBe(true);
    expect(parseSelector('toString in (7)')(has)).toBe(true);
    expect(parseSelector('toString>6')(has)).toBe(true);
    expect(parseSelector('valueOf=x')({})).toBe(false);
    expect(parseSelector('hasOwnProperty!=x')({})).toBe(true);
    expect(parseSelector('constructor').text).toBe('constructor');
  });

  it('operators are looked up as own names', () => {
    expect(() => labelSelectorAsMatcher({ matchExpressions: [{ key: 'a', operator: 'constructor' as never }] })).toThrowError('"constructor" is not a valid label selector operator');
    expect(() => labelSelectorAsMatcher({ matchExpressions: [{ key: 'a' } as never] })).toThrowError('"" is not a valid label selector operator');
    expect(matchesSelector({ a: 'x' }, { matchExpressions: [{ key: 'a', operator: 'toString' as never }] })).toBe(false);
    expect(matchesSelector({}, { matchLabels: { constructor: 'x' } })).toBe(false);
  });
});
