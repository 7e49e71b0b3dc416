/**
 * The Monaco side of the editor panel, loaded with `import()` so none of it
 * is in the page's first bundle. It brings up Monaco's core API with the
 * editor features the panel uses, monaco-yaml with the bundled Kubernetes
 * schema, and the two workers (bundled by Vite, never from a CDN), and
 * returns a small handle the React panel drives.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
// Editor features (the full `monaco-editor` entry would also pull in every
// language and the TypeScript/CSS/HTML/JSON workers).
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/editor/contrib/documentSymbols/browser/documentSymbols.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/editor/contrib/inlineProgress/browser/inlineProgress.js';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/editor/contrib/links/browser/links.js';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/editor/contrib/readOnlyMessage/browser/contribution.js';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/tokenization/browser/tokenization.js';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
// YAML syntax colouring (Monarch); monaco-yaml adds the language service.
import 'monaco-editor/languages/definitions/yaml/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import type { ManifestProblem } from '../../protocol/protocol';
import { manifestSchema } from './schema';
import { changedSpan } from './text-diff';
import YamlWorker from './yaml.worker?worker';

export type Theme = 'light' | 'dark';

export interface EditorMarker {
  line: number;
  column: number;
  message: string;
  owner: string;
}

export interface ManifestEditor {
  getValue(): string;
  /**
   * Replaces the text by editing only the span that differs, keeping the
   * cursor and the undo stack. `user`: report it through onChange like a
   * keystroke; `outside`: the store already holds it, do not echo it back.
   */
  setValue(text: string, as: 'user' | 'outside'): void;
  setProblems(problems: readonly ManifestProblem[]): void;
  setTheme(theme: Theme): void;
  reveal(line: number, column: number, endLine?: number, endColumn?: number): void;
  markers(): EditorMarker[];
  focus(): void;
  dispose(): void;
}

export interface ManifestEditorOptions {
  value: string;
  theme: Theme;
  ariaLabel: string;
  onChange(text: string): void;
  onApply(text: string): void;
  /** Shown, not edited (an embed in read-only mode). */
  readOnly?: boolean;
}

const MODEL_URI = monaco.Uri.parse('file:///manifests.yaml');
const APPLY_OWNER = 'apply';

// ---------------------------------------------------------------- Workers

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/**
 * monaco-worker-manager 2.0.1 (used by monaco-yaml 5.5.1) still calls
 * `monaco.editor.createWebWorker({ label, moduleId, createData })`, the form
 * monaco-editor dropped in 0.55: it now takes `{ worker }` and no longer
 * creates the worker or forwards createData, so the YAML worker would never
 * start. This wrapper turns the old form into the new one the way
 * monaco-editor's own language workers do: create the worker through
 * MonacoEnvironment.getWorker, post a first message (which makes the worker
 * install monaco's initialise handler), then createData (which that handler
 * passes to the YAML worker's factory before the RPC channel opens).
 */
interface LegacyWorkerOptions {
  label?: string;
  moduleId?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

function withLegacyCreateWebWorker(m: typeof monaco): typeof monaco {
  const createWebWorker = m.editor.createWebWorker;
  const legacy = <T extends object>(opts: monaco.editor.IInternalWebWorkerOptions | LegacyWorkerOptions): monaco.editor.MonacoWebWorker<T> => {
    if ('worker' in opts && opts.worker) return createWebWorker<T>(opts);
    const { label = 'monaco-editor-worker', createData, host, keepIdleModels } = opts as LegacyWorkerOptions;
    const getWorker = globalThis.MonacoEnvironment?.getWorker;
    if (!getWorker) throw new Error('MonacoEnvironment.getWorker is not set');
    const worker = Promise.resolve(getWorker('workerMain.js', label)).then((w) => {
      w.postMessage('ignore');
      w.postMessage(createData);
      return w;
    });
    return createWebWorker<T>({ worker, ...(host ? { host } : {}), ...(keepIdleModels !== undefined ? { keepIdleModels } : {}) });
  };
  return { ...m, editor: { ...m.editor, createWebWorker: legacy as typeof createWebWorker } };
}

configureMonacoYaml(withLegacyCreateWebWorker(monaco), {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  format: { enable: false },
  schemas: [
    {
      // Only an id: the schema is inline and never fetched.
      uri: 'https://statefulset-playground.local/schemas/manifests.json',
      fileMatch: ['**/manifests.yaml'],
      schema: manifestSchema,
    },
  ],
});

// ---------------------------------------------------------------- Editor

export function createManifestEditor(container: HTMLElement, opts: ManifestEditorOptions): ManifestEditor {
  monaco.editor.getModel(MODEL_URI)?.dispose();
  const model = monaco.editor.createModel(opts.value, 'yaml', MODEL_URI);
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  const editor = monaco.editor.create(container, {
    model,
    theme: opts.theme === 'dark' ? 'vs-dark' : 'vs',
    ariaLabel: opts.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    lineNumbersMinChars: 3,
    folding: true,
    renderLineHighlight: 'line',
    fixedOverflowWidgets: true,
    quickSuggestions: { other: true, comments: false, strings: true },
    tabSize: 2,
    detectIndentation: false,
    wordBasedSuggestions: 'off',
    scrollbar: { alwaysConsumeMouseWheel: false },
    readOnly: opts.readOnly ?? false,
    readOnlyMessage: { value: 'This embedded scenario is read-only.' },
  });

  // Outside changes (a control rewrote a field) are already in the store.
  let outside = false;
  const listener = model.onDidChangeContent(() => {
    if (!outside) opts.onChange(model.getValue());
  });

  editor.addAction({
    id: 'sts-playground.apply',
    label: 'Apply manifests (kubectl apply -f manifests.yaml)',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, monaco.KeyMod.WinCtrl | monaco.KeyCode.Enter],
    run: () => opts.onApply(model.getValue()),
  });

  function replace(text: string): void {
    const current = model.getValue();
    if (text === current) return;
    const span = current.includes('\r') || text.includes('\r') ? { start: 0, end: current.length, text } : changedSpan(current, text);
    if (!span) return;
    const start = model.getPositionAt(span.start);
    const end = model.getPositionAt(span.end);
    editor.pushUndoStop();
    editor.executeEdits('sts-playground', [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: span.text, forceMoveMarkers: false }]);
    editor.pushUndoStop();
  }

  return {
    getValue: () => model.getValue(),
    setValue(text, as) {
      if (as === 'user') {
        replace(text);
        return;
      }
      outside = true;
      try {
        replace(text);
      } finally {
        outside = false;
      }
    },
    setProblems(problems) {
      const lines = model.getLineCount();
      monaco.editor.setModelMarkers(
        model,
        APPLY_OWNER,
        problems.map((p) => {
          const line = Math.min(Math.max(p.line, 1), lines);
          const column = Math.min(Math.max(p.column, 1), model.getLineMaxColumn(line));
          const endLine = Math.min(Math.max(p.endLine ?? line, line), lines);
          let endColumn = p.endColumn ?? model.getLineMaxColumn(endLine);
          if (endLine === line && endColumn <= column) endColumn = model.getLineMaxColumn(line);
          return { severity: monaco.MarkerSeverity.Error, source: 'kubectl apply', message: p.message, startLineNumber: line, startColumn: column, endLineNumber: endLine, endColumn: Math.max(endColumn, column) };
        }),
      );
    },
    setTheme(theme) {
      monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
    },
    reveal(line, column, endLine, endColumn) {
      const l = Math.min(Math.max(line, 1), model.getLineCount());
      const c = Math.min(Math.max(column, 1), model.getLineMaxColumn(l));
      const el = Math.min(Math.max(endLine ?? l, l), model.getLineCount());
      const ec = endColumn ?? model.getLineMaxColumn(el);
      const range = new monaco.Range(l, c, el, el === l ? Math.max(ec, c) : ec);
      editor.setSelection(range);
      editor.revealRangeInCenterIfOutsideViewport(range);
      editor.focus();
    },
    markers: () => monaco.editor.getModelMarkers({ resource: MODEL_URI }).map((m) => ({ line: m.startLineNumber, column: m.startColumn, message: m.message, owner: m.owner })),
    focus: () => editor.focus(),
    dispose() {
      listener.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
