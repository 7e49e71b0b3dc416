import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTRY_COST, VolumeDataStore } from './data';

const seg = fc.constantFrom('a', 'b', 'c', 'é', 'Z', '😀');
const path = fc.array(seg, { minLength: 1, maxLength: 4 }).map((p) => p.join('/'));
const op = fc.oneof(
  fc.record({ k: fc.constant('write' as const), path, content: fc.string({ maxLength: 6 }) }),
  fc.record({ k: fc.constant('mkdir' as const), path }),
  fc.record({ k: fc.constant('remove' as const), path }),
  fc.record({ k: fc.constant('clear' as const) }),
);
const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('VolumeDataStore', () => {
  it('lists and counts usage exactly as a full scan would', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const store = new VolumeDataStore();
        // The model: plain maps, scanned in full.
        const files = new Map<string, string>();
        const dirs = new Set<string>();
        const parents = (p: string, self: boolean) => {
          const parts = p.split('/');
          for (let i = 1; i < parts.length + (self ? 1 : 0); i++) dirs.add(parts.slice(0, i).join('/'));
        };
        for (const o of ops) {
          if (o.k === 'write') {
            store.write('pv', o.path, o.content);
            files.set(o.path, o.content);
            parents(o.path, false);
          } else if (o.k === 'mkdir') {
            store.mkdir('pv', o.path);
            parents(o.path, true);
          } else if (o.k === 'remove') {
            store.remove('pv', o.path);
            for (const k of [...files.keys()]) if (k === o.path || k.startsWith(`${o.path}/`)) files.delete(k);
            for (const k of [...dirs]) if (k === o.path || k.startsWith(`${o.path}/`)) dirs.delete(k);
          } else {
            store.clear('pv');
            files.clear();
            dirs.clear();
          }
        }
        for (const dir of ['', ...dirs]) {
          const prefix = dir === '' ? '' : `${dir}/`;
          const names = new Set<string>();
          for (const k of [...files.keys(), ...dirs]) if (k.startsWith(prefix) && k.length > prefix.length) names.add(k.slice(prefix.length).split('/')[0] as string);
          expect(store.list('pv', dir)).toEqual([...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
        }
        let want = 0;
        for (const [p, c] of files) want += ENTRY_COST + bytes(p) + bytes(c);
        for (const d of dirs) want += ENTRY_COST + bytes(d);
        expect(store.usage('pv')).toBe(want);
      }),
      { numRuns: 1500 },
    );
  });

  it('charges names, contents and a fixed cost per entry', () => {
    const store = new VolumeDataStore();
    store.write('pv', 'dir/f', 'héllo');
    expect(store.usage('pv')).toBe(2 * ENTRY_COST + bytes('dir') + bytes('dir/f') + bytes('héllo'));
    expect(store.growth('pv', 'dir/f', '')).toBe(-bytes('héllo'));
    expect(store.growth('pv', 'new/sub/g', 'x')).toBe(3 * ENTRY_COST + bytes('new') + bytes('new/sub') + bytes('new/sub/g') + 1);
    store.remove('pv', 'dir');
    expect(store.usage('pv')).toBe(0);
    expect(store.list('pv', '')).toEqual([]);
  });
});
