/**
 * Wildcard matching with `*` (any run, possibly empty) and `?` (one
 * character); every other character stands for itself. Two pointers and one
 * saved position: O(pattern × text) at worst, linear in practice, and no
 * regular expression is built from the pattern (so "****…x" cannot backtrack).
 */

import { utf8Encode } from './utf8';

/** The core over any sequence of units (code points, bytes). */
export function wildcardMatch<T>(p: ArrayLike<T>, t: ArrayLike<T>, star: T, any: T): boolean {
  let i = 0;
  let j = 0;
  let resume = -1; // position in p just after the last '*'
  let mark = 0; // position in t that the last '*' has stretched to
  while (j < t.length) {
    if (i < p.length && p[i] !== star && (p[i] === any || p[i] === t[j])) {
      i++;
      j++;
    } else if (i < p.length && p[i] === star) {
      while (i < p.length && p[i] === star) i++;
      resume = i;
      mark = j;
    } else if (resume >= 0) {
      // Let the last '*' take one more unit and try again from there.
      i = resume;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === star) i++;
  return i === p.length;
}

/** `*` and `?` over code points: `?` is one whole character, emoji included. */
export function globMatch(pattern: string, text: string): boolean {
  return wildcardMatch([...pattern], [...text], '*', '?');
}

/** `*` and `?` over UTF-8 bytes, as fnmatch does in the C locale: `?` is one byte. */
export function globMatchBytes(pattern: string, text: string): boolean {
  return wildcardMatch(utf8Encode(pattern), utf8Encode(text), 42, 63);
}
