/**
 * What decoding a request body into the kind's Go type would reject before
 * any defaulting or validation runs. Only quantities are checked: they are
 * the one typed scalar users commonly get wrong in these manifests.
 */
import { parseQuantity, QuantityError } from './quantity';
import type { KObject } from './types';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function listError(list: unknown): string | undefined {
  const m = asObj(list);
  if (!m) return undefined;
  for (const k of Object.keys(m)) {
    const v = m[k];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';
    try {
      parseQuantity(v);
    } catch (e) {
      if (e instanceof QuantityError) return e.message;
      throw e;
    }
  }
  return undefined;
}

function requirementsError(res: unknown): string | undefined {
  const r = asObj(res);
  return listError(r?.['limits']) ?? listError(r?.['requests']);
}

function podSpecError(spec: unknown): string | undefined {
  const s = asObj(spec);
  for (const key of ['containers', 'initContainers']) {
    for (const c of asList(s?.[key])) {
      const e = requirementsError(asObj(c)?.['resources']);
      if (e) return e;
    }
  }
  return undefined;
}

/** The first malformed quantity's decode error in the object, or undefined. */
export function defaultQuantityErrors(obj: KObject): string | undefined {
  const spec = asObj(obj['spec']);
  switch (obj.kind) {
    case 'Pod':
      return podSpecError(spec);
    case 'StatefulSet': {
      const e = podSpecError(asObj(spec?.['template'])?.['spec']);
      if (e) return e;
      for (const t of asList(spec?.['volumeClaimTemplates'])) {
        const te = requirementsError(asObj(asObj(t)?.['spec'])?.['resources']);
        if (te) return te;
      }
      return undefined;
    }
    case 'PersistentVolumeClaim':
      return requirementsError(spec?.['resources']);
    case 'PersistentVolume':
      return listError(spec?.['capacity']);
    default:
      return undefined;
  }
}
