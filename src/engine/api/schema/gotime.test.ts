import { describe, expect, it } from 'vitest';
import { formatRFC3339, formatRFC3339Micro, goParseTime, RFC3339, RFC3339_MICRO } from './gotime';

/**
 * [input, UTC re-encoding, error] recorded from Go's time.Parse (RFC3339, and
 * RFC3339Micro for `micro:` inputs). One row differs from the Go 1.19 used to
 * record them: Go 1.20+ (Kubernetes 1.32 is built with 1.23) refuses a zone
 * offset hour above 24.
 */
const ROWS: [string, string, string][] = [
  ["yesterday", "", "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\""],
  ["", "", "parsing time \"\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"2006\""],
  ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", ""],
  ["2024-01-01T10:00:00.5+02:00", "2024-01-01T08:00:00Z", ""],
  ["2024-13-01T00:00:00Z", "", "parsing time \"2024-13-01T00:00:00Z\": month out of range"],
  ["2024-02-30T00:00:00Z", "", "parsing time \"2024-02-30T00:00:00Z\": day out of range"],
  ["2024-01-01T24:00:00Z", "", "parsing time \"2024-01-01T24:00:00Z\": hour out of range"],
  ["2024-01-01T00:60:00Z", "", "parsing time \"2024-01-01T00:60:00Z\": minute out of range"],
  ["2024-01-01T00:00:60Z", "", "parsing time \"2024-01-01T00:00:60Z\": second out of range"],
  ["2024-01-01", "", "parsing time \"2024-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\""],
  ["2024-01-01T00:00:00", "", "parsing time \"2024-01-01T00:00:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\""],
  ["2024-01-01T00:00:00+25:00", "", "parsing time \"2024-01-01T00:00:00+25:00\": time zone offset hour out of range"],
  ["2024-01-01T00:00:00+0100", "", "parsing time \"2024-01-01T00:00:00+0100\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"+0100\" as \"Z07:00\""],
  ["2024-01-01T00:00:00Zx", "", "parsing time \"2024-01-01T00:00:00Zx\": extra text: \"x\""],
  ["2024-1-01T00:00:00Z", "", "parsing time \"2024-1-01T00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"1-01T00:00:00Z\" as \"01\""],
  ["2024-01-01t00:00:00Z", "", "parsing time \"2024-01-01t00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"t00:00:00Z\" as \"T\""],
  ["2024-01-01T1:00:00Z", "2024-01-01T01:00:00Z", ""],
  ["2x24-01-01T00:00:00Z", "", "parsing time \"2x24-01-01T00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"-01-01T00:00:00Z\" as \"2006\""],
  ["2024-01-01T00:00:00*01:00", "", "parsing time \"2024-01-01T00:00:00*01:00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\""],
  ["2024-01-01T00:00:00,123Z", "2024-01-01T00:00:00Z", ""],
  ["2023-02-29T00:00:00Z", "", "parsing time \"2023-02-29T00:00:00Z\": day out of range"],
  ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z", ""],
  ["\u00e92024", "", "parsing time \"\\xc3\\xa92024\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\\xc3\\xa92024\" as \"2006\""],
  ["2024-01-01T00:00:00+01:7x", "", "parsing time \"2024-01-01T00:00:00+01:7x\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"Z07:00\""],
  ["0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", ""],
  ["2024-01-01T00:00:00.1234567891Z", "2024-01-01T00:00:00Z", ""],
  ["micro:2024-01-01T00:00:00.123456Z", "2024-01-01T00:00:00.123456Z", ""],
  ["micro:2024-01-01T00:00:00Z", "", "parsing time \"2024-01-01T00:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\""],
  ["micro:2024-01-01T00:00:00.12Z", "", "parsing time \"2024-01-01T00:00:00.12Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \".12Z\" as \".000000\""],
  ["micro:2024-01-01T00:00:00.-12345Z", "", "parsing time \"2024-01-01T00:00:00.-12345Z\": fractional second out of range"],
];

describe('goParseTime (Go time.Parse for metav1.Time and MicroTime)', () => {
  for (const [input, out, err] of ROWS) {
    it(`${JSON.stringify(input)} → ${err || out}`, () => {
      const micro = input.startsWith('micro:');
      const layout = micro ? RFC3339_MICRO : RFC3339;
      const value = micro ? input.slice('micro:'.length) : input;
      if (err) expect(() => goParseTime(layout, value)).toThrow(err);
      else {
        const t = goParseTime(layout, value);
        expect(micro ? formatRFC3339Micro(t) : formatRFC3339(t)).toBe(out);
      }
    });
  }
});
