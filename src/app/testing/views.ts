/** Builders of view objects for the page's unit tests: a ready two-replica set and its pods, changed by overrides. */
import type { PodView, SetView } from '../../protocol/protocol';

export function setView(name: string, over: Partial<SetView> = {}, status: Partial<SetView['status']> = {}): SetView {
  return {
    kind: 'StatefulSet',
    name,
    replicas: 2,
    partition: 0,
    strategy: 'RollingUpdate',
    podManagementPolicy: 'OrderedReady',
    ordinalsStart: 0,
    serviceName: 'nginx',
    minReadySeconds: 0,
    containers: [{ name: 'nginx', image: 'nginx:1.27' }],
    templates: ['www'],
    retention: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    generation: 1,
    status: { observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 2, currentRevision: `${name}-aaa`, updateRevision: `${name}-aaa`, ...status },
    deleting: false,
    ...over,
  };
}

export function podView(owner: string | null, ordinal: number, over: Partial<PodView> = {}): PodView {
  const name = `${owner ?? 'solo'}-${ordinal}`;
  return { kind: 'Pod', name, owner, ordinal: owner ? ordinal : null, status: 'Running', ready: '1/1', restarts: '0', stage: 'Ready', failing: false, revision: `${owner}-aaa`, image: 'nginx:1.27', node: 'node-1', ip: '10.0.0.1', claims: [`www-${name}`], message: null, deleting: false, uid: `uid-${name}`, ...over };
}
