/**
 * Parsing for the playground shell: tokens (words made of quoted and
 * unquoted literal, variable and command-substitution segments, operators,
 * redirections), then a list of pipelines joined by `;`, `&&` and `||`.
 * Expansion happens later, when each command runs.
 */
export type Seg = { kind: 'lit' | 'var' | 'cmd'; text: string; quoted: boolean };
export type Word = Seg[];
export interface Redir {
  op: string;
  target?: Word;
}
export interface Simple {
  words: Word[];
  redirs: Redir[];
}
export interface Item {
  connector: ';' | '&&' | '||';
  pipeline: Simple[];
  /** 0-based line of the script where the item starts (ash reports it in some messages). */
  line: number;
}

export class SyntaxError_ extends Error {}

/** Reads `$(...)` / `` `...` `` / `${...}` bodies, honouring nesting and quotes. */
function readUntilClose(src: string, i: number, open: string, close: string): [string, number] {
  let depth = 1;
  let j = i;
  while (j < src.length) {
    const c = src[j] as string;
    if (c === "'" && open !== '`') j = src.indexOf("'", j + 1);
    else if (c === '\\') j++;
    else if (c === open && open !== close) depth++;
    else if (c === close && --depth === 0) return [src.slice(i, j), j + 1];
    if (j < 0) break;
    j++;
  }
  throw new SyntaxError_(`unterminated ${open === '(' ? '$(' : open}`);
}

/** Characters that end a run of plain word characters. */
const PLAIN_STOP = new Set([...' \t\n\'"\\$`|;&<>'].map((c) => c.charCodeAt(0)));

/** Characters that end a run inside double quotes. */
const QUOTED_STOP = new Set([...'"\\$`'].map((c) => c.charCodeAt(0)));

function tokenize(src: string): { toks: (Word | { op: string })[]; lines: number[] } {
  const out: (Word | { op: string })[] = [];
  const lines: number[] = [];
  let word: Word | undefined;
  let wordStart = 0;
  // Line of a source offset, counted as the scan moves forward.
  let lineAt = 0;
  let lineCount = 0;
  const lineOf = (offset: number): number => {
    for (; lineAt < offset; lineAt++) if (src.charCodeAt(lineAt) === 10) lineCount++;
    return lineCount;
  };
  const begin = (at: number) => {
    if (!word) wordStart = at;
  };
  const lit = (text: string, quoted: boolean) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
    else word.push({ kind: 'lit', text, quoted });
  };
  const flush = () => {
    if (word) {
      out.push(word);
      lines.push(lineOf(wordStart));
    }
    word = undefined;
  };
  const dollar = (i: number, quoted: boolean): number => {
    const rest = src.slice(i + 1);
    if (rest.startsWith('(')) {
      const [body, end] = readUntilClose(src, i + 2, '(', ')');
      (word ??= []).push({ kind: 'cmd', text: body, quoted });
      return end;
    }
    if (rest.startsWith('{')) {
      const [body, end] = readUntilClose(src, i + 2, '{', '}');
      (word ??= []).push({ kind: 'var', text: body, quoted });
      return end;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/.exec(rest);
    if (!m) {
      lit('$', quoted);
      return i + 1;
    }
    (word ??= []).push({ kind: 'var', text: m[1] as string, quoted });
    return i + 1 + (m[1] as string).length;
  };
  /** Ends the current word and emits an operator. */
  const op = (o: string, len: number): number => {
    flush();
    out.push({ op: o });
    lines.push(lineOf(i));
    return len;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c !== ' ' && c !== '\t') begin(i);
    const two = src.slice(i, i + 2);
    const redir = c === '<' ? '<' : c === '>' ? (src[i + 1] === '>' ? '>>' : '>') : c === '2' && src[i + 1] === '>' ? (src[i + 2] === '>' ? '2>>' : '2>') : undefined;
    if (c === ' ' || c === '\t') {
      flush();
      i++;
    } else if (c === '#' && !word) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (two === '&&' || two === '||') i += op(two, 2);
    else if (c === ';' || c === '\n' || c === '&') i += op(';', 1);
    else if (c === '|') i += op('|', 1);
    else if (src.startsWith('2>&1', i) && !word) i += op('2>&1', 4);
    else if (src.startsWith('1>&2', i) && !word) i += op('>&2', 4);
    else if (src.startsWith('>&2', i)) i += op('>&2', 3);
    else if (redir && (!word || c === '<' || c === '>')) i += op(redir, redir.length);
    else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new SyntaxError_('unterminated quoted string');
      lit(src.slice(i + 1, end), true);
      i = end + 1;
    } else if (c === '"') {
      i++;
      lit('', true);
      while (i < src.length && src[i] !== '"') {
        const d = src[i] as string;
        if (d === '\\' && i + 1 < src.length && '"\\$`'.includes(src[i + 1] as string)) {
          lit(src[i + 1] as string, true);
          i += 2;
        } else if (d === '$') i = dollar(i, true);
        else if (d === '`') {
          const [body, end] = readUntilClose(src, i + 1, '`', '`');
          (word ??= []).push({ kind: 'cmd', text: body, quoted: true });
          i = end;
        } else {
          let j = i + 1;
          while (j < src.length && !QUOTED_STOP.has(src.charCodeAt(j))) j++;
          lit(src.slice(i, j), true);
          i = j;
        }
      }
      if (i >= src.length) throw new SyntaxError_('unterminated quoted string');
      i++;
    } else if (c === '\\') {
      lit(src[i + 1] ?? '', true);
      i += 2;
    } else if (c === '$') i = dollar(i, false);
    else if (c === '`') {
      const [body, end] = readUntilClose(src, i + 1, '`', '`');
      (word ??= []).push({ kind: 'cmd', text: body, quoted: false });
      i = end;
    } else {
      // A run of ordinary characters in one step (the word has begun, so '#' and '2>' are plain).
      let j = i + 1;
      while (j < src.length && !PLAIN_STOP.has(src.charCodeAt(j))) j++;
      lit(src.slice(i, j), false);
      i = j;
    }
  }
  flush();
  return { toks: out, lines };
}

export function parse(src: string): Item[] {
  const items: Item[] = [];
  let connector: Item['connector'] = ';';
  let pipeline: Simple[] = [];
  let cmd: Simple = { words: [], redirs: [] };
  const endCmd = () => {
    if (cmd.words.length === 0 && cmd.redirs.length === 0) {
      if (pipeline.length) throw new SyntaxError_('unexpected end of file');
      return false;
    }
    pipeline.push(cmd);
    cmd = { words: [], redirs: [] };
    return true;
  };
  const { toks, lines } = tokenize(src);
  let line = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Word | { op: string };
    if (pipeline.length === 0 && cmd.words.length === 0 && cmd.redirs.length === 0) line = lines[i] as number;
    if (Array.isArray(t)) {
      const first = cmd.words.length === 0 ? t.map((s) => s.text).join('') : '';
      if (['for', 'while', 'until', 'if', 'case', 'function'].includes(first)) throw new SyntaxError_(`${first}: not supported by the playground shell`);
      cmd.words.push(t);
    } else if (t.op === '|') {
      if (!endCmd()) throw new SyntaxError_('unexpected "|"');
    } else if (t.op === ';' || t.op === '&&' || t.op === '||') {
      const had = endCmd();
      if (!had && t.op !== ';') throw new SyntaxError_(`unexpected "${t.op}"`);
      if (pipeline.length) items.push({ connector, pipeline, line });
      pipeline = [];
      connector = t.op;
    } else if (t.op === '2>&1' || t.op === '>&2') cmd.redirs.push({ op: t.op });
    else {
      const target = toks[i + 1];
      if (!Array.isArray(target)) throw new SyntaxError_('unexpected redirection');
      cmd.redirs.push({ op: t.op, target });
      i++;
    }
  }
  endCmd();
  if (pipeline.length) items.push({ connector, pipeline, line });
  return items;
}
