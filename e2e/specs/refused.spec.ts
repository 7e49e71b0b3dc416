/**
 * A scenario whose manifests the API server refuses says so where a person
 * looks: the notice, the editor's badge and markers, and the canvas. Also
 * when the editor's own Apply is refused.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

const linkFor = (text: string) => `/#1.${deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64url')}`;
const PLAYGROUND = readFileSync('src/scenarios/playground.yaml', 'utf8');

for (const [name, scenario, marked, message] of [
  // An admission policy names no field: its refusal marks the object's kind.
  ['a million replicas', PLAYGROUND.replace(/replicas: 2 /, 'replicas: 1000000 '), 'kind: StatefulSet', /ValidatingAdmissionPolicy 'playground-limits'/],
  ['a set named with markup', PLAYGROUND.replace('  metadata:\n    name: web\n', '  metadata:\n    name: "<img src=x onerror=alert(1)>"\n'), 'name: "<img src=x onerror=alert(1)>"', /metadata\.name: Invalid value: "<img src=x onerror=alert\(1\)>"/],
] as const) {
  test(`a link whose manifests the server refuses (${name}) says so in the notice, the badge, the editor and the canvas`, async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(linkFor(scenario));
    await expect(page.getByTestId('notice')).toContainText("The API server refused part of this scenario's manifests:");
    await expect(page.getByTestId('notice')).toContainText(message);
    await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'rejected');
    await expect(page.getByTestId('apply-state')).toContainText('Refused by the API server');
    await expect(page.getByTestId('canvas')).toContainText('the API server refused the manifests');
    await page.waitForFunction(() => window.__editor !== undefined, undefined, { timeout: 30_000 });
    await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
    const text = await page.evaluate(() => window.__editor?.getValue() ?? '');
    const line = text.split('\n').findIndex((l) => l.includes(marked)) + 1;
    expect(line).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => window.__editor?.markers().filter((m) => m.owner === 'apply').map((m) => m.line) ?? [])).toContainEqual(line);
    await expect(page.getByTestId('problem').first()).toContainText(message);
    expect(dialogs).toBe(0);
  });
}

test('an Apply the server refuses turns the badge red until the text changes or an apply succeeds', async ({ app, page }) => {
  await app.open();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'applied');
  expect(await page.evaluate(() => window.__editor?.select('replicas: 2 ') ?? false)).toBe(true);
  await page.keyboard.type('replicas: -1 ');
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'unapplied');
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'rejected');
  expect(await page.evaluate(() => window.__editor?.select('replicas: -1 ') ?? false)).toBe(true);
  await page.keyboard.type('replicas: 3 ');
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'unapplied');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('apply-state')).toHaveAttribute('data-state', 'applied');
});
