/**
 * The scheduler's VolumeBinding plugin: PreFilter (every claim exists, is
 * not being deleted, and is bound unless its class waits for the first
 * consumer), Filter (a node can serve every bound and delayed claim), and
 * the PreBind writes for delayed claims (pre-bind a static PV, or ask for
 * provisioning with the selected-node annotation).
 */
import { deepCopy } from '../../lib/clone';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  NO_PROVISIONER,
  claimRefFor,
  findMatchingVolume,
  isClaimFullyBound,
  isDelayBindingMode,
  nodeAffinityAllows,
  podClaimNames,
  storageClassOf,
} from '../controllers/volume/binder';

export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';

export interface PodClaims {
  bound: PersistentVolumeClaim[];
  delayed: PersistentVolumeClaim[];
}

/** What PreBind must write for one node: static PVs to pre-bind and claims to provision. */
export interface VolumePlan {
  staticBindings: { claim: PersistentVolumeClaim; pv: PersistentVolume }[];
  provisions: PersistentVolumeClaim[];
}

/** The pod's claims, or the PreFilter message that makes every node fail. */
// Behaviour of pkg/scheduler/framework/plugins/volumebinding/volume_binding.go PreFilter + binder.go GetPodVolumeClaims (v1.32)
export function podVolumeClaims(api: ApiServer, pod: Pod): PodClaims | string {
  const out: PodClaims = { bound: [], delayed: [] };
  let immediate = false;
  for (const name of podClaimNames(pod)) {
    const c = api.get<PersistentVolumeClaim>('PersistentVolumeClaim', pod.metadata.namespace, name);
    if (!c) return `persistentvolumeclaim "${name}" not found`;
    if (c.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (isClaimFullyBound(c)) out.bound.push(c);
    else if (isDelayBindingMode(api, c)) out.delayed.push(c);
    else immediate = true;
  }
  return immediate ? ERR_UNBOUND_IMMEDIATE : out;
}

/** Whether the node can serve the pod's claims: the failure reason, or the plan for PreBind. */
// Behaviour of pkg/scheduler/framework/plugins/volumebinding/binder.go FindPodVolumes (v1.32)
export function filterNode(api: ApiServer, claims: PodClaims, node: Node): VolumePlan | string {
  for (const c of claims.bound) {
    const pv = api.get<PersistentVolume>('PersistentVolume', undefined, c.spec.volumeName as string);
    if (pv && !nodeAffinityAllows(pv, node)) return ERR_NODE_CONFLICT;
  }
  const plan: VolumePlan = { staticBindings: [], provisions: [] };
  if (claims.delayed.length === 0) return plan;
  const volumes = api.list<PersistentVolume>('PersistentVolume');
  const chosen = new Set<string>();
  for (const c of claims.delayed) {
    const pv = findMatchingVolume(c, volumes, { node, delayBinding: true, excluded: chosen });
    if (pv) {
      chosen.add(pv.metadata.name as string);
      plan.staticBindings.push({ claim: c, pv });
      continue;
    }
    // Behaviour of binder.go checkVolumeProvisions: the class must exist and provision, and a node already chosen wins.
    const cls = storageClassOf(api, c);
    if (!cls || cls.provisioner === NO_PROVISIONER) return ERR_BIND_CONFLICT;
    const selected = c.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected && selected !== node.metadata.name) return ERR_BIND_CONFLICT;
    plan.provisions.push(c);
  }
  return plan;
}

/** The PreBind API writes, as the scheduler makes them. */
// Behaviour of pkg/scheduler/framework/plugins/volumebinding/binder.go BindPodVolumes / bindAPIUpdate (v1.32)
export function applyVolumePlan(api: ApiServer, plan: VolumePlan, node: string): void {
  for (const { claim, pv } of plan.staticBindings) {
    const cur = api.get<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name as string);
    if (!cur || cur.spec.claimRef) continue;
    const next = deepCopy(cur);
    next.spec.claimRef = claimRefFor(claim);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    api.update(next);
  }
  for (const claim of plan.provisions) {
    const cur = api.get<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name as string);
    if (!cur || cur.metadata.annotations?.[ANN_SELECTED_NODE] === node) continue;
    api.update({ ...cur, metadata: { ...cur.metadata, annotations: { ...(cur.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: node } } });
  }
}

/** Every claim of the pod is fully bound (PreBind's wait is over). */
export function allClaimsBound(api: ApiServer, pod: Pod): boolean {
  return podClaimNames(pod).every((name) => {
    const c = api.get<PersistentVolumeClaim>('PersistentVolumeClaim', pod.metadata.namespace, name);
    return !!c && !c.metadata.deletionTimestamp && isClaimFullyBound(c);
  });
}
