/**
 * The narrow arrangement (a phone held upright): whatever the set's size,
 * nothing is wider than the screen at zoom 1, so the fitted canvas stays
 * readable; sets past two ordinals are grids of large numbered cells.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimView, ClassView, ServiceView, VolumeView } from '../../protocol/protocol';
import { podView, setView } from '../testing/views';
import { contentBounds } from './fit';
import { HEADER_H, NARROW_CELL, narrowLayout, POD_Y, WIDE_LAYOUT } from './geometry';
import { computeLayout, type LayoutInput } from './layout';
import type { CompactData, LaneData } from './types';

const svc: ServiceView = { kind: 'Service', name: 'nginx', clusterIP: 'None', headless: true, selector: { app: 'nginx' } };
const sc: ClassView = { kind: 'StorageClass', name: 'standard', provisioner: 'rancher.io/local-path', isDefault: true, bindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete' };
const claim = (ordinal: number): ClaimView => ({ kind: 'PersistentVolumeClaim', name: `www-web-${ordinal}`, phase: 'Bound', volume: `pv-${ordinal}`, storageClass: 'standard', capacity: '1Gi', request: '1Gi', accessModes: ['ReadWriteOnce'], deleting: false, owner: 'web', ordinal, template: 'www' });
const volume = (ordinal: number): VolumeView => ({ kind: 'PersistentVolume', name: `pv-${ordinal}`, phase: 'Bound', claim: `www-web-${ordinal}`, storageClass: 'standard', capacity: '1Gi', reclaimPolicy: 'Delete', deleting: false });
const spare = (i: number): VolumeView => ({ kind: 'PersistentVolume', name: `spare-${i}`, phase: 'Available', claim: null, storageClass: 'standard', capacity: '1Gi', reclaimPolicy: 'Retain', deleting: false });

function cluster(replicas: number, free = 0): LayoutInput {
  const ords = Array.from({ length: replicas }, (_, i) => i);
  const byName = <T extends { name: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.name, x]));
  return {
    sets: byName([setView('web', { replicas, templates: ['www'] })]),
    pods: byName(ords.map((o) => podView('web', o))),
    claims: byName(ords.map(claim)),
    volumes: byName([...ords.map(volume), ...Array.from({ length: free }, (_, i) => spare(i))]),
    services: byName([svc]),
    classes: byName([sc]),
    why: new Map(),
  };
}

describe('narrow layout', () => {
  for (const width of [320, 390, 430, 540]) {
    for (const replicas of [1, 2, 3, 5, 12, 70, 1000]) {
      it(`${replicas} ordinals on a ${width} px canvas fit its width at zoom ≥ 0.8`, () => {
        const r = computeLayout(cluster(replicas, 6), undefined, narrowLayout(width));
        const b = contentBounds(r.nodes);
        expect(b).not.toBeNull();
        // 2 × 10 px of margin around the fitted content.
        expect((width - 20) / (b?.width ?? Infinity)).toBeGreaterThanOrEqual(0.8);
      });
    }
  }

  it('draws one or two ordinals in full, and more as a grid of large cells', () => {
    const two = computeLayout(cluster(2), undefined, narrowLayout(390));
    expect(two.nodes.filter((n) => n.type === 'pod')).toHaveLength(2);
    expect(two.lanes[0]?.compact).toBe(false);
    const three = computeLayout(cluster(3), undefined, narrowLayout(390));
    expect(three.lanes[0]?.compact).toBe(true);
    const grid = three.nodes.find((n) => n.type === 'compact');
    expect((grid?.data as CompactData | undefined)?.cell).toBe(NARROW_CELL);
    // The same cluster laid out wide keeps every pod drawn in full.
    expect(computeLayout(cluster(12), undefined, WIDE_LAYOUT).nodes.filter((n) => n.type === 'pod')).toHaveLength(12);
  });

  it('puts the StorageClasses under the lanes, not beside them', () => {
    const r = computeLayout(cluster(2), undefined, narrowLayout(390));
    const lane = r.nodes.find((n) => n.type === 'lane');
    const classes = r.nodes.find((n) => n.id === 'area:classes');
    expect(classes?.position.x).toBe(0);
    expect(classes?.position.y ?? 0).toBeGreaterThanOrEqual((lane?.position.y ?? 0) + (lane?.height ?? 0));
  });

  it('gives a lane a taller header and moves its content down by as much', () => {
    const options = narrowLayout(390);
    const r = computeLayout(cluster(2), undefined, options);
    const lane = r.nodes.find((n) => n.type === 'lane');
    expect((lane?.data as LaneData | undefined)?.headerHeight).toBe(options.headerHeight);
    const pod = r.nodes.find((n) => n.type === 'pod');
    expect(pod?.position.y).toBe(POD_Y + options.headerHeight - HEADER_H);
    const wide = computeLayout(cluster(2)).nodes.find((n) => n.type === 'pod');
    expect(wide?.position.y).toBe(POD_Y);
  });

  it('keeps unchanged nodes when the same narrow options come again', () => {
    const options = narrowLayout(390);
    const input = cluster(12);
    const a = computeLayout(input, undefined, options);
    const b = computeLayout({ ...input, why: new Map() }, a, options);
    expect(b.nodes).toBe(a.nodes);
  });
});
