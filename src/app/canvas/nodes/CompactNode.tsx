/**
 * A large set (more than COMPACT_THRESHOLD ordinals) as one grid of small
 * cells: colour = stage, violet inset = update revision, a bar under the cell
 * = its claim, a violet marker before the partition ordinal. One click
 * handler for the whole grid; cells are memoised by their (reused) objects,
 * so a batch that changes three pods re-renders three cells.
 */
import { memo, useCallback, type KeyboardEvent, type MouseEvent } from 'react';
import type { NodeProps } from '@xyflow/react';
import { select } from '../../store/actions';
import { useSim } from '../../store/store';
import { podAriaLabel, revisionAttr } from '../labels';
import { CLAIM_STRIP, STAGE_CELL } from '../styles';
import type { CompactCell, CompactNode as CompactNodeType } from '../types';
import { CELL, CELL_GAP } from '../geometry';
import { WaitIcon } from './SmallNodes';

function cellTitle(c: CompactCell): string {
  const claims = c.claims.map((x) => `${x.name}: ${x.phase}`).join('\n');
  if (c.pod) return [`${c.pod.name}: ${c.pod.status}, ready ${c.pod.ready}, revision ${revisionAttr(c.revisionKind)}`, c.pod.message, claims].filter(Boolean).join('\n');
  if (c.slot === 'retained') return `${c.name}: no pod, claims retained\n${claims}`;
  return `${c.name} (not created yet)`;
}

const Cell = memo(function Cell({ cell, selected, size }: { cell: CompactCell; selected: boolean; size: number }) {
  const { pod, slot } = cell;
  const fill = pod ? (pod.failing ? `${STAGE_CELL.Failed} animate-fail` : STAGE_CELL[pod.stage]) : slot === 'retained' ? 'border border-dashed border-slate-500 dark:border-slate-400' : 'border border-dotted border-slate-300 dark:border-slate-600';
  const revision = pod && cell.revisionKind === 'update' ? 'shadow-[inset_0_0_0_2px_#6d28d9]' : pod && cell.revisionKind === 'old' ? 'shadow-[inset_0_0_0_2px_#334155]' : '';
  const claim = cell.claims[0];
  const common = {
    'data-cell': cell.ordinal,
    title: cellTitle(cell),
    role: 'button' as const,
    tabIndex: -1,
    className: `relative rounded-[3px] transition-colors duration-300 ${fill} ${revision} ${cell.waiting ? 'outline-2 outline-amber-500' : ''} ${selected ? 'outline-2 outline-sky-500 outline-offset-1' : ''} focus-visible:outline-2 focus-visible:outline-sky-500`,
    style: { width: size, height: size },
  };
  const marks = (
    <>
      {size > CELL && (
        <span aria-hidden className={`absolute inset-0 flex items-center justify-center font-mono text-[10px] leading-none font-semibold ${pod ? (pod.failing ? 'text-white' : 'text-slate-900') : 'text-slate-500 dark:text-slate-400'}`}>
          {cell.ordinal}
        </span>
      )}
      {pod && cell.revisionKind === 'update' && <span aria-hidden className="absolute top-px right-px h-[6px] w-[6px] rounded-full bg-violet-700 ring-1 ring-white dark:bg-violet-400 dark:ring-slate-900" />}
      {cell.partitionEdge && <span aria-hidden className="absolute -top-0.5 -bottom-0.5 -left-[3px] w-[2px] rounded bg-violet-600 dark:bg-violet-400" />}
      {claim && <span aria-hidden className={`absolute right-0.5 bottom-0.5 left-0.5 h-[3px] rounded-sm ${slot === 'retained' ? 'bg-slate-500' : (CLAIM_STRIP[claim.phase] ?? 'bg-slate-400')} ${pod ? 'opacity-80 mix-blend-multiply dark:mix-blend-normal' : ''}`} />}
    </>
  );
  if (pod) {
    return (
      <div {...common} data-testid={`pod-${pod.name}`} data-stage={pod.stage} data-revision={revisionAttr(cell.revisionKind)} data-failing={pod.failing ? 'true' : 'false'} aria-label={podAriaLabel(pod, cell.revisionKind)}>
        {marks}
      </div>
    );
  }
  return (
    <div {...common} data-testid={`slot-${cell.name}`} data-retained={slot === 'retained' ? 'true' : 'false'} aria-label={slot === 'retained' ? `${cell.name}: no pod, claims retained` : `${cell.name} (not created yet)`}>
      {marks}
    </div>
  );
});

function target(e: { target: EventTarget | null }): HTMLElement | null {
  return e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('[data-cell]') : null;
}

function CompactNodeView({ data }: NodeProps<CompactNodeType>) {
  const { name, set, cells, columns, partition, service, serviceName, cell } = data;
  const prefix = `${name}-`;
  const selectedName = useSim((s) => (s.selection?.kind === 'Pod' && s.selection.name.startsWith(prefix) ? s.selection.name : null));
  const chooseCell = useCallback(
    (el: HTMLElement) => {
      const cell = cells.find((c) => String(c.ordinal) === el.dataset.cell);
      if (!cell) return;
      if (cell.pod) select({ kind: 'Pod', name: cell.pod.name });
      else if (cell.claims[0]) select({ kind: 'PersistentVolumeClaim', name: cell.claims[0].name });
    },
    [cells],
  );
  const onClick = (e: MouseEvent) => {
    const el = target(e);
    if (el) chooseCell(el);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const grid = e.currentTarget;
    const el = target(e);
    const items = grid.children;
    const at = el ? Array.prototype.indexOf.call(items, el) : -1;
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -Infinity, End: Infinity };
    const move = step[e.key];
    if (move !== undefined) {
      e.preventDefault();
      const next = at < 0 ? 0 : Math.max(0, Math.min(items.length - 1, at + move));
      (items[next] as HTMLElement | undefined)?.focus();
    } else if ((e.key === 'Enter' || e.key === ' ') && el) {
      e.preventDefault();
      chooseCell(el);
    }
  };
  const pods = cells.reduce((n, c) => n + (c.pod ? 1 : 0), 0);
  const failing = cells.reduce((n, c) => n + (c.pod?.failing ? 1 : 0), 0);
  return (
    <div data-testid={`compact-${name}`} className="flex h-full w-full flex-col rounded-lg border border-slate-200 bg-white px-3 pt-1.5 dark:border-slate-700 dark:bg-slate-900">
      <div className={`flex shrink-0 items-center gap-2 overflow-hidden text-[11px] text-slate-600 dark:text-slate-300 ${cell > CELL ? 'h-[54px] flex-wrap content-center gap-y-1' : 'h-8'}`}>
        <span className="shrink-0">
          {pods} {pods === 1 ? 'pod' : 'pods'}
          {data.claimCount > 0 && ` · ${data.boundVolumes}/${data.claimCount} claims bound`}
        </span>
        {failing > 0 && <span className="rounded bg-red-600 px-1 font-semibold text-white">{failing} failing</span>}
        {set && serviceName && (
          <span className="truncate font-mono" title={service ? `Service ${serviceName}` : `Service ${serviceName} not found`}>
            {service ? `svc ${serviceName}: ${name}-N.${serviceName}` : `Service ${serviceName} not found`}
          </span>
        )}
        {partition !== null && (
          <span data-testid={`partition-${name}`} data-partition={partition} title={`pods with ordinal ≥ ${partition} get the update revision (violet marker before that cell)`} className="shrink-0 rounded-full bg-violet-600 px-1.5 font-semibold text-white dark:bg-violet-500">
            partition {partition}
          </span>
        )}
        {data.whyMessage && (
          <span data-testid={`why-badge-${name}`} role="note" title={data.whyMessage} aria-label={`${name} is waiting: ${data.whyMessage}`} className="ml-auto inline-flex shrink-0 items-center gap-1 rounded-full border border-amber-400 bg-amber-100 px-1.5 font-semibold text-amber-900 dark:border-amber-600 dark:bg-amber-900 dark:text-amber-100">
            <WaitIcon /> waiting on {data.whyTarget}
          </span>
        )}
      </div>
      <div role="group" aria-label={`${name}: ${cells.length} ordinals; arrow keys move, Enter selects`} tabIndex={0} onClick={onClick} onKeyDown={onKeyDown} className="grid cursor-pointer outline-none focus-visible:ring-2 focus-visible:ring-sky-500" style={{ gridTemplateColumns: `repeat(${columns}, ${cell}px)`, gap: CELL_GAP }}>
        {cells.map((c) => (
          <Cell key={c.ordinal} cell={c} size={cell} selected={selectedName !== null && selectedName === c.pod?.name} />
        ))}
      </div>
    </div>
  );
}

export const CompactNode = memo(CompactNodeView);
