/**
 * What every kubectl verb gets: the cluster (through its API server), the
 * virtual files `-f` can read, output streams, and the time limit for
 * blocking commands. Also the error types and kubectl's way of printing them.
 */
import { ApiError } from '../engine/api/errors';
import type { Cluster } from '../engine/sim/cluster';
import type { FlagSpec, FlagValues, Parsed } from './flags';

export interface KubectlIO {
  out(text: string): void;
  err(text: string): void;
}

export interface KubectlEnv {
  cluster: Cluster;
  /** Files `kubectl apply -f NAME` can read. */
  files: Map<string, string>;
  /** Virtual ms a blocking command may run before it is cut off (the `timeout` prefix). */
  timeLimit?: number;
  /** What a blocking command without a limit does: run until the cluster settles, capped at this many ms. */
  idleLimit?: number;
}

export interface VerbContext extends KubectlEnv, KubectlIO {
  namespace: string;
  /** Whether -n/--namespace was given. */
  explicitNamespace: boolean;
}

export interface Verb {
  name: string;
  flags: FlagSpec[];
  /** Subcommands handle their own parsing (rollout, set). */
  run(p: Parsed, ctx: VerbContext): number;
}

/** A client-side error printed as `error: <message>` (or verbatim when `raw`). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly raw = false,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Text kubectl prints for an error (without the trailing newline). Behaviour of cmdutil.CheckErr. */
export function errorText(e: unknown): string {
  if (e instanceof KubectlError) return e.raw ? e.message : `error: ${e.message}`;
  if (e instanceof ApiError) {
    if (e.reason === 'Invalid') {
      const d = e.details;
      if (!d) return `The request is invalid: ${e.message}`;
      const prefix = d.kind || d.name ? `The ${d.kind} "${d.name}" is invalid` : 'The request is invalid';
      const causes = d.causes ?? [];
      if (causes.length === 0) return prefix;
      if (causes.length === 1) return `${prefix}: ${causes[0]?.field}: ${causes[0]?.message}`;
      return `${prefix}: \n${causes.map((c) => `* ${c.field}: ${c.message}`).join('\n')}`;
    }
    // A status without a reason (e.g. a strategic-merge failure) prints without parentheses.
    return e.reason ? `Error from server (${e.reason}): ${e.message}` : `Error from server: ${e.message}`;
  }
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}

export const str = (f: FlagValues, k: string): string => (f[k] as string | undefined) ?? '';
export const bool = (f: FlagValues, k: string): boolean => f[k] === true;

/** Flags every command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
];
