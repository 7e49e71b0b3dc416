/**
 * Where the cluster has moved away from the editor's manifests: after
 * `kubectl scale` or `set image` the live object no longer says what the
 * editor says, and applying the editor would quietly put it back (as real
 * kubectl would). This finds, for every object in the text, each scalar
 * field the text sets whose live value differs — the fields a three-way
 * view would show — with the text position of the editor's value.
 *
 * Only what the text writes is compared: defaults the API server added,
 * status, and fields the text leaves out are not drift. A list of items with
 * names (containers, ports, env) is matched by name, other lists by index.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { KObject } from '../engine/api/types';
import { compareQuantity } from '../engine/api/quantity';
import { getOwn, isJsonMap } from '../lib/own';
import { yamlDepthProblem } from '../lib/yaml-depth';
import type { FieldPath } from './manifest-edit';
import { firstDuplicateKey, manifestHead } from './yaml-keys';

export interface DriftField {
  kind: string;
  name: string;
  /** The field, as setManifestField takes it. */
  path: FieldPath;
  /** The field for people: `spec.template.spec.containers[nginx].image`. */
  label: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The editor's value and the live one, as YAML would print them. */
  editor: string;
  live: string;
  /** The live value, to write into the text. */
  value: string | number | boolean | null;
}

/** Objects compared per text, and fields reported: bounds on a text of thousands of objects. */
const MAX_OBJECTS = 200;
const MAX_FIELDS = 200;

/** Fields that hold quantities (resource requests and limits, capacities, sizes). */
const QUANTITY_FIELD = /(^|\.)(resources\.(requests|limits)|capacity|allocatable)\.|(^|\.)sizeLimit$/;

type Getter = (kind: string, namespace: string, name: string) => KObject | undefined;

/** The drifted fields of every object of `text` that exists in the cluster (`get`), in text order. */
export function manifestDrift(text: string, get: Getter, namespace = 'default'): DriftField[] {
  if (yamlDepthProblem(text)) return [];
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, logLevel: 'error' });
  if (!Array.isArray(docs)) return [];
  const out: DriftField[] = [];
  for (const doc of docs.slice(0, MAX_OBJECTS)) {
    // A broken or ambiguous document says nothing reliable about what it wants.
    if (doc.errors.length || firstDuplicateKey(doc) !== undefined || !isMap(doc.contents)) continue;
    const { kind, name } = manifestHead(doc);
    if (!kind || !name) continue;
    const ns = scalarAt(doc.contents, ['metadata', 'namespace']);
    const live = get(kind, typeof ns === 'string' && ns ? ns : namespace, name);
    if (!live) continue;
    const walk = (node: unknown, liveValue: unknown, path: FieldPath, label: string): void => {
      if (out.length >= MAX_FIELDS) return;
      if (isMap(node)) {
        if (!isJsonMap(liveValue)) return;
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          // Names identify the object; status is the cluster's to write.
          if (path.length === 0 && (key === 'status' || key === 'apiVersion' || key === 'kind')) continue;
          if (path.length === 1 && path[0] === 'metadata' && (key === 'name' || key === 'namespace')) continue;
          walk(pair.value, getOwn(liveValue, key), [...path, key], label ? `${label}.${key}` : key);
        }
        return;
      }
      if (isSeq(node)) {
        if (!Array.isArray(liveValue)) return;
        node.items.forEach((item, i) => {
          const itemName = isMap(item) ? item.get('name') : undefined;
          if (typeof itemName === 'string') {
            const match = liveValue.find((x) => isJsonMap(x) && getOwn(x, 'name') === itemName);
            walk(item, match, [...path, { name: itemName }], `${label}[${itemName}]`);
          } else walk(item, liveValue[i], [...path, i], `${label}[${i}]`);
        });
        return;
      }
      if (!isScalar(node) || liveValue === undefined) return;
      const mine = node.value;
      if (!isPlain(liveValue) || sameValue(mine, liveValue, QUANTITY_FIELD.test(label))) return;
      const range = (node as YamlNode).range;
      if (!range) return;
      const a = lc.linePos(range[0]);
      const b = lc.linePos(range[1]);
      out.push({ kind, name, path, label, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, editor: shown(mine), live: shown(liveValue), value: liveValue });
    };
    walk(doc.contents, live, [], '');
  }
  return out;
}

function scalarAt(node: unknown, path: string[]): unknown {
  let n = node;
  for (const k of path) {
    if (!isMap(n)) return undefined;
    n = n.get(k, true);
  }
  return isScalar(n) ? n.value : undefined;
}

const isPlain = (v: unknown): v is string | number | boolean | null => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Equal as the API server stores them: `80` and `"80"` are not; `500m` and `0.5` are, where a quantity belongs. */
function sameValue(mine: unknown, live: unknown, quantity: boolean): boolean {
  if (mine === live) return true;
  if ((mine === null || mine === undefined) && live === null) return true;
  if (!quantity || (typeof mine !== 'string' && typeof mine !== 'number') || (typeof live !== 'string' && typeof live !== 'number')) return false;
  try {
    return compareQuantity(mine, live) === 0;
  } catch {
    return false;
  }
}

function shown(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return typeof v === 'string' ? v : String(v);
}
