import { describe, expect, it } from 'vitest';
import type { WhyView } from '../../protocol/protocol';
import { setView } from '../testing/views';
import { whySummary } from './why-summary';

const why = (over: Partial<WhyView>): WhyView => ({ t: 0, set: 'web', code: null, pod: null, ordinal: null, message: null, ...over });

describe('whySummary', () => {
  it('shows a wait in the controller’s words, and only a wait as waiting', () => {
    const w = why({ code: 'PodNotReady', pod: 'web-1', ordinal: 1, message: 'waiting for web-1 to be Running and Ready' });
    expect(whySummary(setView('web'), w)).toEqual({ text: 'waiting for web-1 to be Running and Ready', waiting: true });
    // Progress that holds nothing back comes without words.
    expect(whySummary(setView('web', { replicas: 2 }, { replicas: 6, readyReplicas: 6 }), why({ code: 'ScalingDown' }))).toEqual({ text: 'scaling down: 6 pods, 2 wanted', waiting: false });
  });

  it('a Parallel scale-down whose status no longer counts extra pods still says so, by ordinal', () => {
    expect(whySummary(setView('web', { replicas: 2, podManagementPolicy: 'Parallel' }, { replicas: 2 }), why({ code: 'ScalingDown' })).text).toBe('scaling down: pods outside ordinals 0–1 are being deleted');
    expect(whySummary(setView('web', { replicas: 1, ordinalsStart: 3 }, { replicas: 1 }), why({ code: 'ScalingDown' })).text).toBe('scaling down: pods outside ordinal 3 are being deleted');
    expect(whySummary(setView('web', { replicas: 0 }, { replicas: 0, readyReplicas: 0 }), why({ code: 'ScalingDown' })).text).toBe('scaling down: every pod is being deleted');
  });

  it('says one pod in the singular and zero pods plainly', () => {
    const one = (status: Partial<ReturnType<typeof setView>['status']>, over = {}) => whySummary(setView('web', { replicas: 1, ...over }, { replicas: 1, readyReplicas: 1, updatedReplicas: 1, currentReplicas: 1, ...status }), undefined).text;
    expect(one({})).toBe('the pod is Ready at revision web-aaa');
    expect(one({ readyReplicas: 0 })).toBe('the pod is not Ready yet');
    expect(one({ updatedReplicas: 0, updateRevision: 'web-bbb' }, { strategy: 'OnDelete' })).toBe('OnDelete: 0 of 1 pod at the new revision web-bbb; delete the pod to replace it');
    expect(whySummary(setView('web', { replicas: 0 }, { replicas: 0, readyReplicas: 0 }), undefined).text).toBe('scaled to 0: no pods');
  });

  it('names the partition, and a rolling update only while revisions differ', () => {
    const held = setView('web', { replicas: 5, partition: 3 }, { replicas: 5, readyReplicas: 5, updatedReplicas: 2, currentRevision: 'web-aaa', updateRevision: 'web-bbb' });
    expect(whySummary(held, undefined).text).toBe('partition 3: 2 of 5 pods at the new revision web-bbb, 3 at web-aaa');
    const moving = setView('web', { replicas: 3 }, { replicas: 3, readyReplicas: 3, updatedReplicas: 1, currentRevision: 'web-aaa', updateRevision: 'web-bbb' });
    expect(whySummary(moving, undefined).text).toBe('rolling update: 1 of 3 pods at the new revision web-bbb');
    expect(whySummary(setView('web'), undefined).text).toBe('all 2 pods Ready at revision web-aaa');
  });

  it('before the controller has seen the spec, or while the set is deleted, says that', () => {
    expect(whySummary(setView('web', { generation: 2 }), undefined).text).toBe('the controller has not seen the latest spec yet');
    expect(whySummary(setView('web', { deleting: true }), undefined).text).toBe('being deleted');
  });
});
