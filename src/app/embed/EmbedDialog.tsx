/**
 * "Embed": writes the `<iframe>` snippet for the open lesson (from its start,
 * as a lesson), the session (its share link, with everything done so far) or
 * the gallery entry it came from, with the chosen panels, controls, playback,
 * theme, read-only mode and the host origin allowed to drive it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { SpeedSelect } from '../ui/SpeedSelect';
import { exportText } from '../store/actions';
import { linkFor, pageAddress } from '../store/scenario-actions';
import { CONTROLS, DEFAULT_EMBED_PANELS, embedSnippet, embedUrl, normaliseOrigin, PANELS, type ControlName, type Panel, type SnippetOptions } from './config';
import { initialSource, snippetScenario, stepsFor, type EmbedSource, type StepsChoice } from './source';
import { useSim } from '../store/store';

const field = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900';
const legend = 'text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400';

function toggle<T>(list: readonly T[], item: T, on: boolean, order: readonly T[]): T[] {
  const next = new Set(list);
  if (on) next.add(item);
  else next.delete(item);
  return order.filter((x) => next.has(x));
}

export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const title = useSim((s) => s.title) ?? 'playground';
  const gallery = new URLSearchParams(location.search).get('scenario');
  // The lesson open when the dialog opened: its scenario text as it was loaded, not what was done since.
  const [lessonText] = useState(() => {
    const open = useSim.getState().source;
    return open?.lesson ? open.text : null;
  });
  const [fragment, setFragment] = useState<string | null>(null);
  const [lessonFragment, setLessonFragment] = useState<string | null>(null);
  const [source, setSource] = useState<EmbedSource>(() => initialSource(lessonText === null ? null : { lesson: true }));
  const [panels, setPanels] = useState<Panel[]>([...DEFAULT_EMBED_PANELS]);
  const [controls, setControls] = useState<ControlName[]>([...CONTROLS]);
  const [autoplay, setAutoplay] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [theme, setTheme] = useState<SnippetOptions['theme']>('auto');
  const [readonly, setReadonly] = useState(false);
  const [lesson, setLesson] = useState<StepsChoice>(() => stepsFor(source));
  const [origin, setOrigin] = useState('');
  const [height, setHeight] = useState(560);
  const [copied, setCopied] = useState(false);
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void exportText()
      .then(linkFor)
      .then((f) => live && setFragment(f));
    if (lessonText !== null) void linkFor(lessonText).then((f) => live && setLessonFragment(f));
    dialog.current?.querySelector<HTMLElement>('input, select, button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      live = false;
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose, lessonText]);

  const choose = (next: EmbedSource) => {
    setSource(next);
    setLesson(stepsFor(next));
  };

  const originProblem = origin.trim() && !normaliseOrigin(origin) ? 'Write an origin such as https://course.example (scheme, host and port only).' : null;
  const chosen = snippetScenario(source, lesson, { gallery, lesson: lessonFragment, session: fragment });
  const options: SnippetOptions | null = chosen && { base: pageAddress(), ...chosen, panels, controls, autoplay, speed, theme, readonly, origin, title, height };
  const snippet = options ? embedSnippet(options) : 'Preparing the link…';

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid="embed-dialog" className="flex max-h-full w-[min(760px,100%)] flex-col gap-3 overflow-auto rounded-lg bg-white p-4 text-sm shadow-2xl dark:bg-slate-900">
        <div className="flex items-center">
          <h2 id={`${id}-title`} className="font-semibold">
            Embed this scenario
          </h2>
          <button type="button" className="ml-auto rounded px-2 hover:bg-slate-200 dark:hover:bg-slate-800" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        </div>
        <p className="text-xs text-slate-600 dark:text-slate-300">
          Paste the snippet in a course page. The frame replays the scenario the same way for every reader; the page can drive it with <code>postMessage</code> (see the README&apos;s Embedding section).
        </p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <fieldset className="flex flex-col gap-1">
            <legend className={legend}>Scenario</legend>
            {lessonText !== null && (
              <label className="flex items-center gap-1.5 text-xs">
                <input type="radio" name={`${id}-src`} data-testid="embed-source-lesson" checked={source === 'lesson'} onChange={() => choose('lesson')} /> The lesson &ldquo;{title}&rdquo;, from its start
              </label>
            )}
            <label className="flex items-center gap-1.5 text-xs">
              <input type="radio" name={`${id}-src`} data-testid="embed-source-session" checked={source === 'session'} onChange={() => choose('session')} /> This session, with everything done so far
            </label>
            <label className={`flex items-center gap-1.5 text-xs ${gallery ? '' : 'opacity-50'}`}>
              <input type="radio" name={`${id}-src`} data-testid="embed-source-gallery" disabled={!gallery} checked={source === 'gallery'} onChange={() => choose('gallery')} /> The gallery entry{gallery ? ` "${gallery}"` : ' (none open)'}
            </label>
            <label className="mt-1 flex items-center gap-1.5 text-xs">
              Steps
              <select className={field} value={lesson} data-testid="embed-lesson" onChange={(e) => setLesson(e.target.value as StepsChoice)}>
                <option value="default">as the playground opens it</option>
                <option value="lesson">a lesson: Next runs them</option>
                <option value="replay">replayed at once</option>
              </select>
            </label>
          </fieldset>
          <fieldset className="flex flex-wrap gap-x-3 gap-y-1">
            <legend className={legend}>Panels</legend>
            {PANELS.map((p) => (
              <label key={p} className="flex items-center gap-1 text-xs capitalize">
                <input type="checkbox" data-testid={`embed-panel-${p}`} checked={panels.includes(p)} onChange={(e) => setPanels(toggle(panels, p, e.target.checked, PANELS))} /> {p}
              </label>
            ))}
          </fieldset>
          <fieldset className={`flex flex-wrap gap-x-3 gap-y-1 ${panels.includes('controls') && !readonly ? '' : 'opacity-50'}`} disabled={!panels.includes('controls') || readonly}>
            <legend className={legend}>Controls</legend>
            {CONTROLS.map((c) => (
              <label key={c} className="flex items-center gap-1 text-xs capitalize">
                <input type="checkbox" data-testid={`embed-control-${c}`} checked={controls.includes(c)} onChange={(e) => setControls(toggle(controls, c, e.target.checked, CONTROLS))} /> {c}
              </label>
            ))}
          </fieldset>
          <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <legend className={legend}>Playback and look</legend>
            <label className="flex items-center gap-1 text-xs">
              <input type="checkbox" checked={autoplay} data-testid="embed-autoplay" onChange={(e) => setAutoplay(e.target.checked)} /> Autoplay
            </label>
            <label className="flex items-center gap-1 text-xs">
              Speed
              <SpeedSelect value={speed} onChange={setSpeed} testId="embed-speed" />
            </label>
            <label className="flex items-center gap-1 text-xs">
              Theme
              <select className={field} value={theme} data-testid="embed-theme" onChange={(e) => setTheme(e.target.value as SnippetOptions['theme'])}>
                <option value="auto">reader&apos;s system</option>
                <option value="light">light</option>
                <option value="dark">dark</option>
              </select>
            </label>
            <label className="flex items-center gap-1 text-xs">
              <input type="checkbox" checked={readonly} data-testid="embed-readonly" onChange={(e) => setReadonly(e.target.checked)} /> Read-only
            </label>
            <label className="flex items-center gap-1 text-xs">
              Height
              <input type="number" min={240} max={2000} step={20} className={`${field} w-16`} value={height} onChange={(e) => setHeight(Number(e.target.value))} />
            </label>
          </fieldset>
        </div>
        <label className="flex flex-col gap-1 text-xs">
          <span className={legend}>Host page allowed to drive it (postMessage)</span>
          <input className={field} placeholder="https://course.example — empty: whichever page embeds it" value={origin} data-testid="embed-origin" aria-invalid={!!originProblem} onChange={(e) => setOrigin(e.target.value)} />
          {originProblem && <span className="text-red-700 dark:text-red-400">{originProblem}</span>}
        </label>
        <label className="flex flex-col gap-1">
          <span className={legend}>Snippet</span>
          <textarea readOnly data-testid="embed-snippet" className="h-36 w-full resize-y rounded border border-slate-300 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950" value={snippet} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <div className="flex items-center gap-2 text-xs">
          <span className="text-slate-500">{options ? `${embedUrl(options).length} characters in the address` : ''}</span>
          {options && (
            <a className="ml-auto text-sky-700 underline dark:text-sky-400" href={embedUrl(options)} target="_blank" rel="noopener noreferrer" data-testid="embed-preview">
              Preview
            </a>
          )}
          <button
            type="button"
            data-testid="embed-copy"
            disabled={!options}
            className={`${options ? '' : 'ml-auto'} rounded bg-sky-600 px-3 py-1 font-medium text-white hover:bg-sky-700 disabled:opacity-40`}
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(snippet);
              } catch {
                // Clipboard refused: the text is selected for copying by hand.
              }
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            }}
          >
            {copied ? 'Copied' : 'Copy snippet'}
          </button>
        </div>
      </div>
    </div>
  );
}
