/**
 * Per-kind API server behaviour: defaulting on create/update and validation
 * with the API server's exact field errors. The apiserver calls these three
 * functions and nothing else from this area.
 */
import type { FieldError } from './errors';
import type { KObject } from './types';

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
  void obj;
  void ctx;
  void old;
}

/** Field errors for a create; empty when valid. */
export function validateCreate(obj: KObject, ctx: StrategyContext): FieldError[] {
  void obj;
  void ctx;
  return [];
}

/** Field errors for an update of `old` to `obj`; empty when valid. */
export function validateUpdate(obj: KObject, old: KObject, ctx: StrategyContext): FieldError[] {
  void obj;
  void old;
  void ctx;
  return [];
}
