import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from './age';

describe('humanDuration', () => {
  // AGE values printed by real kubectl v1.32.4 (client-side printing) for objects created
  // N seconds before the command ran (N + ~0.5s elapsed), from 0s up to 10 years.
  const KUBECTL: [number, string][] = [
    [500, '0s'],
    [1500, '1s'],
    [59500, '59s'],
    [60500, '60s'],
    [61500, '61s'],
    [119500, '119s'],
    [120500, '2m'],
    [121500, '2m1s'],
    [179500, '2m59s'],
    [180500, '3m'],
    [539500, '8m59s'],
    [540500, '9m'],
    [541500, '9m1s'],
    [599500, '9m59s'],
    [600500, '10m'],
    [601500, '10m'],
    [660500, '11m'],
    [3599500, '59m'],
    [3600500, '60m'],
    [3660500, '61m'],
    [10799500, '179m'],
    [10800500, '3h'],
    [10860500, '3h1m'],
    [14400500, '4h'],
    [14460500, '4h1m'],
    [28799500, '7h59m'],
    [28800500, '8h'],
    [28860500, '8h'],
    [86399500, '23h'],
    [86400500, '24h'],
    [172799500, '47h'],
    [172800500, '2d'],
    [176400500, '2d1h'],
    [259200500, '3d'],
    [604799500, '6d23h'],
    [691199500, '7d23h'],
    [691200500, '8d'],
    [694800500, '8d'],
    [31535999500, '364d'],
    [31536000500, '365d'],
    [63071999500, '729d'],
    [63072000500, '2y'],
    [63158400500, '2y1d'],
    [94608000500, '3y'],
    [252287999500, '7y364d'],
    [252288000500, '8y'],
    [252374400500, '8y'],
    [315360000500, '10y'],
    [-500, '0s'],
    [-1500, '0s'],
    [-4500, '<invalid>'],
  ];
  for (const [ms, want] of KUBECTL) {
    it(`${ms}ms -> ${want}`, () => {
      expect(humanDuration(ms)).toBe(want);
    });
  }

  it('truncates toward zero at the exact boundaries', () => {
    const H = 3_600_000;
    const D = 24 * H;
    expect([
      humanDuration(-2000),
      humanDuration(-1999),
      humanDuration(-1000),
      humanDuration(0),
      humanDuration(999),
      humanDuration(119_999),
      humanDuration(120_000),
      humanDuration(599_999),
      humanDuration(600_000),
      humanDuration(3 * H - 1),
      humanDuration(3 * H),
      humanDuration(8 * H - 1),
      humanDuration(8 * H),
      humanDuration(48 * H - 1),
      humanDuration(48 * H),
      humanDuration(8 * D - 1),
      humanDuration(8 * D),
      humanDuration(730 * D - 1),
      humanDuration(730 * D),
      humanDuration(2920 * D - 1),
      humanDuration(2920 * D),
    ]).toEqual(['<invalid>', '0s', '0s', '0s', '0s', '119s', '2m', '9m59s', '10m', '179m', '3h', '7h59m', '8h', '47h', '2d', '7d23h', '8d', '729d', '2y', '7y364d', '8y']);
  });
});

describe('shortHumanDuration', () => {
  it('keeps a single unit (duration.ShortHumanDuration)', () => {
    const H = 3_600_000;
    const D = 24 * H;
    expect([
      shortHumanDuration(-2000),
      shortHumanDuration(-1500),
      shortHumanDuration(0),
      shortHumanDuration(45_000),
      shortHumanDuration(59_999),
      shortHumanDuration(60_000),
      shortHumanDuration(119_000),
      shortHumanDuration(H - 1),
      shortHumanDuration(H),
      shortHumanDuration(26 * H),
      shortHumanDuration(D - 1),
      shortHumanDuration(D),
      shortHumanDuration(364 * D),
      shortHumanDuration(365 * D - 1),
      shortHumanDuration(365 * D),
      shortHumanDuration(800 * D),
    ]).toEqual(['<invalid>', '0s', '0s', '45s', '59s', '1m', '1m', '59m', '1h', '1d', '23h', '1d', '364d', '364d', '1y', '2y']);
  });
});
