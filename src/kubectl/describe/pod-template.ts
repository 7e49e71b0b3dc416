/**
 * The "Pod Template:" block, shared by `describe statefulset` and
 * `rollout history --revision=N`.
 */
import type { Container, PodTemplateSpec } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { describeContainers } from './containers';
import { templateWithDefaults } from './defaults';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, type Toleration } from './format';
import { describeTopologySpreadConstraints } from './topology';
import { describeVolumes } from './volumes';
import { LEVEL_0, LEVEL_1, rawString, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;

/** DescribePodTemplate, writing into `w`. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go DescribePodTemplate (v1.32)
export function writePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter, now: SimTime): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (Object.keys(meta.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  const sa = spec['serviceAccountName'];
  if (typeof sa === 'string' && sa.length > 0) w.write(LEVEL_1, `Service Account:\t${sa}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers as Container[], undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers, undefined, undefined, w, '  ');
  describeVolumes(spec.volumes as Rec[] | undefined, w, '  ', now);
  describeTopologySpreadConstraints(spec['topologySpreadConstraints'], w, '  ');
  const pcn = spec['priorityClassName'];
  if (typeof pcn === 'string' && pcn.length > 0) w.write(LEVEL_1, `Priority Class Name:\t${pcn}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec['tolerations'] as Toleration[] | undefined);
}

/**
 * The pod template exactly as `kubectl rollout history sts/NAME --revision=N`
 * prints it: upstream's printTemplate runs DescribePodTemplate into a plain
 * buffer, not a tab writer, so the text keeps its raw tab characters
 * ("  Labels:\tapp=nginx"). Ends with a newline; kubectl's name printer adds
 * one more after it.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go printTemplate (v1.32)
export function describePodTemplate(template: Record<string, unknown>): string {
  const t = templateWithDefaults(template);
  // the template block prints no times, so the clock value is irrelevant
  return rawString((w) => writePodTemplate(t, w, 0 as SimTime));
}
