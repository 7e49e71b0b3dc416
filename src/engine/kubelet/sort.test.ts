import { describe, expect, it } from 'vitest';
import { VolumeDataStore } from '../controllers/volume/data';
import { ContainerFs } from './fs';
import { ExecBudget, VOLUME_CAPACITY } from './limits';
import { Shell } from './shell';
import { strverscmp } from './sort';
import recorded from './testdata/sort-busybox.json';

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

describe('sort (busybox 1.36.1)', () => {
  // Recorded from busybox 1.36.1 (defconfig, as the busybox:1.36 image) built with glibc 2.36, run in a directory holding `files`.
  it.each(cases.map((c, i) => [`${i}: ${c.args.join(' ')}`, c] as const))('sort %s', (_, c) => {
    expect(shell().command(['sort', ...c.args], c.stdin)).toEqual({ stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode });
  });

  it('orders versions as glibc strverscmp does', () => {
    // Pairs checked with glibc 2.36's strverscmp (sign of the result).
    const pairs: [string, string, number][] = [
      ['a1', 'a10', -1], ['a2', 'a10', -1], ['000', '00', -1], ['00', '01', -1], ['01', '010', -1], ['010', '09', -1], ['09', '0', -1], ['0', '1', -1],
      ['web-9', 'web-10', -1], ['v1.9.11', 'v1.10', -1], ['abc', 'abc', 0], ['b', 'a', 1], ['1.0', '1.0.1', -1], ['x', '', 1],
    ];
    for (const [a, b, sign] of pairs) expect([a, b, Math.sign(strverscmp(a, b))]).toEqual([a, b, sign]);
  });
});
