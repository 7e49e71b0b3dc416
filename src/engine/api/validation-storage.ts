/**
 * Validation of PersistentVolumeClaim, PersistentVolume (core/v1) and
 * StorageClass (storage.k8s.io/v1) with the messages of
 * pkg/apis/core/validation and pkg/apis/storage/validation at v1.32.
 */
import { deepCopy, deepEqual } from '../../lib/clone';
import type { FieldError } from './errors';
import { goQuote } from './gofmt';
import { cmpDiff, PV_SOURCE_FIELDS, PVC_SPEC_FIELDS } from './godiff';
import { byteLength, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names';
import { compareQuantity, isValidQuantity, parseQuantity, quantityText } from './quantity';
import { semanticEqual } from './semantic';
import type { KObject } from './types';
import {
  FIELD_IMMUTABLE,
  forbidden,
  invalid,
  notSupported,
  path,
  required,
  tooLong,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  vStr,
  type Path,
  type Obj,
  asObj,
  asList,
  str,
} from './vcommon';


const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';


// Behaviour of pkg/apis/core/validation/validation.go ValidatePositiveQuantityValue (v1.32)
function positiveQuantity(v: unknown, p: Path): FieldError[] {
  if (!isValidQuantity(v)) return [];
  return parseQuantity(v as string).nanos <= 0n ? [invalid(p, vStr(quantityText(v)), 'must be greater than zero')] : [];
}

function validateAccessModes(modes: unknown[], p: Path): FieldError[] {
  const errs: FieldError[] = [];
  let rwop = false;
  let other = false;
  for (const m of modes) {
    const s = str(m);
    if (!ACCESS_MODES.includes(s)) errs.push(notSupported(p, vStr(s), ACCESS_MODES));
    if (s === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(s)) other = true;
  }
  if (rwop && other) errs.push(forbidden(p, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

// ====================================================================== PersistentVolumeClaim

// Behaviour of pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimSpec (v1.32)
export function validatePVCSpec(spec: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const modes = asList(spec['accessModes']);
  if (modes.length === 0) errs.push(required(p.child('accessModes'), 'at least 1 access mode is required'));
  if (spec['selector']) errs.push(...validateLabelSelector(asObj(spec['selector']) as never, p.child('selector')));
  errs.push(...validateAccessModes(modes, p.child('accessModes')));
  const storagePath = p.child('resources').key('storage');
  const requests = asObj(asObj(spec['resources'])?.['requests']) ?? {};
  if (requests['storage'] === undefined || requests['storage'] === null) errs.push(required(storagePath));
  else errs.push(...positiveQuantity(requests['storage'], storagePath));
  const sc = spec['storageClassName'];
  if (typeof sc === 'string' && sc.length > 0) for (const m of isDNS1123Subdomain(sc)) errs.push(invalid(p.child('storageClassName'), vStr(sc), m));
  const vm = spec['volumeMode'];
  if (vm !== undefined && vm !== null && !VOLUME_MODES.includes(str(vm))) errs.push(notSupported(p.child('volumeMode'), vStr(vm), VOLUME_MODES));
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaim (v1.32)
export function validatePVC(obj: KObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validatePVCSpec(asObj(obj['spec']) ?? {}, path('spec'))];
}

export const PVC_SPEC_IMMUTABLE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

// Behaviour of pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate (v1.32)
export function validatePVCUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj, old);
  errs.push(...validatePVC(obj));
  const spec = asObj(obj['spec']) ?? {};
  const oldSpec = asObj(old['spec']) ?? {};
  const newClone = deepCopy(spec);
  const oldClone = deepCopy(oldSpec);
  // The PV controller may set volumeName once.
  if (!str(oldSpec['volumeName'])) oldClone['volumeName'] = newClone['volumeName'];

  const newAnn = obj.metadata?.annotations ?? {};
  const oldAnn = old.metadata?.annotations ?? {};
  const oldSc = oldSpec['storageClassName'];
  const newSc = spec['storageClassName'];
  const oldBeta = oldAnn[BETA_STORAGE_CLASS];
  const newBeta = newAnn[BETA_STORAGE_CLASS];
  const upgradeFromAnnotation = oldBeta !== undefined && newBeta !== undefined && oldBeta === newBeta && (oldSc === undefined || oldSc === null) && newSc === oldBeta;
  if (upgradeFromAnnotation) {
    delete newClone['storageClassName'];
  } else {
    if ((oldBeta ?? '') !== (newBeta ?? '')) errs.push(invalid(path('metadata', 'annotations', BETA_STORAGE_CLASS), vStr(newBeta), FIELD_IMMUTABLE));
    // Retroactive default StorageClass assignment (GA in v1.28): nil may become a class name.
    if (oldBeta === undefined && (oldSc === undefined || oldSc === null || oldSc === '') && typeof newSc === 'string' && newSc.length > 0) delete newClone['storageClassName'];
  }

  const phase = asObj(obj['status'])?.['phase'];
  const newReq = asObj(asObj(newClone['resources'])?.['requests']);
  const oldReqStorage = asObj(asObj(oldSpec['resources'])?.['requests'])?.['storage'];
  if (phase === 'Bound' && newReq) {
    if (oldReqStorage === undefined) delete newReq['storage'];
    else newReq['storage'] = oldReqStorage;
  }
  if (!semanticEqual(newClone, oldClone)) {
    errs.push(forbidden(path('spec'), `${PVC_SPEC_IMMUTABLE}\n${cmpDiff('core.PersistentVolumeClaimSpec', PVC_SPEC_FIELDS, oldClone, newClone)}`));
  }
  const newSize = asObj(asObj(spec['resources'])?.['requests'])?.['storage'];
  if (isValidQuantity(newSize) && isValidQuantity(oldReqStorage) && compareQuantity(newSize as string, oldReqStorage as string) < 0) {
    errs.push(forbidden(path('spec', 'resources', 'requests', 'storage'), 'field can not be less than previous value'));
  }
  if ((spec['volumeMode'] ?? null) !== (oldSpec['volumeMode'] ?? null)) {
    errs.push(invalid(path('volumeMode'), spec['volumeMode'] === undefined || spec['volumeMode'] === null ? 'null' : vStr(spec['volumeMode']), FIELD_IMMUTABLE));
  }
  return errs;
}

// ====================================================================== PersistentVolume

const PV_SOURCES_IN_VALIDATION_ORDER = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi', 'cinder', 'fc',
  'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'scaleIO', 'local', 'storageos', 'csi',
];

/** %#v of a core.ResourceList (approximate for non-empty lists: quantity internals are rendered from the value). */
function resourceListGoString(list: unknown): string {
  const m = asObj(list);
  if (list === undefined || list === null) return 'core.ResourceList(nil)';
  const keys = Object.keys(m ?? {}).sort();
  const items = keys.map((k) => {
    const v = (m as Obj)[k];
    let value = 0n;
    let scale = 0;
    let format = 'DecimalSI';
    if (isValidQuantity(v)) {
      const q = parseQuantity(v as string);
      format = q.format;
      value = q.nanos;
      scale = -9;
      while (value !== 0n && value % 10n === 0n) {
        value /= 10n;
        scale++;
      }
    }
    return `${goQuote(k)}:resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:${goQuote(format)}}`;
  });
  return `core.ResourceList{${items.join(', ')}}`;
}

function hasBacksteps(p: string): boolean {
  return p.split('/').includes('..');
}

// Behaviour of pkg/apis/core/validation/validation.go ValidatePersistentVolumeSpec (v1.32)
export function validatePVSpec(spec: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const modes = asList(spec['accessModes']);
  if (modes.length === 0) errs.push(required(p.child('accessModes')));
  errs.push(...validateAccessModes(modes, p.child('accessModes')));
  const capacity = spec['capacity'];
  const capKeys = Object.keys(asObj(capacity) ?? {});
  if (capKeys.length === 0) errs.push(required(p.child('capacity')));
  if (!capKeys.includes('storage') || capKeys.length > 1) errs.push(notSupported(p.child('capacity'), resourceListGoString(capacity), ['storage']));
  for (const k of capKeys.sort()) errs.push(...positiveQuantity((capacity as Obj)[k], p.child('capacity').key(k)));
  const sc = str(spec['storageClassName']);
  if (sc) for (const m of isDNS1123Subdomain(sc)) errs.push(invalid(p.child('storageClassName'), vStr(sc), m));
  const vm = spec['volumeMode'];
  if (vm !== undefined && vm !== null && !VOLUME_MODES.includes(str(vm))) errs.push(notSupported(p.child('volumeMode'), vStr(vm), VOLUME_MODES));
  const rp = str(spec['persistentVolumeReclaimPolicy']);
  if (rp && !['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(notSupported(p.child('persistentVolumeReclaimPolicy'), vStr(rp), ['Delete', 'Recycle', 'Retain']));
  const nodeAffinity = asObj(spec['nodeAffinity']);
  const nodeAffinitySpecified = !!nodeAffinity && !!asObj(nodeAffinity['required']);

  let n = 0;
  for (const src of PV_SOURCES_IN_VALIDATION_ORDER) {
    const v = spec[src];
    if (v === undefined || v === null) continue;
    const sp = p.child(src);
    if (n > 0) {
      errs.push(forbidden(sp, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const o = asObj(v) ?? {};
    if (src === 'hostPath') {
      const hp = str(o['path']);
      if (!hp) errs.push(required(sp.child('path')));
      else {
        if (hasBacksteps(hp)) errs.push(invalid(sp.child('path'), vStr(hp), "must not contain '..'"));
        const t = str(o['type']);
        const types = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
        if (!types.includes(t)) errs.push(notSupported(sp.child('type'), vStr(t), types));
      }
    } else if (src === 'nfs') {
      if (!str(o['server'])) errs.push(required(sp.child('server')));
      const np = str(o['path']);
      if (!np) errs.push(required(sp.child('path')));
      if (!np.startsWith('/')) errs.push(invalid(sp.child('path'), vStr(np), 'must be an absolute path'));
    } else if (src === 'local') {
      const lp = str(o['path']);
      if (!lp) errs.push(required(sp.child('path')));
      else if (hasBacksteps(lp)) errs.push(invalid(sp.child('path'), vStr(lp), "must not contain '..'"));
      if (!nodeAffinitySpecified) errs.push(required(p.child('nodeAffinity'), 'Local volume requires node affinity'));
    } else if (src === 'csi') {
      const driver = str(o['driver']);
      if (!driver) errs.push(required(sp.child('driver')));
      if (byteLength(driver) > 63) errs.push({ type: 'TooLong', field: String(sp.child('driver')), detail: 'must have at most 63 bytes' });
      if (driver) for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push(invalid(sp.child('driver'), vStr(driver), m));
      if (!str(o['volumeHandle'])) errs.push(required(sp.child('volumeHandle')));
    }
  }
  if (n === 0) errs.push(required(p, 'must specify a volume type'));
  const hp = asObj(spec['hostPath']);
  if (hp && str(hp['path']).replace(/\/+$/, '') === '' && str(hp['path']).startsWith('/') && rp === 'Recycle') {
    errs.push(forbidden(p.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  return errs;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidatePersistentVolume (v1.32)
export function validatePV(obj: KObject): FieldError[] {
  return [...validateObjectMeta(obj, false, nameIsDNSSubdomain), ...validatePVSpec(asObj(obj['spec']) ?? {}, path('spec'))];
}

function pvSource(spec: Obj): Obj {
  const out: Obj = {};
  for (const k of PV_SOURCES_IN_VALIDATION_ORDER) if (spec[k] !== undefined) out[k] = spec[k];
  return out;
}

// Behaviour of pkg/apis/core/validation/validation.go ValidatePersistentVolumeUpdate (v1.32)
export function validatePVUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj, old);
  errs.push(...validatePV(obj));
  const spec = asObj(obj['spec']) ?? {};
  const oldSpec = asObj(old['spec']) ?? {};
  const a = pvSource(oldSpec);
  const b = pvSource(spec);
  if (!semanticEqual(a, b)) {
    errs.push(forbidden(path('spec', 'persistentvolumesource'), `spec.persistentvolumesource is immutable after creation\n${cmpDiff('core.PersistentVolumeSource', PV_SOURCE_FIELDS, a, b)}`));
  }
  if ((spec['volumeMode'] ?? null) !== (oldSpec['volumeMode'] ?? null)) {
    errs.push(invalid(path('volumeMode'), spec['volumeMode'] === undefined || spec['volumeMode'] === null ? 'null' : vStr(spec['volumeMode']), FIELD_IMMUTABLE));
  }
  return errs;
}

// ====================================================================== StorageClass

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * (1 << 10);

// Behaviour of pkg/apis/storage/validation/validation.go ValidateStorageClass (v1.32)
export function validateStorageClass(obj: KObject): FieldError[] {
  const errs = validateObjectMeta(obj, false, nameIsDNSSubdomain);
  const provisioner = str(obj['provisioner']);
  if (!provisioner) errs.push(required(path('provisioner')));
  else {
    const lower = provisioner.toLowerCase();
    for (const m of isQualifiedName(lower)) errs.push(invalid(path('provisioner'), vStr(lower), m));
  }
  const params = asObj(obj['parameters']) ?? {};
  const keys = Object.keys(params);
  if (keys.length > MAX_PARAMETERS) errs.push(tooLong(path('parameters'), MAX_PARAMETERS));
  else {
    let size = 0;
    for (const k of keys.sort()) {
      if (k.length < 1) errs.push(invalid(path('parameters'), vStr(k), 'field can not be empty.'));
      size += byteLength(k) + byteLength(str(params[k]));
    }
    if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong(path('parameters'), MAX_PARAMETERS_SIZE));
  }
  const rp = str(obj['reclaimPolicy']);
  if (rp && rp !== 'Delete' && rp !== 'Retain') errs.push(notSupported(path('reclaimPolicy'), vStr(rp), ['Delete', 'Retain']));
  const mode = obj['volumeBindingMode'];
  if (mode === undefined || mode === null) errs.push(required(path('volumeBindingMode')));
  else if (mode !== 'Immediate' && mode !== 'WaitForFirstConsumer') errs.push(notSupported(path('volumeBindingMode'), vStr(mode), ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

// Behaviour of pkg/apis/storage/validation/validation.go ValidateStorageClassUpdate (v1.32)
export function validateStorageClassUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj, old);
  // reflect.DeepEqual: a nil map differs from an empty one.
  if (!deepEqual(obj['parameters'] ?? null, old['parameters'] ?? null)) errs.push(forbidden(path('parameters'), 'updates to parameters are forbidden.'));
  if (str(obj['provisioner']) !== str(old['provisioner'])) errs.push(forbidden(path('provisioner'), 'updates to provisioner are forbidden.'));
  if (str(obj['reclaimPolicy']) !== str(old['reclaimPolicy'])) errs.push(forbidden(path('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if ((obj['volumeBindingMode'] ?? null) !== (old['volumeBindingMode'] ?? null)) {
    errs.push(invalid(path('volumeBindingMode'), obj['volumeBindingMode'] === undefined || obj['volumeBindingMode'] === null ? 'null' : vStr(obj['volumeBindingMode']), FIELD_IMMUTABLE));
  }
  return errs;
}
