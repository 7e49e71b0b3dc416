/**
 * The line the why panel shows for one StatefulSet. A wait is the
 * controller's own decision, in its words (WhyView.message). When it holds
 * nothing back, the line says what the set's status shows, in words that
 * stay true while the set scales or rolls (never "3 of 2 Ready", never
 * "1 pods").
 */
import type { SetView, WhyView } from '../../protocol/protocol';

export interface WhySummary {
  text: string;
  /** True when the controller holds work back until something changes. */
  waiting: boolean;
}

const pods = (n: number): string => `${n} ${n === 1 ? 'pod' : 'pods'}`;

/** Ordinals `start`…`start + n - 1` in words. */
const ordinals = (start: number, n: number): string => (n === 1 ? `ordinal ${start}` : `ordinals ${start}–${start + n - 1}`);

export function whySummary(set: SetView, why: WhyView | undefined): WhySummary {
  if (why?.message) return { text: why.message, waiting: true };
  const done = (text: string): WhySummary => ({ text, waiting: false });
  if (set.deleting) return done('being deleted');
  const st = set.status;
  const want = set.replicas;
  if (st.observedGeneration < set.generation) return done('the controller has not seen the latest spec yet');
  // More pods than wanted: the set is scaling down (the controller's latest sync counted them).
  if (st.replicas > want) return done(`scaling down: ${pods(st.replicas)}, ${want} wanted`);
  if (why?.code === 'ScalingDown') return done(want === 0 ? 'scaling down: every pod is being deleted' : `scaling down: pods outside ${ordinals(set.ordinalsStart, want)} are being deleted`);
  if (st.replicas < want || st.readyReplicas < want) {
    const text = want === 1 ? 'the pod is not Ready yet' : `${st.readyReplicas} of ${want} pods Ready`;
    // Parallel: nothing waits on a pod that is not Ready (a wait would have come with a message).
    return done(set.podManagementPolicy === 'Parallel' ? `${text}; Parallel: pods start and stop without waiting for each other` : text);
  }
  if (want === 0) return done('scaled to 0: no pods');
  const current = st.currentRevision || '—';
  if (st.updateRevision && st.currentRevision !== st.updateRevision) {
    const moved = `${st.updatedReplicas} of ${pods(want)} at the new revision ${st.updateRevision}`;
    if (set.strategy === 'OnDelete') return done(`OnDelete: ${moved}; delete ${want === 1 ? 'the pod' : 'a pod'} to replace it`);
    if (set.partition > 0) return done(`partition ${set.partition}: ${moved}, ${want - st.updatedReplicas} at ${current}`);
    return done(`rolling update: ${moved}`);
  }
  return done(want === 1 ? `the pod is Ready at revision ${current}` : `all ${want} pods Ready at revision ${current}`);
}
