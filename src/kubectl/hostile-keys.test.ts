/**
 * Everything that reads an object with a user's key treats `__proto__`,
 * `constructor`, `toString`… as ordinary keys: label selectors, JSONPath,
 * custom columns, the YAML/JSON printers, describe and the page's views. A
 * key an object does not own is missing (never the value JavaScript
 * inherits), nothing prints JavaScript's own text, and no prototype changes.
 */
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { labelSelectorAsMatcher, matchesSelector, parseSelector, SelectorParseError, InvalidSelectorError } from '../engine/api/labels';
import { isQualifiedName } from '../engine/api/names';
import type { KEvent, KObject, LabelSelector, Pod, Service, StatefulSet } from '../engine/api/types';
import type { SimTime } from '../engine/clock/clock';
import { anyKey, assertPlainData, INHERITED_NAMES, JS_TEXT, jsonObject, objectOf, prototypeSnapshot, scalar } from '../engine/testing/hostile';
import { deepEqual } from '../lib/clone';
import { getOwn, hasOwn } from '../lib/own';
import { podView, serviceView, setView } from '../worker/views';
import { describeObject } from './describe/describe';
import { CustomColumnsError, parseCustomColumns, renderCustomColumns } from './printers/custom-columns';
import { evalJsonPath, JsonPathError } from './printers/jsonpath';
import { toKubectlJson, toKubectlYaml } from './printers/yaml';

const PROTO = prototypeSnapshot();
const unchangedPrototypes = () => expect(prototypeSnapshot()).toBe(PROTO);

/** Label keys: the inherited names (some valid label keys, some not) and ordinary ones. */
const labelKey = fc.constantFrom(...INHERITED_NAMES, 'app', 'tier', 'a', 'example.com/x');
const labelValue = fc.constantFrom('web', 'x', '1', '7', 'constructor', '');
const labelsArb = fc.array(fc.tuple(labelKey, labelValue), { maxLength: 5 }).map((e) => objectOf(e) as Record<string, string>);

type Op = 'exists' | '!' | '=' | '==' | '!=' | 'in' | 'notin' | '>' | '<';
interface Req {
  key: string;
  op: Op;
  values: string[];
}
const reqArb: fc.Arbitrary<Req> = fc.record({
  key: labelKey,
  op: fc.constantFrom<Op>('exists', '!', '=', '==', '!=', 'in', 'notin', '>', '<'),
  values: fc.array(fc.constantFrom('web', 'x', '1', '7', 'constructor'), { minLength: 1, maxLength: 2 }),
});

function reqText(r: Req): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    default:
      return `${r.key}${r.op}${r.values[0] as string}`;
  }
}

/** What labels.Selector.Matches answers, with the labels as a Go map (own keys only). */
function reference(r: Req, labels: Record<string, string>): boolean {
  const has = hasOwn(labels, r.key);
  const v = getOwn(labels, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case '==':
      return has && v === r.values[0];
    case '!=':
      return !has || v !== r.values[0];
    case 'in':
      return has && r.values.includes(v as string);
    case 'notin':
      return !has || !r.values.includes(v as string);
    case '>':
    case '<': {
      if (!has || !/^[0-9]+$/.test(v as string) || !/^[0-9]+$/.test(r.values[0] as string)) return false;
      return r.op === '>' ? Number(v) > Number(r.values[0]) : Number(v) < Number(r.values[0]);
    }
  }
}

const refused = (r: Req): boolean => isQualifiedName(r.key).length > 0 || ((r.op === '>' || r.op === '<') && !/^[0-9]+$/.test(r.values[0] as string));

describe('label selectors', () => {
  it('`-l` requirements on inherited names match only labels the object owns', () => {
    fc.assert(
      fc.property(fc.array(reqArb, { minLength: 1, maxLength: 3 }), labelsArb, (reqs, labels) => {
        const text = reqs.map(reqText).join(',');
        let matcher;
        try {
          matcher = parseSelector(text);
        } catch (e) {
          expect(e).toBeInstanceOf(SelectorParseError);
          // Only an invalid label key, or a non-integer for > and <, is refused.
          expect(reqs.some(refused)).toBe(true);
          return;
        }
        expect(reqs.some(refused)).toBe(false);
        expect(matcher(labels)).toBe(reqs.every((r) => reference(r, labels)));
        // A requirement that needs a key never matches labels without it.
        for (const r of reqs) if (['exists', '=', '==', 'in', '>', '<'].includes(r.op)) expect(parseSelector(reqText(r))({})).toBe(false);
        unchangedPrototypes();
      }),
      { numRuns: 300 },
    );
  });

  it('LabelSelector objects with inherited names as keys or operators', () => {
    const expr = fc.record({
      key: labelKey,
      operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'constructor', 'toString', '__proto__', 'hasOwnProperty'),
      values: fc.array(fc.constantFrom('web', 'x'), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(labelsArb, fc.array(expr, { maxLength: 2 }), labelsArb, (matchLabels, matchExpressions, labels) => {
        const exprs = matchExpressions.map((e) => ({ ...e, values: e.operator.startsWith('In') || e.operator === 'NotIn' ? e.values : [] }));
        // Operators outside the type on purpose: a stored selector is whatever the user wrote.
        const sel = { matchLabels, matchExpressions: exprs } as unknown as LabelSelector;
        let m;
        try {
          m = labelSelectorAsMatcher(sel);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidSelectorError);
          expect(matchesSelector(labels, sel)).toBe(false);
          return;
        }
        const want =
          Object.keys(matchLabels).every((k) => getOwn(labels, k) === matchLabels[k] && hasOwn(labels, k)) &&
          exprs.every((e) => {
            const has = hasOwn(labels, e.key);
            if (e.operator === 'In') return has && (e.values as string[]).includes(getOwn(labels, e.key) as string);
            if (e.operator === 'NotIn') return !has || !(e.values as string[]).includes(getOwn(labels, e.key) as string);
            if (e.operator === 'Exists') return has;
            return !has;
          });
        expect(m(labels)).toBe(want);
        expect(['In', 'NotIn', 'Exists', 'DoesNotExist']).toEqual(expect.arrayContaining(exprs.map((e) => e.operator)));
        unchangedPrototypes();
      }),
      { numRuns: 300 },
    );
  });
});

/** Keys a JSONPath field can name (identifier-like). */
const fieldKey = fc.constantFrom(...INHERITED_NAMES, 'a', 'b', 'name', 'app', 'image', 'length');
const objArb = jsonObject(fc.oneof(fieldKey, anyKey), scalar, 4);

/** The value at a path of own keys, or undefined. */
function ownPath(o: unknown, path: string[]): unknown {
  let cur = o;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = getOwn(cur as Record<string, unknown>, k);
  }
  return cur;
}

describe('JSONPath and custom columns', () => {
  it('fields resolve to own keys only; a missing one prints nothing', () => {
    fc.assert(
      fc.property(objArb, fc.array(fieldKey, { minLength: 1, maxLength: 3 }), (obj, path) => {
        const template = `{.${path.join('.')}}`;
        let out: string;
        try {
          out = evalJsonPath(template, obj);
        } catch (e) {
          expect(e).toBeInstanceOf(JsonPathError);
          expect((e as Error).message).not.toMatch(/\[native code\]|is not a function|Cannot read/);
          return;
        }
        const want = ownPath(obj, path);
        if (want === undefined) expect(out).toBe('');
        if (typeof want === 'string') expect(out).toBe(want);
        expect(out).not.toMatch(/\[native code\]|\[object [A-Z]|function [A-Za-z]*\(/);
        // With missing keys refused, an absent inherited name is "not found".
        if (want === undefined && path.length === 1) {
          expect(() => evalJsonPath(template, obj, { allowMissingKeys: false })).toThrowError(`${path[0] as string} is not found`);
        }
        unchangedPrototypes();
      }),
      { numRuns: 300 },
    );
  });

  it('wildcards, recursive descent and filters see own keys only', () => {
    fc.assert(
      fc.property(objArb, fieldKey, (obj, k) => {
        for (const t of [`{.*}`, `{..${k}}`, `{.${k}[*]}`, `{.items[?(@.${k})]}`, `{range .*}{.${k}}{end}`]) {
          try {
            const out = evalJsonPath(t, { ...obj, items: [obj, {}] });
            expect(out).not.toMatch(/\[native code\]|\[object [A-Z]|function [A-Za-z]*\(/);
          } catch (e) {
            expect(e).toBeInstanceOf(JsonPathError);
          }
        }
        if ((INHERITED_NAMES as readonly string[]).includes(k)) expect(evalJsonPath(`{..${k}}`, JSON.parse('{"a":{"b":1}}'))).toBe('');
        unchangedPrototypes();
      }),
    );
  });

  it('custom columns print own values, <none> for anything else', () => {
    fc.assert(
      fc.property(objArb, fc.array(fc.array(fieldKey, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), (obj, paths) => {
        const spec = paths.map((p, i) => `C${i}:.${p.join('.')}`).join(',');
        let out: string;
        try {
          out = renderCustomColumns(parseCustomColumns(spec), [obj], true);
        } catch (e) {
          expect(e).toBeInstanceOf(CustomColumnsError);
          return;
        }
        const cells = out.trimEnd().split(/\s{3,}|\t/);
        paths.forEach((p, i) => {
          const want = ownPath(obj, p);
          if (want === undefined && paths.length === 1) expect(out.trim()).toBe('<none>');
          if (typeof want === 'string' && want !== '' && !want.includes(' ') && paths.length === 1) expect(cells[i]).toBe(want);
        });
        expect(out).not.toMatch(/\[native code\]|\[object [A-Z]|function [A-Za-z]*\(/);
        unchangedPrototypes();
      }),
      { numRuns: 200 },
    );
  });
});

describe('printers', () => {
  it('-o yaml and -o json print every own key and read back to the same data', () => {
    fc.assert(
      fc.property(objArb, (obj) => {
        const yaml = toKubectlYaml(obj);
        const json = toKubectlJson(obj);
        const fromYaml = parseYaml(yaml) as unknown;
        const fromJson = JSON.parse(json) as unknown;
        assertPlainData(fromYaml);
        expect(deepEqual(fromYaml, obj)).toBe(true);
        expect(deepEqual(fromJson, obj)).toBe(true);
        unchangedPrototypes();
      }),
      { numRuns: 200 },
    );
  });
});

const NOW = 3_600_000 as SimTime;

function hostileObjects(labels: Record<string, string>, extra: Record<string, unknown>): KObject[] {
  const meta = (name: string) => ({ name, namespace: 'default', uid: `u-${name}`, creationTimestamp: '2025-01-01T09:00:00Z', labels, annotations: labels });
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...meta('web-0'), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u-web', controller: true }] },
    spec: {
      nodeSelector: labels,
      containers: [
        {
          name: 'c',
          image: 'i',
          resources: { limits: extra, requests: extra },
          env: INHERITED_NAMES.map((k) => ({ name: `E_${k}`, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${k}']` } } })),
        },
      ],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('web'),
    spec: { replicas: 1, serviceName: 'web', selector: { matchLabels: labels, matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, template: { metadata: { labels }, spec: pod.spec } },
    status: { replicas: 1 },
  };
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { selector: labels, clusterIP: 'None', ports: [{ port: 80 }] } };
  const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: extra }, selector: { matchLabels: labels } }, status: { phase: 'Pending' } };
  return [pod, sts, svc, pvc] as unknown as KObject[];
}

describe('describe and the page views', () => {
  it('never print what JavaScript inherits', () => {
    fc.assert(
      fc.property(labelsArb, fc.array(fc.tuple(fc.constantFrom(...INHERITED_NAMES, 'cpu', 'memory'), fc.constantFrom('1', '100m')), { maxLength: 3 }), (labels, res) => {
        const objs = hostileObjects(labels, objectOf(res));
        const pods = objs.filter((o) => o.kind === 'Pod') as Pod[];
        const related = { events: (): KEvent[] => [], pods: () => pods, endpoints: () => undefined };
        for (const o of objs) {
          const text = describeObject(o, related, NOW);
          expect(text).not.toMatch(JS_TEXT);
        }
        const views = [podView(pods[0] as Pod, NOW), setView(objs[1] as StatefulSet), serviceView(objs[2] as Service)];
        expect(JSON.stringify(views)).not.toMatch(JS_TEXT);
        unchangedPrototypes();
      }),
      { numRuns: 60 },
    );
  });
});
