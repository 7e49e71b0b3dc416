import { describe, expect, it } from 'vitest';
import {
  canonicalQuantity,
  compareQuantity,
  formatQuantity,
  isValidQuantity,
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  quantityFromNumber,
  quantityValue,
} from './quantity';

/**
 * Stored forms observed with kubectl v1.32.4 (`kubectl set resources --local
 * -f pod.yaml --limits=memory=<in> -o jsonpath=…`), which round-trips through
 * resource.ParseQuantity and Quantity.String() exactly as the API server does.
 */
const STORED: [string, string][] = [
  ['1024Mi', '1Gi'],
  ['1Gi', '1Gi'],
  ['1.5Gi', '1536Mi'],
  ['0.5', '500m'],
  ['100m', '100m'],
  ['1e3', '1e3'],
  ['1500e3', '1500e3'],
  ['2G', '2G'],
  ['1500M', '1500M'],
  ['1000Mi', '1000Mi'],
  ['1023Ki', '1023Ki'],
  ['1024', '1024'],
  ['1025', '1025'],
  ['512', '512'],
  ['0', '0'],
  ['1.5', '1500m'],
  ['100u', '100u'],
  ['1n', '1n'],
  ['1500', '1500'],
  ['2000', '2k'],
  ['1k', '1k'],
  ['1.5k', '1500'],
  ['0.1', '100m'],
  ['12e-3', '12e-3'],
  ['1E3', '1E3'],
  ['1e+3', '1e+3'],
  ['5Ei', '5Ei'],
  ['1Pi', '1Pi'],
  ['10.0', '10'],
  ['+1Gi', '+1Gi'],
  ['0.001', '1m'],
  ['0.0001', '100u'],
  ['1234567', '1234567'],
  ['1048576', '1048576'],
  ['3Ki', '3Ki'],
  ['1536', '1536'],
  ['1.5Mi', '1536Ki'],
  ['0.5Gi', '512Mi'],
  ['1.0Gi', '1Gi'],
  ['2e9', '2e9'],
  ['5e-1', '500e-3'],
  ['.', '0'],
  ['1.', '1.'],
  ['1.G', '1.G'],
  ['00Mi', '0'],
  ['007', '007'],
  ['-1Gi', '-1Gi'],
  ['1.5e3', '1500'],
  ['e3', '0'],
  ['123456789012345678', '123456789012345678'],
  ['0.000000001', '1n'],
  ['1e-10', '1e-9'],
  ['100000000000000000000', '100E'],
  ['-0.5', '-500m'],
  ['0.5Ki', '512'],
  ['1.5Ki', '1536'],
  ['1e-9', '1e-9'],
  ['7Ki', '7Ki'],
  ['8Ki', '8Ki'],
  ['-1500', '-1500'],
  ['0.0', '0'],
  ['1000m', '1'],
  ['1500m', '1500m'],
  ['300000u', '300m'],
  ['1e18', '1e18'],
  ['1e19', '10e18'],
  ['2Ti', '2Ti'],
];

describe('canonicalQuantity: the form the API server stores', () => {
  it.each(STORED)('%s is stored as %s', (input, stored) => {
    expect(canonicalQuantity(input)).toBe(stored);
  });

  it('rounds resource lists up to milli precision (SetDefaults_ResourceList)', () => {
    expect(canonicalQuantity('100u', true)).toBe('1m');
    expect(canonicalQuantity('1n', true)).toBe('1m');
    expect(canonicalQuantity('1500m', true)).toBe('1500m');
    expect(canonicalQuantity('1Gi', true)).toBe('1Gi');
  });

  it('accepts JSON numbers', () => {
    expect(canonicalQuantity(1)).toBe('1');
    expect(canonicalQuantity(0.5)).toBe('500m');
    expect(canonicalQuantity(2000)).toBe('2k');
  });
});

describe('malformed quantities', () => {
  it.each([
    ['5Gb', QUANTITY_FORMAT_ERROR],
    ['1.5.5', QUANTITY_FORMAT_ERROR],
    ['', QUANTITY_FORMAT_ERROR],
    ['1K', QUANTITY_SUFFIX_ERROR],
    ['1e', QUANTITY_SUFFIX_ERROR],
    ['1Ki5', QUANTITY_SUFFIX_ERROR],
    ['1Mi+', QUANTITY_SUFFIX_ERROR],
  ])('%s → %s', (input, message) => {
    expect(() => parseQuantity(input)).toThrowError(message);
    expect(isValidQuantity(input)).toBe(false);
  });

  it('the format error is upstream’s text', () => {
    expect(QUANTITY_FORMAT_ERROR).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('values and comparisons', () => {
  it.each([
    ['1Gi', 1073741824],
    ['500Mi', 524288000],
    ['2G', 2e9],
    ['1.5Gi', 1610612736],
    ['100m', 0.1],
    ['1e3', 1000],
    ['10Ti', 10 * 2 ** 40],
  ])('%s = %d', (q, v) => {
    expect(quantityValue(q)).toBe(v);
  });

  it('compares by value, not by text', () => {
    expect(compareQuantity('1Gi', '1024Mi')).toBe(0);
    expect(compareQuantity('1G', '1Gi')).toBe(-1);
    expect(compareQuantity('5Gi', '1Gi')).toBe(1);
    expect(compareQuantity('500m', '0.5')).toBe(0);
    expect(compareQuantity('1Ei', '1E')).toBe(1);
    expect(compareQuantity('-1', '0')).toBe(-1);
  });

  it('sorts a list of sizes', () => {
    const sizes = ['10Gi', '1Gi', '500Mi', '1G', '2Gi'];
    expect([...sizes].sort(compareQuantity)).toEqual(['500Mi', '1G', '1Gi', '2Gi', '10Gi']);
  });
});

describe('formatQuantity (printers)', () => {
  it('prints stored strings as Quantity.String()', () => {
    expect(formatQuantity('1Gi')).toBe('1Gi');
    expect(formatQuantity('1024Mi')).toBe('1Gi');
    expect(formatQuantity('not a quantity')).toBe('not a quantity');
  });

  it('formats byte counts in BinarySI', () => {
    expect(formatQuantity(1073741824)).toBe('1Gi');
    expect(formatQuantity(1536 * 1024 * 1024)).toBe('1536Mi');
    // Below 1Ki a BinarySI quantity prints in DecimalSI, as upstream does.
    expect(formatQuantity(1000)).toBe('1k');
    expect(formatQuantity(512)).toBe('512');
    expect(quantityFromNumber(2e9, 'DecimalSI')).toBe('2G');
  });
});

describe('properties', () => {
  it('the stored form keeps the value and is stable', async () => {
    const fc = await import('fast-check');
    const suffix = fc.constantFrom('', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ti', 'm', 'u', 'n', 'e3', 'e-3');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 999 }), suffix, (whole, frac, suf) => {
        const text = `${whole}${frac ? `.${frac}` : ''}${suf}`;
        const s = canonicalQuantity(text);
        expect(compareQuantity(s, text)).toBe(0);
        expect(canonicalQuantity(s)).toBe(s);
      }),
    );
  });
});
