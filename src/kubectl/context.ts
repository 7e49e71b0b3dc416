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
  if (e instanceof ErrorList) return checkErrText(e).slice(0, -1);
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

/** A utilerrors.Aggregate: errors kubectl collected and reports together. */
export class ErrorList {
  constructor(readonly errors: readonly unknown[]) {}
}

/** utilerrors.NewAggregate: nothing for no errors, else the list. */
export function aggregate(errs: readonly unknown[]): ErrorList | undefined {
  return errs.length ? new ErrorList(errs) : undefined;
}

/** utilerrors.Reduce: a list of one is that error. */
export function reduce(e: unknown): unknown {
  return e instanceof ErrorList && e.errors.length === 1 ? e.errors[0] : e;
}

/** err.Error() of what kubectl holds: an aggregate flattens, drops repeats and brackets several. */
export function goErrorString(e: unknown): string {
  if (e instanceof ErrorList) {
    if (e.errors.length === 1) return goErrorString(e.errors[0]);
    const seen: string[] = [];
    const visit = (x: unknown): void => {
      if (x instanceof ErrorList) x.errors.forEach(visit);
      else {
        const m = goErrorString(x);
        if (!seen.includes(m)) seen.push(m);
      }
    };
    visit(e);
    return seen.length === 1 ? (seen[0] as string) : `[${seen.join(', ')}]`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** One line of MultipleErrors: a server status with its reason, anything else as its text. Behaviour of cmdutil messageForError. */
function messageForError(e: unknown): string {
  if (e instanceof ApiError) return e.reason ? `Error from server (${e.reason}): ${e.message}` : `Error from server: ${e.message}`;
  return goErrorString(e);
}

/**
 * What kubectl prints for the error a command ends with, each line ending in
 * a newline: a list of one is unwrapped once; a list prints one line per
 * error (MultipleErrors: no "error: ", a server status as `Error from server
 * (Reason): message`); anything else as errorText. Behaviour of cmdutil.checkErr.
 */
export function checkErrText(e: unknown): string {
  const err = e instanceof ErrorList && e.errors.length === 1 ? e.errors[0] : e;
  if (err instanceof ErrorList) return err.errors.map((x) => messageForError(x) + '\n').join('');
  return errorText(err) + '\n';
}

/** What kubectl prints for the errors a command collected (checkErr of their aggregate). */
export function errorsText(errs: readonly unknown[]): string {
  return checkErrText(errs.length === 1 ? errs[0] : new ErrorList(errs));
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
