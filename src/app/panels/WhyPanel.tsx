/**
 * The controller's own reason for waiting, per StatefulSet, in words, with
 * what each set is doing when it is not waiting (see why-summary.ts).
 */
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store/store';
import { whySummary } from './why-summary';

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
  const { text, waiting } = whySummary(set, why);
  return (
    <p data-testid={`why-${name}`} data-waiting={waiting} className={`pointer-events-auto rounded border px-2 py-1 text-xs shadow-sm ${waiting ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100' : 'border-slate-200 bg-white/90 text-slate-700 dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-200'}`}>
      <span className="font-semibold">{name}</span>
      {waiting ? ' is waiting: ' : ': '}
      {text}
    </p>
  );
}
