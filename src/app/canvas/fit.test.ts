import { describe, expect, it } from 'vitest';
import { contentBounds, fitAvoiding, isClear, onScreen, type Box } from './fit';

const opts = { margin: 8, minZoom: 0.05, maxZoom: 1 };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('contentBounds', () => {
  it('is the box around every node, or null without nodes', () => {
    expect(contentBounds([])).toBeNull();
    expect(contentBounds([{ position: { x: 10, y: 20 }, width: 100, height: 50 }, { position: { x: -5, y: 100 }, width: 10, height: 10 }])).toEqual({ x: -5, y: 20, width: 115, height: 90 });
  });
});

describe('fitAvoiding', () => {
  const canvas = { width: 1000, height: 600 };
  // The playground's corners: legend top-left, zoom buttons top-right, overview map bottom-right, why box bottom-left.
  const corners: Box[] = [
    { x: 15, y: 15, width: 150, height: 26 },
    { x: 900, y: 15, width: 85, height: 28 },
    { x: 825, y: 485, width: 160, height: 100 },
    { x: 8, y: 560, width: 500, height: 32 },
  ];

  it('with no overlays, centres the content at the largest zoom that fits (capped at maxZoom)', () => {
    const vp = fitAvoiding({ x: 0, y: 0, width: 2000, height: 400 }, canvas, [], opts);
    expect(vp.zoom).toBeCloseTo((1000 - 16) / 2000);
    const s = onScreen({ x: 0, y: 0, width: 2000, height: 400 }, vp);
    expect(s.x).toBeCloseTo(8);
    expect(s.y + s.height / 2).toBeCloseTo(300);
    expect(fitAvoiding({ x: 0, y: 0, width: 100, height: 100 }, canvas, [], opts).zoom).toBe(1);
  });

  // Content of every shape, from a single pod to a thousand ordinals, wide and tall.
  const shapes: Box[] = [
    { x: 0, y: 0, width: 600, height: 230 },
    { x: 0, y: 0, width: 2276, height: 408 },
    { x: -40, y: 30, width: 396, height: 900 },
    { x: 0, y: 0, width: 160, height: 88 },
    { x: 0, y: 0, width: 9500, height: 300 },
  ];
  const canvases = [canvas, { width: 390, height: 560 }, { width: 700, height: 300 }];
  for (const shape of shapes) {
    for (const c of canvases) {
      it(`keeps a ${shape.width}×${shape.height} content on a ${c.width}×${c.height} canvas clear of every overlay`, () => {
        const overlays = corners.map((o) => ({ ...o, x: Math.min(o.x, c.width - o.width - 5), y: Math.min(o.y, c.height - o.height - 5) }));
        const vp = fitAvoiding(shape, c, overlays, { ...opts, minZoom: 0.01 });
        const s = onScreen(shape, vp);
        expect(s.x).toBeGreaterThanOrEqual(-1e-6);
        expect(s.y).toBeGreaterThanOrEqual(-1e-6);
        expect(s.x + s.width).toBeLessThanOrEqual(c.width + 1e-6);
        expect(s.y + s.height).toBeLessThanOrEqual(c.height + 1e-6);
        for (const o of overlays) expect(overlap(s, o), `content ${JSON.stringify(s)} under ${JSON.stringify(o)}`).toBe(false);
        expect(isClear(shape, vp, c, overlays)).toBe(true);
      });
    }
  }

  it('passes a tall overlay at the side when that allows a larger zoom than a band across the canvas', () => {
    // A band 350 px high at the bottom would cost more than a strip 200 px wide at the right.
    const map = { x: 800, y: 250, width: 200, height: 300 };
    const wide = { x: 0, y: 0, width: 700, height: 300 };
    const vp = fitAvoiding(wide, { width: 1000, height: 600 }, [map], { ...opts, maxZoom: 4 });
    expect(vp.zoom).toBeCloseTo((800 - 16) / 700);
    expect(overlap(onScreen(wide, vp), map)).toBe(false);
  });

  it('ignores overlays with no size or off the canvas', () => {
    const a = fitAvoiding({ x: 0, y: 0, width: 500, height: 500 }, canvas, [{ x: 0, y: 0, width: 0, height: 0 }, { x: 2000, y: 0, width: 50, height: 50 }], opts);
    expect(a).toEqual(fitAvoiding({ x: 0, y: 0, width: 500, height: 500 }, canvas, [], opts));
  });

  it('falls back to minZoom, centred, when nothing fits', () => {
    const vp = fitAvoiding({ x: 0, y: 0, width: 1e6, height: 10 }, canvas, corners, opts);
    expect(vp.zoom).toBe(opts.minZoom);
  });
});

describe('isClear', () => {
  const c = { width: 500, height: 400 };
  it('is false when the content leaves the canvas or runs under an overlay', () => {
    const b = { x: 0, y: 0, width: 100, height: 100 };
    expect(isClear(b, { x: 10, y: 10, zoom: 1 }, c, [])).toBe(true);
    expect(isClear(b, { x: 450, y: 10, zoom: 1 }, c, [])).toBe(false);
    expect(isClear(b, { x: 10, y: 10, zoom: 1 }, c, [{ x: 50, y: 50, width: 20, height: 20 }])).toBe(false);
    expect(isClear(b, { x: 10, y: 10, zoom: 1 }, c, [{ x: 200, y: 50, width: 20, height: 20 }])).toBe(true);
  });
});
