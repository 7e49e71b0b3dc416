/**
 * `kubectl set image` on templates without the containers it names. Texts
 * recorded with kubectl 1.32.5 (`set image --local -f x.yaml …`): the API
 * server does not validate a StatefulSet's pod template (pkg/apis/apps/validation
 * ValidatePodTemplateSpecForStatefulSet leaves the pod spec to a TODO), so a
 * template with `containers: null` is stored and only fails when pods are made.
 */
import { describe, expect, it } from 'vitest';
import { openTerminal, webSet } from '../../scenario/testing';

/** The set without `replicas`; a terminal that shows a line's output as `text`. */
function terminal() {
  const t = openTerminal({ 'web.yaml': webSet({ replicas: null }) }, ['kubectl apply -f web.yaml']);
  const run = (line: string) => {
    const { out: text, code } = t.run(line);
    return { code, text };
  };
  const image = () => JSON.stringify(t.s.cluster.api.get('StatefulSet', 'default', 'web')?.['spec']);
  return { s: t.s, run, image };
}

describe('kubectl set image', () => {
  it('a template without containers has none to find: kubectl says so, in its words', () => {
    const t = terminal();
    expect(t.run(`kubectl patch sts web --type=merge -p '{"spec":{"template":{"spec":{"containers":null}}}}'`)).toEqual({ code: 0, text: 'statefulset.apps/web patched\n' });
    expect(t.run('kubectl set image sts/web nginx=nginx:1.28')).toEqual({ code: 1, text: 'error: unable to find container named "nginx"\n' });
    expect(t.run("kubectl set image sts/web '*=nginx:1.28'")).toEqual({ code: 1, text: 'error: unable to find container named "*"\n' });
    expect(t.run(`kubectl patch sts web --type=json -p '[{"op":"remove","path":"/spec/template/spec"}]'`).code).toBe(0);
    expect(t.run('kubectl set image sts/web nginx=nginx:1.28 WEB=x')).toEqual({ code: 1, text: 'error: unable to find container named "nginx"\nerror: unable to find container named "WEB"\n' });
  });

  it('the containers found are updated; the names not found are reported after', () => {
    const t = terminal();
    expect(t.run('kubectl set image sts/web nginx=nginx:1.28 WEB=x')).toEqual({ code: 1, text: 'statefulset.apps/web image updated\nerror: unable to find container named "WEB"\n' });
    expect(t.image()).toContain('"image":"nginx:1.28"');
  });

  it('the controller cannot make pods of it: FailedCreate, and the status says so', () => {
    const t = terminal();
    t.run('sleep 30s');
    t.run(`kubectl patch sts web --type=merge -p '{"spec":{"template":{"spec":{"containers":null}}}}'`);
    t.run('sleep 30s');
    expect(t.run('kubectl get pods').text).toBe('No resources found in default namespace.\n');
    expect(t.run('kubectl get sts web').text).toMatch(/^NAME +READY +AGE\nweb +0\/1 +/);
    expect(t.run('kubectl describe sts web').text).toMatch(/Warning +FailedCreate .* create Pod web-0 in StatefulSet web failed error: Pod "web-0" is invalid: spec.containers: Required value\n/);
  });
});

describe('kubectl patch --dry-run=client and --local change nothing', () => {
  it('patches the object it read, and says patched as kubectl does (no dry-run suffix)', () => {
    const t = terminal();
    const before = t.image();
    expect(t.run(`kubectl patch sts web --dry-run=client -p '{"spec":{"replicas":3}}'`)).toEqual({ code: 0, text: 'statefulset.apps/web patched\n' });
    expect(t.run(`kubectl patch sts web --dry-run=client -p '{}'`)).toEqual({ code: 0, text: 'statefulset.apps/web patched (no change)\n' });
    expect(t.run(`kubectl patch --local -f web.yaml -p '{"spec":{"replicas":3}}'`)).toEqual({ code: 0, text: 'statefulset.apps/web patched\n' });
    expect(t.run(`kubectl patch --local sts web -p '{}'`)).toEqual({ code: 1, text: 'error: cannot specify --local and server resources\n' });
    expect(t.run(`kubectl patch --local -f web.yaml --type=json -p '[{"op":"remove","path":"/x"}]'`)).toEqual({ code: 1, text: "error: error in remove for path: '/x': Unable to remove nonexistent key: x: missing value\n" });
    expect(t.image()).toBe(before);
  });
});
