import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ObjectView, PodView, WorkerMessage } from '../protocol/protocol';
import { runScenario } from '../scenario/runner';
import { parseScenario } from '../scenario/parse';
import { EngineHost } from './engine-host';
import type { Cluster } from '../engine/sim/cluster';
import { MAX_FAST_FORWARD_MS } from '../lib/duration';

const PLAYGROUND = readFileSync(new URL('../scenarios/playground.yaml', import.meta.url), 'utf8');

/** A host with a page-side model of the objects, built only from the messages it sends. */
function harness(text = PLAYGROUND) {
  const messages: WorkerMessage[] = [];
  const objects = new Map<string, ObjectView>();
  const host = new EngineHost((m) => {
    messages.push(m);
    if (m.type === 'loaded') for (const o of m.objects) objects.set(`${o.kind}/${o.name}`, o);
    if (m.type === 'changes') {
      for (const c of m.changes) {
        if (c.op === 'put') objects.set(`${c.view.kind}/${c.view.name}`, c.view);
        else objects.delete(`${c.kind}/${c.name}`);
      }
    }
  });
  host.handle({ type: 'load', id: 1, scenario: text });
  const last = <T extends WorkerMessage['type']>(type: T) => messages.filter((m) => m.type === type).at(-1) as Extract<WorkerMessage, { type: T }>;
  const pods = () => [...objects.values()].filter((o): o is PodView => o.kind === 'Pod').sort((a, b) => a.name.localeCompare(b.name));
  const exec = (line: string) => {
    host.handle({ type: 'exec', id: 9, line });
    return last('output');
  };
  /** Plays `seconds` of virtual time in page ticks of 50 ms at speed 64. */
  const play = (seconds: number) => {
    host.handle({ type: 'speed', value: 64 });
    host.handle({ type: 'play' });
    for (let t = 0; t < (seconds * 1000) / 64; t += 50) host.tick(50);
    host.handle({ type: 'pause' });
  };
  return { host, messages, objects, last, pods, exec, play };
}

describe('EngineHost', () => {
  it('loads a scenario and reports its objects and transcript', () => {
    const h = harness();
    const loaded = h.last('loaded');
    expect(loaded.ok).toBe(true);
    expect(loaded.transcript[0]).toEqual({ command: 'kubectl apply -f manifests.yaml', output: 'service/nginx created\nstatefulset.apps/web created\n', say: false });
    expect(h.objects.get('StatefulSet/web')).toMatchObject({ replicas: 2, podManagementPolicy: 'OrderedReady', templates: ['www'] });
    expect(h.objects.get('StorageClass/standard')).toMatchObject({ isDefault: true });
  });

  it('moves virtual time only while playing, and the page model follows the cluster', () => {
    const h = harness();
    h.host.tick(1000);
    expect(h.last('loaded').transport.t).toBe(0);
    h.play(60);
    expect(h.last('transport').transport.t).toBeGreaterThanOrEqual(59_000);
    expect(h.pods().map((p) => [p.name, p.stage, p.ordinal, p.claims])).toEqual([
      ['web-0', 'Ready', 0, ['www-web-0']],
      ['web-1', 'Ready', 1, ['www-web-1']],
    ]);
    const claim = h.objects.get('PersistentVolumeClaim/www-web-1');
    expect(claim).toMatchObject({ phase: 'Bound', owner: 'web', ordinal: 1, template: 'www' });
  });

  it('runs terminal commands with the same output as the headless runner', () => {
    const lines = ['kubectl scale sts web --replicas=3', 'kubectl rollout status sts/web', 'kubectl get pods -o wide', 'kubectl get pvc'];
    const h = harness();
    const outputs = lines.map((l) => h.exec(l).text);
    const scenario = parseScenario(PLAYGROUND.replace('steps: []', `steps:\n${lines.map((l) => `  - ${l}`).join('\n')}`));
    const headless = runScenario(scenario).steps.slice(1).map((s) => s.output);
    expect(outputs).toEqual(headless);
    expect(h.pods().map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('reports a pod that cannot pull its image as failing, and the reason the controller waits', () => {
    const h = harness();
    h.exec('kubectl rollout status sts/web');
    h.exec('kubectl set image sts/web nginx=nginx:bad');
    h.play(60);
    const bad = h.pods().find((p) => p.name === 'web-1');
    expect(bad).toMatchObject({ failing: true, stage: 'Failed' });
    expect(bad?.status).toMatch(/ErrImagePull|ImagePullBackOff/);
    const whys = h.messages.flatMap((m) => (m.type === 'changes' ? m.why : []));
    expect(whys.some((w) => w.set === 'web' && /web-1/.test(w.message ?? ''))).toBe(true);
  });

  it('places an invalid field at its line in the manifests and keeps the last good state', () => {
    const h = harness();
    const manifests = h.last('loaded').manifests.replace(/replicas: 2 /, 'replicas: -1 ');
    h.host.handle({ type: 'apply', id: 3, manifests });
    const applied = h.last('applied');
    expect(applied.exitCode).not.toBe(0);
    expect(applied.output).toContain('The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const line = manifests.split('\n').findIndex((l) => l.includes('replicas: -1')) + 1;
    expect(applied.problems[0]).toMatchObject({ line, column: 3 });
    expect(h.objects.get('StatefulSet/web')).toMatchObject({ replicas: 2 });
  });

  it('places a YAML syntax error at its position', () => {
    const h = harness();
    h.host.handle({ type: 'apply', id: 4, manifests: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [x\n' });
    const applied = h.last('applied');
    expect(applied.exitCode).not.toBe(0);
    expect(applied.problems.length).toBeGreaterThan(0);
    expect(applied.problems[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('completes verbs, kinds and names', () => {
    const h = harness();
    const complete = (line: string) => {
      h.host.handle({ type: 'complete', id: 5, line });
      return h.last('completions').items;
    };
    expect(complete('kubectl sc')).toEqual(['scale']);
    expect(complete('kubectl get st')).toEqual(expect.arrayContaining(['statefulsets', 'storageclasses', 'sts']));
    expect(complete('kubectl delete pod web-')).toEqual(['web-0']);
    h.play(30);
    expect(complete('kubectl delete pod web-')).toEqual(['web-0', 'web-1']);
    expect(complete('kubectl rollout status sts/')).toEqual(['sts/web']);
  });

  it('completes -o with the output formats kubectl 1.32 has for the verb, and the command after a shell operator', () => {
    const h = harness();
    const complete = (line: string) => {
      h.host.handle({ type: 'complete', id: 5, line });
      const m = h.last('completions');
      return { start: m.start, items: m.items };
    };
    // kubectl.1.32 __complete get pods -o "": these, sorted as a terminal lists them.
    const get = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];
    expect(complete('kubectl get pods -o ').items).toEqual(get);
    expect(complete('kubectl get pods --output ').items).toEqual(get);
    expect(complete('kubectl get pods -o j')).toEqual({ start: 'kubectl get pods -o '.length, items: ['json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'] });
    expect(complete('kubectl get pods --output=ya')).toEqual({ start: 'kubectl get pods --output='.length, items: ['yaml'] });
    expect(complete('kubectl get pods -ow')).toEqual({ start: 'kubectl get pods -o'.length, items: ['wide'] });
    // Other printing verbs have no table formats; delete has only name; describe has no -o.
    expect(complete('kubectl scale sts web --replicas=3 -o ').items).toEqual(get.filter((f) => !f.startsWith('custom') && f !== 'wide'));
    expect(complete('kubectl rollout history sts/web -o ').items).toContain('jsonpath');
    expect(complete('kubectl delete pod web-0 -o ').items).toEqual(['name']);
    expect(complete('kubectl describe pod web-0 -o ').items).toEqual([]);
    // A flag's value is not a kind: `-o wide` then the kind's names.
    expect(complete('kubectl get -o wide pod web-').items).toEqual(['web-0']);
    // In a shell line: the command after the last operator, a text tool after a pipe.
    expect(complete('kubectl get pods | gr')).toEqual({ start: 'kubectl get pods | '.length, items: ['grep'] });
    expect(complete('kubectl get pods | ')).toMatchObject({ items: ['cat', 'egrep', 'fgrep', 'grep', 'head', 'sort', 'tail', 'uniq', 'wc'] });
    expect(complete('for i in 0 1; do kubectl get pod web-')).toEqual({ start: 'for i in 0 1; do kubectl get pod '.length, items: ['web-0'] });
    expect(complete('echo "$(kubectl get st')).toMatchObject({ start: 'echo "$(kubectl get '.length });
    expect(complete('kubectl get pods && kubectl sc').items).toEqual(['scale']);
    expect(complete("echo 'a | kubectl sc").items).toEqual([]);
  });

  it('reports which of the scenario\'s manifests the API server refused, placed in the text', () => {
    const h = harness(PLAYGROUND.replace(/replicas: 2 /, 'replicas: -1 '));
    const loaded = h.last('loaded');
    expect(loaded.ok).toBe(true);
    const line = loaded.manifests.split('\n').findIndex((l) => l.includes('replicas: -1')) + 1;
    expect(loaded.manifestsApply).toMatchObject({ exitCode: 1, output: expect.stringContaining('service/nginx created\nThe StatefulSet "web" is invalid') });
    expect(loaded.manifestsApply?.problems.map((p) => [p.line, p.message])).toEqual([[line, 'The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0']]);
    expect(harness().last('loaded').manifestsApply).toEqual({ exitCode: 0, output: 'service/nginx created\nstatefulset.apps/web created\n', problems: [] });
  });

  it('reports a bad scenario without replacing the running one', () => {
    const h = harness();
    h.host.handle({ type: 'load', id: 7, scenario: 'version: 1\nbogus: 2\n' });
    const loaded = h.last('loaded');
    expect(loaded.ok).toBe(false);
    expect(loaded.error).toMatch(/^2:1: /);
    expect(h.exec('kubectl get sts').text).toContain('web');
  });

  it('refuses a scenario whose replay passes a limit, naming the step, and keeps the running session whole', () => {
    const messages: WorkerMessage[] = [];
    const host = new EngineHost((m) => messages.push(m), { writes: 400 });
    const last = <T extends WorkerMessage['type']>(type: T) => messages.filter((m) => m.type === type).at(-1) as Extract<WorkerMessage, { type: T }>;
    host.handle({ type: 'load', id: 1, scenario: PLAYGROUND });
    expect(last('loaded').ok).toBe(true);
    const t = last('loaded').transport.t;
    const greedy = `version: 1\nmanifests: |\n${PLAYGROUND.split('manifests: |\n')[1]?.split(/^\S/m)[0] ?? ''}steps:\n${'  - kubectl scale sts web --replicas=4\n  - sleep 1m\n  - kubectl scale sts web --replicas=0\n  - sleep 1m\n'.repeat(20)}`;
    const full = runScenario(parseScenario(greedy), { limits: { writes: 400 } });
    expect(full.stopped).toBeDefined();
    host.handle({ type: 'load', id: 2, scenario: greedy });
    const refused = last('loaded');
    expect(refused).toMatchObject({ id: 2, ok: false, error: `${full.stopped?.line}:${full.stopped?.column}: the playground stops a replay after 400 API writes; this step passed the limit` });
    expect(refused.transport.t).toBe(t);
    // The old session still runs, and its changes still reach the page.
    host.handle({ type: 'exec', id: 3, line: 'kubectl scale sts web --replicas=3' });
    expect(last('output').text).toBe('statefulset.apps/web scaled\n');
    for (let i = 0; i < 200; i++) host.handle({ type: 'step', id: 4 });
    const changed = messages.filter((m) => m.type === 'changes').flatMap((m) => m.changes);
    expect(changed.some((c) => c.op === 'put' && c.view.kind === 'Pod' && c.view.name === 'web-2')).toBe(true);
    // A first load that is refused leaves no session behind, and the next load works.
    const fresh: WorkerMessage[] = [];
    const first = new EngineHost((m) => fresh.push(m), { writes: 400 });
    first.handle({ type: 'load', id: 1, scenario: greedy });
    first.handle({ type: 'load', id: 2, scenario: PLAYGROUND });
    expect(fresh.filter((m) => m.type === 'loaded').map((m) => m.ok)).toEqual([false, true]);
  });

  it('steps to the next scheduled happening', () => {
    const h = harness();
    const before = h.last('loaded').transport.t;
    h.host.handle({ type: 'step', id: 8 });
    const after = [...h.messages].reverse().find((m) => m.type === 'changes' || m.type === 'transport') as Extract<WorkerMessage, { transport: unknown }>;
    expect(after.transport.t).toBeGreaterThan(before);
  });
});

describe('EngineHost export', () => {
  it('writes a scenario that replays headless to the same objects at the same time', () => {
    const h = harness();
    h.play(20);
    h.exec('kubectl scale sts web --replicas=4');
    h.play(7.5);
    const edited = h.last('loaded').manifests.replace('image: nginx:1.27', 'image: nginx:1.28');
    h.host.handle({ type: 'apply', id: 2, manifests: edited });
    h.play(40);
    h.exec('kubectl delete pod web-0 --wait=false');
    h.play(3);
    h.host.handle({ type: 'export', id: 3 });
    const text = h.last('exported').scenario;
    expect(text).toContain('manifests-2.yaml');
    expect(text).toMatch(/- sleep \d/);
    const replay = runScenario(parseScenario(text));
    const dump = (run: (line: string) => string) => run('kubectl get pods,pvc,pv,sts -o yaml');
    const live = dump((l) => h.exec(l).text);
    const headless = replay.session;
    let out = '';
    headless.run('kubectl get pods,pvc,pv,sts -o yaml', { out: (x) => void (out += x), err: (x) => void (out += x) });
    expect(out).toBe(live);
    expect(headless.cluster.clock.now()).toBe(h.last('output') && (h.messages.filter((m) => m.type === 'transport' || m.type === 'changes').at(-1) as Extract<WorkerMessage, { transport: unknown }>).transport.t);
  });
});

describe('EngineHost shell lines', () => {
  it('runs a shell line as the runner does, and exports it as the same line (a loop over lines as one step)', () => {
    const h = harness();
    h.play(30);
    const loop = 'for i in 0 1; do\n  kubectl exec "web-$i" -- sh -c \'hostname\'\ndone';
    expect(h.exec(loop)).toMatchObject({ text: 'web-0\nweb-1\n', exitCode: 0 });
    expect(h.exec('kubectl get pods --no-headers | wc -l && kubectl scale sts web --replicas=3')).toMatchObject({ text: '2\nstatefulset.apps/web scaled\n', exitCode: 0 });
    expect(h.exec('kubectl get pod web-9 2>/dev/null | grep -c web')).toMatchObject({ text: '0\n', exitCode: 1 });
    h.play(20);
    h.host.handle({ type: 'export', id: 3 });
    const scenario = parseScenario(h.last('exported').scenario);
    const steps = scenario.steps.map((st) => st.run).filter((r) => r !== undefined && !r.startsWith('sleep'));
    expect(steps).toEqual([loop, 'kubectl get pods --no-headers | wc -l && kubectl scale sts web --replicas=3', 'kubectl get pod web-9 2>/dev/null | grep -c web']);
    const replay = runScenario(scenario);
    expect(replay.transcript).toContain('$ for i in 0 1; do\n>   kubectl exec "web-$i" -- sh -c \'hostname\'\n> done\nweb-0\nweb-1\n');
    let out = '';
    replay.session.run('kubectl get pods -o name', { out: (x) => void (out += x), err: (x) => void (out += x) });
    expect(out).toBe(h.exec('kubectl get pods -o name').text);
  });
});

describe('EngineHost failing pods', () => {
  it('shows a pod waiting on a claim that cannot bind as failing once the grace has passed, not while the claim is being provisioned', () => {
    const h = harness(PLAYGROUND.replace('        accessModes: ["ReadWriteOnce"]', '        storageClassName: fast\n        accessModes: ["ReadWriteOnce"]'));
    h.play(5);
    expect(h.pods()[0]).toMatchObject({ name: 'web-0', stage: 'Pending', failing: false });
    h.play(10);
    expect(h.pods()[0]).toMatchObject({ name: 'web-0', stage: 'Pending', failing: true });
    expect(h.pods()[0]?.message).toContain('unbound immediate PersistentVolumeClaims');
  });

  it('never marks a normally provisioned pod as failing', () => {
    const h = harness();
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      h.play(1);
      for (const p of h.pods()) if (p.failing) seen.add(p.name);
    }
    expect([...seen]).toEqual([]);
  });

  it('builds views from the store, so a late, older watch event cannot leave a stale object on the page', () => {
    const h = harness();
    h.play(60);
    const inside = h.host as unknown as { session: { cluster: { api: { get(kind: string, ns: string, name: string): { metadata: { uid?: string } } | undefined } } }; onWatch(ev: { type: string; object: unknown }): void };
    const api = inside.session.cluster.api;
    const before = api.get('Pod', 'default', 'web-1');
    h.exec('kubectl delete pod web-1');
    h.play(60);
    const now = api.get('Pod', 'default', 'web-1');
    expect(now?.metadata.uid).not.toBe(before?.metadata.uid);
    // Watchers that write while handling an event can make an older event arrive after a newer one.
    inside.onWatch({ type: 'MODIFIED', object: before });
    inside.onWatch({ type: 'DELETED', object: now });
    h.play(1);
    expect(h.pods().find((p) => p.name === 'web-1')).toMatchObject({ uid: now?.metadata.uid, stage: 'Ready' });
  });

  it('shows a fault of the simulator: a fault message, the wait reason of the set, and a SimulatorFault event', () => {
    const h = harness();
    h.play(30);
    const inside = h.host as unknown as { session: { cluster: Cluster } };
    const cluster = inside.session.cluster;
    // A stored set the controller cannot handle, put there behind the API server's back.
    (cluster.api.get('StatefulSet', 'default', 'web') as unknown as { spec: unknown }).spec = null;
    cluster.statefulsets.queue.add('default/web');
    h.play(1);
    const faults = h.messages.filter((m): m is Extract<WorkerMessage, { type: 'fault' }> => m.type === 'fault').map((m) => m.message);
    expect(faults[0]).toMatch(/^The simulator's statefulset-controller failed at [\d.]+s \(StatefulSet web\): TypeError: /);
    const why = h.messages.flatMap((m) => (m.type === 'changes' ? m.why : []));
    expect(why.at(-1)).toMatchObject({ set: 'web', message: expect.stringMatching(/^The playground's StatefulSet controller failed while syncing this set; it retries/) });
    const events = h.messages.flatMap((m) => (m.type === 'changes' ? m.events : []));
    expect(events.some((e) => e.reason === 'SimulatorFault' && e.type === 'Warning')).toBe(true);
    // Retries fail again, but the page gets at most a few messages at a time, then a count.
    h.host.handle({ type: 'speed', value: 1024 });
    h.host.handle({ type: 'play' });
    h.host.tick(250);
    let run = 0;
    let longest = 0;
    for (const m of h.messages) {
      run = m.type === 'fault' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(cluster.clock.faultCount).toBeGreaterThan(10);
    expect(longest).toBeLessThanOrEqual(6);
    expect(h.messages.some((m) => m.type === 'fault' && /^…and \d+ more faults of the simulator$/.test(m.message))).toBe(true);
  });

  it('steps to the next thing that happens, but never more than one fast-forward', () => {
    const h = harness();
    const inside = h.host as unknown as { session: { cluster: Cluster } };
    const clock = inside.session.cluster.clock;
    h.play(120);
    clock.after(10 * MAX_FAST_FORWARD_MS, () => {}, 'far away');
    while (clock.nextAt() !== undefined && (clock.nextAt() as number) < 9 * MAX_FAST_FORWARD_MS) h.host.handle({ type: 'step', id: 1 });
    const before = clock.now();
    h.host.handle({ type: 'step', id: 2 });
    expect(clock.now() - before).toBeLessThanOrEqual(MAX_FAST_FORWARD_MS);
    expect(clock.faults).toEqual([]);
  });
});

