import { describe, expect, it } from 'vitest';
import { MANIFESTS, openTerminal, stored } from '../../scenario/testing';

/** The Service and the set, its container with a readiness probe. */
const STS = `${MANIFESTS}        readinessProbe:
          httpGet:
            port: 80
`;

/** A terminal with the set running, and a fingerprint of everything stored. */
function running() {
  const { s, runApart } = openTerminal({ 'web.yaml': STS }, ['kubectl apply -f web.yaml', 'kubectl rollout status sts/web']);
  const state = () => stored(s, ['StatefulSet', 'Pod', 'PersistentVolumeClaim', 'Service']);
  return { s, run: runApart, api: s.cluster.api, state };
}

/** Runs a line that must fail, and checks nothing changed, not even after the controllers ran. */
function rejected(t: ReturnType<typeof running>, line: string) {
  const before = t.state();
  const r = t.run(line);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  t.run('sleep 30s');
  expect(t.state()).toBe(before);
  return r.err;
}

describe('kubectl patch sends the patch to the API server', () => {
  it('strategic merge patch (the default): FromUnstructured errors, Invalid on "patch"', () => {
    const t = running();
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"replicas":"abc"}}'`)).toBe('The request is invalid: patch: Invalid value: "map[spec:map[replicas:abc]]": unrecognized type: int32\n');
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"replicas":2.5}}'`)).toBe('The request is invalid: patch: Invalid value: "map[spec:map[replicas:2.5]]": cannot convert float64 to int32\n');
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":"x"}}}}'`)).toBe(
      'The request is invalid: patch: Invalid value: "map[spec:map[updateStrategy:map[rollingUpdate:map[partition:x]]]]": unrecognized type: int32\n',
    );
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":50}]}}}}'`)).toBe(
      'The request is invalid: patch: Invalid value: "map[spec:map[template:map[spec:map[containers:[map[image:50 name:nginx]]]]]]": cannot convert int64 to string\n',
    );
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","readinessProbe":{"httpGet":{"port":1.5}}}]}}}}'`)).toBe(
      'The request is invalid: patch: Invalid value: "map[spec:map[template:map[spec:map[containers:[map[name:nginx readinessProbe:map[httpGet:map[port:1.5]]]]]]]]": json: cannot unmarshal number 1.5 into Go value of type int32\n',
    );
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"selector":"x"}}'`)).toBe('The request is invalid: patch: Invalid value: "map[spec:map[selector:x]]": cannot restore struct from: string\n');
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"volumeClaimTemplates":{"a":1}}}'`)).toBe('The request is invalid: patch: Invalid value: "map[spec:map[volumeClaimTemplates:map[a:1]]]": cannot restore slice from map\n');
  });

  it('merge patch: the patched object is decoded as JSON; a wrong type is Invalid with the whole object', () => {
    const t = running();
    const err = rejected(t, `kubectl patch sts web --type merge -p '{"spec":{"replicas":"abc"}}'`);
    expect(err.startsWith('The request is invalid: patch: Invalid value: "{\\"apiVersion\\":\\"apps/v1\\",\\"kind\\":\\"StatefulSet\\",')).toBe(true);
    expect(err).toContain('\\"replicas\\":\\"abc\\"');
    expect(err.endsWith('": json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32\n')).toBe(true);
    const json = rejected(t, `kubectl patch sts web --type json -p '[{"op":"replace","path":"/spec/replicas","value":2.5}]'`);
    expect(json.endsWith('": json: cannot unmarshal number 2.5 into Go struct field StatefulSetSpec.spec.replicas of type int32\n')).toBe(true);
  });

  it('unknown fields come back as warnings (kubectl patch sends no field validation) and are dropped', () => {
    const t = running();
    const before = t.state();
    const r = t.run(`kubectl patch sts web --type merge -p '{"replicas":"abc"}'`);
    expect(r).toEqual({ code: 0, out: 'statefulset.apps/web patched (no change)\n', err: 'Warning: unknown field "replicas"\n' });
    const r2 = t.run(`kubectl patch sts web -p '{"spec":{"replicaz":3,"foo":1}}'`);
    expect(r2).toEqual({ code: 0, out: 'statefulset.apps/web patched (no change)\n', err: 'Warning: unknown field "spec.foo"\nWarning: unknown field "spec.replicaz"\n' });
    const r3 = t.run(`kubectl patch sts web -p '{"spec":{"replicas":2,"replicas":2}}'`);
    expect(r3).toEqual({ code: 0, out: 'statefulset.apps/web patched (no change)\n', err: 'Warning: duplicate field "spec.replicas"\n' });
    t.run('sleep 30s');
    expect(t.state()).toBe(before);
  });

  it('patch bodies are read by the server: syntax errors, numbers too big, bodies that are not objects', () => {
    const t = running();
    expect(rejected(t, `kubectl patch sts web -p '{spec: {replicas: 3}}'`)).toBe('Error from server (BadRequest): invalid character \'s\' looking for beginning of object key string\n');
    expect(rejected(t, `kubectl patch sts web --type merge -p '{"spec":{"replicas":3'`)).toBe('Error from server (BadRequest): error decoding patch: unexpected end of JSON input\n');
    expect(rejected(t, `kubectl patch sts web -p '{"spec":{"replicas":1e309}}'`)).toBe('Error from server (BadRequest): json: cannot unmarshal number 1e309 into Go value of type float64\n');
    expect(rejected(t, `kubectl patch sts web -p '5'`)).toBe('Error from server (BadRequest): json: cannot unmarshal number into Go value of type map[string]interface {}\n');
    expect(rejected(t, `kubectl patch sts web --type merge -p '[1]'`)).toBe('Error from server (BadRequest): error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}\n');
    expect(rejected(t, `kubectl patch sts web --type json -p '{"op":"add"}'`)).toBe('Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n');
    expect(rejected(t, `kubectl patch sts web -p '{"metadata":{"name":"other"}}'`)).toBe('Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)\n');
  });

  it('YAML patches are converted by kubectl first, with YAML 1.1 scalars', () => {
    const t = running();
    expect(rejected(t, `kubectl patch sts web -p 'spec: {replicas: .inf}'`)).toBe('error: unable to parse "spec: {replicas: .inf}": json: unsupported value: +Inf\n');
    expect(t.run(`kubectl patch sts web -p 'spec: {replicas: 0x3}'`)).toEqual({ code: 0, out: 'statefulset.apps/web patched\n', err: '' });
    expect(t.api.get('StatefulSet', 'default', 'web')?.['spec']).toMatchObject({ replicas: 3 });
  });

  it('valid patches still change the set, through defaulting and validation', () => {
    const t = running();
    expect(t.run(`kubectl patch sts web --type merge -p '{"spec":{"replicas":3}}'`).out).toBe('statefulset.apps/web patched\n');
    expect(t.run(`kubectl patch sts web -p '{"spec":{"replicas":-1}}'`).err).toBe('The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect(t.run(`kubectl patch sts web -p '{"spec":{"replicas":3}}' --dry-run=server`).out).toBe('statefulset.apps/web patched (no change) (server dry run)\n');
  });
});
