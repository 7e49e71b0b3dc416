#!/usr/bin/env node
// Makes sure a Chromium is available for the end-to-end tests: Debian's
// package (installed here when missing and running as root), or a browser
// Playwright already has. Prints the executable it found.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = () => candidates.find((p) => existsSync(p));

let path = found();
if (!path && process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  process.stderr.write('Chromium not found: installing Debian\'s chromium package for the browser tests…\n');
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  }
  path = found();
}
if (!path) {
  try {
    const { chromium } = await import('playwright-core');
    if (existsSync(chromium.executablePath())) path = chromium.executablePath();
  } catch {
    // no Playwright browser either
  }
}
if (!path) {
  process.stderr.write('No Chromium for the browser tests. Install Debian\'s "chromium" package (apt-get install -y chromium) or set CHROMIUM_PATH.\n');
  process.exit(1);
}
process.stdout.write(`${path}\n`);
