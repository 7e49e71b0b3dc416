import { formatLabels } from '../../engine/api/labels';
import { formatQuantity } from '../../engine/api/quantity';
import type { KEvent, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { deepCopy } from '../../lib/clone';
import { printPersistentVolumeClaim, type ClaimLike } from './claim';
import { withVolumeMode } from './defaults';
import { describeEvents } from './events';
import { accessModesAsString, goSlice, isDefaultClassText, printAnnotationsMultiline, printLabelsMultiline, printNamesMultiline, rfc1123z, timestampSince, volumeClass } from './format';
import { describePersistentVolumeSource } from './volumes';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const rfcOrZero = (x: unknown) => rfc1123z(typeof x === 'string' ? x : undefined);

/**
 * getPodsForPVC: pods of the claim's namespace with a volume naming the
 * claim (a pod listed once per such volume), then pods owning the claim.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go getPodsForPVC (v1.32)
export function podsUsingClaim(pvc: PersistentVolumeClaim, pods: readonly Pod[]): Pod[] {
  const nsPods = pods.filter((p) => p.metadata.namespace === pvc.metadata.namespace);
  const out: Pod[] = [];
  for (const pod of nsPods) {
    for (const v of pod.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim && v.persistentVolumeClaim.claimName === pvc.metadata.name) out.push(pod);
    }
  }
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = nsPods.find((p) => p.metadata.uid === ref.uid);
    if (!owner) continue;
    if (out.some((p) => p.metadata.uid === owner.metadata.uid)) continue;
    out.push(owner);
  }
  return out;
}

/** `kubectl describe pvc`. `usedBy` are the pods podsUsingClaim found. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describePersistentVolumeClaim (v1.32)
export function describePersistentVolumeClaim(input: PersistentVolumeClaim, usedBy: readonly Pod[], events: readonly KEvent[] | undefined, now: SimTime): string {
  const pvc = withVolumeMode(input as unknown as ClaimLike & { spec?: Rec });
  return tabbedString((w) => {
    printPersistentVolumeClaim(w, pvc, true, now);
    printNamesMultiline(
      w,
      'Used By',
      usedBy.map((p) => p.metadata.name ?? ''),
    );
    const conditions = isRec(pvc.status) && Array.isArray(pvc.status['conditions']) ? (pvc.status['conditions'] as Rec[]) : [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${str(c['type'])} \t${str(c['status'])} \t${rfcOrZero(c['lastProbeTime'])} \t${rfcOrZero(c['lastTransitionTime'])} \t${str(c['reason'])} \t${str(c['message'])}\n`,
        );
      }
    }
    if (events) describeEvents(events, w, now);
  });
}

function printNodeSelectorTerm(w: PrefixWriter, title: string, reqs: readonly Rec[]): void {
  w.write(LEVEL_2, `${title}:\t`);
  if (reqs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  reqs.forEach((r, i) => {
    if (i !== 0) w.write(LEVEL_2, '\t');
    let expr = `${str(r['key'])} ${str(r['operator']).toLowerCase()}`;
    const values = Array.isArray(r['values']) ? (r['values'] as unknown[]).map(String) : [];
    if (values.length > 0) expr = `${expr} [${values.join(', ')}]`;
    w.write(LEVEL_0, `${expr}\n`);
  });
}

/** printVolumeNodeAffinity: "<none>" or the required node selector terms. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go printVolumeNodeAffinity (v1.32)
function printVolumeNodeAffinity(w: PrefixWriter, affinity: unknown): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!isRec(affinity) || !isRec(affinity['required'])) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms = Array.isArray(affinity['required']['nodeSelectorTerms']) ? (affinity['required']['nodeSelectorTerms'] as Rec[]) : [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((t, i) => printNodeSelectorTerm(w, `Term ${i}`, Array.isArray(t['matchExpressions']) ? (t['matchExpressions'] as Rec[]) : []));
}

/** `kubectl describe pv`. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describePersistentVolume (v1.32)
export function describePersistentVolume(input: PersistentVolume, events: readonly KEvent[] | undefined, now: SimTime): string {
  // SetDefaults_PersistentVolume: reclaim policy Retain, volume mode Filesystem, phase Pending
  const pv = withVolumeMode(input as unknown as { spec?: Rec }, (spec) => {
    if (spec['persistentVolumeReclaimPolicy'] === undefined) spec['persistentVolumeReclaimPolicy'] = 'Retain';
  }) as unknown as PersistentVolume;
  const spec = (pv.spec ?? {}) as Rec;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pv.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${volumeClass(pv as Parameters<typeof volumeClass>[0])}\n`);
    if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${timestampSince(pv.metadata.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? 'Pending'}\n`);
    const ref = pv.spec?.claimRef;
    w.write(LEVEL_0, `Claim:\t${ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${str(spec['persistentVolumeReclaimPolicy'])}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesAsString(pv.spec?.accessModes)}\n`);
    if (spec['volumeMode'] !== undefined && spec['volumeMode'] !== null) w.write(LEVEL_0, `VolumeMode:\t${str(spec['volumeMode'])}\n`);
    const storage = pv.spec?.capacity?.storage;
    w.write(LEVEL_0, `Capacity:\t${storage !== undefined ? formatQuantity(storage) : '0'}\n`);
    printVolumeNodeAffinity(w, spec['nodeAffinity']);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    describePersistentVolumeSource(spec, w, now);
    if (events) describeEvents(events, w, now);
  });
}

/** `kubectl describe storageclass`. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeStorageClass (v1.32)
export function describeStorageClass(input: StorageClass, events: readonly KEvent[] | undefined, now: SimTime): string {
  // SetDefaults_StorageClass
  const sc = deepCopy(input);
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
  const rec = sc as unknown as Rec;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClassText(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    const ave = sc.allowVolumeExpansion;
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${ave === undefined || ave === null ? '<unset>' : ave ? 'True' : 'False'}\n`);
    const mountOptions = Array.isArray(rec['mountOptions']) ? (rec['mountOptions'] as unknown[]).map(String) : [];
    if (mountOptions.length === 0) {
      w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    const topologies = rec['allowedTopologies'];
    if (Array.isArray(topologies)) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      if (topologies.length === 0) {
        w.writeLine('<none>');
      } else {
        w.writeLine('');
        (topologies as Rec[]).forEach((term, i) => {
          const reqs = Array.isArray(term['matchLabelExpressions']) ? (term['matchLabelExpressions'] as Rec[]) : [];
          w.write(LEVEL_1, `Term ${i}:\t`);
          if (reqs.length === 0) {
            w.writeLine('<none>');
            return;
          }
          reqs.forEach((r, j) => {
            if (j !== 0) w.write(LEVEL_1, '\t');
            let expr = `${str(r['key'])} in`;
            const values = Array.isArray(r['values']) ? (r['values'] as unknown[]).map(String) : [];
            if (values.length > 0) expr = `${expr} [${values.join(', ')}]`;
            w.write(LEVEL_0, `${expr}\n`);
          });
        });
      }
    }
    if (events) describeEvents(events, w, now);
  });
}
