import { describe, it, expect } from 'vitest';
import type { ApiServer } from '../../engine/apiserver/apiserver';
import type { KEvent, KObject, Node, PersistentVolumeClaim, Pod, StatefulSet } from '../../engine/api/types';
import { parseTimestamp, type SimTime } from '../../engine/clock/clock';
import { describeObject, eventMatches, relatedFromApi, type DescribeRelated } from './describe';
import { printAnnotationsMultiline, rfc1123z } from './format';
import { tabbedString } from './writer';

function ev(name: string, involved: KEvent['involvedObject'], reason: string, last: string): KEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: involved.namespace ?? 'default' },
    involvedObject: involved,
    reason,
    message: `${reason} happened`,
    type: 'Normal',
    count: 1,
    firstTimestamp: last,
    lastTimestamp: last,
    source: { component: 'test' },
  };
}

const set: StatefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'set-uid', creationTimestamp: '2025-01-01T09:00:00Z' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  },
  status: { replicas: 1 },
};

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-0',
    namespace: 'default',
    uid: 'pod-uid',
    labels: { app: 'web' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true }],
  },
  spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx' }], volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }] },
  status: { phase: 'Running' },
};

const pvc: PersistentVolumeClaim = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'www-web-0', namespace: 'default', uid: 'pvc-uid' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  status: { phase: 'Pending' },
};

const node: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1', uid: 'node-uid' },
  spec: {},
  status: { addresses: [], conditions: [{ type: 'Ready', status: 'True' }], capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
};

const events: KEvent[] = [
  ev('a', { kind: 'StatefulSet', namespace: 'default', name: 'web', uid: 'set-uid', apiVersion: 'apps/v1' }, 'SuccessfulCreate', '2025-01-01T09:00:01Z'),
  ev('b', { kind: 'StatefulSet', namespace: 'default', name: 'web', uid: 'old-uid', apiVersion: 'apps/v1' }, 'FromAnOldSet', '2025-01-01T09:00:01Z'),
  ev('c', { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'pod-uid', apiVersion: 'v1' }, 'Scheduled', '2025-01-01T09:00:02Z'),
  ev('d', { kind: 'Node', name: 'node-1', uid: 'node-1', apiVersion: 'v1' }, 'Starting', '2025-01-01T09:00:00Z'),
  ev('e', { kind: 'Node', name: 'node-1', uid: 'node-uid', apiVersion: 'v1' }, 'RegisteredNode', '2025-01-01T09:00:03Z'),
];

/** The subset of ApiServer relatedFromApi uses. */
function fakeApi(objects: KObject[], now: number): ApiServer {
  return {
    list: (kind: string, namespace?: string) => objects.filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)),
    get: (kind: string, namespace: string | undefined, name: string) =>
      objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace)),
    listEventsAbout: (namespace: string, name: string) =>
      (objects.filter((o) => o.kind === 'Event') as KEvent[]).filter((e) => (e.involvedObject.namespace ?? '') === namespace && e.involvedObject.name === name),
    clock: { now: () => now as SimTime },
  } as unknown as ApiServer;
}

describe('describeObject', () => {
  const now = parseTimestamp('2025-01-01T09:01:00Z');
  const related = relatedFromApi(fakeApi([set, pod, pvc, node, ...events], now));

  it('describes a StatefulSet with its own events and pod counts', () => {
    const out = describeObject(set, related, now);
    expect(out).toContain('Pods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed\n');
    expect(out).toContain('SuccessfulCreate');
    expect(out).not.toContain('FromAnOldSet');
    expect(out.endsWith('  Normal  SuccessfulCreate  59s   test  SuccessfulCreate happened\n')).toBe(true);
  });

  it('describes a PVC with the pods using it', () => {
    expect(describeObject(pvc, related, now)).toContain('Used By:       web-0\nEvents:        <none>\n');
  });

  it('describes a pod with its events', () => {
    const out = describeObject(pod, related, now);
    expect(out).toContain('Controlled By:    StatefulSet/web\n');
    expect(out).toContain('Scheduled');
  });

  it('finds node events by uid and by name, and lists the node pods', () => {
    const out = describeObject(node, related, now);
    expect(out).toContain('  Normal  Starting        60s   test  Starting happened\n  Normal  RegisteredNode  57s   test  RegisteredNode happened\n');
    expect(out).toContain('Non-terminated Pods:');
    expect(out).toContain('  default                     web-0');
    expect(out).toContain('Lease:\n  HolderIdentity:  node-1\n  AcquireTime:     <unset>\n  RenewTime:       Wed, 01 Jan 2025 09:01:00 +0000\n');
  });

  it('omits the Events section with showEvents false', () => {
    const quiet: DescribeRelated = { ...related, showEvents: false };
    expect(describeObject(set, quiet, now)).not.toContain('Events:');
  });

  it('falls back to the generic describer for other kinds', () => {
    const out = describeObject({ apiVersion: 'v1', kind: 'ConfigMapLike', metadata: { name: 'x', namespace: 'default' }, data: { a: '1' } }, related, now);
    expect(out).toBe('Name:         x\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  v1\nData:\n  A:   1\nKind:  ConfigMapLike\nMetadata:\nEvents:  <none>\n');
  });

  it('matches pod events without kind and other events with kind', () => {
    const podEvent = events[2] as KEvent;
    expect(eventMatches({ ...podEvent, involvedObject: { ...podEvent.involvedObject, kind: '' } }, pod)).toBe(true);
    expect(eventMatches(events[0] as KEvent, { ...set, kind: 'Deployment' })).toBe(false);
  });
});

describe('formatting helpers', () => {
  it('formats RFC1123Z in UTC and the zero time', () => {
    expect(rfc1123z('2025-07-13T17:40:24Z')).toBe('Sun, 13 Jul 2025 17:40:24 +0000');
    expect(rfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });

  it('wraps long and multi-line annotations and hides last-applied-configuration', () => {
    const long = 'x'.repeat(150);
    const out = tabbedString((w) =>
      printAnnotationsMultiline(w, 'Annotations', {
        'kubectl.kubernetes.io/last-applied-configuration': '{"big":true}',
        long,
        multi: 'one\ntwo\n',
        short: 'v',
      }),
    );
    expect(out).toBe(`Annotations:  long:\n                ${'x'.repeat(138)}...\n              multi:\n                one\n                two\n              short: v\n`);
  });

  it('neutralises terminal escapes the way WriteEscaped does', () => {
    const p: Pod = { ...pod, metadata: { ...pod.metadata, annotations: { note: 'a\x1b[31mred\rb' } } };
    expect(describeObject(p, { events: () => [], pods: () => [], endpoints: () => undefined }, 0 as SimTime)).toContain('note: a^[[31mred\\rb\n');
  });
});
