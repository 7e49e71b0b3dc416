import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './parse';

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
    ['version: 1\nsteps:\n  - ls -l\n', '3:5: unknown command "ls": a step runs kubectl, sleep, timeout or is a # comment'],
    ['version: 1\nsteps:\n  - sleep forever\n', '3:5: sleep needs one duration such as 30s, 2m or 1m30s'],
    ['version: 1\ncluster:\n  images:\n    "x:y": Broken\n', '4:12: image outcome must be one of ErrImagePull, CrashLoopBackOff, NeverReady, Ready'],
    ['version: 1\nmanifests: [\n', '3:1: Flow sequence'],
  ])('reports %j at its line and column', (text, want) => {
    expect(errorAt(text).startsWith(want)).toBe(true);
  });
});
