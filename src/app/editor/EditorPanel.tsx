/**
 * The manifests editor: Monaco with YAML validation and completion from the
 * bundled Kubernetes schema, an Apply button (Ctrl/Cmd+Enter), the result of
 * the last apply and its problems, which are also shown as markers.
 *
 * This module is itself lazy (App.tsx), and Monaco is a further `import()`
 * away: a plain textarea edits the same text while Monaco loads, or for good
 * if it cannot load, so no edit is ever lost.
 */
import { embedConfig } from '../embed/current';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DriftView, ManifestProblem } from '../../protocol/protocol';
import type { EditorTestBridge } from '../../protocol/test-bridge';
import { applyManifests, setManifests, takeLiveValues } from '../store/actions';
import { useSim, type SimState } from '../store/store';
import type { ManifestEditor } from './manifest-editor';
import { lineEndAt, offsetAt } from './text-diff';

const ARIA_LABEL = 'Kubernetes manifests (YAML)';
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const SHORTCUT = IS_MAC ? '⌘+Enter' : 'Ctrl+Enter';

/** The live Monaco editor, when there is one (one panel per page). */
let current: ManifestEditor | null = null;

function currentText(): string {
  return current?.getValue() ?? useSim.getState().manifests;
}

/** Applies the editor's text unless a command is still running. */
function applyNow(text = currentText()): void {
  const s = useSim.getState();
  if (s.busy || embedConfig.readonly) return;
  if (text !== s.manifests) setManifests(text);
  void applyManifests(text);
}

// ---------------------------------------------------------------- Test hook

const bridge: EditorTestBridge = {
  getValue: currentText,
  setValue(text) {
    // Goes through the editor like a keystroke would (and so into the store), or straight to the store while Monaco loads.
    if (current) current.setValue(text, 'user');
    else setManifests(text);
  },
  select(text, after) {
    const value = currentText();
    const from = after === undefined ? 0 : value.indexOf(after);
    const at = from < 0 ? -1 : value.indexOf(text, from);
    if (!current || at < 0) return false;
    const pos = (offset: number) => {
      const before = value.slice(0, offset).split('\n');
      return [before.length, (before.at(-1)?.length ?? 0) + 1] as const;
    };
    const [l, c] = pos(at);
    const [el, ec] = pos(at + text.length);
    current.reveal(l, c, el, ec);
    return true;
  },
  markers: () => current?.markers() ?? useSim.getState().problems.map((p) => ({ line: p.line, column: p.column, message: p.message, owner: 'apply' })),
};

/** The hook is installed once the scenario's text is in the store, so its first getValue() is never the empty placeholder. */
function installBridge(): void {
  if (typeof window === 'undefined') return;
  const hasText = (s: SimState) => s.manifests !== '' || s.transportAt > 0;
  if (hasText(useSim.getState())) {
    window.__editor = bridge;
    return;
  }
  const stop = useSim.subscribe((s) => {
    if (!hasText(s)) return;
    window.__editor = bridge;
    stop();
  });
}
installBridge();

// ---------------------------------------------------------------- Panel

type Loading = 'loading' | 'ready' | 'failed';

export default function EditorPanel() {
  const manifests = useSim((s) => s.manifests);
  const appliedManifests = useSim((s) => s.appliedManifests);
  const rejectedManifests = useSim((s) => s.rejectedManifests);
  const drift = useSim((s) => (s.drift?.manifests === s.manifests ? s.drift.fields : null));
  const [showDrift, setShowDrift] = useState(false);
  const busy = useSim((s) => s.busy);
  const problems = useSim((s) => s.problems);
  const applyOutput = useSim((s) => s.applyOutput);
  const theme = useSim((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [editor, setEditor] = useState<ManifestEditor | null>(null);
  const [loading, setLoading] = useState<Loading>('loading');

  // Load Monaco and mount it into the host element.
  useEffect(() => {
    let cancelled = false;
    let created: ManifestEditor | null = null;
    import('./manifest-editor')
      .then(({ createManifestEditor }) => {
        if (cancelled || !host.current) return;
        const s = useSim.getState();
        created = createManifestEditor(host.current, {
          value: s.manifests,
          theme: s.theme,
          ariaLabel: ARIA_LABEL,
          onChange: setManifests,
          onApply: applyNow,
          readOnly: embedConfig.readonly,
        });
        current = created;
        setEditor(created);
        setLoading('ready');
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        console.warn('The code editor could not be loaded; using a plain text box.', err);
        setLoading('failed');
      });
    return () => {
      cancelled = true;
      if (created) {
        if (current === created) current = null;
        created.dispose();
      }
      setEditor(null);
    };
  }, []);

  // Outside changes to the text (controls rewrite a field) edit the model in place; the editor's own edits are already equal.
  useEffect(() => {
    editor?.setValue(manifests, 'outside');
  }, [editor, manifests]);
  useEffect(() => {
    editor?.setProblems(problems);
  }, [editor, problems]);
  useEffect(() => {
    editor?.setTheme(theme);
  }, [editor, theme]);

  const reveal = useCallback(
    (p: ManifestProblem) => {
      if (editor) {
        editor.reveal(p.line, p.column, p.endLine, p.endColumn);
        return;
      }
      const el = textarea.current;
      if (!el) return;
      const text = el.value;
      const start = offsetAt(text, p.line, p.column);
      const end = p.endLine !== undefined ? offsetAt(text, p.endLine, p.endColumn ?? Number.MAX_SAFE_INTEGER) : lineEndAt(text, p.line);
      el.focus();
      el.setSelectionRange(start, Math.max(start, end));
    },
    [editor],
  );

  // The badge never says "Applied" for a text the server refused (in part), nor for one that was never sent.
  const drifted = drift !== null && drift.length > 0;
  const state: 'rejected' | 'applied' | 'drifted' | 'unapplied' = manifests === rejectedManifests ? 'rejected' : manifests === appliedManifests ? (drifted ? 'drifted' : 'applied') : 'unapplied';
  const badge = {
    drifted: { text: `Applied; the cluster has changed ${drift?.length === 1 ? '1 field' : `${drift?.length ?? 0} fields`}`, tone: 'text-amber-700 dark:text-amber-400', dot: 'bg-amber-500' },
    rejected: { text: 'Refused by the API server: see the errors below', tone: 'text-red-700 dark:text-red-400', dot: 'bg-red-500' },
    applied: { text: 'Applied', tone: 'text-emerald-700 dark:text-emerald-400', dot: 'bg-emerald-500' },
    unapplied: { text: 'Unapplied changes', tone: 'text-amber-700 dark:text-amber-400', dot: 'bg-amber-500' },
  }[state];
  const showTextarea = editor === null;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="editor-panel" data-editor={loading}>
      <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
        <span className="font-medium">manifests.yaml</span>
        <span data-testid="apply-state" data-state={state} role="status" aria-live="polite" className={`flex items-center gap-1 ${badge.tone}`}>
          <span aria-hidden="true" className={`inline-block size-1.5 rounded-full ${badge.dot}`} />
          {badge.text}
        </span>
        {drifted && (
          <button type="button" data-testid="drift-toggle" aria-expanded={showDrift} className="rounded px-1 text-sky-700 underline dark:text-sky-400" onClick={() => setShowDrift(!showDrift)}>
            {showDrift ? 'hide the diff' : 'show the diff'}
          </button>
        )}
        {loading === 'failed' && <span className="text-slate-500">(plain text: the code editor did not load)</span>}
        <button
          type="button"
          data-testid="apply"
          className="ml-auto rounded bg-sky-600 px-3 py-1 font-medium text-white hover:bg-sky-700 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-sky-700 dark:hover:bg-sky-600"
          title={`Apply the manifests: kubectl apply -f manifests.yaml (${SHORTCUT})`}
          aria-keyshortcuts={IS_MAC ? 'Meta+Enter' : 'Control+Enter'}
          disabled={busy || embedConfig.readonly}
          onClick={() => applyNow()}
        >
          Apply
        </button>
      </div>

      <div className="relative min-h-0 flex-1">
        <div ref={host} className="absolute inset-0" data-testid="monaco-host" />
        {showTextarea && (
          <textarea
            ref={textarea}
            aria-label={ARIA_LABEL}
            data-testid="manifests-textarea"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            className="absolute inset-0 h-full w-full resize-none bg-white p-2 font-mono text-[13px] leading-5 text-slate-900 outline-none dark:bg-slate-900 dark:text-slate-100"
            value={manifests}
            readOnly={embedConfig.readonly}
            onChange={(e) => setManifests(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                applyNow(e.currentTarget.value);
              }
            }}
          />
        )}
      </div>

      {drifted && showDrift && <DriftPanel fields={drift} onReveal={reveal} />}
      <ApplyResults output={applyOutput} problems={problems} onReveal={reveal} />
    </div>
  );
}

/** kubectl's lines: results plain, warnings amber, anything else (errors, their details) red. */
function lineClass(line: string): string {
  if (/^[\w.-]+\/[\w.-]+ (created|configured|unchanged|deleted|serverside-applied)\b/.test(line)) return 'text-slate-700 dark:text-slate-300';
  if (/^Warning:/.test(line)) return 'text-amber-700 dark:text-amber-400';
  return 'text-red-700 dark:text-red-400';
}

function ApplyResults({ output, problems, onReveal }: { output: string | null; problems: readonly ManifestProblem[]; onReveal: (p: ManifestProblem) => void }) {
  const lines = (output ?? '').split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0 && problems.length === 0) return null;
  return (
    <div data-testid="apply-results" aria-label="Apply results" role="region" className="max-h-[30%] shrink-0 overflow-auto border-t border-slate-200 px-2 py-1 font-mono text-xs dark:border-slate-800">
      {lines.length > 0 && (
        <pre data-testid="apply-output" className="whitespace-pre-wrap break-words">
          {lines.map((l, i) => (
            <div key={i} className={lineClass(l)}>
              {l}
            </div>
          ))}
        </pre>
      )}
      {problems.length > 0 && (
        <ul aria-label="Problems" className="mt-1 flex flex-col gap-0.5">
          {problems.map((p, i) => (
            <li key={i}>
              <button type="button" data-testid="problem" className="w-full rounded px-1 text-left text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950" title="Show in the editor" onClick={() => onReveal(p)}>
                <span className="text-slate-500 dark:text-slate-400">
                  {p.line}:{p.column}
                </span>{' '}
                {p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The editor's values beside the live ones, each a link to its place in the text, and a way to take the live values. */
function DriftPanel({ fields, onReveal }: { fields: readonly DriftView[]; onReveal: (p: ManifestProblem) => void }) {
  return (
    <div data-testid="drift" role="region" aria-label="Differences from the cluster" className="max-h-[35%] shrink-0 overflow-auto border-t border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="mb-1">
        The live objects differ from the editor. Apply would set the editor&apos;s values again, as <code>kubectl apply</code> does; or take the live values into the editor.
      </p>
      <ul className="flex flex-col gap-1 font-mono">
        {fields.map((f, i) => (
          <li key={i} data-testid="drift-field" className="break-all">
            <button type="button" className="text-left underline decoration-dotted" title="Show in the editor" onClick={() => onReveal({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: '' })}>
              {f.kind}/{f.name} {f.label}
            </button>
            <div className="pl-3">
              editor <span className="text-red-700 line-through dark:text-red-400">{f.editor}</span>, cluster <span className="font-semibold text-emerald-800 dark:text-emerald-300">{f.live}</span>
            </div>
          </li>
        ))}
      </ul>
      <button type="button" data-testid="take-live" className="mt-1 rounded bg-amber-600 px-2 py-0.5 font-medium text-white hover:bg-amber-700" onClick={() => void takeLiveValues()}>
        Take the live values
      </button>
    </div>
  );
}
