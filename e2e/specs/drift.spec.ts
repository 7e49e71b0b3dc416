/**
 * The editor never claims to match a cluster that kubectl changed behind it:
 * the badge says so, the diff shows editor and live values, and either the
 * live values are taken into the text or Apply puts the editor's back.
 */
import { expect, test } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

test('kubectl scale and set image in the terminal show as a diff with the editor, and the live values can be taken', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'applied');
  await app.type('kubectl scale sts web --replicas=3');
  await app.type('kubectl set image sts web nginx=nginx:1.28');
  const badge = page.getByTestId('apply-state');
  await expect(badge).toHaveAttribute('data-state', 'drifted');
  await expect(badge).toContainText('Applied; the cluster has changed 2 fields');
  await page.getByTestId('drift-toggle').click();
  const rows = page.getByTestId('drift-field');
  await expect(rows).toHaveText(['StatefulSet/web spec.replicaseditor 2, cluster 3', 'StatefulSet/web spec.template.spec.containers[nginx].imageeditor nginx:1.27, cluster nginx:1.28']);
  const before = await page.evaluate(() => window.__editor?.getValue() ?? '');
  await page.getByTestId('take-live').click();
  await expect(badge).toHaveAttribute('data-state', 'applied');
  const after = await page.evaluate(() => window.__editor?.getValue() ?? '');
  // Each value changed in place: comments and layout stay.
  expect(after).toBe(before.replace(/replicas: 2 /, 'replicas: 3 ').replace('image: nginx:1.27', 'image: nginx:1.28'));
  await expect(page.getByTestId('drift')).toHaveCount(0);
});

test('Apply after a drift puts the editor\'s values back, as kubectl apply does', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await app.type('kubectl scale sts web --replicas=3');
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'drifted');
  await expect(app.pod('web-2')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect(app.terminalOutput).toContainText('statefulset.apps/web configured');
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'applied');
  await expect(app.pod('web-2')).toHaveCount(0, { timeout: 30_000 });
});
