/**
 * The PersistentVolumeClaim fields shared by `describe pvc` and inline
 * ephemeral volume claim templates.
 */
import { formatQuantity } from '../../engine/api/quantity';
import type { SimTime } from '../../engine/clock/clock';
import { accessModesAsString, claimClass, goSlice, printAnnotationsMultiline, printLabelsMultiline, timestampSince } from './format';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));

export interface ClaimLike {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[]; deletionTimestamp?: string };
  spec?: Rec;
  status?: Rec;
}

/** Quantity.String() of a storage value, "0" when it is missing (Go's zero Quantity). */
function storageString(list: unknown): string {
  if (!isRec(list) || list['storage'] === undefined) return '0';
  return formatQuantity(list['storage'] as string);
}

/**
 * printPersistentVolumeClaim: a full claim prints Name/Namespace/Status/
 * Finalizers too; a template (isFull false) skips them.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go printPersistentVolumeClaim (v1.32)
export function printPersistentVolumeClaim(w: PrefixWriter, pvc: ClaimLike, isFull: boolean, now: SimTime): void {
  const spec = isRec(pvc.spec) ? pvc.spec : {};
  const status = isRec(pvc.status) ? pvc.status : {};
  if (isFull) {
    w.write(LEVEL_0, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata?.namespace ?? ''}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${claimClass(pvc as Parameters<typeof claimClass>[0])}\n`);
  if (isFull) {
    if (pvc.metadata?.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${timestampSince(pvc.metadata.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${str(status['phase'])}\n`);
  }
  const volumeName = str(spec['volumeName']);
  w.write(LEVEL_0, `Volume:\t${volumeName}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
  if (isFull) w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata?.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (volumeName !== '') {
    accessModes = accessModesAsString(status['accessModes'] as string[] | undefined);
    capacity = storageString(status['capacity']);
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (spec['volumeMode'] !== undefined && spec['volumeMode'] !== null) w.write(LEVEL_0, `VolumeMode:\t${str(spec['volumeMode'])}\n`);
  const ds = spec['dataSource'];
  if (isRec(ds)) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (ds['apiGroup'] !== undefined && ds['apiGroup'] !== null) w.write(LEVEL_1, `APIGroup:\t${str(ds['apiGroup'])}\n`);
    w.write(LEVEL_1, `Kind:\t${str(ds['kind'])}\n`);
    w.write(LEVEL_1, `Name:\t${str(ds['name'])}\n`);
  }
}
