import { describe, expect, it } from 'vitest';
import { readOnlyAllows } from '../embed/config';
import { readOnlyLine } from './terminal-lines';

describe('readOnlyLine: what a read-only embed may run, shell lines included', () => {
  it.each([
    ['kubectl get pods | grep web | wc -l', true],
    ['for i in 0 1; do kubectl exec web-$i -- hostname; done', false],
    ["for i in 0 1; do kubectl exec web-0 -- sh -c 'hostname'; done", true],
    ['kubectl get pods; kubectl describe sts web', true],
    ['kubectl get pods && kubectl delete pod web-0', false],
    ['kubectl get pods || kubectl scale sts web --replicas=0', false],
    ['echo $(kubectl delete pod web-0)', false],
    ['x=delete; kubectl $x pod web-0', false],
    ['kubectl {delete,} pod web-0', false],
    ['kubectl get pods -o jsonpath=\'{.items[*].metadata.name}\'', true],
    ['for p in a b; do kubectl get pod "web-0"; done | sort', true],
    ['kubectl get pods\nkubectl delete pod web-0', false],
    ['kubectl get pods\n;', true],
    ['timeout 5s kubectl get pods -w | tail -1', true],
    ["kubectl exec web-0 -- sh -c 'echo x > /tmp/a'", false],
    ['x=1', true],
    ['x=$(kubectl delete pod web-0)', false],
    ['kubectl get pods > /dev/null', true],
  ])('%j → %s', (line, allowed) => {
    expect(readOnlyLine(line, readOnlyAllows)).toBe(allowed);
  });
});
