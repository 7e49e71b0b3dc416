import { describe, expect, it } from 'vitest';
import { MAX_HOST_TEXT, parseHostMessage } from './embed';

describe('parseHostMessage', () => {
  it('ignores anything that is not an sts: message', () => {
    for (const data of [null, 'sts:run', 42, [], { type: 'webpackOk' }, { hello: 1 }]) expect(parseHostMessage(data)).toBeNull();
  });

  it('reads each request with its id', () => {
    expect(parseHostMessage({ type: 'sts:run', id: 7, command: 'kubectl get pods' })).toEqual({ type: 'sts:run', id: 7, command: 'kubectl get pods' });
    expect(parseHostMessage({ type: 'sts:load', id: 'a', gallery: 'on-delete', lesson: true })).toMatchObject({ type: 'sts:load', id: 'a', gallery: 'on-delete', lesson: true });
    expect(parseHostMessage({ type: 'sts:speed', value: 16 })).toEqual({ type: 'sts:speed', id: undefined, value: 16 });
    for (const type of ['sts:play', 'sts:pause', 'sts:step', 'sts:next', 'sts:reset', 'sts:state']) expect(parseHostMessage({ type })).toEqual({ type, id: undefined });
  });

  it('answers malformed requests with the reason', () => {
    expect(parseHostMessage({ type: 'sts:run' })).toMatchObject({ error: 'command must be a string.', request: 'sts:run' });
    expect(parseHostMessage({ type: 'sts:run', id: 3, command: 'kubectl get pods\nkubectl delete sts web' })).toMatchObject({ id: 3, error: expect.stringMatching(/one line/) });
    expect(parseHostMessage({ type: 'sts:load', scenario: 'x', gallery: 'y' })).toMatchObject({ error: expect.stringMatching(/exactly one of/) });
    expect(parseHostMessage({ type: 'sts:load' })).toMatchObject({ error: expect.stringMatching(/exactly one of/) });
    expect(parseHostMessage({ type: 'sts:load', gallery: 'x', lesson: 'yes' })).toMatchObject({ error: 'lesson must be true or false.' });
    expect(parseHostMessage({ type: 'sts:speed', value: 3 })).toMatchObject({ error: expect.stringMatching(/one of 0.25/) });
    expect(parseHostMessage({ type: 'sts:apply', manifests: 'x'.repeat(MAX_HOST_TEXT + 1) })).toMatchObject({ error: expect.stringMatching(/longer than/) });
    expect(parseHostMessage({ type: 'sts:run', id: {}, command: 'x' })).toMatchObject({ error: expect.stringMatching(/id must be/) });
    expect(parseHostMessage({ type: 'sts:launch' })).toMatchObject({ error: expect.stringMatching(/Unknown message type sts:launch/) });
  });
});
