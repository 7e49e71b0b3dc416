/**
 * Per-kind validation dispatch: what each registry strategy's Validate and
 * ValidateUpdate run (v1.32). Errors are de-duplicated as ToAggregate does.
 */
import type { FieldError } from './errors';
import { nameIsDNSSubdomain } from './names';
import type { KObject } from './types';
import { validateControllerRevision, validateControllerRevisionUpdate, validateStatefulSet, validateStatefulSetUpdate } from './validation-apps';
import {
  validateEndpoints,
  validateEvent,
  validateNamespace,
  validateNode,
  validatePod,
  validatePodUpdate,
  validateService,
  validateServiceUpdate,
} from './validation-core';
import { validatePV, validatePVC, validatePVCUpdate, validatePVUpdate, validateStorageClass, validateStorageClassUpdate } from './validation-storage';
import { dedupe, validateObjectMeta, validateObjectMetaUpdate } from './vcommon';

export function validateObjectCreate(obj: KObject): FieldError[] {
  switch (obj.kind) {
    case 'StatefulSet':
      return dedupe(validateStatefulSet(obj));
    case 'ControllerRevision':
      return dedupe(validateControllerRevision(obj));
    case 'Pod':
      return dedupe(validatePod(obj));
    case 'Service':
      return dedupe(validateService(obj));
    case 'PersistentVolumeClaim':
      return dedupe(validatePVC(obj));
    case 'PersistentVolume':
      return dedupe(validatePV(obj));
    case 'StorageClass':
      return dedupe(validateStorageClass(obj));
    case 'Namespace':
      return dedupe(validateNamespace(obj));
    case 'Node':
      return dedupe(validateNode(obj));
    case 'Endpoints':
      return dedupe(validateEndpoints(obj));
    case 'Event':
      return dedupe(validateEvent(obj));
    default:
      return dedupe(validateObjectMeta(obj, obj.metadata?.namespace !== undefined, nameIsDNSSubdomain));
  }
}

export function validateObjectUpdate(obj: KObject, old: KObject): FieldError[] {
  switch (obj.kind) {
    case 'StatefulSet':
      return dedupe(validateStatefulSetUpdate(obj, old));
    case 'ControllerRevision':
      return dedupe(validateControllerRevisionUpdate(obj, old));
    case 'Pod':
      return dedupe(validatePodUpdate(obj, old));
    case 'Service':
      return dedupe(validateServiceUpdate(obj, old));
    case 'PersistentVolumeClaim':
      return dedupe(validatePVCUpdate(obj, old));
    case 'PersistentVolume':
      return dedupe(validatePVUpdate(obj, old));
    case 'StorageClass':
      return dedupe([...validateStorageClass(obj), ...validateStorageClassUpdate(obj, old)]);
    case 'Namespace':
      return dedupe([...validateNamespace(obj), ...validateObjectMetaUpdate(obj, old)]);
    case 'Node':
      return dedupe([...validateNode(obj), ...validateObjectMetaUpdate(obj, old)]);
    case 'Endpoints':
      return dedupe([...validateEndpoints(obj), ...validateObjectMetaUpdate(obj, old)]);
    case 'Event':
      return dedupe(validateEvent(obj));
    default:
      return dedupe(validateObjectMetaUpdate(obj, old));
  }
}
