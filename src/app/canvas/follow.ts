/**
 * The camera follows the content (see useFollow). React-side: it reads the
 * canvas's and the overlays' boxes from the DOM and moves React Flow's
 * viewport; the geometry itself is fit.ts.
 */
import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import { isTextEntry } from '../ui/keys';
import { fitAvoiding, isClear, type Box } from './fit';

/** What floats over the canvas: React Flow's panels (legend, zoom buttons, overview map, attribution) and the children given to CanvasPanel. */
const OVERLAYS = '.react-flow__panel, .sts-overlays > *';
export const FIT = { margin: 10, minZoom: 0.03, maxZoom: 1 };
export const GLIDE_MS = 300;

export interface Follow {
  /** The content's bounds changed (a set grew or shrank, a lane came or went). */
  contentIs(bounds: Box | null): void;
  /** The canvas changed size. */
  resized(): void;
  /** Refits for the overlays present now (when following) and watches their size; returns the cleanup. */
  watchOverlays(): () => void;
  /** Fits everything in view, clear of the overlays, and follows the content again. */
  fit(duration: number): void;
  /** The person moved the view: stop following. */
  letGo(): void;
  /** React Flow's move handler: a move with an event (wheel, drag, pinch) is the person's; one without is ours. */
  onMove(event: MouseEvent | TouchEvent | null): void;
}

/**
 * The camera follows the content: it fits everything in view, clear of the
 * overlays, on the first draw, when the content grows or shrinks, when the
 * canvas is resized and when an overlay grows over the content. Once the
 * person pans or zooms, it stops following, and a content change that leaves
 * something out of view offers a refit instead (a button, or the F key).
 */
export function useFollow(root: RefObject<HTMLDivElement | null>): { follow: Follow; stale: boolean } {
  const rf = useReactFlow();
  const [stale, setStale] = useState(false);
  const [state] = useState(() => ({ following: true, bounds: null as Box | null, target: null as Viewport | null }));

  const measure = useCallback(() => {
    const el = root.current;
    if (!el || el.clientWidth === 0 || el.clientHeight === 0) return null;
    const base = el.getBoundingClientRect();
    const overlays = [...el.querySelectorAll<HTMLElement>(OVERLAYS)].map((o) => {
      const r = o.getBoundingClientRect();
      return { x: r.left - base.left, y: r.top - base.top, width: r.width, height: r.height };
    });
    return { canvas: { width: el.clientWidth, height: el.clientHeight }, overlays };
  }, [root]);

  const fit = useCallback(
    (duration: number) => {
      const m = measure();
      state.following = true;
      setStale(false);
      if (!state.bounds || !m) return;
      const vp = fitAvoiding(state.bounds, m.canvas, m.overlays, FIT);
      state.target = vp;
      void rf.setViewport(vp, { duration });
    },
    [measure, rf, state],
  );

  const clear = useCallback(() => {
    const m = measure();
    if (!state.bounds || !m) return true;
    return isClear(state.bounds, state.following && state.target ? state.target : rf.getViewport(), m.canvas, m.overlays);
  }, [measure, rf, state]);

  const letGo = useCallback(() => {
    state.following = false;
    setStale(false);
  }, [state]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'f' && e.key !== 'F') return;
      if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target) || !measure()) return;
      e.preventDefault();
      fit(GLIDE_MS);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fit, measure]);

  // `stale`: content changed while the person had moved the view, and some of it is out of view.
  const follow = useMemo(
    (): Follow => ({
      contentIs(bounds) {
        const before = state.bounds;
        state.bounds = bounds;
        if (!bounds) return;
        const same = before && before.x === bounds.x && before.y === bounds.y && before.width === bounds.width && before.height === bounds.height;
        if (same) return;
        if (state.following) fit(before && state.target ? GLIDE_MS : 0);
        else if (!clear()) setStale(true);
      },
      resized() {
        if (state.following) fit(0);
      },
      watchOverlays() {
        const el = root.current;
        // The overlays came or went (the overview map, the why box): the best fit is another one.
        if (state.following && state.target) fit(0);
        if (!el || typeof ResizeObserver === 'undefined') return () => undefined;
        const observer = new ResizeObserver(() => {
          if (state.following && !clear()) fit(GLIDE_MS);
        });
        for (const o of el.querySelectorAll(OVERLAYS)) observer.observe(o);
        return () => observer.disconnect();
      },
      fit,
      letGo,
      onMove(event) {
        if (event && state.following) letGo();
      },
    }),
    [clear, fit, letGo, root, state],
  );
  return { follow, stale };
}
