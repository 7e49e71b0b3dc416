import { describe, it, expect } from 'vitest';
import type { KEvent, Pod, StatefulSet } from '../../engine/api/types';
import { parseTimestamp } from '../../engine/clock/clock';
import { describeStatefulSet, podStatusCounts } from './statefulset';

function event(name: string, type: 'Normal' | 'Warning', reason: string, message: string, first: string, last: string, count: number, component: string): KEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'monitoring' },
    involvedObject: { kind: 'StatefulSet', namespace: 'monitoring', name: 'prometheus', uid: 'u1', apiVersion: 'apps/v1' },
    reason,
    message,
    type,
    count,
    firstTimestamp: first,
    lastTimestamp: last,
    source: { component },
  };
}

const prometheus: StatefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'prometheus', namespace: 'monitoring', uid: 'u1', creationTimestamp: '2025-07-13T17:40:24Z', labels: { app: 'prometheus', environment: 'dev' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'prometheus' } },
    serviceName: 'prometheus',
    template: {
      metadata: { labels: { app: 'prometheus', environment: 'dev' } },
      spec: {
        serviceAccountName: 'prometheus',
        containers: [
          {
            name: 'prometheus',
            image: 'prom/prometheus:v2.45.0',
            args: [
              '--config.file=/etc/prometheus/prometheus.yml',
              '--storage.tsdb.path=/prometheus/',
              '--storage.tsdb.retention.time=7d',
              '--web.console.libraries=/etc/prometheus/console_libraries',
              '--web.console.templates=/etc/prometheus/consoles',
              '--web.enable-lifecycle',
              '--web.enable-admin-api',
            ],
            ports: [{ containerPort: 9090 }],
            resources: { limits: { cpu: '100m', memory: '400Mi' }, requests: { cpu: '50m', memory: '200Mi' } },
            livenessProbe: { httpGet: { path: '/-/healthy', port: 9090 }, initialDelaySeconds: 30, timeoutSeconds: 30 },
            readinessProbe: { httpGet: { path: '/-/ready', port: 9090 }, initialDelaySeconds: 30, timeoutSeconds: 30 },
            volumeMounts: [
              { name: 'prometheus-storage', mountPath: '/prometheus' },
              { name: 'prometheus-config', mountPath: '/etc/prometheus' },
            ],
          },
        ],
        volumes: [{ name: 'prometheus-config', configMap: { name: 'prometheus-config' } }],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'prometheus-storage', labels: { app: 'prometheus' } },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
      },
    ],
  },
  status: { replicas: 0 },
};

describe('describeStatefulSet', () => {
  // Layout from a real `describe statefulset` capture (kubectl ~1.31/1.32),
  // with the creation time shown in UTC instead of the capture's -0500.
  it('matches a real capture, events included', () => {
    const now = parseTimestamp('2025-07-13T17:54:24Z');
    const events = [
      event('e1', 'Normal', 'SuccessfulCreate', 'create Claim prometheus-storage-prometheus-0 Pod prometheus-0 in StatefulSet prometheus success', '2025-07-13T17:40:24Z', '2025-07-13T17:40:24Z', 1, 'statefulset-controller'),
      event('e2', 'Warning', 'FailedCreate', 'create Pod prometheus-0 in StatefulSet prometheus failed error: forbidden', '2025-07-13T17:40:24Z', '2025-07-13T17:52:48Z', 19, 'statefulset-controller'),
    ];
    const out = describeStatefulSet(prometheus, [], events, now);
    expect(out).toBe(
      [
        'Name:               prometheus',
        'Namespace:          monitoring',
        'CreationTimestamp:  Sun, 13 Jul 2025 17:40:24 +0000',
        'Selector:           app=prometheus',
        'Labels:             app=prometheus',
        '                    environment=dev',
        'Annotations:        <none>',
        'Replicas:           1 desired | 0 total',
        'Update Strategy:    RollingUpdate',
        '  Partition:        0',
        'Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:           app=prometheus',
        '                    environment=dev',
        '  Service Account:  prometheus',
        '  Containers:',
        '   prometheus:',
        '    Image:      prom/prometheus:v2.45.0',
        '    Port:       9090/TCP',
        '    Host Port:  0/TCP',
        '    Args:',
        '      --config.file=/etc/prometheus/prometheus.yml',
        '      --storage.tsdb.path=/prometheus/',
        '      --storage.tsdb.retention.time=7d',
        '      --web.console.libraries=/etc/prometheus/console_libraries',
        '      --web.console.templates=/etc/prometheus/consoles',
        '      --web.enable-lifecycle',
        '      --web.enable-admin-api',
        '    Limits:',
        '      cpu:     100m',
        '      memory:  400Mi',
        '    Requests:',
        '      cpu:        50m',
        '      memory:     200Mi',
        '    Liveness:     http-get http://:9090/-/healthy delay=30s timeout=30s period=10s #success=1 #failure=3',
        '    Readiness:    http-get http://:9090/-/ready delay=30s timeout=30s period=10s #success=1 #failure=3',
        '    Environment:  <none>',
        '    Mounts:',
        '      /etc/prometheus from prometheus-config (rw)',
        '      /prometheus from prometheus-storage (rw)',
        '  Volumes:',
        '   prometheus-config:',
        '    Type:          ConfigMap (a volume populated by a ConfigMap)',
        '    Name:          prometheus-config',
        '    Optional:      false',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Volume Claims:',
        '  Name:          prometheus-storage',
        '  StorageClass:  ',
        '  Labels:        app=prometheus',
        '  Annotations:   <none>',
        '  Capacity:      5Gi',
        '  Access Modes:  [ReadWriteOnce]',
        'Events:',
        '  Type     Reason            Age                 From                    Message',
        '  ----     ------            ----                ----                    -------',
        '  Normal   SuccessfulCreate  14m                 statefulset-controller  create Claim prometheus-storage-prometheus-0 Pod prometheus-0 in StatefulSet prometheus success',
        '  Warning  FailedCreate      96s (x19 over 14m)  statefulset-controller  create Pod prometheus-0 in StatefulSet prometheus failed error: forbidden',
        '',
      ].join('\n'),
    );
  });

  // Shape of a second real capture: no volumes, no claims, no events — the
  // trailing "<none>" lines share one column with the mounts above them.
  it('aligns the trailing <none> lines with the template block', () => {
    const set: StatefulSet = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'registry', namespace: 'project', uid: 'u2', creationTimestamp: '2025-01-01T09:00:00Z', labels: { app: 'registry' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'registry' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        template: {
          metadata: { labels: { app: 'registry' } },
          spec: {
            containers: [
              {
                name: 'registry',
                image: '192.168.60.128:5000/registry:1.0.0',
                ports: [{ containerPort: 8022, protocol: 'TCP' }],
                env: [
                  { name: 'MY_POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
                  { name: 'EUREKA_INSTANCE_HOSTNAME', value: '${MY_POD_NAME}.eureka-headless' },
                ],
              },
            ],
          },
        },
      },
      status: { replicas: 3 },
    };
    const pods: Pod[] = [0, 1, 2].map((i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `registry-${i}`,
        namespace: 'project',
        labels: { app: 'registry' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'registry', uid: 'u2', controller: true }],
      },
      spec: { containers: [] },
      status: { phase: 'Running' },
    }));
    const out = describeStatefulSet(set, pods, [], parseTimestamp('2025-01-01T10:00:00Z'));
    expect(out).toBe(
      [
        'Name:               registry',
        'Namespace:          project',
        'CreationTimestamp:  Wed, 01 Jan 2025 09:00:00 +0000',
        'Selector:           app=registry',
        'Labels:             app=registry',
        'Annotations:        <none>',
        'Replicas:           3 desired | 3 total',
        'Update Strategy:    RollingUpdate',
        '  Partition:        0',
        'Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=registry',
        '  Containers:',
        '   registry:',
        '    Image:      192.168.60.128:5000/registry:1.0.0',
        '    Port:       8022/TCP',
        '    Host Port:  0/TCP',
        '    Environment:',
        '      MY_POD_NAME:                (v1:metadata.name)',
        '      EUREKA_INSTANCE_HOSTNAME:  ${MY_POD_NAME}.eureka-headless',
        '    Mounts:                      <none>',
        '  Volumes:                       <none>',
        '  Node-Selectors:                <none>',
        '  Tolerations:                   <none>',
        'Volume Claims:                   <none>',
        'Events:                          <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints no Partition line for OnDelete and omits Events when not shown', () => {
    const set: StatefulSet = { ...prometheus, spec: { ...prometheus.spec, updateStrategy: { type: 'OnDelete' } } };
    const out = describeStatefulSet(set, [], undefined, parseTimestamp('2025-07-13T17:54:24Z'));
    expect(out).toContain('Update Strategy:    OnDelete\nPods Status:');
    expect(out).not.toContain('Partition');
    expect(out).not.toContain('Events:');
  });

  it('shows a non-zero partition and defaults a missing strategy to RollingUpdate/0', () => {
    const staged: StatefulSet = { ...prometheus, spec: { ...prometheus.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } } };
    expect(describeStatefulSet(staged, [], [], 0 as never)).toContain('Update Strategy:    RollingUpdate\n  Partition:        2\n');
    const bare: StatefulSet = { ...prometheus, spec: { ...prometheus.spec, updateStrategy: undefined } };
    expect(describeStatefulSet(bare, [], [], 0 as never)).toContain('Update Strategy:    RollingUpdate\n  Partition:        0\n');
  });

  it('counts only pods the selector matches and the set controls, by phase', () => {
    const mk = (name: string, phase: 'Running' | 'Pending' | 'Failed' | 'Succeeded', uid = 'u1', labels = { app: 'prometheus' }): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'monitoring', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'prometheus', uid, controller: true }] },
      spec: { containers: [] },
      status: { phase },
    });
    const pods = [mk('a', 'Running'), mk('b', 'Pending'), mk('c', 'Failed'), mk('d', 'Succeeded'), mk('e', 'Running', 'other'), mk('f', 'Running', 'u1', { app: 'x' })];
    expect(podStatusCounts(prometheus, pods)).toEqual({ running: 1, waiting: 1, succeeded: 1, failed: 1 });
  });
});
