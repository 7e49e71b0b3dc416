import { describe, expect, it } from 'vitest';
import { reason, whyMessage, WHY_CODES, type WhyDecision } from './why';

/** One decision of each code, with the words it must give. */
const examples: [WhyDecision, string][] = [
  [{ code: 'PodFailed', pod: 'web-1', ordinal: 1, phase: 'Failed' }, 'web-1 has ended (phase Failed); it is deleted and created again once it is gone'],
  [{ code: 'StaleClaim', pod: 'web-2', ordinal: 2 }, 'waiting for the stale claims of web-2 to be deleted before creating it'],
  [{ code: 'CreateFailed', pod: 'web-2', ordinal: 2, error: 'pvc www-web-2 is being deleted' }, 'cannot create web-2: pvc www-web-2 is being deleted'],
  [{ code: 'CreatedPod', pod: 'web-0', ordinal: 0, next: { kind: 'create', pod: 'web-1' } }, 'created web-0; waiting for it to be Running and Ready before creating web-1'],
  [{ code: 'PodNotReady', pod: 'web-1', ordinal: 1, next: { kind: 'delete', pod: 'web-4' } }, 'waiting for web-1 to be Running and Ready before deleting web-4'],
  [{ code: 'PodNotAvailable', pod: 'web-1', ordinal: 1, minReadySeconds: 10, next: { kind: 'update' } }, 'waiting for web-1 to be available (Ready for minReadySeconds=10) before continuing the rolling update'],
  [{ code: 'PodTerminating', pod: 'web-1', ordinal: 1 }, 'waiting for web-1 to finish terminating before creating it again'],
  [{ code: 'ScaleDownDeleted', pod: 'web-3', ordinal: 3, next: 'web-2' }, 'scaling down: deleting web-3, then web-2 once web-3 is gone'],
  [{ code: 'ScaleDownTerminating', pod: 'web-2', ordinal: 2 }, 'scaling down: waiting for web-2 to finish terminating'],
  [{ code: 'ScaleDownUnhealthy', pod: 'web-3', ordinal: 3, other: 'web-2', minReadySeconds: 0 }, 'scaling down halted: web-3 and web-2 are not Running and Ready; web-3 is deleted once one of them is'],
  [{ code: 'ScalingDown' }, 'scaling down: the pods outside the ordinal range are deleted together (Parallel)'],
  [{ code: 'UpdateDeleted', pod: 'web-3', ordinal: 3, pods: ['web-3', 'web-2', 'web-1'] }, 'rolling update: deleting web-3, web-2 and web-1 to create them again at the update revision'],
  [{ code: 'UpdateWaiting', pod: 'web-3', ordinal: 3, replacing: true, minReadySeconds: 0 }, 'rolling update: waiting for web-3 to be replaced at the update revision'],
  [{ code: 'MaxUnavailable', unavailable: 1, maxUnavailable: 1, next: 'web-0' }, 'rolling update: 1 pod unavailable, maxUnavailable is 1; waiting before updating web-0'],
  [{ code: 'SimulatorFault' }, "The playground's StatefulSet controller failed while syncing this set; it retries with back-off. This is a fault of the simulator, not Kubernetes behaviour."],
];

describe('why', () => {
  it('gives every decision its own words', () => {
    expect(examples.map(([d]) => d.code)).toEqual(WHY_CODES);
    for (const [d, words] of examples) expect(whyMessage(d)).toBe(words);
  });

  it('holds work back for every decision except a Parallel scale-down', () => {
    for (const [d] of examples) expect(reason(d).waiting).toBe(d.code !== 'ScalingDown');
  });

  it('speaks of one pod in the singular, of the update only when there is one', () => {
    expect(whyMessage({ code: 'UpdateDeleted', pod: 'web-1', ordinal: 1, pods: ['web-1'] })).toBe('rolling update: deleting web-1 to create it again at the update revision');
    expect(whyMessage({ code: 'MaxUnavailable', unavailable: 3, maxUnavailable: 2, next: 'web-0' })).toMatch(/^rolling update: 3 pods unavailable/);
    expect(whyMessage({ code: 'UpdateWaiting', pod: 'web-0', ordinal: 0, replacing: false, minReadySeconds: 5 })).toBe('rolling update: waiting for web-0 to be available (Ready for minReadySeconds=5); then every pod is at the update revision');
    expect(whyMessage({ code: 'UpdateWaiting', pod: 'web-3', ordinal: 3, replacing: false, minReadySeconds: 0, next: 'web-2' })).toBe('rolling update: waiting for web-3 to be Running and Ready before updating web-2');
  });
});
