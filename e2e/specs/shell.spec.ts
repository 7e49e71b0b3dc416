/**
 * The terminal is a small shell: pipes into the text tools, the tutorials'
 * `for` loops (on one line, or over lines after bash's `> ` prompt), a pasted
 * block run line by line, and Tab after `-o`. Everything is typed with real
 * key presses or pasted through the clipboard.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

/** What the terminal shows after the first `count` lines of its scrollback. */
async function shownSince(page: Page, count: number): Promise<string> {
  return page.evaluate((n) => (window.__sim?.state().terminal ?? []).slice(n).map((l) => (l.kind === 'command' ? `$ ${l.text}\n` : l.text)).join(''), count);
}

const lines = (page: Page) => page.evaluate(() => window.__sim?.state().terminal.length ?? 0);

/** Types a line key by key and presses Enter; waits until the terminal is idle again. */
async function typeLine(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('terminal-input');
  await input.click();
  await page.keyboard.type(line);
  await expect(input).toHaveValue(line);
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('');
  await page.waitForFunction(() => window.__sim?.state().busy === false);
}

test.beforeEach(async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await app.pause();
  await page.getByRole('tab', { name: 'terminal' }).click();
});

test('pipes kubectl into grep, wc, sort and head, with && and ||', async ({ page }) => {
  let n = await lines(page);
  await typeLine(page, 'kubectl get pods | grep web | wc -l');
  await expect.poll(() => shownSince(page, n)).toBe('$ kubectl get pods | grep web | wc -l\n2\n');
  n = await lines(page);
  await typeLine(page, 'kubectl get pods -o name | sort -r | head -1');
  await expect.poll(() => shownSince(page, n)).toBe('$ kubectl get pods -o name | sort -r | head -1\npod/web-1\n');
  n = await lines(page);
  await typeLine(page, 'kubectl get pod web-9 2>/dev/null || echo "no web-9"');
  await expect.poll(() => shownSince(page, n)).toBe('$ kubectl get pod web-9 2>/dev/null || echo "no web-9"\nno web-9\n');
});

test('runs the tutorials\' for loop on one line, and over lines after the > prompt', async ({ page }) => {
  let n = await lines(page);
  const loop = `for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`;
  await typeLine(page, loop);
  await expect.poll(() => shownSince(page, n)).toBe(`$ ${loop}\nweb-0\nweb-1\n`);

  // Over three lines: the first two wait at bash's `>` prompt, shown as typed.
  n = await lines(page);
  await typeLine(page, 'for i in 0 1; do');
  await expect(page.getByTestId('terminal-prompt')).toHaveText('>');
  await typeLine(page, '  echo "pod web-$i"');
  await expect(page.getByTestId('terminal-pending')).toHaveText(['$ for i in 0 1; do\n', '>   echo "pod web-$i"\n']);
  expect(await lines(page)).toBe(n);
  await typeLine(page, 'done');
  await expect(page.getByTestId('terminal-prompt')).toHaveText('$');
  await expect.poll(() => shownSince(page, n)).toBe('$ for i in 0 1; do\n>   echo "pod web-$i"\n> done\npod web-0\npod web-1\n');
  await expect(page.getByTestId('terminal-pending')).toHaveCount(0);
  // ↑ brings the loop back as one line, as bash's history keeps it.
  await page.getByTestId('terminal-input').press('ArrowUp');
  await expect(page.getByTestId('terminal-input')).toHaveValue('for i in 0 1; do echo "pod web-$i"; done');
  await page.screenshot({ path: 'test-results/shell-loop.png' });
});

test('a pasted block runs line by line, in order, each line echoed; the unfinished last line waits at the prompt', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const n = await lines(page);
  const block = ['kubectl scale sts web --replicas=3', 'kubectl get sts web -o jsonpath="{.spec.replicas}"; echo', 'for i in 0 1', 'do echo "web-$i"; done', 'echo last'].join('\n');
  await page.evaluate((t) => navigator.clipboard.writeText(t), block);
  const input = page.getByTestId('terminal-input');
  await input.click();
  await page.keyboard.press('ControlOrMeta+V');
  await expect
    .poll(() => shownSince(page, n))
    .toBe(['$ kubectl scale sts web --replicas=3', 'statefulset.apps/web scaled', '$ kubectl get sts web -o jsonpath="{.spec.replicas}"; echo', '3', '$ for i in 0 1', '> do echo "web-$i"; done', 'web-0', 'web-1', ''].join('\n'));
  // The last line had no newline: it is at the prompt, not run, as in a terminal.
  await expect(input).toHaveValue('echo last');
  await page.keyboard.press('Enter');
  await expect.poll(() => shownSince(page, n)).toMatch(/\$ echo last\nlast\n$/);
  // The cluster heard the pasted scale: a third pod comes.
  await expect(page.getByTestId('pod-web-2')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/shell-paste.png' });
});

test('Tab after -o offers kubectl 1.32\'s output formats, and completes --output=', async ({ page }) => {
  const input = page.getByTestId('terminal-input');
  await input.click();
  await page.keyboard.type('kubectl get pods -o ');
  await page.keyboard.press('Tab');
  const formats = page.getByTestId('terminal-suggestions');
  await expect(formats).toContainText('custom-columns');
  await expect(formats).toContainText('jsonpath-as-json');
  await expect(formats).toContainText('wide');
  await page.keyboard.type('ya');
  await page.keyboard.press('Tab');
  await expect(input).toHaveValue('kubectl get pods -o yaml ');
  await input.press('ControlOrMeta+a');
  await page.keyboard.type('kubectl get pods | gr');
  await page.keyboard.press('Tab');
  await expect(input).toHaveValue('kubectl get pods | grep ');
});

test('errors read as bash prints them', async ({ page }) => {
  let n = await lines(page);
  await typeLine(page, 'kubeclt get pods');
  await expect.poll(() => shownSince(page, n)).toBe('$ kubeclt get pods\nbash: kubeclt: command not found\ndid you mean: kubectl?\n');
  n = await lines(page);
  await typeLine(page, 'kubectl get pods; ;');
  await expect.poll(() => shownSince(page, n)).toBe("$ kubectl get pods; ;\nbash: syntax error near unexpected token `;'\n");
});
