/**
 * The page's one store. The bridge feeds it the worker's messages; components
 * read it through selectors; actions are plain functions so the bridge,
 * controls and tests can call them without hooks.
 */
import { create } from 'zustand';
import type { LessonState } from './lesson';
import type { ClaimView, ClassView, DriftView, EventView, ManifestProblem, ObjectView, PodView, ServiceView, SetView, Transport, VolumeView, WhyView } from '../../protocol/protocol';

export type TerminalLine = { kind: 'command' | 'output' | 'say' | 'info'; text: string };

export interface Selection {
  kind: ObjectView['kind'];
  name: string;
}

export interface SimState {
  connected: boolean;
  engineMode: 'worker' | 'main-thread' | null;
  loadError: string | null;
  title: string | null;
  description: string | null;
  sets: ReadonlyMap<string, SetView>;
  pods: ReadonlyMap<string, PodView>;
  claims: ReadonlyMap<string, ClaimView>;
  volumes: ReadonlyMap<string, VolumeView>;
  services: ReadonlyMap<string, ServiceView>;
  classes: ReadonlyMap<string, ClassView>;
  /** Newest last; capped. */
  events: readonly EventView[];
  /** The latest wait reason per StatefulSet (null message: not waiting). */
  why: ReadonlyMap<string, WhyView>;
  whyHistory: readonly WhyView[];
  transport: Transport;
  /** Page time (performance.now) when `transport` arrived, to move the clock display between messages. */
  transportAt: number;
  terminal: readonly TerminalLine[];
  /** Commands typed or performed by controls, oldest first. */
  history: readonly string[];
  busy: boolean;
  manifests: string;
  appliedManifests: string;
  /** The manifests text of the last apply the API server refused (all or part of), while nothing newer was applied. */
  rejectedManifests: string | null;
  /** Fields of `manifests` whose live values differ, as last computed for that text. */
  drift: { manifests: string; fields: readonly DriftView[] } | null;
  problems: readonly ManifestProblem[];
  applyOutput: string | null;
  selection: Selection | null;
  theme: 'light' | 'dark';
  faults: readonly string[];
  /** A guided lesson's steps not yet run, and where the learner is. */
  lesson: LessonState | null;
  /** A notice about the link or file the page was opened with. */
  notice: string | null;
  /** What the last load has to say (its manifests were refused in part), kept for whoever opened it to show. */
  loadNotice: string | null;
  /** The scenario text last loaded and how (for reset and step-by-step replay). */
  source: { text: string; lesson: boolean; /** Opened from a link, a file or a host page: its steps can be replayed one by one. */ replayable?: boolean } | null;
}

export const MAX_EVENTS = 1000;
export const MAX_TERMINAL_LINES = 4000;
/** The terminal's scrollback also stops at this many characters (one `get -o yaml` can be megabytes). */
export const MAX_TERMINAL_CHARS = 2_000_000;
/** Command lines kept for the terminal's ↑ history (bash keeps 500 by default). */
export const MAX_HISTORY = 1000;

export const initialState: SimState = {
  connected: false,
  engineMode: null,
  loadError: null,
  title: null,
  description: null,
  sets: new Map(),
  pods: new Map(),
  claims: new Map(),
  volumes: new Map(),
  services: new Map(),
  classes: new Map(),
  events: [],
  why: new Map(),
  whyHistory: [],
  transport: { playing: false, speed: 1, t: 0, next: null },
  transportAt: 0,
  terminal: [],
  history: [],
  busy: false,
  manifests: '',
  appliedManifests: '',
  rejectedManifests: null,
  drift: null,
  problems: [],
  applyOutput: null,
  selection: null,
  theme: 'light',
  faults: [],
  lesson: null,
  notice: null,
  loadNotice: null,
  source: null,
};

export const useSim = create<SimState>()(() => initialState);

type MapKey = 'sets' | 'pods' | 'claims' | 'volumes' | 'services' | 'classes';
export const MAP_OF_KIND: Record<ObjectView['kind'], MapKey> = {
  StatefulSet: 'sets',
  Pod: 'pods',
  PersistentVolumeClaim: 'claims',
  PersistentVolume: 'volumes',
  Service: 'services',
  StorageClass: 'classes',
};

/** Replaces the maps an object list touches; untouched maps keep their identity. */
export function withObjects(s: SimState, puts: readonly ObjectView[], deletes: readonly { kind: ObjectView['kind']; name: string }[]): Partial<SimState> {
  const next: Partial<Record<MapKey, Map<string, ObjectView>>> = {};
  const mapFor = (k: MapKey) => (next[k] ??= new Map(s[k] as ReadonlyMap<string, ObjectView>));
  for (const v of puts) mapFor(MAP_OF_KIND[v.kind]).set(v.name, v);
  for (const d of deletes) mapFor(MAP_OF_KIND[d.kind]).delete(d.name);
  return next as Partial<SimState>;
}

export function appendCapped<T>(list: readonly T[], more: readonly T[], cap: number): readonly T[] {
  if (more.length === 0) return list;
  const all = list.concat(more);
  return all.length > cap ? all.slice(all.length - cap) : all;
}

/**
 * Appends terminal lines, dropping the oldest beyond MAX_TERMINAL_LINES lines or
 * MAX_TERMINAL_CHARS characters; the newest line always stays.
 */
export function appendTerminal(list: readonly TerminalLine[], more: readonly TerminalLine[]): readonly TerminalLine[] {
  const all = appendCapped(list, more, MAX_TERMINAL_LINES);
  let chars = 0;
  let start = all.length;
  while (start > 0) {
    const n = (all[start - 1] as TerminalLine).text.length;
    if (start < all.length && chars + n > MAX_TERMINAL_CHARS) break;
    chars += n;
    start--;
  }
  return start === 0 ? all : all.slice(start);
}

/** Merges events by uid (an aggregated event comes back with a higher count), newest last. */
export function mergeEvents(list: readonly EventView[], more: readonly EventView[]): readonly EventView[] {
  if (more.length === 0) return list;
  const uids = new Set(more.map((e) => e.uid));
  const kept = list.filter((e) => !uids.has(e.uid));
  const all = kept.concat(more).sort((a, b) => a.t - b.t);
  return all.length > MAX_EVENTS ? all.slice(all.length - MAX_EVENTS) : all;
}

export function mergeWhy(s: SimState, why: readonly WhyView[]): Partial<SimState> {
  if (why.length === 0) return {};
  const m = new Map(s.why);
  for (const w of why) m.set(w.set, w);
  return { why: m, whyHistory: appendCapped(s.whyHistory, why, 500) };
}
