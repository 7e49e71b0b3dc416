import { describe, expect, it } from 'vitest';
import { openTerminal, stored, webSet } from '../../scenario/testing';

const STS = webSet({ www: '/www' });

function terminal(files: Record<string, string>) {
  const { s, runApart } = openTerminal({ 'web.yaml': STS, ...files });
  const state = () => stored(s, ['StatefulSet', 'Pod', 'PersistentVolumeClaim', 'Service', 'StorageClass']);
  return { s, run: runApart, state };
}

const edit = (from: string, to: string) => STS.replace(from, to);
const cannot = (file: string, kind: string, err: string) => `Error from server (BadRequest): error when creating "${file}": ${kind} in version "v1" cannot be handled as a ${kind}: ${err}\n`;

describe('kubectl create/apply: the server decodes the body into the Go type', () => {
  const CASES: [string, string, string][] = [
    ['image.yaml', edit('image: nginx:1.25', 'image: 50'), cannot('image.yaml', 'StatefulSet', 'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string')],
    ['mount.yaml', edit('mountPath: /www', 'mountPath: 5'), cannot('mount.yaml', 'StatefulSet', 'json: cannot unmarshal number into Go struct field VolumeMount.spec.template.spec.containers.volumeMounts.mountPath of type string')],
    ['replicas.yaml', edit('replicas: 2', 'replicas: abc'), cannot('replicas.yaml', 'StatefulSet', 'json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32')],
    ['half.yaml', edit('replicas: 2', 'replicas: 2.5'), cannot('half.yaml', 'StatefulSet', 'json: cannot unmarshal number 2.5 into Go struct field StatefulSetSpec.spec.replicas of type int32')],
    [
      'partition.yaml',
      edit('  serviceName: nginx', '  serviceName: nginx\n  updateStrategy:\n    rollingUpdate:\n      partition: "x"'),
      cannot('partition.yaml', 'StatefulSet', 'json: cannot unmarshal string into Go struct field RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.partition of type int32'),
    ],
    // metadata is decoded by kubectl itself (cli-runtime metadataValidatingDecoder), before any request.
    ['name.yaml', edit('  name: web', '  name:\n    x: 1'), 'error: unable to decode "name.yaml": json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string\n'],
    ['storage.yaml', edit('storage: 1Gi', 'storage: 1GB'), cannot('storage.yaml', 'StatefulSet', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")],
    [
      'ports.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  ports:\n    http: 80\n',
      cannot('ports.yaml', 'Service', 'json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort'),
    ],
    ['sc.yaml', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: 50\n', cannot('sc.yaml', 'StorageClass', 'json: cannot unmarshal number into Go struct field StorageClass.provisioner of type string')],
    [
      'replicaz.yaml',
      edit('  replicas: 2', '  replicas: 2\n  replicaz: 3\n  foo: 1'),
      cannot('replicaz.yaml', 'StatefulSet', 'strict decoding error: unknown field "spec.foo", unknown field "spec.replicaz"'),
    ],
  ];
  for (const verb of ['create', 'apply']) {
    for (const [file, text, err] of CASES) {
      it(`${verb} -f ${file} is refused and changes nothing`, () => {
        const t = terminal({ [file]: text });
        const before = t.state();
        expect(t.run(`kubectl ${verb} -f ${file}`)).toEqual({ code: 1, out: '', err });
        t.run('sleep 30s');
        expect(t.state()).toBe(before);
      });
    }
  }

  it('a number JSON cannot hold fails in kubectl, before any request', () => {
    const t = terminal({ 'sc.yaml': 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: 1e309\n' });
    expect(t.run('kubectl apply -f sc.yaml')).toEqual({ code: 1, out: '', err: 'error: error parsing sc.yaml: error converting YAML to JSON: json: unsupported value: +Inf\n' });
  });

  it('reads YAML 1.1 scalars as kubectl does (yes is true, 017 is octal)', () => {
    const t = terminal({ 'y.yaml': edit('          mountPath: /www', '          mountPath: /www\n          readOnly: yes').replace('replicas: 2', 'replicas: 0x2') });
    expect(t.run('kubectl apply -f y.yaml')).toEqual({ code: 0, out: 'statefulset.apps/web created\n', err: '' });
    const set = t.s.cluster.api.get('StatefulSet', 'default', 'web') as unknown as { spec: { replicas: number; template: { spec: { containers: { volumeMounts: { readOnly: boolean }[] }[] } } } };
    expect(set.spec.replicas).toBe(2);
    expect(set.spec.template.spec.containers[0]?.volumeMounts[0]?.readOnly).toBe(true);
  });
});

describe('--validate', () => {
  const file = { 'replicaz.yaml': edit('  replicas: 2', '  replicas: 2\n  replicaz: 3\n  foo: 1') };
  it('warn: the object is created without the unknown fields, and each is a warning', () => {
    const t = terminal(file);
    expect(t.run('kubectl apply -f replicaz.yaml --validate=warn')).toEqual({ code: 0, out: 'statefulset.apps/web created\n', err: 'Warning: unknown field "spec.foo"\nWarning: unknown field "spec.replicaz"\n' });
    expect(t.s.cluster.api.get('StatefulSet', 'default', 'web')?.['spec']).not.toHaveProperty('replicaz');
  });
  it('ignore / false: dropped silently', () => {
    for (const v of ['ignore', 'false', '0']) {
      const t = terminal(file);
      expect(t.run(`kubectl create -f replicaz.yaml --validate=${v}`)).toEqual({ code: 0, out: 'statefulset.apps/web created\n', err: '' });
    }
  });
  it('strict / true / bare --validate: refused', () => {
    for (const v of ['--validate=strict', '--validate=true', '--validate']) {
      const t = terminal(file);
      expect(t.run(`kubectl apply -f replicaz.yaml ${v}`).err).toBe(cannot('replicaz.yaml', 'StatefulSet', 'strict decoding error: unknown field "spec.foo", unknown field "spec.replicaz"'));
    }
  });
  it('anything else is kubectl\'s error, before the files are read', () => {
    const t = terminal({});
    expect(t.run('kubectl apply -f nothing.yaml --validate=foo')).toEqual({ code: 1, out: '', err: 'error: invalid - validate option "foo"; must be one of: strict (or true), warn, ignore (or false)\n' });
  });
  it('applies to an existing object: the strategic merge patch is checked strictly on the server', () => {
    const t = terminal(file);
    t.run('kubectl apply -f web.yaml');
    const r = t.run('kubectl apply -f replicaz.yaml');
    expect(r.code).toBe(1);
    expect(r.err.startsWith('The request is invalid: patch: Invalid value: "map[')).toBe(true);
    expect(r.err.endsWith('": strict decoding error: unknown field "spec.foo", unknown field "spec.replicaz"\n')).toBe(true);
    expect(t.run('kubectl apply -f replicaz.yaml --validate=warn')).toEqual({ code: 0, out: 'statefulset.apps/web configured\n', err: 'Warning: unknown field "spec.foo"\nWarning: unknown field "spec.replicaz"\n' });
  });
});
