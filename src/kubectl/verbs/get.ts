/**
 * `kubectl get`: tables, -o wide|yaml|json|name|jsonpath|custom-columns,
 * -l, -L, --show-labels, -A, and -w watches on the virtual clock.
 * Behaviour of staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (v1.32).
 */
import { getOwn } from '../../lib/own';
import { notFound } from '../../engine/api/errors';
import { qualifiedResource, qualifiedSingular, type KindInfo } from '../../engine/api/kinds';
import { parseSelector } from '../../engine/api/labels';
import type { KEvent, KObject } from '../../engine/api/types';
import type { WatchEvent } from '../../engine/apiserver/apiserver';
import type { FlagValues } from '../flags';
import { bool, checkErrText, errorsText, KubectlError, str, type Verb, type VerbContext } from '../context';
import { parseCustomColumns, renderCustomColumns } from '../printers/custom-columns';
import { evalJsonPath } from '../printers/jsonpath';
import { kubectlTabWriter, type TabWriter } from '../printers/tabwriter';
import { listWrapper, toKubectlJson, toKubectlYaml } from '../printers/yaml';
import { getObject, listObjects, parseResourceArgs, unservedError, visitFiles } from '../resources';
import { eventLastSeen, TABLES } from '../tables';
import { runBlocking } from './blocking';

export const OUTPUT_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export interface Output {
  kind: 'table' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'custom-columns';
  arg: string;
}

/** Parses `-o`; throws kubectl's error for a format it does not know. */
export function parseOutput(o: string): Output {
  if (o === '') return { kind: 'table', arg: '' };
  const eq = o.indexOf('=');
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : '';
  if (name === 'wide' || name === 'yaml' || name === 'json' || name === 'name') return { kind: name, arg };
  if (name === 'jsonpath' || name === 'custom-columns') {
    if (!arg) throw new KubectlError(name === 'jsonpath' ? 'template format specified but no template given' : 'custom-columns format specified but no custom columns given');
    return { kind: name, arg };
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${OUTPUT_FORMATS}`);
}

interface TableOpts {
  wide: boolean;
  withKind: boolean;
  allNamespaces: boolean;
  labelColumns: string[];
  showLabels: boolean;
  noHeaders: boolean;
  watchEvent?: string;
}

function headerRow(kind: KindInfo, o: TableOpts): string[] {
  const def = TABLES[kind.kind];
  const cols: string[] = [];
  if (o.watchEvent !== undefined) cols.push('EVENT');
  if (o.allNamespaces && kind.namespaced) cols.push('NAMESPACE');
  if (kind.kind === 'Event') cols.push('LAST SEEN');
  else cols.push('NAME');
  cols.push(...(def?.headers ?? ['AGE']));
  if (o.wide) cols.push(...(def?.wide ?? []));
  for (const l of o.labelColumns) cols.push((l.split('/').pop() ?? l).toUpperCase());
  if (o.showLabels) cols.push('LABELS');
  return cols;
}

function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels?.[k]}`).join(',') : '<none>';
}

function dataRow(kind: KindInfo, obj: KObject, ctx: VerbContext, o: TableOpts): string[] {
  const now = ctx.cluster.clock.now();
  const def = TABLES[kind.kind];
  const cells: string[] = [];
  if (o.watchEvent !== undefined) cells.push(o.watchEvent);
  if (o.allNamespaces && kind.namespaced) cells.push(obj.metadata.namespace ?? '');
  if (kind.kind === 'Event') cells.push(eventLastSeen(obj as KEvent, now));
  else {
    let name = o.withKind ? `${qualifiedSingular(kind)}/${obj.metadata.name}` : (obj.metadata.name as string);
    // Behaviour of printStorageClass: the default class is marked in the NAME column.
    if (kind.kind === 'StorageClass' && isDefaultClass(obj)) name += ' (default)';
    cells.push(name);
  }
  cells.push(...(def ? def.cells(obj, now, o.wide) : []));
  for (const l of o.labelColumns) cells.push(getOwn(obj.metadata.labels, l) ?? '');
  if (o.showLabels) cells.push(formatLabels(obj.metadata.labels));
  return cells;
}

const line = (cells: string[]) => cells.join('\t') + '\n';

/** `kind.group/name` as `-o name` prints it. */
export const nameOf = (kind: KindInfo, obj: KObject) => `${qualifiedSingular(kind)}/${obj.metadata.name}`;

export const getVerb: Verb = {
  name: 'get',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'sort-by', type: 'string' },
    { name: 'field-selector', type: 'string' },
  ],
  run(p, ctx) {
    const f = p.flags;
    const out = parseOutput(str(f, 'output'));
    const files = f['filename'] as string[] | undefined;
    if (files?.length) return getFromFiles(p.args, files, f, out, ctx);
    if (p.args.length === 0) {
      throw new KubectlError(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
        true,
      );
    }
    const selector = str(f, 'selector') || undefined;
    const req = parseResourceArgs(p.args, { listAll: true, selector: Boolean(selector || str(f, 'field-selector')) });
    const allNs = bool(f, 'all-namespaces');
    // Behaviour of Builder.visitByResource / visitByName: a name needs a namespace.
    if (req.names?.some((n) => n.kind.namespaced) && allNs) throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
    const watch = bool(f, 'watch') || bool(f, 'watch-only');
    if (watch && req.kinds.length > 1) throw new KubectlError('you may only specify a single resource type');

    // Gather objects per kind, in the order asked. Errors are printed after the objects, as CheckErr does.
    const errors: unknown[] = [];
    const groups: { kind: KindInfo; items: KObject[] }[] = [];
    if (req.names) {
      for (const { kind, name } of req.names) {
        let g = groups.find((x) => x.kind === kind);
        if (!g) groups.push((g = { kind, items: [] }));
        try {
          g.items.push(getObject(ctx, kind, name));
        } catch (e) {
          if (bool(f, 'ignore-not-found') && !(e instanceof KubectlError)) continue;
          errors.push(e);
        }
      }
    } else {
      for (const kind of req.kinds) groups.push({ kind, items: listObjects(ctx, kind, selector, allNs) });
    }
    const fieldSel = str(f, 'field-selector');
    if (fieldSel) {
      const match = parseFieldSelector(fieldSel);
      for (const g of groups) g.items = g.items.filter(match);
    }
    const sortBy = str(f, 'sort-by');
    if (sortBy) for (const g of groups) g.items = sortItems(g.items, sortBy);
    const all = groups.flatMap((g) => g.items.map((obj) => ({ kind: g.kind, obj })));
    const single = req.names?.length === 1 && all.length === 1;

    // One writer for the whole command: a watch's rows keep the widths the list set (RememberWidths).
    const tw = kubectlTabWriter();
    if (!bool(f, 'watch-only')) {
      if (all.length === 0 && !req.names && !(watch && out.kind === 'table')) {
        if (!['table', 'wide'].includes(out.kind) && out.kind !== 'name') {
          printStructured(ctx, out, [], false);
        } else {
          const k = req.kinds[0] as KindInfo;
          ctx.err(k.namespaced && !allNs ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
        }
      } else if (out.kind === 'table' || out.kind === 'wide') {
        // Behaviour of multipleGVKsRequested: a list per kind always counts; by name, only the objects found.
        const kinds = req.names ? new Set(all.map((x) => x.kind)).size : req.kinds.length;
        const opts = tableOpts(p.flags, out, kinds > 1 || bool(f, 'show-kind'), allNs);
        ctx.out(tablesText(groups, opts, ctx, tw));
      } else if (out.kind === 'name') {
        for (const { kind, obj } of all) ctx.out(nameOf(kind, obj) + '\n');
      } else if (!(req.names?.length === 1 && errors.length)) {
        // Behaviour of printGeneric: when one item was asked for, an error is all that is printed.
        printStructured(ctx, out, all.map((x) => x.obj), single);
      }
    }
    if (errors.length) {
      ctx.err(errorsText(errors));
      return 1;
    }
    if (watch) watchObjects(ctx, req.kinds[0] as KindInfo, req.names?.map((n) => n.name), selector, allNs, out, p.flags, all.length > 0 && !bool(f, 'watch-only'), tw);
    return 0;
  },
};

/**
 * A table per kind that has objects, in `tw`. Behaviour of get.go: each kind
 * starts a fresh set of column widths, after a blank line.
 */
function tablesText(groups: { kind: KindInfo; items: KObject[] }[], opts: TableOpts, ctx: VerbContext, tw: TabWriter): string {
  let text = '';
  for (const g of groups) {
    if (!g.items.length) continue;
    if (text) {
      text += tw.flush() + '\n';
      tw.setRememberedWidths([]);
    }
    if (!opts.noHeaders) tw.write(line(headerRow(g.kind, opts)));
    for (const obj of g.items) tw.write(line(dataRow(g.kind, obj, ctx, opts)));
    text += tw.flush();
  }
  return text;
}

/**
 * `kubectl get -f FILE…`: the objects the files name, fetched as they are
 * read (Latest: a missing one is reported in reading order, among the files'
 * own errors); a table per kind, the kind shown when there are several; one
 * object from one file prints alone with -o yaml|json.
 * Behaviour of get.go Run over Builder.FilenameParam(...).Latest() (v1.32).
 */
function getFromFiles(args: string[], files: string[], f: FlagValues, out: Output, ctx: VerbContext): number {
  if (args.length) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const groups: { kind: KindInfo; items: KObject[] }[] = [];
  const err = visitFiles(ctx, files, { latest: true }, (o) => {
    if (!o.kind) throw unservedError();
    if (o.name === '') throw new KubectlError('resource name may not be empty');
    const live = ctx.cluster.api.get(o.kind.kind, o.kind.namespaced ? o.namespace : undefined, o.name);
    if (!live) {
      if (bool(f, 'ignore-not-found')) return;
      throw notFound(qualifiedResource(o.kind), o.name);
    }
    let g = groups.find((x) => x.kind === o.kind);
    if (!g) groups.push((g = { kind: o.kind, items: [] }));
    g.items.push(live);
  });
  const all = groups.flatMap((g) => g.items.map((obj) => ({ kind: g.kind, obj })));
  if (out.kind === 'table' || out.kind === 'wide') {
    const opts = tableOpts(f, out, groups.length > 1 || bool(f, 'show-kind'), false);
    ctx.out(tablesText(groups, opts, ctx, kubectlTabWriter()));
  } else if (files.length > 1 || err === undefined) {
    // Behaviour of printGeneric: one file implies one item, and then an error is all that is printed.
    if (out.kind === 'name') for (const { kind, obj } of all) ctx.out(nameOf(kind, obj) + '\n');
    else printStructured(ctx, out, all.map((x) => x.obj), files.length === 1 && all.length === 1);
  }
  if (err === undefined) return 0;
  ctx.err(checkErrText(err));
  return 1;
}

function tableOpts(f: Record<string, unknown>, out: Output, withKind: boolean, allNamespaces: boolean): TableOpts {
  return {
    wide: out.kind === 'wide',
    withKind,
    allNamespaces,
    labelColumns: ((f['label-columns'] as string[] | undefined) ?? []).filter(Boolean),
    showLabels: f['show-labels'] === true,
    noHeaders: f['no-headers'] === true,
  };
}

/** Prints objects as yaml/json/jsonpath/custom-columns: one object alone, several as a List. */
export function printStructured(ctx: VerbContext, out: Output, objs: KObject[], single: boolean): void {
  const data: unknown = single ? objs[0] : listWrapper(objs);
  switch (out.kind) {
    case 'yaml':
      ctx.out(toKubectlYaml(data));
      return;
    case 'json':
      ctx.out(toKubectlJson(data));
      return;
    case 'jsonpath':
      ctx.out(evalJsonPath(out.arg, data));
      return;
    case 'custom-columns':
      ctx.out(renderCustomColumns(parseCustomColumns(out.arg), objs, false));
      return;
    default:
      return;
  }
}

function sortItems(items: KObject[], path: string): KObject[] {
  const expr = path.startsWith('{') ? path : `{${path}}`;
  const key = (o: KObject) => {
    try {
      return evalJsonPath(expr, o);
    } catch {
      return '';
    }
  };
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const na = Number(ka);
    const nb = Number(kb);
    if (ka !== '' && kb !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Prints a row for every change to matching objects until the command's time runs out. */
function watchObjects(
  ctx: VerbContext,
  kind: KindInfo,
  names: string[] | undefined,
  selector: string | undefined,
  allNs: boolean,
  out: Output,
  flags: Record<string, unknown>,
  headerPrinted: boolean,
  tw: TabWriter,
): void {
  const match = selector ? parseSelector(selector) : undefined;
  const opts = tableOpts(flags, out, false, allNs);
  let printedHeader = headerPrinted || opts.noHeaders;
  const withEvents = flags['output-watch-events'] === true;
  // A printer error (a bad template) ends the watch and is the command's error, as in get.go's watch loop.
  let failure: { error: unknown } | undefined;
  const onEvent = (ev: WatchEvent) => {
    if (failure) return;
    try {
      printEvent(ev);
    } catch (e) {
      failure = { error: e };
    }
  };
  const printEvent = (ev: WatchEvent) => {
    const o = ev.object;
    if (o.kind !== kind.kind) return;
    if (kind.namespaced && !allNs && o.metadata.namespace !== ctx.namespace) return;
    if (names && !names.includes(o.metadata.name as string)) return;
    if (match && !match(o.metadata.labels ?? {}) && !(ev.old && match(ev.old.metadata.labels ?? {}))) return;
    if (out.kind === 'name') {
      ctx.out(nameOf(kind, o) + '\n');
      return;
    }
    if (out.kind !== 'table' && out.kind !== 'wide') {
      printStructured(ctx, out, [o], true);
      return;
    }
    const rowOpts = withEvents ? { ...opts, watchEvent: ev.type } : opts;
    if (!printedHeader) {
      tw.write(line(headerRow(kind, rowOpts)));
      printedHeader = true;
    }
    tw.write(line(dataRow(kind, o, ctx, rowOpts)));
    ctx.out(tw.flush());
  };
  const stop = ctx.cluster.api.watch(onEvent);
  try {
    runBlocking(ctx, () => failure !== undefined);
  } finally {
    stop();
  }
  if (failure) throw failure.error;
}

/** `--field-selector a.b=x,c!=y`: dotted paths compared as strings. Behaviour of fields.ParseSelector. */
export function parseFieldSelector(text: string): (o: KObject) => boolean {
  const reqs = text.split(',').filter(Boolean).map((part) => {
    const m = /^([A-Za-z0-9_.-]+)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
    if (!m) throw new KubectlError(`invalid selector: '${text}'; can't understand '${part}'`);
    return { path: (m[1] as string).split('.'), neq: m[2] === '!=', value: m[3] as string };
  });
  return (o) =>
    reqs.every((r) => {
      let cur: unknown = o;
      for (const k of r.path) cur = cur && typeof cur === 'object' ? getOwn(cur as Record<string, unknown>, k) : undefined;
      const v = cur === undefined || cur === null ? '' : String(cur);
      return r.neq ? v !== r.value : v === r.value;
    });
}

function isDefaultClass(o: KObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}
