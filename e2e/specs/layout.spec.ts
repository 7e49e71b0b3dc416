/**
 * A layout that fits, at a desktop, a small laptop and a phone, light and
 * dark: nothing scrolls sideways, nothing floating over the canvas covers a
 * pod, claim, volume or lane, the canvas refits when a set grows, the terminal
 * wraps long lines, and a phone shows one panel at a time under tabs with
 * the header's actions in a menu. Screenshots of every state go to the
 * test's output folder.
 */
import type { Page, TestInfo } from '@playwright/test';
import { expect, test, typeInto, type PlaygroundPage } from '../fixtures/app';
import type {} from '../../src/protocol/test-bridge';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;
const PHONE_MAX = 767;
/**
 * The least canvas height at 1024×768 with the editor open. The playground's starting lane (pods over
 * claims over volumes, 408 flow units tall) then fits between the legend's band and the why box at a
 * zoom of at least one half, where a pod's name is still legible.
 */
const MIN_CANVAS_AT_1024 = 300;

/** Everything wrong with the page's geometry right now, in words (empty when all is well). */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const box = (el: Element) => el.getBoundingClientRect();
    const text = (r: DOMRect) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${window.innerWidth}`);
    const flow = document.querySelector('[data-testid="canvas"] .react-flow');
    if (!flow || box(flow).width === 0) return problems;
    const canvas = box(flow);
    const overlays = [
      ['legend', '[data-testid="canvas-legend"]'],
      ['why box', '[data-testid="why-panel"]'],
      ['overview map', '.react-flow__minimap'],
      ['zoom buttons', '.react-flow__controls'],
    ]
      .flatMap(([name, sel]) => Array.from(document.querySelectorAll(sel as string)).map((el) => ({ name, r: box(el) })))
      .filter((o) => o.r.width > 0 && o.r.height > 0);
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    // Pods (full or grid cells), claims, volumes, and each lane's header and grid.
    const nodes = Array.from(document.querySelectorAll('[data-testid^="pod-"], [data-testid^="pvc-"], [data-testid^="pv-"], [data-testid^="lane-"], [data-testid^="compact-"]'));
    for (const node of nodes) {
      const r = box(node);
      if (r.width === 0) continue;
      const name = node.getAttribute('data-testid');
      if (r.left < canvas.left - 1 || r.top < canvas.top - 1 || r.right > canvas.right + 1 || r.bottom > canvas.bottom + 1) problems.push(`${name} (${text(r)}) is not inside the canvas (${text(canvas)})`);
      for (const o of overlays) if (hit(r, o.r)) problems.push(`the ${o.name} (${text(o.r)}) covers ${name} (${text(r)})`);
    }
    return problems;
  });
}

async function scaleTo(app: PlaygroundPage, n: number): Promise<void> {
  const { page } = app;
  const input = page.getByTestId('replicas-input');
  await typeInto(input, String(n));
  await input.press('Enter');
  await expect(page.getByTestId('terminal-output')).toContainText(`$ kubectl scale statefulset/web --replicas=${n}\nstatefulset.apps/web scaled`);
  await expect(app.pod(`web-${n - 1}`)).toHaveAttribute('data-stage', 'Ready', { timeout: 45_000 });
}

async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

for (const size of SIZES) {
  for (const theme of ['light', 'dark'] as const) {
    const phone = size.width <= PHONE_MAX;
    test(`${size.width}×${size.height} ${theme}: nothing covered, clipped or sideways; the canvas refits as the set grows`, async ({ app, page }, info) => {
      const warnings: string[] = [];
      page.on('console', (m) => (m.type() === 'warning' || m.type() === 'error') && warnings.push(`${m.type()}: ${m.text()}`));
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await app.open('/?scenario=canary-partition');
      await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/);
      await expect(page.getByTestId('lesson')).toBeVisible();
      await app.setSpeed(64);

      if (size.width === 1024) {
        // The small laptop with the editor open: the canvas keeps a useful height.
        await page.getByRole('button', { name: 'Show editor' }).click();
        await expect(page.getByRole('region', { name: 'Manifests editor' })).toBeVisible();
        const height = (await page.getByTestId('canvas').boundingBox())?.height ?? 0;
        expect(height, 'canvas height at 1024×768 with the editor open').toBeGreaterThanOrEqual(MIN_CANVAS_AT_1024);
      }

      await expect.poll(() => layoutProblems(page)).toEqual([]);
      await shoot(page, info, 'opened');
      for (const n of [5, 12]) {
        await scaleTo(app, n);
        // The view follows the content: every pod in view, none under the legend, the why box or the map.
        await expect.poll(() => layoutProblems(page)).toEqual([]);
        await expect(app.pod(`web-${n - 1}`)).toBeInViewport();
        await shoot(page, info, `replicas-${n}`);
      }

      // The legend opened over the canvas: the view makes room for it.
      await page.getByTestId('canvas-legend').locator('summary').click();
      await expect.poll(() => layoutProblems(page)).toEqual([]);
      await shoot(page, info, 'legend-open');
      await page.getByTestId('canvas-legend').locator('summary').click();

      // A line longer than the terminal wraps instead of scrolling sideways.
      const long = `kubectl get pods web-${'x'.repeat(160)}`;
      await app.type(long);
      await expect(app.terminalOutput).toContainText('not found');
      const log = page.getByRole('log', { name: 'Terminal output' });
      const { scrollWidth, clientWidth } = await log.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
      expect(scrollWidth, 'the terminal does not scroll sideways').toBeLessThanOrEqual(clientWidth);
      const lineHeight = await app.terminalOutput.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 16);
      const commandBox = await app.terminalOutput.locator('span', { hasText: long }).last().boundingBox();
      expect(commandBox?.height ?? 0, 'the long command wrapped onto more lines').toBeGreaterThan(lineHeight * 1.5);
      expect(await layoutProblems(page)).toEqual([]);
      await shoot(page, info, 'terminal');

      if (phone) {
        // One panel at a time, chosen by tabs.
        const tabs = page.getByRole('tablist', { name: 'Panels' });
        for (const name of ['Canvas', 'Editor', 'Terminal', 'Events']) {
          await tabs.getByRole('tab', { name }).click();
          await expect(tabs.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
          await expect(page.getByRole('tabpanel')).toHaveCount(1);
        }
        await expect(page.getByTestId('event-log')).toBeVisible();
        await expect(page.getByTestId('canvas')).toBeHidden();
        await expect(app.terminalInput).toBeHidden();
        await tabs.getByRole('tab', { name: 'Editor' }).click();
        await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
        await expect(page.getByTestId('canvas')).toBeHidden();
        await tabs.getByRole('tab', { name: 'Canvas' }).click();
        await expect(page.getByTestId('canvas')).toBeVisible();
        await expect.poll(() => layoutProblems(page)).toEqual([]);
        // The header's actions are in a menu, with their names.
        const actions = ['Copy link', 'Embed', 'Export', 'Import'];
        for (const name of actions) await expect(page.getByRole('button', { name, exact: true })).toBeHidden();
        await page.getByRole('button', { name: 'Menu' }).click();
        const menu = page.getByRole('group', { name: 'Scenario and page actions' });
        for (const name of actions) await expect(menu.getByRole('button', { name, exact: true })).toBeVisible();
        await expect(page.getByTestId('gallery')).toBeVisible();
        expect(await layoutProblems(page)).toEqual([]);
        await shoot(page, info, 'menu');
        // The Embed dialog opens from the menu (the menu closes, the dialog stays).
        await menu.getByRole('button', { name: 'Embed', exact: true }).click();
        await expect(menu).toBeHidden();
        await expect(page.getByRole('dialog')).toBeVisible();
        await shoot(page, info, 'embed-dialog');
      } else {
        await expect(page.getByRole('button', { name: 'Copy link', exact: true })).toBeVisible();
        await expect(page.getByRole('tablist', { name: 'Panels' })).toHaveCount(0);
      }
      expect(warnings, 'console warnings and errors').toEqual([]);
    });
  }
}

test('after the person zooms, a growth offers a refit, and F fits everything in view', async ({ app, page }, info) => {
  await app.open('/?scenario=canary-partition');
  await app.setSpeed(64);
  await expect.poll(() => layoutProblems(page)).toEqual([]);
  // Zoom in with the wheel over the canvas: the view stops following the content.
  const canvas = page.getByTestId('canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -200);
  await scaleTo(app, 12);
  await expect(app.pod('web-11')).not.toBeInViewport();
  await expect(page.getByTestId('refit-hint')).toBeVisible();
  await shoot(page, info, 'stale');
  // One key: F (not while typing in a field).
  await page.getByTestId('terminal-input').click();
  await page.keyboard.press('f');
  await expect(app.terminalInput).toHaveValue('f');
  await page.getByTestId('terminal-input').press('Backspace');
  await page.getByTestId('canvas-legend').locator('summary').focus();
  await page.keyboard.press('f');
  await expect(page.getByTestId('refit-hint')).toBeHidden();
  await expect.poll(() => layoutProblems(page)).toEqual([]);
  for (const n of [0, 11]) await expect(app.pod(`web-${n}`)).toBeInViewport();
  await shoot(page, info, 'refit');
});

test('every claim and volume is joined to its pod by an edge', async ({ app, page }) => {
  await app.open();
  await app.setSpeed(64);
  await scaleTo(app, 4);
  await expect(app.claim('www-web-3')).toHaveAttribute('data-phase', 'Bound');
  // Pod → claim and claim → volume for each of the 4 ordinals.
  await expect(page.locator('.react-flow__edge')).toHaveCount(8);
  await expect(page.locator('.react-flow__edge path.react-flow__edge-path')).toHaveCount(8);
  // Three rows (pods, claims, volumes) are clear of the overlays too.
  await expect.poll(() => layoutProblems(page)).toEqual([]);
});
