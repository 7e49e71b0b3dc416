/**
 * The header of an embedded playground: the scenario's title, what it runs
 * on, a step-by-step replay, and a way out to the full playground with
 * everything done so far.
 */
import { useSim } from '../store/store';
import { exportText } from '../store/actions';
import { linkFor, pageAddress, resetScenario } from '../store/scenario-actions';
import { ReplayStepsButton } from '../ui/ReplayStepsButton';
import { embedConfig } from './current';

const btn = 'whitespace-nowrap rounded px-2 py-0.5 text-xs hover:bg-slate-200 disabled:opacity-40 dark:hover:bg-slate-800';

/** The full playground's address for the session so far (no embed parameters). */
export async function playgroundUrl(): Promise<string> {
  return `${pageAddress()}${await linkFor(await exportText())}`;
}

export function EmbedHeader() {
  const title = useSim((s) => s.title);
  const mode = useSim((s) => s.engineMode);
  const source = useSim((s) => s.source);
  const busy = useSim((s) => s.busy);
  return (
    <header className="flex flex-wrap items-center gap-x-2 gap-y-0.5 border-b border-slate-200 px-2 py-1 text-xs dark:border-slate-800" data-testid="embed-header">
      <h1 className="min-w-0 truncate text-sm font-semibold">{title ?? 'StatefulSet Playground'}</h1>
      <span className="whitespace-nowrap text-slate-400" title={mode === 'main-thread' ? 'This frame may not start a Web Worker, so the cluster runs on the page itself; nothing is saved.' : 'The cluster follows Kubernetes v1.32'}>
        Kubernetes v1.32 (simulated){mode === 'main-thread' ? ' · in-page engine' : ''}
        {embedConfig.readonly ? ' · read-only' : ''}
      </span>
      <div className="ml-auto flex items-center gap-1">
        {source && !source.lesson && <ReplayStepsButton className={btn} />}
        {source && (
          <button type="button" className={btn} disabled={busy} data-testid="embed-reset" title="Back to the scenario as it was loaded" onClick={() => void resetScenario({ play: embedConfig.autoplay })}>
            Reset
          </button>
        )}
        <button
          type="button"
          className={btn}
          data-testid="open-playground"
          title="Open the full playground in a new tab, with everything done here"
          onClick={async () => {
            const url = await playgroundUrl();
            window.open(url, '_blank', 'noopener');
          }}
        >
          Open in playground ↗
        </button>
      </div>
    </header>
  );
}
