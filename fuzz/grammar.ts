/**
 * A grammar of the command lines the playground implements: every kubectl
 * verb it serves with its flags and flag value classes, `-o` formats with
 * jsonpath/custom-columns templates, patches of the three types with
 * generated documents, `exec` with container shell lines, and `sleep` /
 * `timeout` with ordinary and odd durations.
 *
 * Used by the fuzz campaign `commands` (with oddity > 0) and by the soak
 * run (oddity 0: only lines a person would plausibly type). Seeded: the same
 * Rng state gives the same line.
 *
 * Stable API: `Rng`, `Knowledge`, `GrammarOptions`, `knowledgeOf`,
 * `emptyKnowledge`, `randomCommand`.
 */
import { Rng } from '../src/lib/rng';
import type { Cluster } from '../src/engine/sim/cluster';

export { Rng };

/** What the generator knows about the cluster, so most lines name things that exist. */
export interface Knowledge {
  statefulsets: string[];
  pods: string[];
  claims: string[];
  services: string[];
  volumes: string[];
  nodes: string[];
  /** Container names seen in pods and templates. */
  containers: string[];
  /** Images seen in pods and templates. */
  images: string[];
  /** Files `kubectl apply -f NAME` can read. */
  files: string[];
}

export interface GrammarOptions {
  /**
   * Chance (0..1) at each choice point of an odd value: names that do not
   * exist or are malformed, extreme numbers, broken templates and patches,
   * unknown flags. 0 gives only realistic lines (the soak run); the fuzzer
   * uses about 0.25.
   */
  oddity?: number;
}

export function emptyKnowledge(): Knowledge {
  return { statefulsets: [], pods: [], claims: [], services: [], volumes: [], nodes: [], containers: [], images: [], files: [] };
}

/** Reads names from a cluster (through its API server) and the session's files. */
export function knowledgeOf(cluster: Cluster, files: Iterable<string> = []): Knowledge {
  const names = (kind: string) => cluster.api.list(kind).map((o) => o.metadata.name ?? '').filter((n) => typeof n === 'string' && n !== '');
  const k = emptyKnowledge();
  k.statefulsets = names('StatefulSet');
  k.pods = names('Pod');
  k.claims = names('PersistentVolumeClaim');
  k.services = names('Service');
  k.volumes = names('PersistentVolume');
  k.nodes = names('Node');
  const containers = new Set<string>();
  const images = new Set<string>();
  const visit = (spec: unknown) => {
    const s = spec as { containers?: unknown; initContainers?: unknown } | undefined;
    for (const list of [s?.containers, s?.initContainers]) {
      if (!Array.isArray(list)) continue;
      for (const c of list as { name?: unknown; image?: unknown }[]) {
        if (c && typeof c.name === 'string') containers.add(c.name);
        if (c && typeof c.image === 'string') images.add(c.image);
      }
    }
  };
  for (const p of cluster.api.list('Pod')) visit(p['spec']);
  for (const s of cluster.api.list('StatefulSet')) visit((s['spec'] as { template?: { spec?: unknown } } | undefined)?.template?.spec);
  k.containers = [...containers];
  k.images = [...images];
  k.files = [...files];
  return k;
}

// ---------------------------------------------------------------- helpers

class Gen {
  constructor(
    readonly rng: Rng,
    readonly k: Knowledge,
    readonly oddity: number,
  ) {}

  chance(p: number): boolean {
    return this.rng.next() < p;
  }
  odd(): boolean {
    return this.oddity > 0 && this.rng.next() < this.oddity;
  }
  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }
  int(lo: number, hi: number): number {
    return lo + this.rng.int(hi - lo + 1);
  }
  /** A known name from `list`, a plausible one, or (odd) a strange one. */
  name(list: string[], plausible: string[]): string {
    if (this.odd()) return this.oddName();
    if (list.length && this.chance(0.85)) return this.pick(list);
    return this.pick(plausible);
  }
  oddName(): string {
    return this.pick([
      '', ' ', ',', '/', '.', '..', '-', '--', 'web/', '/web', 'web,', ',web', 'WEB', 'web-', 'web-00', 'web--1', 'web-9999999999999999999',
      'web-1e3', 'web-0x1', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'undefined', 'null', 'NaN',
      'a'.repeat(300), 'wéb', '网络', 'web 0', 'web\t0', '*', '?', 'web*', '$x', '"', "'", '\\', 'web\u0000', '😀', 'pod/web-0',
      'sts.apps/web', 'x'.repeat(64), 'web.0', 'web_0', '0', '-1',
    ]);
  }
  number(lo: number, hi: number): string {
    if (this.odd()) return this.oddNumber();
    return String(this.int(lo, hi));
  }
  oddNumber(): string {
    return this.pick([
      '-1', '-0', '0', '+3', '1.5', '1e3', '1e309', '-1e309', 'NaN', 'Infinity', '0x10', '007', '', ' ', 'two',
      '2147483647', '2147483648', '-2147483649', '4294967296', '9007199254740991', '9007199254740993', '99999999999999999999',
      '-9223372036854775808', '9223372036854775807', '9223372036854775808', '1_000', '١٢',
    ]);
  }
  duration(realistic: string[]): string {
    if (this.odd()) return this.oddDuration();
    return this.pick(realistic);
  }
  oddDuration(): string {
    return this.pick([
      '0', '0s', '-1s', '1', '1.5s', '0.0001s', '1ms', '999999h', '1e309s', '9007199254740993s', '1m1m', 's', '', ' ', 'NaN', 'Infinity',
      '1h2m3s4ms', '1d', '1µs', '1us', '10ns', '100000000000000000000m', '2562047h', '2562048h', '.5s', '5.s', '+5s', '-0s',
    ]);
  }
}

/** Quotes a word for the shell the session splits lines with. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const RESOURCE_WORDS = [
  'pods', 'pod', 'po', 'statefulsets', 'statefulset', 'sts', 'statefulsets.apps', 'StatefulSet', 'services', 'svc', 'service',
  'pvc', 'persistentvolumeclaims', 'pv', 'persistentvolumes', 'nodes', 'no', 'events', 'ev', 'endpoints', 'ep', 'sc',
  'storageclasses', 'controllerrevisions', 'namespaces', 'ns', 'all',
];
const ODD_RESOURCE_WORDS = [
  ',', ',,', 'sts,', ',sts', 'pods,,sts', 'deployments', 'deploy', 'sts.apps/v1', 'statefulsets.apps.v1', 'sts.extensions', 'PODS',
  'all,pods', 'pods,all', 'sts/', '/web', '/', '', 'pods.', 'pod.v1', 'configmaps', 'secrets', '__proto__', 'constructor',
];

function kindAndNames(g: Gen): string[] {
  const k = g.k;
  const choice = g.int(0, 7);
  const pickFor = (kind: 'sts' | 'pod' | 'pvc' | 'svc' | 'pv' | 'node') => {
    switch (kind) {
      case 'sts':
        return g.name(k.statefulsets, ['web', 'db']);
      case 'pod':
        return g.name(k.pods, ['web-0', 'web-1', 'web-2']);
      case 'pvc':
        return g.name(k.claims, ['www-web-0', 'data-db-0']);
      case 'svc':
        return g.name(k.services, ['nginx', 'kubernetes']);
      case 'pv':
        return g.name(k.volumes, ['pvc-0000']);
      case 'node':
        return g.name(k.nodes, ['node-1', 'node-2']);
    }
  };
  if (g.odd()) {
    // Odd shapes of the resource arguments themselves.
    return g.pick([
      () => [g.pick(ODD_RESOURCE_WORDS)],
      () => [g.pick(ODD_RESOURCE_WORDS), pickFor('sts')],
      () => [`${g.pick(RESOURCE_WORDS)}/${g.oddName()}`],
      () => [`${g.pick(ODD_RESOURCE_WORDS)}/${pickFor('sts')}`],
      () => ['sts', `sts/${pickFor('sts')}`],
      () => [`sts/${pickFor('sts')}`, 'pods'],
      () => [`pods,sts`, pickFor('pod')],
      () => [`sts/${pickFor('sts')}/extra`],
      () => [`sts/${pickFor('sts')}`, `pod/${pickFor('pod')}`, `pvc/${pickFor('pvc')}`],
    ])();
  }
  switch (choice) {
    case 0:
      return [g.pick(['sts', 'statefulset', 'statefulsets']), pickFor('sts')];
    case 1:
      return [`${g.pick(['sts', 'statefulset', 'statefulset.apps'])}/${pickFor('sts')}`];
    case 2:
      return [g.pick(['pod', 'pods', 'po']), pickFor('pod')];
    case 3:
      return [`pod/${pickFor('pod')}`];
    case 4:
      return [g.pick(['pvc', 'persistentvolumeclaim']), pickFor('pvc')];
    case 5:
      return [g.pick(['pods', 'sts', 'pvc', 'pv', 'svc', 'nodes', 'events', 'endpoints', 'sc', 'controllerrevisions', 'all', 'pods,sts', 'sts,pvc,pv'])];
    case 6:
      return [g.pick(['svc', 'service']), pickFor('svc')];
    default:
      return [g.pick(['pv', 'node']), g.chance(0.5) ? pickFor('pv') : pickFor('node')];
  }
}

function setRef(g: Gen): string[] {
  const name = g.name(g.k.statefulsets, ['web']);
  if (g.odd()) return kindAndNames(g);
  return g.chance(0.5) ? [`sts/${name}`] : [g.pick(['sts', 'statefulset', 'statefulsets.apps']), name];
}

function selector(g: Gen): string {
  if (g.odd()) return g.pick(['', '=', 'app=', '=x', 'app==nginx', 'app!=', 'app in ()', 'app in (a,b', 'app notin (x)', '!app', 'a,b,c', 'app=a=b', 'app=a,', ',', 'x'.repeat(70) + '=y', 'app=@', 'a/b/c=d', '__proto__=1', 'constructor=x']);
  return g.pick(['app=nginx', 'app=web', 'app', '!app', 'app in (nginx,web)', 'app notin (db)', 'app!=db', 'statefulset.kubernetes.io/pod-name=web-0', 'apps.kubernetes.io/pod-index=1']);
}

const JSONPATHS = [
  '{.metadata.name}', '{.items[*].metadata.name}', '{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}',
  '{.spec.replicas}', '{.status}', '{.status.conditions[?(@.type=="Ready")].status}', '{.items[0].spec.containers[0].image}',
  '{.metadata.labels}', '{.spec.template.spec.containers[*].image}', '{$}', '{.items[-1:].metadata.name}', '{.items[*].spec.nodeName}',
  '{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}', '{..name}', '{.status.currentRevision}',
];
const ODD_JSONPATHS = [
  '{', '}', '{{}}', '{.}', '{..}', '{[}', '{.items[}', '{.items[*}', '{range}', '{end}', '{range .items[*]}', '{.a.b.c.d.e}', '{.items[99999999999]}',
  '{.items[-99999]}', '{.items[::0]}', '{.items[1:0:-1]}', '{.items[?(@.x>)]}', '{.items[?(@.metadata.name=~/x/)]}', '{"unterminated}',
  '{.__proto__}', '{.constructor}', '{.constructor.name}', '{.metadata.name.length}', '{.x[*][*][*]}', '{' + '.a'.repeat(500) + '}',
  '{range .items[*]}{range .items[*]}{end}{end}', '{.items[*].metadata.name', 'plain text', '{"\\u0000"}', '{.spec.replicas[0]}', '{@}', '{..*}',
  '{.items[0x1]}', '{.items[1e3]}', '{.status.conditions[?(@.status==True)]}',
];
const CUSTOM_COLUMNS = [
  'NAME:.metadata.name', 'NAME:.metadata.name,IMAGE:.spec.containers[*].image', 'NAME:.metadata.name,READY:.status.readyReplicas',
  'POD:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase', 'REV:.metadata.labels.controller-revision-hash',
];
const ODD_CUSTOM_COLUMNS = ['', ':', 'NAME', 'NAME:', ':.metadata.name', 'A:.x,B', 'A:{.x}', 'A:.x[', 'A:.x,,B:.y', 'A:..', 'A:.__proto__', 'A:.constructor.name', 'A:.items[*]', 'A,B:.x'];

function outputFormat(g: Gen, forGet: boolean): string {
  if (g.odd()) {
    return g.pick([
      () => g.pick(['', 'xml', 'table', 'Yaml', 'JSON', 'go-template', 'go-template={{.x}}', 'template', 'jsonpath', 'jsonpath=', 'custom-columns', 'custom-columns=', 'jsonpath-as-json={.x}', 'name=x', 'wide=1', 'yaml=', '=']),
      () => `jsonpath=${g.pick(ODD_JSONPATHS)}`,
      () => `custom-columns=${g.pick(ODD_CUSTOM_COLUMNS)}`,
    ])();
  }
  const basic = forGet ? ['wide', 'yaml', 'json', 'name'] : ['yaml', 'json', 'name'];
  return g.pick([
    () => g.pick(basic),
    () => `jsonpath=${g.pick(JSONPATHS)}`,
    () => `custom-columns=${g.pick(CUSTOM_COLUMNS)}`,
  ])();
}

// ------------------------------------------------------------ patch docs

function scalar(g: Gen): unknown {
  return g.pick<() => unknown>([
    () => g.int(0, 5),
    () => g.int(-3, 1e6),
    () => 1.5,
    () => -1,
    () => 2 ** 31,
    () => 2 ** 53 + 2,
    () => 1e21,
    () => '',
    () => 'nginx:1.28',
    () => '3',
    () => true,
    () => false,
    () => null,
    () => [],
    () => ({}),
    () => [null],
    () => ({ a: 1 }),
    () => '__proto__',
    () => 'x'.repeat(g.int(1, 2000)),
    () => '\u0000',
  ])();
}

/** A value that belongs at `path` in a StatefulSet, or (odd) anything. */
function valueFor(g: Gen, path: string): unknown {
  if (g.odd()) return scalar(g);
  switch (path) {
    case 'replicas':
      return g.int(0, 5);
    case 'partition':
      return g.int(0, 4);
    case 'image':
      return g.pick(['nginx:1.27', 'nginx:1.28', 'nginx:bad', 'nginx:crash', 'nginx:unready', ...g.k.images]);
    case 'minReadySeconds':
      return g.int(0, 20);
    case 'maxUnavailable':
      return g.pick([1, 2, '50%']);
    default:
      return g.int(0, 3);
  }
}

function strategicPatch(g: Gen): unknown {
  const container = g.name(g.k.containers, ['nginx']);
  if (g.odd()) {
    // Shapes a person rarely means: nulls where objects belong, directives, fields that must not change.
    return g.pick<() => unknown>([
      () => ({ spec: { template: { spec: { containers: scalar(g) } } } }),
      () => ({ spec: { template: { spec: { containers: null } } } }),
      () => ({ spec: { template: { spec: { containers: [{ name: container, $patch: 'delete' }] } } } }),
      () => ({ spec: { template: { spec: { containers: [{ $patch: 'replace' }] } } } }),
      () => ({ spec: { template: { spec: { $setElementOrder: { containers: [{ name: container }] } } } } }),
      () => ({ spec: { $retainKeys: ['replicas'] } }),
      () => ({ spec: { template: null } }),
      () => ({ spec: null }),
      () => ({ status: { replicas: 99 } }),
      () => ({ metadata: { finalizers: ['example.com/hold'] } }),
      () => ({ metadata: { finalizers: null, ownerReferences: scalar(g) } }),
      () => ({ metadata: { labels: scalar(g), annotations: scalar(g) } }),
      () => ({ spec: { ordinals: { start: scalar(g) } } }),
      () => ({ spec: { selector: { matchLabels: { app: 'other' } } } }),
      () => ({ spec: { volumeClaimTemplates: scalar(g) } }),
      () => ({ spec: { serviceName: scalar(g) } }),
      () => ({ spec: { template: { spec: { terminationGracePeriodSeconds: scalar(g) } } } }),
      () => ({ spec: { template: { spec: { containers: [{ name: container, readinessProbe: { exec: { command: ['true'] }, periodSeconds: scalar(g) } }] } } } }),
      () => ({ spec: { replicas: scalar(g), updateStrategy: scalar(g), minReadySeconds: scalar(g) } }),
    ])();
  }
  return g.pick<() => unknown>([
    () => ({ spec: { replicas: valueFor(g, 'replicas') } }),
    () => ({ spec: { updateStrategy: { rollingUpdate: { partition: valueFor(g, 'partition') } } } }),
    () => ({ spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: valueFor(g, 'partition') } } } }),
    () => ({ spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null } } }),
    () => ({ spec: { minReadySeconds: valueFor(g, 'minReadySeconds') } }),
    () => ({ spec: { template: { spec: { containers: [{ name: container, image: valueFor(g, 'image') }] } } } }),
    () => ({ spec: { template: { metadata: { labels: { tier: g.pick(['a', 'b']) } } } } }),
    () => ({ spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: g.pick(['Retain', 'Delete']), whenDeleted: g.pick(['Retain', 'Delete']) } } }),
    () => ({ metadata: { labels: { [g.pick(['team', 'env'])]: g.pick(['a', 'b', null]) } } }),
    () => ({ spec: { template: { spec: { terminationGracePeriodSeconds: g.int(0, 30) } } } }),
  ])();
}

function jsonPatch(g: Gen): unknown {
  const op = () => {
    const path = g.odd()
      ? g.pick(['', '/', '//', '/spec/replicas/0', '/spec/template/spec/containers/-', '/spec/template/spec/containers/99', '/metadata/labels/a~1b', '/metadata/labels/~2', '/__proto__/x', '/constructor/prototype/x', '/spec/template/spec/containers/-1', '/spec/template/spec/containers/01', '/a/b/c/d'])
      : g.pick(['/spec/replicas', '/spec/updateStrategy/rollingUpdate/partition', '/spec/template/spec/containers/0/image', '/metadata/labels/team', '/spec/minReadySeconds', '/spec/template/spec/containers/0']);
    const kind = g.odd() ? g.pick(['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus', '', 'ADD']) : g.pick(['replace', 'add', 'remove', 'test']);
    const o: Record<string, unknown> = { op: kind, path };
    if (kind === 'move' || kind === 'copy') o['from'] = g.pick(['/spec/replicas', '/metadata/labels', '/spec']);
    else if (kind !== 'remove' || g.odd()) o['value'] = valueFor(g, path.split('/').pop() ?? '');
    return o;
  };
  const n = g.int(1, 3);
  return Array.from({ length: n }, op);
}

function patchText(g: Gen, type: string): string {
  if (g.odd()) {
    return g.pick([
      '', '{', '}', '[', 'null', '[]', '{}', '"x"', '1', 'true', '{"spec":', '{"spec":{"replicas":1}}}', '{spec: {replicas: 2}}', 'spec:\n  replicas: 2',
      '[' .repeat(g.int(1, 3000)), '{"a":'.repeat(g.int(1, 3000)), '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}',
      '{"spec":{"replicas":1e309}}', '{"spec":{"replicas":9007199254740993}}', '{"spec":{"replicas":-1}}', '{"spec":{"replicas":"3"}}', '{"spec":{"replicas":1.5}}',
      '[{"op":"replace"}]', '[{"path":"/spec"}]', '[null]', '[1]', '{"metadata":{"name":"other"}}', '{"metadata":{"namespace":"kube-system"}}', '{"kind":"Pod"}',
      '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":""}]}}}}', '{"a":1,"a":2}', '\u0000', '{"spec":{"replicas":1}} trailing',
    ]);
  }
  return JSON.stringify(type === 'json' ? jsonPatch(g) : strategicPatch(g));
}

// ----------------------------------------------------------- exec shells

function shellLine(g: Gen): string {
  const file = g.pick(['/usr/share/nginx/html/index.html', '/data/hello', '/tmp/x', 'x.txt', '/etc/hostname', '/nope/none', '/', '/tmp']);
  const word = g.pick(['hello', 'web', 'hi there', '', 'a\\nb', '$HOSTNAME', '$(hostname)', '*', 'é']);
  const simple = () =>
    g.pick([
      () => `echo ${word} > ${file}`,
      () => `echo ${word} >> ${file}`,
      () => `cat ${file}`,
      () => `cat ${file} | grep ${g.pick(['web', 'hello', '-c web', '-v x', '-i HELLO', '-n e', "'^h'", "'['", "'a\\|b'", "'(' ", "'.*'", "'x{99999}'", '-E "(a|b)+"'])}`,
      () => `grep ${g.pick(['-r', '-l', '-c', ''])} ${g.pick(['hello', "'['", "'*'", "''"])} ${file}`,
      () => `ls ${g.pick(['-la', '-a', '', '-1'])} ${g.pick(['/', '/tmp', '/usr/share/nginx/html', '/data', '/nope'])}`,
      () => `hostname`,
      () => `nslookup ${g.pick(['web-0.nginx', 'nginx', 'web-9.nginx', 'kubernetes.default', 'x..y', ''])}`,
      () => `wc -l ${file}`,
      () => `head -n ${g.number(1, 5)} ${file}`,
      () => `tail -${g.number(1, 5)} ${file}`,
      () => `mkdir -p /tmp/a/b && touch /tmp/a/b/c && ls /tmp/a/b`,
      () => `rm ${g.pick(['-f', '-rf', ''])} ${file}`,
      () => `env | sort`,
      () => `printenv HOSTNAME`,
      () => `sleep ${g.pick(['1', '0', '999999', '-1', 'x'])}`,
      () => `date`,
      () => `cat < ${file} 2>&1`,
      () => `false || echo failed`,
      () => `exit ${g.pick(['0', '1', '3', '256', '-1', 'x'])}`,
      () => `cd /tmp && pwd`,
      () => `x=1; echo $x \${x} "$x"`,
      () => `for i in 1 2 3; do echo $i; done`,
      () => `sh -c 'echo nested'`,
      ...(g.oddity > 0
        ? [
            () => `echo $((1+1))`,
            () => `nosuchprogram`,
            () => `echo ${'a'.repeat(g.int(1, 5000))} > /tmp/big`,
            () => `cat /tmp/big /tmp/big /tmp/big /tmp/big > /tmp/big2 && cat /tmp/big2 >> /tmp/big`,
            () => `sh -c ${shellQuote(`sh -c ${shellQuote('sh -c "echo deep"')}`)}`,
          ]
        : []),
    ])();
  const n = g.chance(0.7) ? 1 : g.int(2, 3);
  const parts = Array.from({ length: n }, simple);
  const joined = parts.join(g.pick([' ; ', ' && ', ' || ', ' | ']));
  if (g.odd()) return g.pick([joined + ' |', '| ' + joined, joined + ' >', `${joined} > `, `echo 'unterminated`, `echo "a`, '$(', '`x`', joined + ' &', ';;', '&&', `echo ${'$('.repeat(100)}`]);
  return joined;
}

function execCommand(g: Gen): string {
  const pod = g.name(g.k.pods, ['web-0', 'web-1']);
  const target = g.chance(0.2) ? `pod/${pod}` : g.odd() ? `sts/${pod}` : pod;
  const flags: string[] = [];
  if (g.chance(0.2)) flags.push(`-c ${shellQuote(g.name(g.k.containers, ['nginx', 'sidecar']))}`);
  if (g.chance(0.1)) flags.push(g.pick(['-i', '-t', '-it', '-q', '-n default']));
  const argv = g.pick([
    () => `-- sh -c ${shellQuote(shellLine(g))}`,
    () => `-- ${g.pick(['hostname', 'ls /', 'cat /etc/hostname', 'env', 'date', 'nslookup web-0.nginx', 'echo hi', 'true', 'false', 'nosuch'])}`,
    () => (g.odd() ? g.pick(['', '--', 'hostname', '-- ', '-- ""']) : '-- hostname'),
  ])();
  return `kubectl exec ${target} ${flags.join(' ')} ${argv}`.replace(/ +/g, ' ').trim();
}

// ----------------------------------------------------------------- verbs

function getCommand(g: Gen): string {
  const parts = ['kubectl', 'get', ...kindAndNames(g).map(shellQuote)];
  if (g.chance(0.35)) parts.push(`-o ${shellQuote(outputFormat(g, true))}`);
  if (g.chance(0.15)) parts.push(`-l ${shellQuote(selector(g))}`);
  if (g.chance(0.1)) parts.push(`-L ${shellQuote(g.odd() ? g.pick(['', ',', 'a,,b', 'x/y/z']) : g.pick(['app', 'controller-revision-hash', 'app,tier']))}`);
  if (g.chance(0.1)) parts.push('--show-labels');
  if (g.chance(0.05)) parts.push('--show-kind');
  if (g.chance(0.05)) parts.push('--no-headers');
  if (g.chance(0.05)) parts.push('-A');
  if (g.chance(0.05)) parts.push('--ignore-not-found');
  if (g.chance(0.08)) parts.push(`--sort-by=${shellQuote(g.odd() ? g.pick(ODD_JSONPATHS) : g.pick(['.metadata.name', '{.metadata.creationTimestamp}', '.status.phase', '.spec.replicas', '.metadata.labels.app']))}`);
  if (g.chance(0.05)) parts.push(`--field-selector=${shellQuote(g.odd() ? g.pick(['', '=', 'x', 'a=b=c', 'status.phase']) : g.pick(['status.phase=Running', 'metadata.name=web-0', 'spec.nodeName=node-1', 'status.phase!=Pending']))}`);
  let watch = false;
  if (g.chance(0.12)) {
    watch = true;
    parts.push(g.pick(['-w', '--watch', '--watch-only', '-w --output-watch-events']));
  }
  const line = parts.join(' ');
  // A watch without a time limit runs until the cluster settles; mostly bound it.
  return watch && g.chance(0.8) ? `timeout ${g.duration(['5s', '20s', '60s'])} ${line}` : line;
}

function describeCommand(g: Gen): string {
  const parts = ['kubectl', 'describe', ...kindAndNames(g).map(shellQuote)];
  if (g.chance(0.1)) parts.push(`-l ${shellQuote(selector(g))}`);
  if (g.chance(0.05)) parts.push('--show-events=false');
  return parts.join(' ');
}

function scaleCommand(g: Gen): string {
  const parts = ['kubectl', 'scale', ...setRef(g).map(shellQuote), `--replicas=${shellQuote(g.number(0, 5))}`];
  if (g.chance(0.1)) parts.push(`--current-replicas=${shellQuote(g.number(0, 5))}`);
  if (g.chance(0.05)) parts.push(`--dry-run=${g.pick(['client', 'server', 'none'])}`);
  if (g.chance(0.05)) parts.push(`--timeout=${shellQuote(g.duration(['10s', '1m']))}`);
  return parts.join(' ');
}

function patchCommand(g: Gen): string {
  const type = g.odd() ? g.pick(['', 'Json', 'apply', 'strategic-merge', 'x']) : g.pick(['strategic', 'merge', 'json']);
  const realType = ['strategic', 'merge', 'json'].includes(type) ? type : 'strategic';
  const target = g.chance(0.8) ? setRef(g) : g.chance(0.5) ? ['pod', g.name(g.k.pods, ['web-0'])] : ['pvc', g.name(g.k.claims, ['www-web-0'])];
  const parts = ['kubectl', 'patch', ...target.map(shellQuote)];
  if (type !== 'strategic' || g.chance(0.2)) parts.push(`--type=${shellQuote(type)}`);
  parts.push(`-p ${shellQuote(patchText(g, realType))}`);
  if (g.chance(0.08)) parts.push(`-o ${shellQuote(outputFormat(g, false))}`);
  if (g.chance(0.05)) parts.push(`--dry-run=${g.pick(['client', 'server'])}`);
  if (g.chance(0.05)) parts.push('--subresource=status');
  return parts.join(' ');
}

function setImageCommand(g: Gen): string {
  const container = g.odd() ? g.pick(['*', '', 'nosuch', '__proto__']) : g.name(g.k.containers, ['nginx']);
  const image = g.odd() ? g.pick(['', ' ', 'UPPER:1', 'nginx:', ':1', 'a'.repeat(300), 'nginx@sha256:x']) : g.pick(['nginx:1.27', 'nginx:1.28', 'nginx:bad', 'nginx:crash', 'nginx:unready', ...g.k.images]);
  const parts = ['kubectl', 'set', 'image', ...setRef(g).map(shellQuote), shellQuote(`${container}=${image}`)];
  if (g.chance(0.05)) parts.push(g.pick(['--all', '-l app=nginx', '--dry-run=client', '-o yaml', '--local']));
  return parts.join(' ');
}

function deleteCommand(g: Gen): string {
  const target = g.pick([
    () => ['pod', g.name(g.k.pods, ['web-0', 'web-1'])],
    () => [`pod/${g.name(g.k.pods, ['web-0'])}`],
    () => ['pvc', g.name(g.k.claims, ['www-web-0'])],
    () => setRef(g),
    () => ['pods', '-l', selector(g)],
    () => ['pods', '--all'],
    () => ['pv', g.name(g.k.volumes, ['pvc-1'])],
    () => kindAndNames(g),
  ])();
  const parts = ['kubectl', 'delete', ...target.map(shellQuote)];
  if (g.chance(0.15)) parts.push(`--grace-period=${shellQuote(g.number(0, 30))}`);
  if (g.chance(0.08)) parts.push('--force');
  if (g.chance(0.05)) parts.push('--now');
  if (g.chance(0.15)) parts.push(`--wait=${g.pick(['false', 'true'])}`);
  if (g.chance(0.1)) parts.push(`--cascade=${g.odd() ? g.pick(['', 'x', 'true', 'false']) : g.pick(['orphan', 'background', 'foreground'])}`);
  if (g.chance(0.05)) parts.push('--ignore-not-found');
  if (g.chance(0.05)) parts.push(`--timeout=${shellQuote(g.duration(['10s', '30s']))}`);
  if (g.chance(0.03)) parts.push('-o name');
  return parts.join(' ');
}

function rolloutCommand(g: Gen): string {
  const sub = g.odd() ? g.pick(['', 'bogus', 'STATUS', 'history --revision=-1']) : g.pick(['status', 'status', 'history', 'undo', 'restart', 'pause', 'resume']);
  const parts = ['kubectl', 'rollout', ...sub.split(' ').filter(Boolean), ...setRef(g).map(shellQuote)];
  if (sub === 'status') {
    if (g.chance(0.3)) parts.push(`--timeout=${shellQuote(g.duration(['10s', '30s', '1m', '2m']))}`);
    if (g.chance(0.1)) parts.push(`--watch=${g.pick(['false', 'true'])}`);
    if (g.chance(0.05)) parts.push(`--revision=${shellQuote(g.number(0, 3))}`);
  }
  if (sub === 'history' && g.chance(0.4)) parts.push(`--revision=${shellQuote(g.number(1, 4))}`);
  if (sub === 'history' && g.chance(0.1)) parts.push(`-o ${shellQuote(outputFormat(g, false))}`);
  if (sub === 'undo' && g.chance(0.4)) parts.push(`--to-revision=${shellQuote(g.number(0, 4))}`);
  if ((sub === 'undo' || sub === 'restart') && g.chance(0.05)) parts.push('--dry-run=client');
  const line = parts.join(' ');
  return sub === 'status' && g.chance(0.3) ? `timeout ${g.duration(['10s', '30s', '60s'])} ${line}` : line;
}

function waitCommand(g: Gen): string {
  const cond = g.odd()
    ? g.pick(['', 'condition', 'condition=', 'delete=x', 'jsonpath=', 'jsonpath={', 'jsonpath={.status.readyReplicas}=', 'jsonpath=.x=y=z', 'create', 'condition=Ready=', `jsonpath=${g.pick(ODD_JSONPATHS)}`])
    : g.pick(['condition=Ready', 'condition=Ready=false', 'delete', 'jsonpath={.status.readyReplicas}=2', 'jsonpath={.status.phase}=Running', 'condition=PodScheduled']);
  const target = g.chance(0.7) ? [`pod/${g.name(g.k.pods, ['web-0', 'web-1'])}`] : g.pick([setRef(g), ['pods', '--all'], ['pods', '-l', selector(g)]]);
  const parts = ['kubectl', 'wait', ...target.map(shellQuote), `--for=${shellQuote(cond)}`];
  if (g.chance(0.7)) parts.push(`--timeout=${shellQuote(g.duration(['5s', '30s', '60s', '2m']))}`);
  return parts.join(' ');
}

function applyCommand(g: Gen): string {
  const file = g.odd() ? g.pick(['', 'nosuch.yaml', '-', '/etc/passwd', '.', '__proto__']) : g.k.files.length ? g.pick(g.k.files) : 'manifests.yaml';
  const verb = g.pick(['apply', 'apply', 'create']);
  const parts = ['kubectl', verb, '-f', shellQuote(file)];
  if (g.chance(0.1)) parts.push(`--dry-run=${g.pick(['client', 'server'])}`);
  if (g.chance(0.05)) parts.push(`-o ${shellQuote(outputFormat(g, false))}`);
  if (g.chance(0.05)) parts.push(`--validate=${g.pick(['strict', 'false', 'warn', 'true', 'x'])}`);
  if (verb === 'apply' && g.chance(0.05)) parts.push('--server-side');
  return parts.join(' ');
}

function sleepCommand(g: Gen): string {
  return `sleep ${shellQuote(g.duration(['1s', '5s', '10s', '30s', '1m', '2m', '1m30s', '500ms']))}`;
}

function oddLine(g: Gen): string {
  return g.pick([
    'kubectl', 'kubectl --help', 'kubectl get', 'kubectl describe', 'kubectl bogus', 'kubectl gett pods', 'kubectl logs web-0', 'kubectl edit sts web',
    'kubectl -n', 'kubectl -n kube-system get pods', 'kubectl --namespace= get pods', 'kubectl get pods --bogus', 'kubectl get pods -z', 'kubectl get pods -o',
    'kubectl get pods -- -w', 'kubectl set', 'kubectl set env sts/web A=1', 'kubectl rollout', 'kubectl scale', 'kubectl scale sts web', 'kubectl wait',
    'kubectl patch', 'kubectl patch sts web', 'kubectl exec', 'kubectl exec web-0', 'kubectl apply', 'kubectl create', 'kubectl delete',
    "kubectl get pods 'unterminated", 'kubectl get pods "unterminated', 'kubectl get pods \\', 'timeout', 'timeout 5s', 'timeout x kubectl get pods',
    'timeout 5s sleep 10s', 'timeout 0s kubectl rollout status sts/web', 'sleep', 'sleep 1 2', 'node stop node-1', 'ls', 'echo hi', '#', '# just a comment',
    '', '   ', 'kubectl get pods\u0000', 'kubectl get pods -v=9', 'kubectl --context=x get pods', 'kubectl get pods --request-timeout=1s',
  ]);
}

const WEIGHTS: [number, (g: Gen) => string][] = [
  [22, getCommand],
  [6, describeCommand],
  [8, scaleCommand],
  [8, patchCommand],
  [6, setImageCommand],
  [7, deleteCommand],
  [8, rolloutCommand],
  [4, waitCommand],
  [6, execCommand],
  [3, applyCommand],
  [12, sleepCommand],
];
const TOTAL = WEIGHTS.reduce((s, [w]) => s + w, 0);

/**
 * One command line, as a person (or, with oddity, a hostile link) would type
 * it in the playground's terminal or a scenario step. Draws only from `rng`.
 */
export function randomCommand(rng: Rng, knowledge: Knowledge, options: GrammarOptions = {}): string {
  const g = new Gen(rng, knowledge, Math.max(0, Math.min(1, options.oddity ?? 0)));
  if (g.oddity > 0 && g.chance(g.oddity * 0.2)) return oddLine(g);
  let r = g.rng.int(TOTAL);
  for (const [w, f] of WEIGHTS) {
    if (r < w) return f(g);
    r -= w;
  }
  return sleepCommand(g);
}
