/**
 * Typing as people type: real key presses into the editor, the terminal and
 * every field, with the canvas on the page (its key handlers listen on the
 * whole window). Nothing typed may be lost or turned into something else.
 */
import type { Page } from '@playwright/test';
import { expect, test, typeInto } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

async function editorReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__editor !== undefined, undefined, { timeout: 30_000 });
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
}

test('spaces and every other key typed in the editor reach the text, and Apply uses it', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await editorReady(page);
  // A person clicks the canvas first, then goes back to the editor.
  await page.getByTestId('canvas').click({ position: { x: 40, y: 300 } });
  expect(await page.evaluate(() => window.__editor?.select('replicas: 2 ') ?? false)).toBe(true);
  await page.keyboard.type('replicas: 3 ');
  expect(await page.evaluate(() => window.__editor?.select('# try 5: web-2, web-3, web-4 start one after another') ?? false)).toBe(true);
  await page.keyboard.type('# three pods: web-0, web-1 and web-2 (typed with spaces)');
  const text = await page.evaluate(() => window.__editor?.getValue() ?? '');
  expect(text).toMatch(/\n {2}replicas: 3 +# three pods: web-0, web-1 and web-2 \(typed with spaces\)\n/);
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect(app.terminalOutput).toContainText('statefulset.apps/web configured');
  await expect(app.pod('web-2')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
});

test('the terminal and the controls\' fields take typed text with spaces', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await app.type('kubectl get pods  -l app=nginx   -o name');
  await expect(app.terminalOutput).toContainText('pod/web-0\npod/web-1');
  await typeInto(page.getByTestId('replicas-input'), '3');
  await page.keyboard.press('Enter');
  await expect(app.terminalOutput).toContainText('$ kubectl scale statefulset/web --replicas=3');
  // Enter in the image field sets the image, as the button does.
  await typeInto(page.getByTestId('image-input'), 'nginx:1.28');
  await page.keyboard.press('Enter');
  await expect(app.terminalOutput).toContainText('statefulset.apps/web image updated');
  // A focused button is pressed with Space, not taken by the play/pause shortcut.
  const playing = await page.evaluate(() => window.__sim?.state().transport.playing);
  await page.getByRole('button', { name: 'Rollout undo' }).focus();
  await page.keyboard.press('Space');
  await expect(app.terminalOutput).toContainText('statefulset.apps/web rolled back');
  expect(await page.evaluate(() => window.__sim?.state().transport.playing)).toBe(playing);
});
