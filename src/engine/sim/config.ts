/**
 * The simulated cluster's settings, as the scenario's `cluster:` block gives
 * them (see the scenario format), with every default filled in.
 */
import { DEFAULT_FEATURE_GATES, type FeatureGates } from '../api/strategy';
import { globMatch } from '../../lib/glob';

/** What a simulated image does when a container runs it. */
export type ImageOutcome = 'ErrImagePull' | 'CrashLoopBackOff' | 'NeverReady' | 'Ready';

export interface Timings {
  /** Seconds the dynamic provisioner takes to create a PV. */
  provision: number;
  /** Seconds for the first pull of an image on a node; later pulls are cached. */
  imagePull: number;
  /** Seconds from image present to container Running. */
  containerStart: number;
  /** Seconds a container takes to stop, capped by terminationGracePeriodSeconds. */
  termination: number;
}

export interface ClusterConfig {
  seed: number;
  nodes: string[];
  /** Name of the StorageClass made at start and marked default, or undefined for none. */
  defaultStorageClass: string | undefined;
  timings: Timings;
  /** Glob pattern → outcome, first match wins. */
  images: [string, ImageOutcome][];
  featureGates: FeatureGates;
}

export const DEFAULT_TIMINGS: Timings = { provision: 2, imagePull: 4, containerStart: 1, termination: 2 };

export const DEFAULT_IMAGE_RULES: [string, ImageOutcome][] = [
  ['*:bad', 'ErrImagePull'],
  ['*:crash', 'CrashLoopBackOff'],
  ['*:unready', 'NeverReady'],
];

export function defaultClusterConfig(over: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    seed: 1,
    nodes: ['node-1', 'node-2', 'node-3'],
    defaultStorageClass: 'standard',
    timings: { ...DEFAULT_TIMINGS },
    images: [...DEFAULT_IMAGE_RULES],
    featureGates: { ...DEFAULT_FEATURE_GATES },
    ...over,
  };
}

/** Glob match with `*` (any run) and `?` (one character), without building a regular expression. */
export { globMatch } from '../../lib/glob';

/** The outcome for an image: the first matching rule, else Ready. */
export function imageOutcome(config: ClusterConfig, image: string): ImageOutcome {
  for (const [pattern, outcome] of config.images) if (globMatch(pattern, image)) return outcome;
  return 'Ready';
}
