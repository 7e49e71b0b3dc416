/**
 * The generic describer kubectl falls back to for kinds without a dedicated
 * one (ControllerRevision, Event, …), plus the small Namespace describer.
 */
import { goV } from '../../engine/api/gofmt';
import type { KEvent, KObject } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { describeEvents } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, tabbedString, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isUpper = (ch: string) => /\p{Lu}/u.test(ch);
const isLower = (ch: string) => /\p{Ll}/u.test(ch);
const isDigit = (ch: string) => /\p{Nd}/u.test(ch);

/** github.com/fatih/camelcase Split: runs of lower/upper/digit/other, "PDFLoader" → PDF, Loader. */
export function camelSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const cls = isLower(ch) ? 1 : isUpper(ch) ? 2 : isDigit(ch) ? 3 : 4;
    const cur = runs[runs.length - 1];
    if (cls === last && cur) cur.push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const a = runs[i] as string[];
    const b = runs[i + 1] as string[];
    if (a.length > 0 && b.length > 0 && isUpper(a[0] as string) && isLower(b[0] as string)) {
      b.unshift(a.pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** strings.Title: upper-cases the first letter of every word (words split on non-letters). */
function goTitle(s: string): string {
  let out = '';
  let prevLetter = false;
  for (const ch of s) {
    const letter = isLetter(ch) || isDigit(ch) || ch === '_';
    out += !prevLetter && isLetter(ch) ? ch.toUpperCase() : ch;
    prevLetter = letter;
  }
  return out;
}

/** smartLabelFor: "apiVersion" → "API Version"; names with other characters are kept as they are. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go smartLabelFor (v1.32)
export function smartLabelFor(field: string): string {
  for (const ch of field) if (!isLetter(ch) && ch !== '-') return field;
  const parts: string[] = [];
  for (const part of camelSplit(field)) {
    if (part === '_') continue;
    parts.push(ACRONYMS.has(part.toUpperCase()) ? part.toUpperCase() : goTitle(part));
  }
  return parts.join(' ');
}

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go printUnstructuredContent (v1.32)
function printUnstructuredContent(w: PrefixWriter, level: number, content: Rec, skipPrefix: string): void {
  const fields = Object.keys(content)
    .filter((k) => content[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const field of fields) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (SKIP.includes(skipExpr)) continue;
    if (isRec(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isRec(child)) printUnstructuredContent(w, level + 1, child, skipExpr);
        else w.write(level + 1, `${goV(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goV(value)}\n`);
    }
  }
}

/** genericDescriber: Name/Namespace/Labels/Annotations, then every other field, then events. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go genericDescriber.Describe (v1.32)
export function describeGeneric(obj: KObject, events: readonly KEvent[] | undefined, now: SimTime): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj as unknown as Rec, '');
    if (events) describeEvents(events, w, now);
  });
}

/** `kubectl describe namespace` (no ResourceQuotas or LimitRanges exist in the simulation). */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNamespace (v1.32)
export function describeNamespace(ns: KObject): string {
  const status = isRec(ns['status']) ? ns['status'] : {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${String(status['phase'] ?? '')}\n`);
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No resource quota.\n');
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No LimitRange resource.\n');
  });
}
