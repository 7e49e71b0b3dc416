/**
 * The Go types of `go-types.ts` as a tree the decoders walk. Every node keeps
 * `str`, the type as Go's reflect prints it (`int32`, `v1.PullPolicy`,
 * `[]v1.Container`, `v1.ResourceList`), because the API server's error
 * messages name types that way. Pointers, slices and maps wrap an element;
 * structs resolve their fields lazily (types may refer to themselves).
 *
 * This is the one description of the API's shape: decoding, the conformance
 * checker and (later) JSON Schema / `kubectl explain` read it from here.
 */
import { CUSTOM_TYPES, KIND_TYPES, NAMED_TYPES, STRUCT_TYPES } from './go-types';

export type ScalarKind = 'string' | 'bool' | 'int32' | 'int64' | 'float64';
export type CustomName = (typeof CUSTOM_TYPES)[number];

export type GoType =
  | { readonly k: 'scalar'; readonly kind: ScalarKind; readonly str: string }
  | { readonly k: 'custom'; readonly name: CustomName; readonly str: string }
  | { readonly k: 'ptr'; readonly elem: GoType; readonly str: string }
  | { readonly k: 'slice'; readonly elem: GoType; readonly str: string }
  | { readonly k: 'map'; readonly key: GoType; readonly elem: GoType; readonly str: string }
  | { readonly k: 'any'; readonly str: 'interface {}' }
  | StructType;

export interface StructType {
  readonly k: 'struct';
  readonly str: string;
  /** What Go's `reflect.Type.Name()` gives: `Container` for `v1.Container`. */
  readonly name: string;
  /** Fields by JSON name, in declaration order (embedded inline structs flattened). */
  readonly fields: ReadonlyMap<string, GoType>;
}

const SCALARS: Record<string, ScalarKind> = { string: 'string', bool: 'bool', int32: 'int32', int64: 'int64', float64: 'float64' };
const CUSTOM = new Set<string>(CUSTOM_TYPES);
const cache = new Map<string, GoType>();

/** The type node for a Go type string (`*int32`, `[]v1.Container`, `map[string]string`, `v1.Pod`). */
export function goType(str: string): GoType {
  let t = cache.get(str);
  if (!t) {
    t = build(str);
    cache.set(str, t);
  }
  return t;
}

function build(str: string): GoType {
  if (str === 'interface {}') return { k: 'any', str };
  if (str.startsWith('*')) return { k: 'ptr', elem: goType(str.slice(1)), str };
  if (str.startsWith('[]')) return { k: 'slice', elem: goType(str.slice(2)), str };
  if (str.startsWith('map[')) {
    const close = str.indexOf(']');
    return { k: 'map', key: goType(str.slice(4, close)), elem: goType(str.slice(close + 1)), str };
  }
  return named(str, str);
}

/** A named type keeps its own name in `str` while taking its shape from the underlying type. */
function named(str: string, name: string): GoType {
  const scalar = SCALARS[name];
  if (scalar) return { k: 'scalar', kind: scalar, str };
  if (CUSTOM.has(name)) return { k: 'custom', name: name as CustomName, str };
  const fields = STRUCT_TYPES[name];
  if (fields) return structType(name, fields);
  const under = NAMED_TYPES[name];
  if (under === undefined) throw new Error(`schema: unknown Go type ${name}`);
  const u = SCALARS[under] ? named(str, under) : build(under);
  // Keep the named type's own name (`v1.ResourceList`, not `map[v1.ResourceName]resource.Quantity`).
  return { ...u, str } as GoType;
}

/** Declares a struct that is not part of the API types (e.g. the patch handler's jsonPatchOp). */
export function defineStruct(str: string, decl: Readonly<Record<string, string>>): StructType {
  const t = structType(str, decl);
  cache.set(str, t);
  return t;
}

function structType(str: string, decl: Readonly<Record<string, string>>): StructType {
  let fields: Map<string, GoType> | undefined;
  return {
    k: 'struct',
    str,
    name: str.slice(str.indexOf('.') + 1),
    get fields(): ReadonlyMap<string, GoType> {
      fields ??= new Map(Object.keys(decl).map((f) => [f, goType(decl[f] as string)]));
      return fields;
    },
  };
}

/** The Go struct a kind decodes into (`StatefulSet` → `v1.StatefulSet`), or undefined for kinds without one. */
export function kindType(kind: string): StructType | undefined {
  const str = Object.prototype.hasOwnProperty.call(KIND_TYPES, kind) ? KIND_TYPES[kind] : undefined;
  return str ? (goType(str) as StructType) : undefined;
}

/** Follows pointers to the pointed-to type (what Go's decoder names in type errors). */
export function deref(t: GoType): GoType {
  while (t.k === 'ptr') t = t.elem;
  return t;
}

/** Walks every struct reachable from the kinds (tests and generators). */
export function allStructs(): StructType[] {
  return Object.keys(STRUCT_TYPES).map((s) => goType(s) as StructType);
}

export const INT_RANGE: Record<'int32' | 'int64', readonly [number, number]> = {
  int32: [-2147483648, 2147483647],
  // 2^63 is exactly representable; the int64 maximum (2^63 - 1) is not.
  int64: [-9223372036854775808, 9223372036854775808],
};

/** Whether a JS number is in range for an integer kind (int64's upper bound is exclusive in doubles). */
export function intFits(n: number, kind: 'int32' | 'int64'): boolean {
  const [lo, hi] = INT_RANGE[kind];
  return kind === 'int32' ? n >= lo && n <= hi : n >= lo && n < hi;
}
