/**
 * busybox 1.36.1's grep (as built for the busybox:1.36 image: glibc, the C
 * locale): its options, output, messages and exit codes, with its quirks
 * (patterns tried last-given first, `-o` after `-w`, `-ov`, `-m 0`). Regular
 * expressions come from regex.ts: glibc's dialect on a matcher that cannot
 * backtrack, so every search is bounded.
 */
// Behaviour of busybox findutils/grep.c grep_main, grep_file, print_line (busybox 1.36.1).
import type { CommandResult } from './commands';
import { getopt, GetoptError, xatoiPositive } from './getopt';
import { Regex, RegexBudgetError, RegexSyntaxError, isWordByte, type Budget } from './regex';
import type { Shell } from './shell';
import { utf8Decode, utf8Encode } from '../../lib/utf8';
import { EXEC_REGEX_STEPS } from './limits';

const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n';
export const GREP_USAGE = `${BANNER}Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...

Search for PATTERN in FILEs (or stdin)

\t-H\tAdd 'filename:' prefix
\t-h\tDo not add 'filename:' prefix
\t-n\tAdd 'line_no:' prefix
\t-l\tShow only names of files that match
\t-L\tShow only names of files that don't match
\t-c\tShow only count of matching lines
\t-o\tShow only the matching part of line
\t-q\tQuiet. Return 0 if PATTERN is found, 1 otherwise
\t-v\tSelect non-matching lines
\t-s\tSuppress open and read errors
\t-r\tRecurse
\t-R\tRecurse and dereference symlinks
\t-i\tIgnore case
\t-w\tMatch whole words only
\t-x\tMatch whole lines only
\t-F\tPATTERN is a literal (not regexp)
\t-E\tPATTERN is an extended regexp
\t-m N\tMatch up to N times per file
\t-A N\tPrint N lines of trailing context
\t-B N\tPrint N lines of leading context
\t-C N\tSame as '-A N -B N'
\t-e PTRN\tPattern to match
\t-f FILE\tRead pattern from file
`;

/** SIM: the `grep`s of one exec share a step budget (limits.ts). */
export const GREP_STEP_BUDGET = EXEC_REGEX_STEPS;


interface Pattern {
  text: string;
  bytes: Uint8Array;
  re?: Regex;
  /** regmatch_t of the last search, relative to where that search started (as busybox keeps it). */
  so: number;
  eo: number;
}

class Stop extends Error {
  constructor(readonly result: CommandResult) {
    super('grep stopped');
  }
}

/** Runs `grep` (or `egrep`/`fgrep`, by `argv0`'s base name). */
export function grep(sh: Shell, argv0: string, args: string[], stdin: string): CommandResult {
  const applet = argv0.slice(argv0.lastIndexOf('/') + 1);
  let out = '';
  let err = '';
  const die = (msg: string): CommandResult => ({ stdout: out, stderr: `${err}grep: ${msg}\n`, exitCode: 2 });
  // Standard input can be read once; a second '-' finds it at its end.
  let input: string | undefined = stdin;
  const takeStdin = (): string => {
    const t = input ?? '';
    input = undefined;
    return t;
  };

  const o = new Set<string>();
  const eArgs: string[] = [];
  const fArgs: string[] = [];
  let maxMatches = 0;
  let after = 0;
  let before = 0;
  let ctxC = 0;
  const onOption = (name: string, arg?: string) => {
    const num = (): number => {
      const n = xatoiPositive(arg as string);
      if (typeof n === 'string') throw new Stop(die(n));
      return n;
    };
    if (name === 'e') eArgs.push(arg as string);
    else if (name === 'f') fArgs.push(arg as string);
    else if (name === 'm') maxMatches = num();
    else if (name === 'A') after = num();
    else if (name === 'B') before = num();
    else if (name === 'C') {
      ctxC = num();
      o.delete('A'); // -C unsets an earlier -A and -B
      o.delete('B');
    } else if (name === 'H') o.delete('h'); // -H unsets -h (not the other way round)
    if (name !== 'color') o.add(name);
  };
  let parsed;
  try {
    parsed = getopt(argv0, args, { flags: 'lnqvscFiHhLorRwxEaI', withArg: 'efmABC', long: ['color'] }, onOption);
  } catch (e) {
    if (e instanceof Stop) return e.result;
    if (!(e instanceof GetoptError)) throw e;
    return { stdout: '', stderr: `${e.message}\n${GREP_USAGE}`, exitCode: 2 };
  }
  const has = (c: string) => o.has(c);
  if (has('C')) {
    if (!has('A')) after = ctxC;
    if (!has('B')) before = ctxC;
  }
  if (has('c') || has('q') || has('l') || has('L')) {
    o.delete('n');
    before = 0;
    after = 0;
  }
  let invert = has('v');

  // Patterns: -e pieces (split at newlines), then -f lines, all tried in reverse order.
  const pieces: string[] = [];
  for (const e of eArgs) pieces.push(...e.split('\n'));
  let fromFiles: string[] = [];
  if (has('f')) {
    for (const file of fArgs) {
      const text = file === '-' ? takeStdin() : file === '' ? undefined : sh.ctx.fs.isDir(sh.abs(file)) ? '' : sh.ctx.fs.read(sh.abs(file));
      if (text === undefined) return die(`${file}: No such file or directory`);
      fromFiles = fromFiles.concat(splitLines(text));
    }
  }
  let patterns = [...pieces, ...fromFiles].reverse();
  if (has('f') && !patterns.length) {
    // -f with an empty file: nothing matches, except that -x matches everything.
    patterns = [has('x') ? '.*' : ''];
    invert = !invert;
  }
  let operands = parsed.operands;
  if (!eArgs.length && !has('f')) {
    if (!operands.length) return { stdout: '', stderr: GREP_USAGE, exitCode: 2 };
    patterns = (operands[0] as string).split('\n').reverse();
    operands = operands.slice(1);
  }
  const fixed = has('F') || applet.startsWith('f');
  const extended = has('E') || applet.startsWith('e');
  const list: Pattern[] = patterns.map((text) => ({ text, bytes: utf8Encode(text), so: 0, eo: 0 }));

  let printFilename = operands.length >= 2;
  if (has('H')) printFilename = true;
  if (has('h')) printFilename = false;

  const budget: Budget = sh.ctx.budget.regex;
  let openErrors = false;
  let curFile = '';

  const compiled = (gl: Pattern): Regex => {
    if (!gl.re) {
      try {
        gl.re = Regex.compile(gl.bytes, { extended, icase: has('i') });
      } catch (e) {
        if (e instanceof RegexSyntaxError) throw new Stop(die(`bad regex '${gl.text}': ${e.message}`));
        throw e;
      }
    }
    return gl.re;
  };

  // Context state (FEATURE_GREP_CONTEXT).
  let didPrintLine = false;
  let lastLinePrinted = 0;
  const printLine = (line: string, linenum: number, decoration: string) => {
    if (linenum < 1) return;
    if ((before || after) && didPrintLine && lastLinePrinted !== linenum - 1) out += '--\n';
    didPrintLine = true;
    lastLinePrinted = linenum;
    if (printFilename) out += curFile + decoration;
    if (has('n')) out += `${linenum}${decoration}`;
    if (!(has('v') && has('o'))) out += `${line}\n`;
  };

  /** grep_file: returns whether the file "matched" (for -L: whether its name was printed). */
  const grepFile = (text: string): boolean => {
    let linenum = 0;
    let nmatches = 0;
    let printAfter = 0;
    const beforeBuf: { line: string; num: number }[] = [];
    for (const rawLine of splitLines(text)) {
      // The line is a C string: a NUL ends it.
      const nul = rawLine.indexOf('\0');
      const line = nul < 0 ? rawLine : rawLine.slice(0, nul);
      const bytes = utf8Encode(line);
      linenum++;
      let found = false;
      let gl = list[0] as Pattern;
      for (gl of list) {
        if (fixed) found = fixedMatch(bytes, gl.bytes, has('i'), has('x'), has('w'));
        else {
          const re = compiled(gl);
          const t = re.fold(bytes);
          gl.so = 0;
          gl.eo = 0;
          let at = 0;
          let notbol = false;
          for (;;) {
            const m = re.exec(t, at, notbol, budget, has('o') || has('w') || has('x'));
            if (!m) break;
            gl.so = m[0] - at;
            gl.eo = m[1] - at;
            if (has('x')) found ||= m[0] === 0 && m[1] === t.length;
            else if (!has('w')) found = true;
            else {
              let c = 32;
              if (at > 0 || gl.so !== 0) c = t[m[0] - 1] as number;
              if (!isWordByte(c)) c = m[1] < t.length ? (t[m[1]] as number) : 0;
              if (!isWordByte(c)) found = true;
              else if (gl.eo !== 0) {
                // Zero-length matches stop here ("echo foo | grep -w ^" prints nothing).
                at += gl.eo;
                notbol = true;
                continue;
              }
            }
            break;
          }
        }
        if (found) break;
      }

      if (found !== invert) {
        nmatches++;
        if (has('q') || has('l') || has('L')) {
          if (has('q')) throw new Stop({ stdout: out, stderr: err, exitCode: 0 });
          if (has('l')) {
            out += `${curFile}\n`;
            return true;
          }
          return false;
        }
        if (has('m') && nmatches > maxMatches) break;
        if (!has('c')) {
          if (before && beforeBuf.length) {
            for (const b of beforeBuf) printLine(b.line, b.num, '-');
            beforeBuf.length = 0;
          }
          printAfter = after;
          if (has('o')) {
            if (fixed) {
              if (found) printLine(gl.text, linenum, ':');
            } else {
              const re = compiled(gl);
              const t = re.fold(bytes);
              let start = gl.so;
              let end = gl.eo;
              for (;;) {
                if (end - start !== 0) printLine(utf8Decode(bytes.subarray(start, end)), linenum, ':');
                if (end >= t.length) break;
                if (end === start) end++;
                const m = re.exec(t, end, true, budget);
                if (!m) break;
                [start, end] = m;
              }
            }
          } else printLine(line, linenum, ':');
        }
      } else if (printAfter) {
        printLine(line, linenum, '-');
        printAfter--;
      } else if (before) {
        beforeBuf.push({ line, num: linenum });
        if (beforeBuf.length > before) beforeBuf.shift();
      }
      if (has('m') && !printAfter && nmatches === maxMatches) break;
    }
    if (has('c')) out += `${printFilename ? `${curFile}:` : ''}${nmatches}\n`;
    if (has('L')) {
      out += `${curFile}\n`;
      return true;
    }
    return nmatches !== 0;
  };

  /** recursive_action, depth first, without recursion (a directory tree may be very deep). */
  const grepDir = (dir: string): boolean => {
    let matched = false;
    const join = (d: string, name: string) => (d.endsWith('/') ? d + name : `${d}/${name}`);
    const stack: { dir: string; names: string[]; k: number }[] = [{ dir, names: sh.ctx.fs.list(sh.abs(dir)) ?? [], k: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      if (top.k >= top.names.length) {
        stack.pop();
        continue;
      }
      const path = join(top.dir, top.names[top.k++] as string);
      if (sh.ctx.fs.isDir(sh.abs(path))) stack.push({ dir: path, names: sh.ctx.fs.list(sh.abs(path)) ?? [], k: 0 });
      else {
        const text = sh.ctx.fs.read(sh.abs(path));
        if (text === undefined) continue;
        curFile = path;
        matched = grepFile(text) || matched;
      }
    }
    return matched;
  };

  try {
    let matched = false;
    const files = operands.length ? operands : [undefined];
    for (const file of files) {
      if (file === undefined || file === '-') {
        curFile = '(standard input)';
        matched = grepFile(takeStdin()) || matched;
        continue;
      }
      const abs = sh.abs(file);
      if ((has('r') || has('R')) && sh.ctx.fs.isDir(abs)) {
        if (!has('h')) printFilename = true;
        matched = grepDir(file) || matched;
        continue;
      }
      curFile = file;
      // A directory opens but reads as nothing.
      const text = file === '' ? undefined : sh.ctx.fs.isDir(abs) ? '' : sh.ctx.fs.read(abs);
      if (text === undefined) {
        if (!has('s')) err += `grep: ${file}: No such file or directory\n`;
        openErrors = true;
        continue;
      }
      matched = grepFile(text) || matched;
    }
    return { stdout: out, stderr: err, exitCode: openErrors ? 2 : matched ? 0 : 1 };
  } catch (e) {
    if (e instanceof Stop) return e.result;
    if (e instanceof RegexBudgetError) return { stdout: out, stderr: `${err}grep: the playground stops the searches of one exec after ${GREP_STEP_BUDGET} steps\n`, exitCode: 2 };
    throw e;
  }
}

/** Lines as fgets sees them: split at '\n', a final line without one still counts. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** -F: strstr / strcasestr with busybox's -x and -w handling. */
function fixedMatch(line: Uint8Array, pat: Uint8Array, icase: boolean, x: boolean, w: boolean): boolean {
  const fold = (c: number) => (icase && c >= 65 && c <= 90 ? c + 32 : c);
  const find = (from: number): number => {
    outer: for (let i = from; i + pat.length <= line.length; i++) {
      for (let k = 0; k < pat.length; k++) if (fold(line[i + k] as number) !== fold(pat[k] as number)) continue outer;
      return i;
    }
    return -1;
  };
  let str = 0;
  for (;;) {
    // An empty pattern with -w walks past the end of the line; busybox then reads whatever
    // follows in memory, and in practice reports a match.
    if (str > line.length) return true;
    const m = find(str);
    if (m < 0) return false;
    if (x) return m === str && m + pat.length === line.length;
    if (!w) return true;
    let c = m > 0 ? (line[m - 1] as number) : 32;
    if (!isWordByte(c)) {
      c = m + pat.length < line.length ? (line[m + pat.length] as number) : 0;
      if (!c || !isWordByte(c)) return true;
    }
    str = m + 1;
  }
}
