/**
 * The terminal's view of shell lines (parsed by scenario/shell-syntax, pure
 * and engine-free): whether a line needs another one (bash's `> ` prompt), a
 * multi-line command as one history entry and as it is echoed, and which
 * lines a read-only embed may run.
 */
import { historyLine, needsMore, parseShell, shownLine, simpleCommands, type Word } from '../../scenario/shell-syntax';

export { historyLine, needsMore, shownLine };

/** Commands that only read or print (the terminal's text tools and the shell's own words). */
const HARMLESS = new Set(['cat', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'echo', 'true', 'false', ':', 'break', 'continue', 'exit']);

/** A word's text when it has no expansion at all (quotes are fine), else undefined. */
function written(w: Word): string | undefined {
  let s = '';
  for (const p of w.parts) {
    if (p.k !== 'lit') return undefined;
    // An unquoted brace could expand into other words (`kubectl {delete,} pod …`).
    if (!p.quoted && p.text.includes('{')) return undefined;
    s += p.text;
  }
  return s;
}

/**
 * Whether a read-only embed may run `text`: every command in it (in loops,
 * pipes and `$(…)` too) is written out in full — no `$x`, `$(…)` or braces
 * that could make it something else — and is either allowed by `allows` (the
 * embed's rule for one command) or only reads and prints.
 */
export function readOnlyLine(text: string, allows: (command: string) => boolean): boolean {
  const { commands } = parseShell(text);
  for (const list of commands) {
    for (const cmd of simpleCommands(list)) {
      const words = cmd.words.map(written);
      if (words.some((w) => w === undefined)) return false;
      if (cmd.assigns.some((a) => a.value.parts.some((p) => p.k !== 'lit'))) return false;
      const argv = words as string[];
      if (argv.length === 0 || HARMLESS.has(argv[0] as string)) continue;
      if (!allows(argv.join(' '))) return false;
    }
  }
  return true;
}
