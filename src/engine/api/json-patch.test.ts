import { describe, expect, it } from 'vitest';
import { goJsonSize } from './json-patch';

describe('goJsonSize: the bytes of Go json.Marshal, counted without the text', () => {
  it.each([
    ['', 2],
    ['abc', 5],
    ['a"b\\c', 9],
    ['\n\r\t', 8],
    ['\b\f', 6],
    ['<>&', 20],
    ['\u2028\u2029', 14],
    ['\x01', 8],
    ['é日', 7],
    ['😀', 6],
  ])('string %j is %i bytes', (s, want) => {
    expect(goJsonSize(s)).toBe(want);
  });
  it('counts punctuation, keys and scalars of objects and arrays', () => {
    expect(goJsonSize({ a: [1, true, null, 'x'], '<': {} })).toBe('{"a":[1,true,null,"x"],"\\u003c":{}}'.length);
    expect(goJsonSize([])).toBe(2);
    expect(goJsonSize({ skipped: undefined, b: false })).toBe('{"b":false}'.length);
  });
});
