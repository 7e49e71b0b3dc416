/**
 * apps/v1 validation: StatefulSet and ControllerRevision, with the messages
 * of pkg/apis/apps/validation/validation.go at v1.32.
 *
 * Note (v1.32): the StatefulSet's pod template spec itself is NOT validated
 * here (an upstream TODO); a bad container shows up later as FailedCreate
 * events when the controller creates pods. revisionHistoryLimit is not
 * validated either (kubernetes#129017 landed in v1.33).
 */
import type { FieldError } from './errors';
import { goBytes, goJSON, goMapStringString, goPtr, goQuote } from './gofmt';
import { labelSelectorAsMatcher } from './labels';
import { isValidPercent, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { semanticEqual } from './semantic';
import type { KObject, LabelSelector } from './types';
import {
  FIELD_IMMUTABLE,
  forbidden,
  invalid,
  labelSelectorGoString,
  nonNegative,
  notSupported,
  path,
  required,
  selectorConversionFails,
  validateAnnotations,
  validateLabels,
  validateLabelSelector,
  validateObjectMeta,
  validateObjectMetaUpdate,
  vStr,
  type Path,
  type Obj,
  asObj,
} from './vcommon';


/** intstr.IntOrString.String(): the text for strings, the decimal for ints (used because *IntOrString is a Stringer). */
function intOrStringText(v: unknown): string {
  return typeof v === 'string' ? v : String(typeof v === 'number' ? Math.trunc(v) : 0);
}

/** getIntOrPercentValue: the percent number for a valid percent, else IntValue() (Atoi of a string, 0 when it fails). */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  const s = String(v);
  if (isValidPercent(s).length === 0) return Number(s.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : 0;
}

function rollingUpdateGoString(ru: Obj): string {
  const mu = ru['maxUnavailable'];
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${typeof ru['partition'] === 'number' ? ru['partition'] : 0}, MaxUnavailable:${goPtr('intstr.IntOrString', mu === undefined || mu === null)}}`;
}

function updateStrategyGoString(us: Obj): string {
  const ru = us['rollingUpdate'];
  return `apps.StatefulSetUpdateStrategy{Type:${goQuote(String(us['type'] ?? ''))}, RollingUpdate:${goPtr('apps.RollingUpdateStatefulSetStrategy', ru === undefined || ru === null)}}`;
}

// Behaviour of pkg/apis/apps/validation/validation.go validateRollingUpdateStatefulSet (v1.32)
function validateRollingUpdate(ru: Obj, p: Path): FieldError[] {
  const errs = nonNegative(ru['partition'], p.child('partition'));
  const mu = ru['maxUnavailable'];
  if (mu !== undefined && mu !== null) {
    const mp = p.child('maxUnavailable');
    const text = intOrStringText(mu);
    // ValidatePositiveIntOrPercent
    if (typeof mu === 'string') for (const m of isValidPercent(mu)) errs.push(invalid(mp, text, m));
    else errs.push(...nonNegative(mu, mp));
    if (intOrPercentValue(mu) === 0) errs.push(invalid(mp, text, 'cannot be 0'));
    // IsNotMoreThan100Percent
    if (typeof mu === 'string' && isValidPercent(mu).length === 0 && Number(mu.slice(0, -1)) > 100) errs.push(invalid(mp, text, 'must not be greater than 100%'));
  }
  return errs;
}

// Behaviour of pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForStatefulSet (v1.32)
function validateTemplate(template: Obj | undefined, selector: LabelSelector | undefined | null, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const meta = asObj(template?.['metadata']) ?? {};
  const labels = (asObj(meta['labels']) ?? undefined) as Record<string, string> | undefined;
  const matcher = labelSelectorAsMatcher(selector);
  // A nil selector is "nothing" (not empty), so it never matches: a missing selector yields this error too.
  const emptySelector = !matcher.nothing && matcher.requirements.length === 0;
  if (!emptySelector && !matcher(labels ?? {})) {
    errs.push(invalid(p.child('metadata', 'labels'), goMapStringString(labels), '`selector` does not match template `labels`'));
  }
  // Upstream validates the template's labels and annotations at `spec.template.labels` / `.annotations`.
  errs.push(...validateLabels(labels, p.child('labels')));
  errs.push(...validateAnnotations(asObj(meta['annotations']), p.child('annotations')));
  return errs;
}

// Behaviour of pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec (v1.32)
export function validateStatefulSetSpec(spec: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec['podManagementPolicy'];
  if (pmp === undefined || pmp === null || pmp === '') errs.push(required(p.child('podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid(p.child('podManagementPolicy'), vStr(pmp), "must be 'OrderedReady' or 'Parallel'"));

  const us = asObj(spec['updateStrategy']) ?? {};
  const ru = asObj(us['rollingUpdate']);
  switch (us['type']) {
    case undefined:
    case null:
    case '':
      errs.push(required(p.child('updateStrategy')));
      break;
    case 'OnDelete':
      if (ru) errs.push(invalid(p.child('updateStrategy', 'rollingUpdate'), rollingUpdateGoString(ru), "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (ru) errs.push(...validateRollingUpdate(ru, p.child('updateStrategy', 'rollingUpdate')));
      break;
    default:
      errs.push(invalid(p.child('updateStrategy'), updateStrategyGoString(us), "must be 'RollingUpdate' or 'OnDelete'"));
  }

  const pol = asObj(spec['persistentVolumeClaimRetentionPolicy']);
  if (pol) {
    for (const k of ['whenDeleted', 'whenScaled']) {
      const v = pol[k];
      if (v !== 'Retain' && v !== 'Delete') errs.push(notSupported(p.child('persistentVolumeClaimRetentionPolicy', k), vStr(v), ['Retain', 'Delete']));
    }
  }

  errs.push(...nonNegative(spec['replicas'], p.child('replicas')));
  errs.push(...nonNegative(spec['minReadySeconds'], p.child('minReadySeconds')));
  const ordinals = asObj(spec['ordinals']);
  if (ordinals) errs.push(...nonNegative(ordinals['start'], p.child('ordinals.start')));

  const sel = spec['selector'] as LabelSelector | undefined | null;
  if (sel === undefined || sel === null) {
    errs.push(required(p.child('selector')));
  } else {
    errs.push(...validateLabelSelector(sel, p.child('selector')));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push(invalid(p.child('selector'), labelSelectorGoString(sel), 'empty selector is invalid for statefulset'));
    }
  }
  if (selectorConversionFails(sel)) errs.push(invalid(p.child('selector'), labelSelectorGoString(sel), ''));
  else errs.push(...validateTemplate(asObj(spec['template']), sel, p.child('template')));

  const podSpec = asObj(asObj(spec['template'])?.['spec']) ?? {};
  if (podSpec['restartPolicy'] !== 'Always') errs.push(notSupported(p.child('template', 'spec', 'restartPolicy'), vStr(podSpec['restartPolicy']), ['Always']));
  if (podSpec['activeDeadlineSeconds'] !== undefined && podSpec['activeDeadlineSeconds'] !== null) {
    errs.push(forbidden(p.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

// Behaviour of pkg/apis/apps/validation/validation.go ValidateStatefulSet (v1.32)
export function validateStatefulSet(obj: KObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSLabel), ...validateStatefulSetSpec(asObj(obj['spec']) ?? {}, path('spec'))];
}

/** The v1.32 message; v1.33+ also lists 'revisionHistoryLimit'. */
export const STATEFULSET_FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** apps.StatefulSetSpec fields outside the allowed list: replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy, minReadySeconds. */
const STATEFULSET_IMMUTABLE = ['selector', 'volumeClaimTemplates', 'serviceName', 'podManagementPolicy', 'revisionHistoryLimit'];

// Behaviour of pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate (v1.32)
export function validateStatefulSetUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj, old);
  const spec = asObj(obj['spec']) ?? {};
  errs.push(...validateStatefulSetSpec(spec, path('spec')));
  const oldSpec = asObj(old['spec']) ?? {};
  // Only fields of apps.StatefulSetSpec take part; unknown fields are dropped by decoding upstream.
  const a: Obj = {};
  const b: Obj = {};
  for (const k of STATEFULSET_IMMUTABLE) {
    a[k] = spec[k];
    b[k] = oldSpec[k];
  }
  if (!semanticEqual(a, b)) errs.push(forbidden(path('spec'), STATEFULSET_FORBIDDEN_UPDATE));
  return errs;
}

// ------------------------------------------------------------------ ControllerRevision

function revisionDataGoString(data: unknown): string {
  return `runtime.Unknown{TypeMeta:runtime.TypeMeta{APIVersion:"", Kind:""}, Raw:${goBytes(goJSON(data))}, ContentEncoding:"", ContentType:""}`;
}

// Behaviour of pkg/apis/apps/validation/validation.go ValidateControllerRevision (v1.32)
export function validateControllerRevision(obj: KObject): FieldError[] {
  const errs = validateObjectMeta(obj, true, nameIsDNSSubdomain);
  if (obj['data'] === undefined || obj['data'] === null) errs.push(required(path('data'), 'data is mandatory'));
  errs.push(...nonNegative(obj['revision'], path('revision')));
  return errs;
}

// Behaviour of pkg/apis/apps/validation/validation.go ValidateControllerRevisionUpdate (v1.32)
export function validateControllerRevisionUpdate(obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj, old);
  errs.push(...validateControllerRevision(obj));
  if (!semanticEqual(obj['data'], old['data'])) errs.push(invalid(path('data'), revisionDataGoString(obj['data']), FIELD_IMMUTABLE));
  return errs;
}

