/**
 * The runner as outside checks use it: `npm run sim -- FILE`, stdout holding
 * the transcript and nothing else, exit codes 0 and 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');
const sim = (...args: string[]) => spawnSync('npm', ['run', 'sim', '--', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });

describe('npm run sim', () => {
  it('prints exactly the golden transcript for a relative path, and valid JSON with --json', () => {
    const r = sim('src/scenarios/data-survives.yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'src/scenarios/data-survives.transcript'), 'utf8'));
    const j = sim(join(root, 'src/scenarios/data-survives.yaml'), '--json');
    expect(j.status).toBe(0);
    const report = JSON.parse(j.stdout) as { steps: { command: string }[]; objects: Record<string, unknown[]> };
    expect(report.steps[0]?.command).toBe('kubectl apply -f manifests.yaml');
    expect(report.objects['StatefulSet']).toHaveLength(1);
  });

  it('exits 2 with FILE:LINE:COLUMN for an invalid scenario, and prints nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\nsteps:\n  - kubectl get pods\n  - rm -rf /\n');
    const r = sim(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${file}:4:5: unknown command "rm": a step runs kubectl, sleep, timeout, echo or a text tool (cat, grep, head, sort, tail, uniq, wc) in a shell line, or is a # comment\n`);
  });

  it('exits 2 at the position of a cluster setting the cluster could not start with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'bad-cluster.yaml');
    writeFileSync(file, 'version: 1\ncluster:\n  nodes: [n1, n2]\n  defaultStorageClass: Not_A_Name\nsteps:\n  - kubectl get pods\n');
    const r = sim(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:24: invalid cluster.defaultStorageClass "Not_A_Name": `));
    writeFileSync(file, 'version: 1\ncluster:\n  nodes: [n1, n2, n1]\n');
    const dup = sim(file);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toBe(`${file}:3:19: duplicate node name "n1"\n`);
  });

  it('does not treat a manifest the API server rejects as an invalid scenario', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'rejected.yaml');
    writeFileSync(file, 'version: 1\nmanifests: |\n  apiVersion: apps/v1\n  kind: StatefulSet\n  metadata:\n    name: web\n  spec:\n    replicas: -1\n');
    const r = sim(file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('$ kubectl apply -f manifests.yaml\nThe StatefulSet "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });

  it('stops a replay that passes its output limit after that step, prints what ran and names the step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'loud.yaml');
    // A set with a 100,000-byte annotation (twice in what `-o yaml` prints, with the last-applied one): 16 MiB is passed at about the 84th.
    const head = `version: 1\nmanifests: |\n  apiVersion: apps/v1\n  kind: StatefulSet\n  metadata:\n    name: web\n    annotations:\n      note: ${'x'.repeat(100_000)}\n  spec:\n    serviceName: nginx\n    replicas: 0\n    selector: {matchLabels: {app: nginx}}\n    template:\n      metadata: {labels: {app: nginx}}\n      spec: {containers: [{name: nginx, image: nginx}]}\nsteps:\n  - sleep 10s\n`;
    const firstGetLine = head.split('\n').length;
    writeFileSync(file, head + '  - kubectl get sts web -o yaml\n'.repeat(120));
    const r = sim(file);
    expect(r.status).toBe(2);
    const m = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):5: the playground stops a replay after 16 MiB of output; this step passed the limit\n$`).exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const ran = Number(m?.[1]) - firstGetLine + 1;
    expect(ran).toBeGreaterThan(60);
    expect(ran).toBeLessThan(120);
    const echoes = ['$ kubectl apply -f manifests.yaml\n', '$ sleep 10s\n', ...Array<string>(ran).fill('$ kubectl get sts web -o yaml\n')];
    expect(r.stdout.split(/^\$ /m).length - 1).toBe(echoes.length);
    expect(r.stdout.endsWith('$ kubectl get sts web -o yaml\n')).toBe(false);
    expect(Buffer.byteLength(r.stdout)).toBe(16 * 1024 * 1024 + echoes.join('').length);
  });
});
