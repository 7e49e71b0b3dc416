/**
 * What one `kubectl exec` may use. A real container is bounded by its disk,
 * memory and time; a browser tab is bounded much sooner, so the playground
 * sets its own limits (SIM) and reports reaching them the way the container
 * would where it has a way to say so:
 * - a volume or a container's writable layer holds at most 1 MiB (less when the
 *   PV is smaller): writes beyond it fail with "No space left on device";
 * - paths follow Linux: 255 bytes a name, 4095 a path ("File name too long");
 * - an external program gets at most 128 KiB an argument and 2 MiB in all
 *   ("Argument list too long", status 126), as execve allows;
 * - a shell string (a word, a variable, a command's output) holds at most 4 MiB
 *   ("sh: out of memory", ash's message when memory runs out);
 * - shells nest at most 32 deep ("can't fork: Resource temporarily unavailable").
 * Beyond those, an exec that runs more than 10,000 commands, moves more than
 * 64 MiB through argument lists and outputs, or prints more than 1 MiB is stopped
 * with a playground message.
 */

/** Bytes a volume (or emptyDir, or container layer) holds at most. */
export const VOLUME_CAPACITY = 1024 * 1024;
/** What each file or directory costs besides its name and content (its inode and entry). */
export { ENTRY_COST } from '../controllers/volume/data';
/** Linux NAME_MAX and PATH_MAX (without the NUL). */
export const NAME_MAX = 255;
export const PATH_MAX = 4095;
/** Linux MAX_ARG_STRLEN and the default ARG_MAX (a quarter of an 8 MiB stack). */
export const MAX_ARG_STRLEN = 128 * 1024;
export const ARG_MAX = 2 * 1024 * 1024;
/** Longest string the shell builds (a word, a variable, one command's output or input). */
export const SHELL_STRING_MAX = 4 * 1024 * 1024;
/** Deepest nesting of shells (`sh` running `sh`, command substitutions). */
export const MAX_SHELL_DEPTH = 32;
/** Commands one exec may run. */
export const MAX_COMMANDS = 10_000;
/** Bytes one exec may print (stdout and stderr together). */
export const MAX_EXEC_OUTPUT = 1024 * 1024;

/** Characters one exec may move through argument lists and outputs, all commands together. */
export const MAX_EXEC_BYTES = 64 * 1024 * 1024;

/**
 * Regex steps the `grep`s of one exec may take together. SIM: real grep has no such
 * limit; a search that needs more stops with a message (a line of 1 MiB against a
 * pattern of a few dozen states fits).
 */
export const EXEC_REGEX_STEPS = 50_000_000;

/** Per-exec counters, shared by every shell and command of one `kubectl exec`. */
export class ExecBudget {
  commands = 0;
  bytes = 0;
  /** What the exec's searches have left; every grep draws from it. */
  readonly regex = { steps: EXEC_REGEX_STEPS };

  /** Regex steps used so far. */
  get regexSteps(): number {
    return EXEC_REGEX_STEPS - Math.max(0, this.regex.steps);
  }

  /** Counts `n` characters of work; stops the exec past MAX_EXEC_BYTES. */
  spend(n: number): void {
    this.bytes += n;
    if (this.bytes > MAX_EXEC_BYTES) throw new ExecStop(`sh: the playground stops an exec that has moved more than ${MAX_EXEC_BYTES} bytes\n`, 1);
  }
}

/**
 * Stops the whole exec: `message` (with its newline) goes to stderr and the exec
 * ends with `exitCode`.
 */
export class ExecStop extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** What the exec had printed when it was stopped. */
    readonly stdout = '',
    readonly stderr = '',
  ) {
    super(message);
  }
}

export { utf8Length, utf8Prefix } from '../../lib/utf8';
