import { describe, it, expect } from 'vitest';
import type { KEvent, Pod } from '../../engine/api/types';
import { parseTimestamp } from '../../engine/clock/clock';
import { describePod } from './pod';

function podEvent(reason: string, message: string, at: string, component: string): KEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `postgres-ss-0.${reason}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'postgres-ss-0', uid: 'p1', apiVersion: 'v1' },
    reason,
    message,
    type: 'Normal',
    count: 1,
    firstTimestamp: at,
    lastTimestamp: at,
    source: { component },
  };
}

const postgres: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'postgres-ss-0',
    namespace: 'default',
    uid: 'p1',
    labels: {
      app: 'postgres',
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': 'postgres-ss-7b9f66bc47',
      'statefulset.kubernetes.io/pod-name': 'postgres-ss-0',
    },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'postgres-ss', uid: 's1', controller: true, blockOwnerDeletion: true }],
  },
  spec: {
    nodeName: 'gke-dwk-cluster-default-pool-9e58cdfd-2qz0',
    containers: [
      {
        name: 'postgres',
        image: 'postgres',
        ports: [{ containerPort: 5432, name: 'web' }],
        env: [{ name: 'POSTGRES_PASSWORD', valueFrom: { configMapKeyRef: { name: 'postgres-cfgmp', key: 'POSTGRES_PASSWORD' } } }],
        volumeMounts: [
          { name: 'data', mountPath: '/var/lib/postgresql' },
          { name: 'config', mountPath: '/docker-entrypoint-initdb.d/', readOnly: true },
          { name: 'kube-api-access-zgbzr', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ],
      },
    ],
    volumes: [
      { name: 'config', configMap: { name: 'postgres-cfgmp' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'pvc-postgres' } },
      {
        name: 'kube-api-access-zgbzr',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '10.166.0.13',
    podIP: '10.32.2.8',
    podIPs: [{ ip: '10.32.2.8' }],
    startTime: '2025-12-11T12:43:58Z',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'postgres',
        image: 'docker.io/library/postgres:latest',
        imageID: 'docker.io/library/postgres@sha256:38d5c9d522037d8bf0864c9068e4df2f8a60127c6489ab06f98fdeda535560f9',
        containerID: 'containerd://f761156c93bb7aa0acbceeb385882fd99c0dd49fd45c6586fead229ffd551c6d',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: '2025-12-11T12:44:22Z' } },
        lastState: {},
      },
    ],
  },
};

describe('describePod', () => {
  // Layout from a real `describe pod` capture of a StatefulSet pod. Times are
  // shown in UTC (the capture used +0100), and the port lines lack the
  // " (web)" port-name suffix that only later kubectl releases print.
  it('matches a real capture of a StatefulSet pod', () => {
    const now = parseTimestamp('2025-12-11T12:47:38Z');
    const events = [
      podEvent('Scheduled', 'Successfully assigned default/postgres-ss-0 to gke-dwk-cluster-default-pool-9e58cdfd-2qz0', '2025-12-11T12:43:58Z', 'default-scheduler'),
      podEvent('SuccessfulAttachVolume', 'AttachVolume.Attach succeeded for volume "pvc-e7d64fa7-9fa1-46f3-bfab-d88e72b3274f"', '2025-12-11T12:44:05Z', 'attachdetach-controller'),
      podEvent('Pulling', 'Pulling image "postgres"', '2025-12-11T12:44:08Z', 'kubelet'),
      podEvent('Pulled', 'Successfully pulled image "postgres" in 13.644s (13.656s including waiting). Image size: 162228059 bytes.', '2025-12-11T12:44:21Z', 'kubelet'),
      podEvent('Created', 'Created container: postgres', '2025-12-11T12:44:22Z', 'kubelet'),
      podEvent('Started', 'Started container postgres', '2025-12-11T12:44:22Z', 'kubelet'),
    ];
    expect(describePod(postgres, events, now)).toBe(
      [
        'Name:             postgres-ss-0',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             gke-dwk-cluster-default-pool-9e58cdfd-2qz0/10.166.0.13',
        'Start Time:       Thu, 11 Dec 2025 12:43:58 +0000',
        'Labels:           app=postgres',
        '                  apps.kubernetes.io/pod-index=0',
        '                  controller-revision-hash=postgres-ss-7b9f66bc47',
        '                  statefulset.kubernetes.io/pod-name=postgres-ss-0',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.32.2.8',
        'IPs:',
        '  IP:           10.32.2.8',
        'Controlled By:  StatefulSet/postgres-ss',
        'Containers:',
        '  postgres:',
        '    Container ID:   containerd://f761156c93bb7aa0acbceeb385882fd99c0dd49fd45c6586fead229ffd551c6d',
        '    Image:          postgres',
        '    Image ID:       docker.io/library/postgres@sha256:38d5c9d522037d8bf0864c9068e4df2f8a60127c6489ab06f98fdeda535560f9',
        '    Port:           5432/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Thu, 11 Dec 2025 12:44:22 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:',
        "      POSTGRES_PASSWORD:  <set to the key 'POSTGRES_PASSWORD' of config map 'postgres-cfgmp'>  Optional: false",
        '    Mounts:',
        '      /docker-entrypoint-initdb.d/ from config (ro)',
        '      /var/lib/postgresql from data (rw)',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-zgbzr (ro)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:',
        '  config:',
        '    Type:      ConfigMap (a volume populated by a ConfigMap)',
        '    Name:      postgres-cfgmp',
        '    Optional:  false',
        '  data:',
        '    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:  pvc-postgres',
        '    ReadOnly:   false',
        '  kube-api-access-zgbzr:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    Optional:                false',
        '    DownwardAPI:             true',
        'QoS Class:                   BestEffort',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type    Reason                  Age    From                     Message',
        '  ----    ------                  ----   ----                     -------',
        '  Normal  Scheduled               3m40s  default-scheduler        Successfully assigned default/postgres-ss-0 to gke-dwk-cluster-default-pool-9e58cdfd-2qz0',
        '  Normal  SuccessfulAttachVolume  3m33s  attachdetach-controller  AttachVolume.Attach succeeded for volume "pvc-e7d64fa7-9fa1-46f3-bfab-d88e72b3274f"',
        '  Normal  Pulling                 3m30s  kubelet                  Pulling image "postgres"',
        '  Normal  Pulled                  3m17s  kubelet                  Successfully pulled image "postgres" in 13.644s (13.656s including waiting). Image size: 162228059 bytes.',
        '  Normal  Created                 3m16s  kubelet                  Created container: postgres',
        '  Normal  Started                 3m16s  kubelet                  Started container postgres',
        '',
      ].join('\n'),
    );
  });

  // describe_test.go TestDescribePodVolumes (a pod that never went through admission)
  it('matches upstream TestDescribePodVolumes', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bar', namespace: 'foo' },
      spec: { containers: [], volumes: [{ name: 'image', image: { reference: 'image', pullPolicy: 'IfNotPresent' } }] },
    };
    expect(describePod(pod, [], 0 as never, { admissionDefaults: false })).toBe(
      [
        'Name:         bar',
        'Namespace:    foo',
        'Node:         <none>',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Status:       ',
        'IP:           ',
        'IPs:          <none>',
        'Containers: <none>',
        'Volumes:',
        '  image:',
        '    Type:        Image (a container image or OCI artifact)',
        '    Reference:   image',
        '    PullPolicy:  IfNotPresent',
        'QoS Class:       BestEffort',
        'Node-Selectors:  <none>',
        'Tolerations:     <none>',
        'Events:          <none>',
        '',
      ].join('\n'),
    );
  });

  // describe_test.go TestDescribePodTolerations
  it('formats tolerations like upstream TestDescribePodTolerations', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bar', namespace: 'foo' },
      spec: {
        containers: [],
        tolerations: [
          { operator: 'Exists' },
          { effect: 'NoSchedule', operator: 'Exists' },
          { key: 'key0', operator: 'Exists' },
          { key: 'key1', value: 'value1' },
          { key: 'key2', operator: 'Equal', value: 'value2', effect: 'NoSchedule' },
          { key: 'key3', value: 'value3', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'key4', effect: 'NoExecute', tolerationSeconds: 60 },
        ],
      },
    };
    const out = describePod(pod, undefined, 0 as never, { admissionDefaults: false });
    for (const want of ['  op=Exists\n', ':NoSchedule op=Exists\n', 'key0 op=Exists\n', 'key1=value1\n', 'key2=value2:NoSchedule\n', 'key3=value3:NoExecute for 300s\n', 'key4:NoExecute for 60s\n', 'Tolerations:']) {
      expect(out).toContain(want);
    }
    expect(out).not.toContain('Events:');
  });

  it('adds the default tolerations only when the pod does not already tolerate those taints', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] },
    };
    const out = describePod(pod, [], 0 as never);
    expect(out).toContain('node.kubernetes.io/not-ready:NoExecute op=Exists for 30s\n');
    expect(out).toContain('node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
    expect(out).not.toContain('not-ready:NoExecute op=Exists for 300s');
  });

  it('shows a terminating pod, a waiting container and its last termination, probes and env', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1',
        namespace: 'default',
        deletionTimestamp: '2025-01-01T09:00:30Z',
        deletionGracePeriodSeconds: 30,
      },
      spec: {
        nodeName: 'node-1',
        containers: [
          {
            name: 'nginx',
            image: 'registry.k8s.io/nginx-slim:0.8',
            command: ['sh', '-c', 'echo a\necho b'],
            ports: [
              { containerPort: 80, name: 'web' },
              { containerPort: 443, protocol: 'TCP' },
            ],
            readinessProbe: { httpGet: { port: 80 } },
            livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 },
            startupProbe: { tcpSocket: { port: 'web' }, failureThreshold: 30 },
            env: [
              { name: 'MULTI', value: 'one\ntwo' },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
              { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: true } } },
              { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
            ],
            volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html', subPath: 'html' }],
          },
        ],
      },
      status: {
        phase: 'Running',
        hostIP: '192.168.49.2',
        containerStatuses: [
          {
            name: 'nginx',
            image: 'registry.k8s.io/nginx-slim:0.8',
            imageID: '',
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 137, reason: 'Error', startedAt: '2025-01-01T08:59:00Z', finishedAt: '2025-01-01T08:59:50Z' } },
          },
        ],
      },
    };
    const out = describePod(pod, [], parseTimestamp('2025-01-01T09:00:00Z'));
    expect(out).toContain('Node:                      node-1/192.168.49.2\n');
    expect(out).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
    expect(out).toContain(
      [
        '    Container ID:  ',
        '    Image:         registry.k8s.io/nginx-slim:0.8',
        '    Image ID:      ',
        '    Ports:         80/TCP, 443/TCP',
        '    Host Ports:    0/TCP, 0/TCP',
        '    Command:',
        '      sh',
        '      -c',
        '      echo a',
        '      echo b',
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    137',
        '      Started:      Wed, 01 Jan 2025 08:59:00 +0000',
        '      Finished:     Wed, 01 Jan 2025 08:59:50 +0000',
        '    Ready:          False',
        '    Restart Count:  2',
        '    Liveness:       exec [cat /tmp/healthy] delay=0s timeout=1s period=5s #success=1 #failure=3',
        '    Readiness:      http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3',
        '    Startup:        tcp-socket :web delay=0s timeout=1s period=10s #success=1 #failure=30',
        '    Environment:',
        '      MULTI:  one',
        '              two',
        '      POD:    web-1 (v1:metadata.name)',
        '      NODE:   node-1 (v1:spec.nodeName)',
        "      PW:     <set to the key 'k' in secret 's'>  Optional: true",
        '      CPU:    node allocatable (limits.cpu)',
        '    Mounts:',
        '      /usr/share/nginx/html from www (rw,path="html")',
        'Volumes:         <none>',
      ].join('\n'),
    );
  });

  it('computes QoS classes like ComputePodQOS', () => {
    const withRes = (resources: Record<string, unknown>): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'q', namespace: 'default' },
      spec: { containers: [{ name: 'c', resources }] },
    });
    expect(describePod(withRes({ limits: { cpu: '1', memory: '1Gi' } }), [], 0 as never)).toContain('QoS Class:        Guaranteed\n');
    expect(describePod(withRes({ requests: { cpu: '100m' } }), [], 0 as never)).toContain('QoS Class:        Burstable\n');
  });
});
