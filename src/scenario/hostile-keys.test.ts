/**
 * Issue 9, class 1 on a running cluster: a JSON patch through `__proto__`
 * (the sample) and its relatives are answered the way a real API
 * server answers them, and afterwards every object, set and pod behaves
 * normally — no property leaks into Object.prototype, no pod stays
 * Terminating, scaling and self-healing still work.
 */
import { describe, expect, it } from 'vitest';
import { JS_TEXT, prototypeSnapshot } from '../engine/testing/hostile';
import { MANIFESTS, openTerminal } from './testing';

function cluster() {
  return openTerminal({ 'manifests.yaml': MANIFESTS }, ['kubectl apply -f manifests.yaml', 'kubectl rollout status sts/web']);
}

const REJECTED = 'The request is invalid: the server rejected our request due to an error in our request\n';

describe('hostile keys on a running cluster', () => {
  it("the issue's sample patch is refused and the cluster keeps working", () => {
    const proto = prototypeSnapshot();
    const { s, run } = cluster();
    expect(run(`kubectl patch sts web --type=json -p '[{"op":"add","path":"/__proto__/deletionTimestamp","value":"2025-01-01T09:00:00Z"}]'`)).toEqual({ out: REJECTED, code: 1 });
    expect(prototypeSnapshot()).toBe(proto);
    expect(({} as Record<string, unknown>)['deletionTimestamp']).toBeUndefined();

    // Sets and pods behave normally: scale up, self-heal, scale down.
    expect(run('kubectl scale sts web --replicas=3').code).toBe(0);
    expect(run('kubectl rollout status sts/web').code).toBe(0);
    expect(run('kubectl delete pod web-0').code).toBe(0);
    run('sleep 30s');
    const pods = run('kubectl get pods').out;
    expect(pods).toMatch(/^web-0 +1\/1 +Running/m);
    expect(pods).not.toMatch(/Terminating/);
    expect(run('kubectl scale sts web --replicas=1').code).toBe(0);
    run('sleep 60s');
    expect(run('kubectl get pods -o name').out).toBe('pod/web-0\n');
    expect(run('kubectl get sts web').out).toMatch(/^web +1\/1 /m);
    for (const o of s.cluster.api.list('Pod')) expect(o.metadata.deletionTimestamp).toBeUndefined();
    expect(prototypeSnapshot()).toBe(proto);
  });

  it('patches, selectors and templates with inherited names never change a prototype or print JavaScript text', () => {
    const proto = prototypeSnapshot();
    const { run } = cluster();
    const lines = [
      `kubectl patch sts web --type=json -p '[{"op":"add","path":"/__proto__","value":{"deletionTimestamp":"x"}}]'`,
      `kubectl patch sts web --type=json -p '[{"op":"add","path":"/constructor/prototype/deletionTimestamp","value":"x"}]'`,
      `kubectl patch sts web --type=json -p '[{"op":"add","path":"/metadata/labels/constructor","value":"x"}]'`,
      `kubectl patch sts web --type=json -p '[{"op":"copy","from":"/metadata/toString","path":"/metadata/labels/a"}]'`,
      `kubectl patch sts web --type=json -p '[{"op":"replace","path":""}]'`,
      `kubectl patch sts web --type=json -p '[{"op":"replace","path":"/metadata"}]'`,
      `kubectl patch sts web -p '{"__proto__":{"deletionTimestamp":"x"},"metadata":{"labels":{"toString":"x"}}}'`,
      `kubectl patch sts web -p '{"$patch":"delete"}'`,
      `kubectl patch sts web -p '{"metadata":{"$setElementOrder/__proto__":[1]}}'`,
      `kubectl patch sts web --type=merge -p '{"__proto__":{"deletionTimestamp":"x"}}'`,
      `kubectl patch sts web --type=merge -p '[]'`,
      'kubectl get pods -l constructor',
      "kubectl get pods -l 'toString in (x),app=nginx'",
      'kubectl get pods -L constructor,toString',
      'kubectl get pods --field-selector metadata.constructor=x',
      "kubectl get sts web -o jsonpath='{.metadata.constructor}{.spec.toString}{..__proto__}'",
      'kubectl get sts web -o custom-columns=A:.metadata.constructor,B:.metadata.labels.toString',
      'kubectl rollout constructor sts/web',
      'kubectl delete pod web-1 --cascade=toString',
      'kubectl describe sts web',
      'kubectl get sts web -o yaml',
    ];
    for (const line of lines) {
      const { out } = run(line);
      expect(out, line).not.toMatch(JS_TEXT);
    }
    expect(run('kubectl get pods -l constructor').out).toBe('No resources found in default namespace.\n');
    expect(run('kubectl get pods -L constructor').out).toMatch(/CONSTRUCTOR\n(web-\d .* {3}\n?)+$/);
    expect(run("kubectl get sts web -o jsonpath='{.metadata.constructor}'").out).toBe('');
    expect(run('kubectl rollout constructor sts/web').out).toBe(`error: unknown command "constructor"\nSee 'kubectl rollout -h' for help and examples\n`);
    expect(run('kubectl delete pod web-1 --cascade=toString').out).toBe('error: invalid cascade value (toString). Must be "background", "foreground", or "orphan".\n');
    expect(run(`kubectl patch sts web --type=json -p '[{"op":"replace","path":""}]'`).out).toBe(
      'Error from server (InternalError): an error on the server ("This request caused apiserver to panic. Look in the logs for details.") has prevented the request from succeeding (patch statefulsets.apps web)\n',
    );
    expect(prototypeSnapshot()).toBe(proto);
    expect(run('kubectl get pods').out).not.toMatch(/Terminating/);
  });
});
