/**
 * The recent history of writes the API server keeps so that a watch can
 * resume from a resourceVersion: a bounded window per resource, as a real
 * API server keeps (nothing here grows with the length of a session).
 *
 * - Most resources are served from the watch cache: a ring of recent events
 *   whose capacity adapts to hold about 75 s of history (100 to 102,400
 *   events). Behaviour of staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go (v1.32).
 * - Events are not cached (pkg/registry/core/event/storage uses undecorated
 *   storage): their watches read etcd, whose history the API server compacts
 *   every 5 minutes to the revision it saw at the previous compaction.
 *   Behaviour of staging/src/k8s.io/apiserver/pkg/storage/etcd3/compact.go (v1.32).
 */
import { invalid, resourceExpired } from '../api/errors';
import type { WatchEvent } from './apiserver';

/** watch_cache.go eventFreshDuration: the history the cache tries to keep. */
export const EVENT_FRESH_MS = 75_000;
/** watch_cache.go defaultLowerBoundCapacity / defaultUpperBoundCapacity. */
export const WATCH_CACHE_MIN = 100;
export const WATCH_CACHE_MAX = 100 * 1024;
/** kube-apiserver --etcd-compaction-interval default. */
export const COMPACTION_INTERVAL_MS = 5 * 60_000;

const rvOf = (ev: WatchEvent): number => Number(ev.object.metadata.resourceVersion);

/** A resource's kept history: `since(rv)` answers a watch that resumes after `rv`. */
export interface History {
  add(ev: WatchEvent): void;
  /** Events after `rv`, oldest first; throws Expired when the history no longer reaches back to `rv`. */
  since(rv: number, now: number): WatchEvent[];
  readonly size: number;
}

/** First index in `events` (from `from`) whose resourceVersion is greater than `rv`. */
function firstAfter(events: readonly WatchEvent[], from: number, rv: number): number {
  let lo = from;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rvOf(events[mid] as WatchEvent) > rv) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The watch cache's event ring for one resource. When full it grows ×2 if
 * even its oldest event is younger than 75 s, and shrinks ÷2 when the newest
 * quarter reaches back further than that; otherwise the oldest event goes.
 */
export class WatchCacheWindow implements History {
  private events: WatchEvent[] = [];
  /** Index of the oldest kept event in `events` (dropped ones are compacted away in batches). */
  private head = 0;
  capacity = WATCH_CACHE_MIN;
  /** No event has left the window since the cache was filled by its initial list. */
  private complete = true;

  /** `listRv`: the resourceVersion of the list the cache started from (the server's start). */
  constructor(private readonly listRv: number) {}

  get size(): number {
    return this.events.length - this.head;
  }

  private at(i: number): WatchEvent {
    return this.events[this.head + i] as WatchEvent;
  }

  add(ev: WatchEvent): void {
    this.resize(ev.t);
    if (this.size >= this.capacity) {
      this.head++;
      this.complete = false;
    }
    this.events.push(ev);
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  // Behaviour of watch_cache.go resizeCacheLocked / doCacheResizeLocked (v1.32)
  private resize(now: number): void {
    if (this.size < this.capacity) return;
    if (now - this.at(0).t < EVENT_FRESH_MS) {
      this.capacity = Math.min(this.capacity * 2, WATCH_CACHE_MAX);
      return;
    }
    if (now - this.at(this.size - Math.floor(this.capacity / 4)).t > EVENT_FRESH_MS) {
      const smaller = Math.max(this.capacity / 2, WATCH_CACHE_MIN);
      if (smaller < this.capacity) {
        this.head += this.size - smaller;
        this.capacity = smaller;
      }
    }
  }

  // Behaviour of watch_cache.go getAllEventsSinceLocked (v1.32)
  since(rv: number): WatchEvent[] {
    const oldest = this.complete ? this.listRv + 1 : this.size > 0 ? rvOf(this.at(0)) : this.listRv + 1;
    if (rv < oldest - 1) throw resourceExpired(`too old resource version: ${rv} (${oldest - 1})`);
    return this.events.slice(firstAfter(this.events, this.head, rv));
  }
}

/**
 * etcd's history of one resource's keys under the API server's compactor:
 * at every 5-minute tick it compacts to the revision it recorded at the
 * tick before, so between 5 and 10 minutes of history stay watchable.
 * `revisionAt(t)` gives the server's revision at a tick (the last write
 * before it), which the owner tracks from every write of every kind.
 */
export class CompactedHistory implements History {
  private events: WatchEvent[] = [];
  private head = 0;
  /** Revisions below this are compacted away. */
  private compactedTo = 0;
  /** The revision the compactor recorded at its last tick. */
  private recorded = 0;
  /** The next tick (ms of virtual time). */
  private nextTick = COMPACTION_INTERVAL_MS;

  constructor(private readonly revisionAt: () => number) {}

  get size(): number {
    return this.events.length - this.head;
  }

  /** Runs the compactor ticks up to `now`. Called before any change at `now`, so `revisionAt()` is still the revision at each tick. */
  private compact(now: number): void {
    if (now < this.nextTick) return;
    const rev = this.revisionAt();
    // Every tick passed since the last write sees the same revision.
    while (this.nextTick <= now) {
      this.compactedTo = this.recorded;
      this.recorded = rev;
      this.nextTick += COMPACTION_INTERVAL_MS;
    }
    while (this.head < this.events.length && rvOf(this.events[this.head] as WatchEvent) < this.compactedTo) this.head++;
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }

  /** Must be called at every write of any kind (before its revision is taken) so ticks see the right revision. */
  tick(now: number): void {
    this.compact(now);
  }

  add(ev: WatchEvent): void {
    this.events.push(ev);
  }

  // Behaviour of etcd3/watcher.go (watch from rv+1) and etcd's ErrCompacted, mapped by etcd3/errors.go interpretWatchError (v1.32)
  since(rv: number, now: number): WatchEvent[] {
    this.compact(now);
    if (rv + 1 < this.compactedTo) throw resourceExpired('The resourceVersion for the provided watch is too old.');
    return this.events.slice(firstAfter(this.events, this.head, rv));
  }
}

/**
 * A resourceVersion as a watch request gives it: "" and "0" mean "from
 * now, with the current state"; otherwise a decimal unsigned integer.
 * Behaviour of staging/src/k8s.io/apiserver/pkg/storage/api_object_versioner.go ParseResourceVersion (v1.32).
 */
export function parseResourceVersion(rv: string, resource: string, group: string): number {
  if (rv === '' || rv === '0') return 0;
  const syntax = /^[0-9]+$/.test(rv);
  if (syntax && BigInt(rv) <= 0xffff_ffff_ffff_ffffn) return Number(rv);
  const why = syntax ? 'value out of range' : 'invalid syntax';
  // storage.InvalidError as registry/generic InterpretWatchError turns it into an Invalid status (kind = the resource).
  throw invalid(resource, group, '', [{ type: 'Invalid', field: 'resourceVersion', value: JSON.stringify(rv), detail: `strconv.ParseUint: parsing ${JSON.stringify(rv)}: ${why}` }]);
}

/**
 * Every resource's history: a watch-cache window per kind, and etcd's
 * compacted history for Events. Fed every write in order.
 */
export class WatchHistories {
  private windows = new Map<string, WatchCacheWindow>();
  private events: CompactedHistory;
  /** The revision of the last write seen (of any kind). */
  private lastRv: number;

  /** `startRv`: the server's resourceVersion before its first write. */
  constructor(private readonly startRv: number) {
    this.lastRv = startRv;
    this.events = new CompactedHistory(() => this.lastRv);
  }

  record(ev: WatchEvent): void {
    this.events.tick(ev.t);
    this.lastRv = rvOf(ev);
    this.historyOf(ev.object.kind).add(ev);
  }

  /** Events of `kind` after `rv`, oldest first; throws Expired (410) when the history no longer reaches back to `rv`. */
  since(kind: string, rv: number, now: number): WatchEvent[] {
    return this.historyOf(kind).since(rv, now);
  }

  /** Events kept per kind. */
  sizes(): Record<string, number> {
    const out: Record<string, number> = { Event: this.events.size };
    for (const [k, w] of this.windows) out[k] = w.size;
    return out;
  }

  private historyOf(kind: string): History {
    if (kind === 'Event') return this.events;
    let w = this.windows.get(kind);
    if (!w) this.windows.set(kind, (w = new WatchCacheWindow(this.startRv)));
    return w;
  }
}
