/**
 * The same scenario gives the same bytes in every browser: the gallery replays to its golden
 * transcripts in a child process whose locale is Danish and whose time zone is Chatham
 * (UTC+12:45/+13:45). Danish collation puts "aa" after "z", so any ordering that leans on
 * the host's locale (localeCompare, Intl.Collator) shows up as a different transcript.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { runScenario } from './runner';

const root = resolve(__dirname, '..', '..');
const dir = join(root, 'src', 'scenarios');
const gallery = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** Two default StorageClasses made in the same second: the API server picks the first name in byte order. */
const TWO_DEFAULT_CLASSES = `version: 1
cluster:
  defaultStorageClass: none
manifests: |
  apiVersion: storage.k8s.io/v1
  kind: StorageClass
  metadata:
    name: b
    annotations: {storageclass.kubernetes.io/is-default-class: "true"}
  provisioner: k8s.io/minikube-hostpath
  volumeBindingMode: Immediate
  ---
  apiVersion: storage.k8s.io/v1
  kind: StorageClass
  metadata:
    name: aa
    annotations: {storageclass.kubernetes.io/is-default-class: "true"}
  provisioner: k8s.io/minikube-hostpath
  volumeBindingMode: Immediate
  ---
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: data}
  spec:
    accessModes: [ReadWriteOnce]
    resources: {requests: {storage: 1Gi}}
steps:
  - kubectl get pvc data -o jsonpath={.spec.storageClassName}
  - kubectl get sc
`;

/** Runs the scenarios in a Danish, Chatham-time Node and returns what it saw. */
function replayElsewhere(texts: Record<string, string>): { locale: string; collation: number; offset: number; transcripts: Record<string, string> } {
  const script = `
    const { parseScenario } = await import(${JSON.stringify(join(root, 'src/scenario/parse.ts'))});
    const { runScenario } = await import(${JSON.stringify(join(root, 'src/scenario/runner.ts'))});
    const texts = JSON.parse(process.env.SCENARIOS);
    const transcripts = {};
    for (const [name, text] of Object.entries(texts)) transcripts[name] = runScenario(parseScenario(text)).transcript;
    process.stdout.write(JSON.stringify({
      locale: new Intl.DateTimeFormat().resolvedOptions().locale,
      collation: 'aa'.localeCompare('b'),
      offset: new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset(),
      transcripts,
    }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8', LANGUAGE: 'da', TZ: 'Pacific/Chatham', SCENARIOS: JSON.stringify(texts) },
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ReturnType<typeof replayElsewhere>;
}

describe('golden transcripts under a Danish locale and a far time zone', () => {
  it('are byte for byte the same', { timeout: 300_000 }, () => {
    const texts: Record<string, string> = { 'two-default-classes': TWO_DEFAULT_CLASSES };
    for (const f of gallery) texts[f] = readFileSync(join(dir, f), 'utf8');
    const child = replayElsewhere(texts);

    // The child really ran Danish: the locale, its collation ("aa" is å, after "b") and its clock.
    expect(child.locale).toMatch(/^da\b/);
    expect(child.collation).toBe(1);
    expect(child.offset).toBe(-13 * 60 - 45);

    for (const f of gallery) {
      const golden = readFileSync(join(dir, f.replace(/\.yaml$/, '.transcript')), 'utf8');
      expect(child.transcripts[f], f).toBe(golden);
    }
    const here = runScenario(parseScenario(TWO_DEFAULT_CLASSES)).transcript;
    expect(here).toContain('$ kubectl get pvc data -o jsonpath={.spec.storageClassName}\naa');
    expect(child.transcripts['two-default-classes']).toBe(here);
  });
});
