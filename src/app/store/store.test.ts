import { describe, expect, it } from 'vitest';
import type { EventView, ServiceView } from '../../protocol/protocol';
import { appendTerminal, initialState, MAX_EVENTS, MAX_TERMINAL_CHARS, MAX_TERMINAL_LINES, mergeEvents, mergeWhy, withObjects, type TerminalLine } from './store';

const svc = (name: string): ServiceView => ({ kind: 'Service', name, clusterIP: 'None', headless: true, selector: {} });
const ev = (uid: string, t: number, count = 1): EventView => ({ uid, t, type: 'Normal', reason: 'X', object: 'pod/a', message: 'm', count });

describe('store reducers', () => {
  it('replaces only the maps a batch touches, and keeps unchanged views identical', () => {
    const a = svc('a');
    const s1 = { ...initialState, ...withObjects(initialState, [a, svc('b')], []) };
    const s2 = { ...s1, ...withObjects(s1, [svc('c')], [{ kind: 'Service', name: 'b' }]) };
    expect([...s2.services.keys()]).toEqual(['a', 'c']);
    expect(s2.services.get('a')).toBe(a);
    expect(s2.services).not.toBe(s1.services);
    expect(s2.pods).toBe(s1.pods);
    expect([...s1.services.keys()]).toEqual(['a', 'b']);
  });

  it('merges an aggregated event in place of its earlier count, newest last, capped', () => {
    const list = mergeEvents([], [ev('1', 10), ev('2', 20)]);
    const merged = mergeEvents(list, [ev('1', 30, 2)]);
    expect(merged.map((e) => `${e.uid}:${e.count}`)).toEqual(['2:1', '1:2']);
    const many = mergeEvents([], Array.from({ length: MAX_EVENTS + 5 }, (_, i) => ev(String(i), i)));
    expect(many).toHaveLength(MAX_EVENTS);
    expect(many[0]?.uid).toBe('5');
  });

  it('keeps the latest wait reason per set', () => {
    const s = { ...initialState, ...mergeWhy(initialState, [{ t: 1, set: 'web', code: 'PodNotReady', pod: 'web-0', ordinal: 0, message: 'a' }, { t: 2, set: 'web', code: null, pod: null, ordinal: null, message: null }]) };
    expect(s.why.get('web')?.message).toBeNull();
    expect(s.whyHistory).toHaveLength(2);
  });

  it('caps the terminal scrollback by lines and by characters, always keeping the newest line', () => {
    const line = (text: string): TerminalLine => ({ kind: 'output', text });
    let t: readonly TerminalLine[] = [];
    for (let i = 0; i < MAX_TERMINAL_LINES + 10; i++) t = appendTerminal(t, [line(String(i))]);
    expect(t).toHaveLength(MAX_TERMINAL_LINES);
    expect(t.at(-1)?.text).toBe(String(MAX_TERMINAL_LINES + 9));
    const big = 'x'.repeat(MAX_TERMINAL_CHARS / 4);
    for (let i = 0; i < 10; i++) t = appendTerminal(t, [line(big)]);
    expect(t.reduce((n, l) => n + l.text.length, 0)).toBeLessThanOrEqual(MAX_TERMINAL_CHARS);
    expect(t).toHaveLength(4);
    const huge = 'y'.repeat(MAX_TERMINAL_CHARS + 1);
    t = appendTerminal(t, [line(huge)]);
    expect(t).toEqual([line(huge)]);
  });
});
