/**
 * The contract between the page and the engine worker. Everything here is
 * plain data (structured-clone safe). The worker sends what changed as
 * events, never whole snapshots per frame; the page sends commands.
 */

import type { WhyCode } from '../engine/sim/cluster';

export type { WhyCode };

export const PROTOCOL_VERSION = 1;

/** Where a pod is in its life, for colour and motion. */
export type PodStage = 'Pending' | 'ContainerCreating' | 'Running' | 'Ready' | 'Failed' | 'Terminating' | 'Completed';

export interface PodView {
  kind: 'Pod';
  name: string;
  /** The StatefulSet that owns it, if any. */
  owner: string | null;
  ordinal: number | null;
  /** kubectl's STATUS column, e.g. `ContainerCreating`, `ErrImagePull`, `Terminating`. */
  status: string;
  /** kubectl's READY column, e.g. `1/1`. */
  ready: string;
  restarts: string;
  stage: PodStage;
  /** True when the status is a failure a person must act on (image, crash, unbound claim). */
  failing: boolean;
  /** The pod's `controller-revision-hash` label. */
  revision: string;
  image: string;
  node: string | null;
  ip: string | null;
  /** Names of the claims its volumes use. */
  claims: string[];
  /** The reason it is not scheduled or not ready, in the cluster's words, when there is one. */
  message: string | null;
  deleting: boolean;
  uid: string;
}

export interface ClaimView {
  kind: 'PersistentVolumeClaim';
  name: string;
  phase: string;
  volume: string | null;
  storageClass: string | null;
  capacity: string | null;
  request: string | null;
  accessModes: string[];
  deleting: boolean;
  /** The set and ordinal whose template made it (`<template>-<set>-<ordinal>`), when known. */
  owner: string | null;
  ordinal: number | null;
  template: string | null;
}

export interface VolumeView {
  kind: 'PersistentVolume';
  name: string;
  phase: string;
  claim: string | null;
  storageClass: string | null;
  capacity: string | null;
  reclaimPolicy: string;
  deleting: boolean;
}

export interface SetView {
  kind: 'StatefulSet';
  name: string;
  replicas: number;
  partition: number;
  strategy: 'RollingUpdate' | 'OnDelete';
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  ordinalsStart: number;
  serviceName: string;
  minReadySeconds: number;
  containers: { name: string; image: string }[];
  templates: string[];
  retention: { whenDeleted: string; whenScaled: string };
  generation: number;
  status: {
    observedGeneration: number;
    replicas: number;
    readyReplicas: number;
    currentReplicas: number;
    updatedReplicas: number;
    availableReplicas: number;
    currentRevision: string;
    updateRevision: string;
  };
  deleting: boolean;
}

export interface ServiceView {
  kind: 'Service';
  name: string;
  clusterIP: string;
  headless: boolean;
  selector: Record<string, string>;
}

export interface ClassView {
  kind: 'StorageClass';
  name: string;
  provisioner: string;
  isDefault: boolean;
  bindingMode: string;
  reclaimPolicy: string;
}

export type ObjectView = PodView | ClaimView | VolumeView | SetView | ServiceView | ClassView;
export type ViewKind = ObjectView['kind'];

export type ObjectChange = { op: 'put'; view: ObjectView } | { op: 'delete'; kind: ViewKind; name: string };

/** What a StatefulSet's controller decided in its latest sync when that was more than "all done", as it said it. */
export interface WhyView {
  t: number;
  set: string;
  /** The decision (engine controllers/statefulset/why.ts); null: nothing to report. */
  code: WhyCode | null;
  pod: string | null;
  ordinal: number | null;
  /** What the controller waits for, in words; null when it holds nothing back (no code, or progress such as a Parallel scale-down). */
  message: string | null;
}

/** A Kubernetes Event, as `kubectl get events` lists it. */
export interface EventView {
  uid: string;
  /** Virtual ms of the last occurrence. */
  t: number;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
}

export interface ClusterSettings {
  seed?: number;
  nodes?: number | string[];
  defaultStorageClass?: string;
  timings?: Partial<{ provision: number; imagePull: number; containerStart: number; termination: number }>;
  images?: Record<string, string>;
  featureGates?: Record<string, boolean>;
}

/** A problem in the manifests, placed in the editor's text where possible. */
export interface ManifestProblem {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

/** A step of a lesson not yet run: a command line, or prose. */
/** A lesson's check (see the scenario format): a kubectl command and what its output must be or contain. */
export interface LessonCheck {
  run: string;
  expect?: string;
  contains?: string;
  hint: string;
}

export type LessonStep = { run: string } | { say: string } | { check: LessonCheck };

/** Page → worker. */
/** A field the editor's text sets whose live value differs (after kubectl scale, set image, patch…). */
export interface DriftView {
  kind: string;
  name: string;
  /** The field as the editor's text is edited: keys, list indexes, or `{ name }` for a named list item. */
  path: (string | number | { name: string })[];
  /** The field for people: `spec.template.spec.containers[nginx].image`. */
  label: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  editor: string;
  live: string;
  value: string | number | boolean | null;
}

export type Command =
  /** `lesson`: apply the manifests only and hand the steps back, for the page to run one by one. */
  | { type: 'load'; id: number; scenario: string; lesson?: boolean }
  | { type: 'exec'; id: number; line: string }
  | { type: 'apply'; id: number; manifests: string }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; value: number }
  | { type: 'step'; id: number }
  | { type: 'inspect'; id: number; kind: ViewKind; name: string }
  | { type: 'complete'; id: number; line: string }
  | { type: 'export'; id: number }
  /** Where the live objects differ from these manifests (fields the text sets). */
  | { type: 'drift'; id: number; manifests: string }
  /** Runs a lesson's check quietly (not echoed, not exported). */
  | { type: 'check'; id: number; check: LessonCheck }
  /** Moves virtual time by exactly `ms` (a lesson's wait, finished), at most one fast-forward. */
  | { type: 'advance'; id: number; ms: number };

export interface Transport {
  playing: boolean;
  speed: number;
  /** Virtual ms since the cluster started. */
  t: number;
  /** Virtual ms of the next scheduled happening, null when the cluster is idle. */
  next: number | null;
}

/** Worker → page. */
export type WorkerMessage =
  | { type: 'ready'; version: number }
  | { type: 'loaded'; id: number; ok: boolean; error: string | null; objects: ObjectView[]; events: EventView[]; why: WhyView[]; transport: Transport; transcript: { command: string; output: string; say: boolean }[]; lessonSteps: LessonStep[]; manifests: string; cluster: ClusterSettings; title: string | null; description: string | null; /** How `kubectl apply -f manifests.yaml` of the scenario went (null: no manifests), with the problems placed in the text. */ manifestsApply: { exitCode: number; output: string; problems: ManifestProblem[] } | null; /** The scenario's lesson speed (lesson.speed), null for the default. */ lessonSpeed: number | null }
  | { type: 'changes'; changes: ObjectChange[]; events: EventView[]; why: WhyView[]; transport: Transport }
  | { type: 'transport'; transport: Transport }
  | { type: 'output'; id: number; command: string; text: string; exitCode: number }
  | { type: 'applied'; id: number; output: string; exitCode: number; problems: ManifestProblem[] }
  | { type: 'inspected'; id: number; yaml: string; describe: string }
  | { type: 'completions'; id: number; start: number; items: string[] }
  | { type: 'stepped'; id: number }
  | { type: 'exported'; id: number; scenario: string }
  | { type: 'drifted'; id: number; fields: DriftView[] }
  | { type: 'checked'; id: number; ok: boolean; output: string }
  | { type: 'advanced'; id: number }
  | { type: 'fault'; message: string };

/** Speeds the transport offers (virtual seconds per wall second). */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;
