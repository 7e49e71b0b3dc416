import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { VolumeDataStore } from '../controllers/volume/data';
import { create, headlessService, runToSteadyState, statefulSet, testCluster } from '../testing/kit';
import { ContainerFs, seedRootfs } from './fs';
import { execArgv, Shell, UnknownCommandError, type ShellContext } from './shell';

function ctx(): { ctx: ShellContext; volumes: VolumeDataStore } {
  const layers = new VolumeDataStore();
  const volumes = new VolumeDataStore();
  seedRootfs(layers, 'root', 'nginx:1.25', { '/etc/hostname': 'web-0\n' });
  layers.mkdir('root', 'data');
  const fs = new ContainerFs({ path: '/', store: layers, key: 'root', sub: '', readOnly: false }, [
    { path: '/data', store: volumes, key: 'pv-1', sub: '', readOnly: false },
    { path: '/config', store: layers, key: 'cfg', sub: '', readOnly: true },
  ]);
  const c: ShellContext = {
    hostname: 'web-0',
    env: [
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', 'web-0'],
      ['GREETING', 'hello world'],
    ],
    fs,
    nslookup: (name) => ({ stdout: `looked up ${name}\n`, exitCode: 0 }),
    now: () => 65_000,
  };
  return { ctx: c, volumes };
}

const sh = (script: string) => new Shell(ctx().ctx).run(script);

describe('shell', () => {
  it('runs the basic tools with busybox messages', () => {
    expect(execArgv(ctx().ctx, ['hostname'])).toEqual({ stdout: 'web-0\n', stderr: '', exitCode: 0 });
    expect(execArgv(ctx().ctx, ['cat', '/nope'])).toEqual({ stdout: '', stderr: "cat: can't open '/nope': No such file or directory\n", exitCode: 1 });
    expect(execArgv(ctx().ctx, ['ls', '/usr/share/nginx/html'])).toEqual({ stdout: '50x.html\nindex.html\n', stderr: '', exitCode: 0 });
    expect(execArgv(ctx().ctx, ['ls', '/nope']).stderr).toBe('ls: /nope: No such file or directory\n');
    expect(execArgv(ctx().ctx, ['echo', 'a', 'b'])).toMatchObject({ stdout: 'a b\n' });
    expect(execArgv(ctx().ctx, ['printenv', 'GREETING'])).toMatchObject({ stdout: 'hello world\n' });
    expect(execArgv(ctx().ctx, ['date']).stdout).toBe('Wed Jan  1 09:01:05 UTC 2025\n');
    expect(() => execArgv(ctx().ctx, ['foo'])).toThrow(UnknownCommandError);
  });

  it('redirects, sequences and expands like sh', () => {
    const { ctx: c, volumes } = ctx();
    const s = new Shell(c);
    expect(s.run('echo "$(hostname)" > /data/index.html; echo more >> /data/index.html && cat /data/index.html')).toEqual({ stdout: 'web-0\nmore\n', stderr: '', exitCode: 0 });
    expect(volumes.read('pv-1', 'index.html')).toBe('web-0\nmore\n');
    expect(s.run("X=1; echo $X '$X' \"$GREETING\" $GREETING").stdout).toBe('1 $X hello world hello world\n');
    expect(s.run('false || echo rescued; false && echo never; echo $?').stdout).toBe('rescued\n1\n');
    expect(s.run('ls /data | wc -l').stdout).toBe('1\n');
    expect(s.run('cat /data/*.html | grep -c web').stdout).toBe('1\n');
    expect(s.run('mkdir -p /data/a/b && touch /data/a/b/f && ls /data/a/b').stdout).toBe('f\n');
    expect(s.run('rm /data/a').stderr).toBe("rm: '/data/a' is a directory\n");
    expect(s.run('rm -r /data/a; ls /data').stdout).toBe('index.html\n');
    expect(s.run('cd /data && pwd && cat index.html | head -n 1').stdout).toBe('/data\nweb-0\n');
    expect(s.run('echo x > /missing/dir/f')).toEqual({ stdout: '', stderr: "sh: can't create /missing/dir/f: nonexistent directory\n", exitCode: 1 });
    expect(s.run('echo x > /config/f').stderr).toBe("sh: can't create /config/f: Read-only file system\n");
    expect(s.run('nosuch arg')).toEqual({ stdout: '', stderr: 'sh: nosuch: not found\n', exitCode: 127 });
    expect(s.run('cat /nope 2>/dev/null; echo done').stdout).toBe('done\n');
    expect(s.run('cat /nope 2>&1').stdout).toBe("cat: can't open '/nope': No such file or directory\n");
  });

  it('reports what it does not support as a syntax error', () => {
    expect(sh('for i in 1 2; do echo $i; done')).toMatchObject({ exitCode: 2, stderr: 'sh: syntax error: for: not supported by the playground shell\n' });
    expect(sh("echo 'open")).toMatchObject({ exitCode: 2, stderr: 'sh: syntax error: unterminated quoted string\n' });
    expect(sh('sh -c "echo nested; exit 3"; echo after')).toEqual({ stdout: 'nested\nafter\n', stderr: '', exitCode: 0 });
  });
});

describe('kubectl exec on a simulated cluster', () => {
  it('keeps files under a PVC mount across pod re-creation, loses the rest, and answers DNS', () => {
    const cluster = testCluster();
    create(cluster, headlessService('nginx', 'web'), statefulSet({ replicas: 2 }));
    expect(runToSteadyState(cluster)).toBe(true);
    expect(cluster.settled()).toBe(true);
    const exec = (pod: string, ...argv: string[]) => cluster.exec('default', pod, undefined, argv);
    expect(exec('web-0', 'hostname').stdout).toBe('web-0\n');
    exec('web-0', 'sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html; echo scratch > /tmp/note');
    cluster.api.as('kubectl', () => cluster.api.delete('Pod', 'default', 'web-0'));
    expect(() => exec('web-0', 'cat', '/tmp/note')).not.toThrow(); // still terminating, still running
    runToSteadyState(cluster);
    const pod = cluster.api.get<Pod>('Pod', 'default', 'web-0');
    expect(pod?.status?.phase).toBe('Running');
    expect(exec('web-0', 'cat', '/usr/share/nginx/html/index.html').stdout).toBe('web-0\n');
    expect(exec('web-0', 'cat', '/tmp/note')).toMatchObject({ exitCode: 1, stderr: "cat: can't open '/tmp/note': No such file or directory\n" });
    expect(exec('web-1', 'ls', '/usr/share/nginx/html').stdout).toBe('');

    const ip0 = pod?.status?.podIP as string;
    const ip1 = cluster.api.get<Pod>('Pod', 'default', 'web-1')?.status?.podIP as string;
    expect(exec('web-1', 'nslookup', 'web-0.nginx').stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb-0.nginx.default.svc.cluster.local\nAddress: ${ip0}\n\n`);
    const all = exec('web-1', 'nslookup', 'nginx').stdout;
    expect(all).toContain(`Address: ${ip0}\n`);
    expect(all).toContain(`Address: ${ip1}\n`);
    expect(exec('web-1', 'nslookup', 'web-9.nginx')).toEqual({ stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find web-9.nginx.default.svc.cluster.local: NXDOMAIN\n\n", stderr: '', exitCode: 1 });
    expect(exec('web-1', 'nslookup', 'kubernetes.default').stdout).toContain('Address: 10.96.0.1\n');
    expect(exec('web-0', 'cat', '/etc/hosts').stdout).toContain(`${ip0}\tweb-0.nginx.default.svc.cluster.local\tweb-0\n`);

    expect(() => exec('web-0', 'foo')).toThrow(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in \$PATH: unknown$/);
    expect(() => cluster.exec('default', 'web-7', undefined, ['ls'])).toThrow('pods "web-7" not found');
  });

  it('refuses to exec into a container that is not running yet', () => {
    const cluster = testCluster();
    create(cluster, statefulSet({ replicas: 1 }));
    cluster.advance(1000);
    expect(() => cluster.exec('default', 'web-0', undefined, ['ls'])).toThrow(/^(unable to upgrade connection: container not found \("nginx"\)|pod web-0 does not have a host assigned)$/);
  });
});
