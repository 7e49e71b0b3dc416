/**
 * The controller's own reason for waiting, per StatefulSet, in words, with
 * what each set is doing when it is not waiting.
 */
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store/store';
import type { SetView, WhyView } from '../../protocol/protocol';

function summary(set: SetView, why: WhyView | undefined): { text: string; waiting: boolean } {
  if (why?.message) return { text: why.message, waiting: true };
  const st = set.status;
  if (set.deleting) return { text: 'being deleted', waiting: false };
  if (st.observedGeneration < set.generation) return { text: 'the controller has not seen the latest spec yet', waiting: false };
  if (st.readyReplicas === set.replicas && st.replicas === set.replicas) {
    if (st.updateRevision && st.currentRevision !== st.updateRevision) {
      return set.strategy === 'OnDelete'
        ? { text: `OnDelete: ${st.updatedReplicas} of ${set.replicas} pods at the new revision; delete a pod to move it`, waiting: false }
        : { text: `partition ${set.partition}: ${st.updatedReplicas} of ${set.replicas} pods at the new revision, the rest stay at ${st.currentRevision}`, waiting: false };
    }
    return { text: `all ${set.replicas} pods Ready at revision ${st.currentRevision || '—'}`, waiting: false };
  }
  return { text: `${st.readyReplicas} of ${set.replicas} pods Ready`, waiting: false };
}

export function WhyPanel() {
  const names = useSim(useShallow((s) => [...s.sets.keys()].sort()));
  if (names.length === 0) return null;
  return (
    <aside aria-label="What the StatefulSet controller is doing" aria-live="polite" data-testid="why-panel" className="pointer-events-none absolute bottom-2 left-2 z-10 max-w-[min(640px,90%)] space-y-1">
      {names.map((n) => (
        <WhyLine key={n} name={n} />
      ))}
    </aside>
  );
}

function WhyLine({ name }: { name: string }) {
  const set = useSim((s) => s.sets.get(name));
  const why = useSim((s) => s.why.get(name));
  if (!set) return null;
  const { text, waiting } = summary(set, why);
  return (
    <p data-testid={`why-${name}`} data-waiting={waiting} className={`pointer-events-auto rounded border px-2 py-1 text-xs shadow-sm ${waiting ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100' : 'border-slate-200 bg-white/90 text-slate-700 dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-200'}`}>
      <span className="font-semibold">{name}</span>
      {waiting ? ' is waiting: ' : ': '}
      {text}
    </p>
  );
}
