/**
 * Repeating work the clock may jump over (see clock/jump.ts): a container
 * crash-looping or an image pull backing off at the capped back-off, the
 * PV controller's resync, a StatefulSet's minReadySeconds re-check.
 *
 * A component gives each such piece of work a `RepeatingWork`, tags the
 * work's timers with it, and says when the work is in its repeating regime
 * (`period`). The work counts as steady — its periods identical — once one
 * whole period has passed since it entered the regime with nothing
 * irregular on the way: no write made outside repeating work (a command,
 * any other timer), and, inside the work's own timers, no write but repeats
 * of existing Events and writes to the work's own objects that leave their
 * metadata, spec, phase and conditions alone. A skip advances the Events
 * the work repeats in the recorder's memory (the next repeat writes the
 * total) and lets the component advance its own state.
 */
import type { KObject } from '../api/types';
import type { ApiServer, WatchEvent } from '../apiserver/apiserver';
import type { Cycle } from '../clock/clock';
import type { EventRecorder } from './recorder';

/** Watches every write and remembers the last irregular one. One per cluster. */
export class CycleTracker {
  /** Virtual time of the last write that was not part of steady repeating work. */
  lastIrregular = 0;

  constructor(
    readonly api: ApiServer,
    readonly recorder: EventRecorder,
  ) {}

  start(): void {
    this.api.watch((ev) => this.onWrite(ev));
  }

  private onWrite(ev: WatchEvent): void {
    const clock = this.api.clock;
    // A jump's own bookkeeping, and background housekeeping (Event expiry), change nothing repeating work does.
    if (clock.jumping || clock.inBackground()) return;
    const cycle = clock.currentCycle();
    const work = cycle instanceof RepeatingWork ? cycle : undefined;
    if (!work) {
      this.lastIrregular = clock.now();
      return;
    }
    // A repeat of an existing Event is logged by the recorder (RepeatingWork.noteEvent).
    if (ev.object.kind === 'Event' && ev.type === 'MODIFIED') return;
    if (ev.type === 'MODIFIED' && work.mayWrite(ev)) return;
    work.disturb(clock.now());
  }
}

export interface RepeatingWorkHooks {
  /** The period (virtual ms) while the work is in its repeating regime; undefined otherwise. */
  period(): number | undefined;
  /** Advances the component's own state by `n` periods (nothing may be written). */
  skip?(n: number, period: number): void;
  /** The object the work writes each period (e.g. its pod's status), by uid. */
  ownerUid?: string;
}

/** An Event repeat made by repeating work: the recorder's key, when, and the Event (namespace/name). */
interface Emission {
  key: string;
  t: number;
  namespace: string;
  name: string;
}

/** Entries kept in a work's Event log; a work that repeats more Events per period is never skipped. */
const MAX_LOG = 4096;

export class RepeatingWork implements Cycle {
  /** When the current clean observation began (undefined: not in the repeating regime). */
  private since: number | undefined;
  /** Events repeated by the work's timers: recorder key, time, and the Event. */
  private log: Emission[] = [];
  /** The log lost entries at this time (too many to keep). */
  private truncatedAt = -Infinity;

  constructor(
    readonly label: string,
    private tracker: CycleTracker,
    private hooks: RepeatingWorkHooks,
  ) {}

  /** The work enters (or re-enters) its repeating regime at `t`: observation starts over. */
  begin(t: number): void {
    this.since = t;
    this.log = [];
  }

  /** Whether `begin` was called and the work has not ended or been disturbed out of its regime. */
  get active(): boolean {
    return this.since !== undefined;
  }

  /** The work leaves its repeating regime. */
  end(): void {
    this.since = undefined;
    this.log = [];
  }

  /** Something irregular happened at `t` inside the work: a whole clean period must pass again. */
  disturb(t: number): void {
    if (this.since !== undefined) this.since = Math.max(this.since, t);
  }

  /**
   * A write the work may make each period without disturbing it: to its own
   * object, through the status (spec and the rest of metadata stay), with
   * phase, conditions and deletion unchanged.
   */
  mayWrite(ev: WatchEvent): boolean {
    const o = ev.object;
    const old = ev.old;
    if (!old || !this.hooks.ownerUid || o.metadata.uid !== this.hooks.ownerUid) return false;
    const status = (x: KObject) => (x as { status?: { phase?: unknown; conditions?: unknown } }).status;
    const spec = (x: KObject) => (x as { spec?: unknown }).spec;
    return (
      o.metadata.deletionTimestamp === old.metadata.deletionTimestamp &&
      o.metadata.generation === old.metadata.generation &&
      status(o)?.phase === status(old)?.phase &&
      JSON.stringify(status(o)?.conditions) === JSON.stringify(status(old)?.conditions) &&
      (spec(o) === spec(old) || JSON.stringify(spec(o)) === JSON.stringify(spec(old)))
    );
  }

  /** The recorder repeated the Event `key` (stored as namespace/name) while this work's timer ran. */
  noteEvent(key: string, t: number, namespace: string, name: string): void {
    if (this.since === undefined) return;
    this.log.push({ key, t, namespace, name });
    const p = this.hooks.period();
    const keepAfter = p === undefined ? -Infinity : t - 2 * p;
    let drop = 0;
    while (drop < this.log.length && (this.log[drop] as { t: number }).t <= keepAfter) drop++;
    if (this.log.length - drop > MAX_LOG) {
      drop = this.log.length - MAX_LOG;
      this.truncatedAt = t;
    }
    if (drop) this.log.splice(0, drop);
  }

  steadyPeriod(now: number): number | undefined {
    if (this.since === undefined) return undefined;
    const p = this.hooks.period();
    if (p === undefined) return undefined;
    const clean = Math.max(this.since, this.tracker.lastIrregular, this.truncatedAt);
    return now - clean >= p ? p : undefined;
  }

  /**
   * The Events of the last period repeat n more times: the recorder counts
   * them (the next repeat writes the total), and each stays alive as if last
   * written n periods after its last repeat so far (its Event TTL lease).
   * The last period is [next − period, next), where `next` is when the
   * work's next timer is due — not a period back from the clock's `now`:
   * when another work's timer is what the clock stands at and it falls on
   * `next`, the emissions at next − period still belong to the last period.
   */
  skip(n: number, period: number, next: number): void {
    const api = this.tracker.api;
    const repeats = new Map<string, { times: number; last: Emission }>();
    for (const e of this.log) {
      if (e.t < next - period || e.t >= next) continue;
      const r = repeats.get(e.key);
      repeats.set(e.key, { times: (r?.times ?? 0) + 1, last: e });
    }
    for (const [key, r] of repeats) {
      this.tracker.recorder.addRepeats(key, n * r.times);
      api.touchEvent(r.last.namespace, r.last.name, r.last.t + n * period);
    }
    // The skipped periods repeated the last one: the log now holds that period as its n-th repeat, so a
    // second jump before the work's timers run again counts from the period before the moved `next`.
    this.log = this.log.filter((e) => e.t >= next - period && e.t < next).map((e) => ({ ...e, t: e.t + n * period }));
    this.hooks.skip?.(n, period);
  }
}
