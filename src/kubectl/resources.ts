/**
 * Turns kubectl's resource arguments (`sts web`, `sts/web pod/web-0`,
 * `pods,sts`, `-l app=x`, `-f file`) into the objects they name, with the
 * CLI's own errors. Behaviour of cli-runtime resource.Builder as kubectl uses it.
 */
import { parseSelector } from '../engine/api/labels';
import { notFound } from '../engine/api/errors';
import { maybeKindInfo, qualifiedResource, resolveResource, type KindInfo } from '../engine/api/kinds';
import type { KObject } from '../engine/api/types';
import { KubectlError, type VerbContext } from './context';
import { parseManifests } from './manifests';

export interface ResourceRequest {
  /** Kinds in the order given. */
  kinds: KindInfo[];
  /** Names per kind, or undefined for "all of that kind". */
  names: { kind: KindInfo; name: string }[] | undefined;
}

export function resolveKind(word: string): KindInfo {
  const k = resolveResource(word);
  if (!k) throw new KubectlError(`the server doesn't have a resource type "${word}"`);
  return k;
}

/** Parses positional resource arguments. */
export function parseResourceArgs(args: string[]): ResourceRequest {
  if (args.length === 0) throw new KubectlError('Required resource not specified.');
  if (args.some((a) => a.includes('/'))) {
    const names: { kind: KindInfo; name: string }[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        throw new KubectlError(
          "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        );
      }
      const kind = resolveKind(a.slice(0, slash));
      const name = a.slice(slash + 1);
      if (!name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      names.push({ kind, name });
    }
    const kinds: KindInfo[] = [];
    for (const n of names) if (!kinds.includes(n.kind)) kinds.push(n.kind);
    return { kinds, names };
  }
  const [types, ...rest] = args as [string, ...string[]];
  // The "all" category, limited to the kinds the playground serves, in kubectl's order.
  const kinds = types
    .split(',')
    .filter(Boolean)
    .flatMap((t) => (t === 'all' ? ['pods', 'services', 'statefulsets'] : [t]))
    .map(resolveKind);
  if (rest.length === 0) return { kinds, names: undefined };
  if (kinds.length > 1) throw new KubectlError("arguments in resource/name form must have a single resource and name");
  return { kinds, names: rest.map((name) => ({ kind: kinds[0] as KindInfo, name })) };
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

/** The object for a name, or throws the server's NotFound. */
export function getObject(ctx: VerbContext, kind: KindInfo, name: string): KObject {
  const o = ctx.cluster.api.get(kind.kind, kind.namespaced ? ctx.namespace : undefined, name);
  if (!o) throw notFound(qualifiedResource(kind), name);
  return o;
}

/** Objects from `-f` files, with the namespace kubectl would use for each. */
export function objectsFromFiles(ctx: VerbContext, files: string[]): { obj: KObject; source: string }[] {
  const out: { obj: KObject; source: string }[] = [];
  for (const f of files) {
    const text = ctx.files.get(f);
    if (text === undefined) throw new KubectlError(`the path "${f}" does not exist`);
    for (const obj of parseManifests(text, f)) {
      const info = maybeKindInfo(obj.kind);
      if (!info || info.apiVersion !== obj.apiVersion) {
        throw new KubectlError(
          `resource mapping not found for name: "${obj.metadata.name ?? ''}" namespace: "${obj.metadata.namespace ?? ''}" from "${f}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
        );
      }
      if (info.namespaced) {
        const ns = obj.metadata.namespace;
        if (ns && ctx.explicitNamespace && ns !== ctx.namespace) {
          throw new KubectlError(`the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`);
        }
        obj.metadata.namespace = ns ?? ctx.namespace;
      }
      out.push({ obj, source: f });
    }
  }
  return out;
}
