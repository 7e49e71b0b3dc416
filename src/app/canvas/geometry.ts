/**
 * Sizes and offsets of everything on the canvas, in flow units. Nodes have
 * fixed sizes (React Flow then never has to measure them, and the MiniMap
 * can draw them); the components fill exactly these boxes.
 */
import type { NodeHandle, Position } from '@xyflow/react';

export const NODE_W = 160;
export const COL_GAP = 28;
export const COL_W = NODE_W + COL_GAP;
export const LANE_PAD = 24;
export const LANE_MIN_W = 600;
export const LANE_GAP = 40;
/** Two lines of facts about the set. */
export const HEADER_H = 52;
export const SVC_Y = 58;
export const SVC_H = 28;
/** The band between the Service bar and the pods: partition labels on top, wait badges under them. */
export const BAND_Y = SVC_Y + SVC_H + 4;
export const BAND_H = 18;
export const WHY_Y = BAND_Y + BAND_H + 4;
export const POD_Y = WHY_Y + BAND_H + 6;
export const POD_H = 88;
export const ROW_GAP = 28;
export const CLAIM_H = 56;
export const PV_H = 56;
export const LANE_BOTTOM = 16;
export const WHY_W = 84;

/** Above this many ordinals a set is drawn as one grid of small cells. */
export const COMPACT_THRESHOLD = 60;
export const COMPACT_COLUMNS = 50;
export const CELL = 16;
export const CELL_GAP = 2;
export const CELL_PITCH = CELL + CELL_GAP;
export const COMPACT_HEAD = 44;
export const COMPACT_PAD = 12;
/** The grid's own header: one line over small cells; two (it wraps in a narrow lane) over large ones. */
export const compactHead = (cell: number) => (cell > CELL ? COMPACT_HEAD + 22 : COMPACT_HEAD);

export const CLASS_W = 200;
export const CLASS_H = 52;
export const AREA_HEAD = 28;
export const AREA_PAD = 16;
export const FREE_PER_ROW = 8;
/** Free volumes beyond this are counted, not drawn. */
export const FREE_MAX = 96;

/** Left edge of the column at `index`, relative to the lane. */
export const colX = (index: number) => LANE_PAD + index * COL_W;

/** Top of the claim row for template `row`, relative to the lane. */
export const claimY = (row: number) => POD_Y + POD_H + ROW_GAP + row * (CLAIM_H + ROW_GAP + PV_H + ROW_GAP);
export const volumeY = (row: number) => claimY(row) + CLAIM_H + ROW_GAP;

export function fullLaneHeight(rows: number): number {
  return rows === 0 ? POD_Y + POD_H + LANE_BOTTOM : volumeY(rows - 1) + PV_H + LANE_BOTTOM;
}

export function fullLaneWidth(columns: number, minWidth = LANE_MIN_W): number {
  return Math.max(minWidth, LANE_PAD * 2 + Math.max(1, columns) * COL_W - COL_GAP);
}

/** The grid of a compact lane: `perRow` cells of `cell` px per row at most. */
export function compactSize(cells: number, perRow = COMPACT_COLUMNS, cell = CELL, minWidth = LANE_MIN_W): { width: number; height: number; columns: number } {
  const columns = Math.max(1, Math.min(cells, perRow));
  const rows = Math.max(1, Math.ceil(cells / columns));
  const pitch = cell + CELL_GAP;
  return { columns, width: Math.max(minWidth - 2 * LANE_PAD, columns * pitch + 2 * COMPACT_PAD), height: compactHead(cell) + rows * pitch + COMPACT_PAD };
}

/**
 * How the canvas arranges things for the room it has. The wide arrangement
 * puts StorageClasses to the right and draws a set as a grid only past
 * COMPACT_THRESHOLD ordinals; the narrow one (a phone held upright) keeps
 * everything one column wide and readable without zooming: a set with more
 * ordinals than fit side by side becomes a grid of large numbered cells.
 */
export interface LayoutOptions {
  /** A lane with more ordinals than this is one grid node. */
  compactAbove: number;
  /** Cells per grid row at most, and their size. */
  compactColumns: number;
  cell: number;
  /** The narrowest a lane is drawn. */
  laneMinWidth: number;
  /** Height of a lane's header (its facts wrap onto more lines when narrow). */
  headerHeight: number;
  /** StorageClasses under the lanes instead of to their right. */
  classesBelow: boolean;
  /** Free volumes per row. */
  freePerRow: number;
}

export const WIDE_LAYOUT: LayoutOptions = { compactAbove: COMPACT_THRESHOLD, compactColumns: COMPACT_COLUMNS, cell: CELL, laneMinWidth: LANE_MIN_W, headerHeight: HEADER_H, classesBelow: false, freePerRow: FREE_PER_ROW };

/** Narrow cells: big enough to read an ordinal in and to tap. */
export const NARROW_CELL = 26;

/** The least zoom the narrow arrangement is made for: 11 px text reads at 9 px. */
export const NARROW_MIN_ZOOM = 0.8;

/** The arrangement for a canvas `width` px wide that is too narrow for the wide one (below NARROW_BELOW). */
export function narrowLayout(width: number): LayoutOptions {
  // What may be drawn across at NARROW_MIN_ZOOM, inside 10 px of margin each side.
  const room = (width - 20) / NARROW_MIN_ZOOM;
  // Ordinals drawn in full side by side: two on most phones, one on the narrowest.
  const full = Math.max(1, Math.min(2, Math.floor((room - 2 * LANE_PAD + COL_GAP) / COL_W)));
  // Grid cells across, inside the lane's and the grid's padding.
  const perRow = Math.max(4, Math.floor((Math.min(room, width) - 2 * LANE_PAD - 2 * COMPACT_PAD - 16) / (NARROW_CELL + CELL_GAP)));
  return {
    compactAbove: full,
    compactColumns: perRow,
    cell: NARROW_CELL,
    laneMinWidth: 2 * LANE_PAD + full * COL_W - COL_GAP,
    // The set's facts wrap onto three lines beside two columns, onto five beside one.
    headerHeight: full === 2 ? 96 : 140,
    classesBelow: true,
    freePerRow: full,
  };
}

/** Canvases narrower than this (in px) use the narrow arrangement. */
export const NARROW_BELOW = 560;

// Handles are declared, not measured: edges attach at known points.
const pos = (p: 'top' | 'bottom' | 'left' | 'right') => p as Position;
const handle = (id: string, type: 'source' | 'target', p: 'top' | 'bottom' | 'left', x: number, y: number): NodeHandle => ({ id, type, position: pos(p), x, y, width: 1, height: 1 });

export const POD_HANDLES: NodeHandle[] = [handle('b', 'source', 'bottom', NODE_W / 2, POD_H), handle('l', 'source', 'left', 0, POD_H / 2)];
export const CLAIM_HANDLES: NodeHandle[] = [handle('t', 'target', 'top', NODE_W / 2, 0), handle('l', 'target', 'left', 0, CLAIM_H / 2), handle('b', 'source', 'bottom', NODE_W / 2, CLAIM_H)];
export const VOLUME_HANDLES: NodeHandle[] = [handle('t', 'target', 'top', NODE_W / 2, 0)];
