/**
 * Small text helpers for the editor: the one changed span between two texts
 * (so an outside change edits only that span and keeps the cursor and the
 * undo stack), and 1-based line/column ↔ offset conversion for the plain
 * textarea fallback.
 */

export interface TextChange {
  /** Offset in the old text where the change starts. */
  start: number;
  /** Offset in the old text where the change ends (exclusive). */
  end: number;
  /** What replaces old[start, end). */
  text: string;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The smallest single replacement turning `before` into `after`, or null when they are equal. */
export function changedSpan(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const min = Math.min(before.length, after.length);
  let start = 0;
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && (isHighSurrogate(before.charCodeAt(start - 1)) || (before.charCodeAt(start - 1) === 13 && before.charCodeAt(start) === 10))) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  if (endBefore < before.length && endAfter < after.length && (isLowSurrogate(before.charCodeAt(endBefore)) || (before.charCodeAt(endBefore) === 10 && before.charCodeAt(endBefore - 1) === 13))) {
    endBefore++;
    endAfter++;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

/** The offset of a 1-based line and column in `text`, clamped to the text. */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const max = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(column - 1, 0), max);
}

/** The offset of the end of a 1-based line (before its newline). */
export function lineEndAt(text: string, line: number): number {
  const start = offsetAt(text, line, 1);
  const nl = text.indexOf('\n', start);
  return nl < 0 ? text.length : nl;
}
