/** Header actions for scenarios: gallery, share link, export and import. */
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { copyLink, downloadScenario, GALLERY, importFile, openScenario } from '../store/scenario-actions';
import { useSim } from '../store/store';
import { ReplayStepsButton } from '../ui/ReplayStepsButton';

/** Loaded when first opened: a course author's tool, not every reader's. */
const EmbedDialog = lazy(() => import('../embed/EmbedDialog').then((m) => ({ default: m.EmbedDialog })));

const btn = 'rounded px-2 py-1 text-xs hover:bg-slate-200 dark:hover:bg-slate-800';

export function ScenarioMenu() {
  const [copied, setCopied] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [embedding, setEmbedding] = useState(false);
  const closeEmbed = useCallback(() => setEmbedding(false), []);
  // A link or file just opened (nothing done since) can be replayed from its manifests, one step per Next.
  const replayable = useSim((s) => !!s.source?.replayable && !s.source.lesson && s.history.length === 0);
  return (
    <div className="flex items-center gap-1">
      {replayable && <ReplayStepsButton className={btn} />}
      <label className="flex items-center gap-1 text-xs">
        <span className="sr-only">Open a gallery scenario</span>
        <select
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900"
          data-testid="gallery"
          value=""
          onChange={async (e) => {
            const entry = GALLERY.find((g) => g.name === e.target.value);
            if (!entry) return;
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
      <button type="button" className={btn} data-testid="embed" title="Get an <iframe> snippet for a course page" onClick={() => setEmbedding(true)}>
        Embed
      </button>
      {embedding && (
        <Suspense fallback={null}>
          <EmbedDialog onClose={closeEmbed} />
        </Suspense>
      )}
      <button type="button" className={btn} data-testid="export" title="Download the scenario file (npm run sim can replay it)" onClick={() => void downloadScenario()}>
        Export
      </button>
      <button type="button" className={btn} data-testid="import" title="Open a scenario file (or drop one on the page)" onClick={() => file.current?.click()}>
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
