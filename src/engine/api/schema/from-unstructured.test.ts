import { describe, expect, it } from 'vitest';
import { fromUnstructured } from './from-unstructured';
import { kindType, type StructType } from './types';

const STS = kindType('StatefulSet') as StructType;
const sts = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec, ...extra });
const err = (u: Record<string, unknown>) => fromUnstructured(u, STS, true).error;

describe('fromUnstructured (runtime.DefaultUnstructuredConverter)', () => {
  it('converts numbers as reflect does: int64 narrows, integral floats convert, others fail', () => {
    expect(fromUnstructured(sts({ replicas: 4294967297 }), STS, true).value?.['spec']).toEqual({ replicas: 1 });
    expect(fromUnstructured(sts({ replicas: 1e20 }), STS, true).value?.['spec']).toEqual({ replicas: 0 });
    expect(fromUnstructured(sts({}, { metadata: { generation: 1e20 } }), STS, true).value?.['metadata']).toEqual({ generation: -9223372036854775808 });
    expect(err(sts({ replicas: 2.5 }))).toBe('cannot convert float64 to int32');
    expect(err(sts({ serviceName: 5 }))).toBe('cannot convert int64 to string');
    expect(err(sts({ podManagementPolicy: 5 }))).toBe('cannot convert int64 to v1.PodManagementPolicyType');
  });
  it('says "unrecognized type" for a value no conversion reaches', () => {
    expect(err(sts({ replicas: 'x' }))).toBe('unrecognized type: int32');
    expect(err(sts({ replicas: true }))).toBe('unrecognized type: int32');
    expect(err(sts({ serviceName: 2.5 }))).toBe('unrecognized type: string');
    expect(err(sts({ serviceName: { a: 1 } }))).toBe('unrecognized type: string');
    expect(err(sts({ template: { spec: { containers: [{ name: 'c', stdin: 'yes' }] } } }))).toBe('unrecognized type: bool');
  });
  it('names the shape it could not restore', () => {
    expect(err(sts({ selector: 'x' }))).toBe('cannot restore struct from: string');
    expect(err(sts({ volumeClaimTemplates: { a: 1 } }))).toBe('cannot restore slice from map');
    expect(err(sts({}, { metadata: { labels: ['a'] } }))).toBe('cannot restore map from slice');
    expect(err(sts({}, { metadata: { labels: { a: 1 } } }))).toBe('cannot convert int64 to string');
  });
  it('walks fields in declaration order and stops at the first error', () => {
    // replicas is declared before serviceName in StatefulSetSpec, whatever the map says.
    expect(err(sts({ serviceName: 5, replicas: 'x' }))).toBe('unrecognized type: int32');
  });
  it('runs custom unmarshalers on the value re-encoded as JSON', () => {
    expect(err(sts({ template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] } } }))).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(err(sts({ updateStrategy: { rollingUpdate: { maxUnavailable: 2.5 } } }))).toBe('json: cannot unmarshal number 2.5 into Go value of type int32');
    expect(err(sts({}, { metadata: { creationTimestamp: 'now' } }))).toBe('parsing time "now" as "2006-01-02T15:04:05Z07:00": cannot parse "now" as "2006"');
  });
  it('collects unknown fields, sorted, when asked', () => {
    const r = fromUnstructured(sts({ zz: 1, replicaz: 2, template: { spec: { containers: [{ name: 'c', imagez: 'x' }] } } }, { extra: 1 }), STS, true);
    expect(r.error).toBeUndefined();
    expect(r.unknown).toEqual(['unknown field "extra"', 'unknown field "spec.replicaz"', 'unknown field "spec.template.spec.containers[0].imagez"', 'unknown field "spec.zz"']);
    expect(fromUnstructured(sts({ zz: 1 }), STS, false).unknown).toEqual([]);
    // The converter prints the path with %s, unquoted.
    expect(fromUnstructured(sts({ 'a"b': 1 }), STS, true).unknown).toEqual(['unknown field "spec.a"b"']);
  });
  it('treats null as the zero value', () => {
    expect(fromUnstructured(sts({ replicas: null, selector: null }, { metadata: { name: 'web', labels: { a: null } } }), STS, true).value).toEqual(sts({}, { metadata: { name: 'web', labels: { a: '' } } }));
  });
});
