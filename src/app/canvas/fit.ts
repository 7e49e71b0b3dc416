/**
 * Where to put the camera so that everything drawn is in view and clear of
 * the things floating over the canvas (legend, zoom buttons, overview map,
 * the why box). Pure: boxes in, viewport out.
 *
 * Each overlay sits against the canvas's edges; the content can pass it on
 * one of four sides. Every choice of side per overlay gives a padded box the
 * content must fit in; the choice that allows the largest zoom wins, and the
 * content is centred in that box. So a wide, short why box takes a band at
 * the bottom, while a tall overview map in a canvas that is wide enough takes
 * a strip at the right.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface FitOptions {
  /** Px kept free between the content and the canvas's edges or an overlay. */
  margin: number;
  minZoom: number;
  maxZoom: number;
}

/** The box around every node (flow units); null when there are none. */
export function contentBounds(nodes: readonly { position: { x: number; y: number }; width?: number; height?: number }[]): Box | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const n of nodes) {
    left = Math.min(left, n.position.x);
    top = Math.min(top, n.position.y);
    right = Math.max(right, n.position.x + (n.width ?? 0));
    bottom = Math.max(bottom, n.position.y + (n.height ?? 0));
  }
  return left === Infinity ? null : { x: left, y: top, width: right - left, height: bottom - top };
}

interface Pad {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The four ways to keep clear of `o` inside a `w`×`h` canvas: the padding on one side that passes it. */
function passes(o: Box, w: number, h: number): Pad[] {
  const zero = { top: 0, right: 0, bottom: 0, left: 0 };
  return [
    { ...zero, top: o.y + o.height },
    { ...zero, bottom: h - o.y },
    { ...zero, left: o.x + o.width },
    { ...zero, right: w - o.x },
  ];
}

/**
 * The viewport that shows `bounds` whole, as large as allowed, clear of every
 * overlay (boxes in canvas px). When even `minZoom` cannot fit, the content
 * is centred at `minZoom` and may run under an overlay or off the canvas.
 */
export function fitAvoiding(bounds: Box, canvas: { width: number; height: number }, overlays: readonly Box[], options: FitOptions): Viewport {
  const { width: w, height: h } = canvas;
  const bw = Math.max(1, bounds.width);
  const bh = Math.max(1, bounds.height);
  // Overlays that are not on the canvas (or have no size) need no room.
  // (Four sides per overlay: 4^n choices, so a handful at most; the playground has six.)
  const shown = overlays.filter((o) => o.width > 0 && o.height > 0 && o.x < w && o.y < h && o.x + o.width > 0 && o.y + o.height > 0).slice(0, 7);
  const choices = shown.map((o) => passes(o, w, h));
  let best: { zoom: number; pad: Pad } | null = null;
  const pick = (i: number, pad: Pad) => {
    if (i === choices.length) {
      const availW = w - pad.left - pad.right - 2 * options.margin;
      const availH = h - pad.top - pad.bottom - 2 * options.margin;
      if (availW <= 0 || availH <= 0) return;
      const zoom = Math.min(availW / bw, availH / bh, options.maxZoom);
      if (!best || zoom > best.zoom + 1e-9) best = { zoom, pad };
      return;
    }
    for (const p of choices[i] ?? []) {
      pick(i + 1, { top: Math.max(pad.top, p.top), right: Math.max(pad.right, p.right), bottom: Math.max(pad.bottom, p.bottom), left: Math.max(pad.left, p.left) });
    }
  };
  pick(0, { top: 0, right: 0, bottom: 0, left: 0 });
  const chosen: { zoom: number; pad: Pad } = best ?? { zoom: options.minZoom, pad: { top: 0, right: 0, bottom: 0, left: 0 } };
  const zoom = Math.max(options.minZoom, chosen.zoom);
  const { pad } = chosen;
  const availW = w - pad.left - pad.right;
  const availH = h - pad.top - pad.bottom;
  return {
    x: pad.left + (availW - bw * zoom) / 2 - bounds.x * zoom,
    y: pad.top + (availH - bh * zoom) / 2 - bounds.y * zoom,
    zoom,
  };
}

/** Where `bounds` lands on the canvas (px) under `vp`. */
export function onScreen(bounds: Box, vp: Viewport): Box {
  return { x: bounds.x * vp.zoom + vp.x, y: bounds.y * vp.zoom + vp.y, width: bounds.width * vp.zoom, height: bounds.height * vp.zoom };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether `bounds` under `vp` is wholly on the canvas and under no overlay (1 px of slack for rounding). */
export function isClear(bounds: Box, vp: Viewport, canvas: { width: number; height: number }, overlays: readonly Box[]): boolean {
  const s = onScreen(bounds, vp);
  const inner = { x: s.x + 1, y: s.y + 1, width: Math.max(0, s.width - 2), height: Math.max(0, s.height - 2) };
  if (inner.x < 0 || inner.y < 0 || inner.x + inner.width > canvas.width || inner.y + inner.height > canvas.height) return false;
  return overlays.every((o) => o.width <= 0 || o.height <= 0 || !overlap(inner, o));
}
