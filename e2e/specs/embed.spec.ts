/**
 * Embedding: the example course page, embed parameters, the Embed dialog's
 * snippet, the postMessage API from a page on another origin (with its origin
 * check), a frame sandboxed without allow-same-origin, and step-by-step replay
 * of a link.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test, typeInto } from '../fixtures/app';
import { APP, HOST, openHost, received, request, waitForReady, type Received } from '../fixtures/host';

const PLAYGROUND = readFileSync('src/scenarios/playground.yaml', 'utf8');

test('the example course page: a sandboxed lesson, and an exercise driven and checked by the page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/course-example.html');
  // Frame 1 is sandboxed with allow-scripts only: no worker, no storage, and it still runs.
  await expect(page.getByTestId('lesson-status')).toHaveText('ready (main-thread engine, storage off, read-only)', { timeout: 30_000 });
  await expect(page.getByTestId('try-status')).toHaveText('ready (worker engine)', { timeout: 30_000 });
  const lesson = page.frameLocator('#lesson-frame');
  await expect(lesson.getByTestId('embed-header')).toContainText('in-page engine');
  await expect(lesson.getByTestId('pod-web-0')).toBeVisible();
  await expect(lesson.getByRole('region', { name: 'Manifests editor' })).toHaveCount(0);
  await lesson.getByTestId('lesson-next').click();
  await expect(lesson.getByTestId('lesson')).not.toContainText('step 0 /');
  // Read-only: the learner's terminal reads the cluster but cannot change it.
  await typeInto(lesson.getByTestId('terminal-input'), 'kubectl delete pod web-0');
  await lesson.getByTestId('terminal-input').press('Enter');
  await expect(lesson.getByTestId('terminal-output')).toContainText('This embedded scenario is read-only');
  await typeInto(lesson.getByTestId('terminal-input'), 'kubectl get pod web-0');
  await lesson.getByTestId('terminal-input').press('Enter');
  await expect(lesson.getByTestId('terminal-output')).toContainText(/web-0\s+1\/1\s+Running/);

  const exercise = page.frameLocator('#try-frame');
  await page.getByRole('button', { name: 'Load the exercise' }).click();
  await expect(exercise.getByTestId('embed-header')).toContainText('Canary exercise');
  await expect(page.getByTestId('host-log')).toContainText('loaded the exercise');
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(page.getByTestId('verdict')).toHaveText(/^Not yet: the template still runs nginx:1.27/);

  await page.getByRole('button', { name: 'Scale to 5' }).click();
  await expect(page.getByTestId('host-log')).toContainText('step   $ kubectl scale statefulset web --replicas=5  (exit 0)');
  await expect(exercise.getByTestId('pod-web-4')).toHaveAttribute('data-stage', 'Ready', { timeout: 30_000 });
  await expect(page.getByTestId('host-log')).toContainText('status web: 5/5 ready, 5 updated, partition 0');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(exercise.getByTestId('pod-web-4')).toHaveCount(0);
  await expect(exercise.getByTestId('pod-web-2')).toHaveAttribute('data-stage', 'Ready');

  await page.getByRole('button', { name: 'Show me the answer' }).click();
  await expect(page.getByTestId('host-log')).toContainText('step   $ kubectl rollout status statefulset/web  (exit 0)', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Check my answer' }).click();
  await expect(page.getByTestId('verdict')).toHaveText(/^Correct/);
  await expect(exercise.getByTestId('pod-web-2')).toHaveAttribute('data-revision', 'update');
  await expect(exercise.getByTestId('pod-web-0')).toHaveAttribute('data-revision', 'current');
  expect(errors).toEqual([]);
});

test('embed parameters choose panels, controls, theme, speed and autoplay', async ({ app, page }) => {
  await app.open('/?embed&scenario=canary-partition&view=canvas,terminal&controls=replicas,partition&theme=dark&speed=4&autoplay=0');
  await expect(page.getByTestId('embed-header')).toContainText('A canary with the partition');
  await expect(page.getByRole('region', { name: 'Manifests editor' })).toHaveCount(0);
  await expect(page.getByTestId('play-pause')).toHaveCount(0);
  await expect(page.getByTestId('replicas-input')).toBeVisible();
  await expect(page.getByTestId('partition-slider')).toBeVisible();
  await expect(page.getByTestId('image-input')).toHaveCount(0);
  await expect(page.getByTestId('strategy-select')).toHaveCount(0);
  await expect(page.getByTestId('lesson')).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/dark/);
  const transport = await page.evaluate(() => window.__sim?.state().transport);
  expect(transport).toMatchObject({ playing: false, speed: 4 });

  await app.open('/?embed&scenario=canary-partition&speed=3&view=canvas,radio');
  await expect(page.getByTestId('notice')).toContainText('speed=3 is not one of');
  await expect(page.getByTestId('notice')).toContainText('"radio" is not one of');
});

test('the Embed dialog writes a snippet whose frame opens the same scenario, sandboxed', async ({ app, page }) => {
  await app.open('/?scenario=on-delete');
  await page.getByTestId('embed').click();
  const dialog = page.getByTestId('embed-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByText('The gallery entry "on-delete"').click();
  await dialog.getByTestId('embed-panel-timeline').uncheck();
  await dialog.getByTestId('embed-readonly').check();
  await dialog.getByTestId('embed-theme').selectOption('dark');
  await typeInto(dialog.getByTestId('embed-origin'), HOST);
  const snippet = await dialog.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(/^<iframe\n/);
  expect(snippet).toContain('sandbox="allow-scripts allow-same-origin');
  expect(snippet).toContain(`src="${APP}/?embed&amp;scenario=on-delete&amp;view=controls,canvas,terminal&amp;theme=dark&amp;readonly&amp;origin=${encodeURIComponent(HOST)}"`);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  const src = /src="([^"]+)"/.exec(snippet)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const sandbox = /sandbox="([^"]+)"/.exec(snippet)?.[1] ?? '';
  await openHost(page, [{ src, sandbox }]);
  const ready = await waitForReady(page, 0);
  expect(ready).toMatchObject({ version: 1, engine: 'worker', readonly: true, title: 'OnDelete updates' });
  const frame = page.frameLocator('#f0');
  await expect(frame.getByTestId('embed-header')).toContainText('read-only');
  await expect(frame.getByTestId('pod-web-0')).toBeVisible();
  await expect(frame.getByTestId('controls')).toHaveCount(0);
  await expect(frame.getByTestId('play-pause')).toHaveCount(0);
  // Read-only binds the learner, not the host page.
  const r = await request(page, 0, { type: 'sts:run', id: 1, command: 'kubectl get sts web -o jsonpath={.spec.updateStrategy.type}' });
  expect(r).toMatchObject({ type: 'sts:result', ok: true, exitCode: 0, output: 'OnDelete' });
});

test('Embed opened from a lesson embeds that lesson from its start, as a lesson, not a replay of the session', async ({ app, page }) => {
  await app.open('/');
  await page.getByTestId('gallery').selectOption('canary-partition');
  await expect(page.getByTestId('lesson')).toContainText('step 0 /');
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('terminal-output')).toContainText('$ kubectl rollout status sts/web');

  await page.getByTestId('embed').click();
  const dialog = page.getByTestId('embed-dialog');
  const snippetSrc = async () => {
    await expect(dialog.getByTestId('embed-snippet')).toHaveValue(/^<iframe/);
    return (/src="([^"]+)"/.exec(await dialog.getByTestId('embed-snippet').inputValue())?.[1] ?? '').replace(/&amp;/g, '&');
  };
  const src = await snippetSrc();
  // The lesson's own scenario, opened as a lesson: not the session's export (with its sleep steps) replayed.
  expect(src.startsWith(`${APP}/?embed&lesson=1#2.`), src).toBe(true);
  await expect(dialog.getByTestId('embed-source-lesson')).toBeChecked();
  await expect(dialog.getByTestId('embed-source-lesson').locator('..')).toContainText('The lesson “A canary with the partition, then a phased rollout”, from its start');
  await expect(dialog.getByTestId('embed-lesson')).toHaveValue('lesson');

  // The other choices stay: the session as it is now, replayed as the playground opens a link.
  await dialog.getByTestId('embed-source-session').click();
  const session = await snippetSrc();
  expect(session.startsWith(`${APP}/?embed#2.`), session).toBe(true);
  expect(session).not.toBe(src.replace('&lesson=1', ''));
  await dialog.getByTestId('embed-source-lesson').click();
  expect(await snippetSrc()).toBe(src);
  const sandbox = /sandbox="([^"]+)"/.exec(await dialog.getByTestId('embed-snippet').inputValue())?.[1] ?? '';
  await page.keyboard.press('Escape');

  await openHost(page, [{ src, sandbox }]);
  await waitForReady(page, 0);
  const frame = page.frameLocator('#f0');
  await expect(frame.getByTestId('embed-header')).toContainText('A canary with the partition');
  await expect(frame.getByTestId('lesson')).toContainText('step 0 /');
  await expect(frame.getByTestId('pod-web-0')).toBeVisible();
  await expect(frame.getByTestId('terminal-output')).not.toContainText('rollout status');
  await expect(frame.getByTestId('terminal-output')).not.toContainText('sleep');
  // The store's record of what the frame opened, and how (the test handle's typed view leaves it out).
  const opened = await page.frames().find((f) => f.url().startsWith(`${APP}/`))?.evaluate(() => (window.__sim?.state() as { source?: unknown } | undefined)?.source);
  expect(opened).toMatchObject({ text: readFileSync('src/scenarios/canary-partition.yaml', 'utf8'), lesson: true });
});

test('the postMessage API: load, run, status and step events, state, errors, reset; other origins are ignored', async ({ page }) => {
  await openHost(page, [
    { src: `${APP}/?embed&origin=${encodeURIComponent(HOST)}&autoplay=1`, sandbox: 'allow-scripts allow-same-origin' },
    { src: `${APP}/?embed&origin=${encodeURIComponent('https://course.example')}`, sandbox: 'allow-scripts allow-same-origin' },
  ]);
  const ready = await waitForReady(page, 0);
  expect(ready).toMatchObject({ type: 'sts:ready', version: 1, engine: 'worker', readonly: false });
  expect(typeof ready.storage).toBe('boolean');
  expect((await received(page, 0)).every((r) => r.origin === APP)).toBe(true);

  const loaded = await request(page, 0, { type: 'sts:load', id: 'load', scenario: PLAYGROUND.replace('title: Playground', 'title: From the host') });
  expect(loaded).toMatchObject({ type: 'sts:result', request: 'sts:load', ok: true });
  await expect(page.frameLocator('#f0').getByTestId('embed-header')).toContainText('From the host');
  await request(page, 0, { type: 'sts:speed', id: 'fast', value: 64 });

  const scaled = await request(page, 0, { type: 'sts:run', id: 2, command: 'kubectl scale sts web --replicas=3' });
  expect(scaled).toMatchObject({ type: 'sts:result', request: 'sts:run', ok: true, exitCode: 0, output: 'statefulset.apps/web scaled\n' });
  const steps = (await received(page, 0)).filter((r) => r.data.type === 'sts:step').map((r) => r.data);
  expect(steps).toContainEqual(expect.objectContaining({ type: 'sts:step', command: 'kubectl scale sts web --replicas=3', output: 'statefulset.apps/web scaled\n', exitCode: 0 }));
  // The status events follow the set until its third pod is Ready.
  await page.waitForFunction(() => (window as unknown as { received: Received[] }).received.some((r) => r.frame === 0 && r.data.type === 'sts:status' && r.data.set.status?.readyReplicas === 3), undefined, { timeout: 30_000 });
  const statuses = (await received(page, 0)).flatMap((r) => (r.data.type === 'sts:status' ? [r.data.set] : []));
  const ready3 = statuses.findIndex((s) => s.spec?.replicas === 3 && s.status?.readyReplicas === 3);
  const ready2 = statuses.findIndex((s) => s.spec?.replicas === 3 && s.status?.readyReplicas === 2);
  expect(ready2).toBeGreaterThanOrEqual(0);
  expect(ready3).toBeGreaterThan(ready2);

  const failed = await request(page, 0, { type: 'sts:run', id: 3, command: 'kubectl scale sts nope --replicas=1' });
  expect(failed).toMatchObject({ ok: false, exitCode: 1, output: 'error: no objects passed to scale statefulsets.apps "nope" not found\n' });
  expect(await request(page, 0, { type: 'sts:speed', id: 'bad', value: 3 })).toMatchObject({ type: 'sts:error', request: 'sts:speed', error: expect.stringMatching(/value must be one of/) });
  expect(await request(page, 0, { type: 'sts:teleport', id: 'unknown' })).toMatchObject({ type: 'sts:error', error: expect.stringMatching(/Unknown message type sts:teleport/) });
  expect(await request(page, 0, { type: 'sts:load', id: 'missing', gallery: 'no-such-lesson' })).toMatchObject({ ok: false, error: 'There is no gallery scenario called "no-such-lesson".' });
  expect(await request(page, 0, { type: 'sts:next', id: 'no-lesson' })).toMatchObject({ ok: false, error: expect.stringMatching(/No lesson is open/) });

  await request(page, 0, { type: 'sts:pause', id: 'pause' });
  const state = await request(page, 0, { type: 'sts:state', id: 'state' });
  if (state.type !== 'sts:state') throw new Error(`expected a state, got ${state.type}`);
  expect(state.state.playing).toBe(false);
  expect(state.state.title).toBe('From the host');
  expect(state.state.pods.map((p) => `${p.name} ${p.ready}`)).toEqual(['web-0 1/1', 'web-1 1/1', 'web-2 1/1']);
  expect(state.state.claims.map((c) => `${c.name} ${c.phase}`)).toEqual(['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound']);
  expect(state.state.sets[0]).toMatchObject({ name: 'web', exists: true, spec: { replicas: 3 }, status: { readyReplicas: 3 } });

  expect(await request(page, 0, { type: 'sts:reset', id: 'reset' })).toMatchObject({ ok: true });
  const after = await request(page, 0, { type: 'sts:state', id: 'state2' });
  if (after.type !== 'sts:state') throw new Error('expected a state');
  expect(after.state.sets[0]?.spec?.replicas).toBe(2);
  expect(after.state.title).toBe('From the host');

  // A lesson loaded by the host steps with sts:next.
  expect(await request(page, 0, { type: 'sts:load', id: 'lesson', gallery: 'canary-partition' })).toMatchObject({ ok: true });
  await request(page, 0, { type: 'sts:next', id: 'next' });
  const lessonState = await request(page, 0, { type: 'sts:state', id: 'state3' });
  if (lessonState.type !== 'sts:state') throw new Error('expected a state');
  expect(lessonState.state.lesson?.step).toBeGreaterThan(0);

  // Frame 1 accepts only https://course.example: this page's messages change nothing and get no answer.
  await page.frameLocator('#f1').getByTestId('pod-web-1').waitFor();
  await page.evaluate(() => (window as unknown as { send: (i: number, m: unknown) => void }).send(1, { type: 'sts:run', id: 'x', command: 'kubectl scale sts web --replicas=4' }));
  await page.evaluate(() => (window as unknown as { send: (i: number, m: unknown) => void }).send(1, { type: 'sts:state', id: 'y' }));
  await page.waitForTimeout(1500);
  expect(await received(page, 1)).toEqual([]);
  await expect(page.frameLocator('#f1').getByTestId('pod-web-2')).toHaveCount(0);
});

test('a link opened in the playground can be replayed step by step', async ({ app, page }) => {
  const text = PLAYGROUND.replace('steps: []', 'steps:\n- kubectl scale sts web --replicas=3\n- kubectl rollout status sts/web\n');
  await app.open(`/#1.${deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')}`);
  await expect(page.getByTestId('terminal-output')).toContainText('$ kubectl scale sts web --replicas=3');
  await expect(app.pod('web-2')).toBeVisible();
  await page.getByTestId('replay-steps').click();
  await expect(page.getByTestId('lesson')).toContainText('step 0 / 2');
  await expect(page.getByTestId('lesson')).toContainText('$ kubectl scale sts web --replicas=3');
  await expect(page.getByTestId('lesson')).not.toContainText('rollout status');
  await expect(app.pod('web-2')).toHaveCount(0);
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson')).toContainText('step 1 / 2');
  await expect(page.getByTestId('lesson')).toContainText('$ kubectl rollout status sts/web');
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('terminal-output')).toContainText(/partitioned roll out complete: 3 new pods have been updated\.\.\.\n$/);
  await expect(app.pod('web-2')).toHaveAttribute('data-stage', 'Ready');
});
