import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { editManifest, setManifestField } from './manifest-edit';

const TEXT = `# the service
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web   # my set
spec:
  replicas: 2            # keep this comment
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 0
  template:
    spec:
      containers:
      - name: sidecar
        image: busybox
      - name: nginx
        image: nginx:1.27
`;

const js = (t: string) => parseAllDocuments(t).map((d) => (Array.isArray(d) ? null : d.toJS()));

describe('setManifestField', () => {
  it('rewrites only the value, keeping comments and layout', () => {
    const out = setManifestField(TEXT, 'StatefulSet', 'web', ['spec', 'replicas'], 5);
    expect(out).toBe(TEXT.replace('replicas: 2 ', 'replicas: 5 '));
  });

  it('finds a container by name', () => {
    const out = setManifestField(TEXT, 'StatefulSet', 'web', ['spec', 'template', 'spec', 'containers', { name: 'nginx' }, 'image'], 'nginx:1.28');
    expect(out).toBe(TEXT.replace('nginx:1.27', 'nginx:1.28'));
  });

  it('adds a missing field to its document only, keeping the other document byte for byte', () => {
    const noPartition = TEXT.replace('    rollingUpdate:\n      partition: 0\n', '');
    const out = setManifestField(noPartition, 'StatefulSet', 'web', ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], 3) as string;
    expect(js(out)[1].spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 3 } });
    expect(out.startsWith(noPartition.slice(0, noPartition.indexOf('---')))).toBe(true);
    expect(out).toContain('# keep this comment');
    // The list keeps the author's unindented style.
    expect(out).toContain('      containers:\n      - name: sidecar');
  });

  it('removes a field with null', () => {
    const out = editManifest(TEXT, 'StatefulSet', 'web', [
      { path: ['spec', 'updateStrategy', 'type'], value: 'OnDelete' },
      { path: ['spec', 'updateStrategy', 'rollingUpdate'], value: null },
    ]) as string;
    expect(js(out)[1].spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('quotes values YAML would read as another type', () => {
    const out = setManifestField(TEXT, 'StatefulSet', 'web', ['spec', 'template', 'spec', 'containers', { name: 'nginx' }, 'image'], 'true') as string;
    expect(js(out)[1].spec.template.spec.containers[1].image).toBe('true');
  });

  it('returns undefined when the object is not in the text', () => {
    expect(setManifestField(TEXT, 'StatefulSet', 'db', ['spec', 'replicas'], 1)).toBeUndefined();
  });
});
