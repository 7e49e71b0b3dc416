/**
 * Header actions for scenarios: gallery, share link, export and import. In a
 * row in the header, or `vertical` in the header's menu on a narrow screen
 * (same buttons, same names and test ids).
 */
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { copyLink, downloadScenario, GALLERY, importFile, openScenario } from '../store/scenario-actions';
import { useSim } from '../store/store';
import { ReplayStepsButton } from '../ui/ReplayStepsButton';

/** Loaded when first opened: a course author's tool, not every reader's. */
const EmbedDialog = lazy(() => import('../embed/EmbedDialog').then((m) => ({ default: m.EmbedDialog })));

const rowBtn = 'whitespace-nowrap rounded px-2 py-1 text-xs hover:bg-slate-200 dark:hover:bg-slate-800';
/** In the menu: full-width rows, big enough to tap. */
export const MENU_ITEM = 'whitespace-nowrap rounded px-3 py-2 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800';

/** `onDone` runs after an action that leaves the page's menu nothing more to show (the menu closes). */
export function ScenarioMenu({ vertical = false, onDone }: { vertical?: boolean; onDone?: () => void }) {
  const btn = vertical ? MENU_ITEM : rowBtn;
  const [copied, setCopied] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [embedding, setEmbedding] = useState(false);
  const closeEmbed = useCallback(() => setEmbedding(false), []);
  // A link or file just opened (nothing done since) can be replayed from its manifests, one step per Next.
  const replayable = useSim((s) => !!s.source?.replayable && !s.source.lesson && s.history.length === 0);
  return (
    <div className={vertical ? 'flex flex-col items-stretch gap-0.5' : 'flex items-center gap-1'}>
      {replayable && <ReplayStepsButton className={btn} />}
      <label className={vertical ? 'flex flex-col px-3 py-1 text-sm' : 'flex items-center gap-1 text-xs'}>
        <span className="sr-only">Open a gallery scenario</span>
        <select
          className={`rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900 ${vertical ? 'py-1.5 text-sm' : 'text-xs'}`}
          data-testid="gallery"
          value=""
          onChange={async (e) => {
            const entry = GALLERY.find((g) => g.name === e.target.value);
            if (!entry) return;
            onDone?.();
            const ok = await openScenario(await entry.load(), { source: entry.name, lesson: entry.name !== 'playground' });
            if (ok) history.replaceState(null, '', `?scenario=${encodeURIComponent(entry.name)}${location.hash}`);
          }}
        >
          <option value="">Gallery…</option>
          {GALLERY.map((g) => (
            <option key={g.name} value={g.name}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className={btn}
        data-testid="copy-link"
        title="Copy a link that replays everything done so far"
        onClick={async () => {
          const url = await copyLink();
          setCopied(`${url.length} characters`);
          setTimeout(() => setCopied(null), 2500);
        }}
      >
        {copied ? `Link copied (${copied})` : 'Copy link'}
      </button>
      <button
        type="button"
        className={btn}
        data-testid="embed"
        title="Get an <iframe> snippet for a course page"
        onClick={() => {
          setEmbedding(true);
          onDone?.();
        }}
      >
        Embed
      </button>
      {/* On the body: the dialog outlives the menu it was opened from. */}
      {embedding &&
        createPortal(
          <Suspense fallback={null}>
            <EmbedDialog onClose={closeEmbed} />
          </Suspense>,
          document.body,
        )}
      <button
        type="button"
        className={btn}
        data-testid="export"
        title="Download the scenario file (npm run sim can replay it)"
        onClick={() => {
          void downloadScenario();
          onDone?.();
        }}
      >
        Export
      </button>
      <button
        type="button"
        className={btn}
        data-testid="import"
        title="Open a scenario file (or drop one on the page)"
        onClick={() => {
          file.current?.click();
          onDone?.();
        }}
      >
        Import
      </button>
      <input
        ref={file}
        type="file"
        accept=".yaml,.yml,text/yaml,application/yaml"
        className="hidden"
        data-testid="import-file"
        aria-label="Scenario file to import"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void importFile(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}
