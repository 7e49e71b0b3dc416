import { describe, expect, it } from 'vitest';
import type { PodView, SetView } from '../../protocol/protocol';
import { initialState, withObjects } from '../store/store';
import { podView, setView } from '../testing/views';
import { changedSets, setReport, stateReport } from './reports';

const set = (replicas: number, ready: number, partition = 0): SetView => setView('web', { replicas, partition }, { replicas: ready, readyReplicas: ready, currentReplicas: ready, updatedReplicas: ready, availableReplicas: ready });
const pod = (name: string, ordinal: number): PodView => podView('web', ordinal, { uid: name });

describe('embed reports', () => {
  it('reports a set once per change of its spec or status, and its deletion once', () => {
    const sent = new Map<string, string>();
    const a = new Map([['web', set(2, 1)]]);
    expect(changedSets(a, sent).map((r) => r.status?.readyReplicas)).toEqual([1]);
    expect(changedSets(new Map([['web', set(2, 1)]]), sent)).toEqual([]);
    expect(changedSets(new Map([['web', set(2, 2)]]), sent).map((r) => r.status?.readyReplicas)).toEqual([2]);
    expect(changedSets(new Map([['web', set(2, 2, 1)]]), sent).map((r) => r.spec?.partition)).toEqual([1]);
    expect(changedSets(new Map(), sent)).toEqual([{ name: 'web', exists: false, spec: null, status: null }]);
    expect(changedSets(new Map(), sent)).toEqual([]);
  });

  it('builds the state report sorted by name', () => {
    const s = { ...initialState, ...withObjects(initialState, [set(2, 2), pod('web-1', 1), pod('web-0', 0)], []) };
    const r = stateReport(s, 1500);
    expect(r.t).toBe(1500);
    expect(r.pods.map((p) => p.name)).toEqual(['web-0', 'web-1']);
    expect(r.sets).toEqual([setReport('web', set(2, 2))]);
    expect(r.sets[0]?.spec).toEqual({ replicas: 2, partition: 0, updateStrategy: 'RollingUpdate', podManagementPolicy: 'OrderedReady', images: ['nginx:1.27'] });
    expect(r.lesson).toBeNull();
  });
});
