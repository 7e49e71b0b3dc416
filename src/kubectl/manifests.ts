/**
 * Reads multi-document YAML manifests as kubectl does before sending them:
 * empty documents are skipped, each document must be a mapping with
 * apiVersion and kind, and `kind: List` is unrolled.
 */
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../engine/api/types';
import { KubectlError } from './context';

export function parseManifests(text: string, source: string): KObject[] {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const out: KObject[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const line = (e?.linePos?.[0]?.line ?? 1) ;
      throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${yamlReason(e?.message ?? '')}`);
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

/** go-yaml's wording for the commonest syntax errors. */
function yamlReason(message: string): string {
  if (/Nested mappings are not allowed in compact mappings|Implicit map keys need to be followed by map values/.test(message)) return 'mapping values are not allowed in this context';
  if (/tab/i.test(message)) return 'found character that cannot start any token';
  if (/indent/i.test(message)) return 'did not find expected key';
  return 'did not find expected key';
}
