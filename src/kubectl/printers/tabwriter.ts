/**
 * Elastic-tabstop column alignment, as kubectl prints tables.
 *
 * Text is split into cells terminated by '\t' (or '\v'); a line ends at '\n'
 * (or '\f', which also flushes). Tab-terminated cells of consecutive lines form a
 * column block whose width is max(minwidth, widest cell + padding); text after
 * the last tab of a line is not part of any column. Widths count code points
 * (Go counts runes). A line without any tab flushes what was buffered, exactly
 * like Go's writer does.
 *
 * kubectl `get` uses github.com/liggitt/tabwriter (a fork of text/tabwriter)
 * with the RememberWidths flag: the widest width seen per column survives
 * Flush(), which is why `kubectl get -w` rows stay aligned with the header and
 * only ever grow. `describe` uses the plain text/tabwriter (minwidth 0,
 * tabwidth 8, padding 2).
 */
// Behaviour of text/tabwriter (Go) and github.com/liggitt/tabwriter (RememberWidths) as kubectl uses them

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  /** Padding character; kubectl always uses ' '. */
  padchar?: string;
  /** liggitt/tabwriter's RememberWidths flag. */
  rememberWidths?: boolean;
}

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // a surrogate pair is one code point
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly remember: boolean;

  private lines: Cell[][] = [[]];
  private cellText = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out = '';

  constructor(opts: TabWriterOptions) {
    if (opts.minwidth < 0 || opts.tabwidth < 0 || opts.padding < 0) {
      throw new Error('negative minwidth, tabwidth, or padding');
    }
    this.minwidth = opts.minwidth;
    this.tabwidth = opts.tabwidth;
    this.padding = opts.padding;
    this.padchar = opts.padchar ?? ' ';
    this.remember = opts.rememberWidths ?? false;
  }

  /** Buffers text; complete blocks may already be formatted into the pending output. */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
        this.cellText += text.slice(start, i);
        start = i + 1;
        const ncells = this.terminateCell(ch === '\t');
        if (ch === '\n' || ch === '\f') {
          this.lines.push([]);
          if (ch === '\f' || ncells === 1) {
            // a line with a single cell cannot influence later alignment
            this.flushInternal();
          }
        }
      }
    }
    this.cellText += text.slice(start);
  }

  /** Formats everything buffered and returns all output produced since the last flush(). */
  flush(): string {
    this.flushInternal();
    const s = this.out;
    this.out = '';
    return s;
  }

  /** The remembered per-column widths (RememberWidths only). */
  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  /** Replaces the remembered widths; kubectl resets them with nil when the resource type changes. */
  setRememberedWidths(widths: readonly number[]): void {
    this.maxwidths = [...widths];
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1] as Cell[];
    line.push({ text: this.cellText, width: runeCount(this.cellText), htab });
    this.cellText = '';
    return line.length;
  }

  private flushInternal(): void {
    if (this.cellText.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    // reset
    this.lines = [[]];
    this.cellText = '';
    this.widths = [];
  }

  private pad(textw: number, cellw: number): void {
    if (this.padchar === '\t') {
      if (this.tabwidth === 0) return;
      const w = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = w - textw;
      this.out += '\t'.repeat(Math.ceil(n / this.tabwidth));
      return;
    }
    if (cellw > textw) this.out += this.padchar.repeat(cellw - textw);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] as Cell[];
      for (let j = 0; j < line.length; j++) {
        const c = line[j] as Cell;
        this.out += c.text;
        if (j < this.widths.length) this.pad(c.width, this.widths[j] as number);
      }
      if (i + 1 === this.lines.length) {
        // last buffered line has no newline: emit whatever is outstanding
        this.out += this.cellText;
      } else {
        this.out += '\n';
      }
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let th = line0; th < line1; th++) {
      let line = this.lines[th] as Cell[];
      if (column >= line.length - 1) continue;
      // this line has a cell in this column: print lines above the block first
      this.writeLines(line0, th);
      line0 = th;

      let width = this.minwidth;
      for (; th < line1; th++) {
        line = this.lines[th] as Cell[];
        if (column >= line.length - 1) break;
        const c = line[column] as Cell;
        const w = c.width + this.padding;
        if (w > width) width = w;
      }

      if (this.remember) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        const idx = this.widths.length;
        const known = this.maxwidths[idx];
        if (known === undefined) this.maxwidths.push(width);
        else if (known > width) width = known;
        else if (known < width) this.maxwidths[idx] = width;
      }

      // format the columns to the right of this one for the lines of the block
      this.widths.push(width);
      this.format(line0, th);
      this.widths.pop();
      line0 = th;
    }
    this.writeLines(line0, line1);
  }
}

/** The writer `kubectl get` uses (printers.GetNewTabWriter): minwidth 6, tabwidth 4, padding 3, RememberWidths. */
export function kubectlTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 6, tabwidth: 4, padding: 3, rememberWidths: true });
}

/** The writer `kubectl describe` uses: text/tabwriter with minwidth 0, tabwidth 8, padding 2. */
export function describeTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 0, tabwidth: 8, padding: 2 });
}
