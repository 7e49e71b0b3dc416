/**
 * Volume sources, as the "Volumes:" section of a pod (template) and the
 * "Source:" section of a PersistentVolume print them.
 */
import { formatQuantity, parseQuantity } from '../../engine/api/quantity';
import type { SimTime } from '../../engine/clock/clock';
import { utf8Length, utf8Prefix } from '../../lib/utf8';
import { printPersistentVolumeClaim, type ClaimLike } from './claim';
import { goSlice } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, NestedPrefixWriter, type PrefixWriter } from './writer';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => x !== null && typeof x === 'object' && !Array.isArray(x);
/** Go's %v of a scalar field, with Go's zero values for missing ones. */
const v = (x: unknown, zero: string | number | boolean = ''): string => (x === undefined || x === null ? String(zero) : String(x));
const b = (x: unknown): string => (x === true ? 'true' : 'false');

// Each printer below mirrors the same-named print*VolumeSource function of
// staging/src/k8s.io/kubectl/pkg/describe/describe.go (v1.32).

function hostPath(s: Rec, w: PrefixWriter): void {
  const type = s['type'] === undefined || s['type'] === null ? '<none>' : v(s['type']);
  w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v(s['path'])}\n    HostPathType:\t${type}\n`);
}

function emptyDir(s: Rec, w: PrefixWriter): void {
  let sizeLimit = '<unset>';
  const lim = s['sizeLimit'];
  if (lim !== undefined && lim !== null) {
    try {
      if (parseQuantity(lim as string).nanos > 0n) sizeLimit = formatQuantity(lim as string);
    } catch {
      sizeLimit = v(lim);
    }
  }
  w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v(s['medium'])}\n    SizeLimit:\t${sizeLimit}\n`);
}

function gcePD(s: Rec, w: PrefixWriter): void {
  w.write(
    LEVEL_2,
    `Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${v(s['pdName'])}\n    FSType:\t${v(s['fsType'])}\n    Partition:\t${v(s['partition'], 0)}\n    ReadOnly:\t${b(s['readOnly'])}\n`,
  );
}

function awsEBS(s: Rec, w: PrefixWriter): void {
  w.write(
    LEVEL_2,
    `Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${v(s['volumeID'])}\n    FSType:\t${v(s['fsType'])}\n    Partition:\t${v(s['partition'], 0)}\n    ReadOnly:\t${b(s['readOnly'])}\n`,
  );
}

function gitRepo(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, `Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${v(s['repository'])}\n    Revision:\t${v(s['revision'])}\n`);
}

function secret(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v(s['secretName'])}\n    Optional:\t${b(s['optional'])}\n`);
}

function configMap(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v(s['name'])}\n    Optional:\t${b(s['optional'])}\n`);
}

function projected(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const src of (Array.isArray(s['sources']) ? s['sources'] : []) as Rec[]) {
    if (isRec(src['secret'])) {
      w.write(LEVEL_2, `SecretName:\t${v(src['secret']['name'])}\n    Optional:\t${b(src['secret']['optional'])}\n`);
    } else if (isRec(src['downwardAPI'])) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (isRec(src['configMap'])) {
      w.write(LEVEL_2, `ConfigMapName:\t${v(src['configMap']['name'])}\n    Optional:\t${b(src['configMap']['optional'])}\n`);
    } else if (isRec(src['serviceAccountToken'])) {
      // expirationSeconds defaults to 3600 (SetDefaults_ServiceAccountTokenProjection)
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${v(src['serviceAccountToken']['expirationSeconds'], 3600)}\n`);
    }
  }
}

function nfs(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v(s['server'])}\n    Path:\t${v(s['path'])}\n    ReadOnly:\t${b(s['readOnly'])}\n`);
}

function pvcSource(s: Rec, w: PrefixWriter): void {
  w.write(
    LEVEL_2,
    `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v(s['claimName'])}\n    ReadOnly:\t${b(s['readOnly'])}\n`,
  );
}

function ephemeral(s: Rec, w: PrefixWriter, now: SimTime): void {
  w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  const t = s['volumeClaimTemplate'];
  if (isRec(t)) printPersistentVolumeClaim(new NestedPrefixWriter(w, LEVEL_2), { metadata: (t['metadata'] ?? {}) as ClaimLike['metadata'], spec: (t['spec'] ?? {}) as Rec }, false, now);
}

function downwardAPI(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
  for (const item of (Array.isArray(s['items']) ? s['items'] : []) as Rec[]) {
    if (isRec(item['fieldRef'])) w.write(LEVEL_3, `${v(item['fieldRef']['fieldPath'])} -> ${v(item['path'])}\n`);
    if (isRec(item['resourceFieldRef'])) w.write(LEVEL_3, `${v(item['resourceFieldRef']['resource'])} -> ${v(item['path'])}\n`);
  }
}

function csiAttributes(w: PrefixWriter, attributes: unknown): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const attrs = isRec(attributes) ? attributes : {};
  const keys = Object.keys(attrs).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${k}=${v(attrs[k])}`;
    // maxAnnotationLen is counted in bytes; cut on a character boundary
    if (utf8Length(line) > 140) {
      w.write(LEVEL_2, `${utf8Prefix(line, 140)}...\n`);
    } else {
      w.write(LEVEL_2, `${line}\n`);
    }
  });
}

function csiPod(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v(s['driver'])}\n    FSType:\t${v(s['fsType'])}\n    ReadOnly:\t${b(s['readOnly'])}\n`);
  csiAttributes(w, s['volumeAttributes']);
}

function csiPV(s: Rec, w: PrefixWriter): void {
  w.write(
    LEVEL_2,
    `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v(s['driver'])}\n    FSType:\t${v(s['fsType'])}\n    VolumeHandle:\t${v(s['volumeHandle'])}\n    ReadOnly:\t${b(s['readOnly'])}\n`,
  );
  csiAttributes(w, s['volumeAttributes']);
}

function image(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v(s['reference'])}\n    PullPolicy:\t${v(s['pullPolicy'])}\n`);
}

function local(s: Rec, w: PrefixWriter): void {
  w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${v(s['path'])}\n`);
}

function fc(s: Rec, w: PrefixWriter): void {
  const lun = s['lun'] === undefined || s['lun'] === null ? '<none>' : v(s['lun']);
  const wwns = (Array.isArray(s['targetWWNs']) ? s['targetWWNs'] : []).map(String).join(', ');
  w.write(LEVEL_2, `Type:\tFC (a Fibre Channel disk)\n    TargetWWNs:\t${wwns}\n    LUN:\t${lun}\n    FSType:\t${v(s['fsType'])}\n    ReadOnly:\t${b(s['readOnly'])}\n`);
}

function cephfs(s: Rec, w: PrefixWriter): void {
  const ref = isRec(s['secretRef']) ? `&LocalObjectReference{Name:${v(s['secretRef']['name'])},}` : '<nil>';
  w.write(
    LEVEL_2,
    `Type:\tCephFS (a CephFS mount on the host that shares a pod's lifetime)\n    Monitors:\t${goSlice(s['monitors'] as unknown[])}\n    Path:\t${v(s['path'])}\n    User:\t${v(s['user'])}\n    SecretFile:\t${v(s['secretFile'])}\n    SecretRef:\t${ref}\n    ReadOnly:\t${b(s['readOnly'])}\n`,
  );
}

type Printer = (s: Rec, w: PrefixWriter, now: SimTime) => void;

/** Pod volume sources in describeVolumes' order. */
const POD_SOURCES: [string, Printer][] = [
  ['hostPath', hostPath],
  ['emptyDir', emptyDir],
  ['gcePersistentDisk', gcePD],
  ['awsElasticBlockStore', awsEBS],
  ['gitRepo', gitRepo],
  ['secret', secret],
  ['configMap', configMap],
  ['nfs', nfs],
  ['persistentVolumeClaim', pvcSource],
  ['ephemeral', ephemeral],
  ['downwardAPI', downwardAPI],
  ['cephfs', cephfs],
  ['fc', fc],
  ['projected', projected],
  ['csi', csiPod],
  ['image', image],
];

/** PersistentVolume sources in describePersistentVolume's order. */
const PV_SOURCES: [string, Printer][] = [
  ['hostPath', hostPath],
  ['gcePersistentDisk', gcePD],
  ['awsElasticBlockStore', awsEBS],
  ['nfs', nfs],
  ['local', local],
  ['cephfs', cephfs],
  ['fc', fc],
  ['csi', csiPV],
];

/** describeVolumes: "Volumes:" then "  name:" and the source's fields per volume. */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go describeVolumes (v1.32)
export function describeVolumes(volumes: readonly Rec[] | undefined, w: PrefixWriter, space: string, now: SimTime): void {
  const list = volumes ?? [];
  if (list.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const vol of list) {
    w.write(LEVEL_1, `${nameIndent}${v(vol['name'])}:\n`);
    const hit = POD_SOURCES.find(([k]) => isRec(vol[k]));
    if (hit) hit[1](vol[hit[0]] as Rec, w, now);
    else w.write(LEVEL_1, '<unknown>\n');
  }
}

/** The "Source:" body of a PersistentVolume. */
export function describePersistentVolumeSource(spec: Rec, w: PrefixWriter, now: SimTime): void {
  const hit = PV_SOURCES.find(([k]) => isRec(spec[k]));
  if (hit) hit[1](spec[hit[0]] as Rec, w, now);
  else w.write(LEVEL_1, '<unknown>\n');
}
