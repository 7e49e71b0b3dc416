/**
 * Mutations of scenario files: at the YAML level (the scenario document,
 * its manifests and its steps) and at the byte level, and of share links.
 *
 * Values the YAML library cannot express, or would quote (tags, anchors,
 * `1e309`, duplicate keys, 20,000-deep flow nesting), are put in as raw
 * text: the AST receives a placeholder scalar that is replaced by the raw
 * snippet after stringifying.
 */
import { Document, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from 'yaml';
import { deflateSync } from 'fflate';
import { DICTIONARY_V2 } from '../src/share/dictionary-v2';
import { encodeScenario, toBase64Url, type LinkVersion } from '../src/share/link';
import type { Rng } from '../src/lib/rng';
import { emptyKnowledge, randomCommand } from './grammar';
import { yamlDepthProblem } from '../src/lib/yaml-depth';

/** The yaml package recurses (and its parser can overflow the stack): the fuzzer parses only what is shallow enough. */
export const shallow = (text: string): boolean => yamlDepthProblem(text, 64) === undefined;

// ------------------------------------------------------------ raw values

const deepFlow = (open: string, close: string, n: number, inner = '1') => open.repeat(n) + inner + close.repeat(n);

function aliasBomb(levels: number, width: number): string {
  const parts: string[] = [`&a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) parts.push(`&a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return `[${parts.join(', ')}]`;
}

const DEPTHS = [10, 64, 100, 101, 300, 1000, 5000, 9999, 10001, 20000];

/** One-line YAML snippets of every type and extreme, as raw text. */
function rawValue(rng: Rng): string {
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  switch (rng.int(6)) {
    case 0:
      return pick([
        '0', '-1', '-0', '1.5', '0.1', '-2.5', '1e3', '1e309', '-1e309', '1e-400', '.inf', '-.inf', '.nan', '.NaN', '0x10', '0o17', '007', '+12',
        '2147483647', '2147483648', '4294967296', '9007199254740991', '9007199254740993', '99999999999999999999999', '-9223372036854775809', '1_000', '0b101',
      ]);
    case 1:
      return pick([
        '~', 'null', 'Null', 'NULL', 'true', 'True', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '""', "''", '" "', '"\\0"', '"\\u0000"', '"\\x7f"', '"\\t"',
        '"é"', '"网络"', '"😀"', '"\\ud800"', '"\\uFEFF"', '"\\u2028"', '"a\\nb"', '"undefined"', '"NaN"', '"[object Object]"', '2024-01-01', '2024-01-01T00:00:00Z',
        '12:30:00', '"1m"', '"1Gi"', '"-1Gi"', '"1e309Gi"', '"0.0000001"', '"3"', '"__proto__"', '"constructor"', '"toString"',
      ]);
    case 2:
      return pick([
        '[]', '{}', '[1, 2]', '{a: 1}', '[null]', '[[]]', '[{}]', '{a: {b: {c: d}}}', '{"__proto__": {"polluted": 1}}', '{__proto__: {polluted: 1}}',
        '{constructor: {prototype: {polluted: 1}}}', '[{name: x}, {name: x}]', '{a: 1, a: 2}', '{? [a, b] : c}', '{[a]: 1}', '{{a: 1}: 2}', '{1: 2}', '{null: 1}',
        '{a: &x [1, 2], b: *x}', '[&x {a: 1}, *x, *x]', '{<<: {a: 1}, b: 2}', '{<<: [{a: 1}, {b: 2}]}',
      ]);
    case 3:
      return pick([
        '!!binary aGVsbG8=', '!!str 1', '!!int 1', '!!int "x"', '!!float 1', '!!float "x"', '!!bool yes', '!!null ""', '!!set {a, b}', '!!omap [a: 1]', '!!pairs [a: 1]',
        '!!timestamp 2001-12-14', '!!map {}', '!!seq []', '!<tag:yaml.org,2002:str> x', '!custom x', '!!python/object:os.system x', '&anc x', '*undefinedalias', '!', '!!',
      ]);
    case 4: {
      const n = pick(DEPTHS);
      return pick([deepFlow('[', ']', n), deepFlow('{a: ', '}', n), '['.repeat(n), '{'.repeat(n), deepFlow('[{a: ', '}]', Math.ceil(n / 2))]);
    }
    default:
      return pick([
        JSON.stringify('x'.repeat(rng.int(70000))),
        JSON.stringify('é'.repeat(rng.int(3000))),
        aliasBomb(rng.int(8) + 2, rng.int(9) + 2),
        `[${Array(rng.int(5000)).fill('1').join(', ')}]`,
        JSON.stringify('a\u0000b'),
        "'it''s'",
        '"\\"quoted\\""',
      ]);
  }
}

function rawKey(rng: Rng): string {
  return rng.pick([
    '__proto__', '"__proto__"', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '<<', '""', '"a.b"', '"a/b"', '"~"', '[a, b]', '1', 'null', 'true',
    '"' + 'k'.repeat(300) + '"', 'kind', 'apiVersion', 'metadata', 'spec', 'status', 'name', 'replicas', 'x-unknown', '"\\u0000"', '"é"',
  ]);
}

// -------------------------------------------------------- AST plumbing

interface Slot {
  parent: YAMLMap | YAMLSeq;
  /** Index in parent.items. */
  index: number;
}

function slots(node: unknown, out: Slot[] = [], depth = 0): Slot[] {
  if (depth > 60) return out;
  if (isMap(node) || isSeq(node)) {
    node.items.forEach((it, index) => {
      out.push({ parent: node, index });
      slots(isPair(it) ? it.value : it, out, depth + 1);
    });
  }
  return out;
}

function maps(node: unknown, out: YAMLMap[] = [], depth = 0): YAMLMap[] {
  if (depth > 60) return out;
  if (isMap(node)) out.push(node);
  if (isMap(node) || isSeq(node)) for (const it of node.items) maps(isPair(it) ? it.value : it, out, depth + 1);
  return out;
}

/** Placeholders stand for raw text until the document is a string. */
class Raw {
  private readonly table = new Map<string, string>();
  private n = 0;
  placeholder(raw: string): Scalar {
    const token = `zzraw${this.n++}zz`;
    this.table.set(token, raw);
    return new Scalar(token);
  }
  apply(text: string): string {
    if (this.table.size === 0) return text;
    return text.replace(/zzraw\d+zz/g, (t) => this.table.get(t) ?? t);
  }
}

const KINDS = ['StatefulSet', 'Service', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'List', 'Deployment', 'ConfigMap', 'Namespace', 'Node', 'Event', 'ControllerRevision', 'Endpoints', 'statefulset', ''];
const API_VERSIONS = ['v1', 'apps/v1', 'apps/v1beta1', 'storage.k8s.io/v1', 'v2', '', 'apps', '/v1', 'apps/v1/x'];

/** One structural mutation of a YAML document, in place. */
function mutateDoc(rng: Rng, doc: Document, raw: Raw): void {
  const all = slots(doc.contents);
  const op = rng.int(9);
  const slot = all.length ? rng.pick(all) : undefined;
  const item = slot ? slot.parent.items[slot.index] : undefined;
  switch (op) {
    case 0:
    case 1:
    case 2: {
      // Replace a value with one of another type or an extreme.
      if (!slot) return;
      const v = raw.placeholder(rawValue(rng));
      if (isPair(item)) item.value = v;
      else (slot.parent as YAMLSeq).items[slot.index] = v;
      return;
    }
    case 3:
      // Delete a key or list item.
      if (slot) slot.parent.items.splice(slot.index, 1);
      return;
    case 4:
      // Duplicate a key (a duplicate key) or a list item.
      if (slot) slot.parent.items.splice(slot.index, 0, item as never);
      return;
    case 5: {
      // Add an odd key.
      const ms = maps(doc.contents);
      if (!ms.length) return;
      const m = rng.pick(ms);
      m.items.splice(rng.int(m.items.length + 1), 0, doc.createPair(raw.placeholder(rawKey(rng)), raw.placeholder(rawValue(rng))) as never);
      return;
    }
    case 6: {
      // Change kind / apiVersion / name.
      const ms = maps(doc.contents);
      if (!ms.length) return;
      const m = rng.pick(ms);
      const which = rng.pick(['kind', 'apiVersion', 'name', 'namespace', 'serviceName', 'storageClassName', 'type', 'podManagementPolicy']);
      const value = which === 'kind' ? rng.pick(KINDS) : which === 'apiVersion' ? rng.pick(API_VERSIONS) : rng.pick(['', 'web', 'x'.repeat(300), 'UPPER', 'a_b', 'kube-system', 'Parallel', 'OnDelete', 'nope', '-', 'a.b']);
      m.set(which, value);
      return;
    }
    case 7: {
      // Wrap a value in a list or a map.
      if (!slot) return;
      const inner = isPair(item) ? item.value : item;
      const wrapped = rng.int(2) === 0 ? doc.createNode([inner]) : doc.createNode({ x: inner });
      if (isPair(item)) item.value = wrapped;
      else (slot.parent as YAMLSeq).items[slot.index] = wrapped as YamlNode;
      return;
    }
    default: {
      // Numbers nudged across their bounds.
      const nums = all.filter((s) => {
        const it = s.parent.items[s.index];
        const v = isPair(it) ? it.value : it;
        return isScalar(v) && typeof v.value === 'number';
      });
      if (!nums.length) return;
      const s = rng.pick(nums);
      const it = s.parent.items[s.index];
      const sc = (isPair(it) ? it.value : it) as Scalar<number>;
      sc.value = rng.pick([sc.value + 1, sc.value - 1, -sc.value, sc.value * 1000, sc.value + 0.5, 0, 2 ** 31, 2 ** 53 + 2, -(2 ** 31) - 1]);
    }
  }
}

const STRINGIFY = { lineWidth: 0, minContentWidth: 0 } as const;

function docString(doc: Document): string {
  try {
    return doc.toString(STRINGIFY);
  } catch {
    return '';
  }
}

/** Mutates the manifests text (multi-document YAML). */
export function mutateManifests(rng: Rng, text: string): string {
  if (!shallow(text)) return mutateBytes(rng, text);
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length === 0) return text + '\n---\n' + rawValue(rng);
  const raw = new Raw();
  const op = rng.int(10);
  if (op === 0) {
    // Delete or duplicate a whole document.
    const i = rng.int(docs.length);
    if (rng.int(2) === 0) docs.splice(i, 1);
    else docs.splice(i, 0, docs[i] as (typeof docs)[number]);
  } else if (op === 1) {
    // A document deeply nested in block style.
    // Mappings need a line per level (a 1 MB file holds about 1,400); sequences nest on one line.
    const block = rng.int(2) === 0
      ? Array.from({ length: rng.pick([64, 100, 101, 300, 1000, 1400]) }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n')
      : `${'- '.repeat(rng.pick(DEPTHS))}x`;
    return `${text}\n---\n${block}\n`;
  } else if (op === 2) {
    return `${text}\n---\n${rawValue(rng)}\n`;
  } else {
    const d = rng.pick(docs);
    for (let k = 1 + rng.int(2); k > 0; k--) mutateDoc(rng, d, raw);
  }
  return raw.apply(docs.map(docString).join('---\n'));
}

/** Mutates the steps of a scenario document, in place. */
function mutateSteps(rng: Rng, doc: Document): void {
  const steps = doc.get('steps');
  const list = isSeq(steps) ? steps : doc.createNode([]);
  if (!isSeq(steps)) doc.set('steps', list);
  const seq = list as YAMLSeq;
  const line = () => randomCommand(rng, { ...emptyKnowledge(), statefulsets: ['web'], pods: ['web-0', 'web-1'], claims: ['www-web-0'], containers: ['nginx'], files: ['manifests.yaml'] }, { oddity: 0.5 });
  switch (rng.int(4)) {
    case 0:
      seq.items.splice(rng.int(seq.items.length + 1), 0, doc.createNode(line()) as never);
      return;
    case 1:
      if (seq.items.length) seq.items[rng.int(seq.items.length)] = doc.createNode(line()) as never;
      return;
    case 2:
      seq.items.splice(rng.int(seq.items.length + 1), 0, doc.createNode({ say: rng.pick(['', 'hi', 'a\nb', '# not a comment', 'x'.repeat(5000)]) }) as never);
      return;
    default:
      // A command line with an odd word put in.
      if (!seq.items.length) return;
      {
        const i = rng.int(seq.items.length);
        const it = seq.items[i];
        if (isScalar(it) && typeof it.value === 'string') {
          const words = it.value.split(' ');
          words.splice(rng.int(words.length + 1), rng.int(2), rng.pick(['', '--', '-o', 'yaml', '--bogus', '-n', '$x', '"', "'", '\\', ';', '|', '&&', '>', '*', '__proto__', 'x'.repeat(300), '\u0000', '\t', '\n']));
          it.value = words.join(' ');
        }
      }
  }
}

const BYTES = ['\t', '\0', '\r', '\n', '\r\n', ':', ': ', '- ', '-', '[', ']', '{', '}', '"', "'", '#', '&', '*', '!', '|', '>', '%', '@', '`', '\uFEFF', '\u2028', 'é', '\uD800', ' ', '  ', '---\n', '...\n', '? ', ',', '\\'];

/** Byte-level damage: insert, delete, duplicate, truncate, re-indent. */
export function mutateBytes(rng: Rng, text: string): string {
  if (text.length === 0) return rng.pick(BYTES);
  const at = rng.int(text.length + 1);
  switch (rng.int(7)) {
    case 0:
      return text.slice(0, at) + rng.pick(BYTES) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + rng.int(20));
    case 2: {
      const len = 1 + rng.int(200);
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
    }
    case 3:
      return text.slice(0, at);
    case 4: {
      const lines = text.split('\n');
      const i = rng.int(lines.length);
      lines[i] = rng.int(2) === 0 ? ` ${lines[i]}` : (lines[i] as string).replace(/^ /, '');
      return lines.join('\n');
    }
    case 5: {
      const lines = text.split('\n');
      const i = rng.int(lines.length);
      const j = rng.int(lines.length);
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
      return lines.join('\n');
    }
    default:
      return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << rng.int(7))) + text.slice(at + 1);
  }
}

/** One to three mutations of a scenario file. */
export function mutateScenario(rng: Rng, text: string): string {
  let out = text;
  const rounds = 1 + rng.int(3);
  for (let r = 0; r < rounds; r++) {
    const where = rng.int(10);
    if (where >= 8) {
      out = mutateBytes(rng, out);
      continue;
    }
    const doc = shallow(out) ? parseDocument(out) : undefined;
    if (!doc || doc.errors.length || !isMap(doc.contents)) {
      out = mutateBytes(rng, out);
      continue;
    }
    const raw = new Raw();
    if (where <= 3) {
      const m = doc.get('manifests');
      const next = mutateManifests(rng, typeof m === 'string' ? m : '');
      const sc = new Scalar(next);
      sc.type = Scalar.BLOCK_LITERAL;
      doc.set('manifests', sc);
    } else if (where <= 5) mutateSteps(rng, doc);
    else mutateDoc(rng, doc, raw);
    const s = docString(doc);
    if (s) out = raw.apply(s);
  }
  return out;
}

// ----------------------------------------------------------------- links

/** A mutated share link of either version: of a (possibly mutated) scenario, hand-made deflate data, or noise. */
export function mutateLink(rng: Rng, scenarioText: string): string {
  // Links of today's version mostly; version 1 links are still opened.
  const version: LinkVersion = rng.int(4) === 0 ? 1 : 2;
  const valid = encodeScenario(scenarioText, version);
  const body = valid.slice(valid.indexOf('.') + 1);
  const pre = `${version}.`;
  const deflate = (bytes: Uint8Array, level: number) => deflateSync(bytes, { level: level as 0, ...(version === 2 ? { dictionary: DICTIONARY_V2 } : {}) });
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  switch (rng.int(13)) {
    case 0:
      return valid;
    case 1:
      return `#${valid}`;
    case 2: {
      // Flip characters of the data.
      const chars = body.split('');
      for (let k = 1 + rng.int(4); k > 0; k--) chars[rng.int(chars.length)] = b64[rng.int(64)] as string;
      return `${pre}${chars.join('')}`;
    }
    case 3:
      return `${pre}${body.slice(0, rng.int(body.length + 1))}`;
    case 4:
      return `${rng.pick(['', '0', '2', '01', '02', '1.0', '2.0', '3', '-1', '9999999999999999999999', 'v1', 'v2', ' 1', '1 ', '2 ', 'NaN', '1e0', '2e0', '١', '٢', '__proto__', 'constructor'])}.${body}`;
    case 5:
      return `${pre}${body}${rng.pick(['=', '==', '+', '/', '.', '%20', ' ', '\n', '#', 'A', 'AA', 'AAA', '!'])}`;
    case 6: {
      // Valid deflate data of an odd text: huge, binary, not UTF-8.
      const texts: (() => Uint8Array)[] = [
        () => new Uint8Array(600 * 1024).fill(32),
        () => new Uint8Array(512 * 1024).fill(10),
        () => new Uint8Array([0xff, 0xfe, 0x00, 0x41]),
        () => new Uint8Array([0xed, 0xa0, 0x80]),
        () => new TextEncoder().encode('\uFEFF' + scenarioText),
        () => new TextEncoder().encode(scenarioText.replace(/\n/g, '\r\n')),
        () => new TextEncoder().encode('version: 1\nsteps:\n' + '  - kubectl get pods\n'.repeat(3000)),
        () => new Uint8Array(0),
      ];
      return `${pre}${toBase64Url(deflate(rng.pick(texts)(), rng.int(10)))}`;
    }
    case 7: {
      // Hand-made deflate streams: stored blocks, bad block types, truncated headers, symbols no stream may use.
      const bytes = rng.pick([
        [0x03, 0x00],
        [0x07],
        [0x01, 0x05, 0x00, 0xfa, 0xff, 0x68, 0x65, 0x6c, 0x6c, 0x6f],
        [0x01, 0x05, 0x00, 0xfb, 0xff, 0x68],
        [0x00, 0x00, 0x00, 0xff, 0xff],
        [0xff, 0xff, 0xff, 0xff],
        [0x02],
        // Fixed codes: "a", then a match of length 3 at distance 32,768 (before the dictionary's start).
        [0x4b, 0x04, 0xde, 0xff, 0x0f, 0x00],
        // Fixed codes: "a", then length symbol 286 (which no stream may use).
        [0x4b, 0x1c, 0x03, 0x00],
        Array.from({ length: 64 }, () => rng.int(256)),
      ]);
      return `${pre}${toBase64Url(new Uint8Array(bytes))}`;
    }
    case 8:
      return rng.pick(['', '#', '.', '1.', '2.', '1', '2', '#1.', '#2.', '1..', '2..', `1.${'A'.repeat(100_001)}`, `2.${'A'.repeat(99_990)}`, 'scenario=playground', '%', '2.%E0%A4%A', '2.\u0000', '2.😀']);
    case 12:
      // The data of one version under the other's number.
      return `${version === 1 ? 2 : 1}.${body}`;
    case 9: {
      // Random text.
      const n = rng.int(200);
      let s = '';
      for (let i = 0; i < n; i++) s += String.fromCharCode(rng.int(2) === 0 ? 32 + rng.int(95) : rng.int(0x3000));
      return s;
    }
    case 10:
      return `${pre}${body.length % 4 === 1 ? body : body + 'A'.repeat((1 - (body.length % 4) + 4) % 4)}`;
    default: {
      // A link of a mutated scenario.
      return encodeScenario(mutateScenario(rng, scenarioText), version);
    }
  }
}
