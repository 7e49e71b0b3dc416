import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestDrift } from './drift';
import { setManifestField } from './manifest-edit';
import { NGINX_SERVICE, openTerminal, webSet } from './testing';

const MANIFESTS = `${NGINX_SERVICE}---\n${webSet({ replicas: 2, image: 'nginx:1.27', www: '/usr/share/nginx/html' })}`;

function cluster(commands: string[]) {
  const t = openTerminal({ 'm.yaml': MANIFESTS });
  t.run('kubectl apply -f m.yaml');
  for (const c of commands) t.run(c);
  const get = (kind: string, ns: string, name: string) => t.s.cluster.api.get(kind, ns, name);
  return { t, get };
}

describe('manifestDrift', () => {
  it('finds nothing right after an apply, though the server added defaults and status', () => {
    const { get } = cluster(['sleep 1m']);
    expect(manifestDrift(MANIFESTS, get)).toEqual([]);
  });

  it('finds the fields kubectl scale, set image and patch changed, at the editor\'s value', () => {
    const { get } = cluster([
      'kubectl scale sts web --replicas=5',
      'kubectl set image sts web nginx=nginx:1.28',
      `kubectl patch svc nginx --type=merge -p '{"spec":{"ports":[{"port":8080}]}}'`,
      'sleep 10s',
    ]);
    const drift = manifestDrift(MANIFESTS, get);
    expect(drift.map((d) => `${d.kind}/${d.name} ${d.label}: ${d.editor} -> ${d.live}`)).toEqual([
      'Service/nginx spec.ports[0].port: 80 -> 8080',
      'StatefulSet/web spec.replicas: 2 -> 5',
      'StatefulSet/web spec.template.spec.containers[nginx].image: nginx:1.27 -> nginx:1.28',
    ]);
    const replicas = drift.find((d) => d.label === 'spec.replicas');
    const line = MANIFESTS.split('\n').findIndex((l) => l.includes('replicas: 2')) + 1;
    expect([replicas?.line, MANIFESTS.split('\n')[(replicas?.line ?? 1) - 1]?.slice((replicas?.column ?? 1) - 1, (replicas?.endColumn ?? 1) - 1)]).toEqual([line, '2']);
  });

  it('takes the live values into the text: afterwards nothing differs and the rest of the text is kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.constantFrom('nginx:1.27', 'nginx:1.28', 'nginx:1.29-alpine'), fc.integer({ min: 0, max: 4 }), (replicas, image, partition) => {
        const { get } = cluster([`kubectl scale sts web --replicas=${replicas}`, `kubectl set image sts web nginx=${image}`, `kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":${partition}}}}}'`]);
        let text = MANIFESTS;
        for (const d of manifestDrift(text, get)) text = setManifestField(text, d.kind, d.name, d.path, d.value) ?? text;
        expect(manifestDrift(text, get)).toEqual([]);
        // Only the drifted values changed: the text has as many lines as before.
        expect(text.split('\n').length).toBe(MANIFESTS.split('\n').length);
      }),
      { numRuns: 15, seed: 3 },
    );
  });

  it('ignores objects the cluster does not have, broken documents and quantities written another way', () => {
    const { get } = cluster([]);
    const text = MANIFESTS.replace('storage: 1Gi', 'storage: 1024Mi') + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: other\nspec:\n  clusterIP: None\n---\nkind: [\n';
    expect(manifestDrift(text, get)).toEqual([]);
  });
});
