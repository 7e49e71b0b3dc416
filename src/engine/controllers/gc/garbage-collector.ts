/**
 * The garbage collector: deletes objects whose owners are gone, orphans
 * dependents for `--cascade=orphan`, and holds an owner in foreground
 * deletion until its blocking dependents are gone.
 * Behaviour of pkg/controller/garbagecollector (v1.32), without its graph's
 * virtual nodes: owners are looked up by uid in the API server.
 */
import { deepCopy } from '../../../lib/clone';
import type { KObject } from '../../api/types';
import type { ApiServer, WatchEvent } from '../../apiserver/apiserver';
import { guarded } from '../../runtime/faults';

interface Ref {
  kind: string;
  namespace: string | undefined;
  name: string;
}

const refKey = (r: Ref) => `${r.kind}/${r.namespace ?? ''}/${r.name}`;

export class GarbageCollector {
  /** owner uid → dependents */
  private dependents = new Map<string, Map<string, Ref>>();
  /** uid → the object, for owners that exist */
  private live = new Map<string, Ref>();

  constructor(private api: ApiServer) {}

  start(): void {
    this.api.watch((ev) => this.onEvent(ev));
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Event') return;
    const uid = o.metadata.uid as string;
    const me: Ref = { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name as string };
    for (const r of ev.old?.metadata.ownerReferences ?? []) {
      const deps = this.dependents.get(r.uid);
      deps?.delete(refKey(me));
      if (deps?.size === 0) this.dependents.delete(r.uid);
    }
    if (ev.type === 'DELETED') {
      this.live.delete(uid);
      this.schedule(() => this.ownerGone(uid));
    } else {
      this.live.set(uid, me);
      for (const r of o.metadata.ownerReferences ?? []) {
        let m = this.dependents.get(r.uid);
        if (!m) this.dependents.set(r.uid, (m = new Map()));
        m.set(refKey(me), me);
        // A dependent whose owner no longer exists is collected too.
        if (!this.live.has(r.uid)) this.schedule(() => this.collect(me), me);
      }
      const fin = o.metadata.finalizers ?? [];
      if (o.metadata.deletionTimestamp && fin.includes('orphan')) this.schedule(() => this.orphan(uid, me), me);
      if (o.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) this.schedule(() => this.foreground(uid, me), me);
    }
    // A dependent leaving may release an owner held by foreground deletion.
    if (ev.type === 'DELETED') {
      for (const r of o.metadata.ownerReferences ?? []) {
        const owner = this.live.get(r.uid);
        if (owner) this.schedule(() => this.foreground(r.uid, owner), owner);
      }
    }
  }

  /** Sizes of the collector's graph (tests, soak benchmark). */
  stats(): Record<string, number> {
    return { owners: this.dependents.size, live: this.live.size };
  }

  /** Runs `fn` at this instant; a failure that is not an API error is reported as a fault on `subject`. */
  private schedule(fn: () => void, subject?: Ref): void {
    this.api.clock.after(0, () => void guarded(this.api.clock, 'garbage-collector', () => (subject ? this.current(subject) : undefined), fn), 'garbage-collector');
  }

  private current(ref: Ref): KObject | undefined {
    return this.api.get(ref.kind, ref.namespace, ref.name);
  }

  private ownerGone(uid: string): void {
    for (const dep of [...(this.dependents.get(uid)?.values() ?? [])]) this.collect(dep);
    this.dependents.delete(uid);
  }

  /** Deletes `ref` if none of its owners exist any more, or drops the dangling references. */
  private collect(ref: Ref): void {
    const obj = this.current(ref);
    if (!obj || obj.metadata.deletionTimestamp) return;
    const refs = obj.metadata.ownerReferences ?? [];
    const alive = refs.filter((r) => this.live.has(r.uid) && this.isOwner(r.uid, r.name, r.kind));
    if (alive.length === refs.length) return;
    this.api.as('garbage-collector', () => {
      if (alive.length === 0) {
        this.api.delete(ref.kind, ref.namespace, ref.name, { propagationPolicy: 'Background' });
      } else {
        const copy = deepCopy(obj);
        copy.metadata.ownerReferences = alive;
        this.api.update(copy);
      }
    });
  }

  private isOwner(uid: string, name: string, kind: string): boolean {
    const r = this.live.get(uid);
    return !!r && r.name === name && r.kind === kind;
  }

  /** `--cascade=orphan`: strip the owner's references from its dependents, then the finalizer. */
  private orphan(uid: string, ownerRef: Ref): void {
    this.api.as('garbage-collector', () => {
      for (const dep of [...(this.dependents.get(uid)?.values() ?? [])]) {
        const obj = this.current(dep);
        if (!obj) continue;
        const copy = deepCopy(obj);
        const refs = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (refs.length) copy.metadata.ownerReferences = refs;
        else delete copy.metadata.ownerReferences;
        this.api.update(copy);
      }
      this.removeFinalizer(ownerRef, 'orphan');
    });
  }

  /** Foreground deletion: delete dependents; drop the finalizer once none that block are left. */
  private foreground(uid: string, ownerRef: Ref): void {
    const owner = this.current(ownerRef);
    if (!owner?.metadata.finalizers?.includes('foregroundDeletion') || owner.metadata.uid !== uid) return;
    const deps = [...(this.dependents.get(uid)?.values() ?? [])].map((d) => this.current(d)).filter((d): d is KObject => !!d);
    this.api.as('garbage-collector', () => {
      for (const d of deps) if (!d.metadata.deletionTimestamp) this.api.delete(d.kind, d.metadata.namespace, d.metadata.name as string, { propagationPolicy: 'Foreground' });
      const blocking = deps.filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
      if (blocking.length === 0) this.removeFinalizer(ownerRef, 'foregroundDeletion');
    });
  }

  private removeFinalizer(ref: Ref, finalizer: string): void {
    const obj = this.current(ref);
    if (!obj) return;
    const copy = deepCopy(obj);
    copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (copy.metadata.finalizers.length === 0) delete copy.metadata.finalizers;
    this.api.update(copy);
  }
}
