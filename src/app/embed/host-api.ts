/**
 * The embedded playground's side of the postMessage API (see
 * protocol/embed.ts). Messages are taken only from the parent page, and only
 * from the origins the address names (`origin=`) when it names any; they are
 * handled one at a time, in the order they arrive, after the first scenario
 * has loaded.
 */
import { EMBED_API_VERSION, parseHostMessage, type EmbedMessage, type HostMessage } from '../../protocol/embed';
import { applyManifests, currentVirtualTime, loadScenario, onAfterCommand, pause, play, runCommand, setSpeed, stepToNext } from '../store/actions';
import { GALLERY, lessonNext, resetScenario } from '../store/scenario-actions';
import { useSim } from '../store/store';
import { originAllowed, replyTarget, type EmbedConfig } from './config';
import { changedSets, stateReport } from './reports';

export interface EmbedApi {
  /** Says `sts:ready` to the host and starts handling its messages. */
  start(): void;
}

function storageWorks(): boolean {
  try {
    const k = 'sts-playground:probe';
    window.localStorage.setItem(k, '1');
    window.localStorage.removeItem(k);
    return true;
  } catch {
    return false;
  }
}

export function installEmbedApi(config: EmbedConfig): EmbedApi | null {
  if (window.parent === window) return null;
  const target = replyTarget(config);
  const post = (m: EmbedMessage) => {
    try {
      window.parent.postMessage(m, target);
    } catch {
      // The parent went away or the target origin does not match: nobody to tell.
    }
  };

  let started: () => void = () => undefined;
  let queue: Promise<unknown> = new Promise<void>((resolve) => (started = resolve));

  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== window.parent) return;
    const parsed = parseHostMessage(e.data);
    if (!parsed) return;
    if (!originAllowed(config, e.origin)) {
      console.warn(`StatefulSet Playground: ignored ${parsed && 'type' in parsed ? parsed.type : 'a message'} from ${e.origin}; this embed accepts messages from ${config.origins?.join(', ') || 'no origin'} (the origin= parameter).`);
      return;
    }
    if ('error' in parsed) {
      post({ type: 'sts:error', id: parsed.id, request: parsed.request, error: parsed.error });
      return;
    }
    queue = queue.then(() =>
      handle(parsed).catch((err: unknown) => post({ type: 'sts:error', id: parsed.id, request: parsed.type, error: err instanceof Error ? err.message : String(err) })),
    );
  });

  async function handle(m: HostMessage): Promise<void> {
    const ok = (extra: Partial<Extract<EmbedMessage, { type: 'sts:result' }>> = {}) => post({ type: 'sts:result', id: m.id, request: m.type, ok: true, ...extra });
    switch (m.type) {
      case 'sts:load': {
        let text = m.scenario;
        let lesson = m.lesson ?? false;
        if (m.gallery !== undefined) {
          const entry = GALLERY.find((g) => g.name === m.gallery);
          if (!entry) return post({ type: 'sts:result', id: m.id, request: m.type, ok: false, error: `There is no gallery scenario called "${m.gallery.slice(0, 80)}".` });
          text = await entry.load();
          lesson = m.lesson ?? entry.name !== 'playground';
        }
        const loaded = await loadScenario(text ?? '', { lesson, play: m.autoplay ?? config.autoplay });
        const error = useSim.getState().loadError;
        if (!loaded) useSim.setState({ loadError: null, notice: `The host page's scenario could not be loaded: ${error ?? 'invalid scenario'}` });
        else useSim.setState((s) => ({ notice: s.loadNotice }));
        return post({ type: 'sts:result', id: m.id, request: m.type, ok: loaded, ...(loaded ? {} : { error: error ?? 'invalid scenario' }) });
      }
      case 'sts:run': {
        let output = '';
        const off = onAfterCommand((d) => (output = d.output));
        const exitCode = await runCommand(m.command).finally(off);
        return ok({ output, exitCode, ok: exitCode === 0 });
      }
      case 'sts:apply': {
        const exitCode = await applyManifests(m.manifests);
        return ok({ output: useSim.getState().applyOutput ?? '', exitCode, ok: exitCode === 0 });
      }
      case 'sts:next': {
        if (!useSim.getState().lesson) return post({ type: 'sts:result', id: m.id, request: m.type, ok: false, error: 'No lesson is open: load one with lesson: true.' });
        await lessonNext();
        return ok();
      }
      case 'sts:play':
        play();
        return ok();
      case 'sts:pause':
        pause();
        return ok();
      case 'sts:step':
        await stepToNext();
        return ok();
      case 'sts:speed':
        setSpeed(m.value);
        return ok();
      case 'sts:reset': {
        const done = await resetScenario({ play: config.autoplay });
        return post({ type: 'sts:result', id: m.id, request: m.type, ok: done, ...(done ? {} : { error: 'Nothing to reset to: no scenario was loaded.' }) });
      }
      case 'sts:state':
        return post({ type: 'sts:state', id: m.id, state: stateReport(useSim.getState(), currentVirtualTime()) });
    }
  }

  // Each step, as it finishes.
  onAfterCommand((done) => {
    if (done.silent) return;
    post({ type: 'sts:step', command: done.command, output: done.output, exitCode: done.exitCode, t: currentVirtualTime() });
  });

  // Each change of a set's spec or status.
  const sent = new Map<string, string>();
  let lastSets = useSim.getState().sets;
  const report = () => {
    for (const set of changedSets(useSim.getState().sets, sent)) post({ type: 'sts:status', t: useSim.getState().transport.t, set });
  };

  return {
    start() {
      post({ type: 'sts:ready', version: EMBED_API_VERSION, engine: useSim.getState().engineMode ?? 'main-thread', storage: storageWorks(), title: useSim.getState().title, readonly: config.readonly });
      report();
      useSim.subscribe((s) => {
        if (s.sets === lastSets) return;
        lastSets = s.sets;
        report();
      });
      started();
    },
  };
}
