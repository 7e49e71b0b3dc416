import { describe, expect, it } from 'vitest';
import { VolumeDataStore } from '../controllers/volume/data';
import { ContainerFs } from './fs';
import { ExecBudget, VOLUME_CAPACITY } from './limits';
import { Shell } from './shell';
import recorded from './testdata/uniq-busybox.json';

interface Case {
  args: string[];
  stdin: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}
const { files, cases } = recorded as { files: Record<string, string>; cases: Case[] };

/** A shell in /w, where the recorded files are. */
function shell(): Shell {
  const store = new VolumeDataStore();
  for (const [p, c] of Object.entries(files)) store.write('w', p, c);
  const fs = new ContainerFs({ path: '/', store: new VolumeDataStore(), key: 'r', sub: '', readOnly: false, capacity: VOLUME_CAPACITY }, [{ path: '/w', store, key: 'w', sub: '', readOnly: false, capacity: 8 * VOLUME_CAPACITY }]);
  const sh = new Shell({ hostname: 'h', env: [], fs, nslookup: () => ({ stdout: '', exitCode: 0 }), now: () => 0, budget: new ExecBudget() });
  sh.cwd = '/w';
  return sh;
}

describe('uniq (busybox 1.36.1)', () => {
  // Recorded from busybox 1.36.1 (defconfig, as the busybox:1.36 image) built with glibc 2.36, run in a directory holding `files`.
  it.each(cases.map((c, i) => [`${i}: ${c.args.join(' ')}`, c] as const))('uniq %s', (_, c) => {
    expect(shell().command(['uniq', ...c.args], c.stdin)).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
  });
});
