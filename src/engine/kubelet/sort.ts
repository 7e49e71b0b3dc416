/**
 * busybox 1.36.1's `sort` (FEATURE_SORT_BIG, glibc, the C locale): keys
 * (`-k N[.C][OPTS][,M[.C][OPTS]]`), `-t`, `-n -g -h -M -V`, `-b -d -f -i -r`,
 * `-u -s -c -z -o`, its messages and exit codes. Lines are compared as bytes.
 */
// Behaviour of busybox coreutils/sort.c sort_main, get_key, compare_keys (busybox 1.36.1).
import type { CommandResult } from './commands';
import { getopt, GetoptError } from './getopt';
import { ExecStop, SHELL_STRING_MAX } from './limits';
import type { Shell } from './shell';
import { utf8Decode, utf8Encode } from '../../lib/utf8';

const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';
export const SORT_USAGE = `${BANNER}Usage: sort [-nrughMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...

Sort lines of text

\t-o FILE\tOutput to FILE
\t-c\tCheck whether input is sorted
\t-b\tIgnore leading blanks
\t-f\tIgnore case
\t-i\tIgnore unprintable characters
\t-d\tDictionary order (blank or alphanumeric only)
\t-n\tSort numbers
\t-g\tGeneral numerical sort
\t-h\tSort human readable numbers (2K 1G)
\t-M\tSort month
\t-V\tSort version
\t-t CHAR\tField separator
\t-k N[,M] Sort by Nth field
\t-r\tReverse sort order
\t-s\tStable (don't sort ties alphabetically)
\t-u\tSuppress duplicate lines
\t-z\tNUL terminated input and output
`;

/** Option letters in busybox's OPT_STR order: a flag's bit is its index. */
const OPT_STR = 'nghMVucszbrdfimS:T:o:k:*t:';
const LETTERS = OPT_STR.replace(/[:*]/g, '');
const F = Object.fromEntries([...LETTERS].map((c, i) => [c, 1 << i])) as Record<string, number>;
const FLAG_bb = 0x80000000 | 0;
const FLAG_no_tie_break = 0x40000000;
const TYPES = F.n! | F.g! | F.h! | F.M! | F.V!;
const ALLOWED_FOR_K = F.n! | F.g! | F.h! | F.M! | F.b! | F.r! | F.d! | F.f! | F.i!;

interface Key {
  /** Start field, start char, end field, end char (0 = unset). */
  range: [number, number, number, number];
  flags: number;
}

class Die extends Error {}

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Bytes as a string of code units 0–255, so that `<` compares as strcmp does. */
const toBytes = (s: string): string => {
  const b = utf8Encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 8192) out += String.fromCharCode(...b.subarray(i, i + 8192));
  return out;
};
const fromBytes = (s: string): string => utf8Decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));

/** glibc strtod's longest prefix: the value and how many characters it used (0: no number). */
export function strtod(s: string): [number, number] {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const start = i;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  const rest = s.slice(i, i + 8).toLowerCase();
  if (rest.startsWith('inf')) return [sign * Infinity, i + (rest.startsWith('infinity') ? 8 : 3)];
  if (rest.startsWith('nan')) {
    let j = i + 3;
    const close = s[j] === '(' ? s.indexOf(')', j) : -1;
    if (close > 0 && /^[A-Za-z0-9_]*$/.test(s.slice(j + 1, close))) j = close + 1;
    return [NaN, j];
  }
  if (/^0x/.test(rest) && /[0-9a-f]/i.test((s[i + 2] ?? '') + (s[i + 2] === '.' ? (s[i + 3] ?? '') : ''))) {
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?/.exec(s.slice(i)) as RegExpExecArray;
    let v = 0;
    for (const c of m[1] ?? '') v = v * 16 + parseInt(c, 16);
    let scale = 1 / 16;
    for (const c of m[2] ?? '') {
      v += parseInt(c, 16) * scale;
      scale /= 16;
    }
    if (m[3] !== undefined) v *= 2 ** Number(m[3]);
    return [sign * v, i + m[0].length];
  }
  const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(s.slice(i));
  if (!m) return [0, 0];
  // An exponent marker without digits is not part of the number.
  const text = /[eE][+-]?$/.test(m[0]) ? m[0].replace(/[eE][+-]?$/, '') : m[0];
  return [sign * Number(text), start + (i - start) + text.length];
}

/** glibc strverscmp: version order ("a2" < "a10", "000" < "00" < "01" < "010" < "09" < "0" < "1"). */
export function strverscmp(a: string, b: string): number {
  // States S_N, S_I, S_F, S_Z are 0, 3, 6, 9; a character's class is 0 (other), 1 (1–9), 2 ('0').
  const NEXT = [0, 3, 9, 0, 3, 3, 0, 6, 6, 0, 6, 9];
  const CMP = 2;
  const LEN = 3;
  const RESULT = [
    CMP, CMP, CMP, CMP, LEN, CMP, CMP, CMP, CMP,
    CMP, -1, -1, +1, LEN, LEN, +1, LEN, LEN,
    CMP, CMP, CMP, CMP, CMP, CMP, CMP, CMP, CMP,
    CMP, +1, +1, -1, CMP, CMP, -1, CMP, CMP,
  ];
  const at = (s: string, i: number) => (i < s.length ? s.charCodeAt(i) : 0);
  const cls = (c: number) => (c === 48 ? 1 : 0) + (isDigit(c) ? 1 : 0);
  let i = 0;
  let c1 = at(a, i);
  let c2 = at(b, i);
  i++;
  let state = cls(c1);
  while (c1 === c2) {
    if (c1 === 0) return 0;
    state = NEXT[state] as number;
    c1 = at(a, i);
    c2 = at(b, i);
    i++;
    state += cls(c1);
  }
  const diff = c1 - c2;
  const r = RESULT[state * 3 + cls(c2)] as number;
  if (r === CMP) return diff;
  if (r !== LEN) return r;
  let j = i;
  while (isDigit(at(a, j))) {
    if (!isDigit(at(b, j))) return 1;
    j++;
  }
  return isDigit(at(b, j)) ? -1 : diff;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** strptime("%b") after leading blanks: the month (0–11) or undefined. */
function month(s: string): number | undefined {
  const t = s.replace(/^[ \t\n\v\f\r]+/, '').toLowerCase();
  for (let m = 0; m < 12; m++) if (t.startsWith(MONTH_NAMES[m] as string) || t.startsWith(MONTHS[m] as string)) return m;
  return undefined;
}

/** `-h`'s suffix: its place in "kmgtpezy" (upper case only beyond k), -1 for none. */
function scaleSuffix(tail: string): number {
  if (!tail) return -1;
  const n = 'kmgtpezy'.indexOf(String.fromCharCode(tail.charCodeAt(0) | 0x20));
  if (n < 0) return -1;
  if (n !== 0 && tail.charCodeAt(0) >= 97) return -1;
  return n;
}

class Sorter {
  keys: Key[] = [];
  separator = '';

  constructor(public mask: number) {}

  getKey(str: string, key: Key, flags: number): string {
    if (key.range[0] === 1 && !key.range[1] && !key.range[2] && !key.range[3] && !(flags & (F.b! | F.d! | F.f! | F.i! | FLAG_bb))) return str;
    const len = str.length;
    let start = 0;
    let end = 0;
    for (let j = 0; j < 2; j++) {
      if (!key.range[2 * j]) end = len;
      else {
        let ch = 0;
        end = 0;
        for (let i = 1; i < (key.range[2 * j] as number) + j; i++) {
          if (this.separator) {
            for (;;) {
              if (end >= len) {
                ch = 0;
                break;
              }
              ch = str.charCodeAt(end++);
              if (ch === this.separator.charCodeAt(0)) break;
            }
          } else {
            while (end < len && isSpace(str.charCodeAt(end))) end++;
            while (end < len && !isSpace(str.charCodeAt(end))) end++;
          }
        }
        if (j && ch) end--;
      }
      if (!j) start = end;
    }
    if (flags & F.b!) while (start < len && isSpace(str.charCodeAt(start))) start++;
    if (flags & FLAG_bb) while (end > start && isSpace(str.charCodeAt(end - 1))) end--;
    if (key.range[3]) end = Math.min(key.range[3], len);
    if (key.range[1]) start = Math.min(start + key.range[1] - 1, len);
    if (end < start) end = start;
    let out = str.slice(start, end);
    if (flags & F.d!) out = [...out].filter((c) => isSpace(c.charCodeAt(0)) || isAlnum(c.charCodeAt(0))).join('');
    if (flags & F.i!) out = [...out].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0x7e).join('');
    if (flags & F.f!) out = out.replace(/[a-z]+/g, (m) => m.toUpperCase());
    return out;
  }

  compare(xl: string, yl: string, xi: number, yi: number): number {
    let flags = this.mask;
    let retval = 0;
    for (const key of this.keys) {
      if (retval) break;
      flags = key.flags ? key.flags : this.mask;
      const x = this.getKey(xl, key, flags);
      const y = this.getKey(yl, key, flags);
      switch (flags & TYPES) {
        case F.V:
          retval = strverscmp(x, y);
          break;
        case 0:
          retval = x < y ? -1 : x > y ? 1 : 0;
          break;
        case F.g:
        case F.h: {
          const [dx, nx] = strtod(x);
          const [dy, ny] = strtod(y);
          if (nx === 0) retval = ny === 0 ? 0 : -1;
          else if (ny === 0) retval = 1;
          else if (Number.isNaN(dx)) retval = Number.isNaN(dy) ? 0 : -1;
          else if (Number.isNaN(dy)) retval = 1;
          else {
            if (flags & F.h!) {
              const xs = scaleSuffix(x.slice(nx));
              const ys = scaleSuffix(y.slice(ny));
              if (xs !== ys) {
                retval = xs - ys;
                break;
              }
            }
            retval = dx > dy ? 1 : dx < dy ? -1 : 0;
          }
          break;
        }
        case F.M: {
          const mx = month(x);
          const my = month(y);
          retval = mx === undefined ? (my === undefined ? 0 : -1) : my === undefined ? 1 : mx - my;
          break;
        }
        case F.n: {
          const dx = strtod(x)[0];
          const dy = strtod(y)[0];
          retval = dx > dy ? 1 : dx < dy ? -1 : 0;
          break;
        }
        default:
          throw new Die('unknown sort type');
      }
    }
    if (retval === 0) {
      if (this.mask & F.s!) return xi > yi ? 1 : -1;
      if (!(this.mask & FLAG_no_tie_break)) {
        flags = this.mask;
        retval = xl < yl ? -1 : xl > yl ? 1 : 0;
      }
    }
    return flags & F.r! ? -retval : retval;
  }
}

/** Parses `-k`'s argument into a key (busybox's str2u and key option letters). */
function parseKey(text: string): Key {
  const key: Key = { range: [0, 0, 0, 0], flags: 0 };
  let s = text;
  const num = (): number => {
    const m = /^[0-9]+/.exec(s);
    if (!m) throw new Die('bad field specification');
    s = s.slice(m[0].length);
    const v = Number(m[0]);
    if (v > 2147483647 || v === 0) throw new Die('bad field specification');
    return v;
  };
  let i = 0;
  while (s) {
    key.range[2 * i] = num();
    if (s[0] === '.') {
      s = s.slice(1);
      key.range[2 * i + 1] = num();
    }
    while (s) {
      if (s[0] === ',' && !i++) {
        s = s.slice(1);
        break;
      }
      const idx = OPT_STR.indexOf(s[0] as string);
      if (idx < 0 || ':*'.includes(s[0] as string)) throw new Die('unknown key option');
      let flag = 1 << LETTERS.indexOf(s[0] as string);
      if (flag & ~ALLOWED_FOR_K) throw new Die('unknown sort type');
      if (i && flag === F.b) flag = FLAG_bb;
      key.flags |= flag;
      s = s.slice(1);
    }
  }
  return key;
}

export function sort(sh: Shell, args: string[], stdin: string): CommandResult {
  let mask = 0;
  const kArgs: string[] = [];
  let t: string | undefined;
  let o: string | undefined;
  let operands: string[];
  try {
    const r = getopt('sort', args, { flags: 'nghMVucszbrdfim', withArg: 'STokt' });
    for (const opt of r.opts) {
      // "o--o:t--t": at most one -o and one -t.
      if ((opt.name === 'o' && o !== undefined) || (opt.name === 't' && t !== undefined)) return { stdout: '', stderr: SORT_USAGE, exitCode: 2 };
      mask |= F[opt.name] ?? 0;
      if (opt.name === 'k') kArgs.push(opt.arg ?? '');
      if (opt.name === 't') t = opt.arg ?? '';
      if (opt.name === 'o') o = opt.arg ?? '';
    }
    operands = r.operands;
  } catch (e) {
    if (!(e instanceof GetoptError)) throw e;
    return { stdout: '', stderr: `${e.message}\n${SORT_USAGE}`, exitCode: 2 };
  }
  const sorter = new Sorter(mask & F.b! ? mask | FLAG_bb : mask);
  try {
    if (t !== undefined) {
      const tb = toBytes(t);
      if (tb.length !== 1) throw new Die('bad -t parameter');
      sorter.separator = tb;
    }
    for (const k of kArgs) sorter.keys.push(parseKey(toBytes(k)));
  } catch (e) {
    if (e instanceof Die) return { stdout: '', stderr: `sort: ${e.message}\n`, exitCode: 2 };
    throw e;
  }
  // Read every input; the first that cannot be opened ends sort (coreutils 6.9 compatibility).
  let text = '';
  for (const name of operands.length ? operands : ['-']) {
    let data: string | undefined;
    if (name === '-') data = stdin;
    else {
      const abs = sh.abs(name);
      if (sh.ctx.fs.isDir(abs)) data = '';
      else data = sh.ctx.fs.read(abs);
      if (data === undefined) return { stdout: '', stderr: `sort: ${name}: No such file or directory\n`, exitCode: 2 };
    }
    if (text.length + data.length > SHELL_STRING_MAX) throw new ExecStop(`sort: the playground stops a command whose output passes ${SHELL_STRING_MAX} bytes\n`, 1);
    // Each file's last line ends at the file's end, newline or not.
    text += data === '' || data.endsWith(mask & F.z! ? '\0' : '\n') ? data : data + (mask & F.z! ? '\0' : '\n');
  }
  const sep = mask & F.z! ? '\0' : '\n';
  let lines = text === '' ? [] : toBytes(text).slice(0, -1).split(sep);
  sh.ctx.budget.spend(text.length * Math.max(1, Math.ceil(Math.log2(lines.length + 1))));
  if (!sorter.keys.length) sorter.keys.push({ range: [1, 0, 0, 0], flags: 0 });
  try {
    if (mask & F.c!) {
      const j = mask & F.u! ? -1 : 0;
      for (let i = 1; i < lines.length; i++) {
        if (sorter.compare(lines[i - 1] as string, lines[i] as string, i - 1, i) > j) return { stdout: '', stderr: `Check line ${i}\n`, exitCode: 1 };
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    const order = lines.map((l, i) => i);
    order.sort((a, b) => sorter.compare(lines[a] as string, lines[b] as string, a, b));
    lines = order.map((i) => lines[i] as string);
    if (mask & F.u!) {
      sorter.mask = (sorter.mask | FLAG_no_tie_break) & ~F.s!;
      const kept: string[] = [];
      for (const l of lines) if (!kept.length || sorter.compare(kept[kept.length - 1] as string, l, 0, 0) !== 0) kept.push(l);
      lines = kept;
    }
  } catch (e) {
    if (e instanceof Die) return { stdout: '', stderr: `sort: ${e.message}\n`, exitCode: 2 };
    throw e;
  }
  const out = fromBytes(lines.map((l) => l + sep).join(''));
  if (o !== undefined) {
    const err = sh.ctx.fs.write(sh.abs(o), out, false);
    if (err) return { stdout: '', stderr: `sort: can't open '${o}': ${err === 'nonexistent directory' ? 'No such file or directory' : err}\n`, exitCode: 2 };
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  return { stdout: out, stderr: '', exitCode: 0 };
}
