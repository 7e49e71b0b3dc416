import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, type FlagSpec } from './flags';
import { splitWords } from './shell-words';

const specs: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'replicas', type: 'int', default: -1 },
  { name: 'label-columns', short: 'L', type: 'strings' },
];

describe('parseFlags (pflag rules)', () => {
  it('accepts every spelling of a flag, anywhere among the arguments', () => {
    const p = parseFlags(['pods', '-oyaml', '-wA', 'web-0', '--replicas=3', '-L', 'a,b', '-L=c'], specs);
    expect(p.args).toEqual(['pods', 'web-0']);
    expect(p.flags).toMatchObject({ output: 'yaml', watch: true, 'all-namespaces': true, replicas: 3, 'label-columns': ['a', 'b', 'c'] });
  });

  it('keeps what follows -- apart', () => {
    const p = parseFlags(['web-0', '--', 'sh', '-c', 'ls -l'], specs);
    expect(p.args).toEqual(['web-0']);
    expect(p.afterDash).toEqual(['sh', '-c', 'ls -l']);
  });

  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-o'], "flag needs an argument: 'o' in -o"],
    [['--output'], 'flag needs an argument: --output'],
    [['--replicas=x'], 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'],
  ])('%j fails with cobra\'s text', (argv, msg) => {
    expect(() => parseFlags(argv, specs)).toThrow(new FlagError(msg));
  });
});

describe('splitWords', () => {
  it('handles quotes and escapes as a shell does', () => {
    expect(splitWords(`kubectl patch sts web -p '{"spec":{"replicas":3}}'`)).toEqual(['kubectl', 'patch', 'sts', 'web', '-p', '{"spec":{"replicas":3}}']);
    expect(splitWords(`a "b c" d\\ e "x\\"y"`)).toEqual(['a', 'b c', 'd e', 'x"y']);
    expect(() => splitWords(`echo 'oops`)).toThrow();
  });
});
