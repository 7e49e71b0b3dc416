/**
 * JSON Schema (draft-07) for the kinds the playground models, bundled with the
 * editor and handed to monaco-yaml inline (never fetched). Each YAML document
 * is matched by its `kind` through if/then branches, so completion offers the
 * fields of that kind and validation names the field at fault.
 *
 * Objects whose field list is complete here (the StatefulSet spec, the claim
 * spec, selectors, update strategy, ports, mounts, probe handlers, ...) reject
 * unknown fields, as kubectl's strict validation does; large open-ended ones
 * (pod and container specs, volume sources) accept fields not listed.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const oneOfStrings = (description: string, values: string[]): Schema => ({ type: 'string', description, enum: values });
const stringMap = (description: string): Schema => ({ type: 'object', description, additionalProperties: { type: 'string' } });
const list = (description: string, items: Schema, extra: Schema = {}): Schema => ({ type: 'array', description, items, ...extra });
const closed = (description: string, properties: Record<string, Schema>, extra: Schema = {}): Schema => ({ type: 'object', description, properties, additionalProperties: false, ...extra });
const open = (description: string, properties: Record<string, Schema>, extra: Schema = {}): Schema => ({ type: 'object', description, properties, ...extra });

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** The kinds, each with its apiVersion, in the order completion offers them. */
export const KINDS: readonly { kind: string; apiVersion: string; definition: string }[] = [
  { kind: 'Service', apiVersion: 'v1', definition: 'Service' },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', definition: 'StatefulSet' },
  { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', definition: 'StorageClass' },
  { kind: 'PersistentVolume', apiVersion: 'v1', definition: 'PersistentVolume' },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', definition: 'PersistentVolumeClaim' },
];

const definitions: Record<string, Schema> = {
  quantity: {
    description: 'A resource quantity: a number with an optional suffix, such as 1Gi, 500Mi, 10G or 100m.',
    anyOf: [
      { type: 'string', pattern: '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$', patternErrorMessage: 'A quantity is a number with an optional suffix, such as 1Gi, 500Mi or 10G.' },
      { type: 'number' },
    ],
  },
  intOrString: {
    description: 'A port number, or the name of a container port.',
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  },
  portNumber: int('A port number, from 1 to 65535.', { minimum: 1, maximum: 65535 }),

  ObjectMeta: open('Standard object metadata: the name, and the labels and annotations attached to the object.', {
    name: str('The object\'s name, unique among objects of its kind in the namespace. Pods of a StatefulSet are named <name>-<ordinal>.'),
    namespace: str('The namespace the object lives in. Cluster-scoped kinds (PersistentVolume, StorageClass) have none.'),
    generateName: str('A prefix the API server completes with random characters when no name is given.'),
    labels: stringMap('Key/value pairs used to select objects (selectors match on them).'),
    annotations: stringMap('Key/value pairs for tools and people; not used for selection.'),
    finalizers: list('Conditions that must be cleared before the object is removed from storage.', { type: 'string' }),
    ownerReferences: list('Objects this one depends on; deleting the owner lets the garbage collector remove it.', { type: 'object' }),
    uid: str('Set by the API server: the unique id of this object. Ignored on apply.'),
    resourceVersion: str('Set by the API server: the version of the object in storage.'),
    generation: int('Set by the API server: increments when the desired state (spec) changes.'),
    creationTimestamp: { description: 'Set by the API server: when the object was created.', type: ['string', 'null'] },
  }),

  LabelSelector: closed('Selects objects by their labels. All conditions must match; an empty selector matches everything.', {
    matchLabels: stringMap('Labels the object must carry with exactly these values.'),
    matchExpressions: list(
      'Set-based conditions on labels.',
      closed(
        'A condition on one label key.',
        {
          key: str('The label key the condition applies to.'),
          operator: oneOfStrings('How the label value is compared with `values`.', ['In', 'NotIn', 'Exists', 'DoesNotExist']),
          values: list('Values for In and NotIn; must be empty for Exists and DoesNotExist.', { type: 'string' }),
        },
        { required: ['key', 'operator'] },
      ),
    ),
  }),

  // ---------------------------------------------------------------- Pod template

  ContainerPort: closed(
    'A port the container listens on (informational; it is what a named targetPort refers to).',
    {
      containerPort: { ...ref('portNumber'), description: 'The port number on the pod\'s IP address.' },
      name: str('A name for the port, unique in the pod (at most 15 characters); Services and probes can refer to it.', { maxLength: 15 }),
      protocol: oneOfStrings('The protocol; defaults to TCP.', ['TCP', 'UDP', 'SCTP']),
      hostPort: int('A port to expose on the node as well (rarely needed).', { minimum: 1, maximum: 65535 }),
      hostIP: str('The node IP to bind hostPort to.'),
    },
    { required: ['containerPort'] },
  ),

  EnvVar: closed(
    'An environment variable for the container.',
    {
      name: str('The variable\'s name.'),
      value: str('The value; $(OTHER) references to earlier variables are expanded.'),
      valueFrom: open('Takes the value from a field of the pod, a resource limit, a ConfigMap or a Secret.', {
        fieldRef: open('A field of the pod, such as metadata.name (the pod name, e.g. web-0).', { fieldPath: str('The field path, e.g. metadata.name or status.podIP.') }),
        configMapKeyRef: open('A key of a ConfigMap.', { name: str('The ConfigMap name.'), key: str('The key.'), optional: bool('Whether the ConfigMap or key may be missing.') }),
        secretKeyRef: open('A key of a Secret.', { name: str('The Secret name.'), key: str('The key.'), optional: bool('Whether the Secret or key may be missing.') }),
        resourceFieldRef: open('A resource request or limit of a container.', { containerName: str('The container.'), resource: str('The resource, e.g. limits.memory.') }),
      }),
    },
    { required: ['name'] },
  ),

  VolumeMount: closed(
    'Mounts one of the pod\'s volumes (or a volumeClaimTemplate) into the container.',
    {
      name: str('The name of a pod volume or of a volumeClaimTemplate.'),
      mountPath: str('Where the volume appears inside the container.'),
      readOnly: bool('Mount read-only; defaults to false.'),
      subPath: str('A path inside the volume to mount instead of its root.'),
      subPathExpr: str('Like subPath, with $(VAR) expansion from the container\'s environment.'),
      mountPropagation: oneOfStrings('How mounts propagate between host and container.', ['None', 'HostToContainer', 'Bidirectional']),
      recursiveReadOnly: oneOfStrings('Whether read-only applies to submounts too.', ['Disabled', 'IfPossible', 'Enabled']),
    },
    { required: ['name', 'mountPath'] },
  ),

  Probe: open('A periodic check run by the kubelet. Exactly one handler (exec, httpGet, tcpSocket or grpc) is given.', {
    exec: closed('Runs a command in the container; exit status 0 means success.', {
      command: list('The command and its arguments (not run in a shell unless you call one).', { type: 'string' }),
    }),
    httpGet: closed(
      'Sends an HTTP GET to the pod; a status from 200 to 399 means success.',
      {
        path: str('The request path, e.g. /healthz.'),
        port: { ...ref('intOrString'), description: 'The port number or the name of a container port.' },
        host: str('The host to connect to; defaults to the pod IP.'),
        scheme: oneOfStrings('HTTP or HTTPS; defaults to HTTP.', ['HTTP', 'HTTPS']),
        httpHeaders: list('Extra request headers.', closed('A header.', { name: str('The header name.'), value: str('The header value.') }, { required: ['name', 'value'] })),
      },
      { required: ['port'] },
    ),
    tcpSocket: closed(
      'Opens a TCP connection; success when it connects.',
      {
        port: { ...ref('intOrString'), description: 'The port number or the name of a container port.' },
        host: str('The host to connect to; defaults to the pod IP.'),
      },
      { required: ['port'] },
    ),
    grpc: closed('Calls the gRPC health checking service.', { port: int('The port number.'), service: str('The service name passed in the health check request.') }, { required: ['port'] }),
    initialDelaySeconds: int('Seconds after the container starts before the first check; defaults to 0.', { minimum: 0 }),
    periodSeconds: int('Seconds between checks; defaults to 10, at least 1.', { minimum: 1 }),
    timeoutSeconds: int('Seconds before a check times out; defaults to 1, at least 1.', { minimum: 1 }),
    successThreshold: int('Consecutive successes needed after a failure; defaults to 1 (must be 1 for liveness and startup probes).', { minimum: 1 }),
    failureThreshold: int('Consecutive failures before the probe is considered failed; defaults to 3.', { minimum: 1 }),
    terminationGracePeriodSeconds: int('For liveness and startup probes: grace period used when the probe kills the container.', { minimum: 1 }),
  }),

  ResourceRequirements: closed('Compute resources the container requests (for scheduling) and may not exceed (limits).', {
    requests: { type: 'object', description: 'Minimum resources, e.g. cpu: 100m, memory: 128Mi.', additionalProperties: ref('quantity'), properties: { cpu: ref('quantity'), memory: ref('quantity') } },
    limits: { type: 'object', description: 'Maximum resources, e.g. cpu: 500m, memory: 256Mi.', additionalProperties: ref('quantity'), properties: { cpu: ref('quantity'), memory: ref('quantity') } },
    claims: list('Dynamic resource claims used by the container.', { type: 'object' }),
  }),

  Container: open(
    'A container of the pod.',
    {
      name: str('The container\'s name, unique in the pod.'),
      image: str('The image to run, e.g. nginx:1.27. Changing it in a StatefulSet template starts a rolling update.'),
      imagePullPolicy: oneOfStrings('When the kubelet pulls the image; defaults to Always for :latest, IfNotPresent otherwise.', ['Always', 'IfNotPresent', 'Never']),
      command: list('Overrides the image\'s entrypoint.', { type: 'string' }),
      args: list('Arguments to the entrypoint.', { type: 'string' }),
      workingDir: str('The working directory; defaults to the image\'s.'),
      ports: list('Ports the container exposes.', ref('ContainerPort')),
      env: list('Environment variables.', ref('EnvVar')),
      envFrom: list('Sources (ConfigMaps, Secrets) whose keys all become variables.', { type: 'object' }),
      resources: ref('ResourceRequirements'),
      volumeMounts: list('Volumes to mount into the container.', ref('VolumeMount')),
      readinessProbe: { ...ref('Probe'), description: 'While it fails, the pod is not Ready: it is left out of Service endpoints, and an OrderedReady StatefulSet waits for it.' },
      livenessProbe: { ...ref('Probe'), description: 'When it fails, the kubelet restarts the container.' },
      startupProbe: { ...ref('Probe'), description: 'Holds off the other probes until it succeeds once.' },
      lifecycle: open('Hooks run after start and before stop.', { postStart: { type: 'object', description: 'Run right after the container starts.' }, preStop: { type: 'object', description: 'Run before the container is stopped.' } }),
      restartPolicy: oneOfStrings('Only for init containers: Always makes it a sidecar that keeps running.', ['Always']),
      securityContext: { type: 'object', description: 'Security options (user, capabilities, privilege).' },
      terminationMessagePath: str('File the container writes its termination message to.'),
      terminationMessagePolicy: oneOfStrings('Where the termination message comes from.', ['File', 'FallbackToLogsOnError']),
      stdin: bool('Allocate a stdin buffer.'),
      tty: bool('Allocate a TTY.'),
    },
    { required: ['name'] },
  ),

  Volume: open(
    'A volume the pod\'s containers can mount. For per-pod storage in a StatefulSet, use volumeClaimTemplates instead.',
    {
      name: str('The volume\'s name, referred to by volumeMounts.'),
      persistentVolumeClaim: closed('Mounts an existing PersistentVolumeClaim (shared by all pods that name it).', { claimName: str('The claim\'s name.'), readOnly: bool('Mount read-only.') }, { required: ['claimName'] }),
      emptyDir: open('A scratch directory that lives as long as the pod.', { medium: oneOfStrings('Memory for a tmpfs; empty for the node\'s disk.', ['', 'Memory']), sizeLimit: ref('quantity') }),
      configMap: open('Files from a ConfigMap\'s keys.', { name: str('The ConfigMap\'s name.'), optional: bool('Whether it may be missing.') }),
      secret: open('Files from a Secret\'s keys.', { secretName: str('The Secret\'s name.'), optional: bool('Whether it may be missing.') }),
      hostPath: ref('HostPathSource'),
    },
    { required: ['name'] },
  ),

  PodSpec: open(
    'The pod\'s containers, volumes and scheduling settings.',
    {
      containers: list('The containers of the pod (at least one).', ref('Container'), { minItems: 1 }),
      initContainers: list('Containers run one after another to completion before the main containers start.', ref('Container')),
      volumes: list('Volumes shared by the pod\'s containers.', ref('Volume')),
      terminationGracePeriodSeconds: int('Seconds the containers get to stop after SIGTERM before they are killed; defaults to 30.', { minimum: 0 }),
      restartPolicy: oneOfStrings('Restart policy of the containers; a StatefulSet\'s template only allows Always.', ['Always', 'OnFailure', 'Never']),
      activeDeadlineSeconds: int('Seconds the pod may run before it is failed.', { minimum: 1 }),
      nodeName: str('Puts the pod on this node directly, bypassing the scheduler.'),
      nodeSelector: stringMap('Node labels the pod\'s node must have.'),
      affinity: { type: 'object', description: 'Node and pod affinity and anti-affinity rules.' },
      tolerations: list('Taints the pod tolerates.', { type: 'object' }),
      topologySpreadConstraints: list('How pods spread across zones or nodes.', { type: 'object' }),
      hostname: str('The pod\'s hostname; a StatefulSet sets it to the pod name.'),
      subdomain: str('Makes the pod resolvable as <hostname>.<subdomain>; a StatefulSet sets it to serviceName.'),
      serviceAccountName: str('The service account the pod runs as.'),
      securityContext: { type: 'object', description: 'Pod-level security options (fsGroup, runAsUser, ...).' },
      dnsPolicy: oneOfStrings('How the pod\'s DNS is set up; defaults to ClusterFirst.', ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']),
      schedulerName: str('The scheduler that places the pod; defaults to default-scheduler.'),
      priorityClassName: str('The pod\'s priority class.'),
      imagePullSecrets: list('Secrets used to pull private images.', closed('A Secret reference.', { name: str('The Secret\'s name.') })),
    },
    { required: ['containers'] },
  ),

  PodTemplateSpec: closed(
    'The pod every replica is created from. Changing it creates a new revision and starts an update.',
    {
      metadata: { ...ref('ObjectMeta'), description: 'Labels (which the selector must match) and annotations of the pods.' },
      spec: ref('PodSpec'),
    },
    { required: ['spec'] },
  ),

  // ---------------------------------------------------------------- Storage

  PersistentVolumeClaimSpec: closed('What storage the claim asks for.', {
    accessModes: list('How the volume may be mounted; ReadWriteOnce: by one node at a time.', oneOfStrings('An access mode.', ACCESS_MODES), { minItems: 1 }),
    resources: closed('The amount of storage requested.', {
      requests: closed('Minimum resources; storage is the size of the volume.', { storage: { ...ref('quantity'), description: 'The requested size, e.g. 1Gi.' } }),
      limits: closed('Maximum resources.', { storage: { ...ref('quantity'), description: 'The largest size.' } }),
    }),
    storageClassName: { type: ['string', 'null'], description: 'The StorageClass that provisions or matches the volume. Omitted: the default class; "": only volumes without a class.' },
    volumeName: str('Binds to this PersistentVolume by name.'),
    volumeMode: oneOfStrings('Filesystem (default) or Block.', ['Filesystem', 'Block']),
    selector: { ...ref('LabelSelector'), description: 'Only volumes with matching labels can be bound.' },
    dataSource: { type: 'object', description: 'A snapshot or claim to populate the new volume from.' },
    dataSourceRef: { type: 'object', description: 'An object to populate the new volume from.' },
    volumeAttributesClassName: str('The VolumeAttributesClass of the volume.'),
  }),

  PersistentVolumeClaimTemplate: closed(
    'A claim template: each pod gets its own claim, named <template>-<pod>, e.g. www-web-0. Claims outlive their pods.',
    {
      apiVersion: oneOfStrings('Usually omitted.', ['v1']),
      kind: oneOfStrings('Usually omitted.', ['PersistentVolumeClaim']),
      metadata: { ...ref('ObjectMeta'), description: 'The template\'s name is what containers mount.' },
      spec: ref('PersistentVolumeClaimSpec'),
    },
    { required: ['metadata'] },
  ),

  HostPathSource: closed(
    'A directory on the node.',
    {
      path: str('The path on the node.'),
      type: oneOfStrings('What must exist at the path.', ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']),
    },
    { required: ['path'] },
  ),

  // ---------------------------------------------------------------- Kinds

  Service: closed(
    'A Service: a stable name and address for a set of pods. A headless Service (clusterIP: None) gives each StatefulSet pod its own DNS name.',
    {
      apiVersion: { const: 'v1', enum: ['v1'], description: 'Services are in the core API group, version v1.' },
      kind: { const: 'Service', description: 'Service.' },
      metadata: ref('ObjectMeta'),
      spec: open('How the Service selects pods and which ports it exposes.', {
        type: oneOfStrings('How the Service is exposed; defaults to ClusterIP.', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']),
        clusterIP: str('The virtual IP; "None" makes the Service headless (DNS returns the pods\' addresses).'),
        clusterIPs: list('The virtual IPs (one per IP family).', { type: 'string' }),
        selector: stringMap('Pods with these labels become the Service\'s endpoints.'),
        ports: list(
          'Ports the Service exposes.',
          closed(
            'A Service port.',
            {
              name: str('The port\'s name; required when there are several ports.'),
              port: { ...ref('portNumber'), description: 'The port the Service listens on.' },
              targetPort: { ...ref('intOrString'), description: 'The pods\' port (number or container port name); defaults to port.' },
              protocol: oneOfStrings('The protocol; defaults to TCP.', ['TCP', 'UDP', 'SCTP']),
              nodePort: int('For NodePort and LoadBalancer: the port on every node.', { minimum: 1, maximum: 65535 }),
              appProtocol: str('The application protocol, e.g. http.'),
            },
            { required: ['port'] },
          ),
        ),
        publishNotReadyAddresses: bool('List pods in DNS before they are Ready (StatefulSet peers often need this to find each other).'),
        sessionAffinity: oneOfStrings('Send a client to the same pod each time; defaults to None.', ['None', 'ClientIP']),
        externalName: str('For ExternalName: the DNS name returned.'),
        externalTrafficPolicy: oneOfStrings('For NodePort and LoadBalancer: route to node-local pods only, or cluster-wide.', ['Cluster', 'Local']),
        internalTrafficPolicy: oneOfStrings('Route in-cluster traffic to node-local pods only, or cluster-wide.', ['Cluster', 'Local']),
        ipFamilyPolicy: oneOfStrings('Single or dual stack.', ['SingleStack', 'PreferDualStack', 'RequireDualStack']),
        ipFamilies: list('IP families, in order.', oneOfStrings('An IP family.', ['IPv4', 'IPv6'])),
      }),
      status: { type: 'object', description: 'Written by the cluster; ignored on apply.' },
    },
    { title: 'Service (v1)', required: ['apiVersion', 'kind', 'metadata'] },
  ),

  StatefulSet: closed(
    'A StatefulSet: pods with stable names (<name>-0, <name>-1, ...), stable DNS names and a claim each, created, updated and removed in order.',
    {
      apiVersion: { const: 'apps/v1', enum: ['apps/v1'], description: 'StatefulSets are in the apps API group, version v1.' },
      kind: { const: 'StatefulSet', description: 'StatefulSet.' },
      metadata: ref('ObjectMeta'),
      spec: closed(
        'The desired state of the StatefulSet.',
        {
          replicas: int('The number of pods; defaults to 1. Scaling up creates the next ordinals, scaling down removes the highest first.', { minimum: 0 }),
          serviceName: str('The headless Service that gives the pods their DNS names: <pod>.<serviceName>.'),
          selector: { ...ref('LabelSelector'), description: 'Which pods belong to the set; must match the template\'s labels. Cannot be changed after creation.' },
          template: ref('PodTemplateSpec'),
          volumeClaimTemplates: list('Claims created for each pod (<template>-<pod>); they are kept when pods are deleted.', ref('PersistentVolumeClaimTemplate')),
          podManagementPolicy: oneOfStrings('OrderedReady (default): create one pod at a time, each after the previous is Running and Ready, and remove in reverse. Parallel: start and remove all at once.', ['OrderedReady', 'Parallel']),
          updateStrategy: closed('How pods are replaced when the template changes.', {
            type: oneOfStrings('RollingUpdate (default): replace pods from the highest ordinal down, one at a time. OnDelete: replace a pod only when you delete it.', ['RollingUpdate', 'OnDelete']),
            rollingUpdate: {
              ...closed('Settings for RollingUpdate.', {
                partition: int('Only pods with an ordinal >= partition are updated; lower ones keep the old revision (canary). Defaults to 0.', { minimum: 0 }),
                maxUnavailable: { ...ref('intOrString'), description: 'How many pods may be unavailable during the update (a number or a percentage like 25%); defaults to 1. Needs the MaxUnavailableStatefulSet feature.' },
              }),
              type: ['object', 'null'],
            },
          }),
          minReadySeconds: int('Seconds a new pod must stay Ready before it counts as available; defaults to 0.', { minimum: 0 }),
          revisionHistoryLimit: int('How many old ControllerRevisions to keep; defaults to 10.', { minimum: 0 }),
          ordinals: closed('Where pod numbering starts.', { start: int('The first ordinal; defaults to 0. Pods are numbered start .. start+replicas-1.', { minimum: 0 }) }),
          persistentVolumeClaimRetentionPolicy: closed('What happens to the claims from volumeClaimTemplates.', {
            whenDeleted: oneOfStrings('When the StatefulSet is deleted: Retain (default) keeps the claims, Delete removes them.', ['Retain', 'Delete']),
            whenScaled: oneOfStrings('When it is scaled down: Retain (default) keeps the claims of removed pods, Delete removes them.', ['Retain', 'Delete']),
          }),
        },
        { required: ['selector', 'template'] },
      ),
      status: { type: 'object', description: 'Written by the controller; ignored on apply.' },
    },
    { title: 'StatefulSet (apps/v1)', required: ['apiVersion', 'kind', 'metadata', 'spec'] },
  ),

  StorageClass: closed(
    'A StorageClass: how volumes are provisioned for claims that name it. Its fields are at the top level (no spec).',
    {
      apiVersion: { const: 'storage.k8s.io/v1', enum: ['storage.k8s.io/v1'], description: 'StorageClasses are in the storage.k8s.io API group, version v1.' },
      kind: { const: 'StorageClass', description: 'StorageClass.' },
      metadata: { ...ref('ObjectMeta'), description: 'The annotation storageclass.kubernetes.io/is-default-class: "true" makes it the default class.' },
      provisioner: str('The volume plugin that creates the volumes, e.g. rancher.io/local-path or ebs.csi.aws.com. Cannot be changed.'),
      parameters: stringMap('Settings passed to the provisioner. Cannot be changed.'),
      reclaimPolicy: oneOfStrings('What happens to a provisioned volume when its claim is deleted; defaults to Delete.', ['Retain', 'Delete']),
      volumeBindingMode: oneOfStrings('Immediate (default): bind and provision when the claim is created. WaitForFirstConsumer: wait until a pod using the claim is scheduled.', ['Immediate', 'WaitForFirstConsumer']),
      allowVolumeExpansion: bool('Whether claims of this class may be resized upwards.'),
      mountOptions: list('Mount options for the volumes.', { type: 'string' }),
      allowedTopologies: list('Where volumes may be provisioned.', { type: 'object' }),
    },
    { title: 'StorageClass (storage.k8s.io/v1)', required: ['apiVersion', 'kind', 'metadata', 'provisioner'] },
  ),

  PersistentVolume: closed(
    'A PersistentVolume: a piece of storage in the cluster, bound to at most one claim.',
    {
      apiVersion: { const: 'v1', enum: ['v1'], description: 'PersistentVolumes are in the core API group, version v1.' },
      kind: { const: 'PersistentVolume', description: 'PersistentVolume.' },
      metadata: ref('ObjectMeta'),
      spec: open('The volume\'s size, access modes and source.', {
        capacity: closed('The volume\'s size.', { storage: { ...ref('quantity'), description: 'The size, e.g. 10Gi.' } }),
        accessModes: list('How the volume may be mounted.', oneOfStrings('An access mode.', ACCESS_MODES)),
        persistentVolumeReclaimPolicy: oneOfStrings('What happens when the bound claim is deleted: Retain (keep, Released), Delete, or Recycle (deprecated).', ['Retain', 'Delete', 'Recycle']),
        storageClassName: str('The class the volume belongs to; only claims of that class bind to it.'),
        volumeMode: oneOfStrings('Filesystem (default) or Block.', ['Filesystem', 'Block']),
        claimRef: closed('Reserves the volume for one claim (set by the binder once bound).', {
          kind: oneOfStrings('PersistentVolumeClaim.', ['PersistentVolumeClaim']),
          apiVersion: oneOfStrings('v1.', ['v1']),
          namespace: str('The claim\'s namespace.'),
          name: str('The claim\'s name.'),
          uid: str('The claim\'s uid.'),
          resourceVersion: str('The claim\'s resource version.'),
          fieldPath: str('Unused for claims.'),
        }),
        mountOptions: list('Mount options.', { type: 'string' }),
        nodeAffinity: { type: 'object', description: 'Nodes the volume can be used from.' },
        nfs: closed(
          'An NFS export.',
          { server: str('The NFS server\'s host name or IP.'), path: str('The exported path.'), readOnly: bool('Mount read-only.') },
          { required: ['server', 'path'] },
        ),
        hostPath: ref('HostPathSource'),
        local: open('A local disk on one node (needs nodeAffinity).', { path: str('The path on the node.'), fsType: str('The filesystem type.') }, { required: ['path'] }),
        csi: open('A volume from a CSI driver.', { driver: str('The driver name.'), volumeHandle: str('The driver\'s id for the volume.') }, { required: ['driver', 'volumeHandle'] }),
      }),
      status: { type: 'object', description: 'Written by the cluster; ignored on apply.' },
    },
    { title: 'PersistentVolume (v1)', required: ['apiVersion', 'kind', 'metadata', 'spec'] },
  ),

  PersistentVolumeClaim: closed(
    'A PersistentVolumeClaim: a request for storage, bound to one PersistentVolume.',
    {
      apiVersion: { const: 'v1', enum: ['v1'], description: 'PersistentVolumeClaims are in the core API group, version v1.' },
      kind: { const: 'PersistentVolumeClaim', description: 'PersistentVolumeClaim.' },
      metadata: ref('ObjectMeta'),
      spec: ref('PersistentVolumeClaimSpec'),
      status: { type: 'object', description: 'Written by the cluster; ignored on apply.' },
    },
    { title: 'PersistentVolumeClaim (v1)', required: ['apiVersion', 'kind', 'metadata', 'spec'] },
  ),
};

/** The schema of one YAML document: one of the kinds, chosen by `kind`. */
export const manifestSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://statefulset-playground.local/schemas/manifests.json',
  title: 'Kubernetes manifest',
  description: 'One object: a Service, StatefulSet, StorageClass, PersistentVolume or PersistentVolumeClaim.',
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', description: 'The API group and version of the kind: v1, apps/v1 or storage.k8s.io/v1.', enum: [...new Set(KINDS.map((k) => k.apiVersion))] },
    kind: { type: 'string', description: 'The kind of object.', enum: KINDS.map((k) => k.kind) },
    metadata: ref('ObjectMeta'),
  },
  allOf: KINDS.map((k) => ({
    if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
    then: ref(k.definition),
  })),
  definitions,
};
