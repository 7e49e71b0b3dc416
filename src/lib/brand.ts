/** A nominal type: `Brand<number, 'SimTime'>` cannot be mixed with a plain number by accident. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** Exhaustiveness check for switch statements over unions. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}

/** Throws with `message` when `cond` is false. */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`invariant failed: ${message}`);
}
