/**
 * YAML → JSON as kubectl converts files and `-p` patches before sending them
 * (sigs.k8s.io/yaml over its go-yaml v2 fork, then encoding/json): YAML 1.1
 * scalars (`yes`/`no`/`on`/`off`/`y`/`n` are booleans, `017` and `0o17` octal,
 * `1_000` an int, also as map keys, which become "true"/"false"), timestamps
 * and sexagesimal numbers stay strings, `!!binary` becomes its decoded text,
 * merge keys (`<<`) merge, and a later duplicate key wins. A number JSON cannot
 * hold (`1e309`, `.inf`, `.nan`) fails as encoding/json fails:
 * `json: unsupported value: +Inf`.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Alias, type Document, type DocumentOptions, type Node as YamlNode, type ParseOptions, type SchemaOptions, type ScalarTag } from 'yaml';
import { goQuote } from '../engine/api/gofmt';
import { compareBytes } from '../lib/order';
import { setOwn } from '../lib/own';
import { goUtf8Decode } from '../lib/utf8';
import { MAX_YAML_NESTING } from '../lib/yaml-depth';

const DROP = new Set(['tag:yaml.org,2002:timestamp']);

/** go-yaml v2 resolves `0o17` as octal too. */
const octal0o: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  default: true,
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (s: string) => {
    const neg = s.startsWith('-');
    const n = parseInt(s.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8);
    return neg ? -n : n;
  },
};

/** A RegExp whose test() is a predicate (the yaml library matches scalars with `tag.test.test(str)`). */
class Predicate extends RegExp {
  constructor(private readonly fn: (s: string) => boolean) {
    super('');
  }
  override test(s: string): boolean {
    return this.fn(s);
  }
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * go-yaml v2's floats (resolve.go): a scalar starting with a digit or a sign
 * loses its underscores and must match yamlStyleFloat; one starting with `.`
 * must parse as it is (`.5e3`, not `._5`). The yaml library's own YAML 1.1
 * floats would also take `e2` and `_1` for numbers.
 */
const goFloat: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: new Predicate((s) => {
    const c = s[0] ?? '';
    if (c === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
    if (!/[-+0-9]/.test(c)) return false;
    return YAML_STYLE_FLOAT.test(s.replace(/_/g, ''));
  }),
  resolve: (s: string) => parseFloat(s.replace(/_/g, '')),
};

/** `!!binary` decodes to the bytes as text (invalid UTF-8 becomes U+FFFD when encoded as JSON). */
const binaryAsText: ScalarTag = {
  tag: 'tag:yaml.org,2002:binary',
  resolve: (s: string) => goUtf8Decode(base64Decode(s.replace(/\s+/g, ''))),
};

export const KUBECTL_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  // go-yaml v2 keeps the last of duplicate keys; the yaml package's own check is also quadratic per map.
  uniqueKeys: false,
  // The yaml package must never print (process.emitWarning / console.warn): warnings stay in doc.warnings.
  logLevel: 'error',
  merge: true,
  customTags: (tags) => [
    octal0o,
    ...tags.filter((t) => {
      if (typeof t === 'string') return true;
      if (t.tag === 'tag:yaml.org,2002:float' && !(t as ScalarTag).test?.source.includes('inf')) return false;
      return !DROP.has(t.tag) && (t as ScalarTag).format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:binary';
    }),
    goFloat,
    binaryAsText,
  ],
};

/** Parses YAML documents with kubectl's scalar rules (read them with goYamlValue, not toJS). */
export function parseKubectlYaml(text: string, extra: ParseOptions = {}): Document.Parsed[] {
  return parseAllDocuments(text, { ...KUBECTL_YAML, ...extra }) as unknown as Document.Parsed[];
}

/**
 * The error encoding/json gives for the value kubectl converted from YAML, or
 * undefined. Go encodes map keys in byte order, so the first bad number in
 * that order is the one named.
 */
export function jsonUnsupported(v: unknown): string | undefined {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'json: unsupported value: NaN';
    if (!Number.isFinite(v)) return `json: unsupported value: ${v > 0 ? '+Inf' : '-Inf'}`;
    return undefined;
  }
  if (Array.isArray(v)) {
    for (const x of v) {
      const e = jsonUnsupported(x);
      if (e) return e;
    }
    return undefined;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o).sort(compareBytes)) {
      const e = jsonUnsupported(o[k]);
      if (e) return e;
    }
  }
  return undefined;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Decode(s: string): number[] {
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of s) {
    if (ch === '=') break;
    const v = B64.indexOf(ch);
    if (v < 0) continue;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 0xff);
    }
  }
  return out;
}

/** A YAML → JSON conversion error in sigs.k8s.io/yaml's words (`yaml: unknown anchor 'x' referenced`). */
export class GoYamlError extends Error {}

/**
 * SIM: values decoded through aliases, at most. go-yaml allows up to 99% of a
 * document's 400,000 first decodes to come from aliases; objects that large
 * would stall the page, and no manifest needs more than a few.
 */
export const MAX_ALIAS_DECODES = 10_000;

/** go-yaml v2 decode.go allowedAliasRatio. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** Whether go-yaml resolves a plain scalar as an integer (strconv.ParseInt/ParseUint with base 0, or 0b…). */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

function intFromSource(src: string): bigint | undefined {
  const s = src.replace(/_/g, '');
  if (!GO_INT.test(s)) return undefined;
  const neg = s.startsWith('-');
  const body = s.replace(/^[-+]/, '');
  const digits = /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body.replace(/^0([oObBxX])/, (_, p: string) => `0${p.toLowerCase()}`);
  const v = BigInt(digits);
  return neg ? -v : v;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml writes a float map key (`.inf` for +Inf). */
function float32Key(x: number): string {
  const f = Math.fround(x);
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits = '';
  for (let p = 1; p <= 9; p++) {
    digits = f.toPrecision(p);
    if (Math.fround(Number(digits)) === f) break;
  }
  const [mant, e] = Number(digits).toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(Number(digits));
}

/** A decoded go-yaml value as Go's %#v prints it (`[]interface {}{"a", "b"}`), for error texts. */
export function goYamlSharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return goNumberV(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goYamlSharpV).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort(compareBytes);
  return `map[interface {}]interface {}{${keys.map((k) => `${goQuote(k)}:${goYamlSharpV(o[k])}`).join(', ')}}`;
}

function goNumberV(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const [mant, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 21) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/**
 * The JSON value kubectl makes of one parsed YAML document (sigs.k8s.io/yaml
 * YAMLToJSON over its go-yaml v2 fork), or throws GoYamlError. Read in
 * document order, as go-yaml decodes:
 * - an alias decodes its anchor's node (`yaml: unknown anchor 'x' referenced`,
 *   `yaml: anchor 'x' value contains itself`, and past go-yaml's alias ratio or
 *   MAX_ALIAS_DECODES `yaml: document contains excessive aliasing`);
 * - a later duplicate key wins; `<<` merges a map (or a list of maps, earlier
 *   ones winning) into the map at that point, overriding keys before it
 *   (`yaml: map merge requires map or sequence of maps as the value`);
 * - a key that is a list or a map is `yaml: invalid map key: []interface {}{"a"}`;
 * - keys become strings (`1e6` → `1e+06`, `0x10` → `16`, `yes` → `true`); a
 *   null key or one beyond int64 is an error (`unsupported map key of type: …`),
 *   reported after the document decoded;
 * - +Inf/NaN values fail as encoding/json fails (`json: unsupported value: +Inf`).
 * Nothing here asks the yaml package to build JS values, so it never warns
 * (its toJS stringifies collection keys with a process warning).
 */
export function goYamlValue(doc: Document.Parsed): unknown {
  // Anchors in document order: an alias names the latest anchor before it.
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  let decodes = 0;
  let aliasDecodes = 0;
  let aliasDepth = 0;
  const expanding = new Set<Alias>();
  let keyError: string | undefined;

  const decode = (node: unknown, depth: number): unknown => {
    decodes++;
    if (aliasDepth > 0) aliasDecodes++;
    if ((aliasDecodes > 100 && decodes > 1000 && aliasDecodes / decodes > allowedAliasRatio(decodes)) || aliasDecodes > MAX_ALIAS_DECODES) {
      throw new GoYamlError('yaml: document contains excessive aliasing');
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) throw new GoYamlError(`yaml: unknown anchor '${node.source}' referenced`);
      if (expanding.has(node)) throw new GoYamlError(`yaml: anchor '${node.source}' value contains itself`);
      expanding.add(node);
      aliasDepth++;
      const v = decode(target, depth);
      aliasDepth--;
      expanding.delete(node);
      return v;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'symbol') return '<<';
      if (v === undefined) return null;
      return v;
    }
    if (depth >= MAX_YAML_NESTING) throw new GoYamlError(`yaml: exceeded max depth of ${MAX_YAML_NESTING}`);
    if (isSeq(node)) return node.items.map((it) => decode(it, depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
          merge(out, pair.value, depth);
          continue;
        }
        const k = decode(keyNode, depth + 1);
        if (k !== null && typeof k === 'object') throw new GoYamlError(`yaml: invalid map key: ${goYamlSharpV(k)}`);
        const v = decode(pair.value, depth + 1);
        const ks = keyString(k, keyNode, v);
        if (ks !== undefined) setOwn(out, ks, v);
      }
      return out;
    }
    return null;
  };

  const merge = (out: Record<string, unknown>, valueNode: unknown, depth: number): void => {
    const wantMap = () => new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
    const isMapNode = (n: unknown) => isMap(n) || (isAlias(n) && isMap(targets.get(n)));
    const copy = (n: unknown) => {
      const m = decode(n, depth) as Record<string, unknown>;
      for (const k of Object.keys(m)) setOwn(out, k, m[k]);
    };
    if (isMapNode(valueNode)) return copy(valueNode);
    if (!isSeq(valueNode)) throw wantMap();
    // Earlier maps win: they are merged last.
    for (let i = valueNode.items.length - 1; i >= 0; i--) {
      const it = valueNode.items[i];
      if (!isMapNode(it)) throw wantMap();
      copy(it);
    }
  };

  const keyString = (k: unknown, keyNode: YamlNode | null, v: unknown): string | undefined => {
    if (typeof k === 'string') return k;
    if (typeof k === 'boolean') return k ? 'true' : 'false';
    if (typeof k === 'number') {
      const src = isScalar(keyNode) && keyNode.type === 'PLAIN' && typeof keyNode.source === 'string' ? keyNode.source : undefined;
      const int = src === undefined ? (Number.isInteger(k) ? BigInt(k) : undefined) : intFromSource(src);
      if (int === undefined) return float32Key(k);
      if (int >= INT64_MIN && int <= INT64_MAX) return int.toString();
      keyError ??= `unsupported map key of type: uint64, key: 0x${int.toString(16)}, value: ${goYamlSharpV(v)}`;
      return undefined;
    }
    keyError ??= `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${v === null ? '<nil>' : goYamlSharpV(v)}`;
    return undefined;
  };

  const value = decode(doc.contents, 0);
  if (keyError) throw new GoYamlError(keyError);
  const unsupported = jsonUnsupported(value);
  if (unsupported) throw new GoYamlError(unsupported);
  return value;
}
