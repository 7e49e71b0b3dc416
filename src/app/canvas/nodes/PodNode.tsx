/**
 * A pod: name, revision (colour of the left edge and a badge), status and
 * readiness, its DNS name, and why it fails when it does. It enters with a
 * short motion (on mount only: the node is keyed by the pod's uid, so a pod
 * recreated under the same name enters again); colours ease between stages.
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { POD_HANDLES } from '../geometry';
import { fullDns, podAriaLabel, revisionAttr, shortDns, truncate } from '../labels';
import { selectProps, useIsSelected } from '../select';
import { BOX_BASE, FOCUS, REVISION_BADGE, REVISION_EDGE, REVISION_WORD, SELECTED, STAGE_BOX, STAGE_TEXT } from '../styles';
import type { PodNode as PodNodeType, RevisionKind } from '../types';
import { DeclaredHandles } from './Handles';

export function RevisionBadge({ kind, hash }: { kind: RevisionKind; hash: string }) {
  return (
    <span className={`shrink-0 rounded px-1 font-mono text-[9px] leading-[14px] ${REVISION_BADGE[kind]}`} title={`revision ${hash} (${REVISION_WORD[kind]})`}>
      {REVISION_WORD[kind]} {hash.slice(0, 5)}
    </span>
  );
}

function PodNodeView({ data }: NodeProps<PodNodeType>) {
  const { pod, serviceName, revisionKind, shortRevision } = data;
  const selected = useIsSelected('Pod', pod.name);
  const failing = pod.failing;
  // The enter motion stays on the root for the pod's whole life (changing it would replay it); the failure pulse is an overlay.
  const motion = pod.stage === 'Terminating' ? 'animate-leave' : 'animate-enter';
  const box = failing && pod.stage !== 'Failed' ? STAGE_BOX.Failed : STAGE_BOX[pod.stage];
  const dns = fullDns(pod.name, serviceName);
  const messageId = `pod-msg-${pod.name}`;
  const title = [`Pod ${pod.name}`, dns && `DNS ${dns}`, `image ${pod.image}`, pod.node && `node ${pod.node}${pod.ip ? `, IP ${pod.ip}` : ''}`, pod.message].filter(Boolean).join('\n');
  const restarts = pod.restarts !== '0' && pod.restarts !== '' ? ` · ${pod.restarts} restarts` : '';
  return (
    <>
      <div
        data-testid={`pod-${pod.name}`}
        data-stage={pod.stage}
        data-revision={revisionAttr(revisionKind)}
        data-failing={failing ? 'true' : 'false'}
        aria-label={podAriaLabel(pod, revisionKind)}
        aria-describedby={failing && pod.message ? messageId : undefined}
        title={title}
        {...selectProps('Pod', pod.name)}
        className={`${BOX_BASE} ${box} ${REVISION_EDGE[revisionKind]} ${failing ? 'border-2' : ''} ${motion} ${FOCUS} ${selected ? SELECTED : ''} relative cursor-pointer`}
      >
        {failing && <span aria-hidden className="animate-fail pointer-events-none absolute inset-0 rounded-md" />}
        <div className="flex items-center justify-between gap-1">
          <span className="truncate font-mono font-semibold">{pod.name}</span>
          <RevisionBadge kind={revisionKind} hash={shortRevision} />
        </div>
        <div className={`truncate ${failing ? 'font-bold text-red-700 dark:text-red-300' : STAGE_TEXT[pod.stage]}`}>
          {failing ? '⚠ ' : ''}
          {pod.status} · {pod.ready}
          {restarts}
        </div>
        <div className="truncate font-mono text-[10px] text-slate-500 dark:text-slate-400">{shortDns(pod.name, serviceName) || pod.image}</div>
        {failing && pod.message ? (
          <div id={messageId} className="truncate text-[10px] font-medium text-red-700 dark:text-red-300">
            {truncate(pod.message, 80)}
          </div>
        ) : (
          <div className="truncate text-[10px] text-slate-500 dark:text-slate-400">{pod.node ? `${pod.node}${pod.ip ? ` · ${pod.ip}` : ''}` : pod.image}</div>
        )}
      </div>
      <DeclaredHandles handles={POD_HANDLES} />
    </>
  );
}

export const PodNode = memo(PodNodeView);
