/**
 * `kubectl describe` for the simulated cluster: picks the describer for an
 * object's kind and feeds it what it would look up through the API.
 */
import type { ApiServer } from '../../engine/apiserver/apiserver';
import type { ControllerRevision, Endpoints, KEvent, KObject, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service, StatefulSet, StorageClass } from '../../engine/api/types';
import { timestamp, type SimTime } from '../../engine/clock/clock';
import { describeGeneric, describeNamespace } from './generic';
import { describeNode, type NodeLease } from './node';
import { describePod } from './pod';
import { describeService, describeEndpoints } from './service';
import { describeStatefulSet } from './statefulset';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, podsUsingClaim } from './storage';

/**
 * What the describers look up besides the object itself. Every lookup is
 * what kubectl would ask the API server for; the describers do the same
 * filtering kubectl does (label selector + controller uid for a set's pod
 * counts, claim references for a PVC's "Used By", …).
 */
export interface DescribeRelated {
  /**
   * Events whose involvedObject is `obj` (kubectl's searchEvents field
   * selector: name, namespace, uid, and kind except for pods).
   */
  events(obj: KObject): readonly KEvent[];
  /** Pods of a namespace, or of every namespace when `namespace` is undefined, in etcd order. */
  pods(namespace?: string): readonly Pod[];
  /** The Endpoints object of a Service. */
  endpoints(namespace: string, name: string): Endpoints | undefined;
  /** A node's kube-node-lease Lease; undefined when there is none. */
  nodeLease?(nodeName: string): NodeLease | undefined;
  /** --show-events; true when omitted. */
  showEvents?: boolean;
}

function eventsOf(related: DescribeRelated, obj: KObject): readonly KEvent[] | undefined {
  return related.showEvents === false ? undefined : related.events(obj);
}

/**
 * One object's description, ending in a newline. kubectl separates the
 * descriptions of several objects with "\n\n" (so two blank lines appear);
 * objects found by name prefix are each followed by an extra "\n" instead.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go DescriberFor / GenericDescriberFor (v1.32)
export function describeObject(obj: KObject, related: DescribeRelated, now: SimTime): string {
  switch (obj.kind) {
    case 'Pod':
      return describePod(obj as Pod, eventsOf(related, obj), now);
    case 'StatefulSet':
      return describeStatefulSet(obj as StatefulSet, related.pods(obj.metadata.namespace), eventsOf(related, obj), now);
    case 'PersistentVolumeClaim': {
      const pvc = obj as PersistentVolumeClaim;
      return describePersistentVolumeClaim(pvc, podsUsingClaim(pvc, related.pods(obj.metadata.namespace)), eventsOf(related, obj), now);
    }
    case 'PersistentVolume':
      return describePersistentVolume(obj as PersistentVolume, eventsOf(related, obj), now);
    case 'StorageClass':
      return describeStorageClass(obj as StorageClass, eventsOf(related, obj), now);
    case 'Service':
      return describeService(obj as Service, related.endpoints(obj.metadata.namespace ?? '', obj.metadata.name ?? ''), eventsOf(related, obj), now);
    case 'Endpoints':
      return describeEndpoints(obj as Endpoints, eventsOf(related, obj), now);
    case 'Node': {
      const node = obj as Node;
      const name = node.metadata.name ?? '';
      const pods = related.pods(undefined).filter((p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      return describeNode(node, pods, related.nodeLease?.(name), eventsOf(related, obj), now);
    }
    case 'Namespace':
      return describeNamespace(obj);
    case 'ControllerRevision':
      return describeGeneric(obj as ControllerRevision, eventsOf(related, obj), now);
    default:
      return describeGeneric(obj, eventsOf(related, obj), now);
  }
}

/** searchEvents' field selector. Pods are matched without kind; nodes by uid or by name (kubelet events use the name). */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go searchEvents (v1.32)
export function eventMatches(e: KEvent, obj: KObject): boolean {
  const io = e.involvedObject;
  if (!io || io.name !== obj.metadata.name) return false;
  if ((io.namespace ?? '') !== (obj.metadata.namespace ?? '')) return false;
  if (obj.kind !== 'Pod' && io.kind !== obj.kind) return false;
  const uid = obj.metadata.uid ?? '';
  if (uid === '') return true;
  if (obj.kind === 'Node') return io.uid === uid || io.uid === obj.metadata.name;
  return io.uid === uid;
}

/** The lookups above, answered from the simulated API server. */
export function relatedFromApi(api: ApiServer): DescribeRelated {
  return {
    events: (obj) => {
      // kubectl lists events in the object's namespace (every namespace for a cluster-scoped one) with the
      // field selector involvedObject.name/namespace/kind/uid; the server answers it from its index.
      const ns = obj.metadata.namespace ?? '';
      const about = api.listEventsAbout(ns, obj.metadata.name ?? '');
      const own = about.filter((e) => (ns === '' || e.metadata.namespace === ns) && eventMatches(e, obj));
      if (obj.kind !== 'Node') return own;
      // kubectl queries by node uid, then by node name, and concatenates
      const byUid = own.filter((e) => e.involvedObject.uid === obj.metadata.uid);
      const byName = own.filter((e) => e.involvedObject.uid !== obj.metadata.uid);
      return [...byUid, ...byName];
    },
    pods: (namespace) => api.list<Pod>('Pod', namespace),
    endpoints: (namespace, name) => api.get<Endpoints>('Endpoints', namespace, name),
    nodeLease: (nodeName) => {
      // SIM: there are no Lease objects; a healthy kubelet holds its lease and
      // renews it every 10s, so show that.
      const node = api.get<Node>('Node', undefined, nodeName);
      if (!node) return undefined;
      const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
      if (ready && ready.status !== 'True') return { holderIdentity: nodeName };
      const now = api.clock.now();
      return { holderIdentity: nodeName, renewTime: timestamp(Math.floor(now / 10_000) * 10_000) };
    },
  };
}
