/** The selected object: its YAML, `kubectl describe`, and actions on it. */
import { embedConfig } from '../embed/current';
import { useEffect, useState } from 'react';
import { inspect, runCommand, select } from '../store/actions';
import { MAP_OF_KIND, useSim } from '../store/store';
import type { ObjectView } from '../../protocol/protocol';

const WORD: Record<ObjectView['kind'], string> = { StatefulSet: 'statefulset', Pod: 'pod', PersistentVolumeClaim: 'pvc', PersistentVolume: 'pv', Service: 'service', StorageClass: 'storageclass' };

export function Inspector() {
  const selection = useSim((s) => s.selection);
  const view = useSim((s) => (s.selection ? (s[MAP_OF_KIND[s.selection.kind]] as ReadonlyMap<string, ObjectView>).get(s.selection.name) : undefined));
  const [tab, setTab] = useState<'describe' | 'yaml'>('describe');
  const [text, setText] = useState<{ yaml: string; describe: string } | null>(null);

  useEffect(() => {
    let live = true;
    if (selection) void inspect(selection.kind, selection.name).then((t) => live && setText(t));
    return () => {
      live = false;
    };
    // The view object changes identity whenever the engine reports a change: refresh then.
  }, [selection, view]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && select(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!selection) return null;
  const word = WORD[selection.kind];
  const canDelete = view !== undefined && selection.kind !== 'Service' && !embedConfig.readonly;
  return (
    <aside aria-label={`Inspector: ${selection.kind} ${selection.name}`} data-testid="inspector" className="absolute inset-y-0 right-0 z-20 flex w-[min(440px,70%)] flex-col border-l border-slate-200 bg-white shadow-xl dark:border-slate-800 dark:bg-slate-950">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
        <h2 className="truncate text-sm font-semibold">
          {selection.kind} <span className="font-mono">{selection.name}</span>
          {!view && <span className="ml-2 text-xs font-normal text-slate-500">(gone)</span>}
        </h2>
        <button type="button" className="ml-auto rounded px-2 text-sm hover:bg-slate-200 dark:hover:bg-slate-800" aria-label="Close inspector (Escape)" onClick={() => select(null)}>
          ✕
        </button>
      </div>
      <div className="flex items-center gap-1 border-b border-slate-200 px-2 text-xs dark:border-slate-800" role="tablist">
        {(['describe', 'yaml'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={`px-3 py-1 ${tab === t ? 'border-b-2 border-sky-500 font-medium' : 'text-slate-500'}`} onClick={() => setTab(t)}>
            {t === 'yaml' ? 'YAML' : 'Describe'}
          </button>
        ))}
        {canDelete && (
          <button
            type="button"
            data-testid="inspector-delete"
            className="ml-auto my-1 rounded border border-red-300 px-2 py-0.5 text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
            onClick={() => void runCommand(`kubectl delete ${word} ${selection.name}${selection.kind === 'Pod' || selection.kind === 'PersistentVolumeClaim' || selection.kind === 'StatefulSet' ? ' --wait=false' : ''}`)}
          >
            Delete {word}
          </button>
        )}
      </div>
      <pre className="min-h-0 flex-1 overflow-auto p-3 font-mono text-[11px] leading-snug whitespace-pre" data-testid="inspector-text">
        {text ? (tab === 'yaml' ? text.yaml : text.describe) : 'Loading…'}
      </pre>
    </aside>
  );
}
