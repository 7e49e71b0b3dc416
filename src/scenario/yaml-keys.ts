/**
 * Duplicate mapping keys, found in one pass. The yaml package can refuse
 * them itself (`uniqueKeys`), but it compares each key with every key before
 * it in the same map — quadratic: 50,000 keys take seconds. Every parse in
 * the playground turns that off (kubectl keeps the last of duplicate keys
 * anyway); where a duplicate is an error, it is found here, with the yaml
 * package's own rule (two scalar keys are the same when their values are
 * `===`; collection and alias keys never repeat) and its message.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';

export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

/** Where the first repeated key of `doc` starts (an offset into the text), or undefined. */
export function firstDuplicateKey(doc: Document.Parsed): number | undefined {
  let first: number | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const it of node.items) stack.push(it);
    } else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        stack.push(key, pair.value);
        if (!isScalar(key) || isAlias(key)) continue;
        const v: unknown = key.value;
        // NaN !== NaN: the package never finds a `.nan` key repeated.
        if (typeof v === 'number' && Number.isNaN(v)) continue;
        if (seen.has(v)) {
          const at = key.range?.[0] ?? 0;
          if (first === undefined || at < first) first = at;
        }
        seen.add(v);
      }
    }
  }
  return first;
}

/**
 * The kind and metadata.name a manifest document declares, read from its
 * tree (never through toJS, which can warn or expand aliases), '' when they
 * are not plain strings. Of repeated keys the last counts, as for kubectl.
 */
export function manifestHead(doc: Document.Parsed): { kind: string; name: string } {
  const last = (node: unknown, key: string): unknown => {
    if (!isMap(node)) return undefined;
    let found: unknown;
    for (const p of node.items) if (isScalar(p.key) && p.key.value === key) found = p.value;
    return found;
  };
  const text = (n: unknown): string => (isScalar(n) && typeof n.value === 'string' ? n.value : '');
  return { kind: text(last(doc.contents, 'kind')), name: text(last(last(doc.contents, 'metadata'), 'name')) };
}
