import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { VolumeDataStore } from '../controllers/volume/data';
import { create, headlessService, runToSteadyState, statefulSet, testCluster } from '../testing/kit';
import { ContainerFs, seedRootfs } from './fs';
import { MAX_COMMANDS, MAX_EXEC_BYTES, MAX_EXEC_OUTPUT, MAX_SHELL_DEPTH } from './limits';
import { ExecBudget, VOLUME_CAPACITY } from './limits';
import { execArgv, Shell, UnknownCommandError, type ShellContext } from './shell';

function ctx(dataCapacity = VOLUME_CAPACITY): { ctx: ShellContext; volumes: VolumeDataStore } {
  const layers = new VolumeDataStore();
  const volumes = new VolumeDataStore();
  seedRootfs(layers, 'root', 'nginx:1.25', { '/etc/hostname': 'web-0\n' });
  layers.mkdir('root', 'data');
  const fs = new ContainerFs({ path: '/', store: layers, key: 'root', sub: '', readOnly: false, capacity: VOLUME_CAPACITY }, [
    { path: '/data', store: volumes, key: 'pv-1', sub: '', readOnly: false, capacity: dataCapacity },
    { path: '/config', store: layers, key: 'cfg', sub: '', readOnly: true, capacity: VOLUME_CAPACITY },
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
    budget: new ExecBudget(),
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

describe('the container shell stays bounded', () => {
  /** A shell whose /data volume holds `capacity` bytes. */
  const small = (capacity: number) => {
    const { ctx: c, volumes } = ctx(capacity);
    return { s: new Shell(c), volumes };
  };

  it('fails writes beyond a volume with each tool\'s own message, keeping what fits', () => {
    const { s, volumes } = small(2048);
    expect(s.run('echo hello > /data/f; cat /data/f /data/f > /data/g; echo $?')).toEqual({ stdout: '0\n', stderr: '', exitCode: 0 });
    const big = 'x'.repeat(2000);
    expect(s.run(`echo ${big} > /data/big`)).toEqual({ stdout: '', stderr: 'sh: write error: No space left on device\n', exitCode: 1 });
    expect(volumes.usage('pv-1')).toBeLessThanOrEqual(2048);
    expect(volumes.usage('pv-1')).toBeGreaterThan(2048 - 8);
    expect(s.run('cat /etc/hostname >> /data/big')).toEqual({ stdout: '', stderr: 'cat: write error: No space left on device\n', exitCode: 1 });
    expect(s.run('head -n 1 /etc/hostname >> /data/big').stderr).toBe('head: standard output: No space left on device\n');
    expect(s.run('wc /etc/hostname >> /data/big').stderr).toBe('wc: standard output: No space left on device\n');
    expect(s.run('env >> /data/big')).toMatchObject({ stderr: 'env: write error: No space left on device\n', exitCode: 125 });
    expect(s.run('grep web /etc/hostname >> /data/big')).toEqual({ stdout: '', stderr: '', exitCode: 0 }); // busybox grep does not check
    expect(s.run('true > /data/big; echo -n "" >> /data/big; echo $?').stdout).toBe('0\n'); // nothing to write, nothing fails
    expect(s.run('cat /nope 2>> /data/big; echo $?')).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
    expect(s.run('rm /data/big; echo again > /data/big; cat /data/big').stdout).toBe('again\n');
  });

  it('truncates a `>` target before the command reads it, as sh opens it first', () => {
    const { s } = small(1 << 20);
    expect(s.run('echo data > /data/f; cat /data/f /data/f > /data/f; wc -c < /data/f').stdout).toBe('0\n');
    expect(s.run('echo data > /data/f; cat /data/f /data/f >> /data/f; cat /data/f').stdout).toBe('data\ndata\ndata\n');
  });

  it('sends each stream where its redirections point, in order', () => {
    const { s } = small(1 << 20);
    expect(s.run('cat /nope > /data/o 2>&1; cat /data/o')).toEqual({ stdout: "cat: can't open '/nope': No such file or directory\n", stderr: '', exitCode: 0 });
    expect(s.run('cat /nope 2>&1 > /data/o')).toEqual({ stdout: "cat: can't open '/nope': No such file or directory\n", stderr: '', exitCode: 1 });
    expect(s.run('echo to-err >&2')).toEqual({ stdout: '', stderr: 'to-err\n', exitCode: 0 });
  });

  it('limits names as Linux does', () => {
    const { s } = small(1 << 20);
    const long = 'n'.repeat(256);
    expect(s.run(`echo x > /data/${long}`).stderr).toBe(`sh: can't create /data/${long}: File name too long\n`);
    expect(s.run(`mkdir -p /data/${'d/'.repeat(2100)}x`).stderr).toMatch(/^mkdir: can't create directory '.*': File name too long\n$/);
  });

  it('refuses an argument list execve would refuse, but not to a builtin', () => {
    const { s } = small(1 << 20);
    const r = s.run(`x=${'a'.repeat(140_000)}; cat $x; echo $?; echo $x | wc -c`);
    expect(r.stderr).toBe('sh: cat: Argument list too long\n');
    expect(r.stdout).toBe('126\n140001\n');
  });

  it('stops a shell that outgrows its memory with "sh: out of memory"', () => {
    const { s } = small(1 << 20);
    const r = s.run(`x=${'a'.repeat(900_000)}; y=$x$x$x$x$x; echo never`);
    expect(r).toEqual({ stdout: '', stderr: 'sh: out of memory\n', exitCode: 2 });
  });

  it('ends runaway recursion with the message of a shell that cannot fork', () => {
    const { s } = small(1 << 20);
    const r = s.run('echo "sh /data/s" > /data/s; sh /data/s; echo status $?');
    expect(r.stderr).toBe("sh: can't fork: Resource temporarily unavailable\n");
    expect(r.stdout).toBe('status 2\n');
    const deep = s.run(`${'echo $('.repeat(200)}echo hi${')'.repeat(200)}; echo after`);
    expect(deep.stderr).toBe("sh: can't fork: Resource temporarily unavailable\n");
    expect(MAX_SHELL_DEPTH).toBeLessThan(200);
  });

  it('stops an exec that runs too many commands, keeping what it printed', () => {
    const { ctx: c } = ctx();
    new Shell(c).run('echo "echo x; sh /data/t; sh /data/t" > /data/t');
    const r = execArgv(c, ['sh', '/data/t']);
    expect(r.stderr.endsWith(`sh: the playground stops an exec after ${MAX_COMMANDS} commands\n`)).toBe(true);
    expect(r.stdout.startsWith('x\nx\n')).toBe(true);
    expect(r.exitCode).toBe(1);
  });

  it('stops an exec that moves too much data, even with little output', () => {
    const { ctx: c } = ctx();
    const r = execArgv(c, ['sh', '-c', `x=${'z'.repeat(1000)}; ${'x=$x$x; '.repeat(10)}${'echo $x > /dev/null; '.repeat(100)}echo never`]);
    expect(r).toEqual({ stdout: '', stderr: `sh: the playground stops an exec that has moved more than ${MAX_EXEC_BYTES} bytes\n`, exitCode: 1 });
  });

  it('keeps the first MiB of an exec\'s output', () => {
    const { ctx: c } = ctx();
    new Shell(c).run(`echo ${'y'.repeat(600_000)} > /data/half`);
    const r = execArgv(c, ['cat', '/data/half', '/data/half', '/data/half']);
    expect(r.stdout.length).toBe(MAX_EXEC_OUTPUT);
    expect(r.stderr).toBe(`\nsh: the playground keeps the first ${MAX_EXEC_OUTPUT} bytes of an exec's output\n`);
  });

  it('handles exit statuses and numbers of any size as busybox does', () => {
    expect(sh('exit 99999999999')).toEqual({ stdout: '', stderr: '', exitCode: 255 });
    expect(sh('exit 256')).toMatchObject({ exitCode: 0 });
    expect(sh('exit 4294967297')).toMatchObject({ exitCode: 1 });
    expect(sh(`exit ${'9'.repeat(400)}`)).toMatchObject({ exitCode: 255 });
    expect(sh('true\n\nexit abc; echo never')).toEqual({ stdout: '', stderr: 'sh: exit: line 2: Illegal number: abc\n', exitCode: 2 });
    expect(sh('cd /nowhere')).toEqual({ stdout: '', stderr: "sh: cd: line 0: can't cd to /nowhere: No such file or directory\n", exitCode: 2 });
    expect(sh('head -n 99999999999 /etc/hostname').stdout).toBe('web-0\n');
  });

  it('does not overflow the stack on deeply nested input', () => {
    expect(sh('echo "$('.repeat(20_000)).stderr).toMatch(/^sh: syntax error: /);
    expect(sh('echo ' + '$('.repeat(20_000) + ')'.repeat(20_000)).stderr).toBe("sh: can't fork: Resource temporarily unavailable\n");
  });
});

