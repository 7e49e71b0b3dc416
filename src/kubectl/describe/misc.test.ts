import { describe, it, expect } from 'vitest';
import type { ControllerRevision, Endpoints, KEvent, Node, Pod, Service } from '../../engine/api/types';
import { parseTimestamp } from '../../engine/clock/clock';
import { describeGeneric, describeNamespace, smartLabelFor } from './generic';
import { describeNode } from './node';
import { describeService, formatEndpoints } from './service';

function svcEvent(reason: string, at: string, message: string): KEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: reason, namespace: 'default' },
    involvedObject: { kind: 'Service', namespace: 'default', name: 'pingpong-svc', uid: 's1', apiVersion: 'v1' },
    reason,
    message,
    type: 'Normal',
    count: 1,
    firstTimestamp: at,
    lastTimestamp: at,
    source: { component: 'service-controller' },
  };
}

describe('describeService', () => {
  // Layout from a real `describe svc` capture of a LoadBalancer service.
  it('matches a real capture of a LoadBalancer service', () => {
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'pingpong-svc', namespace: 'default', uid: 's1', annotations: { 'cloud.google.com/neg': '{"ingress":true}' } },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'pingpong' },
        clusterIP: '34.118.238.123',
        clusterIPs: ['34.118.238.123'],
        ports: [{ port: 80, targetPort: 3002, nodePort: 32038, protocol: 'TCP' }],
      },
      status: { loadBalancer: { ingress: [{ ip: '34.88.57.178', ipMode: 'VIP' }] } },
    };
    const ep: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'pingpong-svc', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.32.1.9' }], ports: [{ port: 3002, protocol: 'TCP' }] }],
    };
    const events = [svcEvent('EnsuringLoadBalancer', '2025-12-11T12:44:22Z', 'Ensuring load balancer'), svcEvent('EnsuredLoadBalancer', '2025-12-11T12:45:00Z', 'Ensured load balancer')];
    expect(describeService(svc, ep, events, parseTimestamp('2025-12-11T12:47:38Z'))).toBe(
      [
        'Name:                     pingpong-svc',
        'Namespace:                default',
        'Labels:                   <none>',
        'Annotations:              cloud.google.com/neg: {"ingress":true}',
        'Selector:                 app=pingpong',
        'Type:                     LoadBalancer',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       34.118.238.123',
        'IPs:                      34.118.238.123',
        'LoadBalancer Ingress:     34.88.57.178 (VIP)',
        'Port:                     <unset>  80/TCP',
        'TargetPort:               3002/TCP',
        'NodePort:                 <unset>  32038/TCP',
        'Endpoints:                10.32.1.9:3002',
        'Session Affinity:         None',
        'External Traffic Policy:  Cluster',
        'Internal Traffic Policy:  Cluster',
        'Events:',
        '  Type    Reason                Age    From                Message',
        '  ----    ------                ----   ----                -------',
        '  Normal  EnsuringLoadBalancer  3m16s  service-controller  Ensuring load balancer',
        '  Normal  EnsuredLoadBalancer   2m38s  service-controller  Ensured load balancer',
        '',
      ].join('\n'),
    );
  });

  it('prints a headless governing service with its endpoints', () => {
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
      spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] },
    };
    const ep: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'nginx', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.1.6' }], notReadyAddresses: [{ ip: '10.244.1.7' }], ports: [{ name: 'web', port: 80 }] }],
    };
    expect(describeService(svc, ep, [], 0 as never)).toBe(
      [
        'Name:                     nginx',
        'Namespace:                default',
        'Labels:                   app=nginx',
        'Annotations:              <none>',
        'Selector:                 app=nginx',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       None',
        'IPs:                      None',
        'Port:                     web  80/TCP',
        'TargetPort:               80/TCP',
        'Endpoints:                10.244.1.5:80,10.244.1.6:80',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });

  it('shows at most three endpoints and counts the rest', () => {
    const ep: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'x', namespace: 'default' },
      subsets: [{ addresses: ['1', '2', '3', '4', '5'].map((i) => ({ ip: `10.0.0.${i}` })), ports: [{ name: 'web', port: 80 }] }],
    };
    expect(formatEndpoints(ep, new Set(['web']))).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...');
    expect(formatEndpoints(ep, new Set(['other']))).toBe('');
    expect(formatEndpoints(undefined, new Set(['web']))).toBe('<none>');
  });
});

describe('describeNode', () => {
  it('prints a simulated node with one pod', () => {
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', uid: 'n1', creationTimestamp: '2025-01-01T09:00:00Z', labels: { 'kubernetes.io/hostname': 'node-1', 'node-role.kubernetes.io/control-plane': '' } },
      spec: { podCIDR: '10.244.1.0/24' },
      status: {
        addresses: [
          { type: 'InternalIP', address: '192.168.49.2' },
          { type: 'Hostname', address: 'node-1' },
        ],
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: '2025-01-01T09:00:00Z' }],
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        nodeInfo: { kubeletVersion: 'v1.32.4', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '6.8.0-1015', architecture: 'amd64', operatingSystem: 'linux' },
      },
    };
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0', namespace: 'default', creationTimestamp: '2025-01-01T09:01:00Z' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } } }] },
      status: { phase: 'Running' },
    };
    const out = describeNode(node, [pod], { holderIdentity: 'node-1', renewTime: '2025-01-01T09:10:00Z' }, [], parseTimestamp('2025-01-01T09:10:05Z'));
    expect(out).toBe(
      [
        'Name:               node-1',
        'Roles:              control-plane',
        'Labels:             kubernetes.io/hostname=node-1',
        '                    node-role.kubernetes.io/control-plane=',
        'Annotations:        <none>',
        'CreationTimestamp:  Wed, 01 Jan 2025 09:00:00 +0000',
        'Taints:             <none>',
        'Unschedulable:      false',
        'Lease:',
        '  HolderIdentity:  node-1',
        '  AcquireTime:     <unset>',
        '  RenewTime:       Wed, 01 Jan 2025 09:10:00 +0000',
        'Conditions:',
        '  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message',
        '  ----    ------  -----------------                 ------------------                ------         -------',
        '  Ready   True    Mon, 01 Jan 0001 00:00:00 +0000   Wed, 01 Jan 2025 09:00:00 +0000   KubeletReady   kubelet is posting ready status',
        'Addresses:',
        '  InternalIP:  192.168.49.2',
        '  Hostname:    node-1',
        'Capacity:',
        '  cpu:     4',
        '  memory:  8Gi',
        '  pods:    110',
        'Allocatable:',
        '  cpu:     4',
        '  memory:  8Gi',
        '  pods:    110',
        'System Info:',
        '  Machine ID:                 ',
        '  System UUID:                ',
        '  Boot ID:                    ',
        '  Kernel Version:             6.8.0-1015',
        '  OS Image:                   Ubuntu 22.04.5 LTS',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://1.7.24',
        '  Kubelet Version:            v1.32.4',
        '  Kube-Proxy Version:         ',
        'PodCIDR:                      10.244.1.0/24',
        'Non-terminated Pods:          (1 in total)',
        '  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----     ------------  ----------  ---------------  -------------  ---',
        '  default                     web-0    250m (6%)     0 (0%)      64Mi (0%)        128Mi (1%)     9m5s',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests   Limits',
        '  --------           --------   ------',
        '  cpu                250m (6%)  0 (0%)',
        '  memory             64Mi (0%)  128Mi (1%)',
        '  ephemeral-storage  0 (0%)     0 (0%)',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('describeGeneric', () => {
  it('prints a ControllerRevision field by field', () => {
    const cr: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: 'web-7d4f8b9c6',
        namespace: 'default',
        uid: 'r1',
        resourceVersion: '1234',
        creationTimestamp: '2025-01-01T09:00:00Z',
        labels: { app: 'nginx', 'controller.kubernetes.io/hash': '7d4f8b9c6' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 's1', controller: true, blockOwnerDeletion: true }],
      },
      data: {
        spec: {
          template: {
            $patch: 'replace',
            metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
            spec: { containers: [{ image: 'nginx:1.25', name: 'nginx', ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }] }], terminationGracePeriodSeconds: 30 },
          },
        },
      },
      revision: 1,
    };
    expect(describeGeneric(cr, [], 0 as never)).toBe(
      [
        'Name:         web-7d4f8b9c6',
        'Namespace:    default',
        'Labels:       app=nginx',
        '              controller.kubernetes.io/hash=7d4f8b9c6',
        'Annotations:  <none>',
        'API Version:  apps/v1',
        'Data:',
        '  Spec:',
        '    Template:',
        '      $patch:  replace',
        '      Metadata:',
        '        Creation Timestamp:  <nil>',
        '        Labels:',
        '          App:  nginx',
        '      Spec:',
        '        Containers:',
        '          Image:  nginx:1.25',
        '          Name:   nginx',
        '          Ports:',
        '            Container Port:                80',
        '            Name:                          web',
        '            Protocol:                      TCP',
        '        Termination Grace Period Seconds:  30',
        'Kind:                                      ControllerRevision',
        'Metadata:',
        '  Creation Timestamp:  2025-01-01T09:00:00Z',
        '  Owner References:',
        '    API Version:           apps/v1',
        '    Block Owner Deletion:  true',
        '    Controller:            true',
        '    Kind:                  StatefulSet',
        '    Name:                  web',
        '    UID:                   s1',
        '  Resource Version:        1234',
        '  UID:                     r1',
        'Revision:                  1',
        'Events:                    <none>',
        '',
      ].join('\n'),
    );
  });

  it('builds smart labels like smartLabelFor', () => {
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('podIPs')).toBe('Pod I Ps');
    expect(smartLabelFor('containerID')).toBe('Container ID');
    expect(smartLabelFor('$patch')).toBe('$patch');
    expect(smartLabelFor('app.kubernetes.io/name')).toBe('app.kubernetes.io/name');
  });

  it('prints a namespace', () => {
    expect(describeNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }, status: { phase: 'Active' } })).toBe(
      ['Name:         default', 'Labels:       kubernetes.io/metadata.name=default', 'Annotations:  <none>', 'Status:       Active', '', 'No resource quota.', '', 'No LimitRange resource.', ''].join('\n'),
    );
  });
});
