import { describe, expect, it } from 'vitest';
import type { KEvent, KObject, Pod, StatefulSet } from '../api/types';
import { createCluster } from '../sim/cluster';
import { statefulSet } from '../testing/kit';
import { SIMULATOR_FAULT } from './faults';

const faultEvents = (c: ReturnType<typeof createCluster>, name: string) =>
  c.api.list<KEvent>('Event').filter((e) => e.reason === SIMULATOR_FAULT && e.involvedObject.name === name);

/** Breaks a stored object in place, bypassing the API server's validation (as a bug or a bad restore might). */
function corrupt<T extends KObject>(c: ReturnType<typeof createCluster>, kind: string, name: string, change: (o: T) => void): void {
  const o = c.api.get<T>(kind, 'default', name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  change(o);
}

describe('faults of the simulator surface', () => {
  it('a StatefulSet the controller cannot sync gets a SimulatorFault Warning Event and a wait reason, and is retried with back-off', () => {
    const c = createCluster();
    c.api.create(statefulSet({ replicas: 1, withClaims: false }));
    c.advance(30_000);
    corrupt<StatefulSet>(c, 'StatefulSet', 'web', (s) => {
      (s as { spec: unknown }).spec = null;
    });
    c.statefulsets.queue.add('default/web');
    c.advance(1000);
    const events = faultEvents(c, 'web');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'Warning',
      reason: 'SimulatorFault',
      source: { component: 'statefulset-controller' },
      message: "The playground's statefulset-controller failed while handling this object. This is a fault of the simulator, not Kubernetes behaviour.",
    });
    expect(c.statefulsets.why.get('default/web')?.message).toBe("The playground's StatefulSet controller failed while syncing this set; it retries with back-off. This is a fault of the simulator, not Kubernetes behaviour.");
    expect(c.whyLog.since(0).at(-1)?.reason?.message).toMatch(/failed while syncing this set/);
    const faults = c.clock.faults.filter((f) => f.component === 'statefulset-controller');
    expect(faults.length).toBeGreaterThan(0);
    expect((faults[0]?.subject as KObject).metadata.name).toBe('web');
    // Retried with the work queue's back-off (5 ms doubling): the same Event counts up.
    c.advance(60_000);
    expect(faultEvents(c, 'web')[0]?.count).toBeGreaterThan(5);
  });

  it('a pod the kubelet cannot run gets a SimulatorFault Event from the kubelet', () => {
    const c = createCluster();
    c.api.create(statefulSet({ replicas: 1, withClaims: false }));
    c.clock.runDue();
    c.advance(1000);
    corrupt<Pod>(c, 'Pod', 'web-0', (p) => {
      ((p.status ?? {}) as { conditions: unknown }).conditions = 5;
    });
    c.advance(30_000);
    const events = faultEvents(c, 'web-0');
    expect(events.map((e) => [e.source?.component, e.type])).toEqual([['kubelet', 'Warning']]);
    expect(c.clock.faults.some((f) => f.component === 'kubelet')).toBe(true);
  });

  it('an error upstream returns too is not a fault: a claim still being deleted is waited out with back-off, quietly', () => {
    const c = createCluster();
    c.api.create(statefulSet({ replicas: 1 }));
    c.advance(60_000);
    const claim = c.api.get('PersistentVolumeClaim', 'default', 'www-web-0') as KObject;
    c.api.update({ ...claim, metadata: { ...claim.metadata, finalizers: [...(claim.metadata.finalizers ?? []), 'example.com/hold'] } });
    c.api.delete('PersistentVolumeClaim', 'default', 'www-web-0');
    c.api.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    c.advance(60_000);
    expect(c.api.get('Pod', 'default', 'web-0')).toBeUndefined();
    expect(c.statefulsets.queue.stats()['statefulset.failures']).toBe(1);
    expect(c.clock.faults).toEqual([]);
    expect(c.api.list<KEvent>('Event').filter((e) => e.reason === SIMULATOR_FAULT)).toEqual([]);
  });

  it('a watcher that throws stops neither the write nor the other watchers; the object gets a SimulatorFault Event', () => {
    const c = createCluster();
    const seen: string[] = [];
    c.api.watch((ev) => {
      if (ev.object.kind === 'ConfigMap' || ev.object.kind === 'Service') throw new TypeError('watcher bug');
    });
    c.api.watch((ev) => void seen.push(`${ev.type} ${ev.object.kind}/${ev.object.metadata.name}`));
    const svc = c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { ports: [{ port: 5432 }] } } as KObject);
    expect(svc.metadata.uid).toBeTruthy();
    expect(c.api.get('Service', 'default', 'db')).toBeDefined();
    expect(seen).toContain('ADDED Service/db');
    const fault = c.clock.faults.find((f) => f.component === 'watch-handler');
    expect(fault?.label).toBe('watch ADDED Service');
    c.clock.runDue();
    expect(faultEvents(c, 'db').map((e) => e.source?.component)).toEqual(['watch-handler']);
  });

  it('keeps only the latest faults however many there are', () => {
    const c = createCluster();
    c.api.watch((ev) => {
      if (ev.object.kind === 'Service') throw new Error('again');
    });
    for (let i = 0; i < 1100; i++) c.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}`, namespace: 'default' }, spec: { ports: [{ port: 80 }] } } as KObject);
    expect(c.clock.faults.length).toBe(1000);
    expect(c.clock.faultCount).toBe(1100);
    expect((c.clock.faults.at(-1)?.subject as KObject).metadata.name).toBe('s1099');
  });
});
