import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../../lib/clone';
import { Rng } from '../../../lib/rng';
import type { Endpoints, KObject, Pod, PodCondition, Service } from '../../api/types';
import { ApiServer } from '../../apiserver/apiserver';
import { VirtualClock } from '../../clock/clock';
import { EndpointsController } from './endpoints-controller';

function bed() {
  const clock = new VirtualClock();
  const api = new ApiServer(clock, new Rng(1), { featureGates: { MaxUnavailableStatefulSet: false } });
  api.freeze = true;
  new EndpointsController(api, clock).start();
  const create = <T extends KObject>(o: T): T => api.as('kubectl', () => api.create(o));
  const ep = (name: string) => api.get<Endpoints>('Endpoints', 'default', name);
  /** Plays the kubelet: gives a pod an IP and a Ready condition. */
  const setStatus = (name: string, ip: string, ready: boolean) => {
    const p = deepCopy(api.get<Pod>('Pod', 'default', name) as Pod);
    const cond: PodCondition = { type: 'Ready', status: ready ? 'True' : 'False' };
    p.status = { ...p.status, phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [cond] };
    api.as('kubelet', () => api.updateStatus(p));
  };
  return { api, clock, create, ep, setStatus };
}

function pod(name: string, labels: Record<string, string>, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: 'node-1', hostname: name, subdomain: 'nginx', containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 8080, name: 'web' }] }], ...extra },
  };
}

const headless: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default', labels: { team: 'a' } }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] } };

describe('EndpointsController', () => {
  it('lists ready pods as addresses and the others as notReadyAddresses, with hostnames and resolved ports', () => {
    const t = bed();
    t.create(headless);
    t.clock.runDue();
    expect(t.ep('nginx')?.subsets).toBeUndefined();
    expect(t.ep('nginx')?.metadata.labels).toEqual({ team: 'a', 'service.kubernetes.io/headless': '' });
    const a = t.create(pod('web-0', { app: 'web' }));
    const b = t.create(pod('web-1', { app: 'web' }));
    t.create(pod('other', { app: 'db' }));
    t.create(pod('no-ip', { app: 'web' }));
    t.setStatus('web-0', '10.244.1.3', true);
    t.setStatus('web-1', '10.244.1.2', false);
    t.setStatus('other', '10.244.1.4', true);
    t.clock.runDue();
    expect(t.ep('nginx')?.subsets).toEqual([
      {
        addresses: [{ ip: '10.244.1.3', hostname: 'web-0', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: a.metadata.uid } }],
        notReadyAddresses: [{ ip: '10.244.1.2', hostname: 'web-1', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: b.metadata.uid } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    t.setStatus('web-1', '10.244.1.2', true);
    t.clock.runDue();
    expect(t.ep('nginx')?.subsets?.[0]?.addresses?.map((x) => x.ip)).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(t.clock.nextAt()).toBeUndefined();
  });

  it('drops terminating pods, and deletes the Endpoints with the Service', () => {
    const t = bed();
    t.create(headless);
    t.create(pod('web-0', { app: 'web' }, { terminationGracePeriodSeconds: 30 }));
    t.setStatus('web-0', '10.244.1.2', true);
    t.clock.runDue();
    expect(t.ep('nginx')?.subsets).toHaveLength(1);
    t.api.as('kubectl', () => t.api.delete('Pod', 'default', 'web-0'));
    t.clock.runDue();
    expect(t.ep('nginx')?.subsets).toBeUndefined();
    t.api.as('kubectl', () => t.api.delete('Service', 'default', 'nginx'));
    t.clock.runDue();
    expect(t.ep('nginx')).toBeUndefined();
  });

  it('publishes not-ready pods when asked, leaves selector-less services alone, and omits hostnames for other services', () => {
    const t = bed();
    t.create({ ...headless, metadata: { name: 'peers', namespace: 'default' }, spec: { ...headless.spec, publishNotReadyAddresses: true, ports: [{ port: 9000 }] } });
    t.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual', namespace: 'default' }, spec: { clusterIP: '10.96.5.5', ports: [{ port: 80 }] } } as Service);
    t.create(pod('web-0', { app: 'web' }));
    t.setStatus('web-0', '10.244.1.2', false);
    t.clock.runDue();
    expect(t.ep('peers')?.subsets).toEqual([{ addresses: [{ ip: '10.244.1.2', nodeName: 'node-1', targetRef: expect.objectContaining({ name: 'web-0' }) }], ports: [{ port: 9000, protocol: 'TCP' }] }]);
    expect(t.ep('manual')).toBeUndefined();
  });
});
