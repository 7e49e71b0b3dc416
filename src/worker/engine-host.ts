/**
 * The engine side of the page: owns one simulated cluster session, runs
 * commands, moves virtual time while playing, and reports what changed as
 * small view events. It has no timers of its own: whoever hosts it (the Web
 * Worker, or the page itself when workers are unavailable) calls `tick`.
 */
import type { KEvent, Pod, StatefulSet } from '../engine/api/types';
import type { WatchEvent } from '../engine/apiserver/apiserver';
import type { SimTime } from '../engine/clock/clock';
import { runKubectl } from '../kubectl/kubectl';
import { SUPPORTED_VERBS } from '../kubectl/kubectl';
import { splitWords } from '../kubectl/shell-words';
import { commandStart } from '../scenario/shell-syntax';
import { TEXT_TOOLS } from '../engine/sim/text-tools';
import { parseScenario, ScenarioError } from '../scenario/parse';
import { MANIFESTS_FILE, replay, type ReplayLimits } from '../scenario/replay';
import { Session } from '../scenario/session';
import type { ClusterSettings, Command, EventView, LessonStep, ManifestProblem, ObjectChange, ObjectView, Transport, WhyView, WorkerMessage } from '../protocol/protocol';
import { manifestProblems } from '../scenario/diagnostics';
import { manifestDrift } from '../scenario/drift';
import { exportScenario, sleepStep, type ExportStep } from '../scenario/export';
import { parse as parseYaml } from 'yaml';
import { eventView, unschedulableSince, UNSCHEDULABLE_GRACE_MS, viewOf, whyView, type ClaimOrigin } from './views';
import { getOwn, setOwn } from '../lib/own';
import { END_OF_TIME_MESSAGE, MAX_FAST_FORWARD_MS, MAX_VIRTUAL_TIME_MS } from '../lib/duration';

/** Fault messages posted per flush; more are summed up in one line. */
const MAX_FAULT_MESSAGES = 5;
/** At most this much virtual time passes per tick, so a long pause of the page does not run hours at once. */
const MAX_TICK_WALL_MS = 250;
const KINDS_DRAWN = new Set(['StatefulSet', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'Service', 'StorageClass']);
/** Words the terminal completes after `kubectl get` and friends. */
const RESOURCE_WORDS = ['pods', 'statefulsets', 'sts', 'persistentvolumeclaims', 'pvc', 'persistentvolumes', 'pv', 'services', 'svc', 'storageclasses', 'sc', 'endpoints', 'events', 'controllerrevisions', 'nodes', 'all'];
const KIND_OF_WORD: Record<string, string> = {
  pod: 'Pod', pods: 'Pod', po: 'Pod',
  statefulset: 'StatefulSet', statefulsets: 'StatefulSet', sts: 'StatefulSet',
  persistentvolumeclaim: 'PersistentVolumeClaim', persistentvolumeclaims: 'PersistentVolumeClaim', pvc: 'PersistentVolumeClaim',
  persistentvolume: 'PersistentVolume', persistentvolumes: 'PersistentVolume', pv: 'PersistentVolume',
  service: 'Service', services: 'Service', svc: 'Service',
  storageclass: 'StorageClass', storageclasses: 'StorageClass', sc: 'StorageClass',
  endpoints: 'Endpoints', ep: 'Endpoints',
  controllerrevision: 'ControllerRevision', controllerrevisions: 'ControllerRevision',
  node: 'Node', nodes: 'Node', no: 'Node',
};
const KUBECTL_WORD: Record<string, string> = { StatefulSet: 'statefulset', Pod: 'pod', PersistentVolumeClaim: 'pvc', PersistentVolume: 'pv', Service: 'service', StorageClass: 'storageclass' };

/** kubectl flags whose value is the next word (completion skips it when looking for the verb and kinds). */
const VALUE_FLAGS = new Set(['-o', '--output', '-l', '--selector', '-L', '-n', '--namespace', '-f', '--filename', '-p', '--patch', '-c', '--container', '--type', '--timeout', '--for']);

/**
 * kubectl 1.32's `-o` formats: `get` completes these (`kubectl __complete get pods -o ""`, in this
 * order); the other printing verbs accept the first ten ("Output format. One of: …" in their help),
 * `delete` only `name`.
 */
const GET_FORMATS = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'custom-columns', 'custom-columns-file', 'wide'];
const PRINT_VERBS = new Set(['apply', 'create', 'scale', 'patch', 'set image', 'rollout undo', 'rollout history', 'wait', 'run', 'label', 'annotate']);

function outputFormats(verb: string): readonly string[] {
  if (verb === 'get') return GET_FORMATS;
  if (verb === 'delete') return ['name'];
  return PRINT_VERBS.has(verb) ? GET_FORMATS.slice(0, 10) : [];
}

export const DEFAULT_SPEED = 1;

export interface LoadedScenario {
  manifests: string;
  cluster: ClusterSettings;
  title: string | null;
  description: string | null;
}

export class EngineHost {
  private session!: Session;
  private unwatch: (() => void) | undefined;
  /**
   * Drawn objects written since the last flush: "Kind/name" → namespace. Their views are built from
   * the store at flush time, not from the events: while one watcher handles an event another write
   * can reach this watcher first, so an older event may arrive after a newer one.
   */
  private touched = new Map<string, string | undefined>();
  private eventsTouched = new Map<string, KEvent>();
  private whySent = 0;
  /** Clock faults already posted to the page (clock.faultCount then). */
  private faultsSent = 0;
  private origins = new Map<string, ClaimOrigin>();
  private playing = false;
  private speed = DEFAULT_SPEED;
  /** Virtual time not yet run because it was less than a millisecond. */
  private carry = 0;
  private loaded: LoadedScenario | undefined;
  /** The cluster mapping as the loaded scenario wrote it, for export. */
  private rawCluster: Record<string, unknown> | null = null;
  /** Everything run since the start, as scenario steps (for export and share links). */
  private script: ExportStep[] = [];
  /** Manifest texts applied from the editor, by the file name the export gives them. */
  private applied = new Map<string, string>();
  /** Virtual time when the last step ended. */
  private scriptAt = 0;

  constructor(
    private post: (m: WorkerMessage) => void,
    /** Other replay limits than the playground's (tests). */
    private readonly replayLimits: Partial<ReplayLimits> = {},
  ) {}

  handle(cmd: Command): void {
    try {
      this.dispatch(cmd);
    } catch (e) {
      // A bug in the engine must not take the page down: report it and keep the session.
      this.post({ type: 'fault', message: e instanceof Error ? `${e.message}` : String(e) });
    }
  }

  private dispatch(cmd: Command): void {
    switch (cmd.type) {
      case 'load':
        return this.load(cmd.id, cmd.scenario, cmd.lesson ?? false);
      case 'exec': {
        if (cmd.line.trim().startsWith('# ') && !cmd.line.trim().includes('\n')) {
          // A lesson's prose, kept in the export as a say step.
          this.script.push({ say: cmd.line.trim().slice(2) });
          return this.post({ type: 'output', id: cmd.id, command: cmd.line, text: '', exitCode: 0 });
        }
        this.record(cmd.line.trim());
        const { text, exitCode } = this.exec(cmd.line);
        this.scriptAt = this.session.cluster.clock.now();
        this.flush();
        return this.post({ type: 'output', id: cmd.id, command: cmd.line, text, exitCode });
      }
      case 'apply': {
        this.session.files.set(MANIFESTS_FILE, cmd.manifests);
        this.record(`kubectl apply -f ${this.fileFor(cmd.manifests)}`);
        const { text, exitCode } = this.exec(`kubectl apply -f ${MANIFESTS_FILE}`);
        this.scriptAt = this.session.cluster.clock.now();
        this.flush();
        return this.post({ type: 'applied', id: cmd.id, output: text, exitCode, problems: exitCode === 0 ? [] : manifestProblems(cmd.manifests, text) });
      }
      case 'play':
        this.playing = true;
        return this.post({ type: 'transport', transport: this.transport() });
      case 'pause':
        this.playing = false;
        return this.post({ type: 'transport', transport: this.transport() });
      case 'speed':
        if (Number.isFinite(cmd.value) && cmd.value > 0 && cmd.value <= 1024) this.speed = cmd.value;
        return this.post({ type: 'transport', transport: this.transport() });
      case 'step': {
        // To the next thing that happens, but never further than one fast-forward nor past the end of time.
        const clock = this.session.cluster.clock;
        const next = clock.nextAt();
        if (next !== undefined) this.session.cluster.advance(Math.min(Math.max(0, next - clock.now()), MAX_FAST_FORWARD_MS, MAX_VIRTUAL_TIME_MS - clock.now()));
        this.flush(true);
        return this.post({ type: 'stepped', id: cmd.id });
      }
      case 'inspect':
        return this.post({ type: 'inspected', id: cmd.id, ...this.inspect(cmd.kind, cmd.name) });
      case 'complete':
        return this.post({ type: 'completions', id: cmd.id, ...this.complete(cmd.line) });
      case 'export':
        return this.post({ type: 'exported', id: cmd.id, scenario: this.exportText() });
      case 'check': {
        // Quiet: a check reads the cluster as the learner left it and is neither echoed nor exported.
        let out = '';
        const code = this.session.run(cmd.check.run, { out: (x) => void (out += x), err: (x) => void (out += x) });
        const got = out.replace(/\n+$/, '');
        const ok = code === 0 && (cmd.check.expect !== undefined ? got === cmd.check.expect.replace(/\n+$/, '') : got.includes(cmd.check.contains ?? ''));
        return this.post({ type: 'checked', id: cmd.id, ok, output: out });
      }
      case 'advance': {
        const clock = this.session.cluster.clock;
        const ms = Math.max(0, Math.min(Math.floor(cmd.ms), MAX_FAST_FORWARD_MS, MAX_VIRTUAL_TIME_MS - clock.now()));
        if (ms > 0) this.session.cluster.advance(ms);
        this.flush(true);
        return this.post({ type: 'advanced', id: cmd.id });
      }
      case 'drift': {
        const api = this.session.cluster.api;
        return this.post({ type: 'drifted', id: cmd.id, fields: manifestDrift(cmd.manifests, (kind, ns, name) => api.get(kind, ns, name)) });
      }
    }
  }

  /** Moves virtual time by `wallMs` of page time at the current speed. */
  tick(wallMs: number): void {
    if (!this.playing || !this.session) return;
    try {
      const ms = Math.min(wallMs, MAX_TICK_WALL_MS) * this.speed + this.carry;
      const whole = Math.floor(ms);
      this.carry = ms - whole;
      const clock = this.session.cluster.clock;
      if (clock.now() + whole >= MAX_VIRTUAL_TIME_MS) {
        this.session.cluster.advance(MAX_VIRTUAL_TIME_MS - clock.now());
        this.playing = false;
        this.post({ type: 'fault', message: END_OF_TIME_MESSAGE });
      } else if (whole > 0) this.session.cluster.advance(whole);
      this.flush(true);
    } catch (e) {
      this.playing = false;
      this.post({ type: 'fault', message: e instanceof Error ? e.message : String(e) });
    }
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  private load(id: number, text: string, lesson: boolean): void {
    let scenario;
    try {
      scenario = parseScenario(text);
    } catch (e) {
      const msg = e instanceof ScenarioError ? `${e.line}:${e.column}: ${e.message}` : String(e);
      return this.post({ type: 'loaded', id, ok: false, error: msg, objects: [], events: [], why: [], transport: this.transport(), transcript: [], lessonSteps: [], manifests: '', cluster: {}, title: null, description: null, manifestsApply: null, lessonSpeed: null });
    }
    // The new session replaces the current one only if its replay runs within the budget; otherwise the current one stays.
    const previous = { session: this.session, touched: this.touched, eventsTouched: this.eventsTouched, origins: this.origins, unschedulable: this.unschedulable, whySent: this.whySent, faultsSent: this.faultsSent, carry: this.carry };
    this.unwatch?.();
    this.session = new Session(scenario.cluster, { ...scenario.files, [MANIFESTS_FILE]: scenario.manifests });
    this.touched = new Map();
    this.eventsTouched = new Map();
    this.origins = new Map();
    this.unschedulable = new Map();
    this.whySent = 0;
    this.faultsSent = this.session.cluster.clock.faultCount;
    this.carry = 0;
    this.unwatch = this.session.cluster.api.watch((ev) => this.onWatch(ev));
    const transcript: { command: string; output: string; say: boolean }[] = [];
    const lessonSteps: LessonStep[] = lesson ? scenario.steps.map((step) => (step.say !== undefined ? { say: step.say.trim() } : step.check !== undefined ? { check: step.check } : { run: (step.run ?? '').trim() })) : [];
    let manifestsApply: { exitCode: number; output: string; problems: ManifestProblem[] } | null = null;
    const stopped = replay(
      this.session,
      scenario,
      (st) => {
        if (st.kind === 'check') {
          transcript.push({ command: `check: ${st.command}`, output: '', say: true });
          return;
        }
        // The first step is the manifests' apply when there are manifests: the page shows what the server refused in them.
        if (transcript.length === 0 && scenario.manifests.trim() && st.kind === 'command') {
          manifestsApply = { exitCode: st.exitCode, output: st.output, problems: st.exitCode === 0 ? [] : manifestProblems(scenario.manifests, st.output) };
        }
        transcript.push({ command: st.command, output: st.output, say: st.kind === 'say' });
      },
      // The page shows the cluster's immediate reaction at once; the runner would run it before the next command anyway.
      { steps: lesson ? [] : scenario.steps, afterCommand: () => this.session.cluster.clock.runDue(), limits: this.replayLimits },
    );
    if (stopped) {
      this.unwatch();
      Object.assign(this, previous);
      this.unwatch = this.session ? this.session.cluster.api.watch((ev) => this.onWatch(ev)) : undefined;
      return this.post({ type: 'loaded', id, ok: false, error: `${stopped.line}:${stopped.column}: ${stopped.message}`, objects: [], events: [], why: [], transport: this.transport(), transcript: [], lessonSteps: [], manifests: '', cluster: {}, title: null, description: null, manifestsApply: null, lessonSpeed: null });
    }
    this.script = lesson ? [] : scenario.steps.map((st): ExportStep => (st.say !== undefined ? { say: st.say } : st.check !== undefined ? { check: st.check } : (st.run ?? '').trim()));
    this.applied = new Map([[MANIFESTS_FILE, scenario.manifests], ...Object.entries(scenario.files)]);
    this.scriptAt = this.session.cluster.clock.now();
    try {
      // The text passed parseScenario (duplicate keys refused there); the package's own check is quadratic, and it must not print warnings.
      const raw = (parseYaml(text, { uniqueKeys: false, logLevel: 'error' }) as { cluster?: unknown } | null)?.cluster;
      this.rawCluster = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : null;
    } catch {
      this.rawCluster = null;
    }
    this.loaded = {
      manifests: scenario.manifests,
      cluster: scenario.cluster as unknown as ClusterSettings,
      title: scenario.title ?? null,
      description: scenario.description ?? null,
    };
    this.touched.clear();
    this.eventsTouched.clear();
    const api = this.session.cluster.api;
    const now = this.session.cluster.clock.now();
    const objects: ObjectView[] = [];
    for (const kind of KINDS_DRAWN) for (const o of api.list(kind)) {
      const v = viewOf(o, now, () => this.sets(), this.origins);
      if (v) objects.push(v);
    }
    const events = api.list('Event').map((e) => eventView(e as KEvent));
    const why = this.takeWhy();
    this.post({ type: 'loaded', id, ok: true, error: null, objects, events, why, transport: this.transport(), transcript, lessonSteps, manifests: scenario.manifests, cluster: this.loaded.cluster, title: this.loaded.title, description: this.loaded.description, manifestsApply, lessonSpeed: scenario.lesson?.speed ?? null });
    this.postFaults();
  }

  /** Adds a step, after a `sleep` for the virtual time that passed since the last one. */
  private record(step: string): void {
    const now = this.session.cluster.clock.now();
    if (now > this.scriptAt) this.script.push(sleepStep(now - this.scriptAt));
    this.script.push(step);
    this.scriptAt = now;
  }

  /** The file name an applied manifest text gets in the export: the same text, the same name. */
  private fileFor(text: string): string {
    for (const [name, t] of this.applied) if (t === text) return name;
    const name = `manifests-${this.applied.size + 1}.yaml`;
    this.applied.set(name, text);
    return name;
  }

  /** The session so far as a scenario file; time since the last step is kept as a final sleep. */
  exportText(): string {
    const steps = [...this.script];
    const now = this.session.cluster.clock.now();
    if (now > this.scriptAt) steps.push(sleepStep(now - this.scriptAt));
    const files: Record<string, string> = {};
    for (const [name, t] of this.applied) if (name !== MANIFESTS_FILE) setOwn(files, name, t);
    return exportScenario({ title: this.loaded?.title, description: this.loaded?.description, cluster: this.rawCluster, manifests: this.loaded?.manifests ?? '', files, steps });
  }

  private exec(line: string): { text: string; exitCode: number } {
    let text = '';
    const io = { out: (x: string) => void (text += x), err: (x: string) => void (text += x) };
    const exitCode = this.session.run(line, io);
    // The page shows the cluster's immediate reaction at once; the runner would run it before the next command anyway.
    this.session.cluster.clock.runDue();
    return { text, exitCode };
  }

  /** Pods the scheduler cannot place, by key, with the time their view turns to failing. */
  private unschedulable = new Map<string, number>();

  private onWatch(ev: WatchEvent): void {
    const o = ev.object;
    if (o.kind === 'Pod') {
      const key = `Pod/${o.metadata.name}`;
      const since = ev.type === 'DELETED' ? undefined : unschedulableSince(o as Pod);
      if (since === undefined) this.unschedulable.delete(key);
      else this.unschedulable.set(key, since + UNSCHEDULABLE_GRACE_MS);
    }
    if (o.kind === 'Event') {
      this.eventsTouched.set(o.metadata.uid ?? '', o as KEvent);
      return;
    }
    // A claim's origin is looked up again if a claim of that name comes back.
    if (o.kind === 'PersistentVolumeClaim' && ev.type === 'DELETED') this.origins.delete(o.metadata.name ?? '');
    if (!KINDS_DRAWN.has(o.kind)) return;
    this.touched.set(`${o.kind}/${o.metadata.name}`, o.metadata.namespace);
  }

  private sets(): StatefulSet[] {
    return this.session.cluster.api.list('StatefulSet') as StatefulSet[];
  }

  /** Faults of the simulator (clock faults) not yet shown to the page, as `fault` messages: at most a few per flush. */
  private postFaults(): void {
    const clock = this.session.cluster.clock;
    const total = clock.faultCount;
    if (total <= this.faultsSent) return;
    const fresh = clock.faults.slice(Math.max(0, clock.faults.length - (total - this.faultsSent)));
    const shown = fresh.slice(0, MAX_FAULT_MESSAGES);
    for (const f of shown) {
      const what = f.error instanceof Error ? `${f.error.name}: ${f.error.message}` : String(f.error);
      const about = f.subject && typeof f.subject === 'object' ? ` (${(f.subject as { kind?: string }).kind ?? '?'} ${(f.subject as { metadata?: { name?: string } }).metadata?.name ?? ''})` : '';
      this.post({ type: 'fault', message: `The simulator's ${f.component ?? f.label} failed at ${f.at / 1000}s${about}: ${what}` });
    }
    const more = total - this.faultsSent - shown.length;
    if (more > 0) this.post({ type: 'fault', message: `…and ${more} more faults of the simulator` });
    this.faultsSent = total;
  }

  private takeWhy(): WhyView[] {
    const log = this.session.cluster.whyLog;
    const out = log.since(this.whySent).map(whyView);
    this.whySent = log.total;
    return out;
  }

  /** Sends what changed since the last flush; with `always`, sends the clock even when nothing did. */
  private flush(always = false): void {
    const now = this.session.cluster.clock.now();
    // A waiting pod whose grace has run out is shown again, now as failing.
    for (const [key, due] of this.unschedulable) {
      if (due > now) continue;
      this.unschedulable.delete(key);
      this.touched.set(key, 'default');
    }
    const changes: ObjectChange[] = [];
    for (const [key, namespace] of this.touched) {
      const slash = key.indexOf('/');
      const kind = key.slice(0, slash) as ObjectView['kind'];
      const o = this.session.cluster.api.get(kind, namespace, key.slice(slash + 1));
      if (!o) changes.push({ op: 'delete', kind, name: key.slice(slash + 1) });
      else {
        const v = viewOf(o, now as SimTime, () => this.sets(), this.origins);
        if (v) changes.push({ op: 'put', view: v });
      }
    }
    this.touched.clear();
    // Events too are read back from the store: an aggregated Event's latest count wins whatever the delivery order.
    const api = this.session.cluster.api;
    const events: EventView[] = [...this.eventsTouched.values()].flatMap((e) => {
      const cur = api.get<KEvent>('Event', e.metadata.namespace, e.metadata.name as string);
      return cur && cur.metadata.uid === e.metadata.uid ? [eventView(cur)] : [];
    });
    this.eventsTouched.clear();
    const why = this.takeWhy();
    this.postFaults();
    if (changes.length || events.length || why.length) this.post({ type: 'changes', changes, events, why, transport: this.transport() });
    else if (always) this.post({ type: 'transport', transport: this.transport() });
  }

  private transport(): Transport {
    const clock = this.session?.cluster.clock;
    return { playing: this.playing, speed: this.speed, t: clock ? clock.now() : 0, next: clock?.nextAt() ?? null };
  }

  private inspect(kind: string, name: string): { yaml: string; describe: string } {
    const word = KUBECTL_WORD[kind] ?? kind.toLowerCase();
    const run = (args: string[]) => {
      let text = '';
      const io = { out: (x: string) => void (text += x), err: (x: string) => void (text += x) };
      runKubectl(args, { cluster: this.session.cluster, files: this.session.files }, io);
      return text;
    };
    return { yaml: run(['get', word, name, '-o', 'yaml']), describe: run(['describe', word, name]) };
  }

  /**
   * Completes the last word of a command line: verbs, resource kinds, object
   * names, `-o` formats. In a shell line, the command being typed is the one
   * after the last `;`, `|`, `&&`, `do` …; after a `|` the first word is a text tool.
   */
  private complete(line: string): { start: number; items: string[] } {
    const { offset, afterPipe } = commandStart(line);
    const r = this.completeCommand(line.slice(offset), afterPipe);
    return { start: offset + r.start, items: r.items };
  }

  private completeCommand(line: string, afterPipe: boolean): { start: number; items: string[] } {
    let words: string[];
    try {
      words = splitWords(line);
    } catch {
      return { start: line.length, items: [] };
    }
    const endsWithSpace = /\s$/.test(line) || line.trim() === '';
    const current = endsWithSpace ? '' : (words[words.length - 1] ?? '');
    const before = endsWithSpace ? words : words.slice(0, -1);
    const start = line.length - current.length;
    const pick = (list: readonly string[], at = start, typed = current) => ({ start: at, items: [...new Set(list)].filter((w) => w.startsWith(typed) && w !== typed).sort() });
    if (before.length === 0) return pick(afterPipe ? TEXT_TOOLS : ['kubectl', 'sleep', 'timeout']);
    if (before[0] === 'timeout' && before.length === 2) return pick(['kubectl']);
    const k = before[0] === 'timeout' ? before.slice(2) : before;
    if (k[0] !== 'kubectl') return { start, items: [] };
    // Words that are not flags or flag values: the verb, kinds and names.
    const args: string[] = [];
    for (let i = 1; i < k.length; i++) {
      const w = k[i] as string;
      if (VALUE_FLAGS.has(w)) i++;
      else if (!w.startsWith('-')) args.push(w);
    }
    const verb = args[0] === 'rollout' || args[0] === 'set' ? `${args[0]} ${args[1] ?? ''}` : (args[0] ?? '');
    const prev = before[before.length - 1];
    if (prev === '-o' || prev === '--output') return pick(outputFormats(verb));
    // --output=FORMAT, -o=FORMAT and -oFORMAT complete the format after the flag.
    const eq = /^(?:--output=|-o=?)/.exec(current);
    if (eq && current !== '-o') return pick(outputFormats(verb), start + eq[0].length, current.slice(eq[0].length));
    if (current.startsWith('-')) return pick(['--replicas=', '--output=', '--watch', '--selector=', '--type=', '--timeout=', '--for=', '--show-labels', '--wait=false', '-o', '-w', '-l', '-L', '-f', '-p']);
    if (args.length === 0) return pick(SUPPORTED_VERBS);
    if (args[0] === 'rollout' && args.length === 1) return pick(['status', 'history', 'undo', 'restart']);
    if (args[0] === 'set' && args.length === 1) return pick(['image']);
    const kindArgs = args[0] === 'rollout' || args[0] === 'set' ? args.slice(2) : args.slice(1);
    const slash = current.indexOf('/');
    if (slash > 0) {
      const kind = getOwn(KIND_OF_WORD, current.slice(0, slash));
      if (!kind) return { start, items: [] };
      return pick(this.session.cluster.api.list(kind).map((o) => `${current.slice(0, slash)}/${o.metadata.name}`));
    }
    if (kindArgs.length === 0) return pick(args[0] === 'exec' ? this.names('Pod') : RESOURCE_WORDS);
    const kind = getOwn(KIND_OF_WORD, kindArgs[0] ?? '');
    if (kind) return pick(this.names(kind));
    return { start, items: [] };
  }

  private names(kind: string): string[] {
    return this.session.cluster.api.list(kind).map((o) => o.metadata.name ?? '');
  }
}
