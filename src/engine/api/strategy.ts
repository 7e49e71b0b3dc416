/**
 * Per-kind API server behaviour: defaulting on create/update and validation
 * with the API server's exact field errors (v1.32). The apiserver calls these
 * functions and nothing else from this area; the work is done in
 * defaults.ts and validation*.ts.
 */
import { defaultQuantityErrors } from './decode';
import { applyDefaults } from './defaults';
import { ApiError, type FieldError } from './errors';
import type { KObject } from './types';
import { validateObjectCreate, validateObjectUpdate } from './validation';

export interface FeatureGates {
  MaxUnavailableStatefulSet: boolean;
  [gate: string]: boolean;
}

export const DEFAULT_FEATURE_GATES: FeatureGates = { MaxUnavailableStatefulSet: false };

export interface StrategyContext {
  featureGates: FeatureGates;
}

/** Fills API defaults in place (the object is a private copy). `old` is set on update. */
export function defaultObject(obj: KObject, ctx: StrategyContext, old?: KObject): void {
  applyDefaults(obj, ctx, old);
}

/** Field errors for a create; empty when valid. */
export function validateCreate(obj: KObject, ctx: StrategyContext): FieldError[] {
  void ctx;
  return validateObjectCreate(obj);
}

/** Field errors for an update of `old` to `obj`; empty when valid. */
export function validateUpdate(obj: KObject, old: KObject, ctx: StrategyContext): FieldError[] {
  void ctx;
  return validateObjectUpdate(obj, old);
}

/**
 * The BadRequest a real API server returns before defaulting when the body
 * does not decode into the kind's Go type (today: malformed quantities), e.g.
 * `PersistentVolumeClaim in version "v1" cannot be handled as a
 * PersistentVolumeClaim: quantities must match the regular expression …`.
 * Undefined when the object decodes. Call it before defaultObject.
 */
export function decodeError(obj: KObject): ApiError | undefined {
  const msg = defaultQuantityErrors(obj);
  if (msg === undefined) return undefined;
  const version = (obj.apiVersion ?? '').split('/').pop() ?? '';
  return new ApiError('BadRequest', `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${msg}`);
}
