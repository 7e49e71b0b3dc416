/** A guided lesson: the prose of the next stretch and a Next button that runs its commands. */
import { lessonNext } from '../store/scenario-actions';
import { useSim } from '../store/store';

export function LessonBar() {
  const lesson = useSim((s) => s.lesson);
  const busy = useSim((s) => s.busy);
  const description = useSim((s) => s.description);
  if (!lesson) return null;
  const next = lesson.steps[lesson.next];
  const done = lesson.next >= lesson.steps.length;
  const upcoming = lesson.steps.slice(lesson.next + (next && 'say' in next ? 1 : 0)).findIndex((s) => 'say' in s);
  // A replayed link runs one step per Next; a lesson runs every command up to its next prose.
  const end = lesson.oneByOne ? lesson.next + 1 : upcoming < 0 ? undefined : lesson.next + (next && 'say' in next ? 1 : 0) + upcoming;
  const commands = lesson.steps.slice(lesson.next, end).filter((s): s is { run: string } => 'run' in s);
  return (
    <section aria-label="Lesson" data-testid="lesson" className="flex items-start gap-3 border-b border-sky-200 bg-sky-50 px-3 py-2 text-sm dark:border-sky-900 dark:bg-sky-950">
      <div className="min-w-0 flex-1">
        {lesson.next === 0 && description && <p className="mb-1 text-xs text-slate-600 dark:text-slate-300">{description}</p>}
        {done ? <p>The lesson is over. Keep playing: every control and the terminal still work.</p> : next && 'say' in next ? <p data-testid="lesson-text">{next.say}</p> : <p className="text-slate-600 dark:text-slate-300">Next, run:</p>}
        {!done && commands.length > 0 && (
          <p className="mt-0.5 truncate font-mono text-xs text-slate-500" title={commands.map((c) => c.run).join('\n')}>
            {commands.map((c) => `$ ${c.run}`).join('   ')}
          </p>
        )}
      </div>
      <span className="text-xs whitespace-nowrap text-slate-500">
        step {Math.min(lesson.next, lesson.steps.length)} / {lesson.steps.length}
      </span>
      <button type="button" disabled={done || busy} data-testid="lesson-next" className="rounded bg-sky-600 px-3 py-1 text-xs font-medium text-white hover:bg-sky-700 disabled:opacity-40" onClick={() => void lessonNext()}>
        Next ▸
      </button>
    </section>
  );
}
