/**
 * The containers' BusyBox text tools (`grep`, `head`, `tail`, `wc`, `sort`,
 * `uniq`, `cat`), run for the playground's own terminal: no pod, standard input from
 * a pipe, and the session's files (`manifests.yaml`, a scenario's `files`)
 * readable, not writable. The terminal's shell (src/scenario) reaches the
 * kubelet's tools only through here.
 *
 * SIM: a real terminal has GNU's tools; these are BusyBox 1.36.1's, so a few
 * messages differ (`grep: can't open 'x': No such file or directory`).
 */
import { VolumeDataStore } from '../controllers/volume/data';
import { ContainerFs, normalizePath } from '../kubelet/fs';
import { ExecBudget, ExecStop, SHELL_STRING_MAX, MAX_SHELL_DEPTH } from '../kubelet/limits';
import { Shell, ShellError } from '../kubelet/shell';

export { SHELL_STRING_MAX, MAX_SHELL_DEPTH };

const EXEC_WORDS = 'the searches of one exec';
const LINE_WORDS = 'the searches of one command line';

/** The tools the terminal offers, by the name it runs them as. */
export const TEXT_TOOLS: readonly string[] = ['cat', 'egrep', 'fgrep', 'grep', 'head', 'sort', 'tail', 'uniq', 'wc'];

export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What the tools have done, for a replay's budget: each counter only grows. */
export interface ToolWork {
  commands: number;
  bytes: number;
  regexSteps: number;
}

/**
 * The terminal's text tools. One command line gets one budget (the limits of
 * one `kubectl exec`: commands, bytes moved, grep steps); `beginLine` starts
 * the next. @public
 */
export class TextTools {
  private done: ToolWork = { commands: 0, bytes: 0, regexSteps: 0 };
  private budget = new ExecBudget();
  private fs: ContainerFs | undefined;

  /** @param files the session's files, read when a tool opens one. */
  constructor(private readonly files: ReadonlyMap<string, string>) {}

  /** True when `name` is one of the tools. */
  has(name: string): boolean {
    return TEXT_TOOLS.includes(name);
  }

  /** Starts a new command line: a fresh budget, and the files as they are now. */
  beginLine(): void {
    this.fold();
    this.fs = undefined;
  }

  /** Work done so far, this line's included. */
  work(): ToolWork {
    return {
      commands: this.done.commands + this.budget.commands,
      bytes: this.done.bytes + this.budget.bytes,
      regexSteps: this.done.regexSteps + this.budget.regexSteps,
    };
  }

  /**
   * Runs one tool (`argv[0]` must satisfy `has`) on `stdin`. Never throws for
   * the tool's own failures: its message is in `stderr`, as BusyBox prints it;
   * when the line's budget runs out, the playground's message is.
   */
  run(argv: readonly string[], stdin: string): ToolResult {
    const name = argv[0] ?? '';
    if (!this.has(name)) throw new Error(`not a text tool: ${name}`);
    const sh = new Shell({ hostname: '', env: [], fs: this.files$(), nslookup: () => ({ stdout: '', exitCode: 1 }), now: () => 0, budget: this.budget });
    this.budget.commands++;
    try {
      const r = sh.command([...argv], stdin);
      // The budgets are the line's here, not an exec's.
      return r.stderr.includes(EXEC_WORDS) ? { ...r, stderr: r.stderr.split(EXEC_WORDS).join(LINE_WORDS) } : r;
    } catch (e) {
      if (e instanceof ShellError) return { stdout: '', stderr: e.message, exitCode: e.status };
      if (e instanceof ExecStop) return { stdout: e.stdout, stderr: e.stderr + e.message.replace(/^sh: the playground stops an exec/, `${name}: the playground stops a command line`), exitCode: e.exitCode };
      throw e;
    }
  }

  private fold(): void {
    this.done = this.work();
    this.budget = new ExecBudget();
  }

  /** The session's files at `/` (the terminal's working directory), read-only. */
  private files$(): ContainerFs {
    if (this.fs) return this.fs;
    const store = new VolumeDataStore();
    for (const [name, text] of this.files) {
      const path = normalizePath(name).slice(1);
      if (path) store.write('host', path, text);
    }
    this.fs = new ContainerFs({ path: '/', store, key: 'host', sub: '', readOnly: true, capacity: Number.MAX_SAFE_INTEGER }, []);
    return this.fs;
  }
}
