/**
 * Pieces of the terminal shell's expansion that need no shell state: brace
 * expansion (`{a,b}`, `{1..3}`), bracket expressions and `${x/p/r}`'s
 * argument for patterns, bash's `echo -e` escapes, and the distance behind
 * "did you mean". Each bounds its own work (SHELL_LIMITS).
 */
// Behaviour of bash 5.2 braces.c (brace_expand, mkseq), pathexp/glob bracket matching and builtins/echo.def.
import type { Part } from './shell-syntax';

/** Ends the whole command line: a limit was passed. The message follows `bash: `. */
export class ShellLimit extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/** Words one brace expansion makes at most. */
export const BRACE_WORDS = 100_000;

/** One unit of a pattern: a character, `*`, `?` or a bracket expression. */
export type PatUnit = { c: string } | { star: true } | { any: true } | { set: (c: string) => boolean };

/** Levenshtein distance of two short names, at most `max + 1`. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] as number;
}

/** `-e` escapes of bash's echo; `\c` stops the output. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[i + 1] as string;
    if (d === 'c') return { text: out, stop: true };
    if (d in simple) {
      out += simple[d];
      i++;
    } else if (d === '0') {
      let digits = '';
      let j = i + 2;
      while (digits.length < 3 && /[0-7]/.test(s[j] ?? '')) digits += s[j++];
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i = j - 1;
    } else if (d === 'x' && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      let digits = '';
      let j = i + 2;
      while (digits.length < 2 && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
      out += String.fromCharCode(parseInt(digits, 16));
      i = j - 1;
    } else if ((d === 'u' || d === 'U') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      let digits = '';
      let j = i + 2;
      while (digits.length < (d === 'u' ? 4 : 8) && /[0-9a-fA-F]/.test(s[j] ?? '')) digits += s[j++];
      const cp = parseInt(digits, 16);
      out += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
      i = j - 1;
    } else out += c;
  }
  return { text: out, stop: false };
}

/** A bracket expression starting at `chars[i]` ('['): its test and the index of its ']'. */
export function bracket(chars: string[], i: number): { test: (c: string) => boolean; end: number } | undefined {
  let j = i + 1;
  const negate = chars[j] === '!' || chars[j] === '^';
  if (negate) j++;
  const ranges: [string, string][] = [];
  let first = true;
  while (j < chars.length && (chars[j] !== ']' || first)) {
    const a = chars[j] as string;
    if (chars[j + 1] === '-' && chars[j + 2] !== undefined && chars[j + 2] !== ']') {
      ranges.push([a, chars[j + 2] as string]);
      j += 3;
    } else {
      ranges.push([a, a]);
      j++;
    }
    first = false;
  }
  if (j >= chars.length) return undefined;
  const test = (c: string) => {
    const cp = c.codePointAt(0) as number;
    const hit = ranges.some(([lo, hi]) => cp >= (lo.codePointAt(0) as number) && cp <= (hi.codePointAt(0) as number));
    return hit !== negate;
  };
  return { test, end: j };
}

/** Splits `${x/pat/rep}`'s argument at its first unquoted '/'. */
export function splitAtSlash(parts: Part[]): { pat: Part[]; rep: Part[] | undefined } {
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k] as Part;
    if (p.k !== 'lit' || p.quoted) continue;
    const at = p.text.indexOf('/');
    if (at < 0) continue;
    const before: Part[] = at > 0 ? [{ k: 'lit', text: p.text.slice(0, at), quoted: false }] : [];
    const after: Part[] = at + 1 < p.text.length ? [{ k: 'lit', text: p.text.slice(at + 1), quoted: false }] : [];
    return { pat: [...parts.slice(0, k), ...before], rep: [...after, ...parts.slice(k + 1)] };
  }
  return { pat: parts, rep: undefined };
}

export type Item = string | Part;

/**
 * bash's brace expansion over a word's items (single unquoted characters and
 * opaque parts). Braces are matched once per call (a stack), so a word full
 * of `{` costs what it is long; nesting is bounded, since 17 groups of two
 * already pass the word limit.
 */
export function braceExpand(items: Item[], budget: { left: number }, depth = 0): Item[][] {
  if (depth > 64) throw new ShellLimit(`the playground expands braces into at most ${BRACE_WORDS} words`);
  // For each '{': its matching '}' and the commas at its own level.
  const close = new Map<number, number>();
  const commas = new Map<number, number[]>();
  const stack: number[] = [];
  items.forEach((it, j) => {
    if (it === '{') {
      stack.push(j);
      commas.set(j, []);
    } else if (it === '}' && stack.length) close.set(stack.pop() as number, j);
    else if (it === ',' && stack.length) commas.get(stack[stack.length - 1] as number)?.push(j);
  });
  for (let i = 0; i < items.length; i++) {
    const end = items[i] === '{' ? close.get(i) : undefined;
    if (end === undefined) continue;
    let alternatives: Item[][] | undefined;
    const cs = commas.get(i) ?? [];
    if (cs.length) {
      alternatives = [];
      let from = i + 1;
      for (const c of [...cs, end]) {
        alternatives.push(items.slice(from, c));
        from = c + 1;
      }
    } else {
      const body = items.slice(i + 1, end);
      if (body.every((x) => typeof x === 'string')) alternatives = sequence(body.join(''), budget)?.map((x) => [...x]);
    }
    if (!alternatives) continue;
    const pre = items.slice(0, i);
    const tails = braceExpand(items.slice(end + 1), budget, depth + 1);
    const out: Item[][] = [];
    for (const alt of alternatives) {
      for (const a of braceExpand(alt, budget, depth + 1)) {
        for (const t of tails) {
          if (--budget.left < 0) throw new ShellLimit(`the playground expands braces into at most ${BRACE_WORDS} words`);
          out.push([...pre, ...a, ...t]);
        }
      }
    }
    return out;
  }
  return [items];
}

/** `{x..y[..step]}` of integers or single letters; undefined when it is not one. */
function sequence(body: string, budget: { left: number }): string[] | undefined {
  const num = /^([+-]?[0-9]+)\.\.([+-]?[0-9]+)(?:\.\.([+-]?[0-9]+))?$/.exec(body);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([+-]?[0-9]+))?$/.exec(body);
  const m = num ?? chr;
  if (!m) return undefined;
  const big = (s: string) => BigInt(s);
  const stepText = m[3];
  if (stepText !== undefined && (big(stepText) > 2n ** 63n - 1n || big(stepText) < -(2n ** 63n))) return undefined;
  let step = stepText === undefined ? 1n : big(stepText) < 0n ? -big(stepText) : big(stepText);
  if (step === 0n) step = 1n;
  let a: bigint;
  let b: bigint;
  if (num) {
    a = big(m[1] as string);
    b = big(m[2] as string);
    const limit = 2n ** 63n;
    if (a >= limit || a < -limit || b >= limit || b < -limit) return undefined;
  } else {
    a = BigInt((m[1] as string).charCodeAt(0));
    b = BigInt((m[2] as string).charCodeAt(0));
  }
  const count = (a <= b ? b - a : a - b) / step + 1n;
  if (count > BigInt(budget.left)) throw new ShellLimit(`the playground expands braces into at most ${BRACE_WORDS} words`);
  const zeroPad = num && [m[1] as string, m[2] as string].some((s) => /^[+-]?0[0-9]/.test(s));
  const width = zeroPad ? Math.max((m[1] as string).length, (m[2] as string).length) : 0;
  const out: string[] = [];
  for (let k = 0n, v = a; k < count; k++, v = a <= b ? v + step : v - step) {
    if (!num) out.push(String.fromCharCode(Number(v)));
    else if (width) out.push(v < 0n ? `-${String(-v).padStart(width - 1, '0')}` : String(v).padStart(width, '0'));
    else out.push(String(v));
  }
  return out;
}

