import { describe, expect, it } from 'vitest';
import type { KEvent, KObject, Node, Pod } from '../../engine/api/types';
import { EventRecorder } from '../../engine/runtime/recorder';
import { createCluster } from '../../engine/sim/cluster';
import { create, headlessService, runToSteadyState, statefulSet } from '../../engine/testing/kit';
import { runKubectl } from '../kubectl';
import { describeObject, eventMatches, relatedFromApi, type DescribeRelated } from './describe';

/** A cluster with a running set and thousands of events about many objects (most of them long gone). */
function busyCluster() {
  const c = createCluster({ seed: 5 });
  create(c, headlessService(), statefulSet({ replicas: 2 }));
  runToSteadyState(c);
  const rec = new EventRecorder(c.api);
  const node = c.api.list<Node>('Node')[0] as Node;
  for (let i = 0; i < 2500; i++) {
    const about = { ...node, kind: 'Pod', apiVersion: 'v1', metadata: { name: `gone-${i % 250}`, namespace: 'default', uid: `uid-${i % 250}` } } as unknown as KObject;
    rec.record(about, 'Normal', 'Pulled', `message ${i}`, { component: 'kubelet', host: 'node-1' });
  }
  const pod = c.api.mustGet<Pod>('Pod', 'default', 'web-0');
  for (let i = 0; i < 30; i++) rec.record(pod, 'Warning', 'Probe', `probe ${i}`, { component: 'kubelet', host: 'node-1' });
  rec.record(node, 'Normal', 'NodeNote', 'about the node', { component: 'test' });
  return c;
}

describe('describe with thousands of events', () => {
  it('reads only the events about the object, through the API, never the whole event list', () => {
    const c = busyCluster();
    expect(c.api.count('Event')).toBeGreaterThan(2500);
    const listed: string[] = [];
    const list = c.api.list.bind(c.api);
    c.api.list = ((kind: string, ns?: string) => {
      listed.push(kind);
      return list(kind, ns);
    }) as typeof c.api.list;
    let out = '';
    const io = { out: (x: string) => void (out += x), err: (x: string) => void (out += x) };
    for (const args of [['describe', 'pod', 'web-0'], ['describe', 'sts', 'web'], ['describe', 'nodes'], ['describe', 'pvc']]) {
      listed.length = 0;
      expect(runKubectl(args, { cluster: c, files: new Map() }, io)).toBe(0);
      expect(listed.filter((k) => k === 'Event')).toEqual([]);
    }
    // `describe events` lists the events it describes once, then looks up each one's own events by index.
    listed.length = 0;
    out = '';
    expect(runKubectl(['describe', 'events'], { cluster: c, files: new Map() }, io)).toBe(0);
    expect(listed.filter((k) => k === 'Event').length).toBeLessThanOrEqual(1);
    expect(out.split('\nName:').length).toBe(c.api.count('Event'));
  });

  it('shows the same Events section as a scan of every event would', () => {
    const c = busyCluster();
    const indexed = relatedFromApi(c.api);
    const scanned: DescribeRelated = {
      ...indexed,
      events: (obj) => {
        const own = c.api.list<KEvent>('Event').filter((e) => eventMatches(e, obj));
        if (obj.kind !== 'Node') return own;
        return [...own.filter((e) => e.involvedObject.uid === obj.metadata.uid), ...own.filter((e) => e.involvedObject.uid !== obj.metadata.uid)];
      },
    };
    const now = c.clock.now();
    const objects = [c.api.mustGet('Pod', 'default', 'web-0'), c.api.mustGet('StatefulSet', 'default', 'web'), ...c.api.list('Node'), ...c.api.list('PersistentVolumeClaim'), ...c.api.list('PersistentVolume')];
    for (const o of objects) expect(describeObject(o, indexed, now)).toBe(describeObject(o, scanned, now));
    expect(describeObject(c.api.mustGet('Pod', 'default', 'web-0'), indexed, now)).toContain('probe 29');
  });
});
