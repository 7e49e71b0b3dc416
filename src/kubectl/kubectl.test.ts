import { describe, expect, it } from 'vitest';
import { MANIFESTS, openTerminal } from '../scenario/testing';
import { SUPPORTED_VERBS } from './kubectl';

/** Runs command lines and returns what the terminal shows for each. */
function terminal(files: Record<string, string> = {}) {
  return openTerminal({ 'manifests.yaml': MANIFESTS, ...files });
}

function ready() {
  const t = terminal();
  t.run('kubectl apply -f manifests.yaml');
  t.run('kubectl rollout status sts/web');
  return t;
}

describe('kubectl apply', () => {
  it('says created, then unchanged, then configured', () => {
    const t = terminal({ 'changed.yaml': MANIFESTS.replace('replicas: 2', 'replicas: 3') });
    expect(t.run('kubectl apply -f manifests.yaml').out).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(t.run('kubectl apply -f manifests.yaml').out).toBe('service/nginx unchanged\nstatefulset.apps/web unchanged\n');
    expect(t.run('kubectl apply -f changed.yaml').out).toBe('service/nginx unchanged\nstatefulset.apps/web configured\n');
  });

  it('prints the API server message for an invalid object and a forbidden update', () => {
    const t = terminal({
      'bad.yaml': MANIFESTS.replace('replicas: 2', 'replicas: -1'),
      'svc.yaml': MANIFESTS.replace('serviceName: nginx', 'serviceName: other'),
    });
    const bad = t.run('kubectl apply -f bad.yaml');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    t.run('kubectl apply -f manifests.yaml');
    expect(t.run('kubectl apply -f svc.yaml').out).toContain("The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', ");
  });

  it('names an unknown kind as kubectl does', () => {
    const t = terminal({ 'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n' });
    expect(t.run('kubectl apply -f d.yaml').out).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "d.yaml": no matches for kind "Deployment" in version "apps/v1"\nensure CRDs are installed first\n',
    );
  });
});

describe('kubectl get', () => {
  it('prints an aligned table and kubectl errors', () => {
    const t = ready();
    const out = t.run('kubectl get pods').out;
    const ages = (x: string) => x.replace(/\b\d+s\b/g, 'Ns');
    expect(ages(out)).toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          Ns\nweb-1   1/1     Running   0          Ns\n');
    expect(ages(t.run('kubectl get sts').out)).toBe('NAME   READY   AGE\nweb    2/2     Ns\n');
    expect(t.run('kubectl get foo').out).toBe('error: the server doesn\'t have a resource type "foo"\n');
    expect(t.run('kubectl get pod web-9').out).toBe('Error from server (NotFound): pods "web-9" not found\n');
    expect(t.run('kubectl get pvc').out).toBe('No resources found in default namespace.\n');
    expect(t.run('kubectl get pods -o name').out).toBe('pod/web-0\npod/web-1\n');
    expect(t.run("kubectl get pods -l app=nginx -o jsonpath='{.items[*].metadata.name}'").out).toBe('web-0 web-1');
    expect(t.run('kubectl get pods --foo').out).toBe("Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
  });

  it('shows kinds with names for several types and label columns', () => {
    const t = ready();
    const out = t.run('kubectl get sts,pods').out;
    expect(out).toContain('statefulset.apps/web');
    expect(out).toContain('\n\nNAME        READY   STATUS    RESTARTS   AGE\npod/web-0');
    expect(t.run('kubectl get pods -L controller-revision-hash').out.split('\n')[0]).toBe('NAME    READY   STATUS    RESTARTS   AGE   CONTROLLER-REVISION-HASH');
  });
});

describe('kubectl scale, patch, set image, delete', () => {
  it('prints each verb\'s own words', () => {
    const t = ready();
    expect(t.run('kubectl scale sts web --replicas=3').out).toBe('statefulset.apps/web scaled\n');
    expect(t.run('kubectl scale sts web --replicas=-1').out).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(t.run(`kubectl patch sts web -p '{"spec":{"replicas":3}}'`).out).toBe('statefulset.apps/web patched (no change)\n');
    expect(t.run(`kubectl patch sts web --type merge -p '{"spec":{"replicas":2}}'`).out).toBe('statefulset.apps/web patched\n');
    expect(t.run('kubectl set image sts/web nginx=nginx:1.26').out).toBe('statefulset.apps/web image updated\n');
    expect(t.run('kubectl set image sts/web foo=nginx:1.26').out).toBe('error: unable to find container named "foo"\n');
    expect(t.run('kubectl delete pod web-0').out).toBe('pod "web-0" deleted\n');
    expect(t.run('kubectl delete sts').out).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('suggests commands for a typo', () => {
    const t = terminal();
    expect(t.run('kubectl gett pods').out).toBe('Error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\n');
    // Only verbs the playground has are suggested: "lgos" is near "logs", which it lacks (kubectl 1.32 would list it).
    const unsupported = ['logs', 'run', 'cp', 'top', 'edit', 'label'].filter((v) => !SUPPORTED_VERBS.includes(v));
    for (const v of unsupported) expect(t.run(`kubectl ${v}x`).out).not.toContain(`\t${v}\n`);
  });
});

describe('kubectl rollout', () => {
  it('status reports progress until the set is ready', () => {
    const t = terminal();
    t.run('kubectl apply -f manifests.yaml');
    const lines = t.run('kubectl rollout status statefulset/web').out.trim().split('\n');
    expect(lines[0]).toBe('Waiting for 2 pods to be ready...');
    expect(lines).toContain('Waiting for 1 pods to be ready...');
    expect(lines[lines.length - 1]).toBe('partitioned roll out complete: 2 new pods have been updated...');
  });

  it('history, undo and the no-revision error', () => {
    const t = ready();
    expect(t.run('kubectl rollout undo sts/web').out).toBe('error: no last revision to roll back to\n');
    t.run('kubectl set image sts/web nginx=nginx:1.26');
    t.run('kubectl rollout status sts/web');
    expect(t.run('kubectl rollout history sts/web').out).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(t.run('kubectl rollout undo sts/web').out).toBe('statefulset.apps/web rolled back\n');
    t.run('kubectl rollout status sts/web');
    expect(t.run('kubectl rollout history sts/web').out).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(t.run('kubectl rollout undo sts/web --to-revision=3').out).toBe('statefulset.apps/web skipped rollback (current template already matches revision 3)\n');
  });
});

describe('kubectl wait and exec', () => {
  it('waits for a condition and runs commands in the container', () => {
    const t = terminal();
    t.run('kubectl apply -f manifests.yaml');
    expect(t.run('kubectl wait --for=condition=Ready pod/web-0 --timeout=60s').out).toBe('pod/web-0 condition met\n');
    expect(t.run('kubectl exec web-0 -- hostname').out).toBe('web-0\n');
    expect(t.run('kubectl exec web-0 hostname').out).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(t.run('kubectl wait --for=condition=Ready pod/web-9').out).toBe('Error from server (NotFound): pods "web-9" not found\n');
  });
});

describe('determinism', () => {
  it('the same commands and seed give the same bytes', () => {
    const a = ready();
    const b = ready();
    expect(a.run('kubectl get pods -o yaml').out).toBe(b.run('kubectl get pods -o yaml').out);
  });
});

describe('manifest syntax errors', () => {
  it.each([
    ['apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n spec: 3\n', 'yaml: line 4: did not find expected key'],
    ['apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n\tspec: 3\n', 'yaml: line 5: found a tab character that violates indentation'],
    ['a: b: c\n', 'yaml: mapping values are not allowed in this context'],
    ['apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n     spec: 3\n', 'yaml: line 5: mapping values are not allowed in this context'],
  ])('reports go-yaml\'s text for %j (as kubectl 1.32 prints it)', (text, want) => {
    const t = terminal({ 'bad.yaml': text });
    expect(t.run('kubectl apply -f bad.yaml').out).toBe(`error: error parsing bad.yaml: error converting YAML to JSON: ${want}\n`);
  });
});
