import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../lib/clone';
import type { StatefulSet } from '../api/types';
import { WATCH_CACHE_MAX } from '../apiserver/watch-history';
import { RECORDER_CACHE_ENTRIES } from '../runtime/recorder';
import { create, headlessService, runToSteadyState, statefulSet } from '../testing/kit';
import { createCluster, WhyLog } from './cluster';

const HOUR = 3_600_000;

/** Bookkeeping that is bounded by design rather than emptied when objects go. */
const BOUNDED = [/^api\.history\./, /^recorder\.cache$/, /^kubelet\.images$/, /^kubelet\.ipCounters$/, /^whyLog$/];

describe('cluster bookkeeping stays bounded', () => {
  it('forgets every object once it is gone: many sets, pods, claims, volumes and services with distinct names', () => {
    const c = createCluster({ seed: 3 });
    // A Service that outlives them all and selects none of their pods.
    create(c, headlessService('other', 'other'));
    runToSteadyState(c);
    const base = c.stats();
    const rounds = 25;
    for (let i = 0; i < rounds; i++) {
      const name = `s${i}`;
      create(c, headlessService(`svc${i}`, name), statefulSet({ name, replicas: 2, policy: 'Parallel', whenScaled: 'Delete', whenDeleted: 'Delete' }));
      expect(runToSteadyState(c)).toBe(true);
      c.exec('default', `${name}-0`, undefined, ['sh', '-c', 'echo hi > /tmp/x; echo data > /usr/share/nginx/html/index.html']);
      // A failing rollout leaves back-off timers and Warning events behind.
      const set = deepCopy(c.api.mustGet<StatefulSet>('StatefulSet', 'default', name));
      (set.spec.template.spec.containers[0] as { image: string }).image = 'nginx:bad';
      set.spec.replicas = 1;
      c.api.as('kubectl', () => c.api.update(set));
      c.advance(45_000);
      c.api.as('kubectl', () => {
        c.api.delete('StatefulSet', 'default', name);
        c.api.delete('Service', 'default', `svc${i}`);
      });
      runToSteadyState(c);
      c.advance(10 * 60_000);
    }
    expect(c.api.count('PersistentVolumeClaim')).toBe(0);
    c.advance(2 * HOUR);
    runToSteadyState(c);
    const now = c.stats();
    const leaks: string[] = [];
    for (const k of new Set([...Object.keys(base), ...Object.keys(now)])) {
      if (BOUNDED.some((re) => re.test(k))) continue;
      if ((now[k] ?? 0) !== (base[k] ?? 0)) leaks.push(`${k}: ${base[k] ?? 0} → ${now[k]}`);
    }
    expect(leaks).toEqual([]);
    for (const [k, v] of Object.entries(now)) if (k.startsWith('api.history.')) expect(v).toBeLessThanOrEqual(WATCH_CACHE_MAX);
    expect(now['recorder.cache']).toBeLessThanOrEqual(RECORDER_CACHE_ENTRIES);
    expect(c.log).toHaveLength(0);
  });

  it('keeps only the latest wait reasons, numbered so a reader can take what it has not seen', () => {
    const log = new WhyLog();
    const rec = (i: number) => ({ set: `s${i}`, namespace: 'default', reason: undefined, t: i as never });
    for (let i = 0; i < 5; i++) log.push(rec(i));
    expect(log.since(3).map((r) => r.set)).toEqual(['s3', 's4']);
    for (let i = 5; i < 5 * WhyLog.KEEP; i++) log.push(rec(i));
    expect(log.total).toBe(5 * WhyLog.KEEP);
    expect(log.kept).toBeLessThan(2 * WhyLog.KEEP);
    expect(log.since(log.total - 2).map((r) => r.set)).toEqual([`s${5 * WhyLog.KEEP - 2}`, `s${5 * WhyLog.KEEP - 1}`]);
    // A reader that fell far behind gets what is still kept, never an old record twice.
    expect(log.since(0)).toHaveLength(log.kept);
    expect(log.since(log.total)).toEqual([]);
  });
});
