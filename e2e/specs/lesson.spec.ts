/**
 * Lessons at a watchable pace: a stretch is read, then run; its waits play
 * on the visible clock (Skip ends them); its prose stays with its result
 * until Next; a check is met by the learner's own commands.
 */
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

const linkFor = (text: string) => `#1.${deflateRawSync(Buffer.from(text, 'utf8'), { level: 9 }).toString('base64url')}`;

const LESSON = `version: 1
title: Ordered scale-up
lesson:
  speed: 2
manifests: |
  apiVersion: v1
  kind: Service
  metadata: {name: nginx}
  spec: {clusterIP: None, selector: {app: nginx}, ports: [{port: 80}]}
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: web}
  spec:
    serviceName: nginx
    replicas: 1
    selector: {matchLabels: {app: nginx}}
    template:
      metadata: {labels: {app: nginx}}
      spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
steps:
  - say: Scale to three and watch web-1 and web-2 arrive one after the other.
  - kubectl scale sts web --replicas=3
  - sleep 20s
  - say: Your turn. Scale web down to 2 replicas.
  - check:
      run: kubectl get sts web -o jsonpath={.spec.replicas}
      expect: "2"
      hint: web asks for 2 replicas
  - say: Well done.
`;

test('a lesson stretch is read, then run with its wait played on the clock, and its prose stays until Next', async ({ app, page }) => {
  await app.open(`/?lesson${linkFor(LESSON)}`);
  const bar = page.getByTestId('lesson');
  await expect(bar).toHaveAttribute('data-phase', 'read');
  await expect(page.getByTestId('lesson-text')).toHaveText('Scale to three and watch web-1 and web-2 arrive one after the other.');
  await expect(page.getByTestId('lesson-commands')).toContainText('$ kubectl scale sts web --replicas=3   $ sleep 20s');
  const next = page.getByTestId('lesson-next');
  await expect(next).toHaveText('Run ▸');
  const t0 = await page.evaluate(() => window.__sim?.time() ?? 0);
  await next.click();
  // The wait plays on the clock at the lesson's speed: the clock is seen between its start and its end.
  const wait = page.getByTestId('lesson-wait');
  await expect(wait).toContainText('sleep 20s');
  await expect(wait).toContainText('at 2×');
  await expect.poll(() => page.evaluate(() => window.__sim?.time() ?? 0), { timeout: 15_000 }).toBeGreaterThan(t0 + 2_000);
  const during = await page.evaluate(() => window.__sim?.time() ?? 0);
  expect(during).toBeLessThan(t0 + 20_000);
  await page.getByTestId('lesson-skip').click();
  await expect(wait).toHaveCount(0);
  await expect(bar).toHaveAttribute('data-phase', 'ran');
  await expect(next).toHaveText('Next ▸');
  // The prose of the stretch just run is still on screen with its result.
  await expect(page.getByTestId('lesson-text')).toHaveText('Scale to three and watch web-1 and web-2 arrive one after the other.');
  await expect(page.getByTestId('lesson-ran')).toContainText('✓ $ kubectl scale sts web --replicas=3');
  await expect(app.terminalOutput).toContainText('$ sleep 20s');
});

test('a check passes only when the learner has done it, then the lesson goes on', async ({ app, page }) => {
  await app.open(`/?lesson${linkFor(LESSON)}`);
  const next = page.getByTestId('lesson-next');
  await next.click();
  await page.getByTestId('lesson-skip').click();
  await expect(next).toHaveText('Next ▸');
  await next.click();
  await expect(page.getByTestId('lesson-text')).toHaveText('Your turn. Scale web down to 2 replicas.');
  await expect(page.getByTestId('lesson-check')).toContainText('web asks for 2 replicas');
  await expect(next).toHaveText('Verify my work');
  await next.click();
  await expect(page.getByTestId('lesson-verdict')).toContainText('✗ not yet');
  await expect(page.getByTestId('lesson-verdict')).toContainText('printed "3"');
  await app.type('kubectl scale sts web --replicas=2');
  await next.click();
  await expect(page.getByTestId('lesson-check')).toHaveCount(0);
  await expect(next).toHaveText('Next ▸');
  await next.click();
  await expect(page.getByTestId('lesson-text')).toHaveText('Well done.');
});
