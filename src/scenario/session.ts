/**
 * A terminal over a simulated cluster: runs one command line at a time
 * (`kubectl …`, `sleep`, `timeout D kubectl …`, `# comment`) and writes
 * what a terminal would show. The headless runner, the browser terminal and
 * the tests all go through this.
 */
import { createCluster, type Cluster, type CreateClusterOptions } from '../engine/sim/cluster';
import type { ClusterConfig } from '../engine/sim/config';
import { END_OF_TIME_MESSAGE, FAST_FORWARD_LIMIT_MESSAGE, MAX_FAST_FORWARD_MS, MAX_VIRTUAL_TIME_MS, parseDuration } from '../lib/duration';
import type { KubectlIO } from '../kubectl/context';
import { runKubectl } from '../kubectl/kubectl';
import { ShellSyntaxError, splitWords } from '../kubectl/shell-words';

export class Session {
  readonly cluster: Cluster;
  readonly files: Map<string, string>;

  constructor(config: Partial<ClusterConfig>, files: Record<string, string> = {}, opts: CreateClusterOptions = {}) {
    this.cluster = createCluster(config, opts);
    this.files = new Map(Object.entries(files));
  }

  /** Runs one command line; returns its exit status as a shell would report it. */
  run(line: string, io: KubectlIO): number {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return 0;
    // Whatever the cluster does in reaction to the last command happens before the next one is typed.
    this.cluster.clock.runDue();
    let words: string[];
    try {
      words = splitWords(t);
    } catch (e) {
      io.err(`bash: ${e instanceof ShellSyntaxError ? e.message : String(e)}\n`);
      return 2;
    }
    let timeLimit: number | undefined;
    if (words[0] === 'timeout') {
      if (words.length < 3) {
        // Behaviour of coreutils timeout.c main: without a duration and a command it prints only the usage hint.
        io.err(`Try 'timeout --help' for more information.\n`);
        return 125;
      }
      const d = parseDuration(words[1] ?? '', true);
      if (d === undefined) {
        io.err(`timeout: invalid time interval '${words[1] ?? ''}'\nTry 'timeout --help' for more information.\n`);
        return 125;
      }
      if (d > MAX_FAST_FORWARD_MS) {
        io.err(`timeout: ${FAST_FORWARD_LIMIT_MESSAGE}\n`);
        return 125;
      }
      // Behaviour of coreutils timeout: a duration of 0 disables the time limit.
      timeLimit = d === 0 ? undefined : d;
      words = words.slice(2);
    }
    const [cmd, ...args] = words;
    if (cmd === 'sleep') {
      const d = args.length === 1 ? parseDuration(args[0] as string, true) : undefined;
      if (d === undefined) {
        io.err(args.length === 0 ? 'sleep: missing operand\nTry \'sleep --help\' for more information.\n' : `sleep: invalid time interval '${args.join(' ')}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      const amount = timeLimit !== undefined ? Math.min(d, timeLimit) : d;
      if (amount > MAX_FAST_FORWARD_MS) {
        io.err(`sleep: ${FAST_FORWARD_LIMIT_MESSAGE}\n`);
        return 1;
      }
      if (this.cluster.clock.now() + amount > MAX_VIRTUAL_TIME_MS) {
        io.err(`sleep: ${END_OF_TIME_MESSAGE}\n`);
        return 1;
      }
      this.cluster.advance(amount);
      return timeLimit !== undefined && timeLimit < d ? 124 : 0;
    }
    if (cmd !== 'kubectl') {
      io.err(`bash: ${cmd}: command not found\n`);
      return 127;
    }
    const env = { cluster: this.cluster, files: this.files, ...(timeLimit !== undefined ? { timeLimit } : {}) };
    const start = this.cluster.clock.now();
    const code = runKubectl(args, env, io);
    if (timeLimit !== undefined && this.cluster.clock.now() - start >= timeLimit && code !== 0) return 124;
    return code;
  }
}
