/**
 * `kubectl get -o custom-columns=HEADER:path,…`.
 *
 * Each path may be written `metadata.name`, `.metadata.name`,
 * `{metadata.name}` or `{.metadata.name}` (RelaxedJSONPathExpression) and is
 * evaluated with the JSONPath engine, missing keys allowed. A cell is `<none>`
 * when nothing matches, several matches are joined with ',', each printed with
 * Go's %v (`map[app:nginx]`, `<nil>`) and ESC/CR made visible. Rows go through
 * kubectl's tabwriter. The header is written before the paths are parsed, so a
 * bad path still prints the header; an error in a row ends the output after the
 * rows already written (kubectl flushes its tabwriter on the way out).
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/get/customcolumn.go (v1.32)

import { findJsonPathResults, goSprint, jsonPathSyntaxError } from './jsonpath';
import { kubectlTabWriter, type TabWriter } from './tabwriter';

export interface CustomColumn {
  header: string;
  /** The JSONPath template, already normalized to `{.…}` (or '' for an empty spec). */
  path: string;
}

/** A custom-columns failure; `output` holds what kubectl printed before the error. */
export class CustomColumnsError extends Error {
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(message);
    this.name = 'CustomColumnsError';
  }
}

const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = JSON_REGEXP.exec(expr);
  if (!m) {
    throw new CustomColumnsError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2] ?? ''}}`;
}

/** Parses the `-o custom-columns=` argument; throws CustomColumnsError with kubectl's message. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), path: relaxedJsonPathExpression(part.slice(i + 1)) };
  });
}

/** printers.EscapeTerminal. */
function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

function cell(path: string, obj: unknown): string {
  const values = findJsonPathResults(path, obj);
  const strs: string[] = [];
  if (values.length === 0 || (values[0] as unknown[]).length === 0) strs.push('<none>');
  for (const list of values) for (const v of list) strs.push(escapeTerminal(goSprint(v)));
  return strs.join(',');
}

/**
 * Prints objects as kubectl's CustomColumnsPrinter does. One printer can be
 * reused (as `kubectl get -w` does): the header is printed once and the
 * tabwriter keeps its remembered column widths between calls.
 */
export class CustomColumnsPrinter {
  private headerPrinted = false;

  constructor(
    private readonly columns: CustomColumn[],
    private readonly noHeaders = false,
    private readonly tw: TabWriter = kubectlTabWriter(),
  ) {}

  /** The text for these objects; throws CustomColumnsError carrying the partial output. */
  print(objects: unknown[]): string {
    const tw = this.tw;
    if (!this.noHeaders && !this.headerPrinted) {
      tw.write(this.columns.map((c) => c.header).join('\t') + '\n');
      this.headerPrinted = true;
    }
    try {
      // every path is parsed first, like kubectl, so a bad path fails before any row
      for (const c of this.columns) {
        const err = jsonPathSyntaxError(c.path);
        if (err !== undefined) throw new CustomColumnsError(err);
      }
      for (const obj of objects) {
        tw.write(this.columns.map((c) => cell(c.path, obj)).join('\t') + '\n');
      }
    } catch (e) {
      throw new CustomColumnsError((e as Error).message, tw.flush());
    }
    return tw.flush();
  }
}

/** `kubectl get -o custom-columns` output for the objects (one table). */
export function renderCustomColumns(cols: CustomColumn[], objects: unknown[], noHeaders: boolean): string {
  return new CustomColumnsPrinter(cols, noHeaders).print(objects);
}
