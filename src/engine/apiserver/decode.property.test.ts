/**
 * Property, end to end: create and patch requests carrying any value at any
 * place of any kind are answered with an API error, or store objects every
 * field of which has its Go type; nothing else is ever thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { nonConformance } from '../api/schema/conforms';
import type { KObject } from '../api/types';
import { baseOf, caseArb, kinds, place } from '../testing/api-arbitrary';
import { testCluster } from '../testing/kit';

/** One valid object named x of every kind, for the patches to work on. */
const TARGETS: KObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'x' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80 }], selector: { app: 'x' } } },
  { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'x' } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'x' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'x' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, hostPath: { path: '/x' } } },
  { apiVersion: 'v1', kind: 'Event', metadata: { name: 'x' }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' }, reason: 'R', message: 'm', type: 'Normal', source: { component: 'c' } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'x' },
    spec: { replicas: 0, serviceName: 'x', selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  },
  { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'x' }, revision: 1, data: {} },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' }, provisioner: 'example.com/x' },
] as KObject[];

describe('the API server never stores a malformed value', () => {
  it('create, merge patch and strategic merge patch', () => {
    const cluster = testCluster();
    const api = cluster.api;
    const stored = { create: 0, patch: 0 };
    let seq = 0;
    for (const o of TARGETS) api.create(o);
    fc.assert(
      fc.property(caseArb, fc.constantFrom('create', 'merge', 'strategic', 'json'), ({ kind, path, value: v, directive }, how) => {
        const body = place(baseOf(kind), path, v);
        try {
          if (how === 'create') {
            // A fresh name each time (unless the case is about the name), so creates do not collide.
            const meta = body['metadata'];
            const aboutName = path.length >= 2 && 'key' in path[1]! && path[1].key === 'name';
            if (meta !== null && typeof meta === 'object' && !Array.isArray(meta) && !aboutName) (meta as Record<string, unknown>)['name'] = `c${++seq}`;
            api.create(body as unknown as KObject, { fieldValidation: directive });
            stored.create++;
          } else if (api.get(kind, 'default', 'x')) {
            const patch = how === 'json' ? [{ op: 'add', path: `/${path.map((s) => ('key' in s ? s.key : String(s.index))).join('/')}`, value: v }] : body;
            api.patch(kind, 'default', 'x', how as 'merge' | 'strategic' | 'json', patch, { fieldValidation: directive });
            stored.patch++;
          }
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          // '' is a status without a reason (a strategic merge patch failure answers 500 that way).
          expect(['BadRequest', 'Invalid', 'NotFound', 'AlreadyExists', 'Conflict', 'Forbidden', 'InternalError', '']).toContain(e.reason);
        }
        for (const k of kinds) for (const o of api.list(k)) expect(nonConformance(o), `${k}/${o.metadata.name}`).toBeUndefined();
      }),
      { seed: 20250103, numRuns: 1500 },
    );
    // The generated requests must reach the store often enough for the property to mean something.
    expect(stored.create).toBeGreaterThan(10);
    expect(stored.patch).toBeGreaterThan(50);
    // The controllers take whatever was stored without an exception escaping.
    expect(() => cluster.advance(60_000)).not.toThrow();
  });
});
