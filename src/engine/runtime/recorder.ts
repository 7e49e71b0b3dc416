/**
 * EventRecorder: writes core/v1 Events the way client-go's recorder does,
 * folding repeats of the same (object, reason, message, source) into one
 * Event whose count goes up.
 *
 * Like client-go's EventCorrelator it remembers what it sent in an LRU cache
 * of 4096 entries, so its memory stays bounded however long the cluster
 * runs. A repeat of an Event the server no longer has (expired after the
 * event TTL, or deleted) is created again under the same name with the
 * count and first timestamp carried on.
 */
import { ApiError } from '../api/errors';
import type { KEvent, KObject } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import { SIM_EPOCH_MS, timestamp } from '../clock/clock';
import { RepeatingWork } from './cycles';

export interface EventSourceInfo {
  component: string;
  host?: string;
}

/** client-go tools/record events_cache.go maxLruCacheEntries. */
export const RECORDER_CACHE_ENTRIES = 4096;

/** What the recorder last sent for one event key (events_cache.go eventLog). */
interface Observation {
  name: string;
  count: number;
  firstTimestamp: string;
}

export class EventRecorder {
  /** Event key → last observation, least recently used first. */
  private cache = new Map<string, Observation>();
  private serial = 0;
  constructor(private api: ApiServer) {}

  /**
   * Records one event about `obj`. `fieldPath` names a container
   * (`spec.containers{nginx}`) for kubelet events. An event the server
   * rejects is dropped, as client-go does.
   */
  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSourceInfo, fieldPath?: string): void {
    const api = this.api;
    const uid = obj.metadata.uid ?? '';
    const involved: KEvent['involvedObject'] = {
      kind: obj.kind,
      namespace: obj.metadata.namespace ?? 'default',
      name: obj.metadata.name ?? '',
      uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion ?? '',
    };
    if (fieldPath) involved.fieldPath = fieldPath;
    if (!obj.metadata.namespace) delete involved.namespace;
    // Behaviour of client-go tools/record events_cache.go getEventKey (v1.32): everything but the resourceVersion.
    const key = [source.component, source.host ?? '', involved.kind, involved.namespace ?? '', involved.name, fieldPath ?? '', uid, involved.apiVersion, type, reason, message].join('\u0000');
    const now = timestamp(api.clock.now());
    const ns = obj.metadata.namespace ?? 'default';
    const last = this.lookup(key);
    // A repeat made by repeating work is what a fast-forward jump may skip (cycles.ts).
    const cycle = api.clock.currentCycle();
    if (last && cycle instanceof RepeatingWork) cycle.noteEvent(key, api.clock.now(), ns, last.name);
    api.as(source.component, () => {
      // Behaviour of events_cache.go eventObserve and event.go recordEvent (v1.32): a repeat patches the
      // event it names; if the server no longer has it, it is created again under that name.
      const observation: Observation = last
        ? { name: last.name, count: last.count + 1, firstTimestamp: last.firstTimestamp }
        : { name: this.newName(obj), count: 1, firstTimestamp: now };
      this.remember(key, observation);
      try {
        const existing = last ? api.get<KEvent>('Event', ns, last.name) : undefined;
        if (existing) {
          api.update<KEvent>({ ...existing, count: observation.count, lastTimestamp: now, metadata: { ...existing.metadata } });
          return;
        }
        const ev: KEvent = {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: observation.name, namespace: ns },
          involvedObject: involved,
          reason,
          message,
          type,
          count: observation.count,
          firstTimestamp: observation.firstTimestamp,
          lastTimestamp: now,
          source: source.host ? { component: source.component, host: source.host } : { component: source.component },
          reportingComponent: source.component,
          reportingInstance: source.host ?? '',
        };
        api.create(ev);
      } catch (e) {
        // "Server rejected event (will not retry!)"
        if (!(e instanceof ApiError)) throw e;
      }
    });
  }

  /**
   * Adds `times` repeats of the event `key` to what the recorder remembers,
   * without writing: a fast-forward jump skipped them, and the next repeat
   * writes the total (cycles.ts).
   */
  addRepeats(key: string, times: number): void {
    const o = this.cache.get(key);
    if (o) o.count += times;
  }

  /** Entries in the correlation cache (for stats). */
  stats(): Record<string, number> {
    return { cache: this.cache.size };
  }

  // Behaviour of client-go tools/record makeEvent: name is "<object>.<hex nanoseconds>".
  private newName(obj: KObject): string {
    const nanos = BigInt(SIM_EPOCH_MS + this.api.clock.now()) * 1_000_000n + BigInt(++this.serial % 1_000_000);
    return `${obj.metadata.name}.${nanos.toString(16)}`;
  }

  /** An LRU get: the entry becomes the most recently used. */
  private lookup(key: string): Observation | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private remember(key: string, o: Observation): void {
    this.cache.delete(key);
    this.cache.set(key, o);
    if (this.cache.size > RECORDER_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
  }
}
