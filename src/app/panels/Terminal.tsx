/**
 * A kubectl prompt over the same session as the headless runner: the text it
 * shows is the transcript `npm run sim` would print for the same commands.
 * A line that needs more (an open quote, `for … do` without `done`, a
 * trailing `|`) waits for the next one after bash's `> ` prompt; a pasted
 * block runs line by line, in order, each echoed as typed.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { clearTerminal, complete, runCommand, say } from '../store/actions';
import { READ_ONLY_MESSAGE, readOnlyAllows } from '../embed/config';
import { embedConfig } from '../embed/current';
import { useSim, type TerminalLine } from '../store/store';

function lineText(l: TerminalLine): string {
  if (l.kind === 'command') return `$ ${l.text}\n`;
  if (l.kind === 'say') return l.text.split('\n').map((x) => `# ${x}`.trimEnd()).join('\n') + '\n';
  return l.text;
}

export function Terminal() {
  const lines = useSim((s) => s.terminal);
  const history = useSim((s) => s.history);
  const busy = useSim((s) => s.busy);
  const [input, setInput] = useState('');
  const [cursor, setCursor] = useState<number | null>(null);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  /** Lines of a command that needs more (shown after `$ ` and `> `), and the queue pasted lines run through. */
  const [pending, setPending] = useState<readonly string[]>([]);
  const pendingRef = useRef<readonly string[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const scroller = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines, pending]);
  useEffect(() => {
    // Back to the prompt when a command ends, but never pull focus into a frame the reader is not using.
    if (!busy && document.hasFocus() && (!embedConfig.embed || field.current?.closest('section')?.contains(document.activeElement))) field.current?.focus({ preventScroll: true });
  }, [busy]);

  const keepPending = (next: readonly string[]) => {
    pendingRef.current = next;
    setPending(next);
  };

  /** One line as if typed and entered: it completes a command (which then runs) or waits for more. */
  const enter = async (line: string): Promise<void> => {
    // Loaded with the first line entered, not with the page.
    const { needsMore, readOnlyLine, shownLine } = await import('../store/terminal-lines');
    const text = [...pendingRef.current, line].join('\n');
    if (text.trim() !== '' && needsMore(text)) return keepPending([...pendingRef.current, line]);
    keepPending([]);
    if (embedConfig.readonly && !readOnlyLine(text, readOnlyAllows)) {
      say([{ kind: 'command', text: shownLine(text) }, { kind: 'info', text: `${READ_ONLY_MESSAGE}\n` }]);
      return;
    }
    await runCommand(text);
  };

  /** Runs lines one after another, after whatever is still running. */
  const enterAll = (entered: readonly string[]) => {
    queue.current = queue.current
      .then(async () => {
        for (const l of entered) await enter(l);
      })
      // A line that failed (the engine gone, a chunk that would not load) must not stop the lines after it.
      .catch(() => undefined);
  };

  const submit = () => {
    const line = input;
    setInput('');
    setCursor(null);
    setSuggestions([]);
    enterAll([line]);
  };

  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!/[\r\n]/.test(text)) return;
    // Several lines: each complete one is entered in turn; what follows the last newline stays at the prompt.
    e.preventDefault();
    const el = e.currentTarget;
    const full = input.slice(0, el.selectionStart ?? input.length) + text + input.slice(el.selectionEnd ?? input.length);
    const all = full.replace(/\r\n?/g, '\n').split('\n');
    setInput(all.pop() ?? '');
    setCursor(null);
    setSuggestions([]);
    enterAll(all);
  };

  const onKey = async (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!busy) submit();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (history.length === 0) return;
      const i = cursor === null ? (e.key === 'ArrowUp' ? history.length - 1 : null) : e.key === 'ArrowUp' ? Math.max(0, cursor - 1) : cursor + 1;
      if (i === null || i >= history.length) {
        setCursor(null);
        setInput('');
      } else {
        setCursor(i);
        setInput(history[i] ?? '');
      }
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const { start, items } = await complete(input);
      if (items.length === 0) return setSuggestions([]);
      const common = items.reduce((a, b) => {
        let i = 0;
        while (i < a.length && i < b.length && a[i] === b[i]) i++;
        return a.slice(0, i);
      });
      const done = items.length === 1 && !items[0]?.endsWith('=') && !items[0]?.endsWith('/');
      setInput(input.slice(0, start) + common + (done ? ' ' : ''));
      setSuggestions(items.length > 1 ? items : []);
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      clearTerminal();
    } else if (e.key === 'c' && e.ctrlKey && e.currentTarget.selectionStart === e.currentTarget.selectionEnd && (input || pendingRef.current.length)) {
      // Interrupt: the lines typed so far are dropped, as bash shows them with ^C.
      e.preventDefault();
      const { shownLine } = await import('../store/terminal-lines');
      say([{ kind: 'command', text: `${shownLine([...pendingRef.current, input].join('\n'))}^C` }]);
      keepPending([]);
      setInput('');
      setCursor(null);
    }
  };

  return (
    <div className="flex h-full flex-col bg-slate-900 font-mono text-xs text-slate-100" onClick={() => window.getSelection()?.isCollapsed && field.current?.focus({ preventScroll: true })}>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto px-3 py-2" role="log" aria-live="polite" aria-label="Terminal output">
        <pre className="whitespace-pre-wrap break-all" data-testid="terminal-output">
          {lines.map((l, i) => (
            <span key={i} className={l.kind === 'command' ? 'text-sky-300' : l.kind === 'say' ? 'text-amber-200' : l.kind === 'info' ? 'text-slate-400' : undefined}>
              {lineText(l)}
            </span>
          ))}
          {pending.map((l, i) => (
            <span key={`p${i}`} className="text-sky-300" data-testid="terminal-pending">
              {`${i === 0 ? '$' : '>'} ${l}\n`}
            </span>
          ))}
        </pre>
      </div>
      {suggestions.length > 0 && (
        <div className="border-t border-slate-700 px-3 py-1 text-slate-400" data-testid="terminal-suggestions">
          {suggestions.slice(0, 40).join('  ')}
        </div>
      )}
      <div className="flex items-center gap-2 border-t border-slate-700 px-3 py-1.5">
        <span aria-hidden className="text-emerald-400" data-testid="terminal-prompt">
          {pending.length ? '>' : '$'}
        </span>
        <input
          ref={field}
          className="flex-1 bg-transparent outline-none placeholder:text-slate-500"
          aria-label="kubectl command"
          data-testid="terminal-input"
          placeholder={busy ? 'running…' : 'kubectl get pods   (Tab completes, ↑ history)'}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => void onKey(e)}
          onPaste={onPaste}
        />
        {busy && <span className="text-slate-400">running…</span>}
      </div>
    </div>
  );
}
