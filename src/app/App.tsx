import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { CanvasPanel } from './canvas/CanvasPanel';
import { Header } from './Header';
import { Controls } from './panels/Controls';
import { EventLog } from './panels/EventLog';
import { Inspector } from './panels/Inspector';
import { LessonBar } from './panels/LessonBar';
import { importFile } from './store/scenario-actions';
import { Terminal } from './panels/Terminal';
import { Timeline } from './panels/Timeline';
import { WhyPanel } from './panels/WhyPanel';
import { useSim } from './store/store';
import { embedConfig } from './embed/current';
import { EmbedHeader } from './embed/EmbedHeader';
import { EMBED_PHONE_QUERY, PHONE_QUERY, useMedia } from './ui/use-media';

const EditorPanel = lazy(() => import('./editor/EditorPanel'));

type BottomTab = 'terminal' | 'events';
type PhoneTab = 'canvas' | 'editor' | BottomTab;

const panels = embedConfig.panels;
const embedded = embedConfig.embed;
const TAB_LABEL: Record<PhoneTab, string> = { canvas: 'Canvas', editor: 'Editor', terminal: 'Terminal', events: 'Events' };

const tabClass = (on: boolean) => `px-3 py-1 capitalize ${on ? 'border-b-2 border-sky-500 font-medium' : 'text-slate-500'}`;

export function App() {
  const theme = useSim((s) => s.theme);
  const loadError = useSim((s) => s.loadError);
  const faults = useSim((s) => s.faults);
  const notice = useSim((s) => s.notice);
  const phone = useMedia(embedded ? EMBED_PHONE_QUERY : PHONE_QUERY);
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
      className="flex h-full min-w-0 flex-col overflow-hidden bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100"
    >
      {embedded ? <EmbedHeader /> : <Header editorOpen={editorOpen} onToggleEditor={phone || !panels.has('editor') ? undefined : () => setEditorOpen((v) => !v)} />}
      {notice && (
        <div role="status" data-testid="notice" className="flex items-center border-b border-amber-300 bg-amber-50 px-3 py-1 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <span className="min-w-0 flex-1 break-words">{notice}</span>
          <button type="button" aria-label="Dismiss" className="px-2" onClick={() => useSim.setState({ notice: null })}>
            ✕
          </button>
        </div>
      )}
      {(loadError || faults.length > 0) && (
        <div role="alert" className="border-b border-red-300 bg-red-50 px-3 py-1 text-xs break-words text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {loadError ? `The scenario could not be loaded: ${loadError}` : `The simulation hit an internal error and kept the last good state: ${faults[faults.length - 1]}`}
        </div>
      )}
      {phone ? <PhoneBody /> : <WideBody editorOpen={editorOpen} />}
    </div>
  );
}

/** The canvas with what floats over it: the why box, and the inspector of the selected object. */
function CanvasArea() {
  const selection = useSim((s) => s.selection);
  return (
    <div className="relative min-h-0 flex-1 max-md:[&>[data-testid=inspector]]:w-full">
      <CanvasPanel>
        <WhyPanel />
      </CanvasPanel>
      {selection && <Inspector />}
    </div>
  );
}

/** The lesson's prose stays on screen, and scrolls when it is long rather than squeezing the canvas away. */
function Lesson({ className }: { className: string }) {
  return (
    <div className={`shrink-0 overflow-y-auto ${className}`}>
      <LessonBar />
    </div>
  );
}

function ControlsBar({ strip }: { strip: boolean }) {
  if (!panels.has('controls') || embedConfig.readonly) return null;
  // A phone gets the controls as one row that scrolls sideways, so the canvas keeps its height.
  return (
    <div className={strip ? 'shrink-0 overflow-x-auto [&_button]:whitespace-nowrap [&>*]:flex-nowrap [&>*>*]:shrink-0' : 'shrink-0'}>
      <Controls />
    </div>
  );
}

/** Wide screens: the editor beside everything, the canvas above the terminal and events. */
function WideBody({ editorOpen }: { editorOpen: boolean }) {
  const tabs = (['terminal', 'events'] as const).filter((t) => panels.has(t));
  const [chosenTab, setTab] = useState<BottomTab>('terminal');
  const tab = tabs.includes(chosenTab) ? chosenTab : (tabs[0] ?? 'terminal');
  return (
    <div className="flex min-h-0 flex-1">
      {editorOpen && (
        <section aria-label="Manifests editor" className="flex w-[30%] min-w-[260px] max-w-[520px] flex-col border-r border-slate-200 dark:border-slate-800">
          <Suspense fallback={<div className="p-3 text-sm text-slate-500">Loading the editor…</div>}>
            <EditorPanel />
          </Suspense>
        </section>
      )}
      <main className="flex min-w-0 flex-1 flex-col">
        <Lesson className="max-h-[30vh]" />
        <ControlsBar strip={false} />
        {panels.has('canvas') && <CanvasArea />}
        {panels.has('timeline') && tabs.length === 0 && <Timeline />}
        {tabs.length > 0 && (
          <section aria-label={tabs.length > 1 ? 'Terminal and events' : tab === 'terminal' ? 'Terminal' : 'Events'} className={`flex ${panels.has('canvas') ? 'h-[clamp(140px,27%,320px)]' : 'min-h-0 flex-1'} flex-col border-t border-slate-200 dark:border-slate-800`}>
            {/* The tabs and the transport share one row: the canvas keeps the height a second row would take. */}
            <div className="flex items-center border-b border-slate-200 dark:border-slate-800">
              <div role="tablist" aria-label="Bottom panel" className="flex shrink-0 gap-1 self-end px-2 text-xs">
                {tabs.map((t) => (
                  <button key={t} role="tab" type="button" aria-selected={tab === t} aria-controls={`panel-${t}`} id={`tab-${t}`} className={tabClass(tab === t)} onClick={() => setTab(t)}>
                    {t}
                  </button>
                ))}
              </div>
              {panels.has('timeline') && (
                // When the row is short of room, the transport wraps within itself (its idle note first).
                <div className="ml-auto min-w-0 [&>[role=toolbar]]:justify-end [&>[role=toolbar]]:border-t-0">
                  <Timeline />
                </div>
              )}
            </div>
            <div className="min-h-0 flex-1">
              {tabs.includes('terminal') && (
                <TabPanel id="terminal" shown={tab === 'terminal'}>
                  <Terminal />
                </TabPanel>
              )}
              {tabs.includes('events') && (
                <TabPanel id="events" shown={tab === 'events'}>
                  <EventLog />
                </TabPanel>
              )}
            </div>
          </section>
        )}
      </main>
    </div>
  );
}

function TabPanel({ id, shown, className = 'h-full', children }: { id: PhoneTab; shown: boolean; className?: string; children: ReactNode }) {
  return (
    <div id={`panel-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} hidden={!shown} className={shown ? className : 'hidden'}>
      {children}
    </div>
  );
}

/**
 * A phone: the lesson on top, then one panel at a time (canvas, editor,
 * terminal, events) under tabs, and the transport at the bottom. Every panel
 * stays mounted, so switching keeps the terminal's line and the canvas's view.
 */
function PhoneBody() {
  const tabs = (['canvas', 'editor', 'terminal', 'events'] as const).filter((t) => panels.has(t));
  const [chosen, setChosen] = useState<PhoneTab>('canvas');
  const tab = tabs.includes(chosen) ? chosen : (tabs[0] ?? 'canvas');
  // The editor (Monaco, loaded lazily) is fetched the first time its tab opens.
  const [editorSeen, setEditorSeen] = useState(tab === 'editor');
  const choose = (t: PhoneTab) => {
    setChosen(t);
    if (t === 'editor') setEditorSeen(true);
  };
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {/* On a phone the prose takes the full width; the step count and the button go under it. */}
      <Lesson className="max-h-[32vh] max-md:[&>section]:flex-wrap max-md:[&>section>:first-child]:basis-full" />
      {tabs.length > 1 && (
        <div role="tablist" aria-label="Panels" className="flex shrink-0 border-b border-slate-200 px-1 text-sm dark:border-slate-800">
          {tabs.map((t) => (
            <button key={t} role="tab" type="button" aria-selected={tab === t} aria-controls={`panel-${t}`} id={`tab-${t}`} className={`flex-1 ${tabClass(tab === t)} py-2`} onClick={() => choose(t)}>
              {TAB_LABEL[t]}
            </button>
          ))}
        </div>
      )}
      <main className="relative min-h-0 flex-1">
        {tabs.includes('canvas') && (
          <TabPanel id="canvas" shown={tab === 'canvas'} className="flex h-full flex-col">
            <ControlsBar strip />
            <CanvasArea />
          </TabPanel>
        )}
        {tabs.includes('editor') && (
          <TabPanel id="editor" shown={tab === 'editor'} className="flex h-full flex-col">
            {editorSeen && (
              <section aria-label="Manifests editor" className="flex min-h-0 flex-1 flex-col">
                <Suspense fallback={<div className="p-3 text-sm text-slate-500">Loading the editor…</div>}>
                  <EditorPanel />
                </Suspense>
              </section>
            )}
          </TabPanel>
        )}
        {tabs.includes('terminal') && (
          <TabPanel id="terminal" shown={tab === 'terminal'}>
            <Terminal />
          </TabPanel>
        )}
        {tabs.includes('events') && (
          <TabPanel id="events" shown={tab === 'events'}>
            <EventLog />
          </TabPanel>
        )}
      </main>
      {panels.has('timeline') && <Timeline />}
    </div>
  );
}
