/**
 * How blocking commands (watches, rollout status, wait) spend virtual time.
 * They never poll a wall clock: they step the cluster's clock until their
 * condition holds or their time is up.
 */
import type { VerbContext } from '../context';

/** The playground's default for --timeout=0 / unset on rollout status and wait. */
export const DEFAULT_BLOCKING_LIMIT = 5 * 60_000;

export interface BlockingResult {
  /** The condition held. */
  done: boolean;
  /** The `timeout` prefix cut the command off (the shell kills it; kubectl prints nothing more). */
  killed: boolean;
}

/**
 * Runs the clock until `cond()` holds. With `ownLimit` (a command's own
 * --timeout) the command stops there; the `timeout` prefix may stop it
 * sooner. Without either, it runs until the cluster settles (at most
 * `idleLimit`, 5m by default).
 */
export function runBlocking(ctx: VerbContext, cond: () => boolean, ownLimit?: number): BlockingResult {
  const clock = ctx.cluster.clock;
  const prefix = ctx.timeLimit;
  if (ownLimit !== undefined || prefix !== undefined) {
    const own = ownLimit ?? Infinity;
    const limit = Math.min(own, prefix ?? Infinity);
    const done = clock.runUntil(cond, limit);
    return { done, killed: !done && prefix !== undefined && prefix <= own };
  }
  const idle = ctx.idleLimit ?? DEFAULT_BLOCKING_LIMIT;
  clock.runUntil(() => cond() || ctx.cluster.settled(), idle);
  return { done: cond(), killed: false };
}
