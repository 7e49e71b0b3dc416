import { describe, expect, it } from 'vitest';
import { decodeObject } from '../decode';
import type { KObject } from '../types';
import { decodeJson, decodeJsonValue } from './decode-json';
import { goType, kindType, type StructType } from './types';

const STS = kindType('StatefulSet') as StructType;
const POD = kindType('Pod') as StructType;

/** A StatefulSet body with `spec` merged in. */
function sts(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec, ...extra };
}

const err = (body: unknown, t: StructType = STS) => decodeJson(body, t).error;

describe('decodeJson: values of the wrong JSON type (encoding/json UnmarshalTypeError)', () => {
  // Each Go type class × each JSON value class; "ok" decodes.
  const VALUES: [string, unknown][] = [
    ['string', 'x'],
    ['number', 5],
    ['number 2.5', 2.5],
    ['bool', true],
    ['array', [1]],
    ['object', { a: 'x' }],
  ];
  const FIELDS: { field: string; type: string; at: (v: unknown) => Record<string, unknown>; ok: string[]; struct: string }[] = [
    { field: 'spec.serviceName', type: 'string', at: (v) => sts({ serviceName: v }), ok: ['string'], struct: 'StatefulSetSpec' },
    { field: 'spec.replicas', type: 'int32', at: (v) => sts({ replicas: v }), ok: ['number'], struct: 'StatefulSetSpec' },
    { field: 'spec.revisionHistoryLimit', type: 'int32', at: (v) => sts({ revisionHistoryLimit: v }), ok: ['number'], struct: 'StatefulSetSpec' },
    { field: 'metadata.generation', type: 'int64', at: (v) => sts({}, { metadata: { generation: v } }), ok: ['number'], struct: 'ObjectMeta' },
    { field: 'spec.template.spec.containers.stdin', type: 'bool', at: (v) => sts({ template: { spec: { containers: [{ stdin: v }] } } }), ok: ['bool'], struct: 'Container' },
    { field: 'spec.podManagementPolicy', type: 'v1.PodManagementPolicyType', at: (v) => sts({ podManagementPolicy: v }), ok: ['string'], struct: 'StatefulSetSpec' },
    { field: 'spec.template.spec.containers', type: '[]v1.Container', at: (v) => sts({ template: { spec: { containers: v } } }), ok: ['array'], struct: 'PodSpec' },
    { field: 'metadata.labels', type: 'map[string]string', at: (v) => sts({}, { metadata: { labels: v } }), ok: ['object'], struct: 'ObjectMeta' },
    { field: 'spec.selector', type: 'v1.LabelSelector', at: (v) => sts({ selector: v }), ok: ['object'], struct: 'StatefulSetSpec' },
    { field: 'spec.updateStrategy', type: 'v1.StatefulSetUpdateStrategy', at: (v) => sts({ updateStrategy: v }), ok: ['object'], struct: 'StatefulSetSpec' },
  ];
  for (const f of FIELDS) {
    for (const [what, v] of VALUES) {
      const ok = f.ok.includes(what.split(' ')[0] as string) && !(what === 'number 2.5' && f.type.startsWith('int')) && !(what === 'array' && f.type !== '[]v1.Container');
      it(`${what} into ${f.field} (${f.type}) ${ok ? 'decodes' : 'fails'}`, () => {
        const body = f.at(what === 'array' && f.type === '[]v1.Container' ? [{ name: 'a' }] : v);
        const shown = f.type.startsWith('int') && what.startsWith('number') ? what : what.split(' ')[0];
        expect(err(body)).toBe(ok ? undefined : `json: cannot unmarshal ${shown} into Go struct field ${f.struct}.${f.field} of type ${f.type}`);
      });
    }
  }

  it('names numbers that do not fit an integer type by their literal', () => {
    expect(err(sts({ replicas: 2147483648 }))).toBe('json: cannot unmarshal number 2147483648 into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(err(sts({ replicas: -2147483649 }))).toBe('json: cannot unmarshal number -2147483649 into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(err(sts({ replicas: 1e21 }))).toBe('json: cannot unmarshal number 1e+21 into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(err(sts({}, { metadata: { generation: 2 ** 63 } }))).toBe('json: cannot unmarshal number 9223372036854776000 into Go struct field ObjectMeta.metadata.generation of type int64');
    expect(err(sts({ replicas: 2147483647 }))).toBeUndefined();
    expect(err(sts({ replicas: -0 }))).toBeUndefined();
  });

  it('names the innermost struct and the JSON path through lists, maps and pointers (no indices)', () => {
    const body = sts({ template: { spec: { containers: [{ name: 'a' }, { name: 'b', image: 50 }] } } });
    expect(err(body)).toBe('json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string');
    const label = sts({}, { metadata: { labels: { app: 5 } } });
    expect(err(label)).toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    const ptr = sts({ persistentVolumeClaimRetentionPolicy: { whenScaled: 1 } });
    expect(err(ptr)).toBe('json: cannot unmarshal number into Go struct field StatefulSetPersistentVolumeClaimRetentionPolicy.spec.persistentVolumeClaimRetentionPolicy.whenScaled of type v1.PersistentVolumeClaimRetentionPolicyType');
    // Embedded inline structs are promoted: the outer struct is named.
    const vol = sts({ template: { spec: { volumes: [{ name: 'v', persistentVolumeClaim: 'x' }] } } });
    expect(err(vol)).toBe('json: cannot unmarshal string into Go struct field Volume.spec.template.spec.volumes.persistentVolumeClaim of type v1.PersistentVolumeClaimVolumeSource');
    expect(err({ apiVersion: 'v1', kind: 'Pod', metadata: 5 }, POD)).toBe('json: cannot unmarshal number into Go struct field Pod.metadata of type v1.ObjectMeta');
  });

  it('keeps the first type error in key byte order and goes on decoding', () => {
    // kubectl builds bodies from Go maps, so keys arrive sorted: "replicas" < "serviceName".
    const body = sts({ serviceName: 5, replicas: 'x' });
    expect(err(body)).toBe('json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32');
    // metadata sorts before spec at the top level.
    expect(err(sts({ replicas: 'x' }, { metadata: { name: 5 } }))).toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string');
  });

  it('lets a custom unmarshaler error end decoding at once, even after a remembered type error', () => {
    const body = sts({
      replicas: 'x',
      template: { spec: { containers: [{ name: 'c', resources: { requests: { cpu: 'lots' } } }] } },
    });
    expect(err(body)).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('names the field an IntOrString or Time type error stopped in', () => {
    const port = sts({ template: { spec: { containers: [{ name: 'c', readinessProbe: { httpGet: { port: 2.5 } } }] } } });
    expect(err(port)).toBe('json: cannot unmarshal number 2.5 into Go struct field HTTPGetAction.spec.template.spec.containers.readinessProbe.httpGet.port of type int32');
    const partition = sts({ updateStrategy: { rollingUpdate: { maxUnavailable: true } } });
    expect(err(partition)).toBe('json: cannot unmarshal bool into Go struct field RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32');
    const time = sts({}, { metadata: { creationTimestamp: 5 } });
    expect(err(time)).toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string');
    const badTime = sts({}, { metadata: { creationTimestamp: 'yesterday' } });
    expect(err(badTime)).toBe('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
  });

  it('accepts numbers and strings for quantities and IntOrString, and canonicalises times', () => {
    const body = sts({
      template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: 1, memory: '1Gi' } }, readinessProbe: { httpGet: { port: 'http' } } }] } },
    }, { metadata: { name: 'web', creationTimestamp: '2024-01-01T10:00:00.5+02:00' } });
    const r = decodeJson(body, STS);
    expect(r.error).toBeUndefined();
    const c = (r.value as { spec: { template: { spec: { containers: Record<string, { limits: unknown; httpGet: unknown }>[] } } } }).spec.template.spec.containers[0];
    expect(c?.['resources']?.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect((r.value as { metadata: { creationTimestamp: string } }).metadata.creationTimestamp).toBe('2024-01-01T08:00:00Z');
  });
});

describe('decodeJson: custom unmarshalers × value classes', () => {
  const QTY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  const at = (v: unknown) => sts({ template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: v } }, readinessProbe: { httpGet: { port: v } } }] } } });
  const quantity = (v: unknown) => sts({ template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: v } } }] } } });
  const port = (v: unknown) => sts({ template: { spec: { containers: [{ name: 'c', readinessProbe: { httpGet: { port: v } } }] } } });
  const time = (v: unknown) => sts({}, { metadata: { name: 'web', creationTimestamp: v } });
  const P = 'Go struct field HTTPGetAction.spec.template.spec.containers.readinessProbe.httpGet.port of type int32';
  const T = 'Go struct field ObjectMeta.metadata.creationTimestamp of type string';
  const CASES: [string, unknown, string | undefined, string | undefined, string | undefined][] = [
    // [class, value, Quantity error, IntOrString error, Time error]
    // Go's year takes four bytes, then fails on them and names what follows (nothing here).
    ['string', '100m', undefined, undefined, 'parsing time "100m" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "2006"'],
    ['number', 5, undefined, undefined, `json: cannot unmarshal number into ${T}`],
    ['float', 2.5, undefined, `json: cannot unmarshal number 2.5 into ${P}`, `json: cannot unmarshal number into ${T}`],
    ['bool', true, QTY, `json: cannot unmarshal bool into ${P}`, `json: cannot unmarshal bool into ${T}`],
    ['array', [1], QTY, `json: cannot unmarshal array into ${P}`, `json: cannot unmarshal array into ${T}`],
    ['object', { a: 1 }, QTY, `json: cannot unmarshal object into ${P}`, `json: cannot unmarshal object into ${T}`],
    ['null', null, undefined, undefined, undefined],
  ];
  for (const [cls, v, q, i, tm] of CASES) {
    it(`${cls} into Quantity, IntOrString and Time`, () => {
      expect(err(quantity(v))).toBe(q);
      expect(err(port(v))).toBe(i);
      expect(err(time(v))).toBe(tm);
    });
  }
  it('stores the decoded forms: canonical quantities, IntOrString as given, zero values for null', () => {
    const c = (v: unknown) => (decodeJson(at(v), STS).value as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } }).spec.template.spec.containers[0];
    expect(c(null)).toEqual({ name: 'c', resources: { limits: { cpu: '0' } }, readinessProbe: { httpGet: { port: 0 } } });
    expect(c(5)).toEqual({ name: 'c', resources: { limits: { cpu: '5' } }, readinessProbe: { httpGet: { port: 5 } } });
    expect((decodeJson(time(null), STS).value as { metadata: unknown }).metadata).toEqual({ name: 'web', creationTimestamp: null });
  });
});

describe('decodeJson: null', () => {
  it('leaves scalars and structs at zero and drops nil pointers, slices and maps', () => {
    const r = decodeJson(sts({ replicas: null, serviceName: null, selector: null, volumeClaimTemplates: null, updateStrategy: null }, { metadata: { name: 'web', labels: null } }), STS);
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: {} });
  });
  it('gives list elements and map values their zero value', () => {
    const r = decodeJson(sts({ template: { spec: { containers: [{ name: 'c', command: [null, 'x'], resources: { limits: { cpu: null } } }] } } }, { metadata: { labels: { a: null } } }), STS);
    expect(r.error).toBeUndefined();
    const v = r.value as { metadata: { labels: unknown }; spec: { template: { spec: { containers: { command: unknown; resources: unknown }[] } } } };
    expect(v.metadata.labels).toEqual({ a: '' });
    expect(v.spec.template.spec.containers[0]?.command).toEqual(['', 'x']);
    expect(v.spec.template.spec.containers[0]?.resources).toEqual({ limits: { cpu: '0' } });
  });
});

describe('decodeJson: strict errors (unknown fields)', () => {
  it('lists every unknown field with its path, in the order they are met', () => {
    const body = sts({ replicaz: 3, foo: { bar: 1 }, template: { spec: { containers: [{ name: 'a' }, { name: 'b', imagez: 'x' }] } } }, { extra: 1 });
    const r = decodeJson(body, STS);
    expect(r.error).toBeUndefined();
    expect(r.strict).toEqual(['unknown field "extra"', 'unknown field "spec.foo"', 'unknown field "spec.replicaz"', 'unknown field "spec.template.spec.containers[1].imagez"']);
    // Unknown fields are dropped from what is stored.
    expect(JSON.stringify(r.value)).not.toContain('imagez');
  });
  it('reports strict errors only when the type decode succeeded', () => {
    const r = decodeJson(sts({ replicaz: 3, replicas: 'x' }), STS);
    expect(r.error).toBe('json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32');
    expect(r.strict).toEqual([]);
  });
  it('treats __proto__, constructor and prototype as ordinary unknown fields', () => {
    const body = JSON.parse('{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web","__proto__":{"polluted":1}},"spec":{"constructor":1,"prototype":{"x":1}}}');
    const r = decodeJson(body, STS);
    expect(r.strict).toEqual(['unknown field "metadata.__proto__"', 'unknown field "spec.constructor"', 'unknown field "spec.prototype"']);
    expect(Object.getPrototypeOf((r.value as { metadata: object }).metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  it('keeps any key in free-form maps, __proto__ included, as an own string value', () => {
    const body = JSON.parse('{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web","labels":{"__proto__":"x","constructor":"y"}}}');
    const r = decodeJson(body, STS);
    expect(r.strict).toEqual([]);
    const labels = (r.value as { metadata: { labels: Record<string, unknown> } }).metadata.labels;
    expect(Object.keys(labels)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });
  it('quotes the path as strconv.Quote does', () => {
    expect(decodeJson(sts({ 'a"b': 1, 'tab\t': 2 }), STS).strict).toEqual(['unknown field "spec.a\\"b"', 'unknown field "spec.tab\\t"']);
  });
  it('stops at 100 strict errors', () => {
    const spec: Record<string, unknown> = {};
    for (let i = 0; i < 150; i++) spec[`f${String(i).padStart(3, '0')}`] = i;
    expect(decodeJson(sts(spec), STS).strict).toHaveLength(100);
  });
  it('does not look inside unknown fields or RawExtension data', () => {
    const r = decodeJson({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { anything: [1, { x: null }] } }, kindType('ControllerRevision') as StructType);
    expect(r).toEqual({ value: { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { anything: [1, { x: null }] } }, error: undefined, strict: [] });
  });
});

describe('decodeObject (create/update bodies)', () => {
  const body = (spec: Record<string, unknown>) => sts(spec) as unknown as KObject;
  it('wraps errors as the create handler does', () => {
    expect(() => decodeObject(body({ replicas: 'abc' }))).toThrow('StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32');
  });
  it('follows the field validation directive for unknown fields', () => {
    expect(() => decodeObject(body({ replicaz: 3, foo: 1 }), 'Strict')).toThrow('StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.foo", unknown field "spec.replicaz"');
    expect(decodeObject(body({ replicaz: 3 }), 'Warn')).toEqual({ obj: sts({}), warnings: ['unknown field "spec.replicaz"'] });
    expect(decodeObject(body({ replicaz: 3 }), 'Ignore')).toEqual({ obj: sts({}), warnings: [] });
  });
});

describe('decodeJsonValue (other targets)', () => {
  it('reads a merge patch into map[string]interface {}', () => {
    expect(decodeJsonValue([1], goType('map[string]interface {}')).error).toBe('json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(decodeJsonValue({ a: Infinity }, goType('map[string]interface {}')).error).toBe('json: cannot unmarshal number +Inf into Go value of type float64');
  });
});
