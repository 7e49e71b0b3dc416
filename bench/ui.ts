/**
 * `npm run bench:ui`: the page's budgets, measured on the production build
 * in headless Chromium. Prints:
 *  - initial JavaScript (gzipped) loaded before the editor;
 *  - time from navigation to the first pod on the canvas (localhost);
 *  - frame times (p50 / p95 / max) while a rolling update animates 100 and
 *    1,000 ordinals.
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

    const scripts = initialScripts();
    const total = scripts.reduce((a, b) => a + b.gz, 0);

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
    }

    const frames = async (replicas: number) => {
      await page.evaluate((s) => window.__sim?.load(s, false), scenario(replicas));
      await page.waitForFunction((n) => window.__sim?.state().sets.get('web')?.status.readyReplicas === n, replicas, { timeout: 120_000 });
      await page.waitForTimeout(500);
      await page.evaluate(() => {
        window.__sim?.speed(16);
        void window.__sim?.run('kubectl set image sts/web nginx=nginx:1.28');
        window.__sim?.play();
      });
      // A string, not a function: the TypeScript loader would add helpers the page does not have.
      const deltas = (await page.evaluate(`new Promise((resolve) => {
        const out = [];
        let last = performance.now();
        const end = last + 8000;
        const loop = (t) => { out.push(t - last); last = t; if (t < end) requestAnimationFrame(loop); else resolve(out); };
        requestAnimationFrame(loop);
      })`)) as number[];
      const updated = await page.evaluate(() => window.__sim?.state().sets.get('web')?.status.updatedReplicas ?? 0);
      return { replicas, p50: pct(deltas, 50), p95: pct(deltas, 95), max: Math.max(...deltas), frames: deltas.length, updated };
    };
    const f100 = await frames(100);
    const f1000 = await frames(1000);
    await browser.close();

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    console.log(`Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, headless Chromium\n`);
    console.log(`Initial JavaScript before the editor (gzip): ${(total / 1024).toFixed(1)} KB  (budget 250 KB)`);
    for (const s of scripts) console.log(`  ${s.file}  ${(s.gz / 1024).toFixed(1)} KB`);
    console.log(`First pod on the canvas after navigation: ${firstCanvas.map((x) => `${Math.round(x)} ms`).join(', ')}  (budget 1,500 ms)`);
    for (const f of [f100, f1000]) {
      console.log(`Rolling update, ${f.replicas} ordinals at 16x: frame p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(0)} ms over ${f.frames} frames (${f.updated} pods updated in 8 s); 60 fps = 16.7 ms`);
    }
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
