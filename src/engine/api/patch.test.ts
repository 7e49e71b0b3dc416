import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { jsonPatch, mergePatch, PatchError, pruneNullFields, strategicMergePatch } from './patch';
import fixtures from './testdata/patch-kubectl-1.32.json';

/**
 * Table of cases whose expected results were produced by the real kubectl
 * v1.32.4 (`kubectl patch --local -f <original> -p <patch> --type <type> -o json`);
 * see testdata/patch-kubectl-1.32.json. Errors are compared with what
 * `--local` prints after "error: " (PatchError.localMessage).
 */
interface Case {
  name: string;
  type: 'strategic' | 'merge' | 'json';
  original: string;
  patch: unknown;
  result?: unknown;
  error?: string;
}

const originals = fixtures.originals as Record<string, Record<string, unknown>>;
const cases = fixtures.cases as Case[];

function apply(c: Case): unknown {
  const original = originals[c.original] as Record<string, unknown>;
  const kind = original['kind'] as string;
  if (c.type === 'strategic') return strategicMergePatch(original, c.patch as object, kind);
  if (c.type === 'merge') return mergePatch(original, c.patch);
  return jsonPatch(original, c.patch);
}

describe('patches agree with kubectl patch --local (v1.32)', () => {
  it.each(cases.map((c) => [`${c.type}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const before = JSON.stringify(originals[c.original]);
    if (c.error !== undefined) {
      let err: unknown;
      try {
        apply(c);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PatchError);
      // kubectl adds the final newline only when the message lacks one ($setElementOrder messages end with it).
      expect((err as PatchError).localMessage.replace(/\n$/, '')).toBe(c.error);
    } else {
      expect(apply(c)).toEqual(c.result);
    }
    // Inputs are never modified.
    expect(JSON.stringify(originals[c.original])).toBe(before);
  });
});

describe('patch errors as the API server answers them', () => {
  const sts = originals['sts'] as Record<string, unknown>;

  it('a failed JSON patch is a 422 without details', () => {
    let err: unknown;
    try {
      jsonPatch(sts, [{ op: 'test', path: '/spec/replicas', value: 9 }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    const e = err as PatchError;
    expect(e.reason).toBe('Invalid');
    expect(e.code).toBe(422);
    expect(e.message).toBe('the server rejected our request due to an error in our request');
    expect(e.details).toBeUndefined();
    expect(e.kubectlText()).toBe('The request is invalid: the server rejected our request due to an error in our request');
  });

  it('a JSON patch that is not a list is a BadRequest', () => {
    expect(() => jsonPatch(sts, { op: 'add' })).toThrowError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(() => jsonPatch(sts, [1])).toThrowError('json: cannot unmarshal number into Go value of type jsonpatch.Operation');
  });

  it('a strategic merge failure is a 500 with an empty reason', () => {
    let err: unknown;
    try {
      strategicMergePatch(sts, { spec: { template: { spec: { containers: [{ image: 'z' }] } } } }, 'StatefulSet');
    } catch (e) {
      err = e;
    }
    const e = err as PatchError;
    expect(e.code).toBe(500);
    expect(e.unknownReason).toBe(true);
    expect(e.kubectlText()).toBe('Error from server: map: map[image:z] does not contain declared merge key: name');
  });

  it('bad directive formats are BadRequests', () => {
    let err: unknown;
    try {
      strategicMergePatch(sts, { metadata: { $retainKeys: 'x' } }, 'StatefulSet');
    } catch (e) {
      err = e;
    }
    expect((err as PatchError).reason).toBe('BadRequest');
    expect((err as PatchError).message).toBe('invalid patch format of retainKeys');
  });

  it('a merge patch must be an object (or a list)', () => {
    expect(() => mergePatch(sts, null)).toThrowError('Invalid JSON Patch');
    expect(() => mergePatch(sts, 'x')).toThrowError('Invalid JSON Patch');
    expect(mergePatch(sts, [1, null, { a: null, b: 1 }])).toEqual([1, null, { b: 1 }]);
  });
});

describe('strategic merge patch details', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { a: '1' } },
    spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'X', value: '1' }] }] },
  };

  it('merges by the kind’s patch metadata; unknown kinds only know ObjectMeta', () => {
    const patch = { spec: { containers: [{ name: 'd', image: 'j' }] } };
    expect((strategicMergePatch(pod, patch, 'Pod') as typeof pod).spec.containers.map((c) => c.name)).toEqual(['d', 'c']);
    expect((strategicMergePatch(pod, patch, 'Unknown') as typeof pod).spec.containers.map((c) => c.name)).toEqual(['d']);
  });

  it('controller revision data: a replace directive on the template', () => {
    const sts = { kind: 'StatefulSet', metadata: { name: 'web' }, spec: { replicas: 3, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'v2' }] } } } };
    const data = { spec: { template: { $patch: 'replace', metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'v1' }] } } } };
    expect(strategicMergePatch(sts, data, 'StatefulSet')).toEqual({
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: { replicas: 3, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'v1' }] } } },
    });
  });

  it('pruneNullFields drops nulls a typed decode would drop', () => {
    expect(pruneNullFields({ a: null, b: [{ c: null, d: 1 }], e: { f: null } })).toEqual({ b: [{ d: 1 }], e: {} });
  });
});

describe('patch properties', () => {
  it('empty patches change nothing; merge patch of a full object yields it', async () => {
    const fc = await import('fast-check');
    const json = fc.jsonValue({ maxDepth: 3 });
    const obj = fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }).filter((k) => !k.startsWith('$')), json, { maxKeys: 5 });
    fc.assert(
      fc.property(obj, (o) => {
        const clean = JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
        expect(jsonPatch(clean, [])).toEqual(clean);
        expect(mergePatch(clean, {})).toEqual(clean);
        expect(strategicMergePatch(clean, {}, 'Pod')).toEqual(clean);
        // Replacing every key with a null-free value reproduces that value.
        const target = pruneNullFields(JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
        const nulled = Object.fromEntries(Object.keys(clean).map((k) => [k, null]));
        expect(mergePatch(mergePatch(clean, nulled), target)).toEqual(mergePatchClean(target));
      }),
    );
  });
});

/** What a merge patch adds for a new key: the value with map nulls pruned (list nulls kept). */
function mergePatchClean(v: Record<string, unknown>): unknown {
  return mergePatch({}, v);
}
