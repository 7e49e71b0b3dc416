import { describe, expect, it } from 'vitest';
import { formatGoDuration, goDurationMs, parseDuration, parseGoDuration } from './duration';

/** Go 1.19 time.ParseDuration (unchanged since; kubectl 1.32 is built with Go 1.23): nanoseconds, or the error text. */
const GO_PARSE: [string, string][] = [
  ["", "E:time: invalid duration \"\""],
  [" 1s", "E:time: invalid duration \" 1s\""],
  ["\"s", "E:time: invalid duration \"\\\"s\""],
  ["+0", "0"],
  ["+2m", "120000000000"],
  ["-.s", "E:time: invalid duration \"-.s\""],
  ["-0", "0"],
  ["-1s", "-1000000000"],
  ["-9223372036854775808ns", "-9223372036854775808"],
  [".5s", "500000000"],
  [".s", "E:time: invalid duration \".s\""],
  ["0", "0"],
  ["0.0000000001s", "0"],
  ["1", "E:time: missing unit in duration \"1\""],
  ["1.0000000001s", "1000000000"],
  ["1.5.5s", "E:time: missing unit in duration \"1.5.5s\""],
  ["1.5s", "1500000000"],
  ["10000000000000000000000h", "E:time: invalid duration \"10000000000000000000000h\""],
  ["1_000s", "E:time: unknown unit \"_\" in duration \"1_000s\""],
  ["1d", "E:time: unknown unit \"d\" in duration \"1d\""],
  ["1e3s", "E:time: unknown unit \"e\" in duration \"1e3s\""],
  ["1h-1m", "E:time: unknown unit \"h-\" in duration \"1h-1m\""],
  ["1h2m3s", "3723000000000"],
  ["1hh", "E:time: unknown unit \"hh\" in duration \"1hh\""],
  ["1m30s", "90000000000"],
  ["1ns", "1"],
  ["1s", "1000000000"],
  ["1s ", "E:time: unknown unit \"s \" in duration \"1s \""],
  ["1us", "1000"],
  ["1x", "E:time: unknown unit \"x\" in duration \"1x\""],
  ["1µ", "E:time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\""],
  ["1µs", "1000"],
  ["1é", "E:time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\""],
  ["1μs", "1000"],
  ["2562047h", "9223369200000000000"],
  ["2562047h47m16.854775807s", "9223372036854775807"],
  ["2562047h47m16.854775808s", "E:time: invalid duration \"2562047h47m16.854775808s\""],
  ["2562048h", "E:time: invalid duration \"2562048h\""],
  ["3.33333333333333333333h", "12000000000000"],
  ["5.s", "5000000000"],
  ["500ms", "500000000"],
  ["9223372036854775807ns", "9223372036854775807"],
  ["9223372036854775808ns", "E:time: invalid duration \"9223372036854775808ns\""],
  ["99999999h", "E:time: invalid duration \"99999999h\""],
  ["abc", "E:time: invalid duration \"abc\""],
  ["h", "E:time: invalid duration \"h\""],
];

/** Go's time.Duration.String() of whole milliseconds. */
const GO_STRING: [number, string][] = [
  [0, "0s"],
  [1, "1ms"],
  [1000, "1s"],
  [1001, "1.001s"],
  [1500, "1.5s"],
  [160000, "2m40s"],
  [300000, "5m0s"],
  [3600000, "1h0m0s"],
  [61000, "1m1s"],
  [90061001, "25h1m1.001s"],
  [999, "999ms"],
];

describe('parseGoDuration', () => {
  it.each(GO_PARSE)('parses %j as Go does', (text, want) => {
    const got = parseGoDuration(text);
    expect('error' in got ? `E:${got.error}` : String(got.ns)).toBe(want);
  });

  it('quotes a lone surrogate as the U+FFFD Go holds in its place', () => {
    expect(parseGoDuration('1\ud800')).toEqual({ error: 'time: unknown unit "\\xef\\xbf\\xbd" in duration "1\\xef\\xbf\\xbd"' });
  });

  it('rounds a positive remainder of a millisecond up, so a tiny timeout is not "none"', () => {
    expect(goDurationMs(1n)).toBe(1);
    expect(goDurationMs(1_000_000n)).toBe(1);
    expect(goDurationMs(1_000_001n)).toBe(2);
    expect(goDurationMs(-1_500_000n)).toBe(-2);
    expect(goDurationMs(0n)).toBe(0);
  });
});

describe('formatGoDuration', () => {
  it.each(GO_STRING)('writes %i ms as Go does', (ms, want) => {
    expect(formatGoDuration(ms)).toBe(want);
  });
});

describe('parseDuration (the scenario format)', () => {
  it('keeps whole milliseconds and reads absurd lengths as huge, not as errors', () => {
    expect(parseDuration('1.0005s')).toBe(1001);
    expect(parseDuration('0.3333', true)).toBe(333);
    expect(parseDuration('99999999h')).toBe(99_999_999 * 3_600_000);
    expect(parseDuration(`${'9'.repeat(400)}h`)).toBe(Infinity);
    expect(parseDuration('1d')).toBeUndefined();
  });
});
