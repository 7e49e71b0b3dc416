/**
 * A PersistentVolumeClaim and a PersistentVolume. A claim whose ordinal has
 * no pod is "retained": dashed, and it glows once when its pod returns.
 */
import { memo, useState } from 'react';
import type { NodeProps } from '@xyflow/react';
import { CLAIM_HANDLES, VOLUME_HANDLES } from '../geometry';
import { selectProps, useIsSelected } from '../select';
import { DeclaredHandles } from './Handles';
import { BOX, claimBox, FOCUS, PHASE_TEXT, SELECTED, volumeBox } from '../styles';
import type { ClaimNode as ClaimNodeType, VolumeNode as VolumeNodeType } from '../types';

function ClaimNodeView({ data }: NodeProps<ClaimNodeType>) {
  const { claim, retained, blocking } = data;
  const selected = useIsSelected('PersistentVolumeClaim', claim.name);
  // Count the times the claim went from retained to used, to replay the glow (React's "adjust state on prop change").
  const [was, setWas] = useState(retained);
  const [relit, setRelit] = useState(0);
  if (was !== retained) {
    setWas(retained);
    if (!retained) setRelit((n) => n + 1);
  }
  const size = claim.capacity ?? claim.request ?? '';
  const label = `PersistentVolumeClaim ${claim.name}: ${claim.phase}${retained ? ', retained (no pod at its ordinal)' : ''}${claim.volume ? `, volume ${claim.volume}` : ''}`;
  return (
    <>
      <div
        key={relit}
        data-testid={`pvc-${claim.name}`}
        data-phase={claim.phase}
        data-retained={retained ? 'true' : 'false'}
        data-blocking={blocking ? 'true' : 'false'}
        aria-label={label}
        title={`${label}\nclass ${claim.storageClass ?? '—'} · ${claim.accessModes.join(', ') || '—'}${claim.template ? `\ntemplate ${claim.template}` : ''}`}
        {...selectProps('PersistentVolumeClaim', claim.name)}
        className={`${BOX} ${claimBox(claim.phase, retained, blocking)} ${relit > 0 ? 'sts-relit' : ''} ${FOCUS} ${selected ? SELECTED : ''} cursor-pointer`}
      >
        <div className="flex items-center justify-between gap-1">
          <span className="truncate font-mono font-medium">{claim.name}</span>
          <span className="shrink-0 text-[9px] uppercase tracking-wide text-slate-500 dark:text-slate-400">pvc</span>
        </div>
        <div className="flex items-center gap-1">
          <span className={blocking ? 'font-bold text-red-700 dark:text-red-300' : (PHASE_TEXT[claim.phase] ?? 'text-slate-600 dark:text-slate-300')}>{claim.phase}</span>
          {size && <span className="text-slate-500 dark:text-slate-400">· {size}</span>}
          {retained && <span className="ml-auto rounded bg-slate-200 px-1 text-[9px] font-semibold uppercase tracking-wide text-slate-700 dark:bg-slate-700 dark:text-slate-200">retained</span>}
        </div>
        <div className="truncate text-[10px] text-slate-500 dark:text-slate-400">{blocking ? 'its pod waits for this claim' : `${claim.storageClass ?? 'no class'} · ${claim.accessModes.join(',')}`}</div>
      </div>
      <DeclaredHandles handles={CLAIM_HANDLES} />
    </>
  );
}

function VolumeNodeView({ data }: NodeProps<VolumeNodeType>) {
  const { volume } = data;
  const selected = useIsSelected('PersistentVolume', volume.name);
  const label = `PersistentVolume ${volume.name}: ${volume.phase}${volume.claim ? `, claim ${volume.claim}` : ''}`;
  return (
    <>
      <div
        data-testid={`pv-${volume.name}`}
        data-phase={volume.phase}
        aria-label={label}
        title={`${label}\nclass ${volume.storageClass ?? '—'} · reclaim ${volume.reclaimPolicy}`}
        {...selectProps('PersistentVolume', volume.name)}
        className={`${BOX} ${volumeBox(volume.phase)} ${FOCUS} ${selected ? SELECTED : ''} cursor-pointer`}
      >
        <div className="flex items-center justify-between gap-1">
          <span className="truncate font-mono font-medium">{volume.name}</span>
          <span className="shrink-0 text-[9px] uppercase tracking-wide text-slate-500 dark:text-slate-400">pv</span>
        </div>
        <div className="flex items-center gap-1">
          <span className={PHASE_TEXT[volume.phase] ?? 'text-slate-600 dark:text-slate-300'}>{volume.phase}</span>
          {volume.capacity && <span className="text-slate-500 dark:text-slate-400">· {volume.capacity}</span>}
          <span className="ml-auto text-[10px] text-slate-500 dark:text-slate-400">{volume.reclaimPolicy}</span>
        </div>
        <div className="truncate text-[10px] text-slate-500 dark:text-slate-400">
          {volume.storageClass ?? 'no class'}
          {volume.phase !== 'Bound' && volume.claim ? ` · was ${volume.claim}` : ''}
        </div>
      </div>
      <DeclaredHandles handles={VOLUME_HANDLES} />
    </>
  );
}

export const ClaimNode = memo(ClaimNodeView);
export const VolumeNode = memo(VolumeNodeView);
