/**
 * Per-kind API server behaviour: defaulting on create/update and validation
 * with the API server's exact field errors (v1.32). The apiserver calls these
 * functions and nothing else from this area; the work is done in
 * defaults.ts and validation*.ts.
 */
import { applyDefaults } from './defaults';
import type { FieldError } from './errors';
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
 * Decoding a request body into the kind's Go type (call before defaultObject):
 * `decodeObject` for create/update bodies, `decodeJsonPatched` and
 * `convertSmpPatched` for the results of patches. See decode.ts.
 */
export { convertSmpPatched, decodeJsonPatched, decodeObject, type Decoded, type FieldValidation } from './decode';
