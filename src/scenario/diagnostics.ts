/**
 * Places the API server's and kubectl's complaints about the manifests in the
 * editor's text: YAML syntax errors at their own position, and a field error
 * (`The StatefulSet "web" is invalid: spec.replicas: …`) on the key it names
 * inside the document that declares that object.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { ManifestProblem } from '../protocol/protocol';
import { depthMessage, yamlDepthProblem } from '../lib/yaml-depth';
import { manifestHead } from './yaml-keys';

interface Located {
  kind: string;
  name: string;
  doc: Document.Parsed;
}

type Range = [number, number];

/** Problems for a manifest text and the output of `kubectl apply` on it. */
export function manifestProblems(text: string, output: string): ManifestProblem[] {
  // Too deep to parse safely: point at where the nesting passes the limit (kubectl reports the same).
  const deep = yamlDepthProblem(text);
  if (deep) return [{ line: deep.line, column: deep.column, endLine: deep.line, endColumn: deep.column + 1, message: depthMessage(deep) }];
  const lc = new LineCounter();
  // kubectl keeps the last of duplicate keys, so they are no problem here (and the package's own check is quadratic).
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const at = (r: Range, message: string): ManifestProblem => {
    const a = lc.linePos(r[0]);
    const b = lc.linePos(Math.max(r[1], r[0]));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col === a.col && b.line === a.line ? a.col + 1 : b.col, message };
  };
  const problems: ManifestProblem[] = [];
  if (!Array.isArray(docs)) return problems;
  for (const d of docs) {
    for (const e of d.errors) problems.push(at([e.pos[0], e.pos[1]], e.message.split('\n')[0] ?? e.message));
  }
  if (problems.length) return problems;

  const located: Located[] = docs.map((doc) => ({ ...manifestHead(doc), doc }));

  for (const block of splitErrors(output)) {
    const m = /^The (\S+) "([^"]*)" is invalid: ?([\s\S]*)$/.exec(block);
    if (m) {
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      const target = located.find((l) => l.kind === kind && l.name === name);
      const causes = rest.startsWith('\n') ? rest.split('\n').filter((l) => l.startsWith('* ')).map((l) => l.slice(2)) : [rest];
      for (const cause of causes) {
        const field = /^([A-Za-z0-9_.[\]-]+): /.exec(cause)?.[1];
        const range = target ? rangeOfField(target.doc, field ?? '') : undefined;
        problems.push(at(range ?? [0, 0], causes.length > 1 ? `The ${kind} "${name}" is invalid: ${cause}` : block));
      }
      continue;
    }
    // With several errors kubectl prints an Invalid one as the server's message: `Error from server
    // (Invalid): error when creating "f": StatefulSet.apps "web" is invalid: [spec.a: …, spec.b: …]`.
    const multi = /^Error from server \(Invalid\): error when \w+ "[^"]*": ([A-Za-z]+)(?:\.[a-z0-9.-]+)? "([^"]*)" is invalid: ([\s\S]*)$/.exec(block);
    if (multi) {
      const [, kind, name, rest] = multi as unknown as [string, string, string, string];
      const target = located.find((l) => l.kind === kind && l.name === name);
      const inner = rest.startsWith('[') && rest.endsWith(']') ? rest.slice(1, -1) : rest;
      const fields = [...inner.matchAll(/(?:^|, )([A-Za-z0-9_.[\]-]+): /g)].map((m) => m[1] as string);
      const range = target ? rangeOfField(target.doc, fields[0] ?? '') : undefined;
      problems.push(at(range ?? (target ? docRange(target.doc) : [0, 0]), block));
      continue;
    }
    // Errors naming an object by kind/name in another way still belong to its document when we can tell.
    const named = located.find((l) => l.name && block.includes(`"${l.name}"`) && block.toLowerCase().includes(l.kind.toLowerCase()));
    problems.push(at(named ? docRange(named.doc) : [0, 0], block));
  }
  return problems;
}

/** kubectl's error blocks in an output: each starts with `error`, `Error from server` or `The … is invalid`. */
function splitErrors(output: string): string[] {
  const blocks: string[] = [];
  let cur: string[] | undefined;
  for (const line of output.split('\n')) {
    if (/^(error|Error from server|The \S+ "[^"]*" is invalid|The request is invalid)/.test(line)) {
      if (cur) blocks.push(cur.join('\n'));
      cur = [line];
    } else if (cur && line.startsWith('* ')) {
      cur.push(line);
    } else if (cur) {
      blocks.push(cur.join('\n'));
      cur = undefined;
    }
  }
  if (cur) blocks.push(cur.join('\n'));
  return blocks;
}

function docRange(doc: Document.Parsed): Range {
  const kindPair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'kind') : undefined;
  const r = (kindPair?.key as { range?: Range } | undefined)?.range ?? doc.contents?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** The key (or item) a field path such as `spec.template.spec.containers[0].image` points at, or the deepest part of it that exists. */
export function rangeOfField(doc: Document.Parsed, field: string): Range | undefined {
  const parts = field.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let node: unknown = doc.contents;
  let best: Range | undefined = docRange(doc);
  for (const part of parts) {
    if (part.startsWith('[')) {
      const i = Number(part.slice(1, -1));
      if (!isSeq(node)) break;
      const item = node.items[i] as { range?: Range } | undefined;
      if (!item) break;
      if (item.range) best = [item.range[0], item.range[1]];
      node = item;
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
    if (!pair) break;
    const kr = (pair.key as { range?: Range }).range;
    if (kr) best = [kr[0], kr[1]];
    node = pair.value;
  }
  return best;
}
