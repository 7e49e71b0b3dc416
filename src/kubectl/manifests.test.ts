/**
 * Reading `-f` files. Expected texts were recorded with kubectl 1.32.5 against
 * a stub API server (discovery for v1 and apps/v1; Services without ports
 * refused as a real server refuses them), `--validate=false` unless said.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../lib/rng';
import { JS_WORDS, openTerminal } from '../scenario/testing';
import { readManifestFile, yamlChunks } from './manifests';
import { readJsonStream } from './json-stream';
import { MAX_FILE_READ_BYTES } from './resources';

/** A terminal that shows a line's output as `text`, and the names of the objects of a kind (not the `kubernetes` Service). */
function terminal(files: Record<string, string>) {
  const { s, run: show } = openTerminal(files);
  const run = (line: string) => {
    const { out: text, code } = show(line);
    return { code, text };
  };
  const names = (kind = 'Service') => s.cluster.api.list(kind).map((o) => o.metadata.name).filter((n) => n !== 'kubernetes');
  return { s, run, names };
}

const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80}]\n`;

describe('the head of a document is decoded before anything is sent', () => {
  // [document, what kubectl 1.32.5 prints after `error: unable to decode "x.yaml": ` (or the whole line)]
  const CASES: [string, string][] = [
    ['apiVersion: v1\nkind: Service\nmetadata: 1', 'json: cannot unmarshal number into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta'],
    ['apiVersion: v1\nkind: Service\nmetadata: abc', 'json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta'],
    ['apiVersion: v1\nkind: Service\nmetadata: [a]', 'json: cannot unmarshal array into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta'],
    ['apiVersion: v1\nkind: Service\nmetadata: true', 'json: cannot unmarshal bool into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta'],
    ['apiVersion: {a: 1}\nkind: Service\nmetadata: {name: x}', 'json: cannot unmarshal object into Go struct field metadataOnlyObject.apiVersion of type string'],
    ['apiVersion: 7\nkind: Service\nmetadata: {name: x}', 'json: cannot unmarshal number into Go struct field metadataOnlyObject.apiVersion of type string'],
    ['apiVersion: [v1]\nkind: Service\nmetadata: {name: x}', 'json: cannot unmarshal array into Go struct field metadataOnlyObject.apiVersion of type string'],
    ['apiVersion: a/b/c\nkind: Service\nmetadata: {name: x}', `Object 'Kind' is missing in '{"apiVersion":"a/b/c","kind":"Service","metadata":{"name":"x"}}'`],
    ['apiVersion: v1\nkind: {a: 1}\nmetadata: {name: x}', `Object 'Kind' is missing in '{"apiVersion":"v1","kind":{"a":1},"metadata":{"name":"x"}}'`],
    ['apiVersion: v1\nkind: [a]\nmetadata: {name: x}', `Object 'Kind' is missing in '{"apiVersion":"v1","kind":["a"],"metadata":{"name":"x"}}'`],
    ['apiVersion: v1\nkind: 5\nmetadata: {name: x}', `Object 'Kind' is missing in '{"apiVersion":"v1","kind":5,"metadata":{"name":"x"}}'`],
    ['apiVersion: v1\nkind: ""\nmetadata: {name: x}', `Object 'Kind' is missing in '{"apiVersion":"v1","kind":"","metadata":{"name":"x"}}'`],
    ['apiVersion: v1\nkind: Foo\nmetadata: {name: x, namespace: y}', 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.namespace of type string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: {a: 1}}', 'json: cannot unmarshal object into Go struct field ObjectMeta.metadata.name of type string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: 5}', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, namespace: 5}', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.namespace of type string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, labels: {a: 1}}', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, labels: 5}', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type map[string]string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, annotations: {a: [1]}}', 'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, generation: 1.5}', 'json: cannot unmarshal number 1.5 into Go struct field ObjectMeta.metadata.generation of type int64'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, creationTimestamp: abc}', 'parsing time "abc" as "2006-01-02T15:04:05Z07:00": cannot parse "abc" as "2006"'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, finalizers: a}', 'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.finalizers of type []string'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, ownerReferences: [{a: 1, uid: 5}]}', 'json: cannot unmarshal number into Go struct field OwnerReference.metadata.ownerReferences.uid of type types.UID'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x}\nitems: 5', 'json: cannot unmarshal number into Go struct field decodeList.items of type []json.RawMessage'],
    ['[1, 2]', 'json: cannot unmarshal array into Go value of type unstructured.detector'],
    ['abc', 'json: cannot unmarshal string into Go value of type unstructured.detector'],
    ['5', 'json: cannot unmarshal number into Go value of type unstructured.detector'],
    ['apiVersion: [v1]\nkind: Service\nmetadata: 1', 'json: cannot unmarshal array into Go struct field metadataOnlyObject.apiVersion of type string'],
    ['kind: [a]\nmetadata: 1\napiVersion: v1', `Object 'Kind' is missing in '{"apiVersion":"v1","kind":["a"],"metadata":1}'`],
    [
      'apiVersion: v1\nkind: 5\nmetadata: {name: x, uid: 5, name2: <&>}\nspec: {a: "<>&\\u2028", b: 1.0, c: 1e20, d: 100000000000000000000000, e: 0.000001, f: 1e-7, i: 1.5e300}',
      `Object 'Kind' is missing in '{"apiVersion":"v1","kind":5,"metadata":{"name":"x","name2":"\\u003c\\u0026\\u003e","uid":5},"spec":{"a":"\\u003c\\u003e\\u0026\\u2028","b":1,"c":100000000000000000000,"d":1e+23,"e":0.000001,"f":1e-7,"i":1.5e+300}}'`,
    ],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, managedFields: 5}', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.managedFields of type []v1.ManagedFieldsEntry'],
    ['apiVersion: v1\nkind: Service\nmetadata: {name: x, deletionGracePeriodSeconds: "5"}', 'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.deletionGracePeriodSeconds of type int64'],
    ['apiVersion: v1\nkind: List\nitems: 5', 'json: cannot unmarshal number into Go struct field decodeList.items of type []json.RawMessage'],
    ['apiVersion: v1\nkind: List\nitems: [5]', 'json: cannot unmarshal number into Go value of type map[string]interface {}'],
  ];
  it.each(CASES)('%j', (doc, want) => {
    const t = terminal({ 'x.yaml': doc });
    for (const verb of ['create --validate=false', 'apply --validate=false', 'delete', 'patch -p {}', 'scale --replicas=1']) {
      const r = t.run(`kubectl ${verb} -f x.yaml`);
      const text = verb.startsWith('scale') ? `error: no objects passed to scale unable to decode "x.yaml": ${want}\n` : `error: unable to decode "x.yaml": ${want}\n`;
      expect(r, verb).toEqual({ code: 1, text });
    }
    expect(t.names()).toEqual([]);
  });

  it('maps kinds as the discovery RESTMapper does', () => {
    const t = terminal({
      'v2.yaml': 'apiVersion: v2\nkind: Service\nmetadata: {name: x}',
      'apps.yaml': 'apiVersion: apps/v1\nkind: Service\nmetadata: {name: x}',
      'foo.yaml': 'apiVersion: ""\nkind: Foo\nmetadata: {name: a}',
      'group.yaml': 'apiVersion: apps\nkind: StatefulSet\nmetadata: {name: a}',
      'noversion.yaml': 'apiVersion: ""\nkind: Service\nmetadata: {name: a}',
      'slash.yaml': 'apiVersion: /v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}',
      'flist.yaml': 'apiVersion: v1\nkind: FooList\nitems: [{apiVersion: v1, kind: Service, metadata: {name: a}}]',
    });
    const notFound = (f: string, name: string, kind: string, version: string) =>
      `error: resource mapping not found for name: "${name}" namespace: "" from "${f}": no matches for kind "${kind}" in version "${version}"\nensure CRDs are installed first\n`;
    expect(t.run('kubectl create --validate=false -f v2.yaml').text).toBe(notFound('v2.yaml', 'x', 'Service', 'v2'));
    expect(t.run('kubectl create --validate=false -f apps.yaml').text).toBe(notFound('apps.yaml', 'x', 'Service', 'apps/v1'));
    expect(t.run('kubectl create -f foo.yaml').text).toBe(notFound('foo.yaml', 'a', 'Foo', ''));
    expect(t.run('kubectl create -f group.yaml').text).toBe(notFound('group.yaml', 'a', 'StatefulSet', 'apps'));
    expect(t.run('kubectl create --validate=false -f flist.yaml').text).toBe(notFound('flist.yaml', '', 'FooList', 'v1'));
    // A known kind without a version maps, but to a URL the API server does not serve.
    expect(t.run('kubectl apply -f noversion.yaml').text).toBe('Error from server (NotFound): error when creating "noversion.yaml": the server could not find the requested resource\n');
    expect(t.run('kubectl delete -f noversion.yaml').text).toBe('Error from server (NotFound): error when deleting "noversion.yaml": the server could not find the requested resource\n');
    // `/v1` parses as v1.
    expect(t.run('kubectl create -f slash.yaml').text).toBe('service/a created\n');
  });
});

describe('--validate (the default) checks the kind first, and stops the file there', () => {
  it.each([
    ['kind: Service\nmetadata:\n  name: x', 'apiVersion not set'],
    ['metadata:\n  name: x', '[apiVersion not set, kind not set]'],
    ['apiVersion: a/b/c\nkind: [a]\nmetadata:\n  name: x', '[unexpected GroupVersion string: a/b/c, kind isn\'t string type]'],
    ['apiVersion: 5\nkind: Service\nmetadata:\n  name: x', "apiVersion isn't string type"],
    ['[1]', 'invalid object to validate'],
  ])('%j', (doc, want) => {
    const t = terminal({ 'x.yaml': doc });
    expect(t.run('kubectl apply -f x.yaml')).toEqual({ code: 1, text: `error: error validating "x.yaml": error validating data: ${want}; if you choose to ignore these errors, turn validation off with --validate=false\n` });
  });

  it('a v1 List has its items checked, strictly', () => {
    const t = terminal({ 'l.yaml': 'apiVersion: v1\nkind: List\nitems:\n- {kind: Service}\n- 5\n' });
    expect(t.run('kubectl create -f l.yaml').text).toBe(
      'error: error validating "l.yaml": error validating data: [apiVersion not set, invalid object to validate]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(t.run('kubectl create -f l.yaml --validate=false').text).toBe('error: unable to decode "l.yaml": json: cannot unmarshal number into Go value of type map[string]interface {}\n');
  });

  it('the documents before the one that fails validation are created', () => {
    const t = terminal({ 'v.yaml': `${svc('a')}---\nkind: Service\nmetadata:\n  name: b\n---\n${svc('c')}` });
    expect(t.run('kubectl create -f v.yaml').text).toBe(
      'service/a created\nerror: error validating "v.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(t.names()).toEqual(['a']);
  });
});

describe('a file is read as a stream: documents before and after a broken one', () => {
  // Doc 2 does not decode, doc 3 the server refuses, doc 4 does not map, doc 6 is a YAML syntax error (doc 7 is never read).
  const FILE = `${svc('a')}---\napiVersion: v1\nkind: Service\nmetadata: 1\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: noports\n---\napiVersion: v1\nkind: Foo\nmetadata:\n  name: foo\n---\n${svc('c')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: d\n bad: x\n---\n${svc('e')}`;
  const FILE_ERRORS =
    '[unable to decode "m.yaml": json: cannot unmarshal number into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta, resource mapping not found for name: "foo" namespace: "" from "m.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first, error parsing m.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key]\n';
  const NOPORTS = 'Error from server (Invalid): error when creating "m.yaml": Service "noports" is invalid: spec.ports: Required value\n';

  it('apply reads every object first, then applies them; the file errors come first', () => {
    const t = terminal({ 'm.yaml': FILE });
    expect(t.run('kubectl apply --validate=false -f m.yaml')).toEqual({ code: 1, text: `service/a created\nservice/c created\n${FILE_ERRORS}${NOPORTS}` });
    expect(t.names()).toEqual(['a', 'c']);
  });

  it('create creates as it reads; the file errors come last', () => {
    const t = terminal({ 'm.yaml': FILE });
    t.run('kubectl apply --validate=false -f m.yaml');
    expect(t.run('kubectl create --validate=false -f m.yaml')).toEqual({
      code: 1,
      text: `Error from server (AlreadyExists): error when creating "m.yaml": services "a" already exists\n${NOPORTS}Error from server (AlreadyExists): error when creating "m.yaml": services "c" already exists\n${FILE_ERRORS}`,
    });
  });

  it('delete, patch and scale read the same way', () => {
    const t = terminal({ 'm.yaml': FILE });
    t.run('kubectl apply --validate=false -f m.yaml');
    expect(t.run('kubectl patch -f m.yaml -p {}')).toEqual({
      code: 1,
      text: `service/a patched\nservice/c patched\nError from server (NotFound): services "noports" not found\n${FILE_ERRORS}`,
    });
    expect(t.run('kubectl scale -f m.yaml --replicas=2')).toEqual({ code: 1, text: 'Error from server (NotFound): the server could not find the requested resource\n' });
    expect(t.run('kubectl delete -f m.yaml')).toEqual({
      code: 1,
      text: `service "a" deleted\nservice "c" deleted\nError from server (NotFound): error when deleting "m.yaml": services "noports" not found\n${FILE_ERRORS}`,
    });
    expect(t.names()).toEqual([]);
  });

  it('get and describe read -f as well: get fetches as it reads, describe reads everything first', () => {
    const t = terminal({ 'm.yaml': FILE });
    expect(t.run('kubectl get -f m.yaml')).toEqual({
      code: 1,
      text: `Error from server (NotFound): services "a" not found\nunable to decode "m.yaml": json: cannot unmarshal number into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\nError from server (NotFound): services "noports" not found\nresource mapping not found for name: "foo" namespace: "" from "m.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\nError from server (NotFound): services "c" not found\nerror parsing m.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n`,
    });
    expect(t.run('kubectl describe -f m.yaml')).toEqual({
      code: 1,
      text: `${FILE_ERRORS}Error from server (NotFound): services "a" not found\nError from server (NotFound): services "noports" not found\nError from server (NotFound): services "c" not found\n`,
    });
    t.run('kubectl apply --validate=false -f m.yaml');
    expect(t.run('kubectl get -f m.yaml -o name').text).toBe(
      'unable to decode "m.yaml": json: cannot unmarshal number into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\nError from server (NotFound): services "noports" not found\nresource mapping not found for name: "foo" namespace: "" from "m.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\nerror parsing m.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n',
    );
    expect(t.run('kubectl get -f m.yaml').text).toMatch(/^NAME +TYPE .*\na +ClusterIP .*\nc +ClusterIP .*\nunable to decode/);
    expect(t.run('kubectl describe -f m.yaml').text).toMatch(/^Name: +a\n[\s\S]*\n\n\nName: +c\n[\s\S]*\n\[unable to decode/);
    expect(t.run('kubectl get svc -f m.yaml').text).toBe('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n');
    expect(t.run('kubectl get svc/nope -o json')).toEqual({ code: 1, text: 'Error from server (NotFound): services "nope" not found\n' });
  });

  it('one decode error alone is printed as kubectl prints a single error', () => {
    const t = terminal({ 'm.yaml': `${svc('a')}---\napiVersion: v1\nkind: Service\nmetadata: 1\n` });
    expect(t.run('kubectl create -f m.yaml')).toEqual({ code: 1, text: 'service/a created\nerror: unable to decode "m.yaml": json: cannot unmarshal number into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\n' });
  });

  it('a List is flattened; items that cannot be typed are reported together', () => {
    const t = terminal({
      'l.yaml': 'apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Service, metadata: {name: a}, spec: {ports: [{port: 80}]}}, {apiVersion: v1, kind: Foo, metadata: {name: b}}, {kind: Service}, {apiVersion: v1}]\n',
      's.yaml': 'apiVersion: v1\nkind: ServiceList\nitems: [{metadata: {name: s}, spec: {ports: [{port: 80}]}}]\n',
      'n.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nitems: null\n',
    });
    expect(t.run('kubectl create --validate=false -f l.yaml')).toEqual({
      code: 1,
      text:
        'service/a created\nunable to recognize no matches for kind "Foo" in version "v1"\n' +
        `unable to get type info from the object "*unstructured.Unstructured": Object 'apiVersion' is missing in 'object has no apiVersion field'\n` +
        `unable to get type info from the object "*unstructured.Unstructured": Object 'Kind' is missing in 'object has no kind field '\n`,
    });
    // Items of a <Kind>List take its kind; any document with `items` is a list, even an empty one.
    expect(t.run('kubectl create -f s.yaml').text).toBe('service/s created\n');
    expect(t.run('kubectl create -f n.yaml').text).toBe('error: no objects passed to create\n');
  });
});

describe('JSON files are a stream of values', () => {
  const FILE =
    '  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "j1"}, "spec": {"ports": [{"port": 80}]}}\n' +
    '  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "j2"}, "spec": {"ports": [{"port": 80}]}}  []\n' +
    '  {"kind": 5}   {"a": tru\n';
  it('values before a syntax error are used; the error names the byte offset', () => {
    const t = terminal({ 'j.json': FILE });
    const errs = `unable to decode "j.json": json: cannot unmarshal array into Go value of type unstructured.detector\nunable to decode "j.json": Object 'Kind' is missing in '{"kind": 5}'\nerror parsing j.json: json: offset 240: invalid character '\\n' in literal true (expecting 'e')\n`;
    expect(t.run('kubectl apply --validate=false -f j.json')).toEqual({ code: 1, text: `service/j1 created\nservice/j2 created\n${errs}` });
    expect(t.run('kubectl delete -f j.json')).toEqual({ code: 1, text: `service "j1" deleted\nservice "j2" deleted\n${errs}` });
  });

  it('reads values as encoding/json Decoder does', () => {
    expect(readJsonStream('{"a":1} x')).toEqual({ values: ['{"a":1}'], error: "json: offset 9: invalid character 'x' looking for beginning of value" });
    expect(readJsonStream('{"a":1,}')).toEqual({ values: [], error: "json: offset 8: invalid character '}' looking for beginning of object key string" });
    expect(readJsonStream('{"a":1}\n---')).toEqual({ values: ['{"a":1}'], error: "json: offset 10: invalid character '-' in numeric literal" });
    expect(readJsonStream('{"é":1} ü')).toEqual({ values: ['{"é":1}'], error: "json: offset 10: invalid character 'Ã' looking for beginning of value" });
    expect(readJsonStream('{"a": [1, 2')).toEqual({ values: [], error: 'unexpected EOF' });
    expect(readJsonStream('{} 5 "s" null {"a":{}}  ')).toEqual({ values: ['{}', '5', '"s"', 'null', '{"a":{}}'] });
    expect(readJsonStream(`${'['.repeat(200)}`).error).toBe("json: offset 101: invalid character '[' exceeded max depth");
  });
});

describe('documents are cut at lines starting with ---', () => {
  it('as kubectl YAMLReader cuts them', () => {
    expect(yamlChunks('a: 1\r\n--- # c\r\n\r\n---\nb: 2\n...\nc: 3')).toEqual([{ text: 'a: 1\n' }, { text: '\n' }, { text: 'b: 2\n...\nc: 3\n' }]);
    // The document the bad separator would end is dropped with it.
    expect(yamlChunks('a: 1\n--- foo\nb: 2')).toEqual([{ separator: 'foo' }]);
    expect(yamlChunks('a: 1\n---\nb: 1\n----\n')).toEqual([{ text: 'a: 1\n' }, { separator: '-' }]);
  });
  it('a bad separator ends the file, with the document before it; what follows `...` is never read', () => {
    const t = terminal({ 'sep.yaml': `${svc('a')}--- foo\n${svc('b')}`, 'dots.yaml': `${svc('a')}...\n${svc('b')}` });
    expect(t.run('kubectl apply -f sep.yaml')).toEqual({ code: 1, text: 'error: error parsing sep.yaml: invalid Yaml document separator: foo\n' });
    expect(t.run('kubectl apply -f dots.yaml')).toEqual({ code: 0, text: 'service/a created\n' });
    expect(t.names()).toEqual(['a']);
  });
  it('line numbers count from the start of the document', () => {
    const t = terminal({ 'm.yaml': `${svc('a')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: d\n bad: x\n` });
    expect(t.run('kubectl apply -f m.yaml').text).toBe('service/a created\nerror: error parsing m.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n');
  });
});

describe('YAML → JSON errors (recorded)', () => {
  it.each([
    ['labels:\n    [a, b]: 1', 'yaml: invalid map key: []interface {}{"a", "b"}'],
    ['labels:\n    {a: 1}: 1', 'yaml: invalid map key: map[interface {}]interface {}{"a":1}'],
    ['name: *x', "yaml: unknown anchor 'x' referenced"],
    ['labels:\n    null: a', 'unsupported map key of type: %!s(<nil>), key: <nil>, value: "a"'],
    ['labels:\n    18446744073709551615: a', 'unsupported map key of type: uint64, key: 0xffffffffffffffff, value: "a"'],
  ])('%j', (meta, want) => {
    const t = terminal({ 'x.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  ${meta}\n` });
    expect(t.run('kubectl apply -f x.yaml')).toEqual({ code: 1, text: `error: error parsing x.yaml: error converting YAML to JSON: ${want}\n` });
  });
  it('keys become strings as sigs.k8s.io/yaml writes them; a later duplicate wins', () => {
    const keys = ['1e6', '1.5', '0x10', '.inf', '9223372036854775807', '1_000', '0b101', '2001-12-14', 'yes'];
    const doc = `apiVersion: v1\nkind: 5\nmetadata:\n  labels:\n${keys.map((k) => `    ${k}: a`).join('\n')}\n  name: a\n  name: b\n`;
    const t = terminal({ 'x.yaml': doc });
    expect(t.run('kubectl apply --validate=false -f x.yaml').text).toBe(
      `error: unable to decode "x.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","kind":5,"metadata":{"labels":{".inf":"a","1.5":"a","1000":"a","16":"a","1e+06":"a","2001-12-14":"a","5":"a","9223372036854775807":"a","true":"a"},"name":"b"}}'\n`,
    );
  });
});

describe('property: whatever the head of a document holds, kubectl answers in its own words', () => {
  const VALUES = ['1', '-0.5', '"x"', 'true', 'null', '[]', '[a, 1]', '{}', '{a: 1}', '{a: [1, {b: null}]}', 'v1', 'apps/v1', 'a/b/c', '""', 'Service', 'StatefulSet', 'List', '.inf', '~', '{name: {a: 1}}', '{name: x, namespace: 5}', '{labels: [a]}', '{name: x, labels: {a: b}}'];
  const rng = new Rng(20250101);
  const pick = () => VALUES[rng.int(VALUES.length)] as string;
  const docs = Array.from({ length: 150 }, () => {
    const fields = [`apiVersion: ${pick()}`, `kind: ${pick()}`, `metadata: ${pick()}`];
    if (rng.int(3) === 0) fields.push(`items: ${pick()}`);
    if (rng.int(3) === 0) fields.splice(rng.int(fields.length), 1);
    return fields.join('\n');
  });
  it.each(docs.map((d) => [d]))('%j', (doc) => {
    const t = terminal({ 'x.yaml': `${svc('first')}---\n${doc}\n---\n${svc('last')}` });
    for (const verb of ['apply', 'apply --validate=false', 'create --validate=false', 'get', 'get -o yaml', 'describe', 'delete', 'patch -p {}', 'patch --local -p {}', 'scale --replicas=1']) {
      const r = t.run(`kubectl ${verb} -f x.yaml`);
      expect(JS_WORDS.exec(r.text)?.[0], `${verb}: ${r.text}`).toBeUndefined();
      // get and describe print objects; the other verbs print only lines of these shapes.
      if (verb.startsWith('get') || verb.startsWith('describe')) continue;
      for (const line of r.text.split('\n').filter(Boolean)) {
        expect(line, verb).toMatch(/^(service|statefulset\.apps|pod|persistentvolumeclaim|\w+)[/ "]|^(error|Error from server|The |unable to|resource mapping|ensure CRDs|\[|error parsing|Warning: |\* |Resource: |Name: |from server for: )/);
      }
    }
  });
});

describe('kubectl reads at most MAX_FILE_READ_BYTES of -f files in a session', () => {
  it('refuses the read that would pass the budget, naming it', () => {
    const big = `${svc('a')}# ${'x'.repeat(400_000)}\n`;
    const t = terminal({ 'big.yaml': big });
    const times = Math.floor(MAX_FILE_READ_BYTES / big.length);
    for (let i = 0; i < times; i++) expect(t.run('kubectl apply -f big.yaml').code).toBe(0);
    expect(t.run('kubectl apply -f big.yaml')).toEqual({
      code: 1,
      text: `error: the playground reads at most ${MAX_FILE_READ_BYTES} bytes of -f files in one session; reading "big.yaml" would make ${(times + 1) * big.length}\n`,
    });
  });
});

describe('readManifestFile', () => {
  it('stops at the first error that ends a file, after the objects before it', () => {
    const items = readManifestFile(`${svc('a')}---\n{a: [}\n---\n${svc('b')}`, 'x.yaml', { schema: 'none' });
    expect(items.map((i) => ('object' in i ? i.object.name : 'stops' in i ? 'stop' : 'error'))).toEqual(['a', 'stop']);
  });
});
