import { describe, expect, it } from 'vitest';
import { openTerminal, webSet } from '../../scenario/testing';

function terminal() {
  const { s, runApart } = openTerminal({ 'web.yaml': webSet({ replicas: 1 }) }, ['kubectl apply -f web.yaml']);
  const replicas = () => (s.cluster.api.get('StatefulSet', 'default', 'web')?.['spec'] as { replicas: number }).replicas;
  return { run: runApart, replicas };
}

describe('kubectl scale goes through the scale subresource', () => {
  it('patches spec.replicas of the Scale', () => {
    const t = terminal();
    expect(t.run('kubectl scale sts web --replicas=3')).toEqual({ code: 0, out: 'statefulset.apps/web scaled\n', err: '' });
    expect(t.replicas()).toBe(3);
  });
  it('checks --current-replicas and --resource-version first', () => {
    const t = terminal();
    expect(t.run('kubectl scale sts web --replicas=3 --current-replicas=2')).toEqual({ code: 1, out: '', err: 'error: Expected replicas to be 2, was 1\n' });
    expect(t.run('kubectl scale sts web --replicas=3 --resource-version=1').err).toMatch(/^error: Expected resourceVersion to be 1, was \d+\n$/);
    expect(t.run('kubectl scale sts web --replicas=2 --current-replicas=1').out).toBe('statefulset.apps/web scaled\n');
    expect(t.replicas()).toBe(2);
  });
  it('server dry run changes nothing; admission still applies', () => {
    const t = terminal();
    expect(t.run('kubectl scale sts web --replicas=5 --dry-run=server').out).toBe('statefulset.apps/web scaled (server dry run)\n');
    expect(t.replicas()).toBe(1);
    expect(t.run('kubectl scale sts web --replicas=5000').err).toMatch(/^Error from server \(Forbidden\): statefulsets\.apps "web" is forbidden: ValidatingAdmissionPolicy 'playground-limits'/);
    expect(t.replicas()).toBe(1);
  });
});
