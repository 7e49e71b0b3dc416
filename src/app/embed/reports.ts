/**
 * What the embed API tells a host page about the cluster, built from the
 * page's store: a StatefulSet's spec and status, and a whole-state report a
 * course page can check a learner's result against.
 */
import type { SetStatusReport, StateReport } from '../../protocol/embed';
import type { SetView } from '../../protocol/protocol';
import type { SimState } from '../store/store';

export function setReport(name: string, view: SetView | undefined): SetStatusReport {
  if (!view) return { name, exists: false, spec: null, status: null };
  return {
    name,
    exists: true,
    spec: {
      replicas: view.replicas,
      partition: view.partition,
      updateStrategy: view.strategy,
      podManagementPolicy: view.podManagementPolicy,
      images: view.containers.map((c) => c.image),
    },
    status: { ...view.status },
  };
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function stateReport(s: SimState, t: number): StateReport {
  return {
    t,
    playing: s.transport.playing,
    speed: s.transport.speed,
    title: s.title,
    sets: [...s.sets.entries()].map(([name, v]) => setReport(name, v)).sort(byName),
    pods: [...s.pods.values()]
      .map((p) => ({ name: p.name, ordinal: p.ordinal, owner: p.owner, status: p.status, ready: p.ready, revision: p.revision, image: p.image, claims: [...p.claims] }))
      .sort(byName),
    claims: [...s.claims.values()].map((c) => ({ name: c.name, phase: c.phase, volume: c.volume })).sort(byName),
    volumes: [...s.volumes.values()].map((v) => ({ name: v.name, phase: v.phase, claim: v.claim })).sort(byName),
    lesson: s.lesson ? { step: s.lesson.next, steps: s.lesson.steps.length } : null,
  };
}

/**
 * The sets whose report changed between two maps of views (a deleted set
 * reports `exists: false`), given the reports last sent, which it updates.
 */
export function changedSets(sets: ReadonlyMap<string, SetView>, sent: Map<string, string>): SetStatusReport[] {
  const out: SetStatusReport[] = [];
  const names = new Set([...sets.keys(), ...sent.keys()]);
  for (const name of [...names].sort()) {
    const report = setReport(name, sets.get(name));
    const key = JSON.stringify(report);
    if (sent.get(name) === key) continue;
    if (!report.exists && !sent.has(name)) continue;
    if (report.exists) sent.set(name, key);
    else sent.delete(name);
    out.push(report);
  }
  return out;
}
