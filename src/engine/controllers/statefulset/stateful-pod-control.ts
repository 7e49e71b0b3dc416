/**
 * The StatefulSet controller's writes to pods and claims, with the events it
 * records. Behaviour of pkg/controller/statefulset/stateful_pod_control.go (v1.32).
 */
import { deepCopy } from '../../../lib/clone';
import { ApiError } from '../../api/errors';
import type { KObject, PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import type { ApiServer } from '../../apiserver/apiserver';
import type { EventRecorder } from '../../runtime/recorder';
import {
  claimNamesFor,
  claimOwnerMatchesSetAndPod,
  getOrdinal,
  getPersistentVolumeClaims,
  hasStaleOwnerRef,
  identityMatches,
  retentionPolicy,
  storageMatches,
  updateClaimOwnerRefForSetAndPod,
  updateIdentity,
  updateStorage,
} from './stateful-set-utils';

/** Every write the controller makes to pods and claims goes through this. */
export interface ObjectManager {
  createPod(pod: Pod): Pod;
  getPod(namespace: string, name: string): Pod | undefined;
  updatePod(pod: Pod): Pod;
  deletePod(namespace: string, name: string): void;
  createClaim(claim: PersistentVolumeClaim): PersistentVolumeClaim;
  getClaim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  updateClaim(claim: PersistentVolumeClaim): PersistentVolumeClaim;
}

/** The real object manager: the API server, writing as the statefulset-controller. */
export class ApiObjectManager implements ObjectManager {
  constructor(private api: ApiServer) {}
  private as<T>(fn: () => T): T {
    return this.api.as('statefulset-controller', fn);
  }
  createPod(pod: Pod): Pod {
    return this.as(() => this.api.create(pod));
  }
  getPod(namespace: string, name: string): Pod | undefined {
    return this.api.get<Pod>('Pod', namespace, name);
  }
  updatePod(pod: Pod): Pod {
    return this.as(() => this.api.update(pod));
  }
  deletePod(namespace: string, name: string): void {
    this.as(() => this.api.delete('Pod', namespace, name));
  }
  createClaim(claim: PersistentVolumeClaim): PersistentVolumeClaim {
    return this.as(() => this.api.create(claim));
  }
  getClaim(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name);
  }
  updateClaim(claim: PersistentVolumeClaim): PersistentVolumeClaim {
    return this.as(() => this.api.update(claim));
  }
}

/** Claim names per stored pod object (the templates of a set never change). */
const claimNames = new WeakMap<Pod, string[]>();

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** An error made of several, printed as upstream's aggregate: one alone, or `[a, b]`. */
export class AggregateError2 extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.length === 1 ? errText(errors[0]) : `[${errors.map(errText).join(', ')}]`);
  }
}

export class StatefulPodControl {
  constructor(
    private om: ObjectManager,
    private recorder: EventRecorder,
  ) {}

  private event(set: StatefulSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.record(set as KObject, type, reason, message, { component: 'statefulset-controller' });
  }

  private podEvent(verb: 'create' | 'delete' | 'update', set: StatefulSet, pod: Pod, err?: unknown): void {
    const Verb = verb[0]?.toUpperCase() + verb.slice(1);
    if (err === undefined) this.event(set, 'Normal', `Successful${Verb}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    else this.event(set, 'Warning', `Failed${Verb}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errText(err)}`);
  }

  private claimEvent(verb: 'create' | 'update', set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim, err?: unknown): void {
    const Verb = verb[0]?.toUpperCase() + verb.slice(1);
    if (err === undefined) this.event(set, 'Normal', `Successful${Verb}`, `${verb} Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
    else this.event(set, 'Warning', `Failed${Verb}`, `${verb} Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errText(err)}`);
  }

  /**
   * Creates the pod's missing claims, then the pod. If this returns without
   * throwing, the pod and all its claims exist. Throws (after recording a
   * FailedCreate event) when a claim is being deleted or a write fails.
   */
  createStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.createPersistentVolumeClaims(set, pod);
    } catch (e) {
      this.podEvent('create', set, pod, e);
      throw e;
    }
    let created: Pod;
    try {
      created = this.om.createPod(pod);
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'AlreadyExists') throw e;
      this.podEvent('create', set, pod, e);
      throw e;
    }
    try {
      this.updatePodClaimForRetentionPolicy(set, created);
    } catch (e) {
      this.podEvent('update', set, pod, e);
      throw e;
    }
    this.podEvent('create', set, pod);
  }

  /** Fixes identity, storage and claim ownership of an existing pod (a shared object; copied here). */
  updateStatefulPod(set: StatefulSet, shared: Pod): void {
    const pod = deepCopy(shared);
    let consistent = true;
    if (!identityMatches(set, pod)) {
      updateIdentity(set, pod);
      consistent = false;
    }
    if (!storageMatches(set, pod)) {
      updateStorage(set, pod);
      consistent = false;
      try {
        this.createPersistentVolumeClaims(set, pod);
      } catch (e) {
        this.podEvent('update', set, pod, e);
        throw e;
      }
    }
    if (!this.claimsMatchRetentionPolicy(set, pod)) {
      try {
        this.updatePodClaimForRetentionPolicy(set, pod);
      } catch (e) {
        this.podEvent('update', set, pod, e);
        throw e;
      }
    }
    if (consistent) return;
    try {
      this.om.updatePod(pod);
    } catch (e) {
      this.podEvent('update', set, pod, e);
      throw e;
    }
    this.podEvent('update', set, pod);
  }

  deleteStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.om.deletePod(pod.metadata.namespace ?? 'default', pod.metadata.name as string);
    } catch (e) {
      this.podEvent('delete', set, pod, e);
      throw e;
    }
    this.podEvent('delete', set, pod);
  }

  /** Whether every claim of `pod` has the owner references the retention policy asks for. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    const ns = set.metadata.namespace ?? 'default';
    const names = (claimNames.get(pod) as string[] | undefined) ?? claimNamesFor(set, getOrdinal(pod));
    claimNames.set(pod, names);
    for (const name of names) {
      const cur = this.om.getClaim(ns, name);
      if (!cur) continue; // SIM: a missing claim is created elsewhere; upstream returns an error treated as a match.
      if (!claimOwnerMatchesSetAndPod(cur, set, pod)) return false;
    }
    return true;
  }

  /** Rewrites the owner references of `pod`'s claims for the policy. */
  updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): void {
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const cur = this.om.getClaim(claim.metadata.namespace as string, claim.metadata.name as string);
      if (!cur) continue;
      const other = cur.metadata.ownerReferences?.find((r) => r.controller && r.uid !== set.metadata.uid && r.uid !== pod.metadata.uid && !(r.kind === 'Pod' && r.name === pod.metadata.name));
      if (other) {
        this.event(
          set,
          'Warning',
          'ConflictingController',
          `PersistentVolumeClaim ${cur.metadata.name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
        );
        continue;
      }
      const copy = deepCopy(cur);
      if (updateClaimOwnerRefForSetAndPod(copy, set, pod)) this.om.updateClaim(copy);
    }
  }

  /** With whenScaled: Delete, a claim still owned by an earlier pod of this name must be collected first. */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (retentionPolicy(set).whenScaled !== 'Delete') return false;
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const cur = this.om.getClaim(claim.metadata.namespace as string, claim.metadata.name as string);
      if (cur && hasStaleOwnerRef(cur, pod)) return true;
    }
    return false;
  }

  /** Creates the claims of `pod` that do not exist. Behaviour of createPersistentVolumeClaims. */
  createPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    const errs: Error[] = [];
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const cur = this.om.getClaim(claim.metadata.namespace as string, claim.metadata.name as string);
      if (!cur) {
        try {
          this.om.createClaim(claim);
          this.claimEvent('create', set, pod, claim);
        } catch (e) {
          errs.push(new Error(`failed to create PVC ${claim.metadata.name}: ${errText(e)}`));
          if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) this.claimEvent('create', set, pod, claim, e);
        }
      } else if (cur.metadata.deletionTimestamp) {
        errs.push(new Error(`pvc ${claim.metadata.name} is being deleted`));
      }
    }
    if (errs.length) throw new AggregateError2(errs);
  }
}
