import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../lib/clone';
import { fieldErrorMessage, invalid } from './errors';
import { decodeObject, DEFAULT_FEATURE_GATES, defaultObject, validateCreate, validateUpdate, type StrategyContext } from './strategy';
import type { KObject } from './types';

const ctx: StrategyContext = { featureGates: DEFAULT_FEATURE_GATES };
const gateOn: StrategyContext = { featureGates: { MaxUnavailableStatefulSet: true } };

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const STS_FORBIDDEN =
  "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

// ------------------------------------------------------------------ builders

function sts(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'nginx' } },
      serviceName: 'nginx',
      replicas: 3,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.8', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

function pod(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default' },
    spec: {
      containers: [{ name: 'nginx', image: 'nginx:1.25', volumeMounts: [{ name: 'www', mountPath: '/data' }] }],
      volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }],
    },
  };
}

function svc(): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] } };
}

function pvc(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'www-web-0', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' },
  };
}

function pv(): Obj {
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } } };
}

function sc(): Obj {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path' };
}

/** Defaults then validates a create; returns the messages as kubectl lists them. */
function create(o: Obj, c: StrategyContext = ctx): string[] {
  const obj = deepCopy(o) as KObject;
  defaultObject(obj, c);
  return validateCreate(obj, c).map(fieldErrorMessage);
}

function stored(o: Obj, c: StrategyContext = ctx): Obj {
  const obj = deepCopy(o) as KObject;
  defaultObject(obj, c);
  expect(validateCreate(obj, c).map(fieldErrorMessage)).toEqual([]);
  return obj;
}

/** Stores `o`, applies `change` to a copy, defaults and validates the update. */
function update(o: Obj, change: (x: Obj) => void, c: StrategyContext = ctx): string[] {
  const old = stored(o, c) as KObject;
  const next = deepCopy(old) as Obj;
  change(next);
  defaultObject(next as KObject, c, old);
  return validateUpdate(next as KObject, old, c).map(fieldErrorMessage);
}

// ====================================================================== defaults

describe('StatefulSet defaults (apps/v1 SetDefaults_StatefulSet, v1.32)', () => {
  it('fills the set, its pod template and its claim templates as `kubectl get sts -o yaml` shows them', () => {
    const s = stored(sts());
    expect(s['spec']).toEqual({
      selector: { matchLabels: { app: 'nginx' } },
      serviceName: 'nginx',
      replicas: 3,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'registry.k8s.io/nginx-slim:0.8',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ containerPort: 80, name: 'web', protocol: 'TCP' }],
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
    });
    expect(s['status']).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it('defaults replicas to 1 but keeps an explicit 0', () => {
    const a = sts();
    delete a['spec'].replicas;
    expect(stored(a)['spec'].replicas).toBe(1);
    const b = sts();
    b['spec'].replicas = 0;
    expect(stored(b)['spec'].replicas).toBe(0);
  });

  it.each<[string, unknown, StrategyContext, unknown]>([
    ['no strategy → RollingUpdate with partition 0', undefined, ctx, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }],
    ['empty type → RollingUpdate with partition 0', {}, ctx, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }],
    ['explicit RollingUpdate without a block stays without one', { type: 'RollingUpdate' }, ctx, { type: 'RollingUpdate' }],
    ['a block without partition gets partition 0', { type: 'RollingUpdate', rollingUpdate: {} }, ctx, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }],
    ['a partition is kept', { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, ctx, { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }],
    ['OnDelete stays as it is', { type: 'OnDelete' }, ctx, { type: 'OnDelete' }],
    ['gate off: maxUnavailable is dropped on create', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } }, ctx, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }],
    ['gate on: maxUnavailable defaults to 1', undefined, gateOn, { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } }],
    ['gate on: maxUnavailable is kept', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } }, gateOn, { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: '50%' } }],
    ['gate on: no block → still no block', { type: 'RollingUpdate' }, gateOn, { type: 'RollingUpdate' }],
  ])('%s', (_name, strategy, c, want) => {
    const s = sts();
    if (strategy !== undefined) s['spec'].updateStrategy = strategy;
    expect(stored(s, c)['spec'].updateStrategy).toEqual(want);
  });

  it('gate off: on update maxUnavailable is dropped unless the stored object already had it', () => {
    const withMu = sts();
    withMu['spec'].updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } };
    const oldWith = stored(withMu, gateOn) as KObject; // stored while the gate was on
    const next1 = deepCopy(oldWith) as Obj;
    next1['spec'].updateStrategy.rollingUpdate.maxUnavailable = 3;
    defaultObject(next1 as KObject, ctx, oldWith);
    expect(next1['spec'].updateStrategy.rollingUpdate).toEqual({ partition: 0, maxUnavailable: 3 });

    const oldWithout = stored(sts()) as KObject;
    const next2 = deepCopy(oldWithout) as Obj;
    next2['spec'].updateStrategy.rollingUpdate.maxUnavailable = 3;
    defaultObject(next2 as KObject, ctx, oldWithout);
    expect(next2['spec'].updateStrategy.rollingUpdate).toEqual({ partition: 0 });
  });

  it('fills the missing half of the retention policy', () => {
    const s = sts();
    s['spec'].persistentVolumeClaimRetentionPolicy = { whenScaled: 'Delete' };
    expect(stored(s)['spec'].persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
  });

  it('stores claim template sizes as the API server does', () => {
    const s = sts();
    s['spec'].volumeClaimTemplates[0].spec.resources.requests.storage = '1024Mi';
    expect(stored(s)['spec'].volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
  });

  it('does not add pod-only defaults to the template', () => {
    const t = stored(sts())['spec'].template.spec;
    expect(t.enableServiceLinks).toBeUndefined();
  });
});

describe('Pod defaults (core/v1 SetDefaults_Pod/PodSpec/Container, v1.32)', () => {
  it('fills the spec and the initial status', () => {
    const p = stored(pod());
    expect(p['spec']).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.25',
          imagePullPolicy: 'IfNotPresent',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ name: 'www', mountPath: '/data' }],
        },
      ],
      volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    expect(p['status']).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry.k8s.io/nginx-slim:0.8', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v1', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
    ['nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'Always'],
    ['Nginx', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ])('image %j → imagePullPolicy %s', (image, policy) => {
    const p = pod();
    p['spec'].containers[0].image = image;
    const obj = deepCopy(p) as KObject;
    defaultObject(obj, ctx);
    expect((obj as Obj)['spec'].containers[0].imagePullPolicy).toBe(policy);
  });

  it('keeps an explicit pull policy', () => {
    const p = pod();
    p['spec'].containers[0].imagePullPolicy = 'Never';
    expect(stored(p)['spec'].containers[0].imagePullPolicy).toBe('Never');
  });

  it('defaults probes, ports, env field refs and volume sources', () => {
    const p = pod();
    Object.assign(p['spec'].containers[0], {
      ports: [{ containerPort: 80 }],
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      readinessProbe: { httpGet: { port: 80 } },
      livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
    });
    p['spec'].volumes.push({ name: 'cfg', configMap: { name: 'c' } }, { name: 'tmp' }, { name: 'host', hostPath: { path: '/x' } });
    const s = stored(p)['spec'];
    const c = s.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.env[0].valueFrom.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'metadata.name' });
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 });
    expect(s.volumes.slice(1)).toEqual([
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'tmp', emptyDir: {} },
      { name: 'host', hostPath: { path: '/x', type: '' } },
    ]);
  });

  it.each<[string, Obj | undefined, string]>([
    ['no resources', undefined, 'BestEffort'],
    ['requests only', { requests: { cpu: '100m' } }, 'Burstable'],
    ['limits = requests for cpu and memory', { limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    ['limits ≠ requests', { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } }, 'Burstable'],
    ['only a memory limit', { limits: { memory: '1Gi' } }, 'Burstable'],
  ])('QoS class: %s → %s (requests default to limits)', (_name, resources, qos) => {
    const p = pod();
    if (resources) p['spec'].containers[0].resources = resources;
    const s = stored(p);
    expect(s['status'].qosClass).toBe(qos);
    if (resources?.['limits'] && !resources['requests']) expect(s['spec'].containers[0].resources.requests).toEqual(resources['limits']);
  });
});

describe('Service, storage and cluster object defaults', () => {
  it('Service (SetDefaults_Service + registry ip families)', () => {
    const s = stored({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(s['spec']).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    expect(s['status']).toEqual({ loadBalancer: {} });
  });

  it('headless Service keeps clusterIP None and mirrors it in clusterIPs', () => {
    const s = stored(svc());
    expect(s['spec'].clusterIPs).toEqual(['None']);
    expect(s['spec'].ipFamilyPolicy).toBe('SingleStack');
  });

  it('NodePort and LoadBalancer get their traffic policies', () => {
    const n = svc();
    n['spec'] = { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 80, targetPort: 'web' }] };
    const s = stored(n)['spec'];
    expect(s.externalTrafficPolicy).toBe('Cluster');
    expect(s.allocateLoadBalancerNodePorts).toBe(true);
    expect(s.ports[0].targetPort).toBe('web');
  });

  it('an update without clusterIP keeps the allocated one', () => {
    const old = stored({ ...svc(), spec: { clusterIP: '10.96.0.10', selector: { app: 'x' }, ports: [{ port: 80 }] } }) as KObject;
    const next = deepCopy(old) as Obj;
    delete next['spec'].clusterIP;
    delete next['spec'].clusterIPs;
    defaultObject(next as KObject, ctx, old);
    expect(next['spec'].clusterIP).toBe('10.96.0.10');
    expect(next['spec'].clusterIPs).toEqual(['10.96.0.10']);
    expect(validateUpdate(next as KObject, old, ctx)).toEqual([]);
  });

  it('PVC, PV and StorageClass', () => {
    const c = stored(pvc());
    expect(c['spec'].volumeMode).toBe('Filesystem');
    expect(c['status']).toEqual({ phase: 'Pending' });
    const v = stored(pv());
    expect(v['spec'].persistentVolumeReclaimPolicy).toBe('Retain');
    expect(v['spec'].volumeMode).toBe('Filesystem');
    expect(v['spec'].hostPath).toEqual({ path: '/mnt/data', type: '' });
    expect(v['status']).toEqual({ phase: 'Pending' });
    const s = stored(sc());
    expect(s['reclaimPolicy']).toBe('Delete');
    expect(s['volumeBindingMode']).toBe('Immediate');
    expect(s['allowVolumeExpansion']).toBeUndefined();
  });

  it('Namespace and Node', () => {
    const ns = stored({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(ns['metadata'].labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns['spec']).toEqual({ finalizers: ['kubernetes'] });
    expect(ns['status']).toEqual({ phase: 'Active' });
    const node = stored({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { capacity: { cpu: '4', memory: '8Gi' } } });
    expect(node['status'].allocatable).toEqual({ cpu: '4', memory: '8Gi' });
  });
});

// ====================================================================== validation

type Case = [name: string, build: () => Obj, mutate: (o: Obj) => void, want: string[]];

const stsCreateCases: Case[] = [
  ['a valid StatefulSet', sts, () => {}, []],
  ['name must be a DNS-1123 label', sts, (o) => (o['metadata'].name = 'Web'), [`metadata.name: Invalid value: "Web": ${LABEL_MSG}`]],
  ['a name with dots', sts, (o) => (o['metadata'].name = 'web.v1'), [`metadata.name: Invalid value: "web.v1": ${LABEL_MSG}`]],
  ['a 64-character name', sts, (o) => (o['metadata'].name = 'a'.repeat(64)), [`metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`]],
  ['negative replicas', sts, (o) => (o['spec'].replicas = -1), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
  ['negative minReadySeconds', sts, (o) => (o['spec'].minReadySeconds = -1), ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0']],
  ['negative ordinals.start', sts, (o) => (o['spec'].ordinals = { start: -1 }), ['spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0']],
  ['negative revisionHistoryLimit is accepted in v1.32', sts, (o) => (o['spec'].revisionHistoryLimit = -1), []],
  [
    'negative partition',
    sts,
    (o) => (o['spec'].updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }),
    ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
  ],
  [
    'missing selector: required, and the template labels do not match',
    sts,
    (o) => delete o['spec'].selector,
    ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`'],
  ],
  [
    'empty selector',
    sts,
    (o) => (o['spec'].selector = {}),
    ['spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for statefulset'],
  ],
  [
    'selector does not match the template labels',
    sts,
    (o) => (o['spec'].template.metadata.labels = { app: 'web', tier: 'x' }),
    ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"x"}: `selector` does not match template `labels`'],
  ],
  [
    'template without labels',
    sts,
    (o) => delete o['spec'].template.metadata,
    ['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`'],
  ],
  [
    'matchExpressions selector matching the template',
    sts,
    (o) => (o['spec'].selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['nginx', 'x'] }] }),
    [],
  ],
  [
    'an invalid selector operator',
    sts,
    (o) => (o['spec'].selector = { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['nginx'] }] }),
    [
      'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
      'spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:app,Operator:Equals,Values:[nginx],},},}',
    ],
  ],
  [
    'In without values',
    sts,
    (o) => (o['spec'].selector = { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'In' }] }),
    [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: nginx,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[],},},}',
    ],
  ],
  [
    'a bad label key in the selector and template',
    sts,
    (o) => {
      o['spec'].selector = { matchLabels: { 'bad key': 'x' } };
      o['spec'].template.metadata.labels = { 'bad key': 'x' };
    },
    [
      `spec.selector.matchLabels: Invalid value: "bad key": ${QNAME_MSG}`,
      'spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{bad key: x,},MatchExpressions:[]LabelSelectorRequirement{},}',
    ],
  ],
  [
    'bad template label value (reported at spec.template.labels)',
    sts,
    (o) => (o['spec'].template.metadata.labels = { app: 'nginx', v: '-x' }),
    [`spec.template.labels: Invalid value: "-x": ${VALUE_MSG}`],
  ],
  ['restartPolicy Never', sts, (o) => (o['spec'].template.spec.restartPolicy = 'Never'), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
  [
    'activeDeadlineSeconds',
    sts,
    (o) => (o['spec'].template.spec.activeDeadlineSeconds = 10),
    ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported'],
  ],
  [
    'retention policy values',
    sts,
    (o) => (o['spec'].persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep', whenScaled: 'Foo' }),
    [
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      'spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Foo": supported values: "Retain", "Delete"',
    ],
  ],
  ['podManagementPolicy', sts, (o) => (o['spec'].podManagementPolicy = 'Serial'), [`spec.podManagementPolicy: Invalid value: "Serial": must be 'OrderedReady' or 'Parallel'`]],
  [
    'updateStrategy type',
    sts,
    (o) => (o['spec'].updateStrategy = { type: 'Recreate' }),
    [`spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'`],
  ],
  [
    'OnDelete with a rollingUpdate block',
    sts,
    (o) => (o['spec'].updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }),
    [`spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'`],
  ],
  [
    'the pod template spec itself is not validated (v1.32)',
    sts,
    (o) => (o['spec'].template.spec.containers = [{ name: 'Bad_Name' }]),
    [],
  ],
  [
    'several errors at once, in upstream order',
    sts,
    (o) => {
      o['metadata'].name = 'Web';
      o['spec'].replicas = -1;
      delete o['spec'].selector;
      o['spec'].template.spec.restartPolicy = 'OnFailure';
    },
    [
      `metadata.name: Invalid value: "Web": ${LABEL_MSG}`,
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ],
  ],
];

describe('StatefulSet validation on create (pkg/apis/apps/validation, v1.32)', () => {
  it.each(stsCreateCases)('%s', (_name, build, mutate, want) => {
    const o = build();
    mutate(o);
    expect(create(o)).toEqual(want);
  });

  it.each<[string, unknown, string[]]>([
    ['0', 0, ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0']],
    ['-1', -1, ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0']],
    ['"0%"', '0%', ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0%: cannot be 0']],
    ['"101%"', '101%', ['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 101%: must not be greater than 100%']],
    [
      '"abc"',
      'abc',
      [
        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: abc: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: abc: cannot be 0',
      ],
    ],
    ['2', 2, []],
    ['"50%"', '50%', []],
  ])('gate on: maxUnavailable %s', (_name, mu, want) => {
    const o = sts();
    o['spec'].updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: mu } };
    expect(create(o, gateOn)).toEqual(want);
  });
});

describe('StatefulSet validation on update (v1.32 forbidden-fields message)', () => {
  it.each<[string, (o: Obj) => void, string[]]>([
    ['scale', (o) => (o['spec'].replicas = 5), []],
    ['change the image', (o) => (o['spec'].template.spec.containers[0].image = 'nginx:2'), []],
    ['change the strategy', (o) => (o['spec'].updateStrategy = { type: 'OnDelete' }), []],
    ['change minReadySeconds', (o) => (o['spec'].minReadySeconds = 10), []],
    ['change ordinals', (o) => (o['spec'].ordinals = { start: 5 }), []],
    ['change the retention policy', (o) => (o['spec'].persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' }), []],
    ['add labels to the object', (o) => (o['metadata'].labels = { a: 'b' }), []],
    ['change serviceName', (o) => (o['spec'].serviceName = 'other'), [STS_FORBIDDEN]],
    ['change podManagementPolicy', (o) => (o['spec'].podManagementPolicy = 'Parallel'), [STS_FORBIDDEN]],
    ['change revisionHistoryLimit (forbidden before v1.33)', (o) => (o['spec'].revisionHistoryLimit = 3), [STS_FORBIDDEN]],
    ['resize a claim template', (o) => (o['spec'].volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'), [STS_FORBIDDEN]],
    ['add a claim template', (o) => o['spec'].volumeClaimTemplates.push({ metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }), [STS_FORBIDDEN]],
    [
      'change the selector',
      (o) => {
        o['spec'].selector = { matchLabels: { app: 'web' } };
        o['spec'].template.metadata.labels = { app: 'web' };
      },
      [STS_FORBIDDEN],
    ],
    ['scale to a negative count', (o) => (o['spec'].replicas = -1), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'spec errors come before the forbidden error',
      (o) => {
        o['spec'].template.spec.restartPolicy = 'Never';
        o['spec'].serviceName = 'x';
      },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"', STS_FORBIDDEN],
    ],
    ['an unknown field in spec is ignored', (o) => (o['spec'].bogus = 1), []],
  ])('%s', (_name, change, want) => {
    expect(update(sts(), change)).toEqual(want);
  });

  it('a rejected update renders like the API server', () => {
    const errs = (() => {
      const old = stored(sts()) as KObject;
      const next = deepCopy(old) as Obj;
      next['spec'].serviceName = 'x';
      defaultObject(next as KObject, ctx, old);
      return validateUpdate(next as KObject, old, ctx);
    })();
    expect(invalid('StatefulSet', 'apps', 'web', errs).message).toBe(`StatefulSet.apps "web" is invalid: ${STS_FORBIDDEN}`);
  });
});

describe('Pod validation (pkg/apis/core/validation, v1.32)', () => {
  it.each<Case>([
    ['a valid pod', pod, () => {}, []],
    ['no containers', pod, (o) => (o['spec'].containers = []), ['spec.containers: Required value']],
    ['container without an image', pod, (o) => delete o['spec'].containers[0].image, ['spec.containers[0].image: Required value']],
    ['container without a name', pod, (o) => delete o['spec'].containers[0].name, ['spec.containers[0].name: Required value']],
    ['container name must be a DNS label', pod, (o) => (o['spec'].containers[0].name = 'Nginx'), [`spec.containers[0].name: Invalid value: "Nginx": ${LABEL_MSG}`]],
    [
      'duplicate container names',
      pod,
      (o) => o['spec'].containers.push({ name: 'nginx', image: 'x' }),
      ['spec.containers[1].name: Duplicate value: "nginx"'],
    ],
    ['a mount of an unknown volume', pod, (o) => (o['spec'].containers[0].volumeMounts[0].name = 'data'), ['spec.containers[0].volumeMounts[0].name: Not found: "data"']],
    [
      'a bad pull policy',
      pod,
      (o) => (o['spec'].containers[0].imagePullPolicy = 'Sometimes'),
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ],
    [
      'a bad restart policy',
      pod,
      (o) => (o['spec'].restartPolicy = 'Sometimes'),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    ['container port 0', pod, (o) => (o['spec'].containers[0].ports = [{ containerPort: 70000 }]), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    [
      'two probe handlers',
      pod,
      (o) => (o['spec'].containers[0].readinessProbe = { tcpSocket: { port: 80 }, exec: { command: ['true'] } }),
      ['spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ],
    [
      'an httpGet scheme',
      pod,
      (o) => (o['spec'].containers[0].livenessProbe = { httpGet: { port: 80, scheme: 'http' } }),
      ['spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "http": supported values: "HTTP", "HTTPS"'],
    ],
    ['a probe without a handler', pod, (o) => (o['spec'].containers[0].startupProbe = { periodSeconds: 1 }), ['spec.containers[0].startupProbe: Required value: must specify a handler type']],
    [
      'requests above limits',
      pod,
      (o) => (o['spec'].containers[0].resources = { limits: { memory: '512Mi' }, requests: { memory: '1Gi' } }),
      ['spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi'],
    ],
    ['activeDeadlineSeconds 0', pod, (o) => (o['spec'].activeDeadlineSeconds = 0), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    ['a subdomain with dots', pod, (o) => (o['spec'].subdomain = 'a.b'), [`spec.subdomain: Invalid value: "a.b": ${LABEL_MSG}`]],
    ['a PVC volume without a claim name', pod, (o) => (o['spec'].volumes[0].persistentVolumeClaim = {}), ['spec.volumes[0].persistentVolumeClaim.claimName: Required value', 'spec.containers[0].volumeMounts[0].name: Not found: "www"']],
    ['pod names may be subdomains', pod, (o) => (o['metadata'].name = 'web.0'), []],
    ['an invalid label', pod, (o) => (o['metadata'].labels = { 'a/b/c': 'x' }), [`metadata.labels: Invalid value: "a/b/c": a qualified name ${QNAME_MSG.replace('name part ', '')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
    [
      'ownerReferences need uid and name',
      pod,
      (o) => (o['metadata'].ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: '', uid: '' }]),
      ['metadata.ownerReferences.name: Invalid value: "": name must not be empty', 'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    ],
  ])('%s', (_name, build, mutate, want) => {
    const o = build();
    mutate(o);
    expect(create(o)).toEqual(want);
  });

  it.each<[string, (o: Obj) => void, string[] | RegExp]>([
    ['change the image', (o) => (o['spec'].containers[0].image = 'nginx:1.26'), []],
    ['add labels', (o) => (o['metadata'].labels = { a: 'b' }), []],
    ['set nodeName (binding goes through pods/binding, not an update)', (o) => (o['spec'].nodeName = 'node-1'), /^spec: Forbidden: pod updates may not change fields other than /],
    ['add a container', (o) => o['spec'].containers.push({ name: 'side', image: 'x' }), ['spec.containers: Forbidden: pod updates may not add or remove containers']],
    ['change the restart policy', (o) => (o['spec'].restartPolicy = 'Never'), /^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\]\.image`,`spec.initContainers\[\*\]\.image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core.PodSpec\{\n/],
    ['add a toleration', (o) => (o['spec'].tolerations = [{ key: 'k', operator: 'Exists' }]), []],
  ])('update: %s', (_name, change, want) => {
    const got = update(pod(), change);
    if (want instanceof RegExp) {
      expect(got).toHaveLength(1);
      expect(got[0]).toMatch(want);
    } else expect(got).toEqual(want);
  });
});

describe('Service validation', () => {
  it.each<Case>([
    ['a valid headless service', svc, () => {}, []],
    ['names are DNS-1035 labels', svc, (o) => (o['metadata'].name = '1web'), [`metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]],
    ['a ClusterIP service needs ports', svc, (o) => ((o['spec'].ports = []), delete o['spec'].clusterIP), ['spec.ports: Required value']],
    ['a headless service needs none', svc, (o) => (o['spec'].ports = []), []],
    [
      'several ports need names',
      svc,
      (o) => o['spec'].ports.push({ port: 443 }),
      ['spec.ports[1].name: Required value'],
    ],
    [
      'port 0 (targetPort defaults to it)',
      svc,
      (o) => (o['spec'].ports[0].port = 0),
      ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ],
    [
      'a bad protocol',
      svc,
      (o) => (o['spec'].ports[0].protocol = 'HTTP'),
      ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'duplicate port/protocol',
      svc,
      (o) => o['spec'].ports.push({ port: 80, name: 'web2' }),
      ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
    ],
    ['a bad type', svc, (o) => (o['spec'].type = 'Internal'), ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['nodePort on ClusterIP', svc, (o) => (o['spec'].ports[0].nodePort = 30080), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
  ])('%s', (_name, build, mutate, want) => {
    const o = build();
    mutate(o);
    expect(create(o)).toEqual(want);
  });

  it('clusterIP may not change', () => {
    const base = { ...svc(), spec: { clusterIP: '10.96.0.10', selector: { app: 'x' }, ports: [{ port: 80 }] } };
    expect(update(base, (o) => ((o['spec'].clusterIP = '10.96.0.11'), (o['spec'].clusterIPs = ['10.96.0.11'])))).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
  });
});

describe('PersistentVolumeClaim validation', () => {
  it.each<Case>([
    ['a valid claim', pvc, () => {}, []],
    ['no access modes', pvc, (o) => (o['spec'].accessModes = []), ['spec.accessModes: Required value: at least 1 access mode is required']],
    [
      'an unknown access mode',
      pvc,
      (o) => (o['spec'].accessModes = ['ReadWriteAll']),
      ['spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ],
    [
      'ReadWriteOncePod with another mode',
      pvc,
      (o) => (o['spec'].accessModes = ['ReadWriteOncePod', 'ReadWriteOnce']),
      ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'],
    ],
    ['no storage request', pvc, (o) => (o['spec'].resources = {}), ['spec.resources[storage]: Required value']],
    ['a zero request', pvc, (o) => (o['spec'].resources.requests.storage = '0'), ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ['a bad class name', pvc, (o) => (o['spec'].storageClassName = 'Fast'), [`spec.storageClassName: Invalid value: "Fast": ${SUBDOMAIN_MSG}`]],
    ['a bad volume mode', pvc, (o) => (o['spec'].volumeMode = 'Raw'), ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"']],
  ])('%s', (_name, build, mutate, want) => {
    const o = build();
    mutate(o);
    expect(create(o)).toEqual(want);
  });

  it('the spec is immutable except requests of bound claims', () => {
    const got = update(pvc(), (o) => (o['spec'].accessModes = ['ReadWriteMany']));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n {2}core\.PersistentVolumeClaimSpec\{\n/);
    expect(got[0]).toContain('AccessModes');
  });

  it('the PV controller may set volumeName once and a default class retroactively', () => {
    const noClass = pvc();
    delete noClass['spec'].storageClassName;
    expect(update(noClass, (o) => ((o['spec'].volumeName = 'pv1'), (o['spec'].storageClassName = 'standard')))).toEqual([]);
    expect(update(pvc(), (o) => (o['spec'].storageClassName = 'fast'))).toHaveLength(1);
  });

  it('bound claims may grow but not shrink', () => {
    const bound = (o: Obj) => (o['status'] = { phase: 'Bound' });
    const old = stored(pvc()) as KObject;
    bound(old as Obj);
    const grow = deepCopy(old) as Obj;
    grow['spec'].resources.requests.storage = '2Gi';
    defaultObject(grow as KObject, ctx, old);
    expect(validateUpdate(grow as KObject, old, ctx)).toEqual([]);
    const shrink = deepCopy(old) as Obj;
    shrink['spec'].resources.requests.storage = '500Mi';
    defaultObject(shrink as KObject, ctx, old);
    expect(validateUpdate(shrink as KObject, old, ctx).map(fieldErrorMessage)).toEqual(['spec.resources.requests.storage: Forbidden: field can not be less than previous value']);
  });
});

describe('PersistentVolume validation', () => {
  it.each<Case>([
    ['a valid hostPath volume', pv, () => {}, []],
    ['no capacity', pv, (o) => delete o['spec'].capacity, ['spec.capacity: Required value', 'spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"']],
    ['no access modes', pv, (o) => delete o['spec'].accessModes, ['spec.accessModes: Required value']],
    ['no volume source', pv, (o) => delete o['spec'].hostPath, ['spec: Required value: must specify a volume type']],
    ['two volume sources', pv, (o) => (o['spec'].nfs = { server: 'nfs', path: '/x' }), ['spec.nfs: Forbidden: may not specify more than 1 volume type']],
    ['an nfs path must be absolute', pv, (o) => ((o['spec'] = { ...o['spec'], nfs: { server: 'nfs', path: 'x' } }), delete o['spec'].hostPath), ['spec.nfs.path: Invalid value: "x": must be an absolute path']],
    ['local volumes need node affinity', pv, (o) => ((o['spec'].local = { path: '/mnt' }), delete o['spec'].hostPath), ['spec.nodeAffinity: Required value: Local volume requires node affinity']],
    ['csi needs driver and handle', pv, (o) => ((o['spec'].csi = {}), delete o['spec'].hostPath), ['spec.csi.driver: Required value', 'spec.csi.volumeHandle: Required value']],
    [
      'a bad reclaim policy',
      pv,
      (o) => (o['spec'].persistentVolumeReclaimPolicy = 'Keep'),
      ['spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"'],
    ],
    ['a zero capacity', pv, (o) => (o['spec'].capacity.storage = '0'), ['spec.capacity[storage]: Invalid value: "0": must be greater than zero']],
  ])('%s', (_name, build, mutate, want) => {
    const o = build();
    mutate(o);
    expect(create(o)).toEqual(want);
  });

  it('the volume source is immutable; claimRef and reclaim policy are not', () => {
    expect(update(pv(), (o) => ((o['spec'].claimRef = { namespace: 'default', name: 'www-web-0' }), (o['spec'].persistentVolumeReclaimPolicy = 'Delete')))).toEqual([]);
    const got = update(pv(), (o) => (o['spec'].hostPath.path = '/other'));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n {2}core\.PersistentVolumeSource\{/);
  });
});

describe('StorageClass validation', () => {
  it.each<Case>([
    ['a valid class', sc, () => {}, []],
    ['no provisioner', sc, (o) => delete o['provisioner'], ['provisioner: Required value']],
    ['a bad reclaim policy', sc, (o) => (o['reclaimPolicy'] = 'Recycle'), ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['a bad binding mode', sc, (o) => (o['volumeBindingMode'] = 'Lazy'), ['volumeBindingMode: Unsupported value: "Lazy": supported values: "Immediate", "WaitForFirstConsumer"']],
  ])('%s', (_name, build, mutate, want) => {
    const o = build();
    mutate(o);
    expect(create(o)).toEqual(want);
  });

  it.each<[string, (o: Obj) => void, string[]]>([
    ['annotate (mark as default)', (o) => (o['metadata'].annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' }), []],
    ['allow expansion', (o) => (o['allowVolumeExpansion'] = true), []],
    ['change parameters', (o) => (o['parameters'] = { type: 'ssd' }), ['parameters: Forbidden: updates to parameters are forbidden.']],
    ['change the provisioner', (o) => (o['provisioner'] = 'other.io/p'), ['provisioner: Forbidden: updates to provisioner are forbidden.']],
    ['change the reclaim policy', (o) => (o['reclaimPolicy'] = 'Retain'), ['reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.']],
    ['change the binding mode', (o) => (o['volumeBindingMode'] = 'WaitForFirstConsumer'), ['volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable']],
  ])('update: %s', (_name, change, want) => {
    expect(update(sc(), change)).toEqual(want);
  });
});

describe('other kinds', () => {
  it('Namespace names are DNS labels', () => {
    expect(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Team' } })).toEqual([`metadata.name: Invalid value: "Team": ${LABEL_MSG}`]);
  });

  it('ControllerRevision data is mandatory and immutable', () => {
    const cr = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-7c5f8b6d94', namespace: 'default' }, revision: 1 };
    expect(create(cr)).toEqual(['data: Required value: data is mandatory']);
    const withData = { ...cr, data: { spec: {} } };
    expect(update(withData, (o) => (o['revision'] = 3))).toEqual([]);
    expect(update(withData, (o) => (o['data'] = { x: 1 }))[0]).toMatch(/^data: Invalid value: runtime\.Unknown\{.*\}: field is immutable$/);
  });

  it('Events are checked against their involved object’s namespace', () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-0.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'other' } };
    expect(create(ev)).toEqual(['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  });

  it('metadata changes that are never allowed', () => {
    const deleting = stored(pvc());
    deleting['metadata'].deletionTimestamp = '2024-01-01T00:00:00Z';
    const next = deepCopy(deleting) as Obj;
    next['metadata'].finalizers = ['example.com/x'];
    expect(validateUpdate(next as KObject, deleting as KObject, ctx).map(fieldErrorMessage)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/x"}',
    ]);
  });
});

describe('decodeObject (body does not decode)', () => {
  it('rejects malformed quantities before defaulting', () => {
    const c = pvc();
    c['spec'].resources.requests.storage = '1GB';
    expect(() => decodeObject(c as KObject)).toThrow(
      "PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(decodeObject(pvc() as KObject).obj).toEqual(pvc());
  });
});
