/**
 * StatefulSet invariants, checked on every write the cluster makes. A
 * failure names the set, the ordinal and the rule broken.
 */
import type { KObject, PersistentVolumeClaim, Pod, StatefulSet } from '../api/types';
import type { WatchEvent } from '../apiserver/apiserver';
import type { Cluster } from '../sim/cluster';
import {
  getOrdinal,
  getPodRevision,
  isRunningAndAvailable,
  parentAndOrdinal,
  retentionPolicy,
  revisionData,
  startOrdinal,
} from '../controllers/statefulset/stateful-set-utils';
import { deepEqual } from '../../lib/clone';
import type { ControllerRevision } from '../api/types';

export class InvariantChecker {
  readonly violations: string[] = [];
  private stop: () => void;

  constructor(private cluster: Cluster) {
    this.stop = cluster.api.watch((ev) => this.onEvent(ev));
  }

  /** Invariant violations plus errors thrown inside the cluster's own components. */
  problems(): string[] {
    const faults = this.cluster.clock.faults.map((f) => `t=${f.at / 1000}s: ${f.label} threw ${f.error instanceof Error ? f.error.message : String(f.error)}`);
    return [...this.violations, ...faults];
  }

  dispose(): void {
    this.stop();
  }

  private fail(msg: string): void {
    this.violations.push(`t=${this.cluster.clock.now() / 1000}s: ${msg}`);
  }

  private setOf(pod: KObject): StatefulSet | undefined {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'StatefulSet');
    if (!ref) return undefined;
    const set = this.cluster.api.get<StatefulSet>('StatefulSet', pod.metadata.namespace, ref.name);
    return set?.metadata.uid === ref.uid ? set : undefined;
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Pod' && ev.type === 'ADDED' && ev.actor === 'statefulset-controller') this.podCreated(o as Pod);
    if (o.kind === 'PersistentVolumeClaim' && ev.type === 'MODIFIED' && o.metadata.deletionTimestamp && !ev.old?.metadata.deletionTimestamp) {
      this.claimDeleted(o as PersistentVolumeClaim, ev.actor);
    }
    if (o.kind === 'PersistentVolumeClaim' && ev.type === 'DELETED' && !ev.old?.metadata.deletionTimestamp) {
      this.claimDeleted(o as PersistentVolumeClaim, ev.actor);
    }
  }

  /** OrderedReady: pod i is created only when 0..i-1 exist, Running, Ready and available; its revision follows §3.4. */
  private podCreated(pod: Pod): void {
    const set = this.setOf(pod);
    if (!set) return;
    const api = this.cluster.api;
    const ord = getOrdinal(pod);
    const start = startOrdinal(set);
    const name = set.metadata.name as string;
    const now = this.cluster.clock.now();
    const pods = api.list<Pod>('Pod', set.metadata.namespace).filter((p) => parentAndOrdinal(p.metadata.name).parent === name && p !== pod);
    if (pods.some((p) => getOrdinal(p) === ord && p.metadata.uid !== pod.metadata.uid)) this.fail(`${name}: two pods with ordinal ${ord}`);
    if ((set.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady') {
      for (let i = start; i < ord; i++) {
        const prev = api.get<Pod>('Pod', set.metadata.namespace, `${name}-${i}`);
        if (!prev || !isRunningAndAvailable(prev, set.spec.minReadySeconds ?? 0, now) || prev.metadata.deletionTimestamp) {
          this.fail(`${pod.metadata.name} created while ${name}-${i} is not Running and Ready`);
        }
      }
    }
    // Revision rule at creation: below the partition the current revision, else the update revision.
    const revs = api.list<ControllerRevision>('ControllerRevision', set.metadata.namespace).filter((r) => r.metadata.ownerReferences?.some((x) => x.uid === set.metadata.uid));
    const update = revs.find((r) => deepEqual(r.data, revisionData(set)))?.metadata.name;
    const current = set.status?.currentRevision || update;
    const ru = set.spec.updateStrategy?.rollingUpdate;
    const type = set.spec.updateStrategy?.type ?? 'RollingUpdate';
    let want = update;
    if (type === 'RollingUpdate') {
      if (ru && ord < start + (ru.partition ?? 0)) want = current;
      if (!ru && ord < start + (set.status?.currentReplicas ?? 0)) want = current;
    }
    if (update && getPodRevision(pod) !== want) this.fail(`${pod.metadata.name} created at revision ${getPodRevision(pod)}, expected ${want}`);
  }

  /** Claims are deleted only by a person or as the retention policy says. */
  private claimDeleted(claim: PersistentVolumeClaim, actor: string): void {
    if (actor === 'kubectl') return;
    const { parent, ordinal } = parentAndOrdinal(claim.metadata.name);
    const refs = claim.metadata.ownerReferences ?? [];
    const setRef = refs.find((r) => r.kind === 'StatefulSet');
    const podRef = refs.find((r) => r.kind === 'Pod');
    if (!setRef && !podRef) {
      this.fail(`claim ${claim.metadata.name} deleted by ${actor} without an owner`);
      return;
    }
    if (setRef && this.cluster.api.get('StatefulSet', claim.metadata.namespace, setRef.name)?.metadata.uid === setRef.uid) {
      this.fail(`claim ${claim.metadata.name} deleted while its StatefulSet ${setRef.name} still exists`);
    }
    if (podRef) {
      const set = this.cluster.api.list<StatefulSet>('StatefulSet', claim.metadata.namespace).find((s) => parent.endsWith(`-${s.metadata.name}`));
      if (set && retentionPolicy(set).whenScaled !== 'Delete') this.fail(`claim ${claim.metadata.name} deleted on scale-down but whenScaled is Retain`);
      if (set && ordinal >= startOrdinal(set) && ordinal < startOrdinal(set) + (set.spec.replicas ?? 1)) {
        // An in-range ordinal may lose a claim only if the pod owning it was condemned when the claim was marked.
        const pod = this.cluster.api.get<Pod>('Pod', claim.metadata.namespace, podRef.name);
        if (pod && pod.metadata.uid === podRef.uid) this.fail(`claim ${claim.metadata.name} deleted while its pod ${podRef.name} still runs in range`);
      }
    }
  }

  /**
   * For a settled set whose pods are all Ready: exactly the in-range ordinals
   * exist, at or above the partition at the update revision.
   */
  checkSettled(set: StatefulSet): void {
    const api = this.cluster.api;
    const name = set.metadata.name as string;
    const start = startOrdinal(set);
    const replicas = set.spec.replicas ?? 1;
    const pods = api.list<Pod>('Pod', set.metadata.namespace).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === set.metadata.uid));
    const ords = pods.map(getOrdinal).sort((a, b) => a - b);
    const want = Array.from({ length: replicas }, (_, i) => start + i);
    if (!deepEqual(ords, want)) this.fail(`${name}: settled with ordinals [${ords}] instead of [${want}]`);
    const st = set.status;
    if (!st) return;
    const type = set.spec.updateStrategy?.type ?? 'RollingUpdate';
    if (type !== 'RollingUpdate') return;
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (const p of pods) {
      const idx = getOrdinal(p) - start;
      const rev = getPodRevision(p);
      if (idx >= partition && rev !== st.updateRevision) this.fail(`${p.metadata.name}: at ${rev}, but ordinals at or above partition ${partition} must be at the update revision ${st.updateRevision}`);
      // Below the partition a pod keeps the revision it was created with (checked at creation);
      // after a rollback that may be neither current nor update, as upstream leaves it. It must still exist.
      if (idx < partition && !api.get('ControllerRevision', set.metadata.namespace, rev)) this.fail(`${p.metadata.name}: at ${rev}, a revision that no longer exists`);
    }
    if (partition === 0 && st.currentRevision !== st.updateRevision) this.fail(`${name}: settled at partition 0 but currentRevision ${st.currentRevision} != updateRevision ${st.updateRevision}`);
    if (st.replicas !== replicas || st.readyReplicas !== replicas) this.fail(`${name}: settled with status replicas=${st.replicas} ready=${st.readyReplicas}, want ${replicas}`);
  }
}
