import { describe, expect, it } from 'vitest';
import { MAX_FAST_FORWARD_MS } from '../lib/duration';
import { Session } from './session';
import { MANIFESTS, openTerminal } from './testing';

const SET = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  replicas: 1
  serviceName: web
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: "nginx:1.25"}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

function session(config: ConstructorParameters<typeof Session>[0] = {}) {
  const s = new Session(config, { 'm.yaml': SET });
  const run = (line: string) => {
    let out = '';
    const io = { out: (x: string) => void (out += x), err: (x: string) => void (out += x) };
    const before = s.cluster.clock.now();
    const code = s.run(line, io);
    return { out, code, took: s.cluster.clock.now() - before };
  };
  return { s, run };
}

const LIMIT = 'the playground fast-forwards at most 720h (30 days) at a time';

describe('Session: how far time moves', () => {
  it('refuses a sleep or timeout longer than one fast-forward, with the program name and no time passing', () => {
    const { run } = session();
    expect(run('sleep 721h')).toEqual({ out: `sleep: ${LIMIT}\n`, code: 1, took: 0 });
    expect(run('sleep 99999999h')).toEqual({ out: `sleep: ${LIMIT}\n`, code: 1, took: 0 });
    expect(run(`sleep ${'9'.repeat(400)}s`)).toEqual({ out: `sleep: ${LIMIT}\n`, code: 1, took: 0 });
    expect(run('timeout 721h kubectl get pods -w')).toEqual({ out: `timeout: ${LIMIT}\n`, code: 125, took: 0 });
    expect(run('sleep 720h')).toEqual({ out: '', code: 0, took: MAX_FAST_FORWARD_MS });
  });

  it('keeps coreutils behaviour otherwise: a timeout cuts a long sleep, 0 disables it, a missing command prints the hint', () => {
    const { run } = session();
    expect(run('timeout 1h sleep 99999999h')).toEqual({ out: '', code: 124, took: 3_600_000 });
    expect(run('timeout 0 sleep 5s')).toEqual({ out: '', code: 0, took: 5000 });
    expect(run('timeout 5s')).toEqual({ out: "Try 'timeout --help' for more information.\n", code: 125, took: 0 });
    expect(run('timeout')).toEqual({ out: "Try 'timeout --help' for more information.\n", code: 125, took: 0 });
    expect(run('timeout abc sleep 1')).toEqual({ out: "timeout: invalid time interval 'abc'\nTry 'timeout --help' for more information.\n", code: 125, took: 0 });
    expect(run('sleep 1x')).toEqual({ out: "sleep: invalid time interval '1x'\nTry 'sleep --help' for more information.\n", code: 1, took: 0 });
  });

  it('stops the clock 100 years after the cluster started', () => {
    const { s, run } = session();
    let n = 0;
    while (run('sleep 720h').code === 0) n++;
    expect(n).toBe(1216);
    expect(run('sleep 720h').out).toBe("sleep: the playground's clock stops 100 years after the cluster started\n");
    expect(run('kubectl get ns default').out).toMatch(/^NAME {6}STATUS {3}AGE\ndefault {3}Active {3}\d+y\n$/);
    expect(s.cluster.clock.faults).toEqual([]);
  });

  it("checks kubectl's duration flags as pflag does, and bounds them by one fast-forward", () => {
    const { run } = session();
    run('kubectl apply -f m.yaml');
    expect(run('kubectl rollout status sts/web --timeout=721h')).toEqual({ out: `error: --timeout: ${LIMIT}\n`, code: 1, took: 0 });
    expect(run('kubectl wait --for=delete pod/web-0 --timeout=800h')).toEqual({ out: `error: --timeout: ${LIMIT}\n`, code: 1, took: 0 });
    expect(run('kubectl delete pod web-0 --timeout=800h').out).toBe(`error: --timeout: ${LIMIT}\n`);
    // A shorter timeout prefix cuts the command off first, as a shell would.
    expect(run('timeout 2s kubectl wait --for=delete pod/web-0 --timeout=800h')).toEqual({ out: '', code: 124, took: 2000 });
    expect(run('kubectl rollout status sts/web --timeout=abc').out).toBe('Error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl rollout status --help\' for usage.\n');
    expect(run('kubectl wait --for=delete pod/web-0 --timeout=99999999h').out).toBe('Error: invalid argument "99999999h" for "--timeout" flag: time: invalid duration "99999999h"\nSee \'kubectl wait --help\' for usage.\n');
    expect(run('kubectl wait --for=delete pod/web-0 --timeout=1.5.5s').out).toBe('Error: invalid argument "1.5.5s" for "--timeout" flag: time: missing unit in duration "1.5.5s"\nSee \'kubectl wait --help\' for usage.\n');
    expect(run('kubectl scale sts web --replicas=1 --timeout=zz').out).toBe('Error: invalid argument "zz" for "--timeout" flag: time: invalid duration "zz"\nSee \'kubectl scale --help\' for usage.\n');
    expect(run('kubectl wait --for=condition=Ready pod/web-0 --timeout=1500ms')).toMatchObject({ code: 1, took: 1500 });
  });

  it("treats a huge grace period as kubectl and the API server do: out of int64 is a flag error, inside it the deletion time wraps, never 'Invalid time value'", () => {
    const { s, run } = session();
    run('kubectl apply -f m.yaml');
    run('sleep 1m');
    expect(run('kubectl delete pod web-0 --grace-period=99999999999999999999').out).toBe(
      'Error: invalid argument "99999999999999999999" for "--grace-period" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range\nSee \'kubectl delete --help\' for usage.\n',
    );
    expect(run('kubectl delete pod web-0 --grace-period=9007199254740992 --wait=false')).toEqual({ out: 'pod "web-0" deleted\n', code: 0, took: 0 });
    // time.Second * time.Duration(9007199254740992) wraps to about 146 years (Go, recorded).
    expect(run("kubectl get pod web-0 -o jsonpath='{.metadata.deletionTimestamp} {.metadata.deletionGracePeriodSeconds}'").out).toBe('2171-02-21T08:54:38Z 9007199254740992');
    expect(run('kubectl get pod web-0').out).toMatch(/Terminating/);
    run('sleep 1m');
    expect(run('kubectl get pods').out).toMatch(/^NAME {4}READY/);
    expect(s.cluster.clock.faults).toEqual([]);
  });

  it('runs fractional timings in whole milliseconds: events, names and messages work', () => {
    const { s, run } = session({ timings: { imagePull: 0.3333, containerStart: 0.0005, provision: 0.25, termination: 0.1 } });
    run('kubectl apply -f m.yaml');
    run('sleep 3s');
    expect(run('kubectl get pods').out).toMatch(/web-0 {3}1\/1 {5}Running/);
    expect(run('kubectl get events').out).toContain('Successfully pulled image "nginx:1.25" in 333ms (333ms including waiting)');
    run('kubectl delete pod web-0');
    run('sleep 3s');
    expect(run('kubectl get pods').out).toMatch(/web-0 {3}1\/1 {5}Running/);
    expect(s.cluster.clock.faults).toEqual([]);
    for (const e of s.cluster.api.list('Event')) expect(e.metadata.name).toMatch(/^[a-z0-9-]+\.[0-9a-f]+$/);
  });
});

describe('Session: shell lines around kubectl', () => {
  const ready = () => openTerminal({ 'm.yaml': MANIFESTS }, ['kubectl apply -f m.yaml', 'kubectl rollout status sts/web']);

  it('runs the tutorials\' loop, each exec in its own pod', () => {
    const t = ready();
    expect(t.run(`for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`)).toEqual({ out: 'web-0\nweb-1\n', code: 0 });
    expect(t.run('for p in $(kubectl get pods -o name); do echo "${p#pod/}"; done')).toEqual({ out: 'web-0\nweb-1\n', code: 0 });
  });

  it('lets the cluster react between the commands of one line, as it would between commands typed quickly', () => {
    const t = ready();
    const before = t.s.cluster.clock.now();
    const r = t.run('kubectl scale sts web --replicas=3 && kubectl get pods --no-headers | wc -l');
    expect(r).toEqual({ out: 'statefulset.apps/web scaled\n3\n', code: 0 });
    expect(t.s.cluster.clock.now()).toBe(before);
  });

  it('keeps timeout and sleep as they were, inside loops and pipes', () => {
    const t = ready();
    const at = () => t.s.cluster.clock.now();
    let start = at();
    expect(t.run('for i in 1 2 3; do sleep 10s; done').code).toBe(0);
    expect(at() - start).toBe(30_000);
    start = at();
    expect(t.run('timeout 5s kubectl get pods -w | wc -l')).toEqual({ out: '3\n', code: 0 });
    expect(at() - start).toBe(5000);
    expect(t.run('timeout 1s sleep 5s || echo "timed out: $?"')).toEqual({ out: 'timed out: 124\n', code: 0 });
    expect(t.run('timeout 5s grep -c web <<< web-0')).toEqual({ out: '1\n', code: 0 });
    expect(t.run('timeout 5s echo hi')).toEqual({ out: 'hi\n', code: 0 });
    expect(t.run('timeout 5s nosuch')).toEqual({ out: "timeout: failed to run command 'nosuch': No such file or directory\n", code: 127 });
    expect(t.run('timeout x kubectl get pods; echo $?')).toEqual({ out: "timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n125\n", code: 0 });
  });

  it('writes stdout and stderr apart, so 2>&1 and pipes see what kubectl sees', () => {
    const t = ready();
    expect(t.runApart('kubectl get pod web-9 | wc -l')).toEqual({ out: '0\n', err: 'Error from server (NotFound): pods "web-9" not found\n', code: 0 });
    expect(t.runApart('kubectl get pod web-9 2>&1 | wc -l')).toEqual({ out: '1\n', err: '', code: 0 });
    expect(t.runApart('kubectl get pod web-9 2>/dev/null || echo none')).toEqual({ out: 'none\n', err: '', code: 0 });
  });

  it('counts the shell\'s work for a replay\'s budget, and the text tools\' grep steps', () => {
    const t = ready();
    const a = t.s.work();
    t.run('for i in 1 2 3; do kubectl get pods | grep -c web; done');
    const b = t.s.work();
    expect(b.shellCommands - a.shellCommands).toBe(3 + 3 + 3);
    expect(b.shellBytes).toBeGreaterThan(a.shellBytes);
    expect(b.regexSteps).toBeGreaterThan(a.regexSteps);
  });
});

describe('Session: the text tools\' budgets belong to the line', () => {
  it('stops the greps of one line after their step budget, in the line\'s words, and the next line starts afresh', () => {
    const t = openTerminal({});
    const long = 'a'.repeat(2000);
    const r = t.run(`for i in {1..2000}; do echo ${long}; done | grep -cE '(a|aa)*b'`);
    expect(r.out).toMatch(/^grep: the playground stops the searches of one command line after \d+ steps\n$/);
    expect(t.run("echo ab | grep -cE '(a|aa)*b'")).toEqual({ out: '1\n', code: 0 });
  });
});
