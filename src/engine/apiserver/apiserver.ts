/**
 * The in-memory API server: one store of Kubernetes objects with uids,
 * resourceVersions, generations, graceful deletion, finalizers and a watch
 * stream. Everything in the cluster — controllers, kubelet, kubectl — reads
 * and writes through it, and every write becomes a WatchEvent.
 *
 * Stored objects are shared and must be treated as read-only: writers copy
 * (`deepCopy`) before they change anything, as with client-go listers.
 */
import { deepCopy, deepEqual, deepFreeze } from '../../lib/clone';
import type { Rng } from '../../lib/rng';
import { alreadyExists, ApiError, conflict, invalid, notFound } from '../api/errors';
import { kindInfo, maybeKindInfo, qualifiedResource, type KindInfo } from '../api/kinds';
import { decodeError, defaultObject, validateCreate, validateUpdate, type StrategyContext } from '../api/strategy';
import type { KObject, ObjectMeta, Pod } from '../api/types';
import { timestamp, type SimTime, type VirtualClock } from '../clock/clock';
import { admitCreate, admitSize, normaliseStored } from './admission';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change to one object, as a watch delivers it, plus who made it. */
export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
  /** The object before the change (MODIFIED and DELETED). */
  old?: KObject;
  t: SimTime;
  seq: number;
  /** Which part of the cluster wrote: 'kubectl', 'statefulset-controller', 'kubelet', … */
  actor: string;
}

export type Watcher = (ev: WatchEvent) => void;

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Only delete when the stored object still has this uid. */
  uid?: string;
}

/** Kinds whose status is written only through the status subresource. */
const STATUS_SUBRESOURCE = new Set(['StatefulSet', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'Node', 'Service']);

const key = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);

interface KindStore {
  objects: Map<string, KObject>;
  /** Keys in etcd order; rebuilt only when objects come or go. */
  sortedKeys: string[] | undefined;
}

export class ApiServer {
  private stores = new Map<string, KindStore>();
  private watchers: Watcher[] = [];
  private rv = 1000;
  private seq = 0;
  /** The writer named on events; set with `as()`. */
  actor = 'kubectl';
  /** Freeze stored objects so a stray write to a shared object throws (tests). */
  freeze = false;

  constructor(
    readonly clock: VirtualClock,
    readonly rng: Rng,
    readonly ctx: StrategyContext,
  ) {}

  /** Runs `fn` with writes attributed to `actor`. */
  as<T>(actor: string, fn: () => T): T {
    const prev = this.actor;
    this.actor = actor;
    try {
      return fn();
    } finally {
      this.actor = prev;
    }
  }

  /** Subscribes to every write; returns the unsubscribe function. */
  watch(fn: Watcher): () => void {
    this.watchers.push(fn);
    return () => {
      this.watchers = this.watchers.filter((w) => w !== fn);
    };
  }

  get<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const info = kindInfo(kind);
    return this.store(kind).objects.get(key(info.namespaced ? namespace : undefined, name)) as T | undefined;
  }

  /** Like `get`, but throws the API server's NotFound error. */
  mustGet<T extends KObject = KObject>(kind: string, namespace: string | undefined, name: string): T {
    const o = this.get<T>(kind, namespace, name);
    if (!o) throw notFound(qualifiedResource(kindInfo(kind)), name);
    return o;
  }

  /** Objects of a kind in etcd key order (namespace, then name as a string). */
  list<T extends KObject = KObject>(kind: string, namespace?: string): T[] {
    const s = this.store(kind);
    s.sortedKeys ??= [...s.objects.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const all = s.sortedKeys.map((k) => s.objects.get(k)) as T[];
    if (namespace === undefined || !kindInfo(kind).namespaced) return all;
    return all.filter((o) => o.metadata.namespace === namespace);
  }

  count(kind: string): number {
    return this.store(kind).objects.size;
  }

  /**
   * Creates an object after defaulting, admission and validation.
   * Throws ApiError (AlreadyExists, Invalid, NotFound for a missing namespace).
   */
  create<T extends KObject>(input: T, opts: { dryRun?: boolean } = {}): T {
    const info = this.info(input.kind);
    const obj = deepCopy(input) as T;
    obj.apiVersion = input.apiVersion || info.apiVersion;
    const meta: ObjectMeta = (obj.metadata ??= {});
    if (info.namespaced) meta.namespace ??= 'default';
    else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.rng.suffix(5);
    const name = meta.name ?? '';
    if (info.namespaced && meta.namespace !== 'default' && !this.get('Namespace', undefined, meta.namespace as string)) {
      throw notFound('namespaces', meta.namespace as string);
    }
    if (!name) {
      throw new ApiError('Invalid', `${info.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, {
        kind: info.kind,
        group: info.group,
        name: '',
        causes: [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }],
      });
    }
    const decode = decodeError(obj);
    if (decode) throw decode;
    defaultObject(obj, this.ctx);
    admitCreate(this, obj);
    normaliseStored(obj);
    const errs = validateCreate(obj, this.ctx);
    if (errs.length) throw invalid(info.kind, info.group, name, errs);
    admitSize(this, obj);
    const k = key(meta.namespace, name);
    const store = this.store(info.kind);
    if (store.objects.has(k)) throw alreadyExists(qualifiedResource(info), name);
    if (opts.dryRun) return obj;
    meta.uid = this.rng.uuid();
    meta.resourceVersion = String(++this.rv);
    meta.creationTimestamp = timestamp(this.clock.now());
    if (info.tracksGeneration) meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    this.put(info, k, obj, true);
    this.emit('ADDED', obj);
    return obj;
  }

  /**
   * Replaces an object's spec and metadata (status is kept for kinds with a
   * status subresource). A stale resourceVersion gives Conflict.
   */
  update<T extends KObject>(input: T, opts: { dryRun?: boolean; adopt?: boolean } = {}): T {
    return this.write(input, false, opts.dryRun ?? false, opts.adopt ?? false);
  }

  /** Replaces only the status of an object. */
  updateStatus<T extends KObject>(input: T): T {
    return this.write(input, true, false);
  }

  /**
   * Deletes an object as the API server does: pods on a node terminate
   * gracefully (deletionTimestamp now + grace), objects with finalizers wait
   * for them, others disappear at once. Returns the object as it stands
   * after the call (with deletionTimestamp if it lingers).
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    const info = this.info(kind);
    const ns = info.namespaced ? (namespace ?? 'default') : undefined;
    const k = key(ns, name);
    const store = this.store(kind);
    const cur = store.objects.get(k);
    if (!cur) throw notFound(qualifiedResource(info), name);
    if (opts.uid && cur.metadata.uid !== opts.uid) {
      throw conflict(qualifiedResource(info), name, `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${cur.metadata.uid}`);
    }
    let grace = 0;
    if (kind === 'Pod') {
      const pod = cur as Pod;
      // Behaviour of pkg/registry/core/pod/strategy.go CheckGracefulDelete: unscheduled or terminal pods go at once.
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec.nodeName || terminal) grace = 0;
    }
    const next = deepCopy(cur);
    const meta = next.metadata;
    const finalizers = [...(meta.finalizers ?? [])];
    if (meta.deletionTimestamp) {
      // Already terminating: a shorter grace period may shorten it.
      const old = meta.deletionGracePeriodSeconds ?? 0;
      if (kind === 'Pod' && grace < old) {
        meta.deletionGracePeriodSeconds = grace;
        meta.deletionTimestamp = timestamp(this.clock.now() + grace * 1000);
        if (grace === 0 && finalizers.length === 0) return this.remove(info, k, cur);
        return this.replace(info, k, cur, next);
      }
      return cur;
    }
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (grace === 0 && finalizers.length === 0) return this.remove(info, k, cur);
    meta.finalizers = finalizers.length ? finalizers : undefined;
    meta.deletionTimestamp = timestamp(this.clock.now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    if (!meta.finalizers) delete meta.finalizers;
    return this.replace(info, k, cur, next);
  }

  /**
   * The pods/binding subresource: sets spec.nodeName and the PodScheduled
   * condition in one write, as the scheduler's Bind does. Throws Conflict when
   * the pod is already assigned.
   */
  bind(namespace: string, name: string, node: string, uid?: string): Pod {
    const info = this.info('Pod');
    const k = key(namespace, name);
    const cur = this.store('Pod').objects.get(k) as Pod | undefined;
    if (!cur || (uid && cur.metadata.uid !== uid)) throw notFound('pods', name);
    if (cur.spec.nodeName) throw conflict('pods/binding', name, `pod ${name} is already assigned to node "${cur.spec.nodeName}"`);
    if (cur.metadata.deletionTimestamp) throw conflict('pods/binding', name, `pod ${name} is being deleted, cannot be assigned to a host`);
    const next = deepCopy(cur);
    next.spec.nodeName = node;
    const status = (next.status ??= {});
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const old = cur.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const since = old?.status === 'True' && old.lastTransitionTime ? old.lastTransitionTime : timestamp(this.clock.now());
    status.conditions = [...conds, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: since }];
    return this.replace(info, k, cur, next) as Pod;
  }

  // ------------------------------------------------------------------ internals

  /**
   * `adopt`: the caller built `input` fresh for this write, never touches it
   * again and knows it differs from the stored object, so it is stored
   * without a copy or a no-op check (large controller-owned objects).
   */
  private write<T extends KObject>(input: T, status: boolean, dryRun: boolean, adopt = false): T {
    const info = this.info(input.kind);
    const ns = info.namespaced ? (input.metadata.namespace ?? 'default') : undefined;
    const name = input.metadata.name ?? '';
    const k = key(ns, name);
    const store = this.store(info.kind);
    const cur = store.objects.get(k);
    if (!cur) throw notFound(qualifiedResource(info), name);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== cur.metadata.resourceVersion) {
      throw conflict(qualifiedResource(info), name);
    }
    let next: KObject;
    if (status) {
      next = { ...deepCopy(cur), status: deepCopy(input['status']) };
    } else {
      next = adopt ? input : (deepCopy(input) as KObject);
      next.apiVersion = cur.apiVersion;
      if (STATUS_SUBRESOURCE.has(info.kind)) {
        if (cur['status'] === undefined) delete next['status'];
        else next['status'] = deepCopy(cur['status']);
      }
      const m = next.metadata;
      // Fields the API server owns.
      m.namespace = ns;
      if (!ns) delete m.namespace;
      m.uid = cur.metadata.uid;
      m.creationTimestamp = cur.metadata.creationTimestamp;
      m.deletionTimestamp = cur.metadata.deletionTimestamp;
      m.deletionGracePeriodSeconds = cur.metadata.deletionGracePeriodSeconds;
      if (m.deletionTimestamp === undefined) delete m.deletionTimestamp;
      if (m.deletionGracePeriodSeconds === undefined) delete m.deletionGracePeriodSeconds;
      m.generation = cur.metadata.generation;
      if (m.generation === undefined) delete m.generation;
      const decode = decodeError(next);
      if (decode) throw decode;
      defaultObject(next, this.ctx, cur);
      normaliseStored(next);
      const errs = validateUpdate(next, cur, this.ctx);
      if (errs.length) throw invalid(info.kind, info.group, name, errs);
      admitSize(this, next, cur);
      if (info.tracksGeneration && !deepEqual(next['spec'], cur['spec'])) m.generation = (cur.metadata.generation ?? 0) + 1;
    }
    if (dryRun) return next as T;
    // An object whose last finalizer went away while it was being deleted is removed now.
    const m = next.metadata;
    if (m.deletionTimestamp && !(m.finalizers?.length) && (info.kind !== 'Pod' || m.deletionGracePeriodSeconds === 0)) {
      this.remove(info, k, cur);
      return next as T;
    }
    if (!adopt && deepEqual(next, cur)) return cur as T;
    return this.replace(info, k, cur, next) as T;
  }

  private replace(info: KindInfo, k: string, cur: KObject, next: KObject): KObject {
    next.metadata.resourceVersion = String(++this.rv);
    this.put(info, k, next, false);
    this.emit('MODIFIED', next, cur);
    return next;
  }

  private remove(info: KindInfo, k: string, cur: KObject): KObject {
    const store = this.store(info.kind);
    store.objects.delete(k);
    store.sortedKeys = undefined;
    const gone = deepCopy(cur);
    gone.metadata.resourceVersion = String(++this.rv);
    if (this.freeze) deepFreeze(gone);
    this.emit('DELETED', gone, cur);
    return gone;
  }

  private put(info: KindInfo, k: string, obj: KObject, added: boolean): void {
    const store = this.store(info.kind);
    if (this.freeze) deepFreeze(obj);
    store.objects.set(k, obj);
    if (added) store.sortedKeys = undefined;
  }

  private emit(type: WatchEventType, object: KObject, old?: KObject): void {
    const ev: WatchEvent = { type, object, t: this.clock.now(), seq: ++this.seq, actor: this.actor };
    if (old) ev.old = old;
    for (const w of [...this.watchers]) w(ev);
  }

  private info(kind: string): KindInfo {
    const info = maybeKindInfo(kind);
    if (!info) throw new ApiError('NotFound', `the server could not find the requested resource`);
    return info;
  }

  private store(kind: string): KindStore {
    let s = this.stores.get(kind);
    if (!s) {
      s = { objects: new Map(), sortedKeys: undefined };
      this.stores.set(kind, s);
    }
    return s;
  }
}
