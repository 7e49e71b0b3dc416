import { describe, expect, it } from 'vitest';
import type { KEvent, KObject } from '../api/types';
import { createCluster, type Cluster } from '../sim/cluster';
import { EventRecorder, RECORDER_CACHE_ENTRIES } from '../runtime/recorder';
import type { WatchEvent } from './apiserver';
import { DEFAULT_EVENT_TTL_MS } from './event-ttl';

const H = 3_600_000;
const LEASE_EXTRA = 60_000;

function event(name: string, about = 'web-0'): KEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: about, uid: 'u', apiVersion: 'v1', resourceVersion: '' },
    reason: 'Test',
    message: name,
    type: 'Normal',
    count: 1,
    firstTimestamp: '2025-01-01T09:00:00Z',
    lastTimestamp: '2025-01-01T09:00:00Z',
    source: { component: 'test' },
  } as KEvent;
}

const names = (c: Cluster) => c.api.list('Event').map((e) => e.metadata.name);

/** Steps the clock and returns the time each Event was deleted. */
function deletions(c: Cluster): Map<string, { t: number; actor: string }> {
  const out = new Map<string, { t: number; actor: string }>();
  c.api.watch((ev: WatchEvent) => {
    if (ev.type === 'DELETED' && ev.object.kind === 'Event') out.set(ev.object.metadata.name as string, { t: ev.t, actor: ev.actor });
  });
  return out;
}

describe('Event TTL (--event-ttl=1h, etcd leases)', () => {
  it('deletes an Event when the lease of its write expires: writes in one minute of the grid share a lease that ends one TTL after that minute', () => {
    const c = createCluster();
    const gone = deletions(c);
    c.advance(10_000);
    c.api.create(event('a')); // lease of [0s, 60s): expires at 60s + TTL
    c.advance(30_000);
    c.api.create(event('b')); // the same minute: the same lease
    c.advance(30_000);
    c.api.create(event('c')); // the next minute: a lease expiring at 120s + TTL
    c.advance(LEASE_EXTRA + H - 70_000 - 1);
    expect(names(c)).toEqual(['a', 'b', 'c']);
    c.advance(1);
    expect(names(c)).toEqual(['c']);
    expect(gone.get('a')).toEqual({ t: LEASE_EXTRA + H, actor: 'event-ttl' });
    expect(gone.get('b')?.t).toBe(LEASE_EXTRA + H);
    c.advance(60_000);
    expect(names(c)).toEqual([]);
    expect(gone.get('c')?.t).toBe(2 * LEASE_EXTRA + H);
  });

  it('renews the lease on every update, so a repeating Event stays while one that stops goes', () => {
    const c = createCluster();
    const rec = new EventRecorder(c.api);
    const pod = c.api.list('Node')[0] as KObject;
    for (let i = 0; i < 10; i++) {
      rec.record(pod, 'Warning', 'BackOff', 'repeating', { component: 'kubelet', host: 'node-1' });
      if (i === 0) rec.record(pod, 'Normal', 'Once', 'only once', { component: 'kubelet', host: 'node-1' });
      c.advance(30 * 60_000);
    }
    const left = c.api.list<KEvent>('Event').filter((e) => e.involvedObject.name === pod.metadata.name && e.source?.component === 'kubelet');
    expect(left.map((e) => [e.reason, e.count])).toEqual([['BackOff', 10]]);
  });

  it('creates a repeat of an expired Event again under its name, with the count and first timestamp carried on (client-go recordEvent)', () => {
    const c = createCluster();
    const rec = new EventRecorder(c.api);
    const node = c.api.list('Node')[0] as KObject;
    rec.record(node, 'Normal', 'Tick', 'tick', { component: 'test' });
    rec.record(node, 'Normal', 'Tick', 'tick', { component: 'test' });
    const first = c.api.list<KEvent>('Event').find((e) => e.reason === 'Tick') as KEvent;
    c.advance(2 * H);
    expect(c.api.get('Event', 'default', first.metadata.name as string)).toBeUndefined();
    rec.record(node, 'Normal', 'Tick', 'tick', { component: 'test' });
    const again = c.api.get<KEvent>('Event', 'default', first.metadata.name as string) as KEvent;
    expect(again.count).toBe(3);
    expect(again.firstTimestamp).toBe(first.firstTimestamp);
    expect(again.metadata.uid).not.toBe(first.metadata.uid);
  });

  it('keeps the recorder cache at client-go size however many distinct events it records', () => {
    const c = createCluster();
    const rec = new EventRecorder(c.api);
    const node = c.api.list('Node')[0] as KObject;
    for (let i = 0; i < RECORDER_CACHE_ENTRIES + 500; i++) {
      rec.record(node, 'Normal', 'N', `message ${i}`, { component: 'test' });
      if (i % 100 === 0) c.advance(60_000);
    }
    expect(rec.stats()['cache']).toBe(RECORDER_CACHE_ENTRIES);
    c.advance(2 * H);
    expect(c.api.count('Event')).toBe(0);
  });

  it('does not keep the cluster busy: pending expiry is background work', () => {
    const c = createCluster();
    c.api.create(event('a'));
    c.clock.runDue();
    expect(c.settled()).toBe(true);
    expect(c.clock.nextAt()).toBeUndefined();
    expect(c.clock.backgroundCount()).toBeGreaterThan(0);
  });

  it('forgets an Event deleted by someone, and expires one created again under the same name from its new write', () => {
    const c = createCluster();
    const gone = deletions(c);
    c.api.create(event('a'));
    c.advance(10 * 60_000);
    c.api.delete('Event', 'default', 'a');
    c.api.create(event('a'));
    const created = c.clock.now();
    c.advance(H);
    expect(names(c)).toEqual(['a']);
    c.advance(LEASE_EXTRA);
    expect(names(c)).toEqual([]);
    expect(gone.get('a')?.t).toBe(created + H + LEASE_EXTRA);
    expect(c.api.stats()['eventLeases.keys']).toBe(0);
  });

  it('ignores finalizers, as etcd does when a lease expires', () => {
    const c = createCluster();
    const e = event('held');
    e.metadata.finalizers = ['example.com/hold'];
    c.api.create(e);
    c.advance(DEFAULT_EVENT_TTL_MS + LEASE_EXTRA);
    expect(names(c)).toEqual([]);
  });

  it('leaves short scenarios alone: a cluster run for less than an hour loses no Event', () => {
    const c = createCluster();
    for (let i = 0; i < 50; i++) {
      c.api.create(event(`e${i}`));
      c.advance(60_000);
    }
    expect(c.api.count('Event')).toBe(50);
  });
});
