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
import { selectorToString } from '../api/labels';
import { kindInfo, maybeKindInfo, qualifiedResource, type KindInfo } from '../api/kinds';
import { decodeObject, defaultObject, validateCreate, validateUpdate, type FieldValidation, type StrategyContext } from '../api/strategy';
import type { KEvent, KObject, LabelSelector, ObjectMeta, Pod } from '../api/types';
import { addGoSeconds, RunawayLoopError, timestamp, type SimTime, type VirtualClock } from '../clock/clock';
import { admitCreate, admitSize, normaliseStored } from './admission';
import { EventIndex } from './event-index';
import { DEFAULT_EVENT_TTL_MS, EventLeases } from './event-ttl';
import { parseResourceVersion, WatchHistories } from './watch-history';
import { applyPatchRequest, checkPatchedName, type PatchType } from './patch';

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

export interface ApiServerOptions {
  /** How long an Event lives after its last write (kube-apiserver --event-ttl, 1h); 0 keeps Events forever. */
  eventTtlMs?: number;
}

/** What a create, update or patch request carries besides the object. */
export interface WriteOptions {
  dryRun?: boolean;
  /**
   * The request's fieldValidation (kubectl sends Strict unless `--validate`
   * says otherwise; a request without one, like every controller's, is Warn).
   */
  fieldValidation?: FieldValidation;
  /** Receives the warnings the server answers with (kubectl prints `Warning: <text>`). */
  warn?: (message: string) => void;
}

export interface PatchOptions extends WriteOptions {
  /** Patch the scale subresource (autoscaling/v1 Scale) instead of the object. */
  subresource?: 'scale';
}

export type { PatchType };

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Only delete when the stored object still has this uid. */
  uid?: string;
}

/** Kinds whose status is written only through the status subresource. */
const STATUS_SUBRESOURCE = new Set(['StatefulSet', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'Node', 'Service']);

const key = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);

/**
 * Writers that are in-cluster components. In a real cluster they send typed Go
 * objects through client-go, which cannot carry a value of the wrong type or a
 * field the type lacks, so their bodies are not decoded again. SIM: with
 * `freeze` on (tests) every write is decoded, so a component that writes what
 * its Go type cannot hold fails there. Everyone else (kubectl, the embed API,
 * lessons, bootstrap from the scenario's cluster spec) is decoded.
 */
const TYPED_CLIENTS = new Set([
  'statefulset-controller',
  'kubelet',
  'default-scheduler',
  'persistentvolume-controller',
  'endpoint-controller',
  'garbage-collector',
  'pvc-protection-controller',
  'pv-protection-controller',
]);

interface KindStore {
  objects: Map<string, KObject>;
  /** Keys in etcd order; rebuilt only when objects come or go. */
  sortedKeys: string[] | undefined;
}

export class ApiServer {
  private stores = new Map<string, KindStore>();
  private watchers: Watcher[] = [];
  private rv = 1000;
  private readonly firstRv = this.rv;
  private seq = 0;
  /** The writer named on events; set with `as()`. */
  actor = 'kubectl';
  /** Freeze stored objects so a stray write to a shared object throws (tests). */
  freeze = false;

  /** Recent writes per resource, for watches that resume from a resourceVersion (watch-history.ts). */
  private history: WatchHistories;
  /** Event expiry (event-ttl.ts). */
  private leases: EventLeases;
  private eventIndex = new EventIndex();

  constructor(
    readonly clock: VirtualClock,
    readonly rng: Rng,
    readonly ctx: StrategyContext,
    opts: ApiServerOptions = {},
  ) {
    this.history = new WatchHistories(this.rv);
    this.leases = new EventLeases(clock, opts.eventTtlMs ?? DEFAULT_EVENT_TTL_MS, (keys) => this.expireEvents(keys));
    // The server's own bookkeeping sees every write first, before any client watch.
    this.watchers.push((ev) => this.track(ev));
  }

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

  /**
   * A watch of one kind that resumes after `resourceVersion`, as a client
   * does after a dropped connection: the writes it missed are delivered
   * first (from the server's bounded history), then every new one. "" or
   * "0" starts from now with an ADDED event for each existing object.
   * Throws ApiError Expired (410, `too old resource version: X (Y)`) when
   * the history no longer reaches back that far, Invalid for a malformed
   * resourceVersion, and Timeout for one the server has not reached yet.
   */
  watchFrom(kind: string, resourceVersion: string, fn: Watcher): () => void {
    const info = this.info(kind);
    const rv = parseResourceVersion(resourceVersion, info.resource, info.group);
    let missed: WatchEvent[];
    if (rv === 0) {
      const now = this.clock.now();
      missed = this.list(info.kind).map((object) => ({ type: 'ADDED', object, t: now, seq: this.seq, actor: this.actor }));
    } else if (rv > this.rv) {
      // Behaviour of storage.NewTooLargeResourceVersionError, after the cacher's wait (3 s) for the revision (v1.32).
      throw new ApiError('Timeout', `Too large resource version: ${rv}, current: ${this.rv}`, { causes: [{ field: '', message: 'Too large resource version' }] });
    } else missed = this.history.since(info.kind, rv, this.clock.now());
    for (const ev of missed) fn(ev);
    return this.watch((ev) => {
      if (ev.object.kind === info.kind) fn(ev);
    });
  }

  /**
   * The Events about one object: what `GET events?fieldSelector=involvedObject.name=N,involvedObject.namespace=NS`
   * returns, in key order. `namespace` is the object's ("" for a cluster-scoped one); the
   * listing covers every namespace, as kubectl's does for cluster-scoped objects.
   */
  listEventsAbout(namespace: string, name: string): KEvent[] {
    const store = this.store('Event');
    return this.eventIndex
      .keys(namespace, name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((k) => store.objects.get(k) as KEvent);
  }

  /** Sizes of the server's bookkeeping (objects per kind, kept history per kind, leases), for tests and the soak benchmark. */
  /** Writes (creates, updates, deletes) since the server started: each takes one resourceVersion. */
  get writes(): number {
    return this.rv - this.firstRv;
  }

  stats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [kind, s] of this.stores) out[`objects.${kind}`] = s.objects.size;
    for (const [kind, n] of Object.entries(this.history.sizes())) out[`history.${kind}`] = n;
    const leases = this.leases.size;
    out['eventLeases.keys'] = leases.keys;
    out['eventLeases.leases'] = leases.leases;
    out['eventIndex'] = this.eventIndex.size;
    out['watchers'] = this.watchers.length;
    return out;
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
  create<T extends KObject>(input: T, opts: WriteOptions = {}): T {
    const info = this.info(input.kind);
    // Behaviour of handlers/create.go: the body is decoded into the Go type before anything else.
    const { obj, warnings } = this.decodes() ? decodeObject(input, opts.fieldValidation) : { obj: deepCopy(input), warnings: [] };
    for (const w of warnings) opts.warn?.(w);
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
  update<T extends KObject>(input: T, opts: WriteOptions & { adopt?: boolean } = {}): T {
    return this.write(input, false, opts, opts.adopt ?? false);
  }

  /**
   * Applies a patch on the server, as a PATCH request does: the patch is
   * applied to the stored object, the result decoded into the kind's Go type
   * (type errors: Invalid on "patch"; unknown fields per `fieldValidation`),
   * then stored through the update path (defaulting, validation, admission).
   * `body` is the patch document as parsed JSON. Returns the stored object
   * (the Scale for the scale subresource). Throws ApiError.
   */
  patch(kind: string, namespace: string | undefined, name: string, type: PatchType, body: unknown, opts: PatchOptions = {}): KObject {
    const info = this.info(kind);
    const ns = info.namespaced ? (namespace ?? 'default') : undefined;
    const cur = this.store(info.kind).objects.get(key(ns, name));
    if (!cur) throw notFound(qualifiedResource(info), name);
    const directive = opts.fieldValidation ?? 'Warn';
    if (opts.subresource === 'scale') return this.patchScale(info, cur, type, body, opts);
    const { obj, warnings } = applyPatchRequest(cur, type, body, directive);
    for (const w of warnings) opts.warn?.(w);
    // SIM: a patch that changes apiVersion or kind is stored as the object's own type (a real server
    // fails to convert it); the store is chosen by the URL, never by the patched body.
    obj.apiVersion = cur.apiVersion;
    obj.kind = cur.kind;
    const meta = (obj.metadata ??= {});
    // Behaviour of rest.EnsureObjectNamespaceMatchesRequestNamespace: an unset namespace takes the request's.
    if (ns && !meta.namespace) meta.namespace = ns;
    if (!ns) delete meta.namespace;
    checkPatchedName(obj, name, ns);
    return this.write(obj, false, opts, false, true);
  }

  /**
   * The statefulsets/scale subresource: the patch applies to an autoscaling/v1
   * Scale built from the set. Behaviour of pkg/registry/apps/statefulset/storage
   * ScaleREST.Update and autoscaling validation ValidateScale (v1.32).
   */
  private patchScale(info: KindInfo, cur: KObject, type: PatchType, body: unknown, opts: PatchOptions): KObject {
    if (info.kind !== 'StatefulSet') throw new ApiError('NotFound', 'the server could not find the requested resource');
    const name = cur.metadata.name ?? '';
    const { obj, warnings } = applyPatchRequest(scaleOf(cur), type, body, opts.fieldValidation ?? 'Warn');
    for (const w of warnings) opts.warn?.(w);
    const meta = (obj.metadata ??= {});
    if (!meta.namespace) meta.namespace = cur.metadata.namespace;
    checkPatchedName(obj, name, cur.metadata.namespace);
    const replicas = ((obj['spec'] as { replicas?: number } | undefined)?.replicas ?? 0) as number;
    if (replicas < 0) {
      throw invalid('Scale', 'autoscaling', name, [{ type: 'Invalid', field: 'spec.replicas', value: String(replicas), detail: 'must be greater than or equal to 0' }]);
    }
    if (meta.resourceVersion && meta.resourceVersion !== cur.metadata.resourceVersion) throw conflict(qualifiedResource(info), name);
    const next = deepCopy(cur);
    (next['spec'] as { replicas?: number }).replicas = replicas;
    const written = this.write(next, false, { ...opts, warn: undefined }, false, true);
    return scaleOf(written);
  }

  /** Replaces only the status of an object. */
  updateStatus<T extends KObject>(input: T): T {
    return this.write(input, true, {});
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
        meta.deletionTimestamp = timestamp(addGoSeconds(this.clock.now(), grace));
        if (grace === 0 && finalizers.length === 0) return this.remove(info, k, cur);
        return this.replace(info, k, cur, next);
      }
      return cur;
    }
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (grace === 0 && finalizers.length === 0) return this.remove(info, k, cur);
    meta.finalizers = finalizers.length ? finalizers : undefined;
    meta.deletionTimestamp = timestamp(addGoSeconds(this.clock.now(), grace));
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
  private write<T extends KObject>(body: T, status: boolean, opts: WriteOptions, adopt = false, decoded = false): T {
    const info = this.info(body.kind);
    const dryRun = opts.dryRun ?? false;
    // Behaviour of handlers/update.go: decode into the Go type first. Objects a controller
    // built fresh for this write (`adopt`) are stored as given. SIM: they are not decoded.
    let input = body;
    if (!adopt && !decoded) {
      const d = this.decodes() ? decodeObject(body, opts.fieldValidation) : { obj: deepCopy(body), warnings: [] };
      for (const w of d.warnings) opts.warn?.(w);
      input = d.obj;
      input.metadata ??= {};
    }
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
      next = { ...deepCopy(cur), status: input['status'] };
      if (next['status'] === undefined) delete next['status'];
    } else {
      next = input;
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

  /** Whether the current writer's bodies are decoded (see TYPED_CLIENTS). */
  private decodes(): boolean {
    return this.freeze || !TYPED_CLIENTS.has(this.actor);
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

  /**
   * Keeps an Event alive as if it had last been written at `at`: its lease
   * becomes that time's. Nothing is written. For a fast-forward that skipped
   * an Event's repeats (engine/clock/jump.ts); the next repeat writes it.
   */
  touchEvent(namespace: string, name: string, at: number): void {
    const k = key(namespace, name);
    if (this.store('Event').objects.has(k)) this.leases.attach(k, at);
  }

  /** The server's own reaction to a write: history, Event leases and the Event index. */
  private track(ev: WatchEvent): void {
    this.history.record(ev);
    if (ev.object.kind !== 'Event') return;
    const k = key(ev.object.metadata.namespace, ev.object.metadata.name ?? '');
    this.eventIndex.update(k, ev.old as KEvent | undefined, ev.type === 'DELETED' ? undefined : (ev.object as KEvent));
    if (ev.type === 'DELETED') this.leases.detach(k);
    else this.leases.attach(k);
  }

  /** Deletes Events whose lease expired, as etcd does (finalizers play no part). */
  private expireEvents(keys: string[]): void {
    const info = this.info('Event');
    const store = this.store('Event');
    this.as('event-ttl', () => {
      for (const k of keys) {
        const cur = store.objects.get(k);
        if (cur) this.remove(info, k, cur);
      }
    });
  }

  private emit(type: WatchEventType, object: KObject, old?: KObject): void {
    const ev: WatchEvent = { type, object, t: this.clock.now(), seq: ++this.seq, actor: this.actor };
    if (old) ev.old = old;
    for (const w of [...this.watchers]) {
      try {
        w(ev);
      } catch (error) {
        // A watcher that throws must neither stop the others nor fail the write that reached it:
        // the write is stored. The fault is recorded, and surfaces as an Event about the object.
        if (error instanceof RunawayLoopError) throw error;
        this.clock.recordFault({ label: `watch ${type} ${object.kind}`, error, component: 'watch-handler', subject: object });
      }
    }
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

/** The autoscaling/v1 Scale of a StatefulSet (statefulset storage scaleFromStatefulSet). */
function scaleOf(sts: KObject): KObject {
  const spec = (sts['spec'] ?? {}) as { replicas?: number; selector?: LabelSelector };
  const status = (sts['status'] ?? {}) as { replicas?: number };
  const m = sts.metadata;
  const meta: ObjectMeta = { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp };
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: meta,
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, selector: selectorToString(spec.selector) },
  };
}
