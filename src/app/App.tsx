import { lazy, Suspense, useEffect, useState } from 'react';
import { CanvasPanel } from './canvas/CanvasPanel';
import { Controls } from './panels/Controls';
import { EventLog } from './panels/EventLog';
import { Inspector } from './panels/Inspector';
import { LessonBar } from './panels/LessonBar';
import { ScenarioMenu } from './panels/ScenarioMenu';
import { importFile } from './store/scenario-actions';
import { Terminal } from './panels/Terminal';
import { Timeline } from './panels/Timeline';
import { WhyPanel } from './panels/WhyPanel';
import { setTheme } from './store/actions';
import { useSim } from './store/store';
import { embedConfig } from './embed/current';
import { EmbedHeader } from './embed/EmbedHeader';

const EditorPanel = lazy(() => import('./editor/EditorPanel'));

type BottomTab = 'terminal' | 'events';

const panels = embedConfig.panels;
const embedded = embedConfig.embed;

export function App() {
  const theme = useSim((s) => s.theme);
  const title = useSim((s) => s.title);
  const loadError = useSim((s) => s.loadError);
  const faults = useSim((s) => s.faults);
  const notice = useSim((s) => s.notice);
  const selection = useSim((s) => s.selection);
  const tabs = (['terminal', 'events'] as const).filter((t) => panels.has(t));
  const [chosenTab, setTab] = useState<BottomTab>('terminal');
  const tab = tabs.includes(chosenTab) ? chosenTab : (tabs[0] ?? 'terminal');
  // On a narrow screen the canvas gets the room first; the editor is one click away. An embed shows it only when asked to.
  const [editorOpen, setEditorOpen] = useState(() => panels.has('editor') && (embedded || typeof window === 'undefined' || window.innerWidth >= 1200));

  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  return (
    <div
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        const f = e.dataTransfer.files[0];
        if (!f) return;
        e.preventDefault();
        void importFile(f);
      }}
      className="flex h-full flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      {embedded ? (
        <EmbedHeader />
      ) : (
        <header className="flex items-center gap-3 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
          <h1 className="text-sm font-semibold tracking-tight">StatefulSet Playground</h1>
          {title && <span className="truncate text-sm text-slate-500 dark:text-slate-400">· {title}</span>}
          <span className="text-xs text-slate-400" title="The cluster follows Kubernetes v1.32">Kubernetes v1.32 (simulated)</span>
          <div className="ml-auto flex items-center gap-2">
            <ScenarioMenu />
            <button type="button" className="rounded px-2 py-1 text-xs hover:bg-slate-200 dark:hover:bg-slate-800" aria-pressed={editorOpen} onClick={() => setEditorOpen((v) => !v)}>
              {editorOpen ? 'Hide editor' : 'Show editor'}
            </button>
            <button type="button" className="rounded px-2 py-1 text-xs hover:bg-slate-200 dark:hover:bg-slate-800" aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
              {theme === 'dark' ? '☀ Light' : '☾ Dark'}
            </button>
          </div>
        </header>
      )}
      {notice && (
        <div role="status" data-testid="notice" className="flex items-center border-b border-amber-300 bg-amber-50 px-3 py-1 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <span className="flex-1">{notice}</span>
          <button type="button" aria-label="Dismiss" className="px-2" onClick={() => useSim.setState({ notice: null })}>
            ✕
          </button>
        </div>
      )}
      {(loadError || faults.length > 0) && (
        <div role="alert" className="border-b border-red-300 bg-red-50 px-3 py-1 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {loadError ? `The scenario could not be loaded: ${loadError}` : `The simulation hit an internal error and kept the last good state: ${faults[faults.length - 1]}`}
        </div>
      )}
      <div className="flex min-h-0 flex-1">
        {editorOpen && (
          <section aria-label="Manifests editor" className="flex w-[30%] min-w-[260px] max-w-[520px] flex-col border-r border-slate-200 dark:border-slate-800">
            <Suspense fallback={<div className="p-3 text-sm text-slate-500">Loading the editor…</div>}>
              <EditorPanel />
            </Suspense>
          </section>
        )}
        <main className="flex min-w-0 flex-1 flex-col">
          <LessonBar />
          {panels.has('controls') && !embedConfig.readonly && <Controls />}
          {panels.has('canvas') && (
            <div className="relative min-h-0 flex-1">
              <CanvasPanel />
              <WhyPanel />
              {selection && <Inspector />}
            </div>
          )}
          {panels.has('timeline') && <Timeline />}
          {tabs.length > 0 && (
          <section aria-label={tabs.length > 1 ? 'Terminal and events' : tab === 'terminal' ? 'Terminal' : 'Events'} className={`flex ${panels.has('canvas') ? 'h-[30%] min-h-[140px]' : 'min-h-0 flex-1'} flex-col border-t border-slate-200 dark:border-slate-800`}>
            <div role="tablist" aria-label="Bottom panel" className="flex gap-1 border-b border-slate-200 px-2 text-xs dark:border-slate-800">
              {tabs.map((t) => (
                <button key={t} role="tab" type="button" aria-selected={tab === t} aria-controls={`panel-${t}`} id={`tab-${t}`} className={`px-3 py-1 capitalize ${tab === t ? 'border-b-2 border-sky-500 font-medium' : 'text-slate-500'}`} onClick={() => setTab(t)}>
                  {t}
                </button>
              ))}
            </div>
            <div className="min-h-0 flex-1">
              {tabs.includes('terminal') && (
                <div id="panel-terminal" role="tabpanel" aria-labelledby="tab-terminal" hidden={tab !== 'terminal'} className="h-full">
                  <Terminal />
                </div>
              )}
              {tabs.includes('events') && (
                <div id="panel-events" role="tabpanel" aria-labelledby="tab-events" hidden={tab !== 'events'} className="h-full">
                  <EventLog />
                </div>
              )}
            </div>
          </section>
          )}
        </main>
      </div>
    </div>
  );
}
