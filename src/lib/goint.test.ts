import { describe, expect, it } from 'vitest';
import { parseGoInt } from './goint';

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
