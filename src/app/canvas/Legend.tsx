/**
 * What the colours mean. Collapsible, in a corner of the canvas.
 */
import { memo } from 'react';
import type { PodStage } from '../../protocol/protocol';
import { WaitIcon } from './nodes/SmallNodes';
import { REVISION_BADGE, STAGE_BOX } from './styles';

const STAGES: [PodStage | 'Failing', string][] = [
  ['Pending', 'Pending'],
  ['ContainerCreating', 'ContainerCreating'],
  ['Running', 'Running, not ready'],
  ['Ready', 'Ready'],
  ['Failing', 'Failed / stuck'],
  ['Terminating', 'Terminating'],
];

function Swatch({ stage, small = false }: { stage: PodStage | 'Failing'; small?: boolean }) {
  const cls = stage === 'Failing' ? `${STAGE_BOX.Failed} border-2` : STAGE_BOX[stage];
  return <span aria-hidden className={`inline-block rounded-sm border ${small ? 'h-2.5 w-2.5' : 'h-3 w-4'} ${cls}`} />;
}

function LegendView() {
  return (
    <details data-testid="canvas-legend" className="rounded-md border border-slate-200 bg-white/90 px-2 py-1 text-[11px] text-slate-700 shadow-sm backdrop-blur dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-200">
      <summary className="cursor-pointer font-semibold select-none">
        <span className="inline-flex items-center gap-1 align-middle">
          Legend
          {STAGES.map(([stage]) => (
            <Swatch key={stage} stage={stage} small />
          ))}
        </span>
      </summary>
      <ul className="mt-1 grid grid-cols-2 gap-x-3 gap-y-0.5">
        {STAGES.map(([stage, label]) => (
          <li key={stage} className="flex items-center gap-1.5">
            <Swatch stage={stage} />
            {label}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <span className={`rounded px-1 font-mono text-[9px] ${REVISION_BADGE.current}`}>current</span> revision
        </li>
        <li className="flex items-center gap-1.5">
          <span className={`rounded px-1 font-mono text-[9px] ${REVISION_BADGE.update}`}>new</span> update revision
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-4 rounded-sm border-2 border-dashed border-emerald-500" />
          claim retained
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-0 border-l-2 border-dashed border-violet-500" />
          <span className="ml-1.5">partition</span>
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-3 w-4 rounded-sm border-2 border-dashed border-slate-300 dark:border-slate-600" />
          not created yet
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="rounded-full border border-amber-400 bg-amber-100 px-1 text-amber-900 dark:bg-amber-900 dark:text-amber-100">
            <WaitIcon />
          </span>
          controller waits here
        </li>
      </ul>
    </details>
  );
}

export const Legend = memo(LegendView);
