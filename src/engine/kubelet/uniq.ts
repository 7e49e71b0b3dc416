/**
 * busybox 1.36.1's `uniq` (glibc, the C locale): `-c -d -u -i -z`, `-f N`,
 * `-s N`, `-w N`, `[FILE [OUTFILE]]`, its messages and exit codes. Lines are
 * compared as bytes.
 */
// Behaviour of busybox coreutils/uniq.c uniq_main (busybox 1.36.1).
import type { CommandResult } from './commands';
import { getopt, GetoptError, xatoiPositive } from './getopt';
import { ExecStop, SHELL_STRING_MAX } from './limits';
import type { Shell } from './shell';
import { utf8Decode, utf8Encode } from '../../lib/utf8';

const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';
export const UNIQ_USAGE = `${BANNER}Usage: uniq [-cduiz] [-f,s,w N] [FILE [OUTFILE]]

Discard duplicate lines

\t-c\tPrefix lines by the number of occurrences
\t-d\tOnly print duplicate lines
\t-u\tOnly print unique lines
\t-i\tIgnore case
\t-z\tNUL terminated output
\t-f N\tSkip first N fields
\t-s N\tSkip first N chars (after any skipped fields)
\t-w N\tCompare N characters in line
`;

/** Bytes as a string of code units 0–255, so comparisons are strncmp's. */
const toBytes = (s: string): string => {
  const b = utf8Encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 8192) out += String.fromCharCode(...b.subarray(i, i + 8192));
  return out;
};
const fromBytes = (s: string): string => utf8Decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

export function uniq(sh: Shell, args: string[], stdin: string): CommandResult {
  let skipFields = 0;
  let skipChars = 0;
  let maxChars = 2147483647;
  const o = new Set<string>();
  let operands: string[];
  try {
    const r = getopt('uniq', args, { flags: 'cduiz', withArg: 'fsw' }, (name, arg) => {
      if (arg === undefined) return;
      const n = xatoiPositive(arg);
      if (typeof n === 'string') throw new Die(n);
      if (name === 'f') skipFields = n;
      if (name === 's') skipChars = n;
      if (name === 'w') maxChars = n;
    });
    for (const x of r.opts) o.add(x.name);
    operands = r.operands;
  } catch (e) {
    if (e instanceof GetoptError) return { stdout: '', stderr: `${e.message}\n${UNIQ_USAGE}`, exitCode: 1 };
    if (e instanceof Die) return { stdout: '', stderr: `uniq: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
  let text = stdin;
  const [input, output, extra] = operands;
  if (input !== undefined && input !== '-') {
    const abs = sh.abs(input);
    const data = sh.ctx.fs.isDir(abs) ? '' : sh.ctx.fs.read(abs);
    if (data === undefined) return { stdout: '', stderr: `uniq: can't open '${input}': No such file or directory\n`, exitCode: 1 };
    text = data;
  }
  if (extra !== undefined) return { stdout: '', stderr: UNIQ_USAGE, exitCode: 1 };
  if (text.length > SHELL_STRING_MAX) throw new ExecStop(`uniq: the playground stops a command whose output passes ${SHELL_STRING_MAX} bytes\n`, 1);
  sh.ctx.budget.spend(text.length);
  const eol = o.has('z') ? '\0' : '\n';
  const lines = text === '' ? [] : toBytes(text).replace(/\n$/, '').split('\n');
  const key = (line: string): string => {
    let i = 0;
    for (let f = skipFields; f > 0; f--) {
      while (i < line.length && isSpace(line.charCodeAt(i))) i++;
      while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
    }
    i = Math.min(line.length, i + skipChars);
    const k = line.slice(i, i + maxChars);
    return o.has('i') ? k.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : k;
  };
  let out = '';
  for (let i = 0; i < lines.length; ) {
    const first = lines[i] as string;
    const k = key(first);
    let j = i + 1;
    while (j < lines.length && key(lines[j] as string) === k) j++;
    const dups = j - i - 1;
    if (!(dups ? o.has('u') : o.has('d'))) out += `${o.has('c') ? `${String(dups + 1).padStart(7)} ` : ''}${first}${eol}`;
    i = j;
  }
  const result = fromBytes(out);
  if (output !== undefined && output !== '-') {
    const err = sh.ctx.fs.write(sh.abs(output), result, false);
    if (err) return { stdout: '', stderr: `uniq: can't open '${output}': ${err === 'nonexistent directory' ? 'No such file or directory' : err}\n`, exitCode: 1 };
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  return { stdout: result, stderr: '', exitCode: 0 };
}

class Die extends Error {}
