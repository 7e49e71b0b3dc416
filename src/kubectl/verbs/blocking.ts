/**
 * How blocking commands (watches, rollout status, wait) spend virtual time.
 * They never poll a wall clock: they step the cluster's clock until their
 * condition holds or their time is up.
 */
import { FAST_FORWARD_LIMIT_MESSAGE, MAX_FAST_FORWARD_MS } from '../../lib/duration';
import { KubectlError, type VerbContext } from '../context';

/** The playground's default for --timeout=0 / unset on rollout status and wait. */
export const DEFAULT_BLOCKING_LIMIT = 5 * 60_000;

export interface BlockingResult {
  /** The condition held. */
  done: boolean;
  /** The `timeout` prefix cut the command off (the shell kills it; kubectl prints nothing more). */
  killed: boolean;
}

export interface BlockingOptions {
  /**
   * The condition reads nothing that steadily repeating work writes (object
   * existence, phase, conditions, a StatefulSet's status), so the clock may
   * jump over whole periods of it (engine/clock/jump.ts). Not for a watch
   * that prints every change.
   */
  cycleSafe?: boolean;
}

/**
 * Rejects a blocking command's own time limit beyond the longest
 * fast-forward the playground performs, unless a shorter `timeout` prefix
 * cuts the command off first.
 */
export function checkTimeout(ctx: VerbContext, ms: number | undefined, flag = '--timeout'): void {
  if (ms === undefined || ms <= MAX_FAST_FORWARD_MS) return;
  if (ctx.timeLimit !== undefined && ctx.timeLimit <= MAX_FAST_FORWARD_MS) return;
  throw new KubectlError(`${flag}: ${FAST_FORWARD_LIMIT_MESSAGE}`);
}

/**
 * Runs the clock until `cond()` holds. With `ownLimit` (a command's own
 * --timeout) the command stops there; the `timeout` prefix may stop it
 * sooner. Without either, it runs until the cluster settles (at most
 * `idleLimit`, 5m by default). Never more than the longest fast-forward.
 */
export function runBlocking(ctx: VerbContext, cond: () => boolean, ownLimit?: number, opts: BlockingOptions = {}): BlockingResult {
  const clock = ctx.cluster.clock;
  const prefix = ctx.timeLimit;
  if (ownLimit !== undefined || prefix !== undefined) {
    const own = ownLimit ?? Infinity;
    const limit = Math.min(own, prefix ?? Infinity, MAX_FAST_FORWARD_MS);
    const done = clock.runUntil(cond, limit, opts);
    return { done, killed: !done && prefix !== undefined && prefix <= own };
  }
  const idle = Math.min(ctx.idleLimit ?? DEFAULT_BLOCKING_LIMIT, MAX_FAST_FORWARD_MS);
  clock.runUntil(() => cond() || ctx.cluster.settled(), idle, opts);
  return { done: cond(), killed: false };
}
