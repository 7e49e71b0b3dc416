import { describe, it, expect } from 'vitest';
import type { KEvent, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../engine/api/types';
import { parseTimestamp } from '../../engine/clock/clock';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, podsUsingClaim } from './storage';

const bound: PersistentVolumeClaim = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: {
    name: 'www-web-0',
    namespace: 'default',
    uid: 'c1',
    labels: { app: 'nginx' },
    annotations: {
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
      'volume.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
    },
    finalizers: ['kubernetes.io/pvc-protection'],
  },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: 'pvc-6e1c4d6b', volumeMode: 'Filesystem' },
  status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
};

function pod(name: string, claim: string, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...extra },
    spec: { containers: [], volumes: [{ name: 'www', persistentVolumeClaim: { claimName: claim } }] },
  };
}

describe('describePersistentVolumeClaim', () => {
  it('prints a bound claim with the pods using it', () => {
    const usedBy = podsUsingClaim(bound, [pod('web-0', 'www-web-0'), pod('other', 'www-web-1')]);
    expect(describePersistentVolumeClaim(bound, usedBy, [], 0 as never)).toBe(
      [
        'Name:          www-web-0',
        'Namespace:     default',
        'StorageClass:  standard',
        'Status:        Bound',
        'Volume:        pvc-6e1c4d6b',
        'Labels:        app=nginx',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        '               volume.beta.kubernetes.io/storage-provisioner: k8s.io/minikube-hostpath',
        '               volume.kubernetes.io/storage-provisioner: k8s.io/minikube-hostpath',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      1Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       web-0',
        'Events:        <none>',
        '',
      ].join('\n'),
    );
  });

  it('leaves Capacity and Access Modes empty while pending, and shows Terminating', () => {
    const pending: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-db-0', namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'], deletionTimestamp: '2025-01-01T09:00:00Z' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fast' },
      status: { phase: 'Pending' },
    };
    const events: KEvent[] = [
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e', namespace: 'default' },
        involvedObject: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data-db-0', uid: '', apiVersion: 'v1' },
        reason: 'ProvisioningFailed',
        message: 'storageclass.storage.k8s.io "fast" not found',
        type: 'Warning',
        count: 7,
        firstTimestamp: '2025-01-01T09:00:00Z',
        lastTimestamp: '2025-01-01T09:04:00Z',
        source: { component: 'persistentvolume-controller' },
      },
    ];
    const out = describePersistentVolumeClaim(pending, [], events, parseTimestamp('2025-01-01T09:05:00Z'));
    expect(out).toBe(
      [
        'Name:          data-db-0',
        'Namespace:     default',
        'StorageClass:  fast',
        'Status:        Terminating (lasts 5m)',
        'Volume:        ',
        'Labels:        <none>',
        'Annotations:   <none>',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      ',
        'Access Modes:  ',
        'VolumeMode:    Filesystem',
        'Used By:       <none>',
        'Events:',
        '  Type     Reason              Age               From                         Message',
        '  ----     ------              ----              ----                         -------',
        '  Warning  ProvisioningFailed  60s (x7 over 5m)  persistentvolume-controller  storageclass.storage.k8s.io "fast" not found',
        '',
      ].join('\n'),
    );
  });

  it('lists a pod once per volume naming the claim, then owner pods, sorted by name', () => {
    const twice: Pod = {
      ...pod('b', 'www-web-0'),
      spec: {
        containers: [],
        volumes: [
          { name: 'x', persistentVolumeClaim: { claimName: 'www-web-0' } },
          { name: 'y', persistentVolumeClaim: { claimName: 'www-web-0' } },
        ],
      },
    };
    const owner: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default', uid: 'owner' }, spec: { containers: [] } };
    const claim: PersistentVolumeClaim = { ...bound, metadata: { ...bound.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'a', uid: 'owner' }] } };
    const users = podsUsingClaim(claim, [twice, owner]);
    expect(users.map((p) => p.metadata.name)).toEqual(['b', 'b', 'a']);
    expect(describePersistentVolumeClaim(claim, users, undefined, 0 as never)).toContain('Used By:       a\n               b\n               b\n');
  });
});

describe('describePersistentVolume', () => {
  it('prints a hostPath volume provisioned for a claim', () => {
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: 'pvc-6e1c4d6b',
        annotations: { 'hostPathProvisionerIdentity': '8f1f6d4e', 'pv.kubernetes.io/provisioned-by': 'k8s.io/minikube-hostpath' },
        finalizers: ['kubernetes.io/pv-protection'],
      },
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '1Gi' },
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0', uid: 'c1' },
        hostPath: { path: '/tmp/hostpath-provisioner/default/www-web-0' },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
      },
      status: { phase: 'Bound' },
    };
    expect(describePersistentVolume(pv, [], 0 as never)).toBe(
      [
        'Name:            pvc-6e1c4d6b',
        'Labels:          <none>',
        'Annotations:     hostPathProvisionerIdentity: 8f1f6d4e',
        '                 pv.kubernetes.io/provisioned-by: k8s.io/minikube-hostpath',
        'Finalizers:      [kubernetes.io/pv-protection]',
        'StorageClass:    standard',
        'Status:          Bound',
        'Claim:           default/www-web-0',
        'Reclaim Policy:  Delete',
        'Access Modes:    RWO',
        'VolumeMode:      Filesystem',
        'Capacity:        1Gi',
        'Node Affinity:   <none>',
        'Message:         ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /tmp/hostpath-provisioner/default/www-web-0',
        '    HostPathType:  ',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints NFS sources, node affinity terms and an unclaimed volume', () => {
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'nfs-1', labels: { tier: 'slow' } },
      spec: {
        accessModes: ['ReadWriteMany', 'ReadOnlyMany'],
        capacity: { storage: '10Gi' },
        nfs: { server: '10.0.0.5', path: '/exports/a' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'ssd', operator: 'Exists' }] }] } },
      } as PersistentVolume['spec'],
      status: { phase: 'Available' },
    };
    expect(describePersistentVolume(pv, undefined, 0 as never)).toBe(
      [
        'Name:              nfs-1',
        'Labels:            tier=slow',
        'Annotations:       <none>',
        'Finalizers:        []',
        'StorageClass:      ',
        'Status:            Available',
        'Claim:             ',
        'Reclaim Policy:    Retain',
        'Access Modes:      ROX,RWX',
        'VolumeMode:        Filesystem',
        'Capacity:          10Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        zone in [a, b]',
        '                   ssd exists',
        'Message:           ',
        'Source:',
        '    Type:      NFS (an NFS mount that lasts the lifetime of a pod)',
        '    Server:    10.0.0.5',
        '    Path:      /exports/a',
        '    ReadOnly:  false',
        '',
      ].join('\n'),
    );
  });
});

describe('describeStorageClass', () => {
  it('prints the default class', () => {
    const sc: StorageClass = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'k8s.io/minikube-hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    };
    expect(describeStorageClass(sc, [], 0 as never)).toBe(
      [
        'Name:                  standard',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           k8s.io/minikube-hostpath',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     Immediate',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });
});
