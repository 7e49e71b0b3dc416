/**
 * What counts as a failure when an input runs: JavaScript's own error text
 * reaching the user, the built-in prototypes gaining properties, and the
 * classification used in reports and regression files.
 */

export type FailureKind =
  | 'crash' // an exception escaped the module under test
  | 'js-text' // output carries JavaScript's error text instead of kubectl's, the server's or the shell's
  | 'fault' // a cluster component threw (clock.faults)
  | 'invariant' // a StatefulSet invariant was broken
  | 'pollution' // Object.prototype / Array.prototype / … gained a property
  | 'exit-code' // the runner would exit with something other than 0 or 2
  | 'bad-position' // an invalid scenario reported without a usable LINE:COLUMN
  | 'nondeterminism' // the same input gave different transcripts
  | 'hang'; // the input exceeded its watchdog budget

export interface Failure {
  kind: FailureKind;
  /** One line saying what went wrong (the offending text, the invariant, the exception). */
  detail: string;
  /** The step (command line) that showed it, when known. */
  step?: string;
}

/**
 * JavaScript's wording for its own errors and values, which kubectl, the API
 * server and a shell never print. `NaN`, `undefined` and `Infinity` are
 * matched as whole words.
 */
const JS_TEXT: RegExp[] = [
  /Cannot read propert(?:y|ies) of/,
  /Cannot set propert(?:y|ies) of/,
  /Cannot convert (?:undefined|null|a Symbol|object)/,
  /Cannot create property/,
  /Cannot destructure/,
  /is not iterable/,
  /is not a function/,
  /is not a constructor/,
  /is not defined/,
  /Invalid time value/,
  /Maximum call stack/,
  /Invalid string length/,
  /Invalid array length/,
  /Invalid regular expression/,
  /Unexpected token .* in JSON|Unexpected end of JSON input|is not valid JSON/,
  /\[object (?:Object|Array|Map|Set)\]/,
  // Firefox names stack exhaustion "InternalError", but so does a Kubernetes status reason: not matched.
  /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|AggregateError)\b/,
  /\bundefined\b/,
  /\bNaN\b/,
  /(?<![\w.])-?Infinity\b/,
  /\bfunction \w*\(/,
  /\bat \S+ \(.*:\d+:\d+\)/,
];

/**
 * JavaScript error text in `output` that does not come from the input
 * itself. A user's own words echoed back (`pods "undefined" not found`) are
 * allowed: a match is reported only when `input` does not contain it.
 */
export function jsTextIn(output: string, input: string): string | undefined {
  // Go's own words that look like JavaScript's: encoding/json refusing a float, and
  // sigs.k8s.io/yaml printing a float value (%+#v) beside a map key it cannot convert.
  output = output.replace(/json: unsupported value: (?:NaN|[+-]Inf)/g, 'json: unsupported value');
  output = output.replace(/(unsupported map key of type: [^\n]*, value: )(?:NaN|[+-]Inf)\b/g, '$1<float>');
  for (const re of JS_TEXT) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    for (const m of output.matchAll(g)) {
      if (input.includes(m[0])) continue;
      const at = m.index ?? 0;
      const from = output.lastIndexOf('\n', at) + 1;
      const to = output.indexOf('\n', at);
      return output.slice(from, to < 0 ? undefined : to).slice(0, 300);
    }
  }
  return undefined;
}

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Map.prototype', Map.prototype],
];
const BASELINE = new Map(PROTOTYPES.map(([name, p]) => [name, new Set(Reflect.ownKeys(p))]));

/** Properties the built-in prototypes gained since this module loaded; removes them so the next input starts clean. */
export function prototypePollution(): string[] {
  const found: string[] = [];
  for (const [name, proto] of PROTOTYPES) {
    const base = BASELINE.get(name) as Set<string | symbol>;
    for (const key of Reflect.ownKeys(proto)) {
      if (base.has(key)) continue;
      found.push(`${name}.${String(key)}`);
      delete (proto as Record<string | symbol, unknown>)[key];
    }
  }
  return found;
}

/** A short description of a thrown value, with the top of its stack. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) {
    const where = (e.stack ?? '').split('\n').slice(1, 3).map((l) => l.trim()).join(' ');
    return `${e.constructor.name}: ${e.message.slice(0, 300)}${where ? ` (${where})` : ''}`;
  }
  return `thrown ${typeof e}: ${String(e).slice(0, 300)}`;
}

/** A stable one-line signature of a failure, for grouping distinct classes. */
export function signature(f: Failure): string {
  const d = f.detail
    .replace(/\(.*\)$/, '')
    .replace(/"[^"]*("|$)/g, '"…"')
    .replace(/'[^']*('|$)/g, "'…'")
    .replace(/\d+/g, 'N')
    .slice(0, 120);
  return `${f.kind}: ${d}`;
}
