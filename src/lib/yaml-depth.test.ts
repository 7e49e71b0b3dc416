import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, parseAllDocuments } from 'yaml';
import { GO_YAML_MAX_DEPTH, goYamlDepthError, MAX_YAML_NESTING, yamlDepthProblem } from './yaml-depth';

/** A value nested as deep as `shapes` is long, with siblings, in a mix of maps and lists. */
const nested = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 140 }).chain((shapes) =>
  fc.constantFrom<unknown>('x', 7, 'a: b [c {d', '#[{').map((leaf) =>
    shapes.reduce<unknown>((inner, shape) => (shape === 0 ? [inner] : shape === 1 ? { k: inner, s: 'v' } : [{ 'a b': 1 }, inner, 'z']), leaf),
  ),
);

function collectionDepth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(collectionDepth));
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(collectionDepth));
  return 0;
}

describe('yamlDepthProblem', () => {
  it('counts what the YAML parser nests, in block and flow style alike', () => {
    fc.assert(
      fc.property(nested, fc.integer({ min: 0, max: 140 }), fc.boolean(), (value, flowFrom, blockScalar) => {
        const doc = new Document(value);
        // Flow style below some depth, block style above it.
        let level = 0;
        const style = (n: unknown) => {
          const node = n as { items?: unknown[]; flow?: boolean; value?: unknown };
          if (!node || !Array.isArray(node.items)) return;
          level++;
          node.flow = level > flowFrom;
          for (const it of node.items) {
            const pair = it as { value?: unknown };
            style(pair && typeof pair === 'object' && 'value' in pair ? pair.value : it);
          }
          level--;
        };
        style(doc.contents);
        let text = doc.toString({ lineWidth: 0 });
        if (blockScalar) text = `note: |\n  ${'['.repeat(500)}\n  {{{\nrest:\n${text.replace(/^/gm, '  ')}`;
        const depth = collectionDepth(value) + (blockScalar ? 1 : 0);
        const problem = yamlDepthProblem(text);
        expect(problem !== undefined, `depth ${depth}`).toBe(depth > MAX_YAML_NESTING);
        if (!problem) expect(parseAllDocuments(text).every((d) => d.errors.length === 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never counts brackets in quotes, comments or block scalars', () => {
    const deep = '['.repeat(5000);
    expect(yamlDepthProblem(`a: "${deep}"\nb: '${deep}'\nc: 1 # ${deep}\nd: |\n  ${deep}\n  {{{{\ne: >-\n  ${deep}\n`)).toBeUndefined();
  });

  it('finds the line and column where the limit is passed', () => {
    expect(yamlDepthProblem(`a: b\nc: ${'['.repeat(200)}`)).toEqual({ line: 2, column: 4 + MAX_YAML_NESTING - 1, goYaml: false });
    const block = Array.from({ length: MAX_YAML_NESTING + 1 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(yamlDepthProblem(block)).toEqual({ line: MAX_YAML_NESTING + 1, column: MAX_YAML_NESTING + 1, goYaml: false });
    expect(yamlDepthProblem('- '.repeat(GO_YAML_MAX_DEPTH + 5))?.goYaml).toBe(true);
  });

  it('a bracket after a space inside a plain scalar does not hide the block nesting after it', () => {
    const block = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n');
    expect(yamlDepthProblem(`title: see [1\nb:\n${block}`)).toBeDefined();
  });
});

describe('goYamlDepthError', () => {
  // Texts checked against kubectl 1.32 (`kubectl create --dry-run=client --validate=false -f`).
  it("words it as go-yaml does, with no line on the first line and lines counted per document", () => {
    expect(goYamlDepthError('['.repeat(20000), true)?.message).toBe('yaml: exceeded max depth of 10000');
    expect(goYamlDepthError(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${'{'.repeat(20000)}`, true)?.message).toBe('yaml: line 6: exceeded max depth of 10000');
    expect(goYamlDepthError(`a: b\n---\n\n\nc: ${'['.repeat(20000)}`, true)).toEqual({ message: 'yaml: line 3: exceeded max depth of 10000', offset: 9 });
    expect(goYamlDepthError(`a: b\nc:\n${Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}`, true)?.message).toBe('yaml: line 10002: exceeded max depth of 10000');
    expect(goYamlDepthError(`a: ${'['.repeat(150)}`, false)?.message).toBe(`yaml: exceeded max depth of ${MAX_YAML_NESTING}`);
    expect(goYamlDepthError('a: [[1]]\n', true)).toBeUndefined();
  });
});
