/**
 * A StatefulSet's lane: the band behind its columns, with a header that
 * sums the set up (replicas, readiness, policy, strategy, revisions).
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { SetView } from '../../../protocol/protocol';
import { shortRevision } from '../labels';
import { selectProps, useIsSelected } from '../select';
import { FOCUS, SELECTED } from '../styles';
import type { LaneNode as LaneNodeType } from '../types';

const chipBase = 'shrink-0 whitespace-nowrap rounded bg-slate-100 px-1.5 py-px text-[11px] dark:bg-slate-800';
const chip = `${chipBase} text-slate-700 dark:text-slate-200`;

function Facts({ set }: { set: SetView }) {
  const st = set.status;
  const current = shortRevision(st.currentRevision, set.name);
  const update = shortRevision(st.updateRevision, set.name);
  const rolling = st.updateRevision !== '' && st.updateRevision !== st.currentRevision;
  const allReady = st.readyReplicas === set.replicas;
  return (
    <>
      <span className={chip} title="spec.replicas">
        replicas {set.replicas}
      </span>
      <span className={`${chipBase} ${allReady ? 'text-slate-700 dark:text-slate-200' : 'text-amber-700 dark:text-amber-300'}`} title="status.readyReplicas / spec.replicas">
        ready {st.readyReplicas}/{set.replicas}
      </span>
      <span className={chip} title="spec.podManagementPolicy">
        {set.podManagementPolicy}
      </span>
      <span className={chip} title="spec.updateStrategy.type">
        {set.strategy}
        {set.strategy === 'RollingUpdate' ? ` · partition ${set.partition}` : ''}
      </span>
      <span className={`${chip} font-mono`} title={`status.currentRevision ${st.currentRevision || '—'} · status.updateRevision ${st.updateRevision || '—'}`}>
        <span className="text-blue-700 dark:text-blue-300">current {current || '—'}</span>
        {rolling && <span className="text-violet-700 dark:text-violet-300"> → new {update}</span>}
        {rolling && <span className="text-slate-500"> ({st.updatedReplicas} updated)</span>}
      </span>
    </>
  );
}

function LaneNodeView({ data }: NodeProps<LaneNodeType>) {
  const { name, set, title, claimCount, headerHeight } = data;
  const selected = useIsSelected('StatefulSet', name);
  const gone = !set || set.deleting;
  return (
    <div className={`h-full w-full rounded-xl border ${gone ? 'border-dashed border-slate-400 bg-slate-100/40 dark:border-slate-600 dark:bg-slate-900/30' : 'border-slate-200 bg-white/70 dark:border-slate-800 dark:bg-slate-900/60'}`}>
      <div
        data-testid={`lane-${name}`}
        data-deleted={set ? 'false' : 'true'}
        aria-label={set ? `StatefulSet ${name}: ${set.status.readyReplicas} of ${set.replicas} ready` : title}
        {...(set ? selectProps('StatefulSet', name) : {})}
        style={{ height: headerHeight }}
        className={`sts-pointer flex flex-wrap content-center items-center gap-x-2 gap-y-1 overflow-hidden rounded-t-xl px-3 ${set ? 'cursor-pointer' : ''} ${FOCUS} ${selected ? SELECTED : ''}`}
      >
        <span className="shrink-0 text-[10px] font-semibold uppercase tracking-wide text-slate-400">StatefulSet</span>
        <span className={`shrink-0 font-mono text-sm font-semibold ${gone ? 'text-slate-500' : ''}`}>{title}</span>
        {set && <Facts set={set} />}
      </div>
      {!set && claimCount > 0 && (
        <p className="sts-pointer mx-auto mt-10 max-w-[520px] px-4 text-center text-[11px] leading-4 text-slate-500 dark:text-slate-400">
          The StatefulSet is gone and its pods with it. Its claims stay (PVC retention <span className="font-mono">whenDeleted: Retain</span>); a new set with the same name and claim templates would use them again.
        </p>
      )}
    </div>
  );
}

export const LaneNode = memo(LaneNodeView);
