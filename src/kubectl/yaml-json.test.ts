import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GoYamlError, goYamlValue, jsonUnsupported, MAX_ALIAS_DECODES, parseKubectlYaml } from './yaml-json';

/** What kubectl converts, without the +Inf check (jsonUnsupported is tested on its own below). */
const toJS = (text: string) => {
  const doc = parseKubectlYaml(text)[0];
  try {
    return doc ? (goYamlValue(doc) as Record<string, unknown>) : null;
  } catch (e) {
    if (e instanceof GoYamlError && e.message.startsWith('json: unsupported value')) return doc?.toJS() as Record<string, unknown>;
    throw e;
  }
};
const convert = (text: string): unknown => {
  const doc = parseKubectlYaml(text)[0];
  try {
    return doc ? goYamlValue(doc) : null;
  } catch (e) {
    if (e instanceof GoYamlError) return `error: ${e.message}`;
    throw e;
  }
};

describe('YAML as kubectl converts it (go-yaml v2, YAML 1.1)', () => {
  it('resolves scalars as go-yaml v2 does (recorded from kubectl 1.32 patch --local -o json)', () => {
    const v = toJS(
      ['a: 1e3', 'b: 1.5', 'c: 0x1F', 'd: yes', 'e: 0o17', 'f: 017', 'g: 1_000', 'l: 1:20', 'm: 0b101', 'n2: +12', 'p: 2.50', 'q: 1.0', 'r: on', 's: y', 't: 1e-7', 'ae: 08', 'ts: 2001-12-14', 'e2: Off', 'bin: !!binary aGVsbG8=', 'y: ~', 'n: 1'].join('\n'),
    );
    expect(v).toEqual({ a: 1000, b: 1.5, c: 31, d: true, e: 15, f: 15, g: 1000, l: '1:20', m: 5, n2: 12, p: 2.5, q: 1, r: true, s: true, t: 1e-7, ae: 8, ts: '2001-12-14', e2: false, bin: 'hello', true: null, false: 1 });
  });
  it('reads numbers with go-yaml v2 rules (first character, underscores)', () => {
    const v = toJS(['a: e2', 'b: 1e', 'c: .5e3', 'd: _1', 'e: 1_0.5', 'f: 1.5_0', 'h: -.5', 'i: +1e3', 'j: 1E+05', 'k: 1__2', 'l: 0x_1F', 'm: _1.5', 'n: 1.e2', 'p: ._5', 'q: 0b_1', 'r: -0x1F', 's: 0.', 't: 1_', 'v: 2e-3', 'w: 1.5e2_0'].join('\n'));
    expect(v).toEqual({ a: 'e2', b: '1e', c: 500, d: '_1', e: 10.5, f: 1.5, h: -0.5, i: 1000, j: 100000, k: 12, l: 31, m: '_1.5', false: 100, p: '._5', q: 1, r: -31, s: 0, t: 1, v: 0.002, w: 1.5e20 });
  });
  it('lets a later duplicate key win and merges << keys', () => {
    expect(toJS('name: p\nname: q\nbase: &b {x: 1, z: 2}\nd:\n  <<: *b\n  z: 3\n')).toEqual({ name: 'q', base: { x: 1, z: 2 }, d: { x: 1, z: 3 } });
  });
  it('names the first number JSON cannot hold, in Go map order', () => {
    expect(jsonUnsupported(toJS('b: .nan\na: [1, -.inf]\n'))).toBe('json: unsupported value: -Inf');
    expect(jsonUnsupported(toJS('provisioner: 1e309\n'))).toBe('json: unsupported value: +Inf');
    expect(jsonUnsupported(toJS('a: 1\n'))).toBeUndefined();
  });
});

describe('goYamlValue: the JSON kubectl makes of a YAML document (recorded from kubectl 1.32.5 patch --local)', () => {
  it('merges << as go-yaml v2: a merge overrides keys before it, earlier maps of a list win', () => {
    expect(convert('labels:\n  z: "3"\n  <<: {z: "1", x: "2"}\n  <<: [{w: "a", v: "1"}, {w: "b", u: "2"}]\n')).toEqual({ labels: { u: '2', v: '1', w: 'a', x: '2', z: '1' } });
    expect(convert('labels:\n  <<: 5\n')).toBe('error: yaml: map merge requires map or sequence of maps as the value');
  });
  it('expands aliases, and refuses the ones go-yaml refuses', () => {
    expect(convert('a: &x {b: 1}\nc: *x\n')).toEqual({ a: { b: 1 }, c: { b: 1 } });
    expect(convert('a: *x\n')).toBe("error: yaml: unknown anchor 'x' referenced");
    expect(convert('c: *x\na: &x 1\n')).toBe("error: yaml: unknown anchor 'x' referenced");
    expect(convert('a: &a [*a]\n')).toBe("error: yaml: anchor 'a' value contains itself");
    expect(convert('a: &a {b: *a}\n')).toBe("error: yaml: anchor 'a' value contains itself");
  });
  it('refuses alias bombs before building them', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    expect(convert(lines.join('\n'))).toBe('error: yaml: document contains excessive aliasing');
    // A few thousand aliased values are fine (go-yaml allows 99% of aliases up to 400,000 decodes).
    expect(MAX_ALIAS_DECODES).toBeGreaterThanOrEqual(10_000);
    expect(convert('a: &a [1, 2, 3]\nb: [' + Array.from({ length: 1000 }, () => '*a').join(', ') + ']')).toMatchObject({ a: [1, 2, 3] });
  });
  it('a list or a map as a key is an error; keys become strings as sigs.k8s.io/yaml writes them', () => {
    expect(convert('[a, b]: 1\n')).toBe('error: yaml: invalid map key: []interface {}{"a", "b"}');
    expect(convert('x:\n  {a: 1}: 1\n')).toBe('error: yaml: invalid map key: map[interface {}]interface {}{"a":1}');
    expect(convert('? [a]\n: 1\n')).toBe('error: yaml: invalid map key: []interface {}{"a"}');
    expect(convert('~: 1\n')).toBe('error: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1');
    expect(convert('18446744073709551615: [a]\n')).toBe('error: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: []interface {}{"a"}');
    expect(convert('1e6: a\n1.5: b\n0x10: c\n.inf: d\n-.inf: e\n3.14159265358979: f\n9223372036854775807: g\n0b101: h\n017: i\n')).toEqual({
      '1e+06': 'a',
      '1.5': 'b',
      '16': 'c',
      '.inf': 'd',
      '-.inf': 'e',
      '3.1415927': 'f',
      '9223372036854775807': 'g',
      '5': 'h',
      '15': 'i',
    });
  });
  it('keeps user keys as data (__proto__ included)', () => {
    const v = convert('__proto__: {polluted: true}\nconstructor: 1\n') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the yaml package never prints', () => {
  const warnings: unknown[] = [];
  beforeEach(() => {
    warnings.length = 0;
    vi.spyOn(process, 'emitWarning').mockImplementation((w: unknown) => void warnings.push(w));
    vi.spyOn(console, 'warn').mockImplementation((w: unknown) => void warnings.push(w));
  });
  afterEach(() => vi.restoreAllMocks());
  it('not for collection keys, nor unknown tags', () => {
    for (const text of ['[a, b]: 1\n', '{a: 1}: 2\n', 'a: !foo bar\n', 'x:\n  ? [a]\n  : 1\n']) convert(text);
    expect(warnings).toEqual([]);
  });
});
