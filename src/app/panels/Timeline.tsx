/**
 * Transport: play / pause, step to the next happening, speed, and the
 * virtual clock. The clock text is written by an animation frame loop, not by
 * React renders.
 */
import { useEffect, useRef } from 'react';
import { SpeedSelect } from '../ui/SpeedSelect';
import { currentVirtualTime, pause, play, setSpeed, stepToNext } from '../store/actions';
import { useSim } from '../store/store';

/** The cluster's wall clock starts at 09:00:00 UTC on 2025-01-01. */
const EPOCH_HOUR = 9;

export function formatClock(ms: number): { elapsed: string; wall: string } {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const elapsed = h > 0 ? `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s` : m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
  const wh = (EPOCH_HOUR + h) % 24;
  const wall = `${String(wh).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return { elapsed, wall };
}

const btn = 'rounded px-2 py-1 text-xs font-medium hover:bg-slate-200 disabled:opacity-40 dark:hover:bg-slate-800';

export function Timeline() {
  const playing = useSim((s) => s.transport.playing);
  const speed = useSim((s) => s.transport.speed);
  const idle = useSim((s) => s.transport.next === null);
  const clockRef = useRef<HTMLSpanElement>(null);
  const wallRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let frame = 0;
    let shown = '';
    const loop = () => {
      const { elapsed, wall } = formatClock(currentVirtualTime());
      if (elapsed !== shown) {
        shown = elapsed;
        if (clockRef.current) clockRef.current.textContent = `T+${elapsed}`;
        if (wallRef.current) wallRef.current.textContent = wall;
      }
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      // Space belongs to whatever has the focus when that is a field or a control (a focused button is pressed with Space).
      if (t && (t.closest('input, textarea, select, button, a[href], summary, [role="button"], [role="tab"], [role="slider"], [role="textbox"], [contenteditable="true"], .monaco-editor') || t.isContentEditable)) return;
      if (e.key === ' ' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        if (useSim.getState().transport.playing) pause();
        else play();
      } else if (e.key === '.' ) {
        void stepToNext();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 px-3 py-1 dark:border-slate-800" role="toolbar" aria-label="Timeline" data-testid="timeline">
      <button type="button" className={btn} onClick={() => (playing ? pause() : play())} aria-label={playing ? 'Pause (Space)' : 'Play (Space)'} data-testid="play-pause" title={playing ? 'Pause (Space)' : 'Play (Space)'}>
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" className={btn} onClick={() => void stepToNext()} disabled={idle} aria-label="Step to the next event (.)" title="Step to the next thing the cluster will do (.)" data-testid="step">
        Step ▸
      </button>
      <label className="flex items-center gap-1 text-xs">
        <span className="text-slate-500">Speed</span>
        <SpeedSelect value={speed} onChange={setSpeed} testId="speed" />
      </label>
      <span className="ml-2 font-mono text-xs tabular-nums" aria-label="Virtual time since the cluster started" data-testid="clock" ref={clockRef}>
        T+0s
      </span>
      <span className="font-mono text-xs text-slate-500 tabular-nums" aria-label="Cluster clock (UTC)" ref={wallRef}>
        09:00:00
      </span>
      <span className="text-xs text-slate-500" data-testid="idle">
        {idle ? 'idle: nothing scheduled' : playing ? '' : 'paused'}
      </span>
    </div>
  );
}
