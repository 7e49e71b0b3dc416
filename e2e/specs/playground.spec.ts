import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, typeInto } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

test('the default scenario loads and settles with two Ready pods, claims and volumes', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(16);
  await expect(app.pod('web-0')).toHaveAttribute('data-stage', 'Ready');
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready');
  await expect(app.claim('www-web-0')).toHaveAttribute('data-phase', 'Bound');
  await expect(app.claim('www-web-1')).toHaveAttribute('data-phase', 'Bound');
  await expect(page.getByTestId('svc-nginx')).toBeVisible();
  await expect(page.getByTestId('sc-standard')).toBeVisible();
  await expect(page.getByTestId('why-web')).toContainText('all 2 pods Ready');
  await expect(app.pod('web-2')).toHaveCount(0);
});

test('scaling 2→5 creates web-2, web-3 and web-4 in order, each after the previous is Ready', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(16);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready');
  await app.setSpeed(4);
  // Record, from the canvas itself, when each pod appears and when it turns Ready.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __order: string[] }).__order = seen;
    const tick = () => {
      for (const n of [2, 3, 4]) {
        const el = document.querySelector(`[data-testid="pod-web-${n}"]`);
        if (el && !seen.includes(`appear web-${n}`)) seen.push(`appear web-${n}`);
        if (el?.getAttribute('data-stage') === 'Ready' && !seen.includes(`ready web-${n}`)) seen.push(`ready web-${n}`);
      }
      if (seen.length < 6) requestAnimationFrame(tick);
    };
    tick();
  });
  const input = page.getByTestId('replicas-input');
  await typeInto(input, '5');
  await input.press('Enter');
  await expect(page.getByTestId('terminal-output')).toContainText('$ kubectl scale statefulset/web --replicas=5\nstatefulset.apps/web scaled');
  // While web-2 is starting, the controller says it waits for it.
  await expect(page.getByTestId('why-web')).toContainText('web-2');
  await expect(app.pod('web-4')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  const order = await page.evaluate(() => (window as unknown as { __order: string[] }).__order);
  expect(order).toEqual(['appear web-2', 'ready web-2', 'appear web-3', 'ready web-3', 'appear web-4', 'ready web-4']);
  // The control also rewrote the editor's YAML, keeping the author's comment.
  const manifests = await page.evaluate(() => window.__sim?.state().manifests ?? '');
  expect(manifests).toMatch(/replicas: 5 +# try 5/);
});

test('scaling down keeps the claims, shown as retained, and scaling up reuses them', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await app.type('kubectl scale sts web --replicas=4');
  await expect(app.pod('web-3')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  const volumeOf = (claim: string) => page.evaluate((c) => window.__sim?.state().claims.get(c)?.volume ?? null, claim);
  const pv3 = await volumeOf('www-web-3');
  expect(pv3).toMatch(/^pvc-/);
  await app.type('kubectl scale sts web --replicas=2');
  await expect(app.pod('web-3')).toHaveCount(0, { timeout: 30_000 });
  await expect(app.pod('web-2')).toHaveCount(0);
  await expect(app.claim('www-web-3')).toHaveAttribute('data-retained', 'true');
  await expect(app.claim('www-web-2')).toHaveAttribute('data-retained', 'true');
  await expect(page.getByTestId(`pv-${pv3}`)).toBeVisible();
  await app.type('kubectl scale sts web --replicas=4');
  await expect(app.pod('web-3')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await expect(app.claim('www-web-3')).toHaveAttribute('data-retained', 'false');
  expect(await volumeOf('www-web-3')).toBe(pv3);
  expect((await app.podState('web-3'))?.claims).toEqual(['www-web-3']);
});

test('the partition slider updates only the ordinals at or above it', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await app.type('kubectl scale sts web --replicas=5');
  await expect(app.pod('web-4')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  const slider = page.getByTestId('partition-slider');
  // With the keyboard, as a person moves a slider without a mouse.
  await slider.focus();
  await slider.press('Home');
  for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
  await expect(page.getByTestId('terminal-output')).toContainText(`kubectl patch statefulset/web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":3}}}}'`);
  await expect(page.getByTestId('partition-web')).toHaveAttribute('data-partition', '3');
  await typeInto(page.getByTestId('image-input'), 'nginx:1.28');
  await page.getByTestId('set-image').click();
  await expect(page.getByTestId('terminal-output')).toContainText('statefulset.apps/web image updated');
  for (const n of [3, 4]) await expect(app.pod(`web-${n}`)).toHaveAttribute('data-revision', 'update', { timeout: 30_000 });
  await expect(app.pod('web-3')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  for (const n of [0, 1, 2]) await expect(app.pod(`web-${n}`)).toHaveAttribute('data-revision', 'current');
  const images = await page.evaluate(() => [...(window.__sim?.state().pods.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((p) => p.image));
  expect(images).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27', 'nginx:1.28', 'nginx:1.28']);
  // Lowering the partition moves the rest.
  await slider.press('Home');
  await expect
    .poll(() => page.evaluate(() => [...(window.__sim?.state().pods.values() ?? [])].map((p) => `${p.image} ${p.stage}`).join(',')), { timeout: 30_000 })
    .toBe(Array(5).fill('nginx:1.28 Ready').join(','));
  // Once every pod has moved, the update revision becomes the current one.
  for (const n of [0, 1, 2, 3, 4]) await expect(app.pod(`web-${n}`)).toHaveAttribute('data-revision', 'current');
});

test('a bad image blocks the rollout and the page says why', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await app.type('kubectl scale sts web --replicas=3');
  await expect(app.pod('web-2')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await typeInto(page.getByTestId('image-input'), 'nginx:bad');
  await page.getByTestId('set-image').click();
  await expect(app.pod('web-2')).toHaveAttribute('data-failing', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('why-web')).toHaveAttribute('data-waiting', 'true');
  await expect(page.getByTestId('why-web')).toContainText('web-2');
  // The older pods stay on the old revision: the rollout does not go past the broken pod.
  await page.waitForTimeout(1500);
  for (const n of [0, 1]) await expect(app.pod(`web-${n}`)).toHaveAttribute('data-revision', 'current');
  await expect(app.pod('web-2')).toContainText(/ErrImagePull|ImagePullBackOff/);
});

test('a YAML error shows a marker at its line and keeps the last good state', async ({ app, page }) => {
  await app.open();
  await page.waitForFunction(() => window.__editor !== undefined, undefined, { timeout: 30_000 });
  const good = await page.evaluate(() => window.__editor?.getValue() ?? '');
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  // Typed over the set's name, key by key.
  expect(await page.evaluate(() => window.__editor?.select('name: web', 'kind: StatefulSet') ?? false)).toBe(true);
  await page.keyboard.type('name: web: x');
  const broken = await page.evaluate(() => window.__editor?.getValue() ?? '');
  expect(broken).toBe(good.replace('  name: web\nspec:', '  name: web: x\nspec:'));
  const line = broken.split('\n').findIndex((l) => l.includes('name: web: x')) + 1;
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect.poll(() => page.evaluate(() => window.__editor?.markers().map((m) => m.line) ?? []), { timeout: 15_000 }).toContainEqual(line);
  // The cluster keeps what it had.
  await expect(app.pod('web-0')).toBeVisible();
  expect(await page.evaluate(() => window.__sim?.state().sets.get('web')?.replicas)).toBe(2);
  // An invalid object is placed at its field with the API server's message.
  expect(await page.evaluate(() => window.__editor?.select('name: web: x') ?? false)).toBe(true);
  await page.keyboard.type('name: web');
  expect(await page.evaluate(() => window.__editor?.select('replicas: 2 ') ?? false)).toBe(true);
  await page.keyboard.type('replicas: -1 ');
  const invalid = good.replace(/replicas: 2 /, 'replicas: -1 ');
  expect(await page.evaluate(() => window.__editor?.getValue())).toBe(invalid);
  await page.getByRole('button', { name: /^Apply/ }).click();
  const replicasLine = invalid.split('\n').findIndex((l) => l.includes('replicas: -1')) + 1;
  await expect
    .poll(() => page.evaluate(() => window.__editor?.markers().filter((m) => m.owner === 'apply').map((m) => `${m.line} ${m.message}`) ?? []))
    .toContainEqual(`${replicasLine} The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`);
  expect(await page.evaluate(() => window.__sim?.state().sets.get('web')?.replicas)).toBe(2);
  // The edits survive a reload.
  await page.reload();
  await page.waitForFunction(() => window.__editor !== undefined, undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => window.__editor?.getValue())).toBe(invalid);
});

test('deleting a pod brings it back with the same name and claim', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(16);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready');
  const before = await app.podState('web-1');
  await app.pod('web-1').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('inspector-text')).toContainText('Name:');
  await page.getByTestId('inspector-delete').click();
  await expect(page.getByTestId('terminal-output')).toContainText('pod "web-1" deleted');
  await expect.poll(async () => (await app.podState('web-1'))?.uid, { timeout: 30_000 }).not.toBe(before?.uid);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  expect((await app.podState('web-1'))?.claims).toEqual(before?.claims);
});

test('the terminal prints the same text as the headless runner for the same commands', async ({ app, page }) => {
  await app.open();
  await app.pause();
  const scenario = readFileSync('src/scenarios/playground.yaml', 'utf8');
  await page.evaluate((s) => window.__sim?.load(s, false), scenario);
  const commands = ['kubectl get pods', 'kubectl rollout status statefulset/web', 'kubectl get pods -o wide', 'kubectl scale sts web --replicas=3', 'timeout 30s kubectl get pods -w', 'kubectl get pvc', 'kubectl describe sts web', 'kubectl get sts web -o jsonpath={.status}', 'kubectl nope'];
  for (const c of commands) await app.type(c);
  const shown = await app.terminalOutput.textContent();
  const dir = mkdtempSync(join(tmpdir(), 'sts-e2e-'));
  const file = join(dir, 'same.yaml');
  writeFileSync(file, scenario.replace('steps: []', `steps:\n${commands.map((c) => `  - ${JSON.stringify(c)}`).join('\n')}`));
  const headless = execFileSync('npx', ['tsx', 'src/cli/sim.ts', file], { encoding: 'utf8' });
  expect(shown?.endsWith(headless.slice(headless.indexOf('$ kubectl get pods\n')))).toBe(true);
  expect(headless).toContain('Error: unknown command "nope" for "kubectl"');
});

test('deleting the StatefulSet from the inspector removes its pods and keeps its claims', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await page.getByTestId('lane-web').click();
  await expect(page.getByTestId('inspector')).toContainText('StatefulSet');
  await page.getByTestId('inspector-delete').click();
  await expect(page.getByTestId('terminal-output')).toContainText('statefulset.apps "web" deleted');
  await expect(app.pod('web-0')).toHaveCount(0, { timeout: 30_000 });
  await expect(app.pod('web-1')).toHaveCount(0);
  await expect(app.claim('www-web-0')).toHaveAttribute('data-retained', 'true');
  await expect(app.claim('www-web-1')).toHaveAttribute('data-phase', 'Bound');
  await expect(page.getByTestId('lane-web')).toContainText('deleted');
});

test('the why line says what the controller decided: Parallel 2→6 and 6→2 with the buttons, and one pod', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(16);
  const why = page.getByTestId('why-web');
  await expect(app.pod('web-1')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  // podManagementPolicy is immutable: the control shows the refusal, then recreates the set (pods and claims are taken over).
  await page.getByTestId('policy-select').selectOption('Parallel');
  await page.waitForFunction(() => window.__sim?.state().sets.get('web')?.podManagementPolicy === 'Parallel');
  await expect(why).toContainText('web: all 2 pods Ready at revision', { timeout: 30_000 });
  // Paused, the page shows what each click's sync decided at that instant.
  await app.pause();
  const up = page.getByRole('button', { name: 'Scale up by one' });
  const down = page.getByRole('button', { name: 'Scale down by one' });
  const replicas = page.getByTestId('replicas-input');
  for (const n of [3, 4, 5, 6]) {
    await up.click();
    await expect(replicas).toHaveValue(String(n));
  }
  await expect(page.getByTestId('terminal-output')).toContainText('$ kubectl scale statefulset/web --replicas=6\nstatefulset.apps/web scaled');
  // No update is under way: a Parallel scale-up waits for nothing.
  await expect(why).toHaveText('web: 2 of 6 pods Ready; Parallel: pods start and stop without waiting for each other');
  await expect(why).toHaveAttribute('data-waiting', 'false');
  await page.getByTestId('play-pause').click();
  await expect(why).toContainText('web: all 6 pods Ready at revision', { timeout: 30_000 });
  await app.pause();
  for (const n of [5, 4, 3, 2]) {
    await down.click();
    await expect(replicas).toHaveValue(String(n));
  }
  await expect(why).toHaveText('web: scaling down: 6 pods, 2 wanted');
  await expect(why).toHaveAttribute('data-waiting', 'false');
  await page.getByTestId('play-pause').click();
  await expect(why).toContainText('web: all 2 pods Ready at revision', { timeout: 30_000 });
  await down.click();
  await expect(replicas).toHaveValue('1');
  await expect(why).toContainText('web: the pod is Ready at revision', { timeout: 30_000 });
  await expect(why).not.toContainText('1 pods');
});
