/**
 * Any `cluster:` block either is refused by the parser with a position, or gives a cluster
 * that starts and runs a StatefulSet. Nothing in between (no crash of the runner).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario, ScenarioError } from './parse';
import { runScenario } from './runner';

const MANIFESTS = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

const nameChars = fc.constantFrom('a', 'b', 'z', '0', '9', '-', '.', 'A', '_', ' ', 'é', '/');
const name = fc.oneof(
  fc.string({ unit: nameChars, maxLength: 12 }),
  fc.constantFrom('node-1', 'standard', 'none', 'fast.ssd', 'a'.repeat(63), 'a'.repeat(64), `a.${'b'.repeat(70)}`, 'x'.repeat(254), '', '-a', 'a-'),
);
const number = fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.double(), fc.constantFrom(0, 1, 3600, 3601, -1, 2 ** 32, 1e308, Number.NaN, Infinity, -Infinity, 0.5));
const anyValue = fc.oneof(number, name, fc.boolean(), fc.constant(null), fc.array(name, { maxLength: 3 }));

const validName = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,20}[a-z0-9])?$/).filter((n) => !n.includes('..') && !/[.-]{2}|\.-|-\./.test(n));
const validTime = fc.oneof(fc.integer({ min: 0, max: 3600 }), fc.double({ min: 0, max: 3600, noNaN: true }));
/** Mostly valid values (so that many blocks are accepted), sometimes anything at all. */
const mostly = <T,>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: wild, weight: 1 });

const cluster = fc.record(
  {
    seed: mostly(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.oneof(number, anyValue)),
    nodes: mostly(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.uniqueArray(validName, { minLength: 1, maxLength: 6 })), fc.oneof(number, fc.array(name, { maxLength: 6 }), fc.array(fc.constantFrom('n1', 'n2'), { minLength: 2, maxLength: 3 }), anyValue)),
    defaultStorageClass: mostly(fc.oneof(validName, fc.constant('none')), fc.oneof(name, anyValue)),
    timings: mostly(fc.record({ provision: validTime, imagePull: validTime, containerStart: validTime, termination: validTime }, { requiredKeys: [] }), fc.oneof(fc.record({ provision: number, imagePull: number, containerStart: number, termination: number }, { requiredKeys: [] }), anyValue)),
    images: mostly(
      fc.dictionary(fc.string({ unit: fc.constantFrom('*', '?', 'a', ':', 'x', 'n', 'g'), minLength: 1, maxLength: 12 }), fc.constantFrom('Ready', 'ErrImagePull', 'CrashLoopBackOff', 'NeverReady'), { maxKeys: 4 }),
      fc.oneof(
        fc.dictionary(fc.oneof(fc.string({ unit: fc.constantFrom('*', '?', 'a', ':', 'x'), maxLength: 8 }), fc.constantFrom('', '*'.repeat(600) + 'x')), fc.constantFrom('Ready', 'ErrImagePull', 'CrashLoopBackOff', 'NeverReady', 'Broken'), { maxKeys: 4 }),
        anyValue,
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('cluster settings', () => {
  it('are refused at their position or give a cluster that runs', () => {
    let accepted = 0;
    fc.assert(
      fc.property(cluster, (c) => {
        const text = stringify({ version: 1, cluster: c, manifests: MANIFESTS, steps: ['sleep 30s', 'kubectl get pods,pvc'] });
        let scenario;
        try {
          scenario = parseScenario(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
          const err = e as ScenarioError;
          expect(err.line).toBeGreaterThanOrEqual(1);
          expect(err.column).toBeGreaterThanOrEqual(1);
          return;
        }
        accepted++;
        const { transcript } = runScenario(scenario);
        expect(transcript).toContain('statefulset.apps/web created');
        expect(transcript).toContain('$ kubectl get pods,pvc\n');
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it.each([
    ['defaultStorageClass: Fast_SSD', '3:24: invalid cluster.defaultStorageClass "Fast_SSD": a lowercase RFC 1123 subdomain must consist of'],
    ['nodes: [n1, n2, n1]', '3:19: duplicate node name "n1"'],
    [`nodes: [${'a'.repeat(64)}]`, `3:11: invalid node name "${'a'.repeat(64)}": must be no more than 63 characters`],
    ['nodes: [Node1]', '3:11: invalid node name "Node1": a lowercase RFC 1123 subdomain'],
    ['nodes: [1]', '3:11: node names must be strings'],
    ['nodes: 2.5', '3:10: cluster.nodes must be a whole number'],
    ['seed: 1.5', '3:9: cluster.seed must be a whole number'],
    ['timings: {provision: .nan}', '3:24: cluster.timings.provision must be a number from 0 to 3600'],
    ['timings: {termination: -1}', '3:26: cluster.timings.termination must be a number from 0 to 3600'],
    ['images: {"": Ready}', '3:12: an image pattern has 1 to 512 characters'],
    [`images: {"${'*'.repeat(513)}": Ready}`, '3:12: an image pattern has 1 to 512 characters'],
  ])('refuses %s', (line, want) => {
    try {
      parseScenario(`version: 1\ncluster:\n  ${line}\n`);
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const err = e as ScenarioError;
      expect(`${err.line}:${err.column}: ${err.message}`.startsWith(want), `${err.line}:${err.column}: ${err.message}`).toBe(true);
      return;
    }
    expect.unreachable('accepted');
  });
});
