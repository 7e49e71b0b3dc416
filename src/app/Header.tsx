/**
 * The page's header: name, scenario title and actions. Below 1024 px the
 * actions fold into a menu (a disclosure: the same buttons with the same
 * names, shown in a column), so the header never runs wider than the screen.
 */
import { useEffect, useRef, useState } from 'react';
import { MENU_ITEM, ScenarioMenu } from './panels/ScenarioMenu';
import { setTheme } from './store/actions';
import { useSim } from './store/store';
import { MENU_QUERY, useMedia } from './ui/use-media';

const rowBtn = 'whitespace-nowrap rounded px-2 py-1 text-xs hover:bg-slate-200 dark:hover:bg-slate-800';
const VERSION = 'Kubernetes v1.32 (simulated)';

/** `onToggleEditor` is absent when the editor is not a panel beside the canvas (a phone shows it as a tab). */
export function Header({ editorOpen, onToggleEditor }: { editorOpen: boolean; onToggleEditor?: () => void }) {
  const theme = useSim((s) => s.theme);
  const title = useSim((s) => s.title);
  const folded = useMedia(MENU_QUERY);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuOpen = folded && open;

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      root.current?.querySelector<HTMLElement>('[aria-controls="header-actions"]')?.focus();
    };
    const onDown = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [menuOpen]);

  const btn = folded ? MENU_ITEM : rowBtn;
  const close = () => setOpen(false);
  return (
    <header className="flex min-w-0 items-center gap-3 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
      <h1 className="shrink-0 text-sm font-semibold tracking-tight" title={VERSION}>
        StatefulSet Playground
      </h1>
      {title && <span className="min-w-0 truncate text-sm text-slate-500 max-sm:hidden dark:text-slate-400">· {title}</span>}
      <span className="shrink-0 text-xs text-slate-400 max-xl:hidden" title="The cluster follows Kubernetes v1.32">
        {VERSION}
      </span>
      <div ref={root} className="relative ml-auto flex shrink-0 items-center gap-2">
        {folded && (
          <button type="button" className={rowBtn} aria-expanded={menuOpen} aria-controls="header-actions" data-testid="header-menu" onClick={() => setOpen((v) => !v)}>
            <span aria-hidden>☰ </span>Menu
          </button>
        )}
        <div
          id="header-actions"
          role={folded ? 'group' : undefined}
          aria-label={folded ? 'Scenario and page actions' : undefined}
          className={folded ? (menuOpen ? 'absolute top-full right-0 z-40 mt-2 flex w-60 flex-col items-stretch gap-0.5 rounded-md border border-slate-200 bg-white p-1.5 shadow-lg dark:border-slate-700 dark:bg-slate-900' : 'hidden') : 'flex items-center gap-2'}
        >
          <ScenarioMenu vertical={folded} onDone={close} />
          {onToggleEditor && (
            <button
              type="button"
              className={btn}
              aria-pressed={editorOpen}
              onClick={() => {
                onToggleEditor();
                close();
              }}
            >
              {editorOpen ? 'Hide editor' : 'Show editor'}
            </button>
          )}
          <button type="button" className={btn} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
            {theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
          {folded && <p className="border-t border-slate-200 px-3 pt-1.5 pb-0.5 text-xs text-slate-500 dark:border-slate-700 dark:text-slate-400">{VERSION}{title ? ` · ${title}` : ''}</p>}
        </div>
      </div>
    </header>
  );
}
