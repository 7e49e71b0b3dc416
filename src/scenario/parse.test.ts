import { describe, expect, it } from 'vitest';
import { LIMITS, parseScenario, ScenarioError } from './parse';

function errorAt(text: string): string {
  try {
    parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) return `${e.line}:${e.column}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('parseScenario', () => {
  it('fills cluster defaults', () => {
    const s = parseScenario('version: 1\nmanifests: ""\nsteps:\n  - kubectl get pods\n  - say: hi\n');
    expect(s.cluster.nodes).toEqual(['node-1', 'node-2', 'node-3']);
    expect(s.cluster.defaultStorageClass).toBe('standard');
    expect(s.cluster.timings).toEqual({ provision: 2, imagePull: 4, containerStart: 1, termination: 2 });
    expect(s.cluster.images[0]).toEqual(['*:bad', 'ErrImagePull']);
    expect(s.steps.map((x) => x.run ?? x.say)).toEqual(['kubectl get pods', 'hi']);
  });

  it('keeps default image rules unless a key overrides them, scenario rules first', () => {
    const s = parseScenario('version: 1\ncluster:\n  images:\n    "*:bad": Ready\n    "redis:*": CrashLoopBackOff\n');
    expect(s.cluster.images).toEqual([
      ['*:bad', 'Ready'],
      ['redis:*', 'CrashLoopBackOff'],
      ['*:crash', 'CrashLoopBackOff'],
      ['*:unready', 'NeverReady'],
    ]);
  });

  it.each([
    ['version: 1\nstepz: []\n', '2:1: unknown field "stepz"'],
    ['version: 2\n', '1:10: version must be 1'],
    ['version: 1\ncluster:\n  nodez: 3\n', '3:3: unknown field "cluster.nodez"'],
    ['version: 1\ncluster:\n  nodes: 0\n', '3:10: cluster.nodes must be a number from 1 to 100'],
    ['version: 1\nsteps:\n  - ls -l\n', '3:5: unknown command "ls": a step runs kubectl, sleep, timeout, echo or a text tool (cat, grep, head, sort, tail, uniq, wc) in a shell line, or is a # comment'],
    ['version: 1\nsteps:\n  - sleep forever\n', '3:5: sleep needs one duration such as 30s, 2m or 1m30s'],
    ['version: 1\ncluster:\n  images:\n    "x:y": Broken\n', '4:12: image outcome must be one of ErrImagePull, CrashLoopBackOff, NeverReady, Ready'],
    ['version: 1\nmanifests: [\n', '3:1: Flow sequence'],
  ])('reports %j at its line and column', (text, want) => {
    expect(errorAt(text).startsWith(want)).toBe(true);
  });

  it('reports YAML nested too deeply at the place it passes the limit, before the parser recurses', () => {
    expect(errorAt(`version: 1\ncluster: ${'['.repeat(20000)}\n`)).toBe('2:109: YAML nested deeper than 100 levels');
    const block = Array.from({ length: 120 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n');
    expect(errorAt(`version: 1\ncluster:\n${block}\n`)).toBe('102:101: YAML nested deeper than 100 levels');
  });

  it('reports a repeated key at the repeat, as the yaml package words it', () => {
    expect(errorAt('version: 1\ntitle: a\ntitle: b\n')).toBe('3:1: Map keys must be unique');
    expect(errorAt('version: 1\ncluster:\n  timings: {provision: 1, provision: 2}\n')).toBe('3:27: Map keys must be unique');
    expect(errorAt('version: 1\nfiles:\n  a.yaml: x\n  "a.yaml": y\n')).toBe('4:3: Map keys must be unique');
    // Different values are different keys (1 and "1"); the first problem in the text wins.
    expect(errorAt('version: 1\nfiles:\n  1: x\n  "1": y\n')).toBe('no error');
    expect(errorAt('version: 1\nfiles: {a: 1, a: 2}\nsteps: [\n')).toBe('2:15: Map keys must be unique');
  });

  it('caps the manifests and each file at 512 KiB', () => {
    const big = 'x'.repeat(LIMITS.manifestBytes + 1);
    expect(errorAt(`version: 1\nmanifests: ${big}\n`)).toBe(`2:1: manifests are larger than ${LIMITS.manifestBytes} bytes`);
    expect(errorAt(`version: 1\nfiles:\n  a.yaml: ${big}\n`)).toBe(`3:11: files.a.yaml is larger than ${LIMITS.fileBytes} bytes`);
    expect(errorAt(`version: 1\nmanifests: ${'x'.repeat(LIMITS.manifestBytes)}\n`)).toBe('no error');
  });

  it('reads a lesson\'s speed and check steps, and refuses malformed ones at their place', () => {
    const ok = parseScenario('version: 1\nlesson: {speed: 8}\nsteps:\n  - say: Scale it yourself.\n  - check:\n      run: kubectl get sts web -o jsonpath={.spec.replicas}\n      expect: "2"\n      hint: web asks for 2 replicas\n');
    expect(ok.lesson).toEqual({ speed: 8 });
    expect(ok.steps[1]).toMatchObject({ check: { run: 'kubectl get sts web -o jsonpath={.spec.replicas}', expect: '2', hint: 'web asks for 2 replicas' }, line: 5, column: 5 });
    expect(errorAt('version: 1\nlesson: {speed: 3}\n')).toBe('2:17: lesson.speed must be one of 1, 2, 4, 8, 16, 32, 64');
    expect(errorAt('version: 1\nlesson: {pace: 3}\n')).toBe('2:10: unknown field "lesson.pace"');
    expect(errorAt('version: 1\nsteps:\n  - check: {run: kubectl get pods, hint: h}\n')).toBe('3:12: check needs exactly one of expect (the whole output) or contains (a part of it)');
    expect(errorAt('version: 1\nsteps:\n  - check: {run: rm -rf /, contains: x, hint: h}\n')).toBe('3:18: check.run is a kubectl command');
    expect(errorAt('version: 1\nsteps:\n  - check: {run: kubectl get pods, contains: x}\n')).toBe('3:12: check needs run (a kubectl command) and hint (what the learner must achieve)');
    expect(errorAt('version: 1\nsteps:\n  - {say: a, check: {}}\n')).toBe('3:5: a step is a command line, {say: text} or {check: {run, expect or contains, hint}}');
  });
});
