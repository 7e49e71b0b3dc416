/**
 * Events by the object they are about, so `kubectl describe` (which lists
 * events with the field selector involvedObject.name=…,involvedObject.namespace=…)
 * is answered without scanning every Event. The API server serves that
 * selector from etcd with a filter; an index gives the same answer in the
 * same (key) order without the cost growing with the number of Events.
 */
import type { KEvent } from '../api/types';

const refKey = (namespace: string | undefined, name: string | undefined): string => `${namespace ?? ''}\u0000${name ?? ''}`;

export class EventIndex {
  /** involvedObject (namespace, name) → store keys of the Events about it. */
  private byObject = new Map<string, Set<string>>();

  /** Keeps the index in step with one write of an Event stored at `key` (`next` undefined when deleted). */
  update(key: string, prev: KEvent | undefined, next: KEvent | undefined): void {
    const was = prev && refKey(prev.involvedObject?.namespace, prev.involvedObject?.name);
    const now = next && refKey(next.involvedObject?.namespace, next.involvedObject?.name);
    // A repeat (count++) is about the same object: nothing moves.
    if (was === now && was !== undefined && this.byObject.get(was)?.has(key)) return;
    if (was !== undefined) {
      const set = this.byObject.get(was);
      set?.delete(key);
      if (set && set.size === 0) this.byObject.delete(was);
    }
    if (now !== undefined) {
      let set = this.byObject.get(now);
      if (!set) this.byObject.set(now, (set = new Set()));
      set.add(key);
    }
  }

  /** Store keys of the Events whose involvedObject has this namespace ("" for cluster-scoped) and name. */
  keys(namespace: string, name: string): string[] {
    return [...(this.byObject.get(refKey(namespace, name)) ?? [])];
  }

  get size(): number {
    return this.byObject.size;
  }
}
