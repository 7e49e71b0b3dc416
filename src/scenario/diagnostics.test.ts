import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { manifestProblems } from './diagnostics';
import { setManifestField } from './manifest-edit';

const STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';

describe('the editor reads manifests as kubectl does', () => {
  const warnings: unknown[] = [];
  beforeEach(() => {
    warnings.length = 0;
    vi.spyOn(process, 'emitWarning').mockImplementation((w: unknown) => void warnings.push(w));
    vi.spyOn(console, 'warn').mockImplementation((w: unknown) => void warnings.push(w));
  });
  afterEach(() => vi.restoreAllMocks());

  it('a repeated key is no problem (kubectl keeps the last), and an edit through it is refused as ambiguous', () => {
    const text = `${STS}  replicas: 3\n`;
    expect(manifestProblems(text, '')).toEqual([]);
    expect(setManifestField(text, 'StatefulSet', 'web', ['spec', 'replicas'], 5)).toBeUndefined();
    expect(setManifestField(STS, 'StatefulSet', 'web', ['spec', 'replicas'], 5)).toBe(STS.replace('replicas: 2', 'replicas: 5'));
  });

  it('places a field error in the document kubectl names, by its last kind and name', () => {
    const text = `kind: Service\nkind: StatefulSet\napiVersion: apps/v1\nmetadata:\n  name: x\n  name: web\nspec:\n  replicas: -1\n`;
    const [p] = manifestProblems(text, 'The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect(p).toMatchObject({ line: 8, column: 3 });
  });

  it('collection keys and unknown tags print no warning', () => {
    const text = `${STS}  [a, b]: 1\n  {x: 1}: 2\n  tag: !foo bar\n`;
    manifestProblems(text, '');
    setManifestField(text, 'StatefulSet', 'web', ['spec', 'replicas'], 5);
    expect(warnings).toEqual([]);
  });
});

describe('errors kubectl prints together', () => {
  it('an Invalid one printed as the server message still lands on its field', () => {
    const text = `${STS}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n`;
    const out =
      'Error from server (Invalid): error when creating "manifests.yaml": StatefulSet.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value]\n' +
      'Error from server (Invalid): error when creating "manifests.yaml": Service "nginx" is invalid: spec.ports: Required value\n';
    const problems = manifestProblems(text, out);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [6, 3],
      [9, 1],
    ]);
  });
});
