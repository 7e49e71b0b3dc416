/**
 * What a command run by `kubectl exec` sees: the container's files (its own
 * layer plus mounted volumes), its environment, and cluster DNS.
 */
import { getOwn } from '../../lib/own';
import type { Pod, Service } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { PersistentVolume, PersistentVolumeClaim } from '../api/types';
import { quantityValue } from '../api/quantity';
import { VolumeDataStore } from '../controllers/volume/data';
import type { ShellContext } from './commands';
import { DNS_SERVER, nslookup } from './dns';
import { ContainerFs, normalizePath, seedRootfs, type Mount } from './fs';
import { ExecBudget, VOLUME_CAPACITY } from './limits';
import type { ContainerRun, PodRuntime } from './pod-status';

/** A PV's capacity in bytes, held to the playground's VOLUME_CAPACITY. */
function pvCapacity(pv: PersistentVolume | undefined): number {
  try {
    const bytes = quantityValue(pv?.spec.capacity?.storage ?? '');
    return Number.isFinite(bytes) && bytes >= 0 ? Math.min(Math.floor(bytes), VOLUME_CAPACITY) : VOLUME_CAPACITY;
  } catch {
    return VOLUME_CAPACITY;
  }
}

export class ExecEnvironment {
  /** Container layers and pod-lifetime volumes (emptyDir), by private key. */
  private layers = new VolumeDataStore();
  private seeded = new Set<string>();
  private keysByPod = new Map<string, Set<string>>();

  constructor(
    private api: ApiServer,
    private volumes: VolumeDataStore,
  ) {}

  private own(rt: PodRuntime, key: string): string {
    let s = this.keysByPod.get(rt.uid);
    if (!s) this.keysByPod.set(rt.uid, (s = new Set()));
    s.add(key);
    return key;
  }

  stats(): Record<string, number> {
    return { execPods: this.keysByPod.size, execLayers: this.layers.size, execSeeded: this.seeded.size };
  }

  /** Drops every layer and emptyDir of a pod that is gone. */
  forgetPod(rt: PodRuntime): void {
    for (const k of this.keysByPod.get(rt.uid) ?? []) {
      this.layers.clear(k);
      this.seeded.delete(k);
    }
    this.keysByPod.delete(rt.uid);
  }

  private hostname(pod: Pod): string {
    return pod.spec.hostname ?? (pod.metadata.name as string);
  }

  private mounts(pod: Pod, rt: PodRuntime, c: ContainerRun): Mount[] {
    const out: Mount[] = [];
    for (const vm of c.spec.volumeMounts ?? []) {
      const vol = (pod.spec.volumes ?? []).find((v) => v.name === vm.name);
      if (!vol) continue;
      const path = normalizePath(vm.mountPath);
      const sub = vm.subPath ? normalizePath(vm.subPath).slice(1) : '';
      if (vol.persistentVolumeClaim) {
        const claim = this.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', rt.namespace, vol.persistentVolumeClaim.claimName);
        const pv = claim?.spec.volumeName;
        if (!pv) continue;
        // A PVC volume holds what its PV does (SIM: at most VOLUME_CAPACITY).
        const capacity = pvCapacity(this.api.get<PersistentVolume>('PersistentVolume', undefined, pv));
        out.push({ path, store: this.volumes, key: pv, sub, readOnly: !!vm.readOnly || !!vol.persistentVolumeClaim.readOnly, capacity });
      } else {
        const key = this.own(rt, `volume:${rt.uid}/${vol.name}`);
        out.push({ path, store: this.layers, key, sub, readOnly: !!vm.readOnly || !vol.emptyDir, capacity: VOLUME_CAPACITY });
      }
    }
    return out;
  }

  private env(pod: Pod, rt: PodRuntime, c: ContainerRun): [string, string][] {
    const env: [string, string][] = [
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', this.hostname(pod)],
    ];
    const fields: Record<string, string | undefined> = { 'metadata.name': rt.name, 'metadata.namespace': rt.namespace, 'spec.nodeName': rt.node, 'status.podIP': rt.podIP, 'status.hostIP': rt.hostIP };
    for (const e of c.spec.env ?? []) {
      const ref = (e.valueFrom as { fieldRef?: { fieldPath?: string } } | undefined)?.fieldRef?.fieldPath;
      env.push([e.name, e.value ?? (ref ? (getOwn(fields, ref) ?? '') : '')]);
    }
    // Behaviour of pkg/kubelet/kubelet_pods.go getServiceEnvVarMap (v1.32): service links for ClusterIP services.
    if (pod.spec['enableServiceLinks'] !== false) {
      for (const svc of this.api.list<Service>('Service', rt.namespace)) {
        const ip = svc.spec.clusterIP;
        const port = svc.spec.ports?.[0];
        if (!ip || ip === 'None' || !port) continue;
        const n = (svc.metadata.name as string).toUpperCase().replace(/-/g, '_');
        const proto = (port.protocol ?? 'TCP').toLowerCase();
        env.push([`${n}_SERVICE_HOST`, ip], [`${n}_SERVICE_PORT`, String(port.port)]);
        for (const p of svc.spec.ports ?? []) if (p.name) env.push([`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
        env.push([`${n}_PORT`, `${proto}://${ip}:${port.port}`]);
        for (const p of svc.spec.ports ?? []) {
          const pr = (p.protocol ?? 'TCP').toLowerCase();
          const base = `${n}_PORT_${p.port}_${pr.toUpperCase()}`;
          env.push([base, `${pr}://${ip}:${p.port}`], [`${base}_PROTO`, pr], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
        }
      }
    }
    env.push(['HOME', '/root']);
    return env;
  }

  /** The files the kubelet writes into every container. */
  private kubeletFiles(pod: Pod, rt: PodRuntime): Record<string, string> {
    const host = this.hostname(pod);
    const sub = pod.spec.subdomain;
    const self = sub ? `${rt.podIP}\t${host}.${sub}.${rt.namespace}.svc.cluster.local\t${host}` : `${rt.podIP}\t${host}`;
    return {
      '/etc/hostname': `${host}\n`,
      '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${self}\n`,
      '/etc/resolv.conf': `search ${rt.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${DNS_SERVER}\noptions ndots:5\n`,
    };
  }

  /** The shell context of one running container instance. */
  context(pod: Pod, rt: PodRuntime, c: ContainerRun, now: () => number): ShellContext {
    const key = this.own(rt, `layer:${c.containerID}`);
    if (!this.seeded.has(key)) {
      seedRootfs(this.layers, key, c.spec.image ?? '', this.kubeletFiles(pod, rt));
      this.seeded.add(key);
    }
    const mounts = this.mounts(pod, rt, c);
    for (const m of mounts) {
      this.layers.mkdir(key, m.path.slice(1));
      if (m.sub) m.store.mkdir(m.key, m.sub);
    }
    const fs = new ContainerFs({ path: '/', store: this.layers, key, sub: '', readOnly: false, capacity: VOLUME_CAPACITY }, mounts);
    return { hostname: this.hostname(pod), env: this.env(pod, rt, c), fs, nslookup: (name) => nslookup(this.api, name, rt.namespace), now, budget: new ExecBudget() };
  }
}
