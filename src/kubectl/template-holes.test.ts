/**
 * The API server does not validate a StatefulSet's pod template (upstream
 * leaves it to a TODO), so any list or field of it may be null, empty, hold
 * an empty or null item, or have the wrong shape — and every verb that reads
 * a template (get -o wide, describe, rollout history, set image, rollout
 * undo/restart) and the controllers that make pods of it must still answer
 * in kubectl's and the API server's words. Each case patches one hole into a
 * running set, then runs the commands.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../lib/rng';
import { JS_WORDS, openTerminal, webSet } from '../scenario/testing';

const STS = webSet({ www: '/www' });

/** A full template; each case replaces one field or list item of it. */
const TEMPLATE = {
  metadata: { labels: { app: 'nginx' }, annotations: { a: 'b' } },
  spec: {
    initContainers: [{ name: 'init', image: 'busybox', command: ['true'] }],
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.25',
        ports: [{ containerPort: 80, name: 'web' }],
        env: [{ name: 'A', value: 'b' }, { name: 'P', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        envFrom: [{ configMapRef: { name: 'x' } }],
        volumeMounts: [{ name: 'www', mountPath: '/www' }],
        readinessProbe: { exec: { command: ['true'] } },
        resources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
        command: ['a'],
        args: ['b'],
      },
    ],
    volumes: [{ name: 'v', emptyDir: {} }],
    tolerations: [{ key: 'a', operator: 'Exists' }],
    nodeSelector: { a: 'b' },
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'nginx' } } }] } },
    imagePullSecrets: [{ name: 's' }],
  },
};

const HOLES: unknown[] = [null, {}, [], [{}], [null], '', 5];

/** Every path to a field or list item below spec.template (not the labels the selector needs). */
function paths(o: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (o === null || typeof o !== 'object') return [];
  const out: (string | number)[][] = [];
  for (const [k, v] of Object.entries(o)) {
    const p = [...at, Array.isArray(o) ? Number(k) : k];
    if (!(p[0] === 'metadata' && p[1] === 'labels')) out.push(p);
    out.push(...paths(v, p));
  }
  return out;
}

const COMMANDS = [
  'sleep 30s',
  'kubectl get sts -o wide',
  'kubectl describe sts web',
  'kubectl rollout history sts web --revision=2',
  'kubectl set image sts/web nginx=nginx:1.28 init=busybox:2',
  'kubectl get pods -o wide',
  'kubectl describe pods',
  'kubectl get sts -o custom-columns=N:.metadata.name,I:.spec.template.spec.containers[*].image',
  'kubectl rollout restart sts web',
  'kubectl rollout undo sts web',
  'kubectl delete pod web-0',
  'sleep 60s',
  'kubectl get events',
];

describe('holes in a StatefulSet pod template', () => {
  const rng = new Rng(11);
  const all = paths(TEMPLATE);
  const cases = Array.from({ length: 120 }, () => {
    const path = all[rng.int(all.length)] as (string | number)[];
    const hole = HOLES[rng.int(HOLES.length)];
    const template = JSON.parse(JSON.stringify(TEMPLATE)) as Record<string, unknown>;
    let cur = template as Record<string | number, unknown>;
    for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
    cur[path[path.length - 1] as string | number] = hole;
    return [`${path.join('.')} = ${JSON.stringify(hole)}`, JSON.stringify({ spec: { template } })] as const;
  });

  it.each(cases)('%s', (_name, patch) => {
    const { run } = openTerminal({ 'web.yaml': STS }, ['kubectl apply -f web.yaml', 'sleep 30s', `kubectl patch sts web --type=merge -p '${patch}'`]);
    for (const c of COMMANDS) {
      const { out } = run(c);
      expect(JS_WORDS.exec(out)?.[0], `${c}:\n${out}`).toBeUndefined();
    }
  });
});
