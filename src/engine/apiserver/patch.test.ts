import { describe, expect, it } from 'vitest';
import type { StatefulSet } from '../api/types';
import { createCluster } from '../sim/cluster';
import { apiErrorOf, headlessService, statefulSet } from '../testing/kit';
import { RawJson } from './patch';

function cluster() {
  const c = createCluster({}, { freeze: true });
  c.api.create(headlessService());
  c.api.create(statefulSet({ replicas: 2 }));
  return c;
}

describe('ApiServer.patch', () => {
  it('applies each patch type on the server and stores through the update path', () => {
    const c = cluster();
    const warn: string[] = [];
    c.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { replicas: 3 } }, { warn: (m) => warn.push(m) });
    c.api.patch('StatefulSet', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } });
    c.api.patch('StatefulSet', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/minReadySeconds', value: 5 }]);
    const set = c.api.mustGet<StatefulSet>('StatefulSet', 'default', 'web');
    expect(set.spec.replicas).toBe(3);
    expect(set.spec.template.spec.containers[0]?.image).toBe('nginx:2');
    expect(set.spec.minReadySeconds).toBe(5);
    expect(set.metadata.generation).toBe(4);
    expect(warn).toEqual([]);
  });

  it('type errors after a JSON or merge patch are Invalid on "patch" with no kind or name', () => {
    const c = cluster();
    const e = apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { replicas: 'abc' } }));
    expect(e.reason).toBe('Invalid');
    expect(e.details?.kind).toBe('');
    expect(e.details?.name).toBe('');
    expect(e.details?.causes?.[0]?.field).toBe('patch');
    expect(e.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",.*": json: cannot unmarshal string into Go struct field StatefulSetSpec\.spec\.replicas of type int32$/s);
  });

  it('follows the field validation directive for unknown fields in each patch type', () => {
    for (const type of ['merge', 'strategic', 'json'] as const) {
      const body = type === 'json' ? [{ op: 'add', path: '/spec/replicaz', value: 1 }] : { spec: { replicaz: 1 } };
      const c = cluster();
      const warn: string[] = [];
      c.api.patch('StatefulSet', 'default', 'web', type, body, { fieldValidation: 'Warn', warn: (m) => warn.push(m) });
      expect(warn).toEqual(['unknown field "spec.replicaz"']);
      expect(c.api.mustGet('StatefulSet', 'default', 'web')['spec']).not.toHaveProperty('replicaz');
      const strict = apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', type, body, { fieldValidation: 'Strict' }));
      expect(strict.reason).toBe('Invalid');
      expect(strict.message.endsWith(': strict decoding error: unknown field "spec.replicaz"')).toBe(true);
      const quiet: string[] = [];
      c.api.patch('StatefulSet', 'default', 'web', type, body, { fieldValidation: 'Ignore', warn: (m) => quiet.push(m) });
      expect(quiet).toEqual([]);
    }
  });

  it('reports unknown fields of JSON patch operations as "json patch" strict errors', () => {
    const c = cluster();
    const warn: string[] = [];
    c.api.patch('StatefulSet', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/replicas', value: 1, extra: true }], { warn: (m) => warn.push(m) });
    expect(warn).toEqual(['json patch unknown field "[0].extra"']);
  });

  it('reads raw bodies with Go syntax errors', () => {
    const c = cluster();
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'strategic', new RawJson('{"spec":}'))).message).toBe("invalid character '}' looking for beginning of value");
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'merge', new RawJson('{"a":1,}'), { fieldValidation: 'Ignore' })).message).toBe('Invalid JSON Patch');
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'json', new RawJson('{"a" 1}'))).message).toBe("error decoding patch: invalid character '1' after object key");
  });

  it('keeps the name and namespace of the URL', () => {
    const c = cluster();
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'merge', { metadata: { name: 'db' } })).message).toBe('the name of the object (db) does not match the name on the URL (web)');
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'merge', { metadata: { namespace: 'kube-system' } })).message).toBe('the namespace of the provided object does not match the namespace sent on the request');
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'db', 'merge', {})).message).toBe('statefulsets.apps "db" not found');
  });

  it('the scale subresource patches an autoscaling/v1 Scale', () => {
    const c = cluster();
    const scale = c.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { replicas: 4 } }, { subresource: 'scale' });
    expect(scale).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 4 }, status: { selector: 'app=web' } });
    expect(c.api.mustGet<StatefulSet>('StatefulSet', 'default', 'web').spec.replicas).toBe(4);
    const bad = apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { replicas: 'x' } }, { subresource: 'scale' }));
    expect(bad.message.endsWith('": json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32')).toBe(true);
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'merge', { spec: { replicas: -1 } }, { subresource: 'scale' })).message).toBe(
      'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(apiErrorOf(() => c.api.patch('StatefulSet', 'default', 'web', 'merge', { metadata: { resourceVersion: '1' }, spec: { replicas: 1 } }, { subresource: 'scale' })).reason).toBe('Conflict');
    expect(c.api.mustGet<StatefulSet>('StatefulSet', 'default', 'web').spec.replicas).toBe(4);
  });
});
