/**
 * The text sinks the describers write to.
 *
 * kubectl's describers write through a "prefix writer": every call gets an
 * indentation level (two spaces per level) prepended, and the formatted text
 * has terminal control characters neutralised before it reaches the sink.
 * `kubectl describe` points that writer at a text/tabwriter (minwidth 0,
 * tabwidth 8, padding 2, padchar ' ', no flags) that is flushed once at the
 * end — and once more right before an Events table. `kubectl rollout
 * history --revision` points it at a plain buffer, so tabs come out raw.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go prefixWriter / nestedPrefixWriter / tabbedString (v1.32)
import { describeTabWriter, type TabWriter } from '../printers/tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** cli-runtime printers.WriteEscaped: ESC becomes "^[" and CR becomes a literal "\r". */
export function escapeTerminal(s: string): string {
  if (!s.includes('\x1b') && !s.includes('\r')) return s;
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

export interface PrefixWriter {
  /** Writes `text` after `level` × two spaces of indentation. */
  write(level: number, text: string): void;
  /** Writes `text` plus a newline with no indentation (Go's WriteLine / Sprintln). */
  writeLine(text: string): void;
  /** Flushes the underlying tab writer, if there is one. */
  flush(): void;
}

interface Sink {
  put(text: string): void;
  flush(): void;
}

class BasePrefixWriter implements PrefixWriter {
  constructor(private readonly sink: Sink) {}

  write(level: number, text: string): void {
    this.sink.put(escapeTerminal('  '.repeat(Math.max(0, level)) + text));
  }

  writeLine(text: string): void {
    this.sink.put(escapeTerminal(`${text}\n`));
  }

  flush(): void {
    this.sink.flush();
  }
}

/** A writer that adds `indent` levels to everything (used for inline PVC templates). */
export class NestedPrefixWriter implements PrefixWriter {
  constructor(
    private readonly inner: PrefixWriter,
    private readonly indent: number,
  ) {}

  write(level: number, text: string): void {
    this.inner.write(level + this.indent, text);
  }

  // Upstream indents WriteLine output too, which is why an empty label list
  // under an ephemeral volume reads "Labels:  <4 spaces><none>".
  writeLine(text: string): void {
    this.inner.write(this.indent, `${text}\n`);
  }

  flush(): void {
    this.inner.flush();
  }
}

/** Runs `fn` against a describe tab writer and returns the aligned text (tabbedString). */
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const tw: TabWriter = describeTabWriter();
  let out = '';
  const w = new BasePrefixWriter({
    put: (t) => tw.write(t),
    flush: () => {
      out += tw.flush();
    },
  });
  fn(w);
  out += tw.flush();
  return out;
}

/** Runs `fn` against a plain buffer: tabs are kept as they are (rollout history's printTemplate). */
export function rawString(fn: (w: PrefixWriter) => void): string {
  let out = '';
  const w = new BasePrefixWriter({
    put: (t) => {
      out += t;
    },
    flush: () => {},
  });
  fn(w);
  return out;
}
