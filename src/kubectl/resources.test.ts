/**
 * Resource arguments as kubectl 1.32 reads them (cli-runtime Builder +
 * kubectl's shortcut expander). Every expected text was recorded from the
 * real binary against a stub API server serving the playground's kinds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MANIFESTS, openTerminal } from '../scenario/testing';
import { parseResourceArgs, resolveKind } from './resources';

/** A terminal with the set applied a minute ago; runs a line and returns what the terminal shows. */
function terminal() {
  return openTerminal({ 'manifests.yaml': MANIFESTS }, ['kubectl apply -f manifests.yaml', 'sleep 60s']).run;
}

describe('resource words', () => {
  it.each([
    ['sts', 'StatefulSet'],
    ['sts.', 'StatefulSet'],
    ['sts.apps', 'StatefulSet'],
    ['sts.ap', 'StatefulSet'],
    ['sts..apps', 'StatefulSet'],
    ['sts.v1.apps', 'StatefulSet'],
    ['statefulsets.v1.apps', 'StatefulSet'],
    ['StatefulSet', 'StatefulSet'],
    ['StatefulSet.apps', 'StatefulSet'],
    ['StatefulSet.v1.apps', 'StatefulSet'],
    ['Statefulsets', 'StatefulSet'],
    ['Pods', 'Pod'],
    ['POD', 'Pod'],
    ['pod.', 'Pod'],
    ['pods.v1.', 'Pod'],
    ['po.v1.', 'Pod'],
    ['PersistentVolumeClaim.v1.', 'PersistentVolumeClaim'],
    ['sc.storage', 'StorageClass'],
    ['no.', 'Node'],
    ['ev.', 'Event'],
    ['controllerrevision', 'ControllerRevision'],
  ])('%s is a %s', (word, kind) => {
    expect(resolveKind(word).kind).toBe(kind);
  });

  it.each([
    ['STS', 'STS'],
    ['pods.v1', 'pods'],
    ['sts.apps.v1', 'sts'],
    ['statefulsets.apps.v1', 'statefulsets'],
    ['events.events.k8s.io', 'events'],
    ['.sts', ''],
    ['', ''],
    ['deployments', 'deployments'],
    ['sts apps', 'sts apps'],
  ])('%j is not a resource type: names %j', (word, named) => {
    expect(() => resolveKind(word)).toThrow(`the server doesn't have a resource type "${named}"`);
  });

  it('never answers with JavaScript text, whatever the arguments', () => {
    const word = fc.stringMatching(/^[a-zA-Z.,/ _-]{0,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), (args, selector, listAll) => {
        try {
          parseResourceArgs(args, { selector, listAll });
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).message).not.toMatch(/Cannot read|undefined|is not|NaN/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('resource arguments', () => {
  const run = terminal();
  it.each([
    ['kubectl get ,', 'error: the server doesn\'t have a resource type ""\n'],
    ['kubectl get sts,', 'error: the server doesn\'t have a resource type ""\n'],
    ['kubectl get pods,,sts', 'error: the server doesn\'t have a resource type ""\n'],
    ["kubectl get ''", 'error: the server doesn\'t have a resource type ""\n'],
    ['kubectl describe , web', 'error: the server doesn\'t have a resource type ""\n'],
    ['kubectl get /web', 'error: arguments in resource/name form must have a single resource and name\n'],
    ['kubectl get sts/', 'error: arguments in resource/name form must have a single resource and name\n'],
    ['kubectl get sts/web/x', 'error: arguments in resource/name form may not have more than one slash\n'],
    ['kubectl get sts,sts/web', 'error: the server doesn\'t have a resource type "sts,sts"\n'],
    ["kubectl get sts ''", 'error: resource name may not be empty\n'],
    ['kubectl get all/web', 'error: the server doesn\'t have a resource type "all"\n'],
    ['kubectl get all web', 'error: you must specify only one resource\n'],
    ['kubectl get sts web -l app=x', 'error: name cannot be provided when a selector is specified\n'],
    ['kubectl get sts/web -l app=x', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n'],
    ['kubectl get sts web -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['kubectl get sts web,x', 'Error from server (NotFound): statefulsets.apps "web,x" not found\n'],
    ['kubectl delete ,', 'error: the server doesn\'t have a resource type ""\n'],
    ['kubectl delete sts', 'error: resource(s) were provided, but no name was specified\n'],
    ['kubectl delete sts web --all', 'error: name cannot be provided when a selector is specified\n'],
    ['kubectl wait --for=delete ,', 'error: the server doesn\'t have a resource type ""\n'],
    ['kubectl rollout status', 'error: required resource not specified\n'],
    ['kubectl rollout status ,', 'error: the server doesn\'t have a resource type ""\n'],
    ['kubectl rollout history sts \'\'', 'error: resource name may not be empty\n'],
    ['kubectl rollout status pods web-0', 'error: no status viewer has been implemented for Pod\n'],
    ["kubectl exec '' -- ls", 'error: pod, type/name or --filename must be specified\n'],
    ['kubectl exec , -- ls', 'Error from server (NotFound): pods "," not found\n'],
    ['kubectl exec sts/ -- ls', 'error: arguments in resource/name form must have a single resource and name\n'],
  ])('%s', (line, want) => {
    expect(run(line)).toEqual({ out: want, code: 1 });
  });

  it('get prints what it found, then every error in order', () => {
    expect(run("kubectl get pods nope web-0 ''").out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          60s\nError from server (NotFound): pods "nope" not found\nresource name may not be empty\n',
    );
    // `TYPE,TYPE NAME` asks for each type by that name; the KIND prefix shows only when objects of several kinds came back.
    expect(run('kubectl get pods,sts web').out).toBe('NAME   READY   AGE\nweb    2/2     60s\nError from server (NotFound): pods "web" not found\n');
  });

  it('describe TYPE PREFIX describes the objects named with that prefix, TYPE/PREFIX does not', () => {
    const byPrefix = run('kubectl describe pods we');
    expect(byPrefix.code).toBe(0);
    expect(byPrefix.out.match(/^Name: +web-\d$/gm)).toEqual(['Name:             web-0', 'Name:             web-1']);
    expect(run('kubectl describe pods/we')).toEqual({ out: 'Error from server (NotFound): pods "we" not found\n', code: 1 });
    expect(run('kubectl describe pods,sts we')).toEqual({ out: 'Error from server (NotFound): pods "we" not found\nError from server (NotFound): statefulsets.apps "we" not found\n', code: 1 });
  });

  it('rollout subcommands take a type alone (every object of it) and carry on past errors', () => {
    expect(run('kubectl rollout status sts')).toEqual({ out: 'partitioned roll out complete: 2 new pods have been updated...\n', code: 0 });
    const h = run('kubectl rollout history sts web x');
    expect(h.code).toBe(1);
    expect(h.out).toMatch(/^statefulset\.apps\/web \nREVISION {2}CHANGE-CAUSE\n1 {9}<none>\n\nError from server \(NotFound\): statefulsets\.apps "x" not found\n$/);
    expect(run('kubectl rollout restart pods')).toEqual({ out: 'error: pods "web-0" restarting is not supported\nerror: pods "web-1" restarting is not supported\n', code: 1 });
  });

  it('exec into a StatefulSet or a Service picks its most active pod', () => {
    expect(run('kubectl exec sts/web -- hostname')).toEqual({ out: 'web-0\n', code: 0 });
    expect(run('kubectl exec svc/kubernetes -- hostname')).toEqual({ out: "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n", code: 1 });
    expect(run('kubectl exec ep/nginx -- ls').out).toBe('error: cannot attach to *v1.Endpoints: selector for *v1.Endpoints not implemented\n');
  });
});
