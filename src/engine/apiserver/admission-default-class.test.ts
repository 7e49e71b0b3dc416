import { describe, expect, it } from 'vitest';
import type { KObject, StorageClass } from '../api/types';
import { createCluster } from '../sim/cluster';
import { defaultStorageClass } from './admission';

const sc = (name: string, annotation = 'storageclass.kubernetes.io/is-default-class'): KObject =>
  ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, annotations: { [annotation]: 'true' } }, provisioner: 'k8s.io/minikube-hostpath' }) as KObject;

describe('DefaultStorageClass admission (GetDefaultClass)', () => {
  it('picks the newest default class, then the first name in byte order, whatever the locale', () => {
    const c = createCluster({ defaultStorageClass: undefined });
    // Same creation second: "aa" < "b" byte-wise (Danish collation would say the opposite).
    c.api.create(sc('b'));
    c.api.create(sc('aa'));
    expect((defaultStorageClass(c.api) as StorageClass).metadata.name).toBe('aa');
    c.advance(2000);
    c.api.create(sc('zz'));
    expect((defaultStorageClass(c.api) as StorageClass).metadata.name).toBe('zz');
  });

  it('honours the beta annotation too', () => {
    const c = createCluster({ defaultStorageClass: undefined });
    c.api.create(sc('legacy', 'storageclass.beta.kubernetes.io/is-default-class'));
    expect((defaultStorageClass(c.api) as StorageClass).metadata.name).toBe('legacy');
  });
});
