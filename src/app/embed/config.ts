/**
 * Embed mode: what the address of an embedded playground asks for, and the
 * `<iframe>` snippet that produces such an address. Pure: the query string
 * comes in, a typed configuration (and notices for what was not understood)
 * comes out.
 *
 *   ?embed&view=canvas,terminal&controls=replicas,partition&editor=off
 *        &autoplay=0&speed=4&theme=dark&readonly&origin=https://course.example
 */
import { SPEEDS } from '../../protocol/protocol';

export const PANELS = ['editor', 'controls', 'canvas', 'timeline', 'terminal', 'events'] as const;
export type Panel = (typeof PANELS)[number];

export const CONTROLS = ['replicas', 'partition', 'strategy', 'policy', 'image', 'rollout'] as const;
export type ControlName = (typeof CONTROLS)[number];

/** Panels an embed shows when its address names none. */
export const DEFAULT_EMBED_PANELS: readonly Panel[] = ['controls', 'canvas', 'timeline', 'terminal'];

export interface EmbedConfig {
  embed: boolean;
  panels: ReadonlySet<Panel>;
  controls: ReadonlySet<ControlName>;
  autoplay: boolean;
  /** A speed from SPEEDS, or null to keep the playground's own (1×). */
  speed: number | null;
  theme: 'light' | 'dark' | null;
  /** No editing: the learner watches, steps and inspects; the host page still drives it. */
  readonly: boolean;
  /** Origins allowed to drive the frame by postMessage; null = the parent page, whatever its origin. */
  origins: readonly string[] | null;
  /** Open the scenario as a lesson (Next runs its steps) or replayed; null = the playground's default. */
  lesson: boolean | null;
  /** What the address asked for that was not understood, in words, to show the author. */
  notices: string[];
}

const ON = new Set(['', '1', 'true', 'yes', 'on']);
const OFF = new Set(['0', 'false', 'no', 'off']);

function flag(params: URLSearchParams, key: string, fallback: boolean, notices: string[]): boolean {
  const v = params.get(key);
  if (v === null) return fallback;
  const lower = v.toLowerCase();
  if (ON.has(lower)) return true;
  if (OFF.has(lower)) return false;
  notices.push(`${key}=${v} is not on or off; using ${fallback ? 'on' : 'off'}.`);
  return fallback;
}

function list<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[], notices: string[]): T[] | null {
  const raw = params.get(key);
  if (raw === null) return null;
  const lower = raw.trim().toLowerCase();
  if (lower === 'none' || OFF.has(lower)) return [];
  if (lower === 'all' || lower === 'on' || lower === '1') return [...allowed];
  const out: T[] = [];
  for (const item of lower.split(',').map((s) => s.trim()).filter(Boolean)) {
    if ((allowed as readonly string[]).includes(item)) out.push(item as T);
    else notices.push(`${key}: "${item.slice(0, 40)}" is not one of ${allowed.join(', ')}.`);
  }
  return out;
}

/** An origin as `URL` normalises it (scheme://host[:port]), or null for anything else. */
export function normaliseOrigin(text: string): string | null {
  const t = text.trim();
  if (t === '*') return '*';
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.pathname !== '/' || u.search || u.hash || u.username || u.password) return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function parseEmbedConfig(search: string): EmbedConfig {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const embed = params.has('embed') && !OFF.has((params.get('embed') ?? '').toLowerCase());

  let panels = new Set<Panel>(embed ? DEFAULT_EMBED_PANELS : PANELS);
  const view = list(params, 'view', PANELS, notices);
  if (view) panels = new Set(view);
  for (const p of PANELS) {
    // `editor=off`, `terminal=on`… switch one panel on top of `view`.
    if (params.has(p) && p !== 'controls') {
      if (flag(params, p, panels.has(p), notices)) panels.add(p);
      else panels.delete(p);
    }
  }
  let controls = new Set<ControlName>(CONTROLS);
  const chosen = list(params, 'controls', CONTROLS, notices);
  if (chosen) {
    controls = new Set(chosen);
    // Naming controls shows them (`view=canvas,terminal&controls=replicas,partition`); `controls=none` hides them.
    if (chosen.length === 0) panels.delete('controls');
    else panels.add('controls');
  }

  let speed: number | null = null;
  const rawSpeed = params.get('speed');
  if (rawSpeed !== null) {
    const n = Number(rawSpeed.replace(/x$/i, ''));
    if ((SPEEDS as readonly number[]).includes(n)) speed = n;
    else notices.push(`speed=${rawSpeed.slice(0, 20)} is not one of ${SPEEDS.join(', ')}; playing at 1×.`);
  }

  let theme: EmbedConfig['theme'] = null;
  const rawTheme = params.get('theme');
  if (rawTheme !== null) {
    if (rawTheme === 'light' || rawTheme === 'dark') theme = rawTheme;
    else notices.push(`theme=${rawTheme.slice(0, 20)} is not light or dark.`);
  }

  let origins: string[] | null = null;
  const rawOrigin = params.getAll('origin').flatMap((o) => o.split(/[\s,]+/)).filter(Boolean);
  if (rawOrigin.length) {
    origins = [];
    for (const o of rawOrigin) {
      const n = normaliseOrigin(o);
      if (n) origins.push(n);
      else notices.push(`origin=${o.slice(0, 60)} is not an origin such as https://course.example; it is ignored.`);
    }
    // Named origins that were all invalid lock the API rather than open it.
  }

  const lesson = params.has('lesson') ? flag(params, 'lesson', true, notices) : null;

  return {
    embed,
    panels,
    controls,
    autoplay: flag(params, 'autoplay', true, notices),
    speed,
    theme,
    readonly: flag(params, 'readonly', false, notices),
    origins,
    lesson,
    notices,
  };
}

/** Whether a message from `origin` may drive the frame. */
export function originAllowed(config: Pick<EmbedConfig, 'origins'>, origin: string): boolean {
  if (!config.origins) return true;
  return config.origins.includes('*') || config.origins.includes(origin);
}

/** The origin replies are posted to: the one configured origin, else any (the parent chose to embed us). */
export function replyTarget(config: Pick<EmbedConfig, 'origins'>): string {
  const only = config.origins?.filter((o) => o !== '*') ?? [];
  return only.length === 1 && !config.origins?.includes('*') ? (only[0] ?? '*') : '*';
}

export interface SnippetOptions {
  /** The playground's address without query or fragment, e.g. https://sts.example/ */
  base: string;
  /** `?scenario=NAME` for a gallery entry, or a share fragment (`#1.…`). */
  scenario: { gallery: string } | { fragment: string };
  panels: readonly Panel[];
  controls: readonly ControlName[];
  autoplay: boolean;
  speed: number;
  theme: 'light' | 'dark' | 'auto';
  readonly: boolean;
  lesson: boolean | null;
  origin: string;
  title: string;
  height: number;
}

/** The sandbox an embed needs: scripts, its own origin for a worker and storage, downloads and "open in a new tab". */
export const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function embedUrl(o: SnippetOptions): string {
  const q: string[] = ['embed'];
  if ('gallery' in o.scenario) q.push(`scenario=${encodeURIComponent(o.scenario.gallery)}`);
  const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (!sameList(o.panels, DEFAULT_EMBED_PANELS)) q.push(`view=${o.panels.length ? o.panels.join(',') : 'none'}`);
  if (o.panels.includes('controls') && !sameList(o.controls, CONTROLS)) q.push(`controls=${o.controls.length ? o.controls.join(',') : 'none'}`);
  if (!o.autoplay) q.push('autoplay=0');
  if (o.speed !== 1) q.push(`speed=${o.speed}`);
  if (o.theme !== 'auto') q.push(`theme=${o.theme}`);
  if (o.readonly) q.push('readonly');
  if (o.lesson !== null) q.push(`lesson=${o.lesson ? 1 : 0}`);
  const origin = normaliseOrigin(o.origin);
  if (o.origin.trim() && origin) q.push(`origin=${encodeURIComponent(origin)}`);
  const fragment = 'fragment' in o.scenario ? o.scenario.fragment : '';
  return `${o.base}?${q.join('&')}${fragment}`;
}

export function embedSnippet(o: SnippetOptions): string {
  const height = Math.max(240, Math.min(2000, Math.round(o.height) || 560));
  return [
    '<iframe',
    `  src="${escapeAttr(embedUrl(o))}"`,
    `  title="${escapeAttr(`StatefulSet Playground: ${o.title}`)}"`,
    `  width="100%" height="${height}" loading="lazy"`,
    `  sandbox="${SANDBOX}"`,
    '  style="border: 1px solid #cbd5e1; border-radius: 8px"',
    '></iframe>',
  ].join('\n');
}

/**
 * Whether a read-only embed lets the learner run a command line: reading the
 * cluster (get, describe, rollout status or history, wait, exec without a
 * redirect) and waiting (sleep, timeout …) are allowed; anything that changes
 * it is not.
 */
export function readOnlyAllows(line: string): boolean {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words[0]?.startsWith('#')) return true;
  if (words[0] === 'sleep') return true;
  if (words[0] === 'timeout') return words.length > 2 && readOnlyAllows(words.slice(2).join(' '));
  if (words[0] !== 'kubectl') return false;
  const verb = firstWord(words.slice(1));
  if (verb === 'get' || verb === 'describe' || verb === 'wait' || verb === 'version' || verb === 'api-resources' || verb === 'explain') return true;
  if (verb === 'rollout') {
    const sub = firstWord(words.slice(words.indexOf('rollout') + 1));
    return sub === 'status' || sub === 'history';
  }
  if (verb === 'exec') return !/[>]/.test(line);
  return false;
}

/** kubectl's global flags that take the next word as their value. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server']);

function firstWord(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (!w.startsWith('-')) return w;
    if (VALUE_FLAGS.has(w)) i++;
  }
  return undefined;
}

export const READ_ONLY_MESSAGE = 'This embedded scenario is read-only: it can be watched, stepped and inspected (get, describe, rollout status, exec without > …), not changed.';
