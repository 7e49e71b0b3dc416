/**
 * How deeply JSON-shaped data may nest.
 *
 * Go's encoding/json (and sigs.k8s.io/json, which the API server decodes
 * with) refuses a document nested deeper than 10000 levels with
 * `invalid character '{' exceeded max depth`. JavaScript engines run out of
 * stack long before that in recursive code, `JSON.stringify` included
 * (V8 at about 4000 levels), so the simulation applies the same rule at a
 * lower depth that every engine survives.
 */

/** Go's limit: encoding/json scanner.go maxNestingDepth. */
export const GO_MAX_NESTING_DEPTH = 10000;

/** SIM: the deepest nesting the simulation accepts (Go accepts up to GO_MAX_NESTING_DEPTH). */
export const MAX_NESTING_DEPTH = 1000;

/**
 * The bracket (`{` or `[`) that opens the first object or array nested deeper
 * than `max` levels (the outermost container is level 1), or undefined.
 * Iterative: safe for any depth; stops as soon as the limit is passed.
 */
export function exceedsNesting(v: unknown, max: number = MAX_NESTING_DEPTH): '{' | '[' | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const nodes: object[] = [v];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = depths.pop() as number;
    if (depth > max) return Array.isArray(node) ? '[' : '{';
    if (Array.isArray(node)) {
      for (const c of node) {
        if (c !== null && typeof c === 'object') {
          nodes.push(c);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const k in node) {
        if (!Object.prototype.hasOwnProperty.call(node, k)) continue;
        const c = (node as Record<string, unknown>)[k];
        if (c !== null && typeof c === 'object') {
          nodes.push(c);
          depths.push(depth + 1);
        }
      }
    }
  }
  return undefined;
}

/** The nesting depth of `v` (0 for a scalar, 1 for `{}` or `[1]`). Iterative. */
export function nestingDepth(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let deepest = 0;
  const stack: [object, number][] = [[v, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [object, number];
    if (depth > deepest) deepest = depth;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, depth + 1]);
  }
  return deepest;
}
