import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { KObject } from '../api/types';
import { createCluster, type Cluster } from '../sim/cluster';
import { apiErrorOf } from '../testing/kit';
import type { WatchEvent } from './apiserver';
import { COMPACTION_INTERVAL_MS, EVENT_FRESH_MS, WATCH_CACHE_MAX, WATCH_CACHE_MIN, WatchCacheWindow } from './watch-history';

const cm = (name: string, data = '1'): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports: [{ port: Number(data) }] } }) as KObject;
const ev = (name: string): KObject =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'x', uid: 'u', apiVersion: 'v1' },
    reason: 'R',
    message: name,
    type: 'Normal',
    count: 1,
    source: { component: 'test' },
  }) as KObject;

const rvOf = (e: WatchEvent) => Number(e.object.metadata.resourceVersion);

/** Every write of a cluster from now on (the ground truth a resumed watch must match). */
function record(c: Cluster): WatchEvent[] {
  const all: WatchEvent[] = [];
  c.api.watch((e) => all.push(e));
  return all;
}

function resumed(c: Cluster, kind: string, rv: string): WatchEvent[] {
  const got: WatchEvent[] = [];
  const stop = c.api.watchFrom(kind, rv, (e) => got.push(e));
  stop();
  return got;
}

describe('watch from a resourceVersion (the watch cache window)', () => {
  it('gives a watcher that resumes inside the window exactly the writes it missed, then the new ones', () => {
    const c = createCluster();
    const all = record(c);
    c.api.create(cm('a'));
    const rv = c.api.get('Service', 'default', 'a')?.metadata.resourceVersion as string;
    c.api.create(cm('b'));
    c.api.create(ev('noise'));
    c.api.update({ ...(c.api.get('Service', 'default', 'a') as KObject), spec: { ports: [{ port: 2 }] } });
    c.api.delete('Service', 'default', 'b');
    const got: WatchEvent[] = [];
    c.api.watchFrom('Service', rv, (e) => got.push(e));
    const missed = all.filter((e) => e.object.kind === 'Service' && rvOf(e) > Number(rv));
    expect(got).toEqual(missed);
    expect(got.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED b', 'MODIFIED a', 'DELETED b']);
    c.api.create(cm('c'));
    c.api.create(ev('more noise'));
    expect(got.map((e) => `${e.type} ${e.object.metadata.name}`).at(-1)).toBe('ADDED c');
    expect(got).toHaveLength(4);
  });

  it('answers a resourceVersion the window no longer holds with Expired and the API server text', () => {
    const c = createCluster();
    c.api.create(cm('a'));
    const old = c.api.get('Service', 'default', 'a')?.metadata.resourceVersion as string;
    for (let i = 0; i < WATCH_CACHE_MIN + 5; i++) {
      c.advance(EVENT_FRESH_MS); // slow writes: the window stays at its lower bound
      c.api.update({ ...(c.api.get('Service', 'default', 'a') as KObject), spec: { ports: [{ port: (i % 100) + 1 }] } });
    }
    const e = apiErrorOf(() => resumed(c, 'Service', old));
    expect(e.reason).toBe('Expired');
    expect(e.code).toBe(410);
    const kept = c.api.stats()['history.Service'] as number;
    expect(kept).toBe(WATCH_CACHE_MIN);
    expect(e.message).toMatch(new RegExp(`^too old resource version: ${old} \\((\\d+)\\)$`));
    // The number in brackets is the newest version the window can no longer resume from.
    const bound = Number(/\((\d+)\)/.exec(e.message)?.[1]);
    expect(() => resumed(c, 'Service', String(bound))).not.toThrow();
    expect(resumed(c, 'Service', String(bound))).toHaveLength(WATCH_CACHE_MIN);
    expect(() => resumed(c, 'Service', String(bound - 1))).toThrow(/too old resource version/);
  });

  it('serves Events from etcd history compacted every 5 minutes, with etcd’s text', () => {
    const c = createCluster();
    c.api.create(ev('a'));
    const rv = c.api.get('Event', 'default', 'a')?.metadata.resourceVersion as string;
    c.api.create(ev('a2'));
    c.advance(COMPACTION_INTERVAL_MS + 1000);
    c.api.create(ev('b'));
    // One tick: compacted to the revision of the tick before (none), so rv still resumes.
    expect(resumed(c, 'Event', rv).map((e) => e.object.metadata.name)).toEqual(['a2', 'b']);
    c.advance(COMPACTION_INTERVAL_MS);
    c.api.create(ev('c'));
    // Two ticks: compacted to the revision seen at the first (a2's): every write after a is still there.
    expect(resumed(c, 'Event', rv).map((e) => e.object.metadata.name)).toEqual(['a2', 'b', 'c']);
    c.advance(COMPACTION_INTERVAL_MS);
    // Three ticks: compacted to the revision seen at the second (b's): a2 is gone, so a watch after a cannot resume.
    const e = apiErrorOf(() => resumed(c, 'Event', rv));
    expect([e.reason, e.code, e.message]).toEqual(['Expired', 410, 'The resourceVersion for the provided watch is too old.']);
  });

  it('starts from now with the current objects for resourceVersion "0" or ""', () => {
    const c = createCluster();
    c.api.create(cm('b'));
    c.api.create(cm('a'));
    for (const rv of ['0', '']) {
      const got = resumed(c, 'Service', rv);
      expect(got.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'ADDED b', 'ADDED kubernetes']);
    }
  });

  it('rejects malformed and future resourceVersions as the API server does', () => {
    const c = createCluster();
    expect(apiErrorOf(() => resumed(c, 'Pod', 'abc')).message).toBe('pods "" is invalid: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax');
    expect(apiErrorOf(() => resumed(c, 'StatefulSet', '-1')).message).toBe('statefulsets.apps "" is invalid: resourceVersion: Invalid value: "-1": strconv.ParseUint: parsing "-1": invalid syntax');
    expect(apiErrorOf(() => resumed(c, 'Pod', '99999999999999999999')).message).toMatch(/value out of range$/);
    const future = apiErrorOf(() => resumed(c, 'Pod', '999999'));
    expect([future.reason, future.code]).toEqual(['Timeout', 504]);
    expect(future.message).toMatch(/^Too large resource version: 999999, current: \d+$/);
  });

  it('grows the window for a burst (up to 102,400 events) and shrinks it back once writes slow down', () => {
    const w = new WatchCacheWindow(0);
    let rv = 0;
    const write = (t: number) => w.add({ type: 'MODIFIED', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', resourceVersion: String(++rv) } } as KObject, t: t as never, seq: rv, actor: 'test' });
    for (let i = 0; i < 150_000; i++) write(0);
    expect(w.capacity).toBe(WATCH_CACHE_MAX);
    expect(w.size).toBe(WATCH_CACHE_MAX);
    let t = 0;
    for (let i = 0; i < 5000; i++) write((t += EVENT_FRESH_MS));
    expect(w.capacity).toBe(WATCH_CACHE_MIN);
    expect(w.size).toBe(WATCH_CACHE_MIN);
  });

  it('property: any resume gets either Expired or exactly the writes after its version, for every kind', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('svc', 'event', 'sleep', 'burst'), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 120 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (ops, picks) => {
          const c = createCluster();
          const all = record(c);
          for (const [op, n] of ops) {
            if (op === 'sleep') c.advance(n * 40_000);
            else if (op === 'burst') for (let i = 0; i < n * 30; i++) c.api.create(ev(`b${all.length}-${i}`));
            else if (op === 'event') c.api.create(ev(`e${all.length}`));
            else {
              const cur = c.api.get('Service', 'default', `s${n}`);
              if (!cur) c.api.create(cm(`s${n}`));
              else if (n % 3 === 0) c.api.delete('Service', 'default', `s${n}`);
              else c.api.update({ ...cur, spec: { ports: [{ port: ((Number(cur.metadata.resourceVersion) % 50) + 1) }] } });
            }
          }
          if (all.length === 0) return;
          for (const p of picks) {
            const from = rvOf(all[p % all.length] as WatchEvent);
            for (const kind of ['Service', 'Event']) {
              let got: WatchEvent[];
              try {
                got = resumed(c, kind, String(from));
              } catch (e) {
                expect(e).toBeInstanceOf(ApiError);
                expect((e as ApiError).reason).toBe('Expired');
                continue;
              }
              expect(got).toEqual(all.filter((x) => x.object.kind === kind && rvOf(x) > from));
            }
          }
        },
      ),
      { numRuns: 60, seed: 9 },
    );
  });
});
