/**
 * Own-property access for JSON-shaped objects whose keys come from users
 * (manifests, patches, label selectors, templates, flags).
 *
 * A plain object inherits `constructor`, `toString`, `hasOwnProperty`,
 * `__proto__`… from Object.prototype: `o[k]` returns the inherited value for
 * such a key, `k in o` is true, and `o['__proto__'] = v` replaces the
 * object's prototype instead of storing data (and, through a shared
 * prototype, can poison every object of the program). A Go
 * map[string]interface{} has none of this: every key is ordinary data. These
 * helpers give JavaScript objects the same meaning.
 *
 * Reading with a key taken from `Object.keys(o)` is safe (an own `__proto__`
 * data property shadows the inherited accessor); reading or writing with any
 * other key goes through here. `delete o[k]` and `Object.keys` only ever see
 * own properties and need no helper; `{ ...o }`, `Object.fromEntries` and
 * `JSON.parse` define data properties and are safe, `Object.assign` is not.
 */

/** A JSON object. */
export type JsonMap = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isJsonMap = (v: unknown): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether `key` is an own property of `o` (Go: `_, ok := m[key]`). */
export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** `o[key]` when it is an own property, else undefined (never an inherited value). */
export function getOwn<V>(o: Readonly<Record<string, V>> | null | undefined, key: string): V | undefined {
  return o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Stores `value` under `key` as an own data property, `__proto__` included. */
export function setOwn<V>(o: Record<string, V>, key: string, value: NoInfer<V>): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}
