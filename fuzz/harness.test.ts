/**
 * The fuzz harness itself: the watchdog stops an input that hangs and goes
 * on with the next, a dead worker is replaced, prototype pollution is seen,
 * JavaScript error text is told from a user's own words, and the same seed
 * gives the same inputs.
 */
import { describe, expect, it } from 'vitest';
import { generateInput, type FuzzInput } from './campaigns';
import { jsTextIn, prototypePollution } from './checks';
import { runCases } from './harness';
import { randomCommand, emptyKnowledge, Rng } from './grammar';

const self = (text: string): FuzzInput => ({ campaign: 'scenario', kind: 'selftest', text });

describe('the watchdog', () => {
  it('records a hang, a dead worker and pollution, and still runs the inputs after them', async () => {
    const results = await runCases(
      [
        { id: 'a', input: self('fine') },
        { id: 'b', input: self('hang') },
        { id: 'c', input: self('pollute') },
        { id: 'd', input: self('die') },
        { id: 'e', input: self('fine') },
      ],
      { inputBudgetMs: 1500 },
    );
    const by = Object.fromEntries(results.map((r) => [r.id, r.failures.map((f) => f.kind)]));
    expect(by).toEqual({ a: [], b: ['hang'], c: ['pollution'], d: ['crash'], e: [] });
  });
});

describe('checks', () => {
  it('finds JavaScript error text, unless the input itself said it', () => {
    expect(jsTextIn('error: Cannot read properties of undefined (reading \'x\')\n', 'kubectl get x')).toContain('Cannot read properties');
    expect(jsTextIn('Error from server (NotFound): pods "undefined" not found\n', 'kubectl get pod undefined')).toBeUndefined();
    expect(jsTextIn('replicas: NaN\n', 'kubectl get sts')).toBe('replicas: NaN');
    expect(jsTextIn('Error from server (InternalError): boom\n', 'x')).toBeUndefined();
    // Go's fmt prints a float beside a key sigs.k8s.io/yaml cannot convert (checked with kubectl 1.32).
    expect(jsTextIn('error: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: NaN\n', '~: .nan')).toBeUndefined();
    expect(jsTextIn('web-0   1/1   Running   0   10s\n', 'x')).toBeUndefined();
  });

  it('sees and removes properties added to Object.prototype', () => {
    (Object.prototype as Record<string, unknown>)['polluted'] = 1;
    expect(prototypePollution()).toEqual(['Object.prototype.polluted']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('inputs', () => {
  it('are a function of campaign, seed and index', () => {
    for (const c of ['scenario', 'links'] as const) {
      expect(generateInput(c, 7, 3)).toEqual(generateInput(c, 7, 3));
      expect(generateInput(c, 7, 3).text).not.toBe(generateInput(c, 8, 3).text);
    }
  });

  it('the command grammar gives the same lines for the same seed, and realistic lines without oddity', () => {
    const k = { ...emptyKnowledge(), statefulsets: ['web'], pods: ['web-0'], containers: ['nginx'] };
    const lines = (seed: number, oddity: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 200 }, () => randomCommand(rng, k, { oddity }));
    };
    expect(lines(1, 0.25)).toEqual(lines(1, 0.25));
    const plain = lines(2, 0);
    expect(plain.every((l) => /^(kubectl |sleep |timeout \S+ kubectl )/.test(l))).toBe(true);
    expect(plain.some((l) => l.includes('__proto__'))).toBe(false);
  });
});
