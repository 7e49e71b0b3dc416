/**
 * Builders and runners for engine tests and benchmarks.
 */
import { deepCopy } from '../../lib/clone';
import { ApiError } from '../api/errors';
import type { KObject, Service, StatefulSet } from '../api/types';
import { createCluster, type Cluster } from '../sim/cluster';
import type { ClusterConfig } from '../sim/config';

export interface SetOptions {
  name?: string;
  replicas?: number;
  policy?: 'OrderedReady' | 'Parallel';
  strategy?: 'RollingUpdate' | 'OnDelete';
  partition?: number;
  image?: string;
  minReadySeconds?: number;
  whenScaled?: 'Retain' | 'Delete';
  whenDeleted?: 'Retain' | 'Delete';
  storageClassName?: string;
  withClaims?: boolean;
  start?: number;
  readinessProbe?: boolean;
}

/** A StatefulSet the way a user writes one (defaults are the API server's job). */
export function statefulSet(o: SetOptions = {}): StatefulSet {
  const name = o.name ?? 'web';
  const set: StatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: o.image ?? 'nginx:1.25',
              ports: [{ containerPort: 80, name: 'web' }],
              ...(o.withClaims === false ? {} : { volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }),
              ...(o.readinessProbe ? { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } } : {}),
            },
          ],
        },
      },
    },
  };
  if (o.policy) set.spec.podManagementPolicy = o.policy;
  if (o.strategy === 'OnDelete') set.spec.updateStrategy = { type: 'OnDelete' };
  else if (o.partition !== undefined) set.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: o.partition } };
  if (o.minReadySeconds) set.spec.minReadySeconds = o.minReadySeconds;
  if (o.whenScaled || o.whenDeleted) set.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: o.whenScaled ?? 'Retain', whenDeleted: o.whenDeleted ?? 'Retain' };
  if (o.start !== undefined) set.spec.ordinals = { start: o.start };
  if (o.withClaims !== false) {
    set.spec.volumeClaimTemplates = [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(o.storageClassName ? { storageClassName: o.storageClassName } : {}) },
      },
    ];
  }
  return set;
}

export function headlessService(name = 'nginx', app = 'web'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { clusterIP: 'None', selector: { app }, ports: [{ port: 80, name: 'web' }] } };
}

/**
 * A cluster with frozen stored objects, so a controller that writes to a shared object fails loudly,
 * and with every write kept in `cluster.log` for tests that look back over a run.
 */
export function testCluster(over: Partial<ClusterConfig> = {}): Cluster {
  return createCluster(over, { freeze: true, keepLog: true });
}

export function create(cluster: Cluster, ...objs: KObject[]): void {
  cluster.api.as('kubectl', () => {
    for (const o of objs) cluster.api.create(o);
  });
}

export function getSet(cluster: Cluster, name = 'web'): StatefulSet {
  return cluster.api.mustGet<StatefulSet>('StatefulSet', 'default', name);
}

/** Changes a set as kubectl would (a private copy, then update). */
export function updateSet(cluster: Cluster, name: string, change: (s: StatefulSet) => void): void {
  const s = deepCopy(getSet(cluster, name));
  change(s);
  cluster.api.as('kubectl', () => cluster.api.update(s));
}

/**
 * Advances time instant by instant until nothing is scheduled (or `limitMs`
 * passes), calling `check` after every instant.
 */
export function runToSteadyState(cluster: Cluster, limitMs = 10 * 60_000, check?: () => void): boolean {
  const end = cluster.clock.now() + limitMs;
  for (;;) {
    check?.();
    const next = cluster.clock.nextAt();
    if (next === undefined) return true;
    if (next > end) {
      cluster.clock.advanceTo(end);
      return false;
    }
    cluster.clock.advanceTo(next);
  }
}

export function podNames(cluster: Cluster, app = 'web'): string[] {
  return cluster.api
    .list('Pod', 'default')
    .filter((p) => p.metadata.labels?.['app'] === app)
    .map((p) => p.metadata.name as string)
    .sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
}

/** The ApiError `fn` throws. Any other error is rethrown; returning normally fails the test. */
export function apiErrorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('did not throw an ApiError');
}
