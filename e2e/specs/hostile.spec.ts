/**
 * Hostile input in the browser: what a stranger's link or a careless paste can
 * send must get the API server's, kubectl's or the shell's own answer, and the
 * cluster must keep working. Commands are typed with real key presses.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

/** Types a command line key by key into the terminal and waits for its output. */
async function typeCommand(page: Page, line: string): Promise<string> {
  await page.getByRole('tab', { name: 'terminal' }).click();
  const input = page.getByTestId('terminal-input');
  await input.click();
  const before = await page.evaluate(() => window.__sim?.state().terminal.length ?? 0);
  await page.keyboard.type(line);
  await expect(input).toHaveValue(line);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => {
    const s = window.__sim?.state();
    return !!s && !s.busy && s.terminal.length > n;
  }, before);
  return page.evaluate((n) => (window.__sim?.state().terminal ?? []).slice(n).map((l) => l.text).join(''), before);
}

test('a wrongly typed field in the editor gets the server decode error and changes nothing', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await page.waitForFunction(() => window.__editor !== undefined, undefined, { timeout: 30_000 });
  const good = await page.evaluate(() => window.__editor?.getValue() ?? '');
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => window.__editor?.select('replicas: 2 ') ?? false)).toBe(true);
  await page.keyboard.type('replicas: abc ');
  expect(await page.evaluate(() => window.__editor?.getValue())).toBe(good.replace(/replicas: 2 /, 'replicas: abc '));
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect
    .poll(() => page.evaluate(() => window.__editor?.markers().filter((m) => m.owner === 'apply').map((m) => m.message) ?? []), { timeout: 15_000 })
    .toContainEqual(expect.stringContaining('unrecognized type: int32'));
  // Before decoding with types, "abc" reached the controller as 1 replica and web-1 went away.
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => window.__sim?.state().sets.get('web')?.replicas)).toBe(2);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready');
});

test('a JSON patch through __proto__ is refused and the cluster keeps scaling', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  const out = await typeCommand(page, `kubectl patch sts web --type=json -p '[{"op":"add","path":"/__proto__/deletionTimestamp","value":"2025-01-01T09:00:00Z"}]'`);
  expect(out).toContain('The request is invalid: the server rejected our request due to an error in our request');
  // A poisoned engine lost its sets and left pods Terminating; a healthy one scales on.
  expect(await typeCommand(page, 'kubectl scale sts web --replicas=3')).toContain('statefulset.apps/web scaled');
  await expect(app.pod('web-2')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  expect(await typeCommand(page, 'kubectl delete pod web-0 --wait=false')).toContain('pod "web-0" deleted');
  await expect.poll(async () => (await app.podState('web-0'))?.stage, { timeout: 30_000 }).toBe('Ready');
  await expect(page.getByText('The simulation hit an internal error')).toHaveCount(0);
});

test('inputs that used to hang the page answer at once with their own words', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  // Catastrophic backtracking for a JavaScript RegExp; linear for the shell's grep.
  const long = 'a'.repeat(60);
  expect(await typeCommand(page, `kubectl exec web-0 -- sh -c 'echo ${long}b | grep -E "^(a+)+$"; echo status $?'`)).toContain('status 1');
  expect(await typeCommand(page, 'sleep 99999999h')).toContain('sleep: the playground fast-forwards at most 720h (30 days) at a time');
  // The "did you mean" search on a long unknown command is bounded too.
  expect(await typeCommand(page, `kubectl ${'x'.repeat(300)}`)).toContain(`unknown command "${'x'.repeat(300)}" for "kubectl"`);
  expect(await page.evaluate(() => window.__sim?.state().sets.get('web')?.replicas)).toBe(2);
});
