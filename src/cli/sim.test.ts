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
const sim = (...args: string[]) => spawnSync('npm', ['run', 'sim', '--', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

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
    expect(r.stderr).toBe(`${file}:4:5: unknown command "rm": a step runs kubectl, sleep, timeout or is a # comment\n`);
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
});
