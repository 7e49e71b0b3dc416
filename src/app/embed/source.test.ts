import { describe, expect, it } from 'vitest';
import { embedUrl, type SnippetOptions } from './config';
import { initialSource, snippetScenario, stepsFor } from './source';

const base: Omit<SnippetOptions, 'scenario' | 'lesson'> = { base: 'https://sts.example/', panels: ['controls', 'canvas', 'timeline', 'terminal'], controls: ['replicas', 'partition', 'strategy', 'policy', 'image', 'rollout'], autoplay: true, speed: 1, theme: 'auto', readonly: false, origin: '', title: 't', height: 560 };
const fragments = { gallery: 'canary-partition', lesson: '#2.LESSON', session: '#2.SESSION' };

describe('what the Embed dialog embeds', () => {
  it('starts on the open lesson, from its start and as a lesson', () => {
    const source = initialSource({ lesson: true });
    expect(source).toBe('lesson');
    const chosen = snippetScenario(source, stepsFor(source), fragments);
    expect(chosen).toEqual({ scenario: { fragment: '#2.LESSON' }, lesson: true });
    expect(embedUrl({ ...base, ...chosen! })).toBe('https://sts.example/?embed&lesson=1#2.LESSON');
  });

  it('starts on the session when no lesson is open, played as the playground opens it', () => {
    for (const open of [null, { lesson: false }]) {
      const source = initialSource(open);
      expect(source).toBe('session');
      expect(snippetScenario(source, stepsFor(source), fragments)).toEqual({ scenario: { fragment: '#2.SESSION' }, lesson: null });
    }
  });

  it('keeps every choice: the session or the gallery entry instead of the lesson, and any way of playing the steps', () => {
    expect(snippetScenario('session', stepsFor('session'), fragments)).toEqual({ scenario: { fragment: '#2.SESSION' }, lesson: null });
    expect(snippetScenario('gallery', stepsFor('gallery'), fragments)).toEqual({ scenario: { gallery: 'canary-partition' }, lesson: null });
    expect(snippetScenario('lesson', 'replay', fragments)).toEqual({ scenario: { fragment: '#2.LESSON' }, lesson: false });
    expect(snippetScenario('session', 'lesson', fragments)).toEqual({ scenario: { fragment: '#2.SESSION' }, lesson: true });
  });

  it('waits for the chosen link', () => {
    expect(snippetScenario('lesson', 'lesson', { ...fragments, lesson: null })).toBeNull();
    expect(snippetScenario('session', 'default', { ...fragments, session: null })).toBeNull();
    expect(snippetScenario('gallery', 'default', { ...fragments, session: null, lesson: null })).toEqual({ scenario: { gallery: 'canary-partition' }, lesson: null });
  });
});
