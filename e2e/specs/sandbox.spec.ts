/**
 * Every control of an embed works inside the sandbox the Embed dialog's
 * snippet sets, clicked and typed in the frame as a learner would (not
 * driven through postMessage).
 */
import { expect, test, typeInto } from '../fixtures/app';
import { openHost, waitForReady } from '../fixtures/host';
import type {} from '../../src/protocol/test-bridge';

test('each control, the terminal and the editor work in the snippet\'s sandboxed frame', async ({ app, page }) => {
  await app.open('/');
  await page.getByTestId('embed').click();
  const dialog = page.getByTestId('embed-dialog');
  for (const p of ['editor', 'events']) await dialog.getByTestId(`embed-panel-${p}`).check();
  const snippet = await dialog.getByTestId('embed-snippet').inputValue();
  await page.keyboard.press('Escape');
  const src = /src="([^"]+)"/.exec(snippet)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const sandbox = /sandbox="([^"]+)"/.exec(snippet)?.[1] ?? '';
  expect(sandbox).not.toBe('');

  await openHost(page, [{ src, sandbox }]);
  await waitForReady(page, 0);
  const f = page.frameLocator('#f0');
  const frame = page.frames().find((x) => x.url().includes('embed'));
  if (!frame) throw new Error('the frame did not open');
  const out = f.getByTestId('terminal-output');
  await f.getByTestId('speed').selectOption('64');
  await expect(f.getByTestId('pod-web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });

  // Replicas: typed, then the buttons.
  await typeInto(f.getByTestId('replicas-input'), '3');
  await f.getByTestId('replicas-input').press('Enter');
  await expect(out).toContainText('$ kubectl scale statefulset/web --replicas=3');
  await f.getByRole('button', { name: 'Scale up by one' }).click();
  await expect(out).toContainText('$ kubectl scale statefulset/web --replicas=4');
  await f.getByRole('button', { name: 'Scale down by one' }).click();
  await expect(out).toContainText('statefulset.apps/web scaled', { timeout: 15_000 });
  await expect.poll(() => frame.evaluate(() => window.__sim?.state().sets.get('web')?.replicas)).toBe(3);

  // The partition slider, with the keyboard.
  await f.getByTestId('partition-slider').focus();
  await f.getByTestId('partition-slider').press('ArrowRight');
  await expect(out).toContainText('"partition":1');

  // Set image: typed, then the button; then typed with Enter.
  await typeInto(f.getByTestId('image-input'), 'nginx:1.28');
  await f.getByTestId('set-image').click();
  await expect(out).toContainText('statefulset.apps/web image updated');
  await typeInto(f.getByTestId('image-input'), 'nginx:1.29');
  await f.getByTestId('image-input').press('Enter');
  await expect.poll(() => frame.evaluate(() => window.__sim?.state().terminal.filter((l) => l.text.includes('image updated')).length)).toBe(2);

  // Rollout buttons.
  await f.getByRole('button', { name: 'Rollout undo' }).click();
  await expect(out).toContainText('statefulset.apps/web rolled back');
  await f.getByRole('button', { name: 'Restart' }).click();
  await expect(out).toContainText('statefulset.apps/web restarted');

  // Strategy and policy selects.
  await f.getByTestId('strategy-select').selectOption('OnDelete');
  await expect.poll(() => frame.evaluate(() => window.__sim?.state().sets.get('web')?.strategy)).toBe('OnDelete');
  await f.getByTestId('policy-select').selectOption('Parallel');
  await expect.poll(() => frame.evaluate(() => window.__sim?.state().sets.get('web')?.podManagementPolicy), { timeout: 15_000 }).toBe('Parallel');

  // The timeline: pause, step, play.
  const playPause = f.getByTestId('play-pause');
  await expect(playPause).toHaveAttribute('aria-label', /^Pause/);
  await playPause.click();
  await expect(playPause).toHaveAttribute('aria-label', /^Play/);
  // Something to step to: one more pod.
  await f.getByRole('button', { name: 'Scale up by one' }).click();
  const t0 = await frame.evaluate(() => window.__sim?.time() ?? 0);
  await f.getByTestId('step').click();
  await expect.poll(() => frame.evaluate(() => window.__sim?.time() ?? 0)).toBeGreaterThan(t0);
  await playPause.click();
  await expect(playPause).toHaveAttribute('aria-label', /^Pause/);

  // The bottom tabs and the terminal.
  await f.getByRole('tab', { name: 'events' }).click();
  await expect(f.locator('#panel-events')).toBeVisible();
  await f.getByRole('tab', { name: 'terminal' }).click();
  await typeInto(f.getByTestId('terminal-input'), 'kubectl get sts web -o jsonpath={.spec.podManagementPolicy}');
  await f.getByTestId('terminal-input').press('Enter');
  await expect(out).toContainText(/\nParallel/);

  // The editor: typed with spaces, then Apply.
  await expect(f.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  expect(await frame.evaluate(() => window.__editor?.select('# A headless Service gives each pod a stable DNS name') ?? false)).toBe(true);
  await page.keyboard.type('# one DNS name per pod, typed in the frame');
  expect(await frame.evaluate(() => window.__editor?.getValue() ?? '')).toContain('# one DNS name per pod, typed in the frame');
  await f.getByRole('button', { name: /^Apply/ }).click();
  await expect.poll(() => frame.evaluate(() => window.__sim?.state().terminal.filter((l) => l.text === 'kubectl apply -f manifests.yaml').length)).toBeGreaterThan(0);
});
