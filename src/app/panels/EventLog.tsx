/** Kubernetes Events as they happen, newest first, filterable. */
import { useDeferredValue, useMemo, useState } from 'react';
import { formatClock } from './Timeline';
import { useSim } from '../store/store';

export function EventLog() {
  const events = useSim((s) => s.events);
  const [text, setText] = useState('');
  const [type, setType] = useState<'all' | 'Normal' | 'Warning'>('all');
  const query = useDeferredValue(text.trim().toLowerCase());
  const shown = useMemo(() => {
    const out = [];
    for (let i = events.length - 1; i >= 0 && out.length < 300; i--) {
      const e = events[i];
      if (!e) continue;
      if (type !== 'all' && e.type !== type) continue;
      if (query && !`${e.reason} ${e.object} ${e.message}`.toLowerCase().includes(query)) continue;
      out.push(e);
    }
    return out;
  }, [events, query, type]);
  return (
    <div className="flex h-full flex-col text-xs">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1 dark:border-slate-800">
        <input className="w-56 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900" placeholder="Filter: reason, object or message" aria-label="Filter events" value={text} onChange={(e) => setText(e.target.value)} data-testid="event-filter" />
        <select aria-label="Event type" className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
          <option value="all">All types</option>
          <option>Normal</option>
          <option>Warning</option>
        </select>
        <span className="text-slate-500">{events.length} events</span>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full border-collapse font-mono" data-testid="event-log">
          <thead className="sticky top-0 bg-slate-100 text-left text-slate-500 dark:bg-slate-900">
            <tr>
              <th className="px-2 py-0.5 font-medium">TIME</th>
              <th className="px-2 py-0.5 font-medium">TYPE</th>
              <th className="px-2 py-0.5 font-medium">REASON</th>
              <th className="px-2 py-0.5 font-medium">OBJECT</th>
              <th className="px-2 py-0.5 font-medium">MESSAGE</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.uid} className={e.type === 'Warning' ? 'text-red-700 dark:text-red-300' : undefined}>
                <td className="px-2 py-0.5 whitespace-nowrap text-slate-500">{formatClock(e.t).wall}</td>
                <td className="px-2 py-0.5">{e.type}</td>
                <td className="px-2 py-0.5">{e.reason}</td>
                <td className="px-2 py-0.5 whitespace-nowrap">{e.object}</td>
                <td className="px-2 py-0.5">
                  {e.message}
                  {e.count > 1 ? <span className="text-slate-500"> (x{e.count})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
