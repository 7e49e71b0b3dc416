import { describe, expect, it } from 'vitest';
import type { ClaimView, ClassView, PodView, ServiceView, SetView, VolumeView, WhyView } from '../../protocol/protocol';
import { COL_W, COMPACT_THRESHOLD, LANE_PAD, NODE_W, colX } from './geometry';
import { podAriaLabel, revisionKind, shortRevision } from './labels';
import { computeLayout, type LayoutInput } from './layout';
import { podView, setView } from '../testing/views';
import type { CanvasNode, ClaimData, CompactData, LaneData, PartitionData, PodData } from './types';

const set = setView;
const pod = podView;

function claim(owner: string | null, ordinal: number, over: Partial<ClaimView> = {}): ClaimView {
  const name = owner ? `www-${owner}-${ordinal}` : `data-${ordinal}`;
  return { kind: 'PersistentVolumeClaim', name, phase: 'Bound', volume: `pv-${name}`, storageClass: 'standard', capacity: '1Gi', request: '1Gi', accessModes: ['ReadWriteOnce'], deleting: false, owner, ordinal: owner ? ordinal : null, template: owner ? 'www' : null, ...over };
}

function volume(name: string, claimName: string | null, phase = 'Bound'): VolumeView {
  return { kind: 'PersistentVolume', name, phase, claim: claimName, storageClass: 'standard', capacity: '1Gi', reclaimPolicy: 'Delete', deleting: false };
}

const svc: ServiceView = { kind: 'Service', name: 'nginx', clusterIP: 'None', headless: true, selector: { app: 'nginx' } };
const sc: ClassView = { kind: 'StorageClass', name: 'standard', provisioner: 'rancher.io/local-path', isDefault: true, bindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' };

function input(opts: { sets?: SetView[]; pods?: PodView[]; claims?: ClaimView[]; volumes?: VolumeView[]; why?: WhyView[]; withVolumes?: boolean } = {}): LayoutInput {
  const claims = opts.claims ?? [];
  const volumes = opts.volumes ?? (opts.withVolumes === false ? [] : claims.filter((c) => c.volume).map((c) => volume(c.volume ?? '', c.name)));
  const byName = <T extends { name: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.name, x]));
  return {
    sets: byName(opts.sets ?? []),
    pods: byName(opts.pods ?? []),
    claims: byName(claims),
    volumes: byName(volumes),
    services: byName([svc]),
    classes: byName([sc]),
    why: new Map((opts.why ?? []).map((w) => [w.set, w])),
  };
}

const ofType = <T extends CanvasNode['type']>(nodes: readonly CanvasNode[], type: T) => nodes.filter((n): n is Extract<CanvasNode, { type: T }> => n.type === type);
function one<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing');
  return x;
}
const byId = (nodes: readonly CanvasNode[], id: string) => nodes.find((n) => n.id === id);

describe('columns', () => {
  it('has one column per ordinal below replicas, in ordinal order, pod above claim above volume', () => {
    const s = set('web', { replicas: 3 });
    const r = computeLayout(input({ sets: [s], pods: [pod('web', 2), pod('web', 0), pod('web', 1)], claims: [claim('web', 1), claim('web', 0), claim('web', 2)] }));
    expect(r.lanes.map((l) => [l.name, l.columns])).toEqual([['web', [0, 1, 2]]]);
    const pods = ofType(r.nodes, 'pod').sort((a, b) => a.position.x - b.position.x);
    expect(pods.map((p) => p.data.pod.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(pods.map((p) => p.position.x)).toEqual([colX(0), colX(1), colX(2)]);
    for (const n of [0, 1, 2]) {
      const p = one(pods[n]);
      const c = byId(r.nodes, `pvc:www-web-${n}`);
      const v = byId(r.nodes, `pv:pv-www-web-${n}`);
      expect(c?.position.x).toBe(p.position.x);
      expect(v?.position.x).toBe(p.position.x);
      expect(p.position.y).toBeLessThan(c?.position.y ?? 0);
      expect(c?.position.y ?? 0).toBeLessThan(v?.position.y ?? 0);
    }
    expect(r.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(
      [0, 1, 2].flatMap((n) => [`pod:web-${n}:uid-web-${n}>pvc:www-web-${n}`, `pvc:www-web-${n}>pv:pv-www-web-${n}`]).sort(),
    );
  });

  it('starts at ordinalsStart and keeps columns for pods above replicas while they leave', () => {
    const s = set('web', { replicas: 2, ordinalsStart: 5 });
    const r = computeLayout(input({ sets: [s], pods: [pod('web', 5), pod('web', 6), pod('web', 7, { stage: 'Terminating', status: 'Terminating', deleting: true })] }));
    expect(one(r.lanes[0]).columns).toEqual([5, 6, 7]);
    expect(ofType(r.nodes, 'slot')).toEqual([]);
  });

  it('ignores pods no StatefulSet owns and orders lanes by name', () => {
    const r = computeLayout(input({ sets: [set('web'), set('db')], pods: [pod(null, 0), pod('web', 0)] }));
    expect(r.lanes.map((l) => l.name)).toEqual(['db', 'web']);
    expect(ofType(r.nodes, 'pod').map((p) => p.data.pod.name)).toEqual(['web-0']);
    expect(one(r.lanes[1]).y).toBeGreaterThan(one(r.lanes[0]).y + one(r.lanes[0]).height);
  });
});

describe('placeholders', () => {
  it('shows a slot for each wanted ordinal without a pod', () => {
    const r = computeLayout(input({ sets: [set('web', { replicas: 4 })], pods: [pod('web', 0), pod('web', 1)] }));
    const slots = ofType(r.nodes, 'slot');
    expect(slots.map((s) => [s.id, s.data.ordinal, s.position.x])).toEqual([
      ['slot:web:2', 2, colX(2)],
      ['slot:web:3', 3, colX(3)],
    ]);
  });
});

describe('retained claims', () => {
  it('keeps claims and volumes of ordinals without a pod in their columns, marked retained', () => {
    const s = set('web', { replicas: 2 });
    const claims = [0, 1, 2, 3].map((n) => claim('web', n));
    const r = computeLayout(input({ sets: [s], pods: [pod('web', 0), pod('web', 1)], claims }));
    expect(one(r.lanes[0]).columns).toEqual([0, 1, 2, 3]);
    const data = (n: number) => byId(r.nodes, `pvc:www-web-${n}`)?.data as ClaimData;
    expect([0, 1, 2, 3].map((n) => data(n).retained)).toEqual([false, false, true, true]);
    expect(byId(r.nodes, 'pvc:www-web-3')?.position.x).toBe(colX(3));
    expect(byId(r.nodes, 'pv:pv-www-web-3')?.position.x).toBe(colX(3));
    // No placeholder above a retained claim: the ordinal is not wanted.
    expect(ofType(r.nodes, 'slot')).toEqual([]);
    // No edge from a pod that does not exist; the claim still points at its volume.
    expect(r.edges.some((e) => e.target === 'pvc:www-web-3')).toBe(false);
    expect(r.edges.some((e) => e.source === 'pvc:www-web-3')).toBe(true);
  });

  it('lights the claim up again when the ordinal returns, keeping the same node position', () => {
    const s = set('web', { replicas: 2 });
    const claims = [0, 1, 2].map((n) => claim('web', n));
    const before = computeLayout(input({ sets: [s], pods: [pod('web', 0), pod('web', 1)], claims }));
    const after = computeLayout(input({ sets: [{ ...s, replicas: 3 }], pods: [pod('web', 0), pod('web', 1), pod('web', 2)], claims }), before);
    expect((byId(after.nodes, 'pvc:www-web-2')?.data as ClaimData).retained).toBe(false);
    expect(byId(after.nodes, 'pvc:www-web-2')?.position).toEqual(byId(before.nodes, 'pvc:www-web-2')?.position);
  });

  it('marks a claim that blocks a failing pod', () => {
    const s = set('web', { replicas: 1 });
    const r = computeLayout(input({ sets: [s], pods: [pod('web', 0, { stage: 'Pending', status: 'Pending', failing: true, message: 'unbound immediate PersistentVolumeClaims' })], claims: [claim('web', 0, { phase: 'Pending', volume: null })] }));
    expect((byId(r.nodes, 'pvc:www-web-0')?.data as ClaimData).blocking).toBe(true);
  });
});

describe('partition', () => {
  const five = (over: Partial<SetView> = {}) => {
    const s = set('web', { replicas: 5, ...over });
    return computeLayout(input({ sets: [s], pods: [0, 1, 2, 3, 4].map((n) => pod('web', n)) }));
  };
  const part = (nodes: readonly CanvasNode[]) => one(ofType(nodes, 'partition')[0]);

  it('sits between ordinal partition-1 and partition', () => {
    const p = part(five({ partition: 3 }).nodes);
    const center = p.position.x + (p.width ?? 0) / 2;
    expect(center).toBeGreaterThan(colX(2) + NODE_W);
    expect(center).toBeLessThan(colX(3));
    expect(p.data).toEqual<PartitionData>({ setName: 'web', partition: 3, where: 'between' });
  });

  it('is at the left edge for partition 0 and after the last column above replicas', () => {
    const zero = part(five({ partition: 0 }).nodes);
    expect(zero.data.where).toBe('all');
    expect(zero.position.x + (zero.width ?? 0) / 2).toBeLessThan(LANE_PAD);
    const high = part(five({ partition: 9 }).nodes);
    expect(high.data.where).toBe('none');
    expect(high.position.x + (high.width ?? 0) / 2).toBeGreaterThan(colX(4) + NODE_W);
  });

  it('is not drawn for OnDelete', () => {
    expect(ofType(five({ partition: 2, strategy: 'OnDelete' }).nodes, 'partition')).toEqual([]);
  });
});

describe('deleted set', () => {
  it('keeps a lane for the claims a deleted set left behind', () => {
    const r = computeLayout(input({ sets: [], claims: [claim('web', 0), claim('web', 1)] }));
    const lane = one(ofType(r.nodes, 'lane')[0]);
    expect(lane.data).toMatchObject<Partial<LaneData>>({ name: 'web', set: null, title: 'web (deleted) — claims retained' });
    expect(one(r.lanes[0]).columns).toEqual([0, 1]);
    expect(ofType(r.nodes, 'claim').every((c) => c.data.retained)).toBe(true);
    expect(ofType(r.nodes, 'slot')).toEqual([]);
    expect(ofType(r.nodes, 'partition')).toEqual([]);
    expect(ofType(r.nodes, 'service')).toEqual([]);
  });
});

describe('volumes and classes', () => {
  it('puts volumes without a claim in the free area, and classes to the right', () => {
    const s = set('web', { replicas: 1 });
    const r = computeLayout(input({ sets: [s], pods: [pod('web', 0)], claims: [claim('web', 0)], volumes: [volume('pv-www-web-0', 'www-web-0'), volume('old', 'www-web-9', 'Released'), volume('spare', null, 'Available')] }));
    const area = byId(r.nodes, 'area:free');
    expect(area).toBeDefined();
    for (const id of ['pv:old', 'pv:spare']) expect(byId(r.nodes, id)?.position.y ?? 0).toBeGreaterThan(area?.position.y ?? Infinity);
    const cls = byId(r.nodes, 'sc:standard');
    expect(cls?.position.x ?? 0).toBeGreaterThan(one(r.lanes[0]).width);
  });
});

describe('why badge', () => {
  it('sits on the column of the pod it names', () => {
    const s = set('web', { replicas: 3 });
    const why: WhyView = { t: 1, set: 'web', code: 'PodNotReady', pod: 'web-1', ordinal: 1, message: 'waiting for web-1 to be Running and Ready' };
    const r = computeLayout(input({ sets: [s], pods: [0, 1, 2].map((n) => pod('web', n)), why: [why] }));
    const badge = one(ofType(r.nodes, 'why')[0]);
    expect(badge.position.x).toBeGreaterThanOrEqual(colX(1));
    expect(badge.position.x + (badge.width ?? 0)).toBeLessThanOrEqual(colX(1) + NODE_W);
    expect(badge.data.message).toBe(why.message);
    const none = computeLayout(input({ sets: [s], why: [{ ...why, message: null }] }));
    expect(ofType(none.nodes, 'why')).toEqual([]);
  });
});

describe('revisions and labels', () => {
  it('tells current from update and shortens the hash', () => {
    const s = set('web', {}, { currentRevision: 'web-aaa', updateRevision: 'web-bbb' });
    expect(revisionKind(pod('web', 0, { revision: 'web-aaa' }), s)).toBe('current');
    expect(revisionKind(pod('web', 0, { revision: 'web-bbb' }), s)).toBe('update');
    expect(revisionKind(pod('web', 0, { revision: 'web-ccc' }), s)).toBe('old');
    expect(revisionKind(pod('web', 0, { revision: 'web-aaa' }), set('web'))).toBe('current');
    expect(shortRevision('web-5d8f7c9b6', 'web')).toBe('5d8f7c9b6');
    expect(podAriaLabel(pod('web', 0), 'current')).toBe('Pod web-0: Running, ready 1/1, revision current');
  });

  it('carries the revision kind and short hash into pod nodes', () => {
    const s = set('web', { replicas: 2, partition: 1 }, { currentRevision: 'web-aaa', updateRevision: 'web-bbb' });
    const r = computeLayout(input({ sets: [s], pods: [pod('web', 0), pod('web', 1, { revision: 'web-bbb' })] }));
    const data = ofType(r.nodes, 'pod').map((p) => p.data as PodData);
    expect(data.map((d) => [d.pod.name, d.revisionKind, d.shortRevision])).toEqual([
      ['web-0', 'current', 'aaa'],
      ['web-1', 'update', 'bbb'],
    ]);
  });
});

describe('stability', () => {
  it('returns the same node objects (and arrays) when nothing changed', () => {
    const s = set('web', { replicas: 3 });
    const pods = [0, 1, 2].map((n) => pod('web', n));
    const claims = [0, 1, 2].map((n) => claim('web', n));
    const volumes = claims.map((c) => volume(c.volume ?? '', c.name));
    const a = computeLayout(input({ sets: [s], pods, claims, volumes }));
    const b = computeLayout(input({ sets: [s], pods, claims, volumes }), a);
    expect(b.nodes).toBe(a.nodes);
    expect(b.edges).toBe(a.edges);
  });

  it('replaces only the node whose view changed', () => {
    const s = set('web', { replicas: 3 });
    const pods = [0, 1, 2].map((n) => pod('web', n, { stage: 'Running', ready: '0/1' }));
    const a = computeLayout(input({ sets: [s], pods }));
    const changed: PodView = { ...one(pods[1]), stage: 'Ready', ready: '1/1' };
    const b = computeLayout(input({ sets: [s], pods: [one(pods[0]), changed, one(pods[2])] }), a);
    const diff = b.nodes.filter((n) => a.byId.get(n.id) !== n).map((n) => n.id);
    expect(diff).toEqual(['pod:web-1:uid-web-1']);
  });
});

describe('compact lanes', () => {
  it(`draws a set with more than ${COMPACT_THRESHOLD} ordinals as one grid node`, () => {
    const s = set('big', { replicas: 1000, partition: 300, podManagementPolicy: 'Parallel', templates: [] });
    const pods = Array.from({ length: 400 }, (_, n) => pod('big', n));
    const r = computeLayout(input({ sets: [s], pods }));
    expect(ofType(r.nodes, 'pod')).toEqual([]);
    const compact = ofType(r.nodes, 'compact');
    expect(compact).toHaveLength(1);
    const data = one(compact[0]).data as CompactData;
    expect(data.cells).toHaveLength(1000);
    expect(data.cells.filter((c) => c.partitionEdge).map((c) => c.ordinal)).toEqual([300]);
    expect(one(data.cells[399]).slot).toBe('pod');
    expect(one(data.cells[400]).slot).toBe('placeholder');
    expect(r.signature).toBe('big#compact');
    // Cells are reused when their pod did not change.
    const next = computeLayout(input({ sets: [s], pods: pods.map((p, i) => (i === 5 ? { ...p, stage: 'Failed' as const } : p)) }), r);
    const cells = (one(ofType(next.nodes, 'compact')[0]).data as CompactData).cells;
    expect(cells.filter((c, i) => c !== data.cells[i]).map((c) => c.ordinal)).toEqual([5]);
  });

  it('keeps a normal lane at the threshold', () => {
    const s = set('web', { replicas: COMPACT_THRESHOLD, templates: [] });
    const r = computeLayout(input({ sets: [s] }));
    expect(ofType(r.nodes, 'slot')).toHaveLength(COMPACT_THRESHOLD);
    expect(one(r.lanes[0]).width).toBe(LANE_PAD * 2 + COMPACT_THRESHOLD * COL_W - (COL_W - NODE_W));
  });
});
