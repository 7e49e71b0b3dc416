/**
 * What the Embed dialog embeds: the lesson open on the page (from its start),
 * the session as it is now (its export, with everything done so far), or the
 * gallery entry in the address. Pure: the dialog passes in what it knows.
 */
import type { SnippetOptions } from './config';

export type EmbedSource = 'lesson' | 'session' | 'gallery';
/** The dialog's "Steps" choice: as the playground opens the scenario, as a lesson, or replayed at once. */
export type StepsChoice = 'default' | 'lesson' | 'replay';

/** The choice the dialog starts on: an open lesson (a gallery lesson, or a link opened as one) is embedded as that lesson, not as a replay of the session. */
export function initialSource(open: { lesson: boolean } | null): EmbedSource {
  return open?.lesson ? 'lesson' : 'session';
}

/** How a choice plays its steps until the author picks otherwise: a lesson as a lesson (a link alone would replay it), the rest as the playground opens them. */
export function stepsFor(source: EmbedSource): StepsChoice {
  return source === 'lesson' ? 'lesson' : 'default';
}

export interface Fragments {
  /** `?scenario=NAME` of the page, if any. */
  gallery: string | null;
  /** The share fragment (`#2.…`) of the open lesson's scenario text; null while it is made or when no lesson is open. */
  lesson: string | null;
  /** The share fragment of the session's export; null while it is made. */
  session: string | null;
}

/** The snippet's scenario and lesson switch for a choice, or null while its link is still being made. */
export function snippetScenario(source: EmbedSource, steps: StepsChoice, f: Fragments): Pick<SnippetOptions, 'scenario' | 'lesson'> | null {
  const lesson = steps === 'default' ? null : steps === 'lesson';
  if (source === 'gallery' && f.gallery) return { scenario: { gallery: f.gallery }, lesson };
  const fragment = source === 'lesson' ? f.lesson : f.session;
  return fragment === null ? null : { scenario: { fragment }, lesson };
}
