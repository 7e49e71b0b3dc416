import { describe, it, expect } from 'vitest';
import { describePodTemplate } from './pod-template';

describe('describePodTemplate', () => {
  // `rollout history --revision` output keeps raw tabs: upstream's
  // printTemplate writes through a PrefixWriter over a plain buffer (see the
  // many captures like "  Labels:\tapp=nginx\n\tpod-template-hash=…").
  it('prints the template with raw tabs, as rollout history --revision does', () => {
    const out = describePodTemplate({
      metadata: { labels: { app: 'nginx', tier: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'registry.k8s.io/nginx-slim:0.24',
            ports: [{ containerPort: 80, name: 'web' }],
            volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
          },
        ],
      },
    });
    expect(out).toBe(
      [
        'Pod Template:',
        '  Labels:\tapp=nginx',
        '\ttier=web',
        '  Containers:',
        '   nginx:',
        '    Image:\tregistry.k8s.io/nginx-slim:0.24',
        '    Port:\t80/TCP',
        '    Host Port:\t0/TCP',
        '    Environment:\t<none>',
        '    Mounts:',
        '      /usr/share/nginx/html from www (rw)',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
      ].join('\n'),
    );
  });

  it('includes annotations, init containers, volumes, priority class and node selectors when set', () => {
    const out = describePodTemplate({
      metadata: { labels: { app: 'db' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T09:00:00Z' } },
      spec: {
        serviceAccountName: 'db',
        priorityClassName: 'high',
        nodeSelector: { disk: 'ssd' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }],
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] }],
        containers: [{ name: 'db', image: 'postgres:16', env: [{ name: 'A', value: '1' }] }],
        volumes: [
          { name: 'scratch', emptyDir: {} },
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        ],
      },
    });
    expect(out).toBe(
      [
        'Pod Template:',
        '  Labels:\tapp=db',
        '  Annotations:\tkubectl.kubernetes.io/restartedAt: 2025-01-01T09:00:00Z',
        '  Service Account:\tdb',
        '  Init Containers:',
        '   init:',
        '    Image:\tbusybox',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Command:',
        '      sh',
        '      -c',
        '      true',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Containers:',
        '   db:',
        '    Image:\tpostgres:16',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Environment:',
        '      A:\t1',
        '    Mounts:\t<none>',
        '  Volumes:',
        '   scratch:',
        '    Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)',
        '    Medium:\t',
        '    SizeLimit:\t<unset>',
        '   data:',
        '    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:\tdata',
        '    ReadOnly:\tfalse',
        '  Priority Class Name:\thigh',
        '  Node-Selectors:\tdisk=ssd',
        '  Tolerations:\tdedicated=db:NoSchedule',
        '',
      ].join('\n'),
    );
  });
});
