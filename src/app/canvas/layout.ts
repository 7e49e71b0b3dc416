/**
 * Where everything goes on the canvas, from the store's maps. Pure (no React,
 * no DOM): the same input gives the same nodes and edges.
 *
 * Rules:
 * - One lane per StatefulSet, ordered by name, stacked top to bottom. A set
 *   that is gone keeps its lane while claims (or terminating pods) it made
 *   remain, titled "web (deleted) — claims retained".
 * - One column per ordinal that matters: every ordinal in
 *   [ordinalsStart, ordinalsStart + replicas) and every ordinal a pod or a
 *   claim of the set has, in ascending order. Each column stacks
 *   Pod → one PVC per claim template → its PV, with edges.
 * - A wanted ordinal without a pod gets a dashed placeholder slot; a claim
 *   whose ordinal has no pod is "retained".
 * - The headless Service is a bar above the pods; the partition (RollingUpdate
 *   only) is a vertical line before the first ordinal ≥ partition.
 * - More than COMPACT_THRESHOLD ordinals: the lane is one grid node.
 * - PVs sit under the claim they are bound to; the rest, and claims no set
 *   made, go in an area below the lanes. StorageClasses stand to the right.
 *
 * Stability: pass the previous result and every node or edge whose inputs
 * are the same objects at the same place is returned as the very same
 * object, so React Flow and the memo components skip it.
 */
import type { ClaimView, ClassView, PodView, SetView, VolumeView, WhyView } from '../../protocol/protocol';
import type { SimState } from '../store/store';
import * as g from './geometry';
import { laneTitle, revisionKind, shortRevision } from './labels';
import type { CanvasEdge, CanvasNode, CompactCell, PartitionData } from './types';

/** The parts of the store the canvas draws. */
export type LayoutInput = Pick<SimState, 'sets' | 'pods' | 'claims' | 'volumes' | 'services' | 'classes' | 'why'>;

export interface LaneInfo {
  name: string;
  compact: boolean;
  /** Ordinals drawn, ascending. */
  columns: number[];
  y: number;
  width: number;
  height: number;
}

export interface LayoutResult {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  lanes: LaneInfo[];
  /** Lane names and modes (and whether the free-volume area exists). */
  signature: string;
  /** @internal for reuse on the next run */
  byId: ReadonlyMap<string, CanvasNode>;
  /** @internal */
  edgeById: ReadonlyMap<string, CanvasEdge>;
}

interface LaneGroup {
  name: string;
  set: SetView | null;
  pods: Map<number, PodView>;
  claims: ClaimView[];
}

/** Groups pods and claims by the set that made them; pods no set owns are left out. */
function groupLanes(input: LayoutInput): LaneGroup[] {
  const lanes = new Map<string, LaneGroup>();
  const lane = (name: string) => {
    let l = lanes.get(name);
    if (!l) lanes.set(name, (l = { name, set: input.sets.get(name) ?? null, pods: new Map(), claims: [] }));
    return l;
  };
  for (const name of input.sets.keys()) lane(name);
  for (const p of input.pods.values()) if (p.owner && p.ordinal !== null) lane(p.owner).pods.set(p.ordinal, p);
  for (const c of input.claims.values()) if (c.owner && c.ordinal !== null) lane(c.owner).claims.push(c);
  return [...lanes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The ordinals a lane shows, ascending. */
export function laneColumns(set: SetView | null, pods: Iterable<number>, claims: Iterable<ClaimView>): number[] {
  const ords = new Set<number>();
  if (set) for (let i = set.ordinalsStart; i < set.ordinalsStart + set.replicas; i++) ords.add(i);
  for (const o of pods) ords.add(o);
  for (const c of claims) if (c.ordinal !== null) ords.add(c.ordinal);
  return [...ords].sort((a, b) => a - b);
}

/** Claim template rows: the set's templates in order, then any others its claims name. */
function templateRows(set: SetView | null, claims: readonly ClaimView[]): string[] {
  const rows = set ? [...set.templates] : [];
  const extra = new Set<string>();
  for (const c of claims) if (!rows.includes(c.template ?? '')) extra.add(c.template ?? '');
  return rows.concat([...extra].sort());
}

/** Which PV each claim shows beneath it; the PVs left over are free. */
function placeVolumes(claims: ReadonlyMap<string, ClaimView>, volumes: ReadonlyMap<string, VolumeView>) {
  const byClaim = new Map<string, VolumeView>();
  const placed = new Set<string>();
  for (const c of claims.values()) {
    const v = c.volume ? volumes.get(c.volume) : undefined;
    if (v) {
      byClaim.set(c.name, v);
      placed.add(v.name);
    }
  }
  for (const v of volumes.values()) {
    if (placed.has(v.name) || !v.claim || v.phase === 'Released') continue;
    const c = claims.get(v.claim);
    if (c && !byClaim.has(c.name)) {
      byClaim.set(c.name, v);
      placed.add(v.name);
    }
  }
  const free = [...volumes.values()].filter((v) => !placed.has(v.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return { byClaim, free };
}

/** The column a wait message is about: its pod's ordinal, else its ordinal. */
export function whyOrdinal(why: WhyView, pods: ReadonlyMap<string, PodView>): number | null {
  if (why.pod) {
    const p = pods.get(why.pod);
    if (p?.ordinal !== null && p?.ordinal !== undefined) return p.ordinal;
    const m = /-(\d+)$/.exec(why.pod);
    if (m && why.pod === `${why.set}-${m[1]}`) return Number(m[1]);
  }
  return why.ordinal;
}

/** Where the partition line goes among `columns`, or null when it is not drawn. */
export function partitionPlace(set: SetView | null, columns: readonly number[]): { index: number; where: PartitionData['where'] } | null {
  if (!set || set.strategy !== 'RollingUpdate') return null;
  const index = columns.findIndex((o) => o >= set.partition);
  if (index === -1) return { index: columns.length, where: 'none' };
  return { index, where: index === 0 ? 'all' : 'between' };
}

/** X (relative to the lane) of the partition line before column `index`. */
export function partitionX(index: number): number {
  return index === 0 ? g.LANE_PAD / 2 - 2 : g.colX(index) - g.COL_GAP / 2;
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

const sameCell = (a: CompactCell, b: CompactCell) =>
  a.ordinal === b.ordinal && a.name === b.name && a.pod === b.pod && a.revisionKind === b.revisionKind && a.slot === b.slot && a.partitionEdge === b.partitionEdge && a.waiting === b.waiting && a.claims.length === b.claims.length && a.claims.every((c, i) => c === b.claims[i]);

// smoothstep offsets for the 2nd, 3rd… claim template, shared so edges compare equal.
const PATH_OPTIONS = Array.from({ length: 8 }, (_, i) => ({ offset: 10 + 5 * i, borderRadius: 6 }));

class Builder {
  nodes: CanvasNode[] = [];
  edges: CanvasEdge[] = [];
  byId = new Map<string, CanvasNode>();
  edgeById = new Map<string, CanvasEdge>();
  changed = false;
  constructor(private prev: LayoutResult | undefined) {}

  node(n: CanvasNode): void {
    const p = this.prev?.byId.get(n.id);
    const keep = p && p.type === n.type && p.position.x === n.position.x && p.position.y === n.position.y && p.width === n.width && p.height === n.height && p.zIndex === n.zIndex && shallowEqual(p.data, n.data);
    const out = keep ? p : n;
    if (!keep || this.prev?.nodes[this.nodes.length] !== p) this.changed = true;
    if (!out.measured) out.measured = { width: out.width, height: out.height };
    this.nodes.push(out);
    this.byId.set(out.id, out);
  }

  edge(e: CanvasEdge): void {
    const p = this.prev?.edgeById.get(e.id);
    const keep = p && p.source === e.source && p.target === e.target && p.sourceHandle === e.sourceHandle && p.targetHandle === e.targetHandle && p.type === e.type && p.className === e.className && p.pathOptions === e.pathOptions;
    const out = keep ? p : e;
    this.edges.push(out);
    this.edgeById.set(out.id, out);
  }

  cells(id: string, cells: CompactCell[]): readonly CompactCell[] {
    const p = this.prev?.byId.get(id);
    const before = p?.type === 'compact' ? p.data.cells : undefined;
    if (!before) return cells;
    let same = before.length === cells.length;
    const out = cells.map((c, i) => {
      const b = before[i];
      if (b && sameCell(b, c)) return b;
      same = false;
      return c;
    });
    return same ? before : out;
  }
}

const FIXED = { draggable: false, selectable: false, connectable: false } as const;

/**
 * Lays the canvas out. `options` say how much room there is (the wide
 * arrangement by default); changing them moves nodes, which is fine: the
 * node objects that stay put are still reused.
 */
export function computeLayout(input: LayoutInput, prev?: LayoutResult, options: g.LayoutOptions = g.WIDE_LAYOUT): LayoutResult {
  const b = new Builder(prev);
  const { byClaim, free } = placeVolumes(input.claims, input.volumes);
  const lanes: LaneInfo[] = [];
  let y = 0;
  let right = options.laneMinWidth;
  for (const group of groupLanes(input)) {
    const columns = laneColumns(group.set, group.pods.keys(), group.claims);
    const info = columns.length > options.compactAbove ? compactLane(b, group, columns, input, byClaim, y, options) : fullLane(b, group, columns, input, byClaim, y, options);
    lanes.push(info);
    y += info.height + g.LANE_GAP;
    right = Math.max(right, info.width);
  }
  const unowned = [...input.claims.values()].filter((c) => !c.owner || c.ordinal === null).sort((a, c) => (a.name < c.name ? -1 : 1));
  const hasFree = unowned.length > 0 || free.length > 0;
  if (hasFree) y = freeArea(b, unowned, free, byClaim, y, options) + g.LANE_GAP;
  const classes = [...input.classes.values()].sort((a, c) => (a.name < c.name ? -1 : 1));
  if (options.classesBelow) classColumn(b, classes, 0, y);
  else classColumn(b, classes, right + 48, 0);

  const changed = b.changed || !prev || prev.nodes.length !== b.nodes.length;
  const edgesChanged = !prev || prev.edges.length !== b.edges.length || b.edges.some((e, i) => prev.edges[i] !== e);
  return {
    nodes: changed ? b.nodes : prev.nodes,
    edges: edgesChanged ? b.edges : prev.edges,
    lanes,
    signature: lanes.map((l) => `${l.name}${l.compact ? '#compact' : ''}`).join('|') + (hasFree ? '|+free' : ''),
    byId: b.byId,
    edgeById: b.edgeById,
  };
}

function laneNode(b: Builder, group: LaneGroup, y: number, width: number, height: number, compact: boolean, headerHeight: number): void {
  b.node({ id: `lane:${group.name}`, type: 'lane', position: { x: 0, y }, width, height, zIndex: -1, ...FIXED, data: { name: group.name, set: group.set, title: laneTitle(group.name, group.set, group.claims.length), compact, claimCount: group.claims.length, headerHeight } });
}

function fullLane(b: Builder, group: LaneGroup, columns: number[], input: LayoutInput, byClaim: ReadonlyMap<string, VolumeView>, laneTop: number, options: g.LayoutOptions): LaneInfo {
  const { set, name } = group;
  const rows = templateRows(set, group.claims);
  const width = g.fullLaneWidth(columns.length, options.laneMinWidth);
  // Everything under the header moves down when the header is taller than usual.
  const extra = options.headerHeight - g.HEADER_H;
  const height = g.fullLaneHeight(rows.length) + extra;
  laneNode(b, group, laneTop, width, height, false, options.headerHeight);
  const y = laneTop + extra;
  const serviceName = set?.serviceName ?? '';
  if (set) {
    b.node({ id: `svc:${name}`, type: 'service', position: { x: g.LANE_PAD, y: y + g.SVC_Y }, width: width - 2 * g.LANE_PAD, height: g.SVC_H, ...FIXED, data: { setName: name, serviceName, service: input.services.get(serviceName) ?? null } });
  }
  const claimsAt = new Map<number, ClaimView[]>();
  for (const c of group.claims) {
    const list = claimsAt.get(c.ordinal ?? -1);
    if (list) list.push(c);
    else claimsAt.set(c.ordinal ?? -1, [c]);
  }
  columns.forEach((ordinal, i) => {
    const x = g.colX(i);
    const pod = group.pods.get(ordinal);
    let podId: string | null = null;
    if (pod) {
      podId = `pod:${pod.name}:${pod.uid}`;
      const kind = revisionKind(pod, set);
      b.node({ id: podId, type: 'pod', position: { x, y: y + g.POD_Y }, width: g.NODE_W, height: g.POD_H, handles: g.POD_HANDLES, ...FIXED, data: { pod, setName: name, serviceName, revisionKind: kind, shortRevision: shortRevision(pod.revision, name) } });
    } else if (set && ordinal >= set.ordinalsStart && ordinal < set.ordinalsStart + set.replicas) {
      b.node({ id: `slot:${name}:${ordinal}`, type: 'slot', position: { x, y: y + g.POD_Y }, width: g.NODE_W, height: g.POD_H, ...FIXED, data: { setName: name, ordinal } });
    }
    for (const claim of claimsAt.get(ordinal) ?? []) {
      const row = Math.max(0, rows.indexOf(claim.template ?? ''));
      const claimId = `pvc:${claim.name}`;
      b.node({ id: claimId, type: 'claim', position: { x, y: y + g.claimY(row) }, width: g.NODE_W, height: g.CLAIM_H, handles: g.CLAIM_HANDLES, ...FIXED, data: { claim, retained: !pod, blocking: !!pod?.failing && claim.phase !== 'Bound' } });
      if (podId) {
        const straight = row === 0;
        b.edge({ id: `e:${podId}>${claimId}`, source: podId, target: claimId, sourceHandle: straight ? 'b' : 'l', targetHandle: straight ? 't' : 'l', type: straight ? 'straight' : 'smoothstep', pathOptions: straight ? undefined : PATH_OPTIONS[Math.min(row - 1, PATH_OPTIONS.length - 1)], className: claim.phase === 'Bound' ? 'sts-edge sts-edge-ok' : 'sts-edge sts-edge-wait' });
      }
      const volume = byClaim.get(claim.name);
      if (volume) volumeUnder(b, claimId, claim, volume, x, y + g.volumeY(row));
    }
  });
  const part = partitionPlace(set, columns);
  if (set && part) {
    const top = y + g.BAND_Y;
    b.node({ id: `part:${name}`, type: 'partition', position: { x: partitionX(part.index) - g.COL_GAP / 2, y: top }, width: g.COL_GAP, height: laneTop + height - g.LANE_BOTTOM / 2 - top, zIndex: 1, ...FIXED, data: { setName: name, partition: set.partition, where: part.where } });
  }
  const why = input.why.get(name);
  if (why?.message) {
    const ord = whyOrdinal(why, input.pods);
    const index = ord === null ? -1 : columns.indexOf(ord);
    const position = index >= 0 ? { x: g.colX(index) + (g.NODE_W - g.WHY_W) / 2, y: y + g.WHY_Y } : { x: width - g.LANE_PAD - g.WHY_W, y: y + g.WHY_Y };
    b.node({ id: `why:${name}`, type: 'why', position, width: g.WHY_W, height: g.BAND_H, zIndex: 2, ...FIXED, data: { setName: name, message: why.message, target: why.pod ?? (ord !== null ? `${name}-${ord}` : name) } });
  }
  return { name, compact: false, columns, y: laneTop, width, height };
}

function volumeUnder(b: Builder, claimId: string, claim: ClaimView, volume: VolumeView, x: number, y: number): void {
  const pvId = `pv:${volume.name}`;
  b.node({ id: pvId, type: 'volume', position: { x, y }, width: g.NODE_W, height: g.PV_H, handles: g.VOLUME_HANDLES, ...FIXED, data: { volume } });
  b.edge({ id: `e:${claimId}>${pvId}`, source: claimId, target: pvId, sourceHandle: 'b', targetHandle: 't', type: 'straight', className: claim.phase === 'Bound' && volume.phase === 'Bound' ? 'sts-edge sts-edge-ok' : 'sts-edge sts-edge-wait' });
}

/** The cells of a compact lane, one per column ordinal. Exported for tests. */
export function compactCells(group: { name: string; set: SetView | null; pods: ReadonlyMap<number, PodView>; claims: readonly ClaimView[] }, columns: readonly number[], waitingOrdinal: number | null): CompactCell[] {
  const { set, name } = group;
  const claimsAt = new Map<number, ClaimView[]>();
  for (const c of group.claims) {
    const list = claimsAt.get(c.ordinal ?? -1);
    if (list) list.push(c);
    else claimsAt.set(c.ordinal ?? -1, [c]);
  }
  const part = partitionPlace(set, columns);
  return columns.map((ordinal, i): CompactCell => {
    const pod = group.pods.get(ordinal) ?? null;
    const claims = claimsAt.get(ordinal) ?? [];
    if (claims.length > 1 && set) claims.sort((a, c) => set.templates.indexOf(a.template ?? '') - set.templates.indexOf(c.template ?? ''));
    return {
      ordinal,
      name: pod?.name ?? `${name}-${ordinal}`,
      pod,
      revisionKind: pod ? revisionKind(pod, set) : 'current',
      claims,
      slot: pod ? 'pod' : claims.length > 0 ? 'retained' : 'placeholder',
      partitionEdge: !!part && part.where !== 'none' && part.index === i,
      waiting: waitingOrdinal === ordinal,
    };
  });
}

function compactLane(b: Builder, group: LaneGroup, columns: number[], input: LayoutInput, byClaim: ReadonlyMap<string, VolumeView>, y: number, options: g.LayoutOptions): LaneInfo {
  const { set, name } = group;
  const why = input.why.get(name);
  const waiting = why?.message ? whyOrdinal(why, input.pods) : null;
  const id = `compact:${name}`;
  const cells = b.cells(id, compactCells(group, columns, waiting));
  const size = g.compactSize(cells.length, options.compactColumns, options.cell, options.laneMinWidth);
  const width = Math.max(options.laneMinWidth, size.width + 2 * g.LANE_PAD);
  const height = options.headerHeight + 8 + size.height + g.LANE_BOTTOM;
  laneNode(b, group, y, width, height, true, options.headerHeight);
  let bound = 0;
  for (const c of group.claims) if (byClaim.get(c.name)?.phase === 'Bound') bound++;
  b.node({
    id,
    type: 'compact',
    position: { x: g.LANE_PAD, y: y + options.headerHeight + 8 },
    width: size.width,
    height: size.height,
    ...FIXED,
    data: {
      set,
      name,
      serviceName: set?.serviceName ?? '',
      service: set ? (input.services.get(set.serviceName) ?? null) : null,
      cells,
      columns: size.columns,
      cell: options.cell,
      partition: set?.strategy === 'RollingUpdate' ? set.partition : null,
      whyMessage: why?.message ?? null,
      whyTarget: why?.message ? (why.pod ?? (waiting !== null ? `${name}-${waiting}` : name)) : null,
      boundVolumes: bound,
      claimCount: group.claims.length,
    },
  });
  return { name, compact: true, columns, y, width, height };
}

function freeArea(b: Builder, unowned: readonly ClaimView[], free: readonly VolumeView[], byClaim: ReadonlyMap<string, VolumeView>, top: number, options: g.LayoutOptions): number {
  const perRow = options.freePerRow;
  const shown = free.slice(0, g.FREE_MAX);
  const claimRows = unowned.length > 0 ? 1 : 0;
  let y = top + g.AREA_HEAD;
  unowned.forEach((claim, i) => {
    const x = g.AREA_PAD + i * g.COL_W;
    const claimId = `pvc:${claim.name}`;
    b.node({ id: claimId, type: 'claim', position: { x, y }, width: g.NODE_W, height: g.CLAIM_H, handles: g.CLAIM_HANDLES, ...FIXED, data: { claim, retained: false, blocking: false } });
    const volume = byClaim.get(claim.name);
    if (volume) volumeUnder(b, claimId, claim, volume, x, y + g.CLAIM_H + g.ROW_GAP);
  });
  // Free volumes stand to the right of the claims (a half-column apart), so they do not read as part of a claim's stack.
  const left = g.AREA_PAD + (unowned.length > 0 ? unowned.length * g.COL_W + g.COL_W / 2 : 0);
  shown.forEach((volume, i) => {
    const x = left + (i % perRow) * g.COL_W;
    const vy = y + Math.floor(i / perRow) * (g.PV_H + 12);
    b.node({ id: `pv:${volume.name}`, type: 'volume', position: { x, y: vy }, width: g.NODE_W, height: g.PV_H, handles: g.VOLUME_HANDLES, ...FIXED, data: { volume } });
  });
  const freeHeight = shown.length > 0 ? Math.ceil(shown.length / perRow) * (g.PV_H + 12) - 12 + g.ROW_GAP : 0;
  y += Math.max(claimRows ? g.CLAIM_H + g.ROW_GAP + g.PV_H + g.ROW_GAP : 0, freeHeight);
  const right = shown.length > 0 ? left + Math.min(shown.length, perRow) * g.COL_W : g.AREA_PAD + unowned.length * g.COL_W;
  const width = Math.max(options.laneMinWidth, right - g.COL_GAP + g.AREA_PAD);
  const height = y - top - g.ROW_GAP + g.AREA_PAD;
  const more = free.length - shown.length;
  const title = unowned.length > 0 ? 'Claims and volumes outside any StatefulSet' : 'Volumes without a claim';
  b.node({ id: 'area:free', type: 'area', position: { x: 0, y: top }, width, height, zIndex: -1, ...FIXED, data: { title: more > 0 ? `${title} (${more} more not drawn)` : title, testId: 'free-volumes' } });
  return top + height;
}

function classColumn(b: Builder, classes: readonly ClassView[], x: number, y: number): void {
  if (classes.length === 0) return;
  const height = g.AREA_HEAD + classes.length * (g.CLASS_H + 12) + g.AREA_PAD - 12;
  b.node({ id: 'area:classes', type: 'area', position: { x, y }, width: g.CLASS_W + 2 * g.AREA_PAD, height, zIndex: -1, ...FIXED, data: { title: 'StorageClasses', testId: 'storage-classes' } });
  classes.forEach((cls, i) => {
    b.node({ id: `sc:${cls.name}`, type: 'class', position: { x: x + g.AREA_PAD, y: y + g.AREA_HEAD + i * (g.CLASS_H + 12) }, width: g.CLASS_W, height: g.CLASS_H, ...FIXED, data: { cls } });
  });
}
