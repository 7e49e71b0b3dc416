import { labelSelectorAsMatcher, selectorToString } from '../../engine/api/labels';
import type { KEvent, Pod, PersistentVolumeClaimTemplate, StatefulSet } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { formatQuantity } from '../../engine/api/quantity';
import { statefulSetWithDefaults } from './defaults';
import { describeEvents } from './events';
import { claimClass, goSlice, intOrString, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './format';
import { writePodTemplate } from './pod-template';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './writer';

export interface PodStatusCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** getPodStatusForController: phases of the pods the selector matches and the set controls. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go getPodStatusForController (v1.32)
export function podStatusCounts(set: StatefulSet, pods: readonly Pod[]): PodStatusCounts {
  const counts: PodStatusCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  let matches: (labels: Record<string, string> | undefined) => boolean;
  try {
    matches = labelSelectorAsMatcher(set.spec?.selector);
  } catch {
    return counts;
  }
  for (const pod of pods) {
    if (pod.metadata.namespace !== set.metadata.namespace) continue;
    if (!matches(pod.metadata.labels)) continue;
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    if (!ref || ref.uid !== set.metadata.uid) continue;
    switch (pod.status?.phase) {
      case 'Running':
        counts.running++;
        break;
      case 'Pending':
        counts.waiting++;
        break;
      case 'Succeeded':
        counts.succeeded++;
        break;
      case 'Failed':
        counts.failed++;
        break;
      default:
        break;
    }
  }
  return counts;
}

/** describeVolumeClaimTemplates: one Name/StorageClass/Labels/Annotations/Capacity/Access Modes group per template. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeVolumeClaimTemplates (v1.32)
function describeVolumeClaimTemplates(templates: readonly PersistentVolumeClaimTemplate[] | undefined, w: PrefixWriter): void {
  const list = templates ?? [];
  if (list.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const t of list) {
    w.write(LEVEL_1, `Name:\t${t.metadata?.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${claimClass(t)}\n`);
    printLabelsMultiline(w, 'Labels', t.metadata?.labels, '  ', '\t');
    printLabelsMultiline(w, 'Annotations', t.metadata?.annotations, '  ', '\t');
    const storage = t.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${storage !== undefined ? formatQuantity(storage) : '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t${goSlice(t.spec?.accessModes)}\n`);
  }
}

/** `kubectl describe statefulset`. `pods` are the pods of the set's namespace. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeStatefulSet (v1.32)
export function describeStatefulSet(input: StatefulSet, pods: readonly Pod[], events: readonly KEvent[] | undefined, now: SimTime): string {
  const set = statefulSetWithDefaults(input);
  const spec = set.spec;
  const counts = podStatusCounts(set, pods);
  let selector: string;
  try {
    selector = labelSelectorAsMatcher(spec.selector).text;
  } catch {
    selector = selectorToString(spec.selector);
  }
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${set.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${set.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(set.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    printLabelsMultiline(w, 'Labels', set.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', set.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${set.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed\n`);
    writePodTemplate(spec.template, w, now);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    if (events) describeEvents(events, w, now);
  });
}
