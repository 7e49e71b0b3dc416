/**
 * Guided lessons at a pace a person can watch.
 *
 * A lesson is cut into stretches: a `say` and the steps up to the next one.
 * A stretch is read first (its prose and the commands it will run), then run
 * with Run; its prose stays on screen with the result until Next shows the
 * next stretch. Waits are played on the visible clock instead of skipped:
 * `sleep D` plays D of virtual time, and a command that waits for the
 * cluster (`rollout status`, `wait`) first lets the cluster move on screen
 * for a few seconds. The lesson's speed (scenario `lesson.speed`) or, by
 * default, a speed that makes each wait last a few seconds; Skip ends a wait
 * at once. A `check` step is met by the learner's own commands: Verify runs
 * it quietly and the lesson goes on once it passes.
 */
import type { LessonCheck, LessonStep, WorkerMessage } from '../../protocol/protocol';
import { advanceExactly, pause, play, requestCheck, runCommand, say, setSpeed } from './actions';
import { useSim } from './store';

/** Wall time a wait should take at the default speed. */
const WAIT_WALL_MS = 6000;
const SPEEDS = [1, 2, 4, 8, 16, 32, 64];
/** Virtual time a waiting command lets play on screen before it runs, at most. */
const PRE_PLAY_WALL_MS = 8000;

export interface LessonState {
  steps: readonly LessonStep[];
  /** The first step not yet run. */
  next: number;
  /** Where the stretch on screen starts (its `say`, when it has one). */
  shown: number;
  /** One step per Next, no stretches (a link replayed step by step). */
  oneByOne?: boolean;
  /** The scenario's lesson speed; null: chosen per wait. */
  speed?: number | null;
  /** A wait being played: what, until when (virtual ms), at which speed. */
  waiting?: { what: string; from: number; until: number; speed: number } | null;
  /** The last verify of the check at `next`: passed or not, with what the check printed. */
  verdict?: { ok: boolean; output: string } | null;
  /** Run is in progress. */
  running?: boolean;
}

/** The end (exclusive) of the stretch that starts at `from`: the next `say` after it. */
export function stretchEnd(steps: readonly LessonStep[], from: number, oneByOne = false): number {
  if (oneByOne) return Math.min(from + 1, steps.length);
  let i = from + 1;
  while (i < steps.length && !('say' in (steps[i] as LessonStep))) i++;
  return Math.min(i, steps.length);
}

/** The speed that plays `ms` of virtual time in about WAIT_WALL_MS (real time for short waits). */
export function speedFor(ms: number, fixed?: number | null): number {
  if (fixed) return fixed;
  return SPEEDS.find((s) => ms / s <= WAIT_WALL_MS) ?? 64;
}

/** `sleep D` (alone on its line): the virtual ms it waits. */
function sleepOf(line: string): number | undefined {
  const m = /^sleep\s+((?:\d+(?:\.\d+)?(?:ms|s|m|h))+)$/.exec(line.trim());
  if (!m) return undefined;
  let total = 0;
  for (const [, n, unit] of (m[1] as string).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  return Math.round(total);
}

/** Commands that wait for the cluster: they are worth watching before they answer. */
const waitsForCluster = (line: string) => /^(timeout\s+\S+\s+)?kubectl\s+(rollout\s+status|wait)\b/.test(line.trim());

let skipRequested = false;
/** Ends the wait being played: the rest of it passes at once. */
export function skipWait(): void {
  skipRequested = true;
}

const lesson = (): LessonState | null => useSim.getState().lesson;
function patch(p: Partial<LessonState>): void {
  useSim.setState((s) => (s.lesson ? { lesson: { ...s.lesson, ...p } } : {}));
}

/** Resolves when the virtual clock reaches `t` (or a skip was asked). */
function clockReaches(t: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => skipRequested || useSim.getState().transport.t >= t || !useSim.getState().lesson;
    if (done()) return resolve();
    const stop = useSim.subscribe(() => {
      if (!done()) return;
      stop();
      clearInterval(timer);
      resolve();
    });
    // Skip changes no store state: look again now and then.
    const timer = setInterval(() => {
      if (!done()) return;
      stop();
      clearInterval(timer);
      resolve();
    }, 100);
  });
}

/** Resolves after `ms` of wall time, a skip, or when the cluster has nothing left to do. */
function watchFor(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const start = performance.now();
    const timer = setInterval(() => {
      const s = useSim.getState();
      if (skipRequested || performance.now() - start >= ms || s.transport.next === null || !s.lesson) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
}

/** Plays `ms` of virtual time on the visible clock at the lesson's pace, ending exactly `ms` later. */
async function playWait(what: string, ms: number): Promise<void> {
  const before = useSim.getState().transport;
  const speed = speedFor(ms, lesson()?.speed);
  const from = before.t;
  const until = from + ms;
  skipRequested = false;
  patch({ waiting: { what, from, until, speed } });
  setSpeed(speed);
  play();
  // Stop a little early (ticks move in steps), then move to the exact end.
  await clockReaches(until - speed * 300);
  pause();
  await new Promise((r) => setTimeout(r, 0));
  const now = useSim.getState().transport.t;
  if (until > now) await advanceExactly(until - now);
  patch({ waiting: null });
  setSpeed(before.speed);
  if (before.playing) play();
}

/** Lets the cluster move on screen before a command that waits for it, so the learner sees what it waits for. */
async function watchBefore(line: string): Promise<void> {
  const before = useSim.getState().transport;
  if (before.next === null) return;
  const speed = speedFor(60_000, lesson()?.speed);
  skipRequested = false;
  patch({ waiting: { what: line, from: before.t, until: before.t + speed * PRE_PLAY_WALL_MS, speed } });
  setSpeed(speed);
  play();
  await watchFor(PRE_PLAY_WALL_MS);
  pause();
  patch({ waiting: null });
  setSpeed(before.speed);
  if (before.playing) play();
}

async function runStep(step: LessonStep): Promise<void> {
  if ('say' in step) {
    useSim.setState((s) => ({ terminal: s.terminal.concat({ kind: 'say', text: step.say }) }));
    await runCommand(`# ${step.say.replace(/\n+/g, ' ')}`, { silent: true });
    return;
  }
  if (!('run' in step)) return;
  const wait = sleepOf(step.run);
  if (wait !== undefined) {
    // The command is echoed as typed; the time it asks for passes on the clock, watchably.
    say([{ kind: 'command', text: step.run.trim() }]);
    await playWait(step.run.trim(), wait);
    return;
  }
  if (waitsForCluster(step.run)) await watchBefore(step.run.trim());
  await runCommand(step.run);
}

/**
 * The lesson's one button. Reading a stretch: run it. At a check: verify it.
 * After a stretch ran: show the next one. Returns what happened.
 */
export async function lessonAdvance(): Promise<'ran' | 'checked' | 'moved' | 'done' | 'busy'> {
  const l = lesson();
  if (!l) return 'done';
  if (l.running) return 'busy';
  const end = stretchEnd(l.steps, l.shown, l.oneByOne);
  const at = l.steps[l.next];
  if (l.next < end && at && 'check' in at) {
    await verify(at.check);
    return 'checked';
  }
  if (l.next < end) {
    patch({ running: true, verdict: null });
    try {
      let i = l.next;
      while (i < end) {
        const step = l.steps[i] as LessonStep;
        if ('check' in step) break;
        await runStep(step);
        i++;
        patch({ next: i });
        if (!lesson()) return 'done';
      }
    } finally {
      patch({ running: false, waiting: null });
    }
    // A replayed link moves on by itself: one step per Next.
    const after = lesson();
    if (after?.oneByOne) patch({ shown: after.next });
    return 'ran';
  }
  if (end >= l.steps.length) return 'done';
  patch({ shown: end, next: end, verdict: null });
  // Showing a stretch is reading its prose: it goes to the terminal as it did in a replay, and what is left is to run.
  const opening = l.steps[end];
  if (opening && 'say' in opening) {
    patch({ running: true });
    try {
      await runStep(opening);
    } finally {
      patch({ running: false, next: end + 1 });
    }
  }
  return 'moved';
}

/** Runs the check at the lesson's position quietly; when it passes, the lesson goes past it. */
export async function verify(check: LessonCheck): Promise<boolean> {
  const m: Extract<WorkerMessage, { type: 'checked' }> = await requestCheck(check);
  const l = lesson();
  if (!l) return m.ok;
  patch({ verdict: { ok: m.ok, output: m.output } });
  if (m.ok) patch({ next: l.next + 1 });
  return m.ok;
}
