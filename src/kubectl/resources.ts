/**
 * Turns kubectl's resource arguments (`sts web`, `sts/web pod/web-0`,
 * `pods,sts`, `-l app=x`, `-f file`) into the objects they name, with the
 * CLI's own errors. Behaviour of cli-runtime resource.Builder as kubectl uses it.
 */
import { parseSelector } from '../engine/api/labels';
import { ApiError, notFound } from '../engine/api/errors';
import { goQuote } from '../engine/api/gofmt';
import { KINDS, qualifiedResource, type KindInfo } from '../engine/api/kinds';
import type { KObject } from '../engine/api/types';
import { isJsonMap } from '../lib/own';
import { aggregate, ErrorList, KubectlError, type VerbContext } from './context';
import { readManifestFile, type FileObject, type ReadOptions } from './manifests';

export interface ResourceRequest {
  /** Kinds in the order given. */
  kinds: KindInfo[];
  /** Names per kind, or undefined for "all of that kind". */
  names: { kind: KindInfo; name: string }[] | undefined;
}

/**
 * The kind a resource word names, or kubectl's error. Behaviour of
 * cli-runtime Builder.mappingFor over the discovery RESTMapper with
 * kubectl's shortcut expander (v1.32): `resource[.group]` and
 * `resource.version.group` (resource names, singular names and kinds
 * lower-cased; short names exact, a short name's group may be a prefix),
 * then `Kind[.group]` / `Kind.version.group` exactly.
 */
export function resolveKind(word: string): KindInfo {
  const dot = word.indexOf('.');
  const groupResource = dot >= 0 ? { resource: word.slice(0, dot), group: word.slice(dot + 1) } : { resource: word, group: '' };
  const parts = word.split('.');
  const full = parts.length >= 3 ? { resource: parts[0] as string, version: parts[1] as string, group: parts.slice(2).join('.') } : undefined;
  const found =
    (full && matchResource(full.resource, full.group, full.version)) ||
    matchResource(groupResource.resource, groupResource.group, '') ||
    (full && matchKind(full.resource, full.group, full.version)) ||
    matchKind(groupResource.resource, groupResource.group, '');
  if (!found) throw new KubectlError(`the server doesn't have a resource type "${groupResource.resource}"`);
  return found;
}

const versionOf = (k: KindInfo) => k.apiVersion.split('/').pop() as string;

/** A resource by plural, singular or short name (shortcutExpander + DefaultRESTMapper.KindFor). */
function matchResource(resource: string, group: string, version: string): KindInfo | undefined {
  const inGroup = (k: KindInfo, exact: boolean) => (group === '' || (exact ? k.group === group : k.group.startsWith(group))) && (version === '' || versionOf(k) === version);
  // An exact resource name is not expanded; a short name is, exactly, then by group prefix.
  let r = resource;
  let g = group;
  let v = version;
  if (!KINDS.some((k) => (group === '' || k.group === group) && (k.resource === r || k.singular === r))) {
    const exact = KINDS.find((k) => k.shortNames.includes(r) && (group === '' || k.group === group));
    const short = exact ?? (group ? KINDS.find((k) => k.shortNames.includes(r) && k.group.startsWith(group)) : undefined);
    if (short) {
      r = short.resource;
      g = short.group;
      // An exact expansion makes a new resource of the long form's name and group only: the version is
      // dropped (`sts.apps.` → `statefulsets.apps`); the group-prefix expansion keeps it.
      if (exact) v = '';
    }
  }
  const lower = r.toLowerCase();
  return KINDS.find((k) => (k.resource === lower || k.singular === lower) && (g === group && v === version ? inGroup(k, true) : k.group === g && (v === '' || versionOf(k) === v)));
}

/** A kind by its exact name (RESTMapper.RESTMapping on a GroupKind). */
function matchKind(kind: string, group: string, version: string): KindInfo | undefined {
  return KINDS.find((k) => k.kind === kind && k.group === group && (version === '' || versionOf(k) === version));
}

/** The "all" category, limited to the kinds the playground serves, in kubectl's order. */
const ALL_CATEGORY = 'pods,services,statefulsets.apps';

/** Unique comma-separated parts, in order. Behaviour of SplitResourceArgument. */
function splitResourceArgument(arg: string): string[] {
  return [...new Set(arg.split(','))];
}

/** `type/name`; an error for more slashes or an empty side. Behaviour of splitResourceTypeName. */
function splitTypeName(s: string): { resource: string; name: string } {
  const seg = s.split('/');
  if (seg.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
  const [resource, name] = seg as [string, string];
  if (!resource || !name || splitResourceArgument(resource).length !== 1) throw new KubectlError('arguments in resource/name form must have a single resource and name');
  return { resource, name };
}

export interface ResourceArgOptions {
  /** A label selector (or --all) was given: the verb lists the kinds, and names are refused. */
  selector?: boolean;
  /** Type-only arguments list everything (get, describe, rollout: ResourceTypeOrNameArgs(true, …)). */
  listAll?: boolean;
}

/**
 * Parses positional resource arguments as cli-runtime's Builder does
 * (ResourceTypeOrNameArgs, then visitorResult): `TYPE[,TYPE…] [NAME…]` or
 * `TYPE/NAME…`, with kubectl's errors in kubectl's order. Without `listAll`
 * or `selector`, type-only arguments still come back with `names`
 * undefined, for the verb to decide.
 */
export function parseResourceArgs(args: string[], opts: ResourceArgOptions = {}): ResourceRequest {
  if (args.length === 0) throw new KubectlError('Required resource not specified.');
  let list = [...args];
  // `a,b NAME…` means a/NAME and b/NAME (normalizeMultipleResourcesArgs).
  if (list.length >= 2) {
    const types = splitResourceArgument(list[0] as string);
    if (types.length > 1) list = types.flatMap((t) => list.slice(1).map((n) => `${t}/${n}`));
  }
  const slashed = list.filter((a) => a.includes('/')).length;
  if (slashed > 0 && slashed !== list.length) {
    throw new KubectlError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  }
  if (slashed > 0) {
    const tuples = list.map(splitTypeName);
    if (opts.selector) throw new KubectlError('selectors and the all flag cannot be used when passing resource/name arguments');
    const byWord = new Map<string, KindInfo>();
    for (const t of tuples) if (!byWord.has(t.resource)) byWord.set(t.resource, resolveKind(t.resource));
    const names = tuples.map((t) => ({ kind: byWord.get(t.resource) as KindInfo, name: t.name }));
    return { kinds: [...new Set(names.map((n) => n.kind))], names };
  }
  const [first, ...names] = list as [string, ...string[]];
  const types = splitResourceArgument(first.split(',').map((t) => (t === 'all' ? ALL_CATEGORY : t)).join(','));
  const selecting = opts.selector || (names.length === 0 && opts.listAll);
  if (selecting) {
    if (names.length) throw new KubectlError('name cannot be provided when a selector is specified');
    return { kinds: uniqueKinds(types.map(resolveKind)), names: undefined };
  }
  if (names.length) {
    if (types.length > 1) throw new KubectlError('you must specify only one resource');
    const kind = resolveKind(types[0] as string);
    return { kinds: [kind], names: names.map((name) => ({ kind, name })) };
  }
  const kinds = uniqueKinds(types.map(resolveKind));
  if (opts.listAll === false) throw new KubectlError('resource(s) were provided, but no name was specified');
  return { kinds, names: undefined };
}

function uniqueKinds(kinds: KindInfo[]): KindInfo[] {
  return [...new Set(kinds)];
}

/** Lists objects of a kind in the namespace (or all namespaces), filtered by a `-l` selector. */
export function listObjects(ctx: VerbContext, kind: KindInfo, selector: string | undefined, allNamespaces = false): KObject[] {
  let items = ctx.cluster.api.list(kind.kind, kind.namespaced && !allNamespaces ? ctx.namespace : undefined);
  if (selector) {
    const m = parseSelector(selector);
    items = items.filter((o) => m(o.metadata.labels ?? {}));
  }
  return items;
}

/** The object for a name, or throws the server's NotFound (client-go refuses an empty name before asking). */
export function getObject(ctx: VerbContext, kind: KindInfo, name: string): KObject {
  if (name === '') throw new KubectlError('resource name may not be empty');
  const o = ctx.cluster.api.get(kind.kind, kind.namespaced ? ctx.namespace : undefined, name);
  if (!o) throw notFound(qualifiedResource(kind), name);
  return o;
}

export interface VisitOptions {
  /** Client-side validation of each document (apply and create; see ReadOptions). */
  schema?: ReadOptions['schema'];
  /**
   * `fn` fetches the live object as the builder's Latest() does, inside the
   * file visitors: what it throws is reported in the files' own list, in
   * reading order (get).
   */
  latest?: boolean;
}

/**
 * Visits the objects of `-f` files as cli-runtime's Builder does for kubectl
 * (Unstructured, ContinueOnError, DefaultNamespace, Flatten; v1.32): a missing
 * file is an error before anything is read; then each file's objects in
 * order, with the namespace kubectl gives them, are passed to `fn`. What `fn`
 * throws, and a namespace that contradicts an explicit `-n`, are collected as
 * they happen; the files' own errors (documents that do not decode or map,
 * and the error a file stops at) are collected apart and come last, as one
 * aggregate. Returns what ContinueOnErrorVisitor returns: undefined, one
 * error, or an ErrorList.
 */
export function visitFiles(ctx: VerbContext, files: string[], opts: VisitOptions, fn: (o: FileObject) => void): unknown {
  const texts = files.map((f) => {
    const text = ctx.files.get(f);
    if (text === undefined) throw new KubectlError(`the path "${f}" does not exist`);
    return [f, text] as const;
  });
  chargeFileRead(ctx, texts);
  const fileErrors: unknown[] = [];
  const errors: unknown[] = [];
  for (const [f, text] of texts) {
    for (const item of readManifestFile(text, f, { schema: opts.schema ?? 'none' })) {
      if ('error' in item) {
        fileErrors.push(item.error);
        continue;
      }
      try {
        setNamespace(ctx, item.object);
      } catch (e) {
        errors.push(e);
        continue;
      }
      try {
        fn(item.object);
      } catch (e) {
        (opts.latest ? fileErrors : errors).push(e);
      }
    }
  }
  const fileError = aggregate(fileErrors);
  if (fileError) errors.push(fileError);
  return errors.length === 0 ? undefined : errors.length === 1 ? errors[0] : new ErrorList(errors);
}

/**
 * SIM: how many characters of `-f` files kubectl reads in one session (one
 * cluster). Reading costs about 2 µs a character (YAML, decoding, the API
 * server), and a scenario may repeat `kubectl apply -f` up to 2,000 times:
 * without a budget a 500 KB link could keep the page busy for many minutes.
 * 1 MiB is hundreds of applies of any real manifest, and about two seconds of work.
 */
export const MAX_FILE_READ_BYTES = 1024 * 1024;
const fileReads = new WeakMap<object, number>();

function chargeFileRead(ctx: VerbContext, texts: readonly (readonly [string, string])[]): void {
  let total = fileReads.get(ctx.cluster) ?? 0;
  for (const [f, text] of texts) {
    total += text.length;
    if (total > MAX_FILE_READ_BYTES) {
      throw new KubectlError(`the playground reads at most ${MAX_FILE_READ_BYTES} bytes of -f files in one session; reading "${f}" would make ${total}`);
    }
  }
  fileReads.set(ctx.cluster, total);
}

/**
 * The namespace decorators of Builder.Do: a namespaced object without one
 * gets kubectl's namespace; with an explicit `-n` another one is an error; a
 * cluster-scoped object loses its namespace. The object's metadata is only
 * written when it is a map (unstructured SetNamespace ignores the rest).
 * Behaviour of cli-runtime resource.SetNamespace, RequireNamespace, FilterNamespace.
 */
function setNamespace(ctx: VerbContext, o: FileObject): void {
  const meta = (o.obj as unknown as Record<string, unknown>)['metadata'];
  const writable = isJsonMap(meta) ? meta : undefined;
  if (!o.resource.namespaced) {
    o.namespace = '';
    if (writable) delete writable['namespace'];
    return;
  }
  if (o.namespace === '') {
    o.namespace = ctx.namespace;
    if (writable) writable['namespace'] = ctx.namespace;
  }
  if (ctx.explicitNamespace && o.namespace !== ctx.namespace) {
    throw new KubectlError(`the namespace from the provided object ${goQuote(o.namespace)} does not match the namespace ${goQuote(ctx.namespace)}. You must pass '--namespace=${o.namespace}' to perform this operation.`);
  }
}

/** The error every request about an object kubectl mapped to an unserved URL gets (the API server's 404). */
export function unservedError(): ApiError {
  return new ApiError('NotFound', 'the server could not find the requested resource', {});
}
