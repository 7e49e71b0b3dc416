/**
 * `npm run bench:ui`: the page's budgets, measured on the production build
 * in headless Chromium. Prints:
 *  - the JavaScript (gzipped) the browser fetched before the first pod was
 *    drawn: the page's scripts and the simulation worker's, everything;
 *  - time from navigation to the first pod on the canvas (localhost);
 *  - frame times (p50 / p95 / max) while a rolling update of Parallel
 *    ordinals animates: 100 and 1,000 at 16×, then 1,000 at 16× and at 1×
 *    with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), with
 *    how long a click on the Events tab takes to show the tab.
 * Writes nothing and asserts nothing: these are figures to read.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type {} from '../src/protocol/test-bridge';

const PORT = 4190;
const DIST = 'dist';

function initialScripts(): { file: string; gz: number }[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1] as string);
  return [...new Set(refs)].map((r) => ({ file: r, gz: gzipSync(readFileSync(join(DIST, r.replace(/^\//, '')))).length }));
}

function scenario(replicas: number): string {
  return `version: 1
cluster:
  seed: 3
  nodes: 10
manifests: |
  apiVersion: v1
  kind: Service
  metadata: {name: nginx}
  spec:
    clusterIP: None
    selector: {app: nginx}
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: web}
  spec:
    serviceName: nginx
    replicas: ${replicas}
    podManagementPolicy: Parallel
    selector: {matchLabels: {app: nginx}}
    template:
      metadata: {labels: {app: nginx}}
      spec:
        containers:
        - name: nginx
          image: nginx:1.27
    volumeClaimTemplates:
    - metadata: {name: www}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
steps:
  - kubectl rollout status sts/web --timeout=1h
`;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('build first: vite build');
  const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`http://127.0.0.1:${PORT}/`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
    const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

    // Every script fetched (the page's and its workers') until the first pod is drawn.
    let fetching = true;
    const fetched = new Set<string>();
    page.context().on('request', (r) => {
      if (fetching && /\.js(\?|$)/.test(r.url())) fetched.add(new URL(r.url()).pathname);
    });
    const html = initialScripts().map((x) => x.file);

    await page.addInitScript(() => {
      const w = window as unknown as { __firstPod?: number };
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid^="pod-"]')) {
          w.__firstPod = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    const firstCanvas: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForFunction(() => (window as unknown as { __firstPod?: number }).__firstPod !== undefined, undefined, { timeout: 30_000 });
      firstCanvas.push(await page.evaluate(() => (window as unknown as { __firstPod: number }).__firstPod));
      fetching = false;
    }
    const scripts = [...new Set([...html, ...fetched])].sort().map((file) => ({ file, gz: gzipSync(readFileSync(join(DIST, file.replace(/^\//, '')))).length }));
    const total = scripts.reduce((a, b) => a + b.gz, 0);

    const cdp = await page.context().newCDPSession(page);
    const frames = async (replicas: number, speed = 16, throttle = 1) => {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.evaluate((s) => window.__sim?.load(s, false), scenario(replicas));
      await page.waitForFunction((n) => window.__sim?.state().sets.get('web')?.status.readyReplicas === n, replicas, { timeout: 120_000 });
      await page.getByRole('tab', { name: 'terminal' }).click();
      await page.waitForTimeout(500);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      await page.evaluate((x) => {
        window.__sim?.speed(x);
        void window.__sim?.run('kubectl set image sts/web nginx=nginx:1.28');
        window.__sim?.play();
      }, speed);
      // A string, not a function: the TypeScript loader would add helpers the page does not have.
      const deltas = (await page.evaluate(`new Promise((resolve) => {
        const out = [];
        let last = performance.now();
        const end = last + 8000;
        const loop = (t) => { out.push(t - last); last = t; if (t < end) requestAnimationFrame(loop); else resolve(out); };
        requestAnimationFrame(loop);
      })`)) as number[];
      const updated = await page.evaluate(() => window.__sim?.state().sets.get('web')?.status.updatedReplicas ?? 0);
      // Input while it animates: a click on the Events tab until the tab shows.
      const clickAt = Date.now();
      await page.getByRole('tab', { name: 'events' }).click({ timeout: 60_000 });
      await page.locator('#panel-events').waitFor({ state: 'visible', timeout: 60_000 });
      const input = Date.now() - clickAt;
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      return { replicas, speed, throttle, p50: pct(deltas, 50), p95: pct(deltas, 95), max: Math.max(...deltas), frames: deltas.length, updated, input };
    };
    const runs = [await frames(100), await frames(1000), await frames(1000, 16, 4), await frames(1000, 1, 4)];
    await browser.close();

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    console.log(`Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, headless Chromium\n`);
    console.log(`JavaScript fetched before the first pod, worker included (gzip): ${(total / 1024).toFixed(1)} KB  (budget 250 KB)`);
    for (const s of scripts) console.log(`  ${s.file}  ${(s.gz / 1024).toFixed(1)} KB`);
    console.log(`First pod on the canvas after navigation: ${firstCanvas.map((x) => `${Math.round(x)} ms`).join(', ')}  (budget 1,500 ms)`);
    console.log('Rolling update of Parallel ordinals (60 fps = 16.7 ms; budgets at 4x throttling: p95 50 ms at 16x, 33 ms at 1x, input 200 ms):');
    for (const f of runs) {
      console.log(`  ${f.replicas} ordinals at ${f.speed}x, CPU ${f.throttle}x slower: frame p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(0)} ms over ${f.frames} frames (${f.updated} pods updated in 8 s); Events tab shown ${f.input} ms after the click`);
    }
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
