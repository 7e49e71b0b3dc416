/**
 * A terminal over a simulated cluster: runs command lines as the
 * playground's bash would (shell.ts: `;`, `&&`, `||`, pipes, `for` loops,
 * `$x` and `$(…)`) around its commands — `kubectl …`, `sleep`, `timeout D
 * …` and the BusyBox text tools — and writes what a terminal would show.
 * The headless runner, the browser terminal and the tests all go through this.
 */
import { createCluster, type Cluster, type ClusterWork, type CreateClusterOptions } from '../engine/sim/cluster';
import type { ClusterConfig } from '../engine/sim/config';
import { TEXT_TOOLS, TextTools } from '../engine/sim/text-tools';
import { END_OF_TIME_MESSAGE, FAST_FORWARD_LIMIT_MESSAGE, MAX_FAST_FORWARD_MS, MAX_VIRTUAL_TIME_MS, parseDuration } from '../lib/duration';
import { getOwn } from '../lib/own';
import type { KubectlIO } from '../kubectl/context';
import { runKubectl } from '../kubectl/kubectl';
import { HostShell, type ExternalCommand, type ShellIO } from './shell';

/** What a session has done: the cluster's work and its terminal shell's. */
export interface SessionWork extends ClusterWork {
  /** Commands the terminal's shell ran (every command of every line, loop passes included). */
  shellCommands: number;
  /** Characters the terminal's shell and its text tools moved (arguments, pipes, output). */
  shellBytes: number;
}

/** The commands the terminal has besides the shell's builtins. */
export const TERMINAL_COMMANDS: readonly string[] = ['kubectl', 'sleep', 'timeout', ...TEXT_TOOLS];

export class Session {
  readonly cluster: Cluster;
  readonly files: Map<string, string>;
  private readonly tools: TextTools;
  private readonly shell: HostShell;

  constructor(config: Partial<ClusterConfig>, files: Record<string, string> = {}, opts: CreateClusterOptions = {}) {
    this.cluster = createCluster(config, opts);
    this.files = new Map(Object.entries(files));
    this.tools = new TextTools(this.files);
    this.shell = new HostShell({
      command: (name) => this.command(name),
      commandNames: () => TERMINAL_COMMANDS,
      readFile: (name) => this.files.get(name.replace(/^\.\//, '')),
    });
  }

  /**
   * Runs one command line (several when it holds newlines, as a pasted
   * script); returns its exit status as bash would report it.
   */
  run(line: string, io: KubectlIO): number {
    const t = line.trim();
    if (t === '' || (t.startsWith('#') && !t.includes('\n'))) return 0;
    // Whatever the cluster does in reaction to the last command happens before the next one is typed.
    this.cluster.clock.runDue();
    this.tools.beginLine();
    return this.shell.run(line, io);
  }

  /** Everything done so far, for a replay's budget. Each counter only grows. */
  work(): SessionWork {
    const c = this.cluster.work();
    const t = this.tools.work();
    return { ...c, regexSteps: c.regexSteps + t.regexSteps, shellCommands: this.shell.work.commands, shellBytes: this.shell.work.bytes + t.bytes };
  }

  /** A command of the terminal, by name. */
  private command(name: string): ExternalCommand | undefined {
    if (name === 'kubectl' || name === 'sleep' || name === 'timeout') return (argv, stdin, io) => this.runTimed(argv, stdin, io, undefined);
    if (this.tools.has(name)) return (argv, stdin, io) => this.tool(argv, stdin, io);
    return undefined;
  }

  private tool(argv: string[], stdin: string, io: ShellIO): number {
    const r = this.tools.run(argv, stdin);
    if (r.stdout) io.out(r.stdout);
    if (r.stderr) io.err(r.stderr);
    return r.exitCode;
  }

  /** kubectl, sleep and timeout, with the time limit a `timeout` in front of them sets. */
  private runTimed(argv: string[], stdin: string, io: ShellIO, timeLimit: number | undefined): number {
    // Commands of one line follow each other as fast as a terminal runs them: the cluster reacts in between.
    this.cluster.clock.runDue();
    const [cmd, ...args] = argv;
    if (cmd === 'timeout') {
      if (args.length < 2) {
        // Behaviour of coreutils timeout.c main: without a duration and a command it prints only the usage hint.
        io.err(`Try 'timeout --help' for more information.\n`);
        return 125;
      }
      const d = parseDuration(args[0] ?? '', true);
      if (d === undefined) {
        io.err(`timeout: invalid time interval '${args[0] ?? ''}'\nTry 'timeout --help' for more information.\n`);
        return 125;
      }
      if (d > MAX_FAST_FORWARD_MS) {
        io.err(`timeout: ${FAST_FORWARD_LIMIT_MESSAGE}\n`);
        return 125;
      }
      // Behaviour of coreutils timeout: a duration of 0 disables the time limit.
      const limit = d === 0 ? undefined : d;
      const inner = args.slice(1);
      const name = inner[0] as string;
      if (name === 'kubectl' || name === 'sleep') return this.runTimed(inner, stdin, io, limit);
      if (name === 'timeout' || this.tools.has(name)) return (this.command(name) as ExternalCommand)(inner, stdin, io);
      // SIM: timeout runs programs; the playground's echo, true and false are the shell's own.
      const builtin = getOwn({ true: 0, false: 1 } as Record<string, number>, name);
      if (builtin !== undefined) return builtin;
      if (name === 'echo') {
        io.out(`${inner.slice(1).join(' ')}\n`);
        return 0;
      }
      io.err(`timeout: failed to run command '${name}': No such file or directory\n`);
      return 127;
    }
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
    const env = { cluster: this.cluster, files: this.files, ...(timeLimit !== undefined ? { timeLimit } : {}) };
    const start = this.cluster.clock.now();
    const code = runKubectl(args, env, io);
    if (timeLimit !== undefined && this.cluster.clock.now() - start >= timeLimit && code !== 0) return 124;
    return code;
  }
}
