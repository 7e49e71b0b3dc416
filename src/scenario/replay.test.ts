import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import { REPLAY_LIMITS, replay, replayLimitMessage, type ReplayLimit, type ReplayLimits, type ReplayedStep } from './replay';
import { runScenario } from './runner';
import { Session } from './session';
import { NGINX_SERVICE, webSet } from './testing';
import { utf8Length } from '../lib/utf8';

const UNLIMITED: ReplayLimits = { writes: Infinity, timerRuns: Infinity, outputBytes: Infinity, execCommands: Infinity, execBytes: Infinity, regexSteps: Infinity, shellCommands: Infinity, shellBytes: Infinity };

/** Steps that use each counter: writes and timers (scaling, sleeping, deleting), output, and exec work. */
const STEP = fc.oneof(
  fc.integer({ min: 0, max: 4 }).map((n) => `kubectl scale sts web --replicas=${n}`),
  fc.constantFrom('sleep 5s', 'sleep 30s', 'sleep 2m', 'timeout 20s kubectl get pods -w'),
  fc.constantFrom('kubectl get pods', 'kubectl get sts web -o yaml', 'kubectl describe sts web', 'kubectl get pods -o wide', 'kubectl get pod web-9'),
  fc.constantFrom('kubectl delete pod web-0', 'kubectl set image sts web nginx=nginx:1.27', 'kubectl rollout status sts/web'),
  fc.constantFrom(
    "kubectl exec web-0 -- sh -c 'echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa > /tmp/a; grep -cE \"(a|b)*c\" /tmp/a; cat /tmp/a /tmp/a'",
    "kubectl exec web-0 -- sh -c 'hostname; date; echo one two three | grep two'",
    'kubectl exec web-0 -- cat /etc/hostname',
  ),
  fc.constantFrom(
    'for i in 0 1; do kubectl get pod web-$i | tail -1; done',
    'kubectl get pods -o name | sort -r | grep -c web',
    'for i in {1..40}; do echo "line $i"; done | grep -E "[13]$" | wc -l',
    'echo $(kubectl get pods -o name) && kubectl get sts web | head -1',
  ),
  fc.constantFrom('# a comment', '{say: "Look at the pods."}'),
);

/** A scenario text of `steps`; the manifests make `web` with 2 replicas. */
function scenarioText(steps: string[]): string {
  const indent = (t: string) => t.replace(/^(?=.)/gm, '  ');
  return `version: 1\nmanifests: |\n${indent(`${NGINX_SERVICE}---\n${webSet({ replicas: 2 })}`)}steps:\n${steps.map((s) => (s.startsWith('{') ? `  - ${s}\n` : `  - ${JSON.stringify(s)}\n`)).join('')}`;
}

/** Every step replayed without limits, with what each counter had used when it ended. */
function unlimitedRun(text: string) {
  const s = parseScenario(text);
  const session = new Session(s.cluster, { ...s.files, 'manifests.yaml': s.manifests });
  const start = session.work();
  const steps: (ReplayedStep & { used: Record<ReplayLimit, number> })[] = [];
  let output = 0;
  replay(
    session,
    s,
    (st) => {
      output += utf8Length(st.output);
      const w = session.work();
      const used = { writes: w.writes - start.writes, timerRuns: w.timerRuns - start.timerRuns, outputBytes: output, execCommands: w.execCommands - start.execCommands, execBytes: w.execBytes - start.execBytes, regexSteps: w.regexSteps - start.regexSteps, shellCommands: w.shellCommands - start.shellCommands, shellBytes: w.shellBytes - start.shellBytes };
      steps.push({ ...st, used });
    },
    { limits: UNLIMITED },
  );
  return { scenario: s, steps };
}

describe('replay budget', () => {
  const limits: ReplayLimit[] = ['writes', 'timerRuns', 'outputBytes', 'execCommands', 'execBytes', 'regexSteps', 'shellCommands', 'shellBytes'];
  for (const limit of limits) {
    it(`stops after the first step that takes ${limit} past its limit, and ran everything before it as without a limit`, () => {
      fc.assert(
        fc.property(fc.array(STEP, { minLength: 1, maxLength: 14 }), fc.double({ min: 0.05, max: 1.2, noNaN: true }), (lines, fraction) => {
          // The pods are running before the generated steps, so their execs do work.
          const text = scenarioText(['sleep 1m', ...lines]);
          const full = unlimitedRun(text);
          const total = full.steps.at(-1)?.used[limit] ?? 0;
          // A limit somewhere in what the scenario uses (sometimes above all of it).
          const cap = Math.floor(total * fraction);
          const r = runScenario(full.scenario, { limits: { ...UNLIMITED, [limit]: cap } });
          // Steps that are not commands (say, comments) never pass a limit.
          const k = full.steps.findIndex((st) => st.kind === 'command' && st.used[limit] > cap);
          if (k < 0) {
            expect(r.stopped).toBeUndefined();
            expect(r.steps.length).toBe(full.steps.length);
            return;
          }
          expect(r.steps.length).toBe(k + 1);
          expect(r.stopped?.message).toBe(replayLimitMessage(limit, { ...UNLIMITED, [limit]: cap }));
          // The position is the step's (index 0 is the manifests, at their key).
          const at = k === 0 ? full.scenario.manifestsAt : full.scenario.steps[k - 1];
          expect([r.stopped?.line, r.stopped?.column]).toEqual([at?.line, at?.column]);
          for (let i = 0; i < k; i++) expect(r.steps[i]?.output).toBe(full.steps[i]?.output);
          const last = r.steps[k]?.output ?? '';
          if (limit === 'outputBytes') {
            // Output stops at the limit itself, never inside a character.
            expect(full.steps[k]?.output.startsWith(last)).toBe(true);
            expect((k === 0 ? 0 : (full.steps[k - 1]?.used.outputBytes ?? 0)) + utf8Length(last)).toBe(cap);
          } else expect(last).toBe(full.steps[k]?.output);
        }),
        { numRuns: 25, seed: 9 },
      );
    });
  }

  it('names the limit in words a person reads', () => {
    expect(replayLimitMessage('writes')).toBe(`the playground stops a replay after ${REPLAY_LIMITS.writes} API writes; this step passed the limit`);
    expect(replayLimitMessage('outputBytes')).toBe('the playground stops a replay after 16 MiB of output; this step passed the limit');
    expect(replayLimitMessage('regexSteps')).toBe(`the playground stops a replay after ${REPLAY_LIMITS.regexSteps} grep steps; this step passed the limit`);
  });

  it('stops the same scenario at the same step, with the same bytes, every time', () => {
    const text = scenarioText(['kubectl scale sts web --replicas=4', 'sleep 1m', 'kubectl get pods', 'kubectl scale sts web --replicas=0', 'sleep 1m', 'kubectl scale sts web --replicas=4', 'sleep 1m']);
    const runs = [1, 2].map(() => runScenario(parseScenario(text), { limits: { writes: 60 } }));
    expect(runs[0]?.stopped).toBeDefined();
    expect(runs[1]?.stopped).toEqual(runs[0]?.stopped);
    expect(runs[1]?.transcript).toBe(runs[0]?.transcript);
  });

  it('names a lesson\'s check in the transcript without running it', () => {
    const text = `${scenarioText(['kubectl scale sts web --replicas=3'])}  - check:\n      run: kubectl scale sts web --replicas=9\n      expect: "x"\n      hint: web asks for 2 replicas\n`;
    const r = runScenario(parseScenario(text));
    expect(r.transcript.endsWith('$ kubectl scale sts web --replicas=3\nstatefulset.apps/web scaled\n# check: web asks for 2 replicas\n')).toBe(true);
    expect(r.session.cluster.api.get<{ spec: { replicas: number } } & import('../engine/api/types').KObject>('StatefulSet', 'default', 'web')?.spec.replicas).toBe(3);
  });
});
