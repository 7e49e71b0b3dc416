/**
 * Colours of the canvas, as Tailwind classes (written out in full so
 * Tailwind finds them), and as hex for the MiniMap.
 */
import type { PodStage } from '../../protocol/protocol';
import type { RevisionKind } from './types';

export const STAGE_BOX: Record<PodStage, string> = {
  Pending: 'border-slate-400 bg-slate-100 dark:border-slate-500 dark:bg-slate-800',
  ContainerCreating: 'border-amber-400 bg-amber-50 dark:border-amber-500 dark:bg-amber-950',
  Running: 'border-sky-400 bg-sky-50 dark:border-sky-500 dark:bg-sky-950',
  Ready: 'border-emerald-500 bg-emerald-50 dark:border-emerald-500 dark:bg-emerald-950',
  Failed: 'border-red-600 bg-red-50 dark:border-red-500 dark:bg-red-950',
  Terminating: 'border-dashed border-slate-400 bg-slate-100 sts-striped dark:border-slate-500 dark:bg-slate-800',
  Completed: 'border-slate-300 bg-slate-100 dark:border-slate-600 dark:bg-slate-800',
};

export const STAGE_TEXT: Record<PodStage, string> = {
  Pending: 'text-slate-600 dark:text-slate-300',
  ContainerCreating: 'text-amber-700 dark:text-amber-300',
  Running: 'text-sky-700 dark:text-sky-300',
  Ready: 'text-emerald-700 dark:text-emerald-300',
  Failed: 'text-red-700 dark:text-red-300 font-bold',
  Terminating: 'text-slate-500 dark:text-slate-400',
  Completed: 'text-slate-500 dark:text-slate-400',
};

/** Small grid cells: solid fills. */
export const STAGE_CELL: Record<PodStage, string> = {
  Pending: 'bg-slate-400 dark:bg-slate-500',
  ContainerCreating: 'bg-amber-400',
  Running: 'bg-sky-400',
  Ready: 'bg-emerald-500',
  Failed: 'bg-red-600',
  Terminating: 'bg-slate-300 sts-striped opacity-60 dark:bg-slate-600',
  Completed: 'bg-slate-300 dark:bg-slate-600',
};

export const STAGE_HEX: Record<PodStage, string> = {
  Pending: '#94a3b8',
  ContainerCreating: '#fbbf24',
  Running: '#38bdf8',
  Ready: '#10b981',
  Failed: '#dc2626',
  Terminating: '#cbd5e1',
  Completed: '#cbd5e1',
};

/** The left edge of a pod box tells its revision. */
export const REVISION_EDGE: Record<RevisionKind, string> = {
  current: 'border-l-[5px] border-l-blue-400 dark:border-l-blue-500',
  update: 'border-l-[5px] border-l-violet-600 dark:border-l-violet-400',
  old: 'border-l-[5px] border-l-slate-500',
};

export const REVISION_BADGE: Record<RevisionKind, string> = {
  current: 'bg-blue-100 text-blue-800 dark:bg-blue-900 dark:text-blue-100',
  update: 'bg-violet-600 text-white dark:bg-violet-500',
  old: 'bg-slate-300 text-slate-800 dark:bg-slate-600 dark:text-slate-100',
};

export const REVISION_WORD: Record<RevisionKind, string> = { current: 'current', update: 'new', old: 'old' };

export function claimBox(phase: string, retained: boolean, blocking: boolean): string {
  if (blocking) return 'border-2 border-red-600 bg-red-50 dark:border-red-500 dark:bg-red-950';
  const dash = retained ? 'border-dashed border-2 ' : '';
  switch (phase) {
    case 'Bound':
      return `${dash}border-emerald-500 ${retained ? 'bg-white dark:bg-slate-900' : 'bg-emerald-50 dark:bg-emerald-950'}`;
    case 'Pending':
      return `${dash}border-amber-400 bg-amber-50 dark:border-amber-500 dark:bg-amber-950`;
    case 'Lost':
      return `${dash}border-red-600 bg-red-50 dark:bg-red-950`;
    case 'Terminating':
      return 'border-dashed border-slate-400 bg-slate-100 sts-striped opacity-70 dark:bg-slate-800';
    default:
      return `${dash}border-slate-400 bg-slate-50 dark:bg-slate-800`;
  }
}

export function volumeBox(phase: string): string {
  switch (phase) {
    case 'Bound':
      return 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950';
    case 'Available':
      return 'border-sky-400 bg-sky-50 dark:bg-sky-950';
    case 'Released':
      return 'border-orange-400 bg-orange-50 dark:bg-orange-950';
    case 'Failed':
      return 'border-2 border-red-600 bg-red-50 dark:bg-red-950';
    case 'Terminating':
      return 'border-dashed border-slate-400 bg-slate-100 sts-striped opacity-70 dark:bg-slate-800';
    default:
      return 'border-slate-400 bg-slate-50 dark:bg-slate-800';
  }
}

export const PHASE_TEXT: Record<string, string> = {
  Bound: 'text-emerald-700 dark:text-emerald-300',
  Pending: 'text-amber-700 dark:text-amber-300',
  Available: 'text-sky-700 dark:text-sky-300',
  Released: 'text-orange-700 dark:text-orange-300',
  Failed: 'text-red-700 dark:text-red-300 font-bold',
  Lost: 'text-red-700 dark:text-red-300 font-bold',
};

export const CLAIM_STRIP: Record<string, string> = {
  Bound: 'bg-emerald-600',
  Pending: 'bg-amber-500',
  Lost: 'bg-red-600',
  Terminating: 'bg-slate-400',
};

/** Shared box look of a node that fills its fixed size. */
export const BOX_BASE = 'h-full w-full rounded-md border px-2 py-1 text-[11px] leading-4 text-slate-800 shadow-sm transition-colors duration-300 dark:text-slate-100';
export const BOX = `${BOX_BASE} overflow-hidden`;
export const FOCUS = 'outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-1 dark:focus-visible:ring-offset-slate-900';
export const SELECTED = 'ring-2 ring-sky-500 ring-offset-2 dark:ring-offset-slate-900';
