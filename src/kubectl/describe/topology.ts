import { selectorToString } from '../../engine/api/labels';
import type { LabelSelector } from '../../engine/api/types';
import { LEVEL_0, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);

/** describeTopologySpreadConstraints: one "key:Policy when max skew N is exceeded[ for selector S]" line each. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeTopologySpreadConstraints (v1.32)
export function describeTopologySpreadConstraints(tscs: unknown, w: PrefixWriter, space: string): void {
  if (!Array.isArray(tscs) || tscs.length === 0) return;
  const list = (tscs as unknown[]).filter(isRec);
  list.sort((a, b) => {
    const x = String(a['topologyKey'] ?? '');
    const y = String(b['topologyKey'] ?? '');
    return x < y ? -1 : x > y ? 1 : 0;
  });
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    let line = `${String(t['topologyKey'] ?? '')}:${String(t['whenUnsatisfiable'] ?? '')} when max skew ${String(t['maxSkew'] ?? 0)} is exceeded`;
    if (isRec(t['labelSelector'])) line += ` for selector ${selectorToString(t['labelSelector'] as LabelSelector)}`;
    w.write(LEVEL_0, `${line}\n`);
  });
}
