import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Rng } from '../lib/rng';
import { firstDuplicateKey, manifestHead } from './yaml-keys';

/** The yaml package's own check (quadratic, fine for small texts): where it reports the first duplicate key. */
function packageSays(text: string): string {
  const lc = new LineCounter();
  const e = parseDocument(text, { lineCounter: lc, uniqueKeys: true }).errors.find((x) => x.code === 'DUPLICATE_KEY');
  return e ? `${lc.linePos(e.pos[0]).line}:${lc.linePos(e.pos[0]).col}` : 'none';
}

function weSay(text: string): string {
  const lc = new LineCounter();
  const at = firstDuplicateKey(parseDocument(text, { lineCounter: lc, uniqueKeys: false }));
  return at === undefined ? 'none' : `${lc.linePos(at).line}:${lc.linePos(at).col}`;
}

describe('firstDuplicateKey finds what the yaml package finds, in one pass', () => {
  it.each([
    'version: 1\ncluster:\n  timings: {provision: 1, provision: 2}\n',
    'a: 1\n&x a: 2\n',
    'a: 1\n!!str a: 2\n',
    'a: 1\n"a": 2\n',
    '1: a\n"1": b\n01: c\n',
    'x: [{a: 1, b: 2, a: 3}]\ny: {c: 1}\n',
    'a:\n  b: 1\n  b: 2\na: 3\n',
    '.nan: 1\n.nan: 2\n',
    '<<: {a: 1}\n<<: {b: 2}\n',
    'true: 1\nyes: 2\nTrue: 3\n',
    '~: 1\nnull: 2\n',
  ])('%j', (text) => {
    expect(weSay(text)).toBe(packageSays(text));
  });

  it('a repeated empty explicit key (`? ` alone) is reported where its node starts, not after the `?` line as the package does', () => {
    expect(weSay('? \n: 1\n? \n: 2\n')).toBe('3:3');
    expect(packageSays('? \n: 1\n? \n: 2\n')).toBe('4:1');
  });

  it('on 500 generated documents', () => {
    const rng = new Rng(7);
    const KEYS = ['a', 'b', '"a"', "'b'", '1', '"1"', '01', 'true', 'yes', '~', 'null', '1.0', '1e0', '? [x]', '&k a', '!!str 1'];
    const gen = (depth: number, indent: string): string => {
      const n = 1 + rng.int(4);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) {
        const k = KEYS[rng.int(KEYS.length)] as string;
        const complex = k.startsWith('?');
        if (depth < 3 && rng.int(3) === 0) lines.push(complex ? `${indent}${k}\n${indent}:\n${gen(depth + 1, indent + '  ')}` : `${indent}${k}:\n${gen(depth + 1, indent + '  ')}`);
        else if (rng.int(4) === 0) lines.push(complex ? `${indent}${k}\n${indent}: v` : `${indent}${k}: {${KEYS.slice(0, 6)[rng.int(6)]}: 1, ${KEYS.slice(0, 6)[rng.int(6)]}: 2}`);
        else lines.push(complex ? `${indent}${k}\n${indent}: v` : `${indent}${k}: v`);
      }
      return lines.join('\n');
    };
    let found = 0;
    for (let i = 0; i < 500; i++) {
      const text = gen(0, '') + '\n';
      const want = packageSays(text);
      if (want !== 'none') found++;
      expect(weSay(text), text).toBe(want);
    }
    expect(found).toBeGreaterThan(100);
  });
});

describe('manifestHead', () => {
  it('reads kind and metadata.name from the tree; the last of repeated keys counts', () => {
    const doc = parseDocument('kind: A\nmetadata:\n  name: x\n  name: y\nkind: StatefulSet\n[a]: 1\n', { uniqueKeys: false });
    expect(manifestHead(doc)).toEqual({ kind: 'StatefulSet', name: 'y' });
    expect(manifestHead(parseDocument('kind: [a]\nmetadata: 1\n'))).toEqual({ kind: '', name: '' });
  });
});

describe('no YAML parse in the playground runs the package’s quadratic key check or prints', () => {
  it('every parse call passes uniqueKeys: false and logLevel: error', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(root);
    const calls: string[] = [];
    for (const file of files) {
      const src = readFileSync(file, 'utf8');
      const imported = /import\s*\{([^}]*)\}\s*from\s*'yaml'/.exec(src)?.[1] ?? '';
      const names = imported
        .split(',')
        .map((x) => x.trim().replace(/^type\s+/, ''))
        .filter((x) => /^(parse|parseDocument|parseAllDocuments)\b/.test(x))
        .map((x) => x.split(/\s+as\s+/).pop() as string);
      for (const name of names) {
        for (const m of src.matchAll(new RegExp(`\\b${name}\\(`, 'g'))) {
          // The call's arguments, up to the matching parenthesis.
          let depth = 0;
          let i = (m.index ?? 0) + name.length;
          const start = i;
          for (; i < src.length; i++) {
            if (src[i] === '(') depth++;
            else if (src[i] === ')' && --depth === 0) break;
          }
          const args = src.slice(start, i + 1);
          calls.push(file);
          const viaKubectl = args.includes('...KUBECTL_YAML');
          expect(viaKubectl || (args.includes('uniqueKeys: false') && args.includes("logLevel: 'error'")), `${file}: ${name}${args}`).toBe(true);
        }
      }
    }
    expect(calls.length).toBeGreaterThanOrEqual(5);
  });

  it('the duplicate check does work in proportion to the keys', () => {
    const count = (n: number) => {
      const doc = parseDocument(Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n'), { uniqueKeys: false });
      const has = Set.prototype.has;
      let calls = 0;
      Set.prototype.has = function (this: Set<unknown>, v: unknown) {
        calls++;
        return has.call(this, v);
      };
      try {
        firstDuplicateKey(doc);
      } finally {
        Set.prototype.has = has;
      }
      return calls;
    };
    expect(count(20_000)).toBeLessThanOrEqual(2 * count(10_000) + 1);
  });
});
