/**
 * Every printer and describer reads objects whose optional fields are
 * absent or null without breaking: no exception and no JavaScript text
 * (`undefined`, `NaN`, `[object Object]`, "Cannot read properties…") in
 * what kubectl prints. The objects are the cluster's own, with random
 * fields removed or set to null at any depth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepCopy } from '../lib/clone';
import type { KObject, StatefulSet } from '../engine/api/types';
import { parseScenario } from '../scenario/parse';
import { runScenario } from '../scenario/runner';
import { describeObject, relatedFromApi } from './describe/describe';
import { TABLES } from './tables';
import { toKubectlJson, toKubectlYaml } from './printers/yaml';
import { evalJsonPath } from './printers/jsonpath';
import { statefulSetStatus } from './verbs/rollout';
import { describePodTemplate } from './describe/pod-template';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const JS_TEXT = /Cannot read propert|is not iterable|is not a function|Invalid time value|\bundefined\b|\bNaN\b|\[object Object\]|Invalid string length/;

const scenario = parseScenario(readFileSync(join(__dirname, '..', 'scenarios', 'failed-rollout.yaml'), 'utf8'));
const run = runScenario(scenario);
const api = run.session.cluster.api;
const now = run.session.cluster.clock.now();
const KINDS = ['Pod', 'StatefulSet', 'PersistentVolumeClaim', 'PersistentVolume', 'Service', 'Endpoints', 'Node', 'StorageClass', 'ControllerRevision', 'Event', 'Namespace'];
const objects = KINDS.flatMap((k) => api.list(k).slice(0, 4));

/** Every path to a value inside `o` (below the top level). */
function paths(o: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      const p = [...prefix, Array.isArray(o) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

function damage(obj: KObject, picks: number[], nulls: boolean[]): KObject {
  const copy = deepCopy(obj) as unknown as Record<string, unknown>;
  // What Go's JSON always carries: these fields and every struct-typed field (status, involvedObject, a
  // template's metadata and spec); anything else may be absent, and a slice may be null (a nil slice
  // without omitempty). List items are removed, never nulled: a list of structs holds no nulls.
  // Fields validation requires (a name, a port, an address, a condition's type and status, an owner's
  // identity) are kept too: the API server never stores an object without them.
  const kept =
    /^(kind|apiVersion|metadata|metadata\.(name|namespace)|spec|status|involvedObject|source|(data\.)?spec\.template|(data\.)?spec\.template\.(metadata|spec)|revision)$|\.containers\.\d+\.name$|ownerReferences\.\d+\.(apiVersion|kind|name|uid)$|conditions\.\d+\.(type|status)$|addresses\.\d+\.(type|address|ip)$|(podIPs|hostIPs)\.\d+\.ip$|spec\.containers$|ports\.\d+\.port$|containerStatuses\.\d+\.(name|restartCount|state|lastState|ready)$/;
  const all = paths(copy).filter((p) => !kept.test(p.join('.')));
  picks.forEach((pick, i) => {
    const path = all[pick % all.length];
    if (!path) return;
    let parent: unknown = copy;
    for (const k of path.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[k as string] : undefined;
    if (!parent || typeof parent !== 'object') return;
    const last = path[path.length - 1] as string;
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (nulls[i] && Array.isArray((parent as Record<string, unknown>)[last])) (parent as Record<string, unknown>)[last] = null;
    else delete (parent as Record<string, unknown>)[last];
  });
  return copy as unknown as KObject;
}

const printed = (obj: KObject): string[] => {
  const out: string[] = [];
  const table = TABLES[obj.kind];
  if (table) out.push(table.cells(obj, now, true).join('\t'));
  out.push(describeObject(obj, relatedFromApi(api), now));
  out.push(toKubectlYaml(obj), toKubectlJson(obj));
  for (const t of ['{.metadata.name}', '{.spec}', '{.status.conditions[*].type}', '{range .spec.containers[*]}{.image}{end}']) {
    try {
      out.push(evalJsonPath(t, obj));
    } catch (e) {
      out.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (obj.kind === 'StatefulSet') {
    try {
      out.push(statefulSetStatus(obj as StatefulSet).text);
    } catch (e) {
      out.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (obj.kind === 'ControllerRevision') {
    const tpl = (obj as unknown as { data?: { spec?: { template?: Record<string, unknown> } } }).data?.spec?.template;
    if (tpl && typeof tpl === 'object') out.push(describePodTemplate(tpl));
  }
  return out;
};

describe('printers and describers on objects with fields missing or null', () => {
  it.each(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o] as const))('%s', (_name, obj) => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (picks, nulls) => {
        const damaged = damage(obj, picks, nulls);
        const texts = printed(damaged);
        for (const t of texts) expect(t).not.toMatch(JS_TEXT);
      }),
      { numRuns: 150 },
    );
  });
});
