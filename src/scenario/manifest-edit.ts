/**
 * Keeps the editor's YAML in step with what the controls did, the way a
 * person would edit it: only the value that changed is rewritten, so
 * comments, order and formatting stay as the user wrote them.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { yamlDepthProblem } from '../lib/yaml-depth';
import { firstDuplicateKey, manifestHead } from './yaml-keys';

export type FieldPath = (string | number | { name: string })[];

type Range = [number, number, number];

/**
 * Sets a field of the object `kind`/`name` in a multi-document text. A path
 * element `{ name }` picks the list item with that `name` (a container).
 * Returns the new text, or undefined when the object is not in the text.
 */
export function setManifestField(text: string, kind: string, name: string, path: FieldPath, value: string | number | boolean | null): string | undefined {
  if (yamlDepthProblem(text)) return undefined;
  const docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' });
  if (!Array.isArray(docs)) return undefined;
  const doc = docs.find((d) => {
    const head = manifestHead(d);
    return head.kind === kind && head.name === name;
  });
  // A repeated key makes the field to edit ambiguous (kubectl reads the last one): leave the text alone.
  if (!doc || doc.errors.length || firstDuplicateKey(doc) !== undefined) return undefined;
  const resolved = resolvePath(doc, path);
  if (!resolved) return undefined;
  const existing = doc.getIn(resolved, true);
  if (value === null && existing === undefined) return text;
  if (value !== null && isScalar(existing) && existing.range) {
    const [start, end] = existing.range;
    return text.slice(0, start) + scalarText(value) + text.slice(end);
  }
  // The field is not written yet (or goes away): change the tree and print this one document again.
  if (value === null) doc.deleteIn(resolved);
  else doc.setIn(resolved, value);
  const range = doc.range as Range;
  const printed = doc.toString({ indentSeq: indentsSequences(text.slice(range[0], range[2])) });
  return text.slice(0, range[0]) + stripDocStart(printed, text.slice(range[0], range[2])) + text.slice(range[2]);
}

function resolvePath(doc: Document.Parsed, path: FieldPath): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  for (const p of path) {
    if (typeof p === 'object') {
      const list = doc.getIn(out, true);
      if (!isSeq(list)) return undefined;
      const i = list.items.findIndex((it) => isMap(it) && it.get('name') === p.name);
      if (i < 0) return undefined;
      out.push(i);
    } else {
      out.push(p);
    }
  }
  return out;
}

function scalarText(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9_./:@-]+$/.test(v) && !/^(true|false|null|yes|no|on|off|~|[-+]?[0-9.]+(e[0-9]+)?)$/i.test(v) ? v : JSON.stringify(v);
}

/** True when list items are indented under their key (`key:\n  - a`), as the yaml printer does by default. */
function indentsSequences(text: string): boolean {
  const m = /^( *)[^\s#][^:\n]*:\s*\n( *)- /m.exec(text);
  return m ? (m[2] ?? '').length > (m[1] ?? '').length : true;
}

/** The printer adds no document marker unless the source had one; keep the original's choice. */
function stripDocStart(printed: string, original: string): string {
  const had = original.trimStart().startsWith('---');
  const has = printed.startsWith('---');
  if (has && !had) return printed.replace(/^---\s*\n/, '');
  return printed;
}

export interface ManifestEdit {
  path: FieldPath;
  /** null removes the field. */
  value: string | number | boolean | null;
}

/** Applies several edits to one object in order; undefined when the object is not in the text. */
export function editManifest(text: string, kind: string, name: string, edits: readonly ManifestEdit[]): string | undefined {
  let out: string | undefined = text;
  for (const e of edits) {
    out = setManifestField(out, kind, name, e.path, e.value);
    if (out === undefined) return undefined;
  }
  return out;
}
