/**
 * Reads a scenario file (see the scenario format): checks every field and
 * reports problems as `LINE:COLUMN: message` positions in the file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { parseDuration } from '../lib/duration';
import { MAX_YAML_NESTING, yamlDepthProblem } from '../lib/yaml-depth';
import { hasOwn, setOwn } from '../lib/own';
import type { ClusterConfig, ImageOutcome } from '../engine/sim/config';
import { DEFAULT_IMAGE_RULES, DEFAULT_TIMINGS } from '../engine/sim/config';
import { DEFAULT_FEATURE_GATES } from '../engine/api/strategy';
import { isDNS1123Subdomain, isValidLabelValue } from '../engine/api/names';
import { DUPLICATE_KEY_MESSAGE, firstDuplicateKey } from './yaml-keys';
import { TEXT_TOOLS } from '../engine/sim/text-tools';
import { TERMINAL_COMMANDS } from './session';
import { SHELL_BUILTINS } from './shell';
import { parseShell, plainText, simpleCommands } from './shell-syntax';

/**
 * A lesson's check: a kubectl command run quietly when the learner asks
 * "verify my work", and what its output must be (trailing newlines aside)
 * or contain. The headless runner prints it as a comment and runs nothing.
 */
export interface ScenarioCheck {
  run: string;
  expect?: string;
  contains?: string;
  /** What the learner must achieve, in words (shown before and when the check fails). */
  hint: string;
}

export interface ScenarioStep {
  /** A command line, or undefined for a `say` or `check` step. */
  run?: string;
  say?: string;
  check?: ScenarioCheck;
  line: number;
  column: number;
}

export interface Scenario {
  version: 1;
  title?: string;
  description?: string;
  cluster: ClusterConfig;
  manifests: string;
  /** Where the `manifests` field is (its key; line and column from 1), when the file has one. */
  manifestsAt?: { line: number; column: number };
  /** Extra files `kubectl apply -f NAME` can read, besides manifests.yaml. */
  files: Record<string, string>;
  steps: ScenarioStep[];
  /** How the page plays the steps as a lesson. */
  lesson?: LessonSettings;
}

export interface LessonSettings {
  /** Virtual seconds per wall second while a lesson's step waits (`sleep`, a rollout); default: chosen per wait. */
  speed?: number;
}

/** Speeds a lesson may ask for (the page's speed control offers the same). */
export const LESSON_SPEEDS = [1, 2, 4, 8, 16, 32, 64];

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const OUTCOMES: ImageOutcome[] = ['ErrImagePull', 'CrashLoopBackOff', 'NeverReady', 'Ready'];
const TOP = ['version', 'title', 'description', 'cluster', 'manifests', 'files', 'steps', 'lesson'];
const CLUSTER = ['seed', 'nodes', 'defaultStorageClass', 'timings', 'images', 'featureGates'];
const TIMINGS = ['provision', 'imagePull', 'containerStart', 'termination'];
/**
 * Limits that keep a hostile scenario from exhausting the machine. Reading
 * manifests costs about 2 µs a byte (YAML parse, decoding, the API server), so
 * 512 KiB (what a share link may carry in all) is about a second; what
 * kubectl reads again and again is bounded by its own budget (kubectl
 * MAX_FILE_READ_BYTES).
 */
export const LIMITS = { nodes: 100, steps: 2000, manifestBytes: 512 * 1024, fileBytes: 512 * 1024, imageRules: 100, imagePattern: 512 };

/** Why a Node could not have this name (the API server's message), or undefined. */
function nodeNameProblem(name: string): string | undefined {
  return isDNS1123Subdomain(name)[0] ?? isValidLabelValue(name)[0];
}

/** Parses scenario text. Throws ScenarioError with the position of the first problem. */
export function parseScenario(text: string): Scenario {
  // Measured before the YAML parser recurses, so a deep file fails the same way everywhere.
  const deep = yamlDepthProblem(text, MAX_YAML_NESTING, true);
  if (deep) throw new ScenarioError(`YAML nested deeper than ${MAX_YAML_NESTING} levels`, deep.line, deep.column);
  const lc = new LineCounter();
  // Duplicate keys are found in one pass (yaml-keys.ts); the package's own check is quadratic per map.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const pos = (n: YamlNode | Pair | undefined | null): [number, number] => {
    const off = (n && 'range' in n && n.range ? n.range[0] : undefined) ?? (n && 'key' in n && (n.key as YamlNode)?.range ? ((n.key as YamlNode).range as [number, number, number])[0] : 0);
    const p = lc.linePos(off);
    return [p.line, p.col];
  };
  const fail = (n: YamlNode | Pair | undefined | null, msg: string): never => {
    const [l, c] = pos(n);
    throw new ScenarioError(msg, l, c);
  };
  const firstErr = doc.errors[0];
  const dup = firstDuplicateKey(doc);
  if (dup !== undefined && (!firstErr || dup < firstErr.pos[0])) {
    const p = lc.linePos(dup);
    throw new ScenarioError(DUPLICATE_KEY_MESSAGE, p.line, p.col);
  }
  if (firstErr) {
    const p = lc.linePos(firstErr.pos[0]);
    throw new ScenarioError(firstErr.message.split('\n')[0] ?? 'invalid YAML', p.line, p.col);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, 'a scenario must be a mapping with version, manifests and steps');

  const get = (map: typeof root, key: string) => map.items.find((p) => isScalar(p.key) && p.key.value === key);
  const checkKeys = (map: typeof root, allowed: string[], where: string) => {
    for (const p of map.items) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (!allowed.includes(k)) fail(p.key as YamlNode, `unknown field "${where}${k}"`);
    }
  };
  checkKeys(root, TOP, '');

  const versionPair = get(root, 'version');
  if (!versionPair) fail(root, 'missing field "version" (must be 1)');
  if (!isScalar(versionPair?.value) || versionPair.value.value !== 1) fail(versionPair?.value as YamlNode, 'version must be 1');

  const str = (p: Pair | undefined, name: string): string | undefined => {
    if (!p) return undefined;
    if (!isScalar(p.value) || typeof p.value.value !== 'string') return fail((p.value as YamlNode) ?? p, `${name} must be a string`);
    return p.value.value;
  };
  const num = (p: Pair | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
    if (!p) return undefined;
    const v = isScalar(p.value) ? p.value.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) return fail((p.value as YamlNode) ?? p, `${name} must be a number from ${min} to ${max}`);
    return v;
  };

  const cluster: ClusterConfig = {
    seed: 1,
    nodes: ['node-1', 'node-2', 'node-3'],
    defaultStorageClass: 'standard',
    timings: { ...DEFAULT_TIMINGS },
    images: [...DEFAULT_IMAGE_RULES],
    featureGates: { ...DEFAULT_FEATURE_GATES },
  };
  const cp = get(root, 'cluster');
  if (cp && cp.value !== null) {
    const cm = cp.value;
    if (!isMap(cm)) return fail(cm as YamlNode, 'cluster must be a mapping');
    checkKeys(cm, CLUSTER, 'cluster.');
    const seedPair = get(cm, 'seed');
    cluster.seed = num(seedPair, 'cluster.seed', 0, 2 ** 32 - 1) ?? 1;
    if (!Number.isInteger(cluster.seed)) fail(seedPair?.value as YamlNode, 'cluster.seed must be a whole number');
    const np = get(cm, 'nodes');
    if (np) {
      if (isSeq(np.value)) {
        if (np.value.items.length === 0 || np.value.items.length > LIMITS.nodes) fail(np.value, `cluster.nodes must list 1 to ${LIMITS.nodes} nodes`);
        const seen = new Set<string>();
        const names = np.value.items.map((it) => {
          if (!isScalar(it) || typeof it.value !== 'string') return fail(it as YamlNode, 'node names must be strings');
          // The API server's own rules: a Node's name is a DNS subdomain, and it is also the
          // value of the node's kubernetes.io/hostname label.
          const problem = nodeNameProblem(it.value);
          if (problem) fail(it as YamlNode, `invalid node name "${it.value}": ${problem}`);
          if (seen.has(it.value)) fail(it as YamlNode, `duplicate node name "${it.value}"`);
          seen.add(it.value);
          return it.value;
        });
        cluster.nodes = names;
      } else {
        const n = num(np, 'cluster.nodes', 1, LIMITS.nodes) as number;
        if (!Number.isInteger(n)) fail(np.value as YamlNode, 'cluster.nodes must be a whole number');
        cluster.nodes = Array.from({ length: n }, (_, i) => `node-${i + 1}`);
      }
    }
    const dscPair = get(cm, 'defaultStorageClass');
    const dsc = str(dscPair, 'cluster.defaultStorageClass');
    if (dsc !== undefined && dsc !== 'none') {
      // Behaviour of pkg/apis/storage/validation ValidateStorageClass: the name is a DNS subdomain.
      const problem = isDNS1123Subdomain(dsc)[0];
      if (problem) fail(dscPair?.value as YamlNode, `invalid cluster.defaultStorageClass "${dsc}": ${problem}`);
    }
    if (dsc !== undefined) cluster.defaultStorageClass = dsc === 'none' ? undefined : dsc;
    const tp = get(cm, 'timings');
    if (tp) {
      if (!isMap(tp.value)) return fail(tp.value as YamlNode, 'cluster.timings must be a mapping');
      checkKeys(tp.value, TIMINGS, 'cluster.timings.');
      for (const k of TIMINGS as (keyof typeof cluster.timings)[]) {
        const v = num(get(tp.value, k), `cluster.timings.${k}`, 0, 3600);
        if (v !== undefined) cluster.timings[k] = v;
      }
    }
    const ip = get(cm, 'images');
    if (ip) {
      if (!isMap(ip.value)) return fail(ip.value as YamlNode, 'cluster.images must be a mapping of image patterns to outcomes');
      const rules: [string, ImageOutcome][] = [];
      if (ip.value.items.length > LIMITS.imageRules) fail(ip.value, `cluster.images has at most ${LIMITS.imageRules} patterns`);
      for (const p of ip.value.items) {
        const key = isScalar(p.key) && p.key.value !== null ? String(p.key.value) : fail(p.key as YamlNode, 'image pattern must be a string');
        if (key === '' || key.length > LIMITS.imagePattern) fail(p.key as YamlNode, `an image pattern has 1 to ${LIMITS.imagePattern} characters`);
        const v = isScalar(p.value) ? p.value.value : undefined;
        if (typeof v !== 'string' || !OUTCOMES.includes(v as ImageOutcome)) fail((p.value as YamlNode) ?? p, `image outcome must be one of ${OUTCOMES.join(', ')}`);
        rules.push([key, v as ImageOutcome]);
      }
      // The scenario's own rules come first; defaults stay unless overridden by the same key.
      cluster.images = [...rules, ...DEFAULT_IMAGE_RULES.filter(([k]) => !rules.some(([r]) => r === k))];
    }
    const fp = get(cm, 'featureGates');
    if (fp) {
      if (!isMap(fp.value)) return fail(fp.value as YamlNode, 'cluster.featureGates must be a mapping');
      for (const p of fp.value.items) {
        const key = isScalar(p.key) ? String(p.key.value) : '';
        if (!hasOwn(DEFAULT_FEATURE_GATES, key)) fail(p.key as YamlNode, `unknown feature gate "${key}"; the playground models: ${Object.keys(DEFAULT_FEATURE_GATES).join(', ')}`);
        const v = isScalar(p.value) ? p.value.value : undefined;
        if (typeof v !== 'boolean') fail((p.value as YamlNode) ?? p, 'feature gates are true or false');
        cluster.featureGates[key] = v as boolean;
      }
    }
  }

  const manifests = str(get(root, 'manifests'), 'manifests') ?? '';
  if (manifests.length > LIMITS.manifestBytes) fail(get(root, 'manifests'), `manifests are larger than ${LIMITS.manifestBytes} bytes`);
  const files: Record<string, string> = {};
  const fp = get(root, 'files');
  if (fp && fp.value !== null) {
    if (!isMap(fp.value)) return fail(fp.value as YamlNode, 'files must map file names to their text');
    for (const p of fp.value.items) {
      const key = isScalar(p.key) ? String(p.key.value) : fail(p.key as YamlNode, 'file names are strings');
      const body = str(p, `files.${key}`) ?? '';
      if (body.length > LIMITS.fileBytes) fail(p.value as YamlNode, `files.${key} is larger than ${LIMITS.fileBytes} bytes`);
      setOwn(files, key, body);
    }
  }

  const steps: ScenarioStep[] = [];
  const sp = get(root, 'steps');
  if (sp && sp.value !== null) {
    if (!isSeq(sp.value)) return fail(sp.value as YamlNode, 'steps must be a list');
    if (sp.value.items.length > LIMITS.steps) fail(sp.value, `a scenario has at most ${LIMITS.steps} steps`);
    for (const it of sp.value.items) {
      const [line, column] = pos(it as YamlNode);
      if (isScalar(it) && typeof it.value === 'string') {
        checkStep(it.value, line, column);
        steps.push({ run: it.value, line, column });
      } else if (isMap(it)) {
        const say = it.items.find((p) => isScalar(p.key) && p.key.value === 'say');
        const check = it.items.find((p) => isScalar(p.key) && p.key.value === 'check');
        if ((!say && !check) || it.items.length !== 1) fail(it, 'a step is a command line, {say: text} or {check: {run, expect or contains, hint}}');
        if (say) steps.push({ say: str(say, 'say') ?? '', line, column });
        else if (check) {
          if (!isMap(check.value)) return fail((check.value as YamlNode) ?? check, 'check must be a mapping with run, expect or contains, and hint');
          checkKeys(check.value, ['run', 'expect', 'contains', 'hint'], 'check.');
          const run = str(get(check.value, 'run'), 'check.run');
          const hint = str(get(check.value, 'hint'), 'check.hint');
          const expect = str(get(check.value, 'expect'), 'check.expect');
          const contains = str(get(check.value, 'contains'), 'check.contains');
          if (run === undefined || hint === undefined) return fail(check.value, 'check needs run (a kubectl command) and hint (what the learner must achieve)');
          if ((expect === undefined) === (contains === undefined)) return fail(check.value, 'check needs exactly one of expect (the whole output) or contains (a part of it)');
          const [rl, rc] = pos(get(check.value, 'run')?.value as YamlNode);
          if (!/^kubectl\s/.test(run.trim())) throw new ScenarioError('check.run is a kubectl command', rl, rc);
          checkStep(run, rl, rc);
          steps.push({ check: { run: run.trim(), hint: hint.trim(), ...(expect !== undefined ? { expect } : {}), ...(contains !== undefined ? { contains } : {}) }, line, column });
        }
      } else fail(it as YamlNode, 'a step is a command line, {say: text} or {check: {run, expect or contains, hint}}');
    }
  }
  const out: Scenario = { version: 1, cluster, manifests, files, steps };
  const mp = get(root, 'manifests');
  if (mp) {
    const [line, column] = pos(mp.key as YamlNode);
    out.manifestsAt = { line, column };
  }
  const lp = get(root, 'lesson');
  if (lp && lp.value !== null) {
    if (!isMap(lp.value)) return fail(lp.value as YamlNode, 'lesson must be a mapping (speed)');
    checkKeys(lp.value, ['speed'], 'lesson.');
    const sp = get(lp.value, 'speed');
    if (sp) {
      const v = isScalar(sp.value) ? sp.value.value : undefined;
      if (typeof v !== 'number' || !LESSON_SPEEDS.includes(v)) return fail((sp.value as YamlNode) ?? sp, `lesson.speed must be one of ${LESSON_SPEEDS.join(', ')}`);
      out.lesson = { speed: v };
    }
  }
  const title = str(get(root, 'title'), 'title');
  const description = str(get(root, 'description'), 'description');
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  return out;
}

/**
 * A command line must be one the playground's terminal runs: bash's syntax
 * (shell-syntax.ts), and only commands the terminal has (kubectl, sleep,
 * timeout, the text tools and the shell's builtins) where a command's name is
 * written out; `sleep` and `timeout` need a duration when it is written out.
 */
function checkStep(line: string, l: number, c: number): void {
  const t = line.trim();
  if (t === '') throw new ScenarioError('empty step', l, c);
  if (t.startsWith('#') && !t.includes('\n')) return;
  const { commands, error } = parseShell(t);
  if (error) throw new ScenarioError(error.message, l, c);
  for (const list of commands) {
    for (const cmd of simpleCommands(list)) {
      const words = cmd.words.map(plainText);
      const name = words[0];
      if (cmd.words.length === 0 || name === undefined) continue;
      if (name === 'timeout') {
        const d = words[1];
        if (cmd.words.length < 2 || (d !== undefined && parseDuration(d, true) === undefined)) throw new ScenarioError(`timeout needs a duration such as 60s, not "${d ?? cmd.words[1]?.raw ?? ''}"`, l, c);
        if (cmd.words.length > 2 && words[2] !== undefined && words[2] !== 'kubectl' && words[2] !== 'sleep') throw new ScenarioError('timeout runs a kubectl command: timeout 60s kubectl ...', l, c);
        if (cmd.words.length < 3) throw new ScenarioError('timeout runs a kubectl command: timeout 60s kubectl ...', l, c);
        continue;
      }
      if (name === 'sleep') {
        const d = words[1];
        if (cmd.words.length !== 2 || (d !== undefined && parseDuration(d, true) === undefined)) throw new ScenarioError('sleep needs one duration such as 30s, 2m or 1m30s', l, c);
        continue;
      }
      if (!TERMINAL_COMMANDS.includes(name) && !SHELL_BUILTINS.includes(name)) {
        throw new ScenarioError(`unknown command "${name}": a step runs kubectl, sleep, timeout, echo or a text tool (${TEXT_TOOLS.filter((x) => !x.endsWith('fgrep') && x !== 'egrep').join(', ')}) in a shell line, or is a # comment`, l, c);
      }
    }
  }
}
