/**
 * Small formatting helpers shared by the describers: Go's time and slice
 * formats, the multi-line label / annotation / toleration lists, and the
 * storage helpers kubectl imports from pkg/util/storage.
 */
import { parseTimestamp, type SimTime } from '../../engine/clock/clock';
import { utf8Length, utf8Prefix } from '../../lib/utf8';
import { humanDuration } from '../printers/age';
import { LEVEL_0, type PrefixWriter } from './writer';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** What Go prints for the zero time.Time in RFC1123Z. */
export const ZERO_TIME_RFC1123Z = 'Mon, 01 Jan 0001 00:00:00 +0000';

function parseRfc3339(ts: string | null | undefined): number | undefined {
  if (ts === undefined || ts === null || ts === '') return undefined;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return undefined;
  // metav1.Time's zero value serialises as null, but guard the literal too.
  if (ts.startsWith('0001-01-01T00:00:00')) return undefined;
  return ms;
}

/**
 * time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700") of an RFC 3339
 * timestamp, in UTC (kubectl uses the local zone; the simulation's is UTC).
 * A missing timestamp prints as Go's zero time.
 */
export function rfc1123z(ts: string | null | undefined): string {
  const ms = parseRfc3339(ts);
  if (ms === undefined) return ZERO_TIME_RFC1123Z;
  const d = new Date(ms);
  return (
    `${DAYS[d.getUTCDay()] ?? ''}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${String(d.getUTCFullYear()).padStart(4, '0')} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

/** translateTimestampSince: HumanDuration of now − ts, "<unknown>" for a zero time. */
export function timestampSince(ts: string | null | undefined, now: SimTime): string {
  if (parseRfc3339(ts) === undefined) return '<unknown>';
  return humanDuration(now - parseTimestamp(ts as string));
}

/** Go's %v of a []string: "[a b c]", "[]" when empty. */
export function goSlice(items: readonly unknown[] | undefined | null): string {
  return `[${(items ?? []).map((x) => String(x)).join(' ')}]`;
}

/** Go's %v of an int-or-string value (intstr.IntOrString.String()). */
export function intOrString(v: unknown): string {
  if (v === undefined || v === null) return '0';
  return String(v);
}

export function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

export function printBool(b: boolean | undefined): string {
  return b ? 'True' : 'False';
}

const sortedKeys = (m: Record<string, string>) => Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * printLabelsMultilineWithIndent: "Title:<inner>k=v" then one "<initial><inner>k=v"
 * line per further key (sorted), or "<none>".
 */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined | null,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels ?? {});
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${k}=${(labels as Record<string, string>)[k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/**
 * printAnnotationsMultiline: "key: value" per annotation (sorted, the
 * last-applied-configuration skipped); long or multi-line values go on their
 * own lines, each cut to 138 bytes plus "...".
 */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const ann = annotations ?? {};
  const keys = sortedKeys(ann).filter((k) => !SKIPPED_ANNOTATIONS.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    let value = ann[key] ?? '';
    if (value.endsWith('\n')) value = value.slice(0, -1);
    if (utf8Length(value) + utf8Length(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) {
        const max = MAX_ANNOTATION_LEN - 2;
        const shown = utf8Length(s) > max ? `${utf8Prefix(s, max)}...` : s;
        w.write(LEVEL_0, `${indent}  ${shown}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

/** printTolerationsMultilineWithIndent: "key=value:Effect op=Exists for Ns", sorted by key. */
export function printTolerationsMultiline(
  w: PrefixWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined | null,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  // sort.Slice by key; keys are distinct in practice, so a stable sort matches
  list.sort((a, b) => {
    const ka = a.key ?? '';
    const kb = b.key ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    const key = t.key ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    let s = key;
    if (value.length !== 0) s += `=${value}`;
    if (effect.length !== 0) s += `:${effect}`;
    if (t.operator === 'Exists' && value.length === 0) {
      s += key.length !== 0 || effect.length !== 0 ? ' op=Exists' : 'op=Exists';
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** printPodsMultilineWithIndent: pod names sorted, one per line, or "<none>". */
export function printNamesMultiline(w: PrefixWriter, title: string, names: readonly string[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (names.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  sorted.forEach((n, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${n}\n`);
  });
}

// ------------------------------------------------------------------ storage helpers

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(obj: { metadata?: { annotations?: Record<string, string> }; spec?: { storageClassName?: string | null } }): string {
  const ann = obj.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (ann !== undefined) return ann;
  return obj.spec?.storageClassName ?? '';
}

/** storageutil.GetPersistentVolumeClass: same precedence for a PV. */
export const volumeClass = claimClass;

/** storageutil.GetAccessModesAsString: "RWO,ROX,RWX,RWOP" in that order, duplicates dropped. */
export function accessModesAsString(modes: readonly string[] | undefined | null): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** storageutil.IsDefaultAnnotationText: "Yes" when either default-class annotation is "true". */
export function isDefaultClassText(annotations: Record<string, string> | undefined): string {
  if (annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true') return 'Yes';
  if (annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true') return 'Yes';
  return 'No';
}
