/**
 * Properties of the three patch functions over generated documents whose keys
 * include `__proto__`, `constructor`, `toString`…: nothing but a PatchError
 * ever escapes (never a TypeError or RangeError, never a JavaScript error
 * turned into a 500), no built-in prototype gains a property, inputs stay
 * untouched, and every result is plain data with own keys only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyKey, assertPlainData, jsonObject, jsonValue, objectOf, prototypeSnapshot, scalar } from '../testing/hostile';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from './patch';

const KINDS = ['StatefulSet', 'Pod', 'Service', 'PersistentVolumeClaim', 'Unknown'];

/** Keys a strategic merge patch cares about, mixed with the hostile pool. */
const smpKey = fc.oneof(
  anyKey,
  fc.constantFrom('metadata', 'spec', 'template', 'containers', 'finalizers', 'labels', 'env', 'ports', 'volumes', 'tolerations', 'containerPort', 'mountPath', 'uid', 'ownerReferences'),
  fc.constantFrom('$patch', '$retainKeys', '$setElementOrder', '$setElementOrder/', '$deleteFromPrimitiveList', '$deleteFromPrimitiveList/'),
  fc.tuple(fc.constantFrom('$setElementOrder/', '$deleteFromPrimitiveList/'), fc.constantFrom('containers', 'finalizers', 'env', 'tolerations', 'labels', '__proto__', 'constructor', 'a')).map(([p, k]) => p + k),
);
const smpLeaf = fc.oneof(scalar, fc.constantFrom('delete', 'replace', 'merge', 'nginx', 'a', 'b'));
const smpValue = jsonValue(smpKey, smpLeaf, 5);

/** Objects shaped a little like the kinds (so merges reach the merge-keyed lists). */
const original = fc.oneof(
  jsonObject(smpKey, smpLeaf, 5),
  fc.constant({
    kind: 'StatefulSet',
    metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
    spec: { template: { spec: { containers: [{ name: 'nginx', image: 'i', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] }, { name: 'side' }], tolerations: [{ key: 'k' }] } } },
  }),
);

const pointerPiece = fc.oneof(anyKey, fc.constantFrom('-', '0', '1', '-1', '+0', '99999999999999999999', '9223372036854775807', '~0', '~1', 'metadata', 'labels', 'spec', 'polluted'));
const pointer = fc.oneof(
  fc.array(pointerPiece, { maxLength: 4 }).map((ps) => ps.map((p) => `/${p}`).join('')),
  fc.constantFrom('', '/', 'metadata', '//', '/__proto__/polluted', '/constructor/prototype/polluted'),
);
/** Each field present most of the time, sometimes missing or of the wrong type. */
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(undefined) });
const operation = fc
  .tuple(
    maybe(fc.oneof({ weight: 8, arbitrary: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test') }, { weight: 1, arbitrary: scalar })),
    maybe(fc.oneof({ weight: 8, arbitrary: pointer }, { weight: 1, arbitrary: scalar })),
    maybe(fc.oneof({ weight: 8, arbitrary: pointer }, { weight: 1, arbitrary: scalar })),
    maybe(jsonValue(anyKey, scalar, 3)),
  )
  .map(([op, path, from, value]) =>
    objectOf(
      (
        [
          ['op', op],
          ['path', path],
          ['from', from],
          ['value', value],
        ] as [string, unknown][]
      ).filter(([, v]) => v !== undefined),
    ),
  );
const jsonOps = fc.oneof({ weight: 5, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: operation }, { weight: 1, arbitrary: jsonValue(anyKey, scalar, 2) }), { maxLength: 6 }) }, { weight: 1, arbitrary: jsonValue(anyKey, scalar, 2) });

function check(run: () => unknown, inputs: unknown[]): void {
  const protoBefore = prototypeSnapshot();
  const before = inputs.map((x) => JSON.stringify(x));
  let result: unknown;
  try {
    result = run();
  } catch (e) {
    if (!(e instanceof PatchError)) throw new Error(`escaped: ${String(e)}`, { cause: e });
    // A modelled Go failure, never a JavaScript error in disguise.
    expect(e.internal).toBeUndefined();
    expect(e.message).not.toMatch(/Cannot read|is not a function|is not iterable|is not defined|undefined|\[object/);
    expect(e.localMessage).not.toMatch(/Cannot read|is not a function|is not iterable|is not defined|undefined|\[object/);
  }
  expect(prototypeSnapshot()).toBe(protoBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(inputs.map((x) => JSON.stringify(x))).toEqual(before);
  assertPlainData(result);
}

describe('patch functions under hostile keys', () => {
  it('strategic merge patch', () => {
    fc.assert(
      fc.property(original, fc.oneof({ weight: 8, arbitrary: jsonObject(smpKey, smpLeaf, 5) }, { weight: 1, arbitrary: smpValue }), fc.constantFrom(...KINDS), (o, p, kind) => {
        check(() => strategicMergePatch(o, p as object, kind), [o, p]);
      }),
      { numRuns: 400 },
    );
  });

  it('JSON merge patch', () => {
    fc.assert(
      fc.property(original, smpValue, (o, p) => {
        check(() => mergePatch(o, p), [o, p]);
      }),
      { numRuns: 300 },
    );
  });

  it('JSON patch', () => {
    fc.assert(
      fc.property(original, jsonOps, (o, ops) => {
        check(() => jsonPatch(o, ops), [o, ops]);
      }),
      { numRuns: 400 },
    );
  });

  it('a key written by a patch is an own data property of the result, whatever its name', () => {
    fc.assert(
      fc.property(anyKey, anyKey, scalar, (k1, k2, v) => {
        const o = { metadata: { name: 'web' } };
        const smp = strategicMergePatch(o, objectOf([[k1, objectOf([[k2, v ?? 'x']])]]), 'Pod') as Record<string, unknown>;
        const merge = mergePatch(o, objectOf([[k1, objectOf([[k2, v ?? 'x']])]])) as Record<string, unknown>;
        const js = jsonPatch(o, [{ op: 'add', path: `/${k1.replace(/~/g, '~0').replace(/\//g, '~1')}`, value: objectOf([[k2, v ?? 'x']]) }]) as Record<string, unknown>;
        for (const r of [smp, merge, js]) {
          expect(Object.prototype.hasOwnProperty.call(r, k1)).toBe(true);
          const inner = r[k1] as Record<string, unknown>;
          expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
          expect(Object.prototype.hasOwnProperty.call(inner, k2)).toBe(true);
          expect(inner[k2]).toBe(v ?? 'x');
        }
      }),
    );
  });
});
