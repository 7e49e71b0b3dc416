/**
 * The kubectl entry point: finds the verb, parses its flags with cobra's
 * rules, runs it against the simulated cluster, and prints errors exactly
 * as kubectl 1.32 does. Pure: text in, text out, an exit code back.
 */
import { utf8Encode } from '../lib/utf8';
import { parseFlags, FlagError } from './flags';
import { errorText, GLOBAL_FLAGS, KubectlError, type KubectlEnv, type KubectlIO, type Verb } from './context';
import { applyVerb, createVerb } from './verbs/apply';
import { deleteVerb } from './verbs/delete';
import { describeVerb } from './verbs/describe';
import { execVerb } from './verbs/exec';
import { getVerb } from './verbs/get';
import { patchVerb } from './verbs/patch';
import { rolloutVerb } from './verbs/rollout';
import { scaleVerb } from './verbs/scale';
import { setVerb } from './verbs/set';
import { waitVerb } from './verbs/wait';

const VERBS: Verb[] = [applyVerb, createVerb, deleteVerb, describeVerb, execVerb, getVerb, patchVerb, rolloutVerb, scaleVerb, setVerb, waitVerb];
const BY_NAME = new Map(VERBS.map((v) => [v.name, v]));

/** kubectl's commands in its own registration order (for "Did you mean this?"). */
const ALL_COMMANDS = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach',
  'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin',
  'version', 'options',
];

/** Verbs whose subcommands parse their own flags. */
const RAW_VERBS = new Set(['rollout', 'set']);

/** The names `kubectl <tab>` would offer in the playground. */
export const SUPPORTED_VERBS = VERBS.map((v) => v.name);

/** Go's strings.ToLower, rune by rune (a rune whose lower case is not one rune stays; İ → i as in Go). */
function goLower(s: string): string {
  let out = '';
  for (const ch of s) {
    const l = ch === '\u0130' ? 'i' : ch.toLowerCase();
    out += [...l].length === 1 ? l : ch;
  }
  return out;
}

/**
 * Whether the Levenshtein distance between `a` and `b` (byte strings) is at most `max`. Only a
 * band of width 2·max+1 around the diagonal can stay within `max`, so the work is
 * O(max · length) and a string far longer than every command costs nothing.
 */
function withinDistance(a: Uint8Array, b: Uint8Array, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const INF = max + 1;
  let prev = new Array<number>(b.length + 1).fill(INF);
  let cur = new Array<number>(b.length + 1).fill(INF);
  for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur.fill(INF);
    if (i <= max) cur[0] = i;
    let best = cur[0] as number;
    for (let j = Math.max(1, i - max); j <= Math.min(b.length, i + max); j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur[j] = Math.min(v, INF);
      best = Math.min(best, cur[j] as number);
    }
    if (best > max) return false;
    [prev, cur] = [cur, prev];
  }
  return (prev[b.length] as number) <= max;
}

// Behaviour of github.com/spf13/cobra command.go SuggestionsFor and ld (cobra v1.8, kubectl 1.32):
// byte-wise Levenshtein distance of the lower-cased names <= SuggestionsMinimumDistance (2), or a prefix.
/** The commands "Did you mean this?" lists for an unknown command, in kubectl's order. */
export function suggestionsFor(name: string): string[] {
  const typed = goLower(name);
  const typedBytes = utf8Encode(typed);
  return ALL_COMMANDS.filter((c) => withinDistance(typedBytes, utf8Encode(c), 2) || c.startsWith(typed));
}

function unknownCommand(name: string): string {
  // SIM: "Did you mean this?" lists only the verbs the playground has (kubectl lists all of its own).
  const s = suggestionsFor(name).filter((c) => BY_NAME.has(c));
  let msg = `Error: unknown command "${name}" for "kubectl"\n`;
  if (s.length) msg += `\nDid you mean this?\n${s.map((c) => `\t${c}\n`).join('')}\n`;
  return msg;
}

/** Splits `argv` (without "kubectl") into the verb and the rest, allowing global flags first. */
function findVerb(argv: string[]): { verb: string | undefined; rest: string[] } {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('-')) {
      rest.push(a);
      if ((a === '-n' || a === '--namespace' || a === '--context') && i + 1 < argv.length) rest.push(argv[++i] as string);
      continue;
    }
    return { verb: a, rest: [...rest, ...argv.slice(i + 1)] };
  }
  return { verb: undefined, rest };
}

/** Removes `-n X`, `-nX`, `--namespace X` and `--namespace=X` from raw subcommand arguments. */
function takeNamespace(argv: string[]): { namespace: string | undefined; args: string[] } {
  let namespace: string | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if ((a === '-n' || a === '--namespace') && i + 1 < argv.length) namespace = argv[++i];
    else if (a.startsWith('--namespace=')) namespace = a.slice('--namespace='.length);
    else if (/^-n[^-]/.test(a)) namespace = a.slice(2).replace(/^=/, '');
    else args.push(a);
  }
  return { namespace, args };
}

/**
 * Runs one kubectl command line (argv without the leading "kubectl").
 * Output goes to `io` as it happens; the exit code is returned.
 */
export function runKubectl(argv: string[], env: KubectlEnv, io: KubectlIO): number {
  const { verb: name, rest } = findVerb(argv);
  if (!name) {
    io.out('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
    return 0;
  }
  const verb = BY_NAME.get(name);
  if (!verb) {
    if (ALL_COMMANDS.includes(name)) {
      io.err(`error: "kubectl ${name}" is not available in the playground; it supports: ${SUPPORTED_VERBS.join(', ')}\n`);
    } else io.err(unknownCommand(name));
    return 1;
  }
  let parsed;
  try {
    if (RAW_VERBS.has(name)) {
      // Subcommands parse their own flags; only -n/--namespace is taken here.
      const { namespace, args } = takeNamespace(rest);
      parsed = { args, flags: namespace === undefined ? {} : { namespace }, set: new Set(namespace === undefined ? [] : ['namespace']), afterDash: undefined };
    } else parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...verb.flags]);
  } catch (e) {
    if (e instanceof FlagError) {
      io.err(`Error: ${e.message}\nSee 'kubectl ${name} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  const ns = (parsed.flags['namespace'] as string | undefined) ?? 'default';
  const ctx = { ...env, out: io.out, err: io.err, namespace: ns, explicitNamespace: parsed.set.has('namespace') };
  try {
    return verb.run(parsed, ctx);
  } catch (e) {
    // Client errors, server errors and anything unexpected are printed, never thrown at the terminal.
    io.err(errorText(e) + '\n');
    return e instanceof KubectlError ? e.exitCode : 1;
  }
}
