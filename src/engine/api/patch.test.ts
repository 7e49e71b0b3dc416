import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../lib/nesting';
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

/**
 * More cases recorded from kubectl v1.32.5 (testdata/patch-kubectl-1.32-hostile.json):
 * malformed directives and operations, keys such as `__proto__`/`constructor`, long
 * lists (Go's stable sort), and the inputs on which the Go libraries panic. Read
 * with JSON.parse: Vite's JSON import would turn a `"__proto__"` key into a prototype.
 */
interface RecordedCase extends Case {
  panic?: string;
  kubectlDecodeError?: string;
}
const hostile = JSON.parse(readFileSync(join(__dirname, 'testdata', 'patch-kubectl-1.32-hostile.json'), 'utf8')) as { cases: RecordedCase[] };

describe('malformed and hostile patches agree with kubectl patch --local (v1.32)', () => {
  it.each(hostile.cases.map((c) => [`${c.type}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const before = JSON.stringify(originals[c.original]);
    let result: unknown;
    let err: unknown;
    try {
      result = apply(c);
    } catch (e) {
      err = e;
    }
    if (c.result !== undefined) {
      expect(err).toBeUndefined();
      expect(result).toEqual(c.result);
    } else if (c.kubectlDecodeError !== undefined) {
      // The patch applied; kubectl's failure came from decoding the result (the API server's decode step).
      expect(err).toBeUndefined();
    } else {
      expect(err).toBeInstanceOf(PatchError);
      const e = err as PatchError;
      expect(e.internal).toBeUndefined();
      if (c.panic !== undefined) {
        // Go panicked: the server answers a panicking request with a 500.
        expect(e.localMessage).toBe(c.panic);
        expect(e.code).toBe(500);
        expect(e.message).toBe(
          `an error on the server ("This request caused apiserver to panic. Look in the logs for details.") has prevented the request from succeeding (patch ${c.original === 'sts' ? 'statefulsets.apps web' : 'pods web-0'})`,
        );
      } else {
        expect(e.localMessage.replace(/\n$/, '')).toBe(c.error);
      }
    }
    expect(JSON.stringify(originals[c.original])).toBe(before);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('what no patch can do', () => {
  const sts = originals['sts'] as Record<string, unknown>;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const own = (o: unknown, k: string) => Object.prototype.hasOwnProperty.call(o, k);

  it('a JSON patch through __proto__ fails like the library and pollutes nothing (issue sample)', () => {
    const ops = [{ op: 'add', path: '/__proto__/deletionTimestamp', value: '2025-01-01T09:00:00Z' }];
    expect(() => jsonPatch(sts, ops)).toThrowError(PatchError);
    try {
      jsonPatch(sts, ops);
    } catch (e) {
      expect((e as PatchError).localMessage).toBe('add operation does not apply: doc is missing path: "/__proto__/deletionTimestamp": missing value');
      expect((e as PatchError).kubectlText()).toBe('The request is invalid: the server rejected our request due to an error in our request');
    }
    expect(({} as Record<string, unknown>)['deletionTimestamp']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  });

  it('__proto__ written by any patch type is an own data key; prototypes stay untouched', () => {
    const js = jsonPatch(sts, [
      { op: 'add', path: '/__proto__', value: { deletionTimestamp: 'x' } },
      { op: 'add', path: '/__proto__/deletionTimestamp', value: 'y' },
      { op: 'copy', from: '/__proto__', path: '/metadata/__proto__' },
    ]) as Record<string, Record<string, unknown>>;
    const proto = JSON.parse('{"__proto__":{"deletionTimestamp":"z"},"metadata":{"labels":{"__proto__":"v"}}}') as object;
    const smp = strategicMergePatch(sts, proto, 'StatefulSet') as Record<string, Record<string, unknown>>;
    const merge = mergePatch(sts, proto) as Record<string, Record<string, unknown>>;
    for (const r of [js, smp, merge]) {
      expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
      expect(own(r, '__proto__')).toBe(true);
      expect(r['metadata']?.['deletionTimestamp']).toBeUndefined();
      expect(Object.getPrototypeOf(r['metadata'])).toBe(Object.prototype);
    }
    expect(js['__proto__']).toEqual({ deletionTimestamp: 'y' });
    expect(own(js['metadata'], '__proto__')).toBe(true);
    expect(own((smp['metadata'] as Record<string, Record<string, unknown>>)['labels'], '__proto__')).toBe(true);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  });

  it('inherited names are absent keys: test/remove/replace/merge see no value there', () => {
    expect(() => jsonPatch(sts, [{ op: 'remove', path: '/metadata/constructor' }])).toThrowError(PatchError);
    expect(jsonPatch(sts, [{ op: 'test', path: '/metadata/toString', value: null }])).toEqual(sts);
    expect(() => jsonPatch(sts, [{ op: 'add', path: '/constructor/prototype/polluted', value: 1 }])).toThrowError(PatchError);
    const r = strategicMergePatch(sts, { metadata: { constructor: { a: 1 }, hasOwnProperty: 'x' } }, 'StatefulSet') as Record<string, Record<string, unknown>>;
    expect(r['metadata']?.['constructor']).toEqual({ a: 1 });
    expect(r['metadata']?.['hasOwnProperty']).toBe('x');
  });

  it('deep documents give the decoder\'s depth error, not a stack overflow', () => {
    const nest = (n: number, arr: boolean): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < n; i++) v = arr ? [v] : { a: v };
      return v;
    };
    for (const n of [MAX_NESTING_DEPTH + 1, 20_000]) {
      for (const arr of [false, true]) {
        const deep = nest(n, arr);
        const bracket = arr ? '[' : '{';
        const cases: [() => unknown, string, string][] = [
          [() => strategicMergePatch(sts, { metadata: { labels: deep } }, 'StatefulSet'), `invalid character '${bracket}' exceeded max depth`, 'invalid JSON document'],
          [() => mergePatch(sts, { metadata: { labels: deep } }), `error decoding patch: invalid character '${bracket}' exceeded max depth`, 'Invalid JSON Patch'],
          [() => jsonPatch(sts, [{ op: 'add', path: '/x', value: deep }]), `error decoding patch: invalid character '${bracket}' exceeded max depth`, `invalid character '${bracket}' exceeded max depth`],
        ];
        for (const [f, message, local] of cases) {
          let err: unknown;
          try {
            f();
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(PatchError);
          expect((err as PatchError).reason).toBe('BadRequest');
          expect((err as PatchError).message).toBe(message);
          expect((err as PatchError).localMessage).toBe(local);
        }
      }
    }
    // At the limit everything still works.
    const ok = nest(MAX_NESTING_DEPTH - 3, false);
    expect(strategicMergePatch(sts, { spec: { x: ok } }, 'StatefulSet')).toMatchObject({ spec: { x: ok } });
    expect(mergePatch(sts, { spec: { x: ok } })).toMatchObject({ spec: { x: ok } });
    expect(jsonPatch(sts, [{ op: 'add', path: '/spec/x', value: nest(MAX_NESTING_DEPTH - 4, true) }, { op: 'test', path: '/spec/x', value: nest(MAX_NESTING_DEPTH - 4, true) }])).toBeTruthy();
  });

  it('a JSON patch may hold at most 10000 operations', () => {
    const ops = Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/kind', value: 'StatefulSet' }));
    let err: unknown;
    try {
      jsonPatch(sts, ops);
    } catch (e) {
      err = e;
    }
    expect((err as PatchError).code).toBe(413);
    expect((err as PatchError).kubectlText()).toBe('Error from server (RequestEntityTooLarge): Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
    expect(jsonPatch(sts, ops.slice(1))).toEqual(sts);
  });

  it('copies may add at most 3 MiB in all (the server\'s json-patch-max-copy-bytes)', () => {
    const big = { metadata: { name: 'big' }, data: 'x'.repeat(200_000) };
    const ops: unknown[] = [];
    for (let i = 0; i < 16; i++) ops.push({ op: 'copy', from: '/data', path: `/c${i}` });
    let err: unknown;
    try {
      jsonPatch(big, ops);
    } catch (e) {
      err = e;
    }
    expect((err as PatchError).localMessage).toBe('Unable to complete the copy, the accumulated size increase of copy is 3200032, exceeding the limit 3145728');
    // Doubling a document with copies stops long before memory does.
    const doubling = Array.from({ length: 40 }, (_, i) => ({ op: 'copy', from: '/spec', path: `/spec/d${i}` }));
    expect(() => jsonPatch(sts, doubling)).toThrowError(PatchError);
    try {
      jsonPatch(sts, doubling);
    } catch (e) {
      expect((e as PatchError).localMessage).toMatch(/^Unable to complete the copy, the accumulated size increase of copy is \d+, exceeding the limit 3145728$/);
    }
    const grow: unknown[] = [{ op: 'add', path: '/a', value: ['x'.repeat(1000)] }];
    for (let i = 0; i < 30; i++) grow.push({ op: 'copy', from: '/a', path: `/a/-` }, { op: 'copy', from: '/a', path: '/b' }, { op: 'move', from: '/b', path: '/a/-' });
    expect(() => jsonPatch(sts, grow)).toThrowError('the server rejected our request');
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
