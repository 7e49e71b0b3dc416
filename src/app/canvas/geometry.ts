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

export function fullLaneWidth(columns: number): number {
  return Math.max(LANE_MIN_W, LANE_PAD * 2 + Math.max(1, columns) * COL_W - COL_GAP);
}

export function compactSize(cells: number): { width: number; height: number; columns: number } {
  const columns = Math.max(1, Math.min(cells, COMPACT_COLUMNS));
  const rows = Math.max(1, Math.ceil(cells / columns));
  return { columns, width: Math.max(LANE_MIN_W - 2 * LANE_PAD, columns * CELL_PITCH + 2 * COMPACT_PAD), height: COMPACT_HEAD + rows * CELL_PITCH + COMPACT_PAD };
}

// Handles are declared, not measured: edges attach at known points.
const pos = (p: 'top' | 'bottom' | 'left' | 'right') => p as Position;
const handle = (id: string, type: 'source' | 'target', p: 'top' | 'bottom' | 'left', x: number, y: number): NodeHandle => ({ id, type, position: pos(p), x, y, width: 1, height: 1 });

export const POD_HANDLES: NodeHandle[] = [handle('b', 'source', 'bottom', NODE_W / 2, POD_H), handle('l', 'source', 'left', 0, POD_H / 2)];
export const CLAIM_HANDLES: NodeHandle[] = [handle('t', 'target', 'top', NODE_W / 2, 0), handle('l', 'target', 'left', 0, CLAIM_H / 2), handle('b', 'source', 'bottom', NODE_W / 2, CLAIM_H)];
export const VOLUME_HANDLES: NodeHandle[] = [handle('t', 'target', 'top', NODE_W / 2, 0)];
