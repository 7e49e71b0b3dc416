/**
 * A guided lesson: the prose of the stretch on screen, the commands it runs,
 * a wait played on the clock (with Skip), a check the learner verifies, and
 * one button that runs the stretch, verifies, or moves to the next one.
 */
import { skipWait, stretchEnd } from '../store/lesson';
import { lessonNext } from '../store/scenario-actions';
import { useSim } from '../store/store';

const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 1000))}s`;

export function LessonBar() {
  const lesson = useSim((s) => s.lesson);
  const busy = useSim((s) => s.busy);
  const description = useSim((s) => s.description);
  const now = useSim((s) => s.transport.t);
  if (!lesson) return null;
  const { steps, shown, next } = lesson;
  const end = stretchEnd(steps, shown, lesson.oneByOne);
  const first = steps[shown];
  const prose = first && 'say' in first ? first.say : null;
  const pending = steps.slice(next, end);
  const at = steps[next];
  const check = next < end && at && 'check' in at ? at.check : null;
  const commands = pending.filter((s): s is { run: string } => 'run' in s);
  const ran = steps.slice(shown, next).filter((s): s is { run: string } => 'run' in s);
  const finished = next >= steps.length;
  const last = end >= steps.length;
  const running = lesson.running === true;
  const label = running ? 'Running…' : check ? 'Verify my work' : next < end ? (commands.length ? 'Run ▸' : 'Next ▸') : last ? 'Done' : 'Next ▸';
  const disabled = running || busy || (next >= end && last);
  const wait = lesson.waiting;
  return (
    <section aria-label="Lesson" data-testid="lesson" data-phase={running ? 'running' : check ? 'check' : next < end ? 'read' : 'ran'} className="flex items-start gap-3 border-b border-sky-200 bg-sky-50 px-3 py-2 text-sm dark:border-sky-900 dark:bg-sky-950">
      <div className="min-w-0 flex-1">
        {shown === 0 && description && <p className="mb-1 text-xs text-slate-600 dark:text-slate-300">{description}</p>}
        {prose !== null && (
          <p data-testid="lesson-text" className="whitespace-pre-line">
            {prose}
          </p>
        )}
        {commands.length > 0 && !running && (
          <p className="mt-0.5 truncate font-mono text-xs text-slate-500" data-testid="lesson-commands" title={commands.map((c) => c.run).join('\n')}>
            {prose === null && <span className="font-sans">Next, run: </span>}
            {commands.map((c) => `$ ${c.run}`).join('   ')}
          </p>
        )}
        {ran.length > 0 && next >= end && !running && (
          <p className="mt-0.5 truncate font-mono text-xs text-emerald-700 dark:text-emerald-400" data-testid="lesson-ran" title={ran.map((c) => c.run).join('\n')}>
            ✓ {ran.map((c) => `$ ${c.run}`).join('   ')}
          </p>
        )}
        {wait && (
          <p className="mt-1 flex items-center gap-2 text-xs text-sky-900 dark:text-sky-200" data-testid="lesson-wait" role="status">
            <span className="font-mono">{wait.what}</span>
            <span>
              {seconds(Math.min(now, wait.until) - wait.from)} of {seconds(wait.until - wait.from)} at {wait.speed}×
            </span>
            <button type="button" data-testid="lesson-skip" className="rounded border border-sky-400 px-2 py-0.5 hover:bg-sky-100 dark:hover:bg-sky-900" onClick={skipWait}>
              Skip ▸▸
            </button>
          </p>
        )}
        {check && (
          <p className="mt-1 text-xs" data-testid="lesson-check">
            <span className="font-medium">Your turn:</span> {check.hint}
            {lesson.verdict && (
              <span data-testid="lesson-verdict" className={`ml-2 font-medium ${lesson.verdict.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}`}>
                {lesson.verdict.ok ? '✓ done' : `✗ not yet (${check.run.trim()} printed ${JSON.stringify(lesson.verdict.output.replace(/\n+$/, '').slice(0, 80))})`}
              </span>
            )}
          </p>
        )}
        {lesson.verdict?.ok && !check && <p className="mt-1 text-xs font-medium text-emerald-700 dark:text-emerald-400">✓ Checked: well done.</p>}
        {finished && next >= end && last && <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">The lesson is over. Keep playing: every control and the terminal still work.</p>}
      </div>
      <span className="text-xs whitespace-nowrap text-slate-500">
        step {Math.min(next, steps.length)} / {steps.length}
      </span>
      <button type="button" disabled={disabled} data-testid="lesson-next" className="rounded bg-sky-600 px-3 py-1 text-xs font-medium whitespace-nowrap text-white hover:bg-sky-700 disabled:opacity-40" onClick={() => void lessonNext()}>
        {label}
      </button>
    </section>
  );
}

