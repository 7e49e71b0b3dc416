/**
 * Actions: the only code that talks to the engine client. Components call
 * these; the bridge turns worker messages into state.
 */
import type { Command, LessonCheck, ObjectView, WorkerMessage } from '../../protocol/protocol';
import { createSimClient, type SimClient } from '../../worker/sim-client';
import { appendCapped, appendTerminal, initialState, MAX_HISTORY, mergeEvents, mergeWhy, useSim, withObjects, type Selection, type TerminalLine } from './store';

let client: SimClient | undefined;
let nextId = 1;
const pending = new Map<number, (m: WorkerMessage) => void>();
const STORAGE_KEY = 'sts-playground:manifests';

let persist = true;
/** Embedded frames start from their scenario every time: nothing is saved or read back. */
export function setPersistence(enabled: boolean): void {
  persist = enabled;
}

function storage(): Storage | undefined {
  if (!persist) return undefined;
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function savedManifests(): string | null {
  try {
    return storage()?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function request<T extends WorkerMessage>(cmd: Command & { id: number }): Promise<T> {
  return new Promise((resolve) => {
    pending.set(cmd.id, resolve as (m: WorkerMessage) => void);
    send(cmd);
  });
}

function send(cmd: Command): void {
  client?.send(cmd);
}

/** Adds lines to the terminal (a command echoed as typed, output, prose). */
export function say(lines: TerminalLine[]): void {
  useSim.setState((s) => ({ terminal: appendTerminal(s.terminal, lines) }));
}

/** The first line of kubectl's output that is neither a result nor a warning: what the server refused. */
export function firstError(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  return lines.find((l) => !/^[\w.-]+\/[\w.-]+ (created|configured|unchanged)\b/.test(l) && !/^Warning:/.test(l)) ?? lines[0] ?? 'an error';
}

/** Applies one worker message to the store. Exported for tests. */
export function receive(m: WorkerMessage): void {
  switch (m.type) {
    case 'ready':
      return;
    case 'loaded': {
      if (!m.ok) {
        useSim.setState({ loadError: m.error });
        break;
      }
      useSim.setState((s) => {
        const applied = m.manifestsApply;
        const refused = applied !== null && applied.exitCode !== 0;
        const loadNotice = refused ? `The API server refused part of this scenario's manifests: ${firstError(applied.output)}` : null;
        const base = { ...initialState, theme: s.theme, connected: true, engineMode: s.engineMode, terminal: s.terminal, history: [] as string[], notice: loadNotice ?? s.notice, loadNotice };
        const lines: TerminalLine[] = m.transcript.flatMap((x): TerminalLine[] => (x.say ? [{ kind: 'say', text: x.command }] : [{ kind: 'command', text: x.command }, ...(x.output ? [{ kind: 'output' as const, text: x.output }] : [])]));
        return {
          ...base,
          ...withObjects(base, m.objects, []),
          events: mergeEvents([], m.events),
          ...mergeWhy(base, m.why),
          transport: m.transport,
          transportAt: performance.now(),
          title: m.title,
          description: m.description,
          manifests: savedManifests() ?? m.manifests,
          appliedManifests: m.manifests,
          rejectedManifests: refused ? m.manifests : null,
          problems: applied?.problems ?? [],
          applyOutput: refused ? applied.output : null,
          terminal: appendTerminal(s.terminal, lines),
          loadError: null,
          lesson: m.lessonSteps.length ? { steps: m.lessonSteps, next: 0, shown: 0, speed: m.lessonSpeed } : null,
        };
      });
      scheduleDrift(0);
      break;
    }
    case 'changes':
      useSim.setState((s) => ({
        ...withObjects(
          s,
          m.changes.flatMap((c) => (c.op === 'put' ? [c.view] : [])),
          m.changes.flatMap((c) => (c.op === 'delete' ? [{ kind: c.kind, name: c.name }] : [])),
        ),
        events: mergeEvents(s.events, m.events),
        ...mergeWhy(s, m.why),
        transport: m.transport,
        transportAt: performance.now(),
      }));
      break;
    case 'transport':
      useSim.setState({ transport: m.transport, transportAt: performance.now() });
      break;
    case 'fault':
      useSim.setState((s) => ({ faults: appendCapped(s.faults, [m.message], 20) }));
      break;
    default:
      break;
  }
  if ('id' in m) {
    const resolve = pending.get(m.id);
    if (resolve) {
      pending.delete(m.id);
      resolve(m);
    }
  }
}

export async function connect(opts: { forceMainThread?: boolean } = {}): Promise<void> {
  client?.close();
  client = await createSimClient(receive, opts);
  useSim.setState({ connected: true, engineMode: client.mode });
}

/** Loads a scenario (its text) and starts playing. */
export async function loadScenario(text: string, opts: { play?: boolean; lesson?: boolean; keepEdits?: boolean } = {}): Promise<boolean> {
  if (!opts.keepEdits) forgetSavedManifests();
  const lesson = opts.lesson ?? false;
  const m = await request<Extract<WorkerMessage, { type: 'loaded' }>>({ type: 'load', id: nextId++, scenario: text, lesson });
  if (m.ok) useSim.setState({ source: { text, lesson } });
  if (m.ok && (opts.play ?? true)) play();
  return m.ok;
}

/**
 * Runs a command line as if typed in the terminal, echoing it there. A command
 * of several lines (a loop typed over lines) echoes each further line after
 * `> ` and goes into the ↑ history as one line, as bash keeps it.
 */
export async function runCommand(line: string, opts: { silent?: boolean } = {}): Promise<number> {
  const trimmed = line.trim();
  // The shell's syntax helpers load with the first command, not with the page.
  const { historyLine, shownLine } = await import('./terminal-lines');
  if (!opts.silent) say([{ kind: 'command', text: shownLine(trimmed) }]);
  if (!trimmed) return 0;
  useSim.setState((s) => ({ busy: true, history: opts.silent ? s.history : appendCapped(s.history, [historyLine(trimmed)], MAX_HISTORY) }));
  const m = await request<Extract<WorkerMessage, { type: 'output' }>>({ type: 'exec', id: nextId++, line: trimmed });
  useSim.setState({ busy: false });
  if (m.text) say([{ kind: 'output', text: m.text }]);
  notify({ command: trimmed, output: m.text, exitCode: m.exitCode, silent: opts.silent ?? false });
  return m.exitCode;
}

export interface CommandDone {
  command: string;
  output: string;
  exitCode: number;
  /** A lesson's prose echoed as a comment, not something a person ran. */
  silent: boolean;
}

/** Told after every command and apply: the share link follows what was done, an embedding page hears of each step. */
const afterCommand = new Set<(done: CommandDone) => void>();
export function onAfterCommand(fn: (done: CommandDone) => void): () => void {
  afterCommand.add(fn);
  return () => afterCommand.delete(fn);
}
function notify(done: CommandDone): void {
  for (const fn of afterCommand) fn(done);
  scheduleDrift();
}

let driftTimer: ReturnType<typeof setTimeout> | undefined;
/** Asks the engine, soon, where the live objects differ from the editor's text (after commands, applies and edits). */
export function scheduleDrift(delay = 250): void {
  clearTimeout(driftTimer);
  driftTimer = setTimeout(() => void refreshDrift(), delay);
}

export async function refreshDrift(): Promise<void> {
  const manifests = useSim.getState().manifests;
  if (!client) return;
  const m = await request<Extract<WorkerMessage, { type: 'drifted' }>>({ type: 'drift', id: nextId++, manifests });
  useSim.setState({ drift: { manifests, fields: m.fields } });
}

/**
 * Writes the live values of the drifted fields into the editor's text (each
 * value in place, comments kept). The cluster already holds them, so a text
 * that was applied stays applied.
 */
export async function takeLiveValues(): Promise<void> {
  const s = useSim.getState();
  if (s.drift?.manifests !== s.manifests || s.drift.fields.length === 0) return;
  const { setManifestField } = await import('../../scenario/manifest-edit');
  let next = s.manifests;
  for (const f of s.drift.fields) next = setManifestField(next, f.kind, f.name, f.path, f.value) ?? next;
  if (next === s.manifests) return;
  setManifests(next);
  if (s.appliedManifests === s.manifests) useSim.setState({ appliedManifests: next });
  await refreshDrift();
}

/** The session so far as a scenario file. */
export async function exportText(): Promise<string> {
  const m = await request<Extract<WorkerMessage, { type: 'exported' }>>({ type: 'export', id: nextId++ });
  return m.scenario;
}

/** Applies the editor's manifests, as `kubectl apply -f manifests.yaml`. */
export async function applyManifests(text?: string): Promise<number> {
  const manifests = text ?? useSim.getState().manifests;
  say([{ kind: 'command', text: 'kubectl apply -f manifests.yaml' }]);
  useSim.setState((s) => ({ busy: true, history: appendCapped(s.history, ['kubectl apply -f manifests.yaml'], MAX_HISTORY) }));
  const m = await request<Extract<WorkerMessage, { type: 'applied' }>>({ type: 'apply', id: nextId++, manifests });
  useSim.setState({ busy: false, problems: m.problems, applyOutput: m.output, ...(m.exitCode === 0 ? { appliedManifests: manifests, rejectedManifests: null } : { rejectedManifests: manifests }) });
  if (m.output) say([{ kind: 'output', text: m.output }]);
  notify({ command: 'kubectl apply -f manifests.yaml', output: m.output, exitCode: m.exitCode, silent: false });
  return m.exitCode;
}

export function setManifests(text: string): void {
  useSim.setState({ manifests: text });
  scheduleDrift(400);
  try {
    storage()?.setItem(STORAGE_KEY, text);
  } catch {
    // Storage may be full or forbidden (sandboxed frames): the text stays in memory.
  }
}

export function forgetSavedManifests(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // nothing saved
  }
}

/**
 * A control's action: runs its kubectl line and writes the same change into
 * the editor's YAML, keeping the rest of the text as it was.
 */
export interface ControlEdit {
  kind: string;
  name: string;
  edits: { path: (string | number | { name: string })[]; value: string | number | boolean | null }[];
}

export async function runControl(line: string, edit?: ControlEdit): Promise<number> {
  const code = await runCommand(line);
  if (code === 0 && edit) {
    const { editManifest } = await import('../../scenario/manifest-edit');
    const s = useSim.getState();
    const next = editManifest(s.manifests, edit.kind, edit.name, edit.edits);
    if (next !== undefined && next !== s.manifests) {
      setManifests(next);
      // What the cluster now holds matches the edited text when the text was applied before.
      if (s.appliedManifests === s.manifests) useSim.setState({ appliedManifests: next });
      if (s.rejectedManifests === s.manifests) useSim.setState({ rejectedManifests: next });
    }
  }
  return code;
}

/** Moves virtual time by exactly `ms` (the end of a lesson's wait). */
export async function advanceExactly(ms: number): Promise<void> {
  await request<Extract<WorkerMessage, { type: 'advanced' }>>({ type: 'advance', id: nextId++, ms });
}

/** Runs a lesson's check quietly in the engine. */
export function requestCheck(check: LessonCheck): Promise<Extract<WorkerMessage, { type: 'checked' }>> {
  return request<Extract<WorkerMessage, { type: 'checked' }>>({ type: 'check', id: nextId++, check });
}

export function play(): void {
  send({ type: 'play' });
}
export function pause(): void {
  send({ type: 'pause' });
}
export function setSpeed(value: number): void {
  send({ type: 'speed', value });
}
export async function stepToNext(): Promise<void> {
  await request({ type: 'step', id: nextId++ });
}

export async function inspect(kind: ObjectView['kind'], name: string): Promise<{ yaml: string; describe: string }> {
  const m = await request<Extract<WorkerMessage, { type: 'inspected' }>>({ type: 'inspect', id: nextId++, kind, name });
  return { yaml: m.yaml, describe: m.describe };
}

export async function complete(line: string): Promise<{ start: number; items: string[] }> {
  const m = await request<Extract<WorkerMessage, { type: 'completions' }>>({ type: 'complete', id: nextId++, line });
  return { start: m.start, items: m.items };
}

export function select(sel: Selection | null): void {
  useSim.setState({ selection: sel });
}

export function clearTerminal(): void {
  useSim.setState({ terminal: [] });
}

export function setTheme(theme: 'light' | 'dark'): void {
  useSim.setState({ theme });
  try {
    storage()?.setItem('sts-playground:theme', theme);
  } catch {
    // not persisted
  }
}

/** The virtual time now, moved on from the last message by page time while playing. */
export function currentVirtualTime(): number {
  const { transport, transportAt } = useSim.getState();
  if (!transport.playing) return transport.t;
  return transport.t + Math.min(performance.now() - transportAt, 250) * transport.speed;
}
