/**
 * Reads a `-f` file the way kubectl's resource builder does before it sends
 * anything (cli-runtime StreamVisitor + mapper, v1.32), one document at a time:
 *
 * 1. Split: a file starting with `{` is a stream of JSON values
 *    (json-stream.ts); anything else is YAML, cut into documents at lines
 *    that start with `---` (YAMLReader: only spaces or a comment may follow,
 *    else `invalid Yaml document separator: x`). Lines count from the start
 *    of each document; CRLF is read as LF.
 * 2. YAML → JSON (yaml-json.ts): syntax errors, nesting deeper than the
 *    playground reads, alias and key errors. Empty and `null` documents are
 *    skipped.
 * 3. With --validate (not false), the document must name its kind:
 *    `error validating data: [apiVersion not set, kind isn't string type]`.
 * 4. Decoding as unstructured, then apiVersion/kind/metadata into
 *    metadataOnlyObject's Go types: `unable to decode "x.yaml": json: cannot
 *    unmarshal number into Go struct field metadataOnlyObject.metadata of type
 *    v1.ObjectMeta`, `Object 'Kind' is missing in '{…}'`.
 * 5. The REST mapping: `resource mapping not found for name: …`.
 * 6. Lists (any document with `items`) are flattened into their items.
 *
 * Errors of steps 1–3 end the file (the documents before were read); errors
 * of steps 4–6 skip the document and reading goes on, as with kubectl's
 * ContinueOnError visitors.
 */
import { goQuote } from '../engine/api/gofmt';
import { KINDS, type KindInfo } from '../engine/api/kinds';
import { jsonWhat } from '../engine/api/schema/custom';
import { decodeJsonValue } from '../engine/api/schema/decode-json';
import { parseRequestJson } from '../engine/api/schema/json-syntax';
import { defineStruct } from '../engine/api/schema/types';
import type { KObject } from '../engine/api/types';
import { getOwn, hasOwn, isJsonMap, type JsonMap } from '../lib/own';
import { goYamlDepthError } from '../lib/yaml-depth';
import { ErrorList, KubectlError } from './context';
import { readJsonStream } from './json-stream';
import { goJsonMarshal } from './printers/yaml';
import { GoYamlError, goYamlValue, parseKubectlYaml } from './yaml-json';

/** One object read from a file, ready for a verb. */
export interface FileObject {
  /** The object as kubectl sends it (apiVersion as the mapping names it). */
  obj: KObject;
  source: string;
  /**
   * The kind it maps to; undefined when kubectl maps it to a URL the API server does
   * not serve (an apiVersion without a version, `apps/`; a `List` kind without items):
   * every request for it is answered 404.
   */
  kind: KindInfo | undefined;
  /** What kubectl's mapping calls the resource (`statefulsets`), its group and version, for messages. */
  resource: { group: string; version: string; resource: string; kind: string; namespaced: boolean };
  /** metadata.name and metadata.namespace when they are strings, else ''. */
  name: string;
  namespace: string;
}

/** One step of reading a file: an object, or an error (which ends the file when it is the last item and `stops`). */
export type FileItem = { object: FileObject } | { error: unknown; stops?: true };

export interface ReadOptions {
  /** Client-side validation: 'none' (--validate=false), 'kinds' (warn: the kind check only) or 'strict' (also a v1 List's items). */
  schema: 'none' | 'kinds' | 'strict';
}

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** apimachinery's aggregate message: one error as it is, several `[a, b]`, repeats once. */
function aggregateText(msgs: readonly string[]): string {
  const unique = [...new Set(msgs)];
  return unique.length === 1 ? (unique[0] as string) : `[${unique.join(', ')}]`;
}

/** Reads the objects of one file (see the module comment). */
export function readManifestFile(text: string, source: string, opts: ReadOptions): FileItem[] {
  const items: FileItem[] = [];
  const stop = (message: string): FileItem[] => {
    items.push({ error: new KubectlError(message), stops: true });
    return items;
  };
  if (/^\s*\{/u.test(text.slice(0, 4096))) {
    const stream = readJsonStream(text);
    for (const raw of stream.values) {
      if (raw === 'null') continue;
      let parsed: ReturnType<typeof parseRequestJson>;
      try {
        parsed = parseRequestJson(raw);
      } catch {
        return stop(`error parsing ${source}: invalid JSON`);
      }
      if (!documentItems(parsed.value, () => raw, source, opts, items, parsed.overflow)) return items;
    }
    if (stream.error) return stop(`error parsing ${source}: ${stream.error}`);
    return items;
  }
  for (const chunk of yamlChunks(text)) {
    if ('separator' in chunk) return stop(`error parsing ${source}: invalid Yaml document separator: ${chunk.separator}`);
    const converted = yamlToJson(chunk.text);
    if ('error' in converted) return stop(`error parsing ${source}: error converting YAML to JSON: ${converted.error}`);
    if (converted.value === null) continue;
    if (!documentItems(converted.value, () => goJsonMarshal(converted.value), source, opts, items, undefined)) return items;
  }
  return items;
}

/**
 * The documents of a YAML file as kubectl's YAMLReader cuts them: a line
 * starting with `---` ends a document; only spaces or a comment may follow the
 * dashes. Empty documents are dropped. Behaviour of apimachinery util/yaml YAMLReader.Read.
 */
export function yamlChunks(text: string): ({ text: string } | { separator: string })[] {
  const out: ({ text: string } | { separator: string })[] = [];
  let buf: string[] = [];
  const lines = text.split('\n');
  // A final line without a newline is still a line; a trailing newline leaves nothing after it.
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('---')) {
      const rest = goTrimSpace(line.slice(3));
      if (rest !== '' && !rest.startsWith('#')) {
        out.push({ separator: rest });
        return out;
      }
      if (buf.length) out.push({ text: buf.join('') });
      buf = [];
      continue;
    }
    buf.push(line + '\n');
  }
  if (buf.length) out.push({ text: buf.join('') });
  return out;
}

/** Go's strings.TrimSpace (Unicode White_Space). */
function goTrimSpace(s: string): string {
  return s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '');
}

/** One YAML document as JSON, or go-yaml's error text (after `error converting YAML to JSON: `). */
export function yamlToJson(chunk: string): { value: unknown } | { error: string } {
  // Nesting is measured before the YAML parser recurses.
  const deep = goYamlDepthError(chunk, false);
  if (deep) return { error: deep.message };
  const docs = parseKubectlYaml(chunk, { prettyErrors: false });
  // go-yaml reads the first document of the chunk; what follows a `...` is never read.
  const doc = docs[0];
  if (!doc) return { value: null };
  const e = doc.errors[0];
  if (e) {
    const pos = e.pos[0];
    const start = lineOf(chunk, pos);
    // go-yaml names the line of the ':' that made the mapping invalid.
    const colon = chunk.slice(pos).search(/:(\s|$)/);
    const end = lineOf(chunk, pos + Math.max(colon, 0));
    return { error: `yaml: ${goYamlError(e.code, start, end)}` };
  }
  try {
    return { value: goYamlValue(doc) };
  } catch (err) {
    if (err instanceof GoYamlError) return { error: err.message };
    throw err;
  }
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * go-yaml's wording for the commonest syntax errors, with the line it names
 * (checked against kubectl 1.32): a tab in indentation names its own line, a
 * mis-indented key the line before it, a stray `:` the line it stands on;
 * errors on the first line carry no line number.
 */
function goYamlError(code: string, start: number, end: number): string {
  const at = (n: number, what: string) => (n <= 1 ? what : `line ${n}: ${what}`);
  if (code === 'TAB_AS_INDENT') return at(start, 'found a tab character that violates indentation');
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return at(end, 'mapping values are not allowed in this context');
  if (code === 'BAD_INDENT') return at(start - 1, 'did not find expected key');
  return at(start, 'did not find expected key');
}

// ---------------------------------------------------------------------------
// One document: validation, decoding, mapping, lists.

/** apiVersion, kind and metadata as cli-runtime's metadataValidatingDecoder decodes them. */
const METADATA_ONLY = defineStruct('resource.metadataOnlyObject', { kind: 'string', apiVersion: 'string', metadata: 'v1.ObjectMeta' });

/** schema.ParseGroupVersion. */
function parseGroupVersion(gv: string): { group: string; version: string } | string {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0] as string, version: parts[1] as string };
  return `unexpected GroupVersion string: ${gv}`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The group, version and kind of an object as unstructured reads them:
 * non-strings read as '', and an apiVersion that does not parse empties all
 * three (Unstructured.GroupVersionKind), so the kind is then "missing".
 */
function gvkOf(o: JsonMap): { group: string; version: string; kind: string } {
  const gv = parseGroupVersion(str(getOwn(o, 'apiVersion')));
  return typeof gv === 'string' ? { group: '', version: '', kind: '' } : { ...gv, kind: str(getOwn(o, 'kind')) };
}

/** Behaviour of kubectl pkg/validation getObjectKind: what a document must say about its kind. */
function objectKindErrors(v: unknown): string[] {
  if (!isJsonMap(v)) return ['invalid object to validate'];
  const errs: string[] = [];
  const apiVersion = getOwn(v, 'apiVersion');
  if (apiVersion === null || apiVersion === undefined) errs.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') errs.push("apiVersion isn't string type");
  else {
    const gv = parseGroupVersion(apiVersion);
    if (typeof gv === 'string') errs.push(gv);
  }
  const kind = getOwn(v, 'kind');
  if (kind === null || kind === undefined) errs.push('kind not set');
  else if (typeof kind !== 'string') errs.push("kind isn't string type");
  return errs;
}

/** The REST mapping kubectl finds for a group, version and kind. */
type Mapping = { kind: KindInfo | undefined; resource: FileObject['resource'] } | { noMatch: string };

/**
 * Behaviour of kubectl's discovery RESTMapper over the kinds the playground
 * serves: each kind in its group/version, `<Kind>List` and `List` in every
 * served group/version. A kind of a served group without a version maps to a
 * URL the server does not serve.
 */
function restMapping(group: string, version: string, kind: string): Mapping {
  const inGroup = KINDS.filter((k) => k.group === group);
  const versionOf = (k: KindInfo) => k.apiVersion.slice(k.apiVersion.indexOf('/') + 1);
  const served = inGroup.filter((k) => versionOf(k) === version);
  const exact = served.find((k) => k.kind === kind);
  if (exact) return { kind: exact, resource: { group, version, resource: exact.resource, kind, namespaced: exact.namespaced } };
  const listOf = kind.endsWith('List') ? kind.slice(0, -4) : undefined;
  const isList = listOf !== undefined && (listOf === '' ? served.length > 0 : served.some((k) => k.kind === listOf));
  if (isList || (version === '' && inGroup.some((k) => k.kind === kind))) {
    // The mapping names the kind's served version (messages say `/v1, Resource=services`); requests go to the URL of the object's own.
    const known = inGroup.find((k) => k.kind === kind);
    const resource = known ? known.resource : `${kind.toLowerCase()}s`;
    return { kind: undefined, resource: { group, version: known ? versionOf(known) : version, resource, kind, namespaced: known?.namespaced ?? true } };
  }
  return { noMatch: `no matches for kind ${goQuote(kind)} in version ${goQuote(group ? `${group}/${version}` : version)}` };
}

function fileObject(o: JsonMap, source: string, mapping: Exclude<Mapping, { noMatch: string }>): FileObject {
  const metadata = getOwn(o, 'metadata');
  const meta = isJsonMap(metadata) ? metadata : undefined;
  // The API server reads `/v1` as `v1`: send what the mapping names.
  if (mapping.kind && getOwn(o, 'apiVersion') !== mapping.kind.apiVersion) o['apiVersion'] = mapping.kind.apiVersion;
  if (metadata === undefined || metadata === null) o['metadata'] = {};
  return {
    obj: o as unknown as KObject,
    source,
    kind: mapping.kind,
    resource: mapping.resource,
    name: str(meta && getOwn(meta, 'name')),
    namespace: str(meta && getOwn(meta, 'namespace')),
  };
}

/**
 * Adds what one document gives to `items`; returns false when it ends the
 * file (a validation error). `raw` is the document as JSON text (the YAML
 * conversion, or the JSON value as written).
 */
function documentItems(value: unknown, raw: () => string, source: string, opts: ReadOptions, items: FileItem[], overflow: string | undefined): boolean {
  if (value === null) return true;
  if (opts.schema !== 'none') {
    let errs = objectKindErrors(value);
    if (errs.length === 0 && opts.schema === 'strict' && isJsonMap(value) && getOwn(value, 'kind') === 'List') {
      const gv = gvkOf(value);
      if (gv.group === '' && gv.version === 'v1') {
        const list = getOwn(value, 'items');
        errs = Array.isArray(list) ? list.flatMap(objectKindErrors) : ['invalid object to validate'];
      }
    }
    if (errs.length) {
      items.push({ error: new KubectlError(`error validating ${goQuote(source)}: error validating data: ${aggregateText(errs)}; ${STOP_VALIDATE}`), stops: true });
      return false;
    }
  }
  const decodeError = (message: string) => items.push({ error: new KubectlError(`unable to decode ${goQuote(source)}: ${message}`) });
  // UnstructuredJSONScheme: a detector struct first, then a list or a map.
  if (!isJsonMap(value)) {
    decodeError(`json: cannot unmarshal ${jsonWhat(value)} into Go value of type unstructured.detector`);
    return true;
  }
  if (overflow !== undefined) {
    decodeError(`json: cannot unmarshal number ${overflow} into Go value of type float64`);
    return true;
  }
  const isList = hasOwn(value, 'items');
  let listItems: JsonMap[] = [];
  if (isList) {
    const list = getOwn(value, 'items');
    if (list !== null && !Array.isArray(list)) {
      decodeError(`json: cannot unmarshal ${jsonWhat(list)} into Go struct field decodeList.items of type []json.RawMessage`);
      return true;
    }
    const bad = (list ?? []).find((it: unknown) => it !== null && !isJsonMap(it));
    if (bad !== undefined) {
      decodeError(`json: cannot unmarshal ${jsonWhat(bad)} into Go value of type map[string]interface {}`);
      return true;
    }
    listItems = (list ?? []).map((it: unknown) => (isJsonMap(it) ? it : {}));
  }
  const gvk = gvkOf(value);
  if (gvk.kind === '') {
    decodeError(`Object 'Kind' is missing in '${raw()}'`);
    return true;
  }
  const meta = decodeJsonValue(value, METADATA_ONLY);
  if (meta.error !== undefined) {
    decodeError(meta.error);
    return true;
  }
  const mapping = restMapping(gvk.group, gvk.version, gvk.kind);
  if ('noMatch' in mapping) {
    const m = getOwn(value, 'metadata');
    const name = isJsonMap(m) ? str(getOwn(m, 'name')) : '';
    const namespace = isJsonMap(m) ? str(getOwn(m, 'namespace')) : '';
    items.push({ error: new KubectlError(`resource mapping not found for name: ${goQuote(name)} namespace: ${goQuote(namespace)} from ${goQuote(source)}: ${mapping.noMatch}\nensure CRDs are installed first`) });
    return true;
  }
  if (!isList) {
    items.push({ object: fileObject(value, source, mapping) });
    return true;
  }
  flatten(value, listItems, source, items);
  return true;
}

/**
 * A list's items, as FlattenListVisitor gives them: an item without kind and
 * apiVersion takes them from the list (`ServiceList` → `Service`); an item
 * that is itself a list is opened after the others; items that cannot be
 * typed or mapped are reported together, after the rest were visited.
 */
function flatten(list: JsonMap, decoded: JsonMap[], source: string, items: FileItem[]): void {
  const listKind = str(getOwn(list, 'kind'));
  const listApiVersion = str(getOwn(list, 'apiVersion'));
  const itemKind = listKind.endsWith('List') ? listKind.slice(0, -4) : listKind;
  for (const it of decoded) {
    if (str(getOwn(it, 'kind')) === '' && str(getOwn(it, 'apiVersion')) === '') {
      it['kind'] = itemKind;
      it['apiVersion'] = listApiVersion;
    }
  }
  const queue: JsonMap[] = [...decoded];
  const leaves: JsonMap[] = [];
  for (let i = 0; i < queue.length; i++) {
    const it = queue[i] as JsonMap;
    const inner = getOwn(it, 'items');
    if (!Array.isArray(inner)) {
      leaves.push(it);
      continue;
    }
    const bad = inner.find((x: unknown) => !isJsonMap(x));
    if (bad !== undefined) {
      items.push({ error: new KubectlError('items member is not an object: map[string]interface {}') });
      return;
    }
    queue.push(...(inner as JsonMap[]));
  }
  const errs: unknown[] = [];
  const typeInfo = 'unable to get type info from the object "*unstructured.Unstructured": ';
  for (const it of leaves) {
    const gv = gvkOf(it);
    const kind = gv.kind;
    if (kind === '') errs.push(new KubectlError(`${typeInfo}Object 'Kind' is missing in 'object has no kind field '`));
    else if (gv.version === '') errs.push(new KubectlError(`${typeInfo}Object 'apiVersion' is missing in 'object has no apiVersion field'`));
    else {
      const mapping = restMapping(gv.group, gv.version, kind);
      if ('noMatch' in mapping) errs.push(new KubectlError(`unable to recognize ${mapping.noMatch}`));
      else items.push({ object: fileObject(it, source, mapping) });
    }
  }
  if (errs.length) items.push({ error: new ErrorList(errs) });
}
