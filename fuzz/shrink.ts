/**
 * Makes a failing input smaller while it still fails the same way (same
 * failure signature): drops steps, manifest documents and top-level keys of
 * a scenario, then lines of the text; shortens a link. Bounded by a number
 * of attempts and a wall-clock budget, so it stays cheap.
 */
import { isMap, isSeq, parseAllDocuments, parseDocument, Scalar } from 'yaml';
import { runInput, type FuzzInput } from './campaigns';
import { signature, type Failure } from './checks';
import { shallow } from './mutate';

export interface ShrinkOptions {
  maxAttempts?: number;
  budgetMs?: number;
}

/** Returns a smaller input that still shows `target`, or the input itself. */
export function shrink(input: FuzzInput, target: Failure, opts: ShrinkOptions = {}): FuzzInput {
  const want = signature(target);
  const deadline = performance.now() + (opts.budgetMs ?? 15_000);
  let attempts = opts.maxAttempts ?? 200;
  const determinism = target.kind === 'nondeterminism';
  const fails = (candidate: FuzzInput): boolean => {
    if (attempts-- <= 0 || performance.now() > deadline) return false;
    try {
      return runInput(candidate, { determinism }).failures.some((f) => signature(f) === want);
    } catch {
      return false;
    }
  };
  const spent = () => attempts <= 0 || performance.now() > deadline;

  let best = input;
  if (best.kind === 'link') {
    // Shorten the fragment from the end while it fails alike.
    for (let cut = Math.floor(best.text.length / 2); cut >= 1 && !spent(); cut = Math.floor(cut / 2)) {
      while (best.text.length > cut && !spent()) {
        const c = { ...best, text: best.text.slice(0, best.text.length - cut) };
        if (!fails(c)) break;
        best = c;
      }
    }
    return best;
  }

  // Structural passes over a scenario that still parses as YAML.
  const structural = (edit: (text: string, i: number) => string | undefined) => {
    for (let i = 0; !spent(); ) {
      const next = edit(best.text, i);
      if (next === undefined) break;
      const c = { ...best, text: next };
      if (next !== best.text && fails(c)) best = c;
      else i++;
    }
  };
  structural((text, i) => removeListItem(text, 'steps', i));
  structural((text, i) => removeManifestDoc(text, i));
  structural((text, i) => removeTopKey(text, i));
  // Line-level pass: drop chunks of lines, halving the chunk size.
  for (let chunk = Math.max(1, Math.floor(best.text.split('\n').length / 4)); chunk >= 1 && !spent(); chunk = Math.floor(chunk / 2)) {
    for (let at = 0; !spent(); ) {
      const lines = best.text.split('\n');
      if (at >= lines.length) break;
      const c = { ...best, text: [...lines.slice(0, at), ...lines.slice(at + chunk)].join('\n') };
      if (fails(c)) best = c;
      else at += chunk;
    }
  }
  // Long lines (deep nesting, huge scalars): keep halving the longest one while it fails alike.
  for (let rounds = 0; rounds < 40 && !spent(); rounds++) {
    const lines = best.text.split('\n');
    let at = 0;
    lines.forEach((l, i) => {
      if (l.length > (lines[at] as string).length) at = i;
    });
    const long = lines[at] as string;
    if (long.length < 64) break;
    const half = [...lines.slice(0, at), long.slice(0, Math.ceil(long.length / 2)), ...lines.slice(at + 1)].join('\n');
    const c = { ...best, text: half };
    if (!fails(c)) break;
    best = c;
  }
  return best;
}

function removeListItem(text: string, key: string, i: number): string | undefined {
  if (!shallow(text)) return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const list = doc.get(key);
  if (!isSeq(list) || i >= list.items.length) return undefined;
  list.items.splice(i, 1);
  return doc.toString({ lineWidth: 0 });
}

function removeManifestDoc(text: string, i: number): string | undefined {
  if (!shallow(text)) return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const m = doc.get('manifests');
  if (typeof m !== 'string' || !shallow(m)) return undefined;
  const docs = parseAllDocuments(m);
  if (!Array.isArray(docs) || i >= docs.length) return undefined;
  const parts = docs.map((d) => m.slice(d.range[0], d.range[2]));
  parts.splice(i, 1);
  const sc = new Scalar(parts.join('\n---\n'));
  sc.type = Scalar.BLOCK_LITERAL;
  doc.set('manifests', sc);
  return doc.toString({ lineWidth: 0 });
}

function removeTopKey(text: string, i: number): string | undefined {
  if (!shallow(text)) return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const items = doc.contents.items;
  if (i >= items.length) return undefined;
  items.splice(i, 1);
  return doc.toString({ lineWidth: 0 });
}
