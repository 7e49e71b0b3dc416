/**
 * Reads multi-document YAML manifests as kubectl does before sending them:
 * empty documents are skipped, each document must be a mapping with
 * apiVersion and kind, and `kind: List` is unrolled.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KObject } from '../engine/api/types';
import { KubectlError } from './context';

export function parseManifests(text: string, source: string): KObject[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { prettyErrors: false, lineCounter: lc });
  const out: KObject[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const start = lc.linePos(e?.pos[0] ?? 0).line;
      // go-yaml names the line of the ':' that made the mapping invalid.
      const colon = text.slice(e?.pos[0] ?? 0).search(/:(\s|$)/);
      const end = lc.linePos((e?.pos[0] ?? 0) + Math.max(colon, 0)).line;
      throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: ${goYamlError(e?.code ?? '', start, end)}`);
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new KubectlError(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const obj = value as Record<string, unknown>;
    const missing = ['apiVersion', 'kind'].filter((k) => !obj[k]);
    if (missing.length) {
      throw new KubectlError(`error validating "${source}": error validating data: [${missing.map((k) => `${k} not set`).join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    if (obj['kind'] === 'List' && Array.isArray(obj['items'])) {
      for (const item of obj['items'] as KObject[]) out.push(normalise(item));
      continue;
    }
    out.push(normalise(obj as unknown as KObject));
  }
  return out;
}

function normalise(o: KObject): KObject {
  o.metadata ??= {};
  return o;
}

/**
 * go-yaml's wording for the commonest syntax errors, with the line it names
 * (checked against kubectl 1.32): a tab in indentation names its own line, a
 * mis-indented key the line before it, a stray `:` the line it stands on;
 * errors on the first line carry no line number.
 */
function goYamlError(code: string, start: number, end: number): string {
  const at = (n: number, what: string) => (n <= 1 ? what : `line ${n}: ${what}`);
  if (code === 'TAB_AS_INDENT') return at(start, 'found a tab character that violates indentation');
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return at(end, 'mapping values are not allowed in this context');
  if (code === 'BAD_INDENT') return at(start - 1, 'did not find expected key');
  return at(start, 'did not find expected key');
}
