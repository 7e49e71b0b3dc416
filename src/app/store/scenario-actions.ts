/**
 * Scenarios in and out of the page: share links in the URL fragment, file
 * export and import, the gallery, and guided lessons.
 */
import { compareBytes } from '../../lib/order';
import type { WorkerMessage } from '../../protocol/protocol';
import { exportText, loadScenario } from './actions';
import { lessonAdvance } from './lesson';
import { useSim } from './store';

/** Gallery files, by name (without `.yaml`). Bundled as text; nothing is fetched. */
const GALLERY_FILES = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

export interface GalleryEntry {
  name: string;
  load: () => Promise<string>;
}

export const GALLERY: GalleryEntry[] = Object.entries(GALLERY_FILES)
  .map(([path, load]) => ({ name: path.replace(/^.*\/(.*)\.yaml$/, '$1'), load }))
  .sort((a, b) => (a.name === 'playground' ? -1 : b.name === 'playground' ? 1 : compareBytes(a.name, b.name)));

/** The scenario a share link carries, or a notice saying why it cannot be opened. */
export async function scenarioFromFragment(hash: string): Promise<{ text: string } | { error: string } | null> {
  if (!/^#\d+\./.test(hash) && !/^#[^/]*$/.test(hash)) return null;
  if (hash === '' || hash === '#') return null;
  const { decodeScenario, LinkError } = await import('../../share/link');
  try {
    return { text: decodeScenario(hash) };
  } catch (e) {
    return { error: e instanceof LinkError ? e.message : 'The link could not be read.' };
  }
}

/** The page's address without query or fragment (from href: a sandboxed frame's origin reads "null"). */
export function pageAddress(): string {
  return location.href.replace(/[?#].*$/, '');
}

export async function linkFor(text: string): Promise<string> {
  const { encodeScenario } = await import('../../share/link');
  return `#${encodeScenario(text)}`;
}

/** Opens a scenario text from a link, a file or the gallery; on failure keeps the current one and says why. */
export async function openScenario(text: string, opts: { lesson?: boolean; source: string; keepEdits?: boolean; play?: boolean }): Promise<boolean> {
  const ok = await loadScenario(text, { lesson: opts.lesson ?? false, keepEdits: opts.keepEdits ?? false, play: opts.play ?? true });
  const { loadError } = useSim.getState();
  useSim.setState((s) => ({ notice: ok ? s.loadNotice : `${opts.source} could not be opened: ${loadError ?? 'invalid scenario'}`, loadError: null, ...(ok && s.source ? { source: { ...s.source, replayable: true } } : {}) }));
  if (ok) void refreshLink();
  return ok;
}

export const OWN_LINK_KEY = 'sts-playground:own-link';

let linkTimer: ReturnType<typeof setTimeout> | undefined;
/** Keeps the address bar's fragment current with what was done, without adding history entries. */
export function scheduleLinkRefresh(): void {
  clearTimeout(linkTimer);
  linkTimer = setTimeout(() => void refreshLink(), 400);
}

export async function refreshLink(): Promise<string> {
  const link = await linkFor(await exportText());
  try {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${link}`);
    // A reload of this very address is the same session: the editor's unsaved text comes back with it.
    sessionStorage.setItem(OWN_LINK_KEY, link);
  } catch {
    // Some sandboxed frames forbid history changes: the link is still returned for copying.
  }
  return `${pageAddress()}${location.search}${link}`;
}

export async function copyLink(): Promise<string> {
  const url = await refreshLink();
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    // Clipboard not allowed (e.g. in a frame): the address bar holds the link.
  }
  return url;
}

export async function downloadScenario(): Promise<void> {
  const text = await exportText();
  const title = useSim.getState().title ?? 'scenario';
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  a.download = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario'}.yaml`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Largest scenario file the page reads. */
const MAX_FILE_BYTES = 1_000_000;

export async function importFile(file: File): Promise<boolean> {
  if (file.size > MAX_FILE_BYTES) {
    useSim.setState({ notice: `${file.name} is larger than 1 MB; the playground does not open it.` });
    return false;
  }
  return openScenario(await file.text(), { source: file.name });
}

/** Runs the lesson's next stretch: prose is shown, then every command up to the next prose. */
/** The lesson's button: run the stretch on screen, verify its check, or show the next stretch (lesson.ts). */
export async function lessonNext(): Promise<void> {
  await lessonAdvance();
  scheduleLinkRefresh();
}

export type { WorkerMessage };

/** Opens the scenario last loaded again, as it was loaded (a lesson from its start, a link replayed). */
export async function resetScenario(opts: { play?: boolean } = {}): Promise<boolean> {
  const source = useSim.getState().source;
  if (!source) return false;
  const oneByOne = useSim.getState().lesson?.oneByOne ?? false;
  const ok = await loadScenario(source.text, { lesson: source.lesson, play: opts.play ?? true });
  if (ok && oneByOne) useSim.setState((s) => (s.lesson ? { lesson: { ...s.lesson, oneByOne: true } } : {}));
  return ok;
}

/** Opens the scenario last loaded from its manifests, with its steps waiting to be run one per Next. */
export async function replayStepByStep(): Promise<boolean> {
  const source = useSim.getState().source;
  if (!source) return false;
  const ok = await loadScenario(source.text, { lesson: true });
  if (ok) useSim.setState((s) => ({ source: { text: source.text, lesson: true, replayable: true }, lesson: s.lesson ? { ...s.lesson, oneByOne: true } : null }));
  return ok;
}
