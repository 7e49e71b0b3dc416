/**
 * Locale-free string ordering. Go compares strings byte by byte on their
 * UTF-8 encoding; that is the same as comparing code points. JavaScript's
 * `<` compares UTF-16 code units, which agrees except when a character above
 * U+FFFF (a surrogate pair) meets one in U+E000–U+FFFF: UTF-16 puts the pair
 * first, UTF-8 puts it last. `localeCompare` depends on the reader's browser
 * and is never used for anything the simulation prints.
 */

/** Go's `strings.Compare(a, b)` for the UTF-8 encodings of `a` and `b`: -1, 0 or 1. */
export function compareBytes(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Move surrogates (U+D800–U+DFFF, the halves of code points above U+FFFF) above U+E000–U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Go's `a < b` on strings. */
export const goLess = (a: string, b: string): boolean => compareBytes(a, b) < 0;

/** The keys of an object that hold a value, in Go's byte order: the order Go prints and marshals a map in. */
export function goKeys(o: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort(compareBytes);
}

/** A sorted copy in Go's byte order (`sort.Strings`). */
export function sortedBytes(items: Iterable<string>): string[] {
  return [...items].sort(compareBytes);
}
