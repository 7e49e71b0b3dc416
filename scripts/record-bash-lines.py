"""Records how bash 5.2 runs generated shell lines, for src/scenario/testdata/bash-lines.json.

    BUSYBOX=/path/to/busybox python3 scripts/record-bash-lines.py SEED COUNT > src/scenario/testdata/bash-lines.json

bash runs interactively (as a terminal's does) in the C locale, in an empty directory, with
BusyBox 1.36.1's text tools (built from its 1_36_1 tag with `make defconfig`) as its only
programs. Seeded: the same lines every run. Never edit the output by hand."""
import json, random, subprocess, os, sys, tempfile

R = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
BUSYBOX = os.environ['BUSYBOX']
WORK = tempfile.mkdtemp()
BBPATH = os.path.join(WORK, 'bin')
EMPTY = os.path.join(WORK, 'empty')
os.makedirs(EMPTY, exist_ok=True)
os.makedirs(BBPATH, exist_ok=True)
# Each tool reads all of its input before it starts, as the playground runs a pipeline's commands
# one after another: no stage is cut short by SIGPIPE, and output comes in a fixed order.
for t in ['cat', 'head', 'tail', 'wc', 'sort', 'grep']:
    p = os.path.join(BBPATH, t)
    if os.path.lexists(p): os.remove(p)
    with open(p, 'w') as f:
        f.write('#!/bin/bash\nin=$(%s cat; echo .)\nprintf %%s "${in%%.}" | exec -a %s %s "$@"\n' % (BUSYBOX, t, BUSYBOX))
    os.chmod(p, 0o755)

WORDS = ['a', 'b', 'web-0', 'x', '"x y"', "'q r'", '$v', '"$v"', '${v}', "'$v'", '${#v}', '${v:-d}', '${u:-dflt}', '${u-e}',
         '"${u:-a b}"', '${u:-a b}', '${u:+set}', '${v:+set}', '${v#w}', '${v##*-}', '${v%1}', '${v%%-*}', '${v/e/E}', '${v//[eb]/_}',
         '"$(echo in)"', '$(echo a  b)', '`echo bq`', '$((1+2))', '$((i*2))', '$((i<2))', '$((i++))', '{0..2}', '{a,b}c',
         '{x,y}{1,2}', '{3..1}', '{a..c}', '\\$v', '"a\\"b"', "$'t\\tx'", 'a#b', '""', "''", '$u', '"$u"', 'a\\ b', '"$?"', '$?',
         '${#u}', '"*"', 'w{,}', 'a=b', '"$v"x', "'it''s'", '${v:1:3}', '${v: -1}', '${v^^}', '"$(echo "q  w")"', '$(false)',
         '"${v}-${i}"', 'pod/$v', '"${v#web-}"', '$(echo $v | tr)', '$(echo x | sort)']
TOOLS = ['cat', 'head -n 1', 'head -1', 'tail -n 1', 'tail -1', 'wc -l', 'sort', 'sort -r', 'grep a', 'grep -c b', 'grep -v web', 'sort -u', 'grep -E "[0-9]"', 'sort -n', 'wc -w']
UNKNOWN = ['nosuchcmd', 'frobnicate', 'zq']

def words(n):
    return ' '.join(R.choice(WORDS) for _ in range(n))

def simple(depth):
    r = R.random()
    if r < 0.45: return 'echo ' + words(R.randint(0, 3))
    if r < 0.52: return R.choice(['true', 'false', ':'])
    if r < 0.62: return R.choice(['v', 'u', 'i', 'w']) + '=' + R.choice(WORDS)
    if r < 0.66: return R.choice(UNKNOWN) + ' ' + words(R.randint(0, 1))
    if r < 0.70: return 'echo ' + R.choice(['-n', '-e', '-n -e', '-E', '-ne']) + ' ' + R.choice(["'a\\tb'", "'x\\ny'", 'z', "'c\\cd'"])
    if r < 0.74 and depth > 0: return R.choice(['break', 'continue'])
    if r < 0.76: return R.choice(['exit 3', 'exit', '(exit 4)', 'export v', 'unset v'])
    return 'echo ' + words(R.randint(1, 2))

def pipeline(depth):
    c = command(depth)
    for _ in range(R.choice([0, 0, 0, 1, 1, 2])):
        c += R.choice([' | ', ' |& ']) + R.choice(TOOLS)
    if R.random() < 0.08: c = '! ' + c
    return c

def command(depth):
    r = R.random()
    if depth < 2 and r < 0.15:
        return 'for ' + R.choice(['x', 'i', 'v']) + ' in ' + words(R.randint(0, 3)) + '; do ' + lst(depth + 1) + '; done' + R.choice(['', '', ' | ' + R.choice(TOOLS)])
    if depth < 2 and r < 0.20: return '{ ' + lst(depth + 1) + '; }'
    if depth < 2 and r < 0.25: return '( ' + lst(depth + 1) + ' )'
    c = simple(depth)
    if R.random() < 0.1: c += R.choice([' >/dev/null', ' 2>&1', ' 2>/dev/null', ' >&2', ' <<< "$v"'])
    return c

def andor(depth):
    c = pipeline(depth)
    for _ in range(R.choice([0, 0, 1, 2])):
        c += R.choice([' && ', ' || ']) + pipeline(depth)
    return c

def lst(depth=0):
    return '; '.join(andor(depth) for _ in range(R.randint(1, 3)))

def mutate(line):
    toks = line.split(' ')
    k = R.random()
    if k < 0.4:
        toks.insert(R.randint(0, len(toks)), R.choice([';', '|', ')', 'do', 'done', '&&', ';;', '}', '(', 'then', '||']))
        return ' '.join(toks)
    if k < 0.7: return line[:R.randint(1, max(1, len(line) - 1))]
    del toks[R.randrange(len(toks))]
    return ' '.join(toks)

def line():
    l = lst()
    pre = R.random()
    if pre < 0.5: l = 'v=web-1; i=3; ' + l
    if R.random() < 0.12: l = mutate(l)
    if R.random() < 0.05: l += ' # a comment'
    return l

def run(l):
    import shutil
    shutil.rmtree(EMPTY, ignore_errors=True)
    os.makedirs(EMPTY)
    p = subprocess.run(['/bin/bash', '--norc', '--noprofile', '--noediting', '+o', 'histexpand', '-i'], input=(l + '\n').encode(), capture_output=True,
                       env={'PATH': BBPATH, 'PS1': '', 'PS2': '', 'LC_ALL': 'C', 'HOME': '/nonexistent'}, timeout=10, cwd=EMPTY)
    err = p.stderr.decode('utf-8', 'replace')
    head = err.split('\n', 2)
    assert head[0].startswith('bash: cannot set terminal process group'), err
    assert head[1] == 'bash: no job control in this shell', err
    err = head[2]
    # bash says "exit" when it leaves at the end of input (not after the exit builtin in a subshell).
    if err.endswith('exit\n'): err = err[:-5]
    # Job-control noise of a bash without a terminal, not part of what the line printed.
    import re
    err = re.sub(r'bash: \[\d+: \d+ \(255\)\] tcsetattr: Inappropriate ioctl for device\n', '', err)
    return {'line': l, 'stdout': p.stdout.decode('utf-8', 'replace'), 'stderr': err, 'status': p.returncode}

seen = set()
cases = []
while len(cases) < int(sys.argv[2] if len(sys.argv) > 2 else 600):
    l = line()
    if l in seen or '\n' in l: continue
    seen.add(l)
    try:
        c = run(l)
    except subprocess.TimeoutExpired:
        print('timeout:', l, file=sys.stderr)
        continue
    # A text tool's own usage errors are its business (tested with the tools), and a file the line
    # wrote is not the terminal's (it cannot write files).
    if 'Usage:' in c['stderr'] or os.listdir(EMPTY): continue
    cases.append(c)
json.dump({'bash': subprocess.run(['/bin/bash', '--version'], capture_output=True).stdout.decode().split('\n')[0], 'cases': cases}, sys.stdout, ensure_ascii=False, indent=0)
