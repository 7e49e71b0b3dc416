/**
 * The postMessage API between a host page (a course) and an embedded
 * playground. Plain data both ways; every message's `type` starts with
 * `sts:`. A request may carry an `id` (string or number); its reply
 * (`sts:result`, `sts:state`, or `sts:error`) carries the same `id`.
 *
 * Host → playground: sts:load, sts:run, sts:apply, sts:next, sts:play,
 * sts:pause, sts:step, sts:speed, sts:reset, sts:state.
 * Playground → host: sts:ready, sts:step, sts:status, sts:result, sts:state,
 * sts:error.
 */
import { SPEEDS } from './protocol';

export const EMBED_API_VERSION = 1;

type Id = string | number | undefined;

export type HostMessage =
  /** A scenario file's text, or a gallery entry by name. `lesson`: Next runs its steps; otherwise they are replayed at once. */
  | { type: 'sts:load'; id?: Id; scenario?: string; gallery?: string; lesson?: boolean; autoplay?: boolean }
  /** One command line, as typed in the terminal (`kubectl …`, `sleep 10s`). */
  | { type: 'sts:run'; id?: Id; command: string }
  /** Manifests applied as `kubectl apply -f manifests.yaml`. */
  | { type: 'sts:apply'; id?: Id; manifests: string }
  /** A lesson's next stretch. */
  | { type: 'sts:next'; id?: Id }
  | { type: 'sts:play'; id?: Id }
  | { type: 'sts:pause'; id?: Id }
  /** Move the paused clock to the next scheduled happening. */
  | { type: 'sts:step'; id?: Id }
  | { type: 'sts:speed'; id?: Id; value: number }
  /** Back to the scenario as it was loaded. */
  | { type: 'sts:reset'; id?: Id }
  | { type: 'sts:state'; id?: Id };

export interface SetStatusReport {
  name: string;
  /** False once the set is gone from the cluster. */
  exists: boolean;
  spec: { replicas: number; partition: number; updateStrategy: string; podManagementPolicy: string; images: string[] } | null;
  status: { observedGeneration: number; replicas: number; readyReplicas: number; currentReplicas: number; updatedReplicas: number; availableReplicas: number; currentRevision: string; updateRevision: string } | null;
}

export interface PodReport {
  name: string;
  ordinal: number | null;
  owner: string | null;
  status: string;
  ready: string;
  revision: string;
  image: string;
  claims: string[];
}

export interface StateReport {
  /** Virtual milliseconds since the cluster started. */
  t: number;
  playing: boolean;
  speed: number;
  title: string | null;
  sets: SetStatusReport[];
  pods: PodReport[];
  claims: { name: string; phase: string; volume: string | null }[];
  volumes: { name: string; phase: string; claim: string | null }[];
  lesson: { step: number; steps: number } | null;
}

export type EmbedMessage =
  | { type: 'sts:ready'; version: number; engine: 'worker' | 'main-thread'; storage: boolean; title: string | null; readonly: boolean }
  /** After every command, from any source: the host, the learner's terminal or controls, or a lesson. */
  | { type: 'sts:step'; command: string; output: string; exitCode: number; t: number }
  /** Whenever a StatefulSet's spec or status changes (or it is deleted). */
  | { type: 'sts:status'; t: number; set: SetStatusReport }
  | { type: 'sts:result'; id?: Id; request: string; ok: boolean; output?: string; exitCode?: number; error?: string }
  | { type: 'sts:state'; id?: Id; state: StateReport }
  | { type: 'sts:error'; id?: Id; request: string | null; error: string };

/** Largest text a host may send in one message. */
export const MAX_HOST_TEXT = 200_000;

const isId = (v: unknown): v is Id => v === undefined || typeof v === 'string' || typeof v === 'number';

/**
 * Reads a message from a host page. Anything that is not an `sts:` object is
 * ignored (null: other scripts use postMessage too); a malformed `sts:`
 * message is an error the host is told about.
 */
export function parseHostMessage(data: unknown): HostMessage | { error: string; request: string | null; id?: Id } | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.type !== 'string' || !m.type.startsWith('sts:')) return null;
  const type = m.type;
  const id = isId(m.id) ? m.id : undefined;
  const fail = (error: string) => ({ error, request: type, id });
  if (!isId(m.id)) return fail('id must be a string or a number.');
  const text = (key: string, required: boolean): string | undefined | { bad: string } => {
    const v = m[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string') return { bad: `${key} must be a string.` };
    if (v.length > MAX_HOST_TEXT) return { bad: `${key} is longer than ${MAX_HOST_TEXT} characters.` };
    return v;
  };
  switch (type) {
    case 'sts:load': {
      const scenario = text('scenario', false);
      const gallery = text('gallery', false);
      if (typeof scenario === 'object') return fail(scenario.bad);
      if (typeof gallery === 'object') return fail(gallery.bad);
      if ((scenario === undefined) === (gallery === undefined)) return fail('sts:load needs exactly one of scenario (a scenario file as text) or gallery (a gallery name).');
      for (const k of ['lesson', 'autoplay'] as const) if (m[k] !== undefined && typeof m[k] !== 'boolean') return fail(`${k} must be true or false.`);
      return { type, id, scenario, gallery, lesson: m.lesson as boolean | undefined, autoplay: m.autoplay as boolean | undefined };
    }
    case 'sts:run': {
      const command = text('command', true);
      if (typeof command !== 'string') return fail(command?.bad ?? 'command must be a string.');
      if (/[\r\n]/.test(command.trim())) return fail('command must be one line; send one sts:run per command.');
      return { type, id, command };
    }
    case 'sts:apply': {
      const manifests = text('manifests', true);
      if (typeof manifests !== 'string') return fail(manifests?.bad ?? 'manifests must be a string.');
      return { type, id, manifests };
    }
    case 'sts:speed': {
      if (!(SPEEDS as readonly unknown[]).includes(m.value)) return fail(`value must be one of ${SPEEDS.join(', ')}.`);
      return { type, id, value: m.value as number };
    }
    case 'sts:next':
    case 'sts:play':
    case 'sts:pause':
    case 'sts:step':
    case 'sts:reset':
    case 'sts:state':
      return { type, id };
    default:
      return fail(`Unknown message type ${type.slice(0, 40)}. Known: sts:load, sts:run, sts:apply, sts:next, sts:play, sts:pause, sts:step, sts:speed, sts:reset, sts:state.`);
  }
}
