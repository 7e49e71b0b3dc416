/**
 * Building blocks shared by the per-kind validators: field paths as
 * field.Path prints them, FieldError constructors with upstream's value
 * rendering (see gofmt.ts), and the ObjectMeta / label / selector checks of
 * apimachinery (v1.32).
 */
import { deepEqual } from '../../lib/clone';
import type { FieldError } from './errors';
import { goQuote, goStringSlice, labelSelectorGoString } from './gofmt';
import { byteLength, isQualifiedName, isValidLabelValue, nameIsDNSLabel, type NameValidator } from './names';
import type { KObject, LabelSelector, OwnerReference } from './types';

/** A field.Path: `spec.template.spec.containers[0].name`, `spec.resources[storage]`. */
export class Path {
  private constructor(private readonly text: string) {}
  static root(name: string): Path {
    return new Path(name);
  }
  child(...names: string[]): Path {
    return new Path([this.text, ...names].filter((s) => s !== '').join('.'));
  }
  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }
  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}

export type Obj = Record<string, unknown>;
/** The value as a plain object, or undefined for anything else. */
export const asObj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
/** The value as a list, or an empty one. */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The value's text, '' for null and undefined. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export const path = (name: string, ...more: string[]): Path => Path.root(name).child(...more);

// ------------------------------------------------------------------ values, rendered as v1.32 renders them

/** A string (or named string type) value: `"web"`. */
export const vStr = (s: unknown): string => goQuote(s === undefined || s === null ? '' : String(s));
/** An integer value: `-1`. */
export const vInt = (n: unknown): string => (typeof n === 'number' ? String(n) : n === undefined || n === null ? '0' : goQuote(String(n)));

// ------------------------------------------------------------------ constructors (field.Required etc.)

export const required = (p: Path, detail = ''): FieldError => ({ type: 'Required', field: String(p), ...(detail ? { detail } : {}) });
export const invalid = (p: Path, value: string, detail: string): FieldError => ({ type: 'Invalid', field: String(p), value, ...(detail ? { detail } : {}) });
export const forbidden = (p: Path, detail: string): FieldError => ({ type: 'Forbidden', field: String(p), ...(detail ? { detail } : {}) });
export const duplicate = (p: Path, value: string): FieldError => ({ type: 'Duplicate', field: String(p), value });
export const notFound = (p: Path, value: string): FieldError => ({ type: 'NotFound', field: String(p), value });
export const tooLong = (p: Path, max: number): FieldError => ({ type: 'TooLong', field: String(p), detail: `must have at most ${max} bytes` });

/** field.NotSupported: `Unsupported value: "X": supported values: "A", "B"`. */
export function notSupported(p: Path, value: string, valid: readonly string[]): FieldError {
  const e: FieldError = { type: 'Unsupported', field: String(p), value };
  if (valid.length) e.detail = `supported values: ${valid.map((v) => goQuote(v)).join(', ')}`;
  return e;
}

/** apimachineryvalidation.FieldImmutableErrorMsg */
export const FIELD_IMMUTABLE = 'field is immutable';

// Behaviour of pkg/apis/core/validation/validation.go ValidateNonnegativeField (v1.32)
export function nonNegative(value: unknown, p: Path): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(p, vInt(value), 'must be greater than or equal to 0')] : [];
}

// Behaviour of pkg/apis/core/validation/validation.go ValidateDNS1123Label (v1.32)
export function dns1123Label(value: string, p: Path, check: (v: string) => string[]): FieldError[] {
  return check(value).map((m) => invalid(p, vStr(value), m));
}

/** Drops repeated messages, as field.ErrorList.ToAggregate does before the Status message is built. */
export function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = JSON.stringify([e.type, e.field, e.value ?? null, e.detail ?? null]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ------------------------------------------------------------------ labels, annotations, selectors

const asStr = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

// Behaviour of staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabels (v1.32)
export function validateLabels(labels: Record<string, unknown> | undefined | null, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels || typeof labels !== 'object') return errs;
  for (const k of Object.keys(labels).sort()) {
    for (const m of isQualifiedName(k)) errs.push(invalid(p, vStr(k), m));
    const v = asStr(labels[k]);
    for (const m of isValidLabelValue(v)) errs.push(invalid(p, vStr(v), m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10);

// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateAnnotations (v1.32)
export function validateAnnotations(annotations: Record<string, unknown> | undefined | null, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations || typeof annotations !== 'object') return errs;
  let size = 0;
  for (const k of Object.keys(annotations).sort()) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(p, vStr(k), m));
    size += byteLength(k) + byteLength(asStr(annotations[k]));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(p, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabelSelector (v1.32)
export function validateLabelSelector(sel: LabelSelector | undefined | null, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels, p.child('matchLabels')));
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const rp = p.child('matchExpressions').index(i);
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(rp.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(rp.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(rp.child('operator'), vStr(r.operator), 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(asStr(r.key))) errs.push(invalid(rp.child('key'), vStr(r.key), m));
    values.forEach((v, vi) => {
      for (const m of isValidLabelValue(asStr(v))) errs.push(invalid(rp.child('values').index(vi), vStr(v), m));
    });
  });
  return errs;
}

/** Whether metav1.LabelSelectorAsSelector would fail for this selector. */
export function selectorConversionFails(sel: LabelSelector | undefined | null): boolean {
  if (!sel) return false;
  const ml = sel.matchLabels ?? {};
  for (const k of Object.keys(ml)) if (isQualifiedName(k).length || isValidLabelValue(asStr(ml[k])).length) return true;
  for (const r of sel.matchExpressions ?? []) {
    const values = r.values ?? [];
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator)) return true;
    if (isQualifiedName(asStr(r.key)).length) return true;
    if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) return true;
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) return true;
    if (values.some((v) => isValidLabelValue(asStr(v)).length > 0)) return true;
  }
  return false;
}

export { labelSelectorGoString };

// ------------------------------------------------------------------ ObjectMeta

// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateOwnerReferences (v1.32)
function validateOwnerReferences(refs: OwnerReference[] | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = asStr(ref.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(invalid(p.child('apiVersion'), vStr(apiVersion), 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(p.child('kind'), vStr(ref.kind), 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(p.child('name'), vStr(ref.name), 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(p.child('uid'), vStr(ref.uid), 'uid must not be empty'));
    if (ref.controller === true) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(invalid(p, ownerRefsGoString(refs ?? []), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else firstController = cur;
    }
  }
  return errs;
}

function ownerRefsGoString(refs: OwnerReference[]): string {
  const b = (v: boolean | undefined) => (v === undefined ? '(*bool)(nil)' : `(*bool)(0xc000a1b2c0)`);
  return `[]v1.OwnerReference{${refs
    .map((r) => `v1.OwnerReference{APIVersion:${goQuote(asStr(r.apiVersion))}, Kind:${goQuote(asStr(r.kind))}, Name:${goQuote(asStr(r.name))}, UID:${goQuote(asStr(r.uid))}, Controller:${b(r.controller)}, BlockOwnerDeletion:${b(r.blockOwnerDeletion)}}`)
    .join(', ')}}`;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateFinalizers (v1.32)
function validateFinalizers(finalizers: string[] | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) for (const m of isQualifiedName(asStr(f))) errs.push(invalid(p, vStr(f), m));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(p, goStringSlice(list), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor (v1.32)
export function validateObjectMeta(obj: KObject, namespaced: boolean, nameFn: NameValidator, p: Path = path('metadata')): FieldError[] {
  const meta = obj.metadata ?? {};
  const errs: FieldError[] = [];
  const generateName = asStr(meta.generateName);
  if (generateName) for (const m of nameFn(generateName, true)) errs.push(invalid(p.child('generateName'), vStr(generateName), m));
  const name = asStr(meta.name);
  if (!name) errs.push(required(p.child('name'), 'name or generateName is required'));
  else for (const m of nameFn(name, false)) errs.push(invalid(p.child('name'), vStr(name), m));
  const ns = asStr(meta.namespace);
  if (namespaced) {
    if (!ns) errs.push(required(p.child('namespace')));
    else for (const m of nameIsDNSLabel(ns, false)) errs.push(invalid(p.child('namespace'), vStr(ns), m));
  } else if (ns) {
    errs.push(forbidden(p.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...nonNegative(meta.generation, p.child('generation')));
  errs.push(...validateLabels(meta.labels, p.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, p.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, p.child('finalizers')));
  return errs;
}

// Behaviour of staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMetaAccessorUpdate (v1.32)
export function validateObjectMetaUpdate(obj: KObject, old: KObject, p: Path = path('metadata')): FieldError[] {
  const m = obj.metadata ?? {};
  const o = old.metadata ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const oldF = new Set(o.finalizers ?? []);
    const added = (m.finalizers ?? []).filter((f) => !oldF.has(f));
    if (added.length) errs.push(forbidden(p.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`));
  }
  if (typeof m.generation === 'number' && typeof o.generation === 'number' && m.generation < o.generation) {
    errs.push(invalid(p.child('generation'), vInt(m.generation), 'must not be decremented'));
  }
  const immutable: [keyof typeof m, (v: unknown) => string][] = [
    ['name', vStr],
    ['namespace', vStr],
    ['uid', vStr],
  ];
  for (const [k, render] of immutable) {
    if (asStr(m[k]) !== asStr(o[k])) errs.push(invalid(p.child(String(k)), render(m[k]), FIELD_IMMUTABLE));
  }
  errs.push(...validateLabels(m.labels, p.child('labels')));
  errs.push(...validateAnnotations(m.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, p.child('ownerReferences')));
  return errs;
}

/** apimachineryvalidation.ValidateImmutableField with a pre-rendered value. */
export function immutableField(newVal: unknown, oldVal: unknown, p: Path, rendered: string): FieldError[] {
  return deepEqual(newVal ?? null, oldVal ?? null) ? [] : [invalid(p, rendered, FIELD_IMMUTABLE)];
}
