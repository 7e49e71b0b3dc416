import { describe, expect, it } from 'vitest';
import { goParseInt, goParseUint, parseGoInt, underscoreOK } from './goint';

/** Go's strconv.ParseInt(s, 0, 64), which pflag applies to int flags: the value, or the error text. */
const GO: [string, string][] = [
  ["", "E:strconv.ParseInt: parsing \"\": invalid syntax"],
  [" 1", "E:strconv.ParseInt: parsing \" 1\": invalid syntax"],
  ["+5", "5"],
  ["-0", "0"],
  ["-0x10", "-16"],
  ["-9223372036854775808", "-9223372036854775808"],
  ["-9223372036854775809", "E:strconv.ParseInt: parsing \"-9223372036854775809\": value out of range"],
  ["0", "0"],
  ["00", "0"],
  ["010", "8"],
  ["08", "E:strconv.ParseInt: parsing \"08\": invalid syntax"],
  ["0X1F", "31"],
  ["0_1", "1"],
  ["0b11", "3"],
  ["0o17", "15"],
  ["0x", "E:strconv.ParseInt: parsing \"0x\": invalid syntax"],
  ["0x10", "16"],
  ["0x_1", "1"],
  ["1_", "E:strconv.ParseInt: parsing \"1_\": invalid syntax"],
  ["1_000", "1000"],
  ["1__0", "E:strconv.ParseInt: parsing \"1__0\": invalid syntax"],
  ["1e3", "E:strconv.ParseInt: parsing \"1e3\": invalid syntax"],
  ["9223372036854775807", "9223372036854775807"],
  ["9223372036854775808", "E:strconv.ParseInt: parsing \"9223372036854775808\": value out of range"],
  ["99999999999999999999x", "E:strconv.ParseInt: parsing \"99999999999999999999x\": value out of range"],
  ["_1", "E:strconv.ParseInt: parsing \"_1\": invalid syntax"],
  ["x", "E:strconv.ParseInt: parsing \"x\": invalid syntax"],
  ["١", "E:strconv.ParseInt: parsing \"١\": invalid syntax"],
];

describe('parseGoInt', () => {
  it.each(GO)('parses %j as Go does', (text, want) => {
    const got = parseGoInt(text);
    expect('error' in got ? `E:${got.error}` : String(got.value)).toBe(want);
  });
});

describe('goParseUint / goParseInt with a base (strconv.ParseUint / ParseInt)', () => {
  it.each([
    ['101', 2, 5n],
    ['2', 2, 'syntax'],
    ['1_0', 2, 'syntax'],
    ['1_0', 0, 10n],
    ['0b1_01', 0, 5n],
    ['-1', 0, 'syntax'],
    ['', 16, 'syntax'],
    ['ff', 16, 255n],
    ['FF', 16, 255n],
    ['zz', 36, 1295n],
    ['18446744073709551615', 10, 18446744073709551615n],
    ['18446744073709551616', 10, 'range'],
    ['99999999999999999999x', 10, 'range'],
  ] as [string, number, bigint | string][])('ParseUint(%j, %i, 64)', (s, base, want) => {
    expect(goParseUint(s, base)).toBe(want);
  });
  it.each([
    ['-11', 2, -3n, 64],
    ['+11', 2, 3n, 64],
    ['-', 10, 'syntax', 64],
    ['9223372036854775807', 10, 9223372036854775807n, 64],
    ['9223372036854775808', 10, 'range', 64],
    ['-9223372036854775808', 10, -9223372036854775808n, 64],
    ['-9223372036854775809', 10, 'range', 64],
    ['18446744073709551616', 10, 'range', 64],
    ['2147483648', 0, 'range', 32],
    ['-2147483648', 0, -2147483648n, 32],
  ] as [string, number, bigint | string, number][])('ParseInt(%j, %i, %i)', (s, base, want, bits) => {
    expect(goParseInt(s, base, bits)).toBe(want);
  });
  it('underscoreOK: only between digits or after a base prefix', () => {
    expect(['1_0', '0x_1', '-0b_1', '0_7'].map(underscoreOK)).toEqual([true, true, true, true]);
    expect(['_1', '1_', '1__0', '0x1_'].map(underscoreOK)).toEqual([false, false, false, false]);
  });
});
