/**
 * The composition root: builds a simulated cluster from a ClusterConfig and
 * wires its parts together. Nothing else constructs controllers.
 */
import { Rng } from '../../lib/rng';
import { DEFAULT_CLASS_ANNOTATION } from '../apiserver/admission';
import { ApiServer, type WatchEvent } from '../apiserver/apiserver';
import type { KObject, Node, StorageClass } from '../api/types';
import { VirtualClock, type SimTime } from '../clock/clock';
import { EndpointsController } from '../controllers/endpoints/endpoints-controller';
import { GarbageCollector } from '../controllers/gc/garbage-collector';
import { StatefulSetController, type WhyRecord } from '../controllers/statefulset/stateful-set';
import { VolumeDataStore } from '../controllers/volume/data';
import { PersistentVolumeController } from '../controllers/volume/pv-controller';
import { Kubelet, type InteractiveShell } from '../kubelet/kubelet';
import { EventRecorder } from '../runtime/recorder';
import { CycleTracker } from '../runtime/cycles';
import { FaultEvents } from '../runtime/faults';
import { Scheduler } from '../scheduler/scheduler';
import { defaultClusterConfig, type ClusterConfig } from './config';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A running simulated cluster. Time moves only when someone steps `clock`. */
export interface Cluster {
  readonly config: ClusterConfig;
  readonly clock: VirtualClock;
  readonly api: ApiServer;
  readonly rng: Rng;
  readonly statefulsets: StatefulSetController;
  /** Runs a command in a container (kubectl exec). Throws with a message when the pod cannot run it. */
  exec(namespace: string, pod: string, container: string | undefined, argv: string[]): ExecResult;
  /** Opens an interactive shell in a container (kubectl exec -it … -- sh). Throws with kubectl's message when it cannot. */
  openShell(namespace: string, pod: string, container: string | undefined): InteractiveShell;
  /** Every write since the start, in order — only with `keepLog: true` (tests); empty otherwise. */
  readonly log: WatchEvent[];
  /** Wait reasons of the StatefulSet controller, in order (the latest ones; see WhyLog). */
  readonly whyLog: WhyLog;
  /** Sizes of every part's internal bookkeeping (maps, queues, timers), for tests and the soak benchmark. */
  stats(): Record<string, number>;
  /** How much the cluster has done since it started; deterministic, so a replay's budget can read it. */
  work(): ClusterWork;
  /** Advances virtual time by `ms`, running everything that falls due. */
  advance(ms: number): void;
  /** True when no timer is pending: nothing will change unless someone acts. */
  settled(): boolean;
}

/** Counters of work done, each only growing. */
export interface ClusterWork {
  /** API writes (every create, update and delete takes one resourceVersion). */
  writes: number;
  /** Timers the clock has run. */
  timerRuns: number;
  /** Commands, bytes moved and regex steps of every `kubectl exec`, together. */
  execCommands: number;
  execBytes: number;
  regexSteps: number;
}

/** A wait reason with the time it was recorded. */
export type TimedWhy = WhyRecord & { t: SimTime };
export type { WhyCode } from '../controllers/statefulset/why';
export type { InteractiveShell } from '../kubelet/kubelet';
/** What one `kubectl exec` may use (kubelet/limits.ts), for budgets that count in execs. */
export { EXEC_REGEX_STEPS, MAX_COMMANDS, MAX_EXEC_BYTES } from '../kubelet/limits';

/**
 * The controller's wait reasons, numbered from 0 in the order they came.
 * Only the latest are kept: a reader (the page) takes what it has not seen
 * yet with `since(n)` after every step, so it never needs older ones.
 */
export class WhyLog {
  static readonly KEEP = 1000;
  private records: TimedWhy[] = [];
  /** How many records were dropped from the front. */
  private dropped = 0;

  push(rec: TimedWhy): void {
    this.records.push(rec);
    if (this.records.length >= 2 * WhyLog.KEEP) {
      const cut = this.records.length - WhyLog.KEEP;
      this.records.splice(0, cut);
      this.dropped += cut;
    }
  }

  /** Number of records ever pushed (the next record's number). */
  get total(): number {
    return this.dropped + this.records.length;
  }

  /** Records numbered `from` and later that are still kept. */
  since(from: number): readonly TimedWhy[] {
    return this.records.slice(Math.max(0, from - this.dropped));
  }

  get kept(): number {
    return this.records.length;
  }
}

export interface CreateClusterOptions {
  /**
   * Keep every watch event in `log`, for tests that look back over a run.
   * Off by default: the log grows with every write and nothing else needs it.
   */
  keepLog?: boolean;
  /** Freeze stored objects to catch writes to shared objects (tests). */
  freeze?: boolean;
  /** Let long fast-forwards jump over steady repeating work (default true; tests compare both ways). */
  jumps?: boolean;
}

/** Builds and starts a cluster: namespaces, nodes, the default StorageClass, and every controller. */
export function createCluster(partial: Partial<ClusterConfig> = {}, opts: CreateClusterOptions = {}): Cluster {
  const config = defaultClusterConfig(partial);
  const clock = new VirtualClock();
  const rng = new Rng(config.seed);
  const api = new ApiServer(clock, rng, { featureGates: config.featureGates });
  api.freeze = opts.freeze ?? false;
  const log: WatchEvent[] = [];
  if (opts.keepLog ?? false) api.watch((ev) => log.push(ev));
  const recorder = new EventRecorder(api);
  const volumes = new VolumeDataStore();
  // Repeating work a long fast-forward may jump over, and faults made visible as Events.
  clock.jumps = opts.jumps ?? true;
  const cycles = new CycleTracker(api, recorder);
  cycles.start();
  new FaultEvents(api, recorder).start();

  const statefulsets = new StatefulSetController(api, recorder, () => config.featureGates.MaxUnavailableStatefulSet === true, cycles);
  const whyLog = new WhyLog();
  statefulsets.onWhy = (rec) => whyLog.push({ ...rec, t: clock.now() });
  const kubelet = new Kubelet(api, clock, rng, recorder, config, volumes, cycles);
  // Started in this order; the names label their stats.
  const parts: Record<string, Part> = {
    gc: new GarbageCollector(api),
    statefulsets,
    volumes: new PersistentVolumeController(api, clock, rng, recorder, config, volumes, cycles),
    scheduler: new Scheduler(api, clock, rng, recorder, config),
    kubelet,
    endpoints: new EndpointsController(api, clock),
  };
  for (const p of Object.values(parts)) p.start();

  api.as('cluster-bootstrap', () => bootstrap(api, config));
  clock.runDue();

  return {
    config,
    clock,
    api,
    rng,
    statefulsets,
    log,
    whyLog,
    exec: (ns, pod, container, argv) => kubelet.exec(ns, pod, container, argv),
    openShell: (ns, pod, container) => kubelet.openShell(ns, pod, container),
    advance: (ms) => clock.step(ms),
    settled: () => clock.nextAt() === undefined,
    work: () => ({ writes: api.writes, timerRuns: clock.fired, execCommands: kubelet.execWork.commands, execBytes: kubelet.execWork.bytes, regexSteps: kubelet.execWork.regexSteps }),
    stats: () => {
      const out: Record<string, number> = {
        'clock.pending': clock.pendingCount(),
        'clock.background': clock.backgroundCount(),
        'clock.faults': clock.faults.length,
        log: log.length,
        whyLog: whyLog.kept,
        volumeData: volumes.size,
      };
      const add = (prefix: string, s: Record<string, number>) => {
        for (const [k, v] of Object.entries(s)) out[`${prefix}.${k}`] = v;
      };
      add('api', api.stats());
      add('recorder', recorder.stats());
      for (const [name, p] of Object.entries(parts)) if (p.stats) add(name, p.stats());
      return out;
    },
  };
}

/** A part of the cluster the composition root starts. */
interface Part {
  start(): void;
  /** Sizes of its internal maps and queues. */
  stats?(): Record<string, number>;
}

function bootstrap(api: ApiServer, config: ClusterConfig): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } } as KObject);
  }
  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
  } as KObject);
  config.nodes.forEach((name, i) => {
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
        },
      },
      spec: { podCIDR: `10.244.${i + 1}.0/24` },
      status: {
        addresses: [
          { type: 'InternalIP', address: `192.168.49.${i + 2}` },
          { type: 'Hostname', address: name },
        ],
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        nodeInfo: { kubeletVersion: 'v1.32.4', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '6.8.0-1015', architecture: 'amd64', operatingSystem: 'linux' },
      },
    };
    api.create(node);
  });
  if (config.defaultStorageClass) {
    const sc: StorageClass = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: config.defaultStorageClass, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
      provisioner: 'k8s.io/minikube-hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    };
    api.create(sc);
  }
}
