import { describe, expect, it } from 'vitest';
import { goJsonSyntax, parseRequestJson } from './json-syntax';

/** [body, encoding/json's error] recorded from Go's json.Unmarshal. */
const ROWS: [string, string][] = [
  ["{spec: 1}", "invalid character 's' looking for beginning of object key string"],
  ["{\"a\":1,}", "invalid character '}' looking for beginning of object key string"],
  ["{\"a\" 1}", "invalid character '1' after object key"],
  ["{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair"],
  ["[1,]", "invalid character ']' looking for beginning of value"],
  ["[1 2]", "invalid character '2' after array element"],
  ["{\"a\":-}", "invalid character '}' in numeric literal"],
  ["{\"a\":-", "invalid character ' ' in numeric literal"],
  ["{\"a\":1.}", "invalid character '}' after decimal point in numeric literal"],
  ["{\"a\":1.", "invalid character ' ' after decimal point in numeric literal"],
  ["{\"a\":1e}", "invalid character '}' in exponent of numeric literal"],
  ["{\"a\":1e", "invalid character ' ' in exponent of numeric literal"],
  ["{\"a\":tru}", "invalid character '}' in literal true (expecting 'e')"],
  ["{\"a\":tr", "invalid character ' ' in literal true (expecting 'u')"],
  ["{\"a\":\"\\x\"}", "invalid character 'x' in string escape code"],
  ["{\"a\":\"\\u12g4\"}", "invalid character 'g' in \\u hexadecimal character escape"],
  ["{\"a\":\"\\", "invalid character ' ' in string escape code"],
  ["{\"a\":\"x", "unexpected end of JSON input"],
  ["{\"a\":\"\u0001\"}", "invalid character '\\x01' in string literal"],
  ["{\"a\":1}}", "invalid character '}' after top-level value"],
  ["{\"a\":01}", "invalid character '1' after object key:value pair"],
  ["", "unexpected end of JSON input"],
  ["   ", "unexpected end of JSON input"],
  ["{", "unexpected end of JSON input"],
  ["{\"a\":nul}", "invalid character '}' in literal null (expecting 'l')"],
  ["{\"a\":'x'}", "invalid character '\\'' looking for beginning of value"],
  ["{\"\u00e9\":1,\u00e9}", "invalid character '\u00c3' looking for beginning of object key string"],
  ["{\"a\":[1,2}", "invalid character '}' after array element"],
  ["{\"a\":{\"b\":1]}", "invalid character ']' after object key:value pair"],
  ["{\"a\":1}x", "invalid character 'x' after top-level value"],
  ["{\"a\":+1}", "invalid character '+' looking for beginning of value"],
  ["{\"a\":.5}", "invalid character '.' looking for beginning of value"],
];

describe('goJsonSyntax (encoding/json checkValid)', () => {
  for (const [body, err] of ROWS) {
    it(`${JSON.stringify(body)} → ${err}`, () => expect(goJsonSyntax(body)).toBe(err));
  }
  it('accepts valid JSON and finds numbers a float64 cannot hold', () => {
    expect(goJsonSyntax('{"a":[1,-2.5e3,true,false,null,"\\u00e9"],"b":{}}')).toBeUndefined();
    expect(parseRequestJson('{"s":"1e999","a":[1,1e309]}')).toEqual({ value: { s: '1e999', a: [1, Infinity] }, overflow: '1e309', duplicates: [] });
  });
  it('finds keys repeated in one object, with their paths (DisallowDuplicateFields)', () => {
    const r = parseRequestJson('{"spec":{"replicas":1,"x":{"a\\"b":1,"a\\"b":2},"replicas":2},"l":[{"k":1,"k":2}],"spec":{}}');
    expect(r.duplicates).toEqual(['duplicate field "spec.x.a\\"b"', 'duplicate field "spec.replicas"', 'duplicate field "l[0].k"', 'duplicate field "spec"']);
    expect(r.value).toEqual({ spec: {}, l: [{ k: 2 }] });
  });
});
