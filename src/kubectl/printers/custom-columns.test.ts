// Expected outputs are what real kubectl v1.32.4 prints (stdout, then stderr) for
// `kubectl get pods -o custom-columns=SPEC [--no-headers]` against a stub API server serving ITEMS.
import { describe, expect, it } from 'vitest';
import { CustomColumnsError, CustomColumnsPrinter, parseCustomColumns, relaxedJsonPathExpression, renderCustomColumns } from './custom-columns';

const ITEMS: unknown[] = [
  {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
      "name": "web-0",
      "namespace": "default",
      "labels": {
        "app": "nginx"
      },
      "creationTimestamp": "2024-01-15T10:00:00Z",
      "resourceVersion": "10",
      "annotations": {
        "esc": "a\u001bb\rc",
        "multi": "line1\nline2",
        "n": "5"
      }
    },
    "spec": {
      "containers": [
        {
          "name": "nginx",
          "image": "nginx:1.25"
        },
        {
          "name": "sidecar",
          "image": "busybox:latest"
        }
      ],
      "priority": 5,
      "ratio": 1.5,
      "big": 1234567.5,
      "nul": null,
      "flag": true
    },
    "status": {
      "phase": "Running",
      "conditions": [
        {
          "type": "Ready",
          "status": "True"
        },
        {
          "type": "PodScheduled",
          "status": "True"
        }
      ]
    }
  },
  {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
      "name": "web-1-long-name",
      "namespace": "default",
      "creationTimestamp": "2024-01-15T10:00:00Z",
      "resourceVersion": "11"
    },
    "spec": {
      "containers": [
        {
          "name": "nginx",
          "image": "nginx:1.26"
        }
      ]
    }
  },
  {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
      "name": "\u00e9-unicode-\u00f1ame",
      "namespace": "default",
      "creationTimestamp": "2024-01-15T10:00:00Z"
    },
    "spec": {
      "containers": []
    },
    "status": {
      "phase": "Failed"
    }
  }
];

// [spec, --no-headers, kubectl output]
const CASES: [string, boolean, string][] = [
  ["NAME:.metadata.name,IMAGE:.spec.containers[*].image,PHASE:.status.phase,APP:.metadata.labels.app", false, "NAME              IMAGE                       PHASE     APP\nweb-0             nginx:1.25,busybox:latest   Running   nginx\nweb-1-long-name   nginx:1.26                  <none>    <none>\n\u00e9-unicode-\u00f1ame    <none>                      Failed    <none>\n"],
  ["NAME:.metadata.name,IMAGE:.spec.containers[*].image,PHASE:.status.phase,APP:.metadata.labels.app", true, "web-0             nginx:1.25,busybox:latest   Running   nginx\nweb-1-long-name   nginx:1.26                  <none>    <none>\n\u00e9-unicode-\u00f1ame    <none>                      Failed    <none>\n"],
  ["NAME:metadata.name,C:{.spec.containers[0].name},X:{spec.containers[1].name}", false, "NAME    C       X\nweb-0   nginx   sidecar\nerror: array index out of bounds: index 1, length 1\n"],
  ["NAME:metadata.name,C:{.spec.containers[0].name},X:{spec.containers[1].name}", true, "web-0   nginx   sidecar\nerror: array index out of bounds: index 1, length 1\n"],
  ["NAME", false, "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n"],
  ["NAME", true, "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n"],
  ["A:{.a}{.b}", false, "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"],
  ["A:{.a}{.b}", true, "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"],
  ["A:.spec.containers[0", false, "A\nerror: unterminated array\n"],
  ["A:.spec.containers[0", true, "error: unterminated array\n"],
  ["A:.metadata.labels,B:.spec.containers[*].name", false, "A                B\nmap[app:nginx]   nginx,sidecar\n<none>           nginx\n<none>           <none>\n"],
  ["A:.metadata.labels,B:.spec.containers[*].name", true, "map[app:nginx]   nginx,sidecar\n<none>           nginx\n<none>           <none>\n"],
  ["A:", false, "A\n<none>\n<none>\n<none>\n"],
  ["A:", true, "<none>\n<none>\n<none>\n"],
  [":.metadata.name,B:.metadata.name:x", false, "                  B\nweb-0             <none>\nweb-1-long-name   <none>\n\u00e9-unicode-\u00f1ame    <none>\n"],
  [":.metadata.name,B:.metadata.name:x", true, "web-0             <none>\nweb-1-long-name   <none>\n\u00e9-unicode-\u00f1ame    <none>\n"],
  ["A:.metadata.name,B:.spec.containers[5].name", false, "A     B\nerror: array index out of bounds: index 5, length 2\n"],
  ["A:.metadata.name,B:.spec.containers[5].name", true, "error: array index out of bounds: index 5, length 2\n"],
  ["A:.metadata.name,B:.spec.containers[?(@.name==\"nginx\")].image", false, "A                 B\nweb-0             nginx:1.25\nweb-1-long-name   nginx:1.26\n\u00e9-unicode-\u00f1ame    <none>\n"],
  ["A:.metadata.name,B:.spec.containers[?(@.name==\"nginx\")].image", true, "web-0             nginx:1.25\nweb-1-long-name   nginx:1.26\n\u00e9-unicode-\u00f1ame    <none>\n"],
  ["A B:.metadata.name", false, "A B\nweb-0\nweb-1-long-name\n\u00e9-unicode-\u00f1ame\n"],
  ["A B:.metadata.name", true, "web-0\nweb-1-long-name\n\u00e9-unicode-\u00f1ame\n"],
  ["A:.nope.deeper,B:.metadata.creationTimestamp", false, "A        B\n<none>   2024-01-15T10:00:00Z\n<none>   2024-01-15T10:00:00Z\n<none>   2024-01-15T10:00:00Z\n"],
  ["A:.nope.deeper,B:.metadata.creationTimestamp", true, "<none>   2024-01-15T10:00:00Z\n<none>   2024-01-15T10:00:00Z\n<none>   2024-01-15T10:00:00Z\n"],
  ["A:.metadata.name,B:.spec.containers[*]", false, "A                 B\nweb-0             map[image:nginx:1.25 name:nginx],map[image:busybox:latest name:sidecar]\nweb-1-long-name   map[image:nginx:1.26 name:nginx]\n\u00e9-unicode-\u00f1ame    <none>\n"],
  ["A:.metadata.name,B:.spec.containers[*]", true, "web-0             map[image:nginx:1.25 name:nginx],map[image:busybox:latest name:sidecar]\nweb-1-long-name   map[image:nginx:1.26 name:nginx]\n\u00e9-unicode-\u00f1ame    <none>\n"],
  ["A:$.kind", false, "A\n<none>\n<none>\n<none>\n"],
  ["A:$.kind", true, "<none>\n<none>\n<none>\n"],
  ["A:..image", false, "A\nnginx:1.25,busybox:latest\nnginx:1.26\n<none>\n"],
  ["A:..image", true, "nginx:1.25,busybox:latest\nnginx:1.26\n<none>\n"],
  ["A:.metadata.name,,B:.kind", false, "error: unexpected custom-columns spec: , expected <header>:<json-path-expr>\n"],
  ["A:.metadata.name,,B:.kind", true, "error: unexpected custom-columns spec: , expected <header>:<json-path-expr>\n"],
  ["E:.metadata.annotations.esc,M:.metadata.annotations.multi", false, "E         M\na^[b\\rc   line1\nline2\n<none>    <none>\n<none>    <none>\n"],
  ["E:.metadata.annotations.esc,M:.metadata.annotations.multi", true, "a^[b\\rc   line1\nline2\n<none>    <none>\n<none>    <none>\n"],
  ["P:.spec.priority,R:.spec.ratio,B:.spec.big,N:.spec.nul,F:.spec.flag", false, "P        R        B               N        F\n5        1.5      1.2345675e+06   <nil>    true\n<none>   <none>   <none>          <none>   <none>\n<none>   <none>   <none>          <none>   <none>\n"],
  ["P:.spec.priority,R:.spec.ratio,B:.spec.big,N:.spec.nul,F:.spec.flag", true, "5        1.5      1.2345675e+06   <nil>    true\n<none>   <none>   <none>          <none>   <none>\n<none>   <none>   <none>          <none>   <none>\n"],
  ["C:.status.conditions[*].type,S:.status.conditions", false, "C                    S\nReady,PodScheduled   [map[status:True type:Ready] map[status:True type:PodScheduled]]\n<none>               <none>\n<none>               <none>\n"],
  ["C:.status.conditions[*].type,S:.status.conditions", true, "Ready,PodScheduled   [map[status:True type:Ready] map[status:True type:PodScheduled]]\n<none>               <none>\n<none>               <none>\n"],
  ["K:.kind,V:.apiVersion,NS:.metadata.namespace", false, "K     V     NS\nPod   v1    default\nPod   v1    default\nPod   v1    default\n"],
  ["K:.kind,V:.apiVersion,NS:.metadata.namespace", true, "Pod   v1    default\nPod   v1    default\nPod   v1    default\n"],
  ["X:.metadata.annotations", false, "X\nmap[esc:a^[b\\rc multi:line1\nline2 n:5]\n<none>\n<none>\n"],
  ["X:.metadata.annotations", true, "map[esc:a^[b\\rc multi:line1\nline2 n:5]\n<none>\n<none>\n"],
  ["Y:.spec.containers[*].nope", false, "Y\n<none>\n<none>\n<none>\n"],
  ["Y:.spec.containers[*].nope", true, "<none>\n<none>\n<none>\n"],
  ["Z:{.metadata.name}", false, "Z\nweb-0\nweb-1-long-name\n\u00e9-unicode-\u00f1ame\n"],
  ["Z:{.metadata.name}", true, "web-0\nweb-1-long-name\n\u00e9-unicode-\u00f1ame\n"],
  ["W:.metadata.name.x", false, "W\n<none>\n<none>\n<none>\n"],
  ["W:.metadata.name.x", true, "<none>\n<none>\n<none>\n"],
  ["Q:.status.conditions[?(@.type==\"Ready\")].status", false, "Q\nTrue\n<none>\n<none>\n"],
  ["Q:.status.conditions[?(@.type==\"Ready\")].status", true, "True\n<none>\n<none>\n"],
  ["R:{range .spec.containers[*]}{.name}{end}", false, "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"],
  ["R:{range .spec.containers[*]}{.name}{end}", true, "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"],
];

function run(spec: string, noHeaders: boolean): string {
  try {
    return renderCustomColumns(parseCustomColumns(spec), ITEMS, noHeaders);
  } catch (e) {
    if (e instanceof CustomColumnsError) return e.output + 'error: ' + e.message + '\n';
    throw e;
  }
}

describe('custom-columns match kubectl get -o custom-columns', () => {
  for (const [spec, noHeaders, want] of CASES) {
    it(`${spec}${noHeaders ? ' --no-headers' : ''}`, () => {
      expect(run(spec, noHeaders)).toBe(want);
    });
  }
});

describe('parseCustomColumns', () => {
  it('normalizes the four accepted path forms', () => {
    expect(parseCustomColumns('A:a.b,B:.a.b,C:{a.b},D:{.a.b}').map((c) => c.path)).toEqual(['{.a.b}', '{.a.b}', '{.a.b}', '{.a.b}']);
    expect(relaxedJsonPathExpression('')).toBe('');
  });
  it('splits header and path at the first colon only', () => {
    expect(parseCustomColumns('T:.metadata.annotations.a:b')).toEqual([{ header: 'T', path: '{.metadata.annotations.a:b}' }]);
  });
  it('rejects a spec without a colon with kubectl\'s message', () => {
    expect(() => parseCustomColumns('NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>');
    expect(() => parseCustomColumns('')).toThrow('custom-columns format specified but no custom columns given');
  });
});

describe('CustomColumnsPrinter reused across watch events', () => {
  it('prints the header once and keeps remembered widths, like kubectl get -w', () => {
    const p = new CustomColumnsPrinter(parseCustomColumns('N:.metadata.name,P:.status.phase'));
    let out = p.print(ITEMS);
    for (const ev of [{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-2-a-much-longer-name-here","namespace":"default","labels":{"app":"nginx"},"creationTimestamp":"2024-01-15T10:00:00Z","resourceVersion":"12"},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"sidecar","image":"busybox:latest"}]},"status":{"phase":"Running"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"w","namespace":"default","labels":{"app":"nginx"},"creationTimestamp":"2024-01-15T10:00:00Z","resourceVersion":"13"},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"sidecar","image":"busybox:latest"}]},"status":{"phase":"Running"}}]) out += p.print([ev]);
    expect(out).toBe("N                 P\nweb-0             Running\nweb-1-long-name   <none>\n\u00e9-unicode-\u00f1ame    Failed\nweb-2-a-much-longer-name-here   Running\nw                               Running\n");
  });
});
