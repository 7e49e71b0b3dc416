import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandStart, historyLine, MAX_NESTING, needsMore, NESTING_MESSAGE, parseShell, plainText, shownLine, simpleCommands } from './shell-syntax';

const errorOf = (line: string) => parseShell(line).error?.message;

describe('shell syntax errors, as an interactive bash 5.2 prints them', () => {
  // Each message checked with `printf '%s\n' LINE | bash --norc --noediting -i`.
  it.each([
    ['; echo', "syntax error near unexpected token `;'"],
    ['echo a ;; b', "syntax error near unexpected token `;;'"],
    ['echo a;;', "syntax error near unexpected token `;;'"],
    ['echo a; ;', "syntax error near unexpected token `;'"],
    ['&& echo', "syntax error near unexpected token `&&'"],
    ['|', "syntax error near unexpected token `|'"],
    ['echo a | | b', "syntax error near unexpected token `|'"],
    ['echo a || || b', "syntax error near unexpected token `||'"],
    ['for', "syntax error near unexpected token `newline'"],
    ['done', "syntax error near unexpected token `done'"],
    ['do', "syntax error near unexpected token `do'"],
    ['then', "syntax error near unexpected token `then'"],
    ['}', "syntax error near unexpected token `}'"],
    [')', "syntax error near unexpected token `)'"],
    ['echo )', "syntax error near unexpected token `)'"],
    ['()', "syntax error near unexpected token `)'"],
    ['echo (', "syntax error near unexpected token `newline'"],
    ['echo a (', "syntax error near unexpected token `('"],
    ['echo a >', "syntax error near unexpected token `newline'"],
    ['echo a > ;', "syntax error near unexpected token `;'"],
    ['for x in a b; do echo $x; done; done', "syntax error near unexpected token `done'"],
    ['for x in a; echo; done', "syntax error near unexpected token `echo'"],
    ['for x in a do echo; done', "syntax error near unexpected token `done'"],
    ['for x in a b; do; echo; done', "syntax error near unexpected token `;'"],
    ['for x in a; do done', "syntax error near unexpected token `done'"],
    ['echo a | ! cat', "syntax error near unexpected token `!'"],
  ])('%s', (line, message) => {
    expect(errorOf(line)).toBe(message);
    expect(needsMore(line)).toBe(false);
  });

  it.each([
    ['echo a |', 'syntax error: unexpected end of file'],
    ['echo a &&', 'syntax error: unexpected end of file'],
    ['echo a ||', 'syntax error: unexpected end of file'],
    ['for x', 'syntax error: unexpected end of file'],
    ['for x in a b', 'syntax error: unexpected end of file'],
    ['for x in a b; do', 'syntax error: unexpected end of file'],
    ['for x in a b; do echo $x', 'syntax error: unexpected end of file'],
    ['for x in a; do echo; don', 'syntax error: unexpected end of file'],
    ['{ echo a }', 'syntax error: unexpected end of file'],
    ['(', 'syntax error: unexpected end of file'],
    ["echo 'abc", "unexpected EOF while looking for matching `''"],
    ['echo "abc', 'unexpected EOF while looking for matching `"\''],
    ['echo $(echo', "unexpected EOF while looking for matching `)'"],
    ['echo $(for x in a; do', "unexpected EOF while looking for matching `)'"],
    ['echo ${x', "unexpected EOF while looking for matching `}'"],
    ['echo $(( 1 + ', "unexpected EOF while looking for matching `)'"],
    ['echo `date', 'unexpected EOF while looking for matching ``\''],
  ])('%s waits for another line (at its end: %s)', (line, message) => {
    expect(errorOf(line)).toBe(message);
    expect(needsMore(line)).toBe(true);
  });

  it('waits for the rest of a line that ends with a backslash, and runs it as it is at the end of input', () => {
    expect(needsMore('echo a \\')).toBe(true);
    expect(needsMore('echo a \\\nb')).toBe(false);
    expect(parseShell('echo a \\').error).toBeUndefined();
    expect(parseShell('echo a \\').commands).toHaveLength(1);
    expect(needsMore("echo 'a \\'")).toBe(false);
  });

  it('parses what bash accepts, including a command over several lines', () => {
    for (const line of [
      'echo a;',
      'for x in; do echo y; done',
      'for x do echo y; done',
      'for x in a b\ndo echo $x; done',
      'for i in 0 1; do\n  kubectl exec "web-$i" -- sh -c \'hostname\'\ndone',
      'kubectl get pods |\n  grep web',
      'echo a &&\n\necho b',
      '{ echo a; } | cat',
      '( echo a ) 2>&1',
      'x=1 y=2; echo $x$y',
      '! true; echo $?',
      'echo {',
      'echo }',
      'echo a#b # a comment',
      'echo ${x:-{a,b}} $((1 + (2 * 3)))',
      'echo "$(echo ")")"',
      'echo `echo \\`echo in\\``',
      "echo $'a\\'b'",
      'cat <<< "hi"',
      'echo a 2>/dev/null >&2',
    ]) {
      expect([line, errorOf(line)]).toEqual([line, undefined]);
      expect(needsMore(line)).toBe(false);
    }
  });

  it('runs the complete commands before the first error (bash reads one at a time)', () => {
    const r = parseShell('echo a\necho b )\necho c');
    expect(r.commands).toHaveLength(1);
    expect(r.error?.message).toBe("syntax error near unexpected token `)'");
  });

  it('refuses the compound commands the terminal does not run, clearly and at once', () => {
    for (const [line, what] of [
      ['if true; then echo; fi', '`if\''],
      ['while true; do echo; done', '`while\''],
      ['case x in x) echo;; esac', '`case\''],
      ['f() { echo; }', 'function definitions'],
      ['function f { echo; }', 'function definitions'],
      ['((1 + 2))', '((…)) commands'],
    ]) {
      expect(errorOf(line as string)).toBe(`${what}: not supported by the playground's terminal; it runs for loops, pipes, ;, &&, || and $(…)`);
      expect(needsMore(line as string)).toBe(false);
    }
    expect(errorOf('kubectl get pods -w &')).toMatch(/^`&': the playground's terminal runs commands one after another/);
    expect(errorOf('cat <<EOF')).toMatch(/^`<<': the playground's terminal reads no here-documents/);
  });

  it('bounds nesting, for every way of nesting, without deep recursion', () => {
    const deep = (open: string, close: string, n: number) => `echo ${open.repeat(n)}x${close.repeat(n)}`;
    for (const [open, close] of [['$(echo ', ')'], ['"$(echo ', ')"'], ['${x:-', '}'], ['$((', '))']]) {
      expect(errorOf(deep(open as string, close as string, MAX_NESTING - 1))).toBeUndefined();
      expect(errorOf(deep(open as string, close as string, MAX_NESTING + 1))).toBe(NESTING_MESSAGE);
      expect(errorOf(deep(open as string, close as string, 100_000))).toBe(NESTING_MESSAGE);
    }
    expect(errorOf(`${'( '.repeat(50_000)}echo${' )'.repeat(50_000)}`)).toBe(NESTING_MESSAGE);
    expect(errorOf(`${'for x in a; do '.repeat(1000)}echo${'; done'.repeat(1000)}`)).toBe(NESTING_MESSAGE);
    expect(errorOf(`echo ${'`echo \\'.repeat(40)}`)).toBeDefined();
  });

  it('reads long lines in time proportional to their length', () => {
    // A parse that rescans would take minutes on these.
    for (const line of [`echo ${'a'.repeat(1_000_000)}`, `echo ${'"a" '.repeat(100_000)}`, `${'echo a; '.repeat(50_000)}`, `echo ${'{'.repeat(200_000)}`, `echo ${'$'.repeat(200_000)}`]) {
      expect(errorOf(line)).toBeUndefined();
    }
  });

  it('never throws anything but its own errors, whatever the text', () => {
    const alphabet = fc.constantFrom(...'ab $(){}[]\'"`\\;&|<>!#=-*?\n\t0123456789'.split(''), 'for ', 'do ', 'done', 'in ', '${', '$((', '))', '<<<', '2>&1');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (line) => {
        const r = parseShell(line);
        if (r.error) expect(typeof r.error.message).toBe('string');
        // Incomplete lines stay incomplete with more text only if that text does not close them; a newline never throws.
        expect(() => needsMore(`${line}\n`)).not.toThrow();
      }),
      { numRuns: 3000, seed: 4 },
    );
  });
});

describe('the commands of a line', () => {
  it('lists every simple command, nested ones included, with their words', () => {
    const { commands } = parseShell('for i in $(kubectl get pods -o name); do kubectl delete $i | grep -c x; done && echo "$(sleep 1s)"');
    const names = commands.flatMap((l) => [...simpleCommands(l)].map((c) => c.words.map((w) => plainText(w) ?? w.raw).join(' ')));
    expect(names).toEqual(['kubectl get pods -o name', 'kubectl delete $i', 'grep -c x', 'sleep 1s', 'echo "$(sleep 1s)"']);
  });

  it('finds where the command being typed starts, for completion', () => {
    expect(commandStart('kubectl get pods | gr')).toEqual({ offset: 19, afterPipe: true });
    expect(commandStart('a || b')).toEqual({ offset: 5, afterPipe: false });
    expect(commandStart('for i in 0 1; do kubectl get po')).toEqual({ offset: 17, afterPipe: false });
    expect(commandStart('x=1 kubectl get')).toEqual({ offset: 4, afterPipe: false });
    expect(commandStart('echo "a;b" \'c|d\' kubectl')).toEqual({ offset: 0, afterPipe: false });
    expect(commandStart('echo "$(kubectl get')).toEqual({ offset: 8, afterPipe: false });
    expect(commandStart('echo a # kubectl')).toEqual({ offset: 16, afterPipe: false });
  });

  it('echoes a command of several lines after `> ` and keeps it as one history line', () => {
    const loop = 'for i in 0 1; do\n  kubectl exec "web-$i" -- hostname\ndone';
    expect(shownLine(loop)).toBe('for i in 0 1; do\n>   kubectl exec "web-$i" -- hostname\n> done');
    expect(historyLine(loop)).toBe('for i in 0 1; do kubectl exec "web-$i" -- hostname; done');
    expect(historyLine('for i in 0 1\ndo\necho $i\ndone')).toBe('for i in 0 1; do echo $i; done');
    expect(historyLine('kubectl get pods |\ngrep web')).toBe('kubectl get pods | grep web');
    expect(historyLine('echo a \\\nb')).toBe('echo a b');
    for (const text of [loop, 'for i in 0 1\ndo\necho $i\ndone', 'kubectl get pods |\ngrep web && echo ok']) {
      expect(parseShell(historyLine(text)).error).toBeUndefined();
    }
  });
});
