import { describe, expect, it } from 'vitest';
import { openTerminal, NGINX_SERVICE, webSet } from '../../scenario/testing';

function session() {
  const t = openTerminal({ 'm.yaml': `${NGINX_SERVICE}---\n${webSet({ replicas: 1 })}` }, ['kubectl apply -f m.yaml', 'sleep 1m']);
  return { t, shell: t.s.cluster.openShell('default', 'web-0', undefined) };
}

describe('an interactive shell (kubectl exec -it … -- sh)', () => {
  it('keeps its directory and variables from line to line, with ash\'s root prompt', () => {
    const { shell } = session();
    expect(shell.prompt()).toBe('/ # ');
    expect(shell.run('cd /tmp && X=hello').closed).toBe(false);
    expect(shell.prompt()).toBe('/tmp # ');
    expect(shell.run('echo $X from $(pwd) > note; cat note')).toEqual({ stdout: 'hello from /tmp\n', stderr: '', exitCode: 0, closed: false });
    expect(shell.run('hostname')).toMatchObject({ stdout: 'web-0\n', closed: false });
    expect(shell.run('nosuch')).toMatchObject({ exitCode: 127, closed: false });
  });

  it('ends with exit, reporting a non-zero status as kubectl does, and runs nothing after', () => {
    const { shell } = session();
    expect(shell.run('exit 3')).toEqual({ stdout: '', stderr: 'command terminated with exit code 3\n', exitCode: 3, closed: true });
    expect(shell.run('echo again')).toEqual({ stdout: '', stderr: '', exitCode: 0, closed: true });
    const other = session().shell;
    expect(other.run('exit')).toEqual({ stdout: '', stderr: '', exitCode: 0, closed: true });
  });

  it('ends when its container stops, and cannot open on a pod that is not running', () => {
    const { t, shell } = session();
    t.run('kubectl delete pod web-0');
    expect(shell.run('ls')).toEqual({ stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137, closed: true });
    expect(() => t.s.cluster.openShell('default', 'nope', undefined)).toThrow('pods "nope" not found');
  });
});
