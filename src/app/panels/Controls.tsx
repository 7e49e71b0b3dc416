/**
 * The controls over one StatefulSet. Each performs the kubectl command a
 * person would type (echoed in the terminal) and writes the same change into
 * the editor's YAML.
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { applyManifests, runCommand, runControl } from '../store/actions';
import { embedConfig } from '../embed/current';
import { useSim } from '../store/store';

const btn = 'rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800';
const label = 'text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400';

const quote = (s: string) => (/^[A-Za-z0-9_./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function Controls() {
  const names = useSim(useShallow((s) => [...s.sets.keys()].sort()));
  const [chosen, setChosen] = useState<string | null>(null);
  const name = chosen && names.includes(chosen) ? chosen : (names[0] ?? null);
  if (!name) {
    return (
      <div className="border-b border-slate-200 px-3 py-2 text-xs text-slate-500 dark:border-slate-800" data-testid="controls">
        No StatefulSet yet: write one in the editor and press Apply.
      </div>
    );
  }
  return <SetControls key={name} name={name} names={names} onChoose={setChosen} />;
}

function SetControls({ name, names, onChoose }: { name: string; names: string[]; onChoose: (n: string) => void }) {
  const set = useSim((s) => s.sets.get(name));
  const busy = useSim((s) => s.busy);
  const replicas = set?.replicas ?? 0;
  const partition = set?.partition ?? 0;
  const [replicaDraft, setReplicaDraft] = useState(replicas);
  const [partitionDraft, setPartitionDraft] = useState(partition);
  const container = set?.containers[0];
  const [image, setImage] = useState(container?.image ?? '');
  const partitionTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => setReplicaDraft(replicas), [replicas]);
  useEffect(() => setPartitionDraft(partition), [partition]);
  useEffect(() => setImage(container?.image ?? ''), [container?.image]);
  useEffect(() => () => clearTimeout(partitionTimer.current), []);

  if (!set) return null;
  const target = `statefulset/${name}`;

  const scale = (n: number) => {
    const v = Math.max(0, Math.min(1000, Math.round(n)));
    setReplicaDraft(v);
    if (v === set.replicas) return;
    void runControl(`kubectl scale ${target} --replicas=${v}`, { kind: 'StatefulSet', name, edits: [{ path: ['spec', 'replicas'], value: v }] });
  };
  const commitPartition = (n: number) => {
    if (n === set.partition) return;
    void runControl(`kubectl patch ${target} -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":${n}}}}}'`, { kind: 'StatefulSet', name, edits: [{ path: ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], value: n }] });
  };
  const movePartition = (n: number) => {
    setPartitionDraft(n);
    clearTimeout(partitionTimer.current);
    // Live: the patch goes out once the slider rests for a moment, not once per pixel.
    partitionTimer.current = setTimeout(() => commitPartition(n), 200);
  };
  const setStrategy = (type: 'RollingUpdate' | 'OnDelete') => {
    if (type === set.strategy) return;
    const patch = type === 'OnDelete' ? '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}' : '{"spec":{"updateStrategy":{"type":"RollingUpdate"}}}';
    void runControl(`kubectl patch ${target} -p '${patch}'`, {
      kind: 'StatefulSet',
      name,
      edits: type === 'OnDelete' ? [{ path: ['spec', 'updateStrategy', 'type'], value: 'OnDelete' }, { path: ['spec', 'updateStrategy', 'rollingUpdate'], value: null }] : [{ path: ['spec', 'updateStrategy', 'type'], value: 'RollingUpdate' }],
    });
  };
  const setPolicy = async (policy: 'OrderedReady' | 'Parallel') => {
    if (policy === set.podManagementPolicy) return;
    // podManagementPolicy is immutable: the API server forbids the patch. Show that, then do what a person does: recreate the set (its claims stay).
    const code = await runCommand(`kubectl patch ${target} -p '{"spec":{"podManagementPolicy":"${policy}"}}'`);
    if (code === 0) return;
    await runControl(`kubectl delete ${target}`, { kind: 'StatefulSet', name, edits: [{ path: ['spec', 'podManagementPolicy'], value: policy }] });
    await applyManifests();
  };
  const setImageTo = (img: string) => {
    if (!container || !img.trim() || img === container.image) return;
    void runControl(`kubectl set image ${target} ${container.name}=${quote(img.trim())}`, { kind: 'StatefulSet', name, edits: [{ path: ['spec', 'template', 'spec', 'containers', { name: container.name }, 'image'], value: img.trim() }] });
  };
  const maxReplicas = Math.max(10, replicas * 2, replicaDraft);
  // An embed may show only some controls (`controls=replicas,partition`).
  const shown = embedConfig.controls;

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5 border-b border-slate-200 px-3 py-2 dark:border-slate-800" data-testid="controls" aria-label={`Controls for StatefulSet ${name}`} role="group">
      {names.length > 1 && (
        <label className="flex items-center gap-1.5">
          <span className={label}>StatefulSet</span>
          <select className={btn} value={name} onChange={(e) => onChoose(e.target.value)}>
            {names.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
      )}
      {shown.has('replicas') && (
        <div className="flex items-center gap-1.5">
          <span className={label} id="replicas-label">
            Replicas
          </span>
          <div className="flex items-center gap-1">
            <button type="button" className={btn} aria-label="Scale down by one" disabled={busy || replicas <= 0} onClick={() => scale(replicas - 1)}>
              −
            </button>
            <input
              type="number"
              min={0}
              max={1000}
              aria-labelledby="replicas-label"
              data-testid="replicas-input"
              className="w-14 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900"
              value={replicaDraft}
              onChange={(e) => setReplicaDraft(Number(e.target.value))}
              onKeyDown={(e) => e.key === 'Enter' && scale(replicaDraft)}
              onBlur={() => scale(replicaDraft)}
            />
            <button type="button" className={btn} aria-label="Scale up by one" disabled={busy || replicas >= 1000} onClick={() => scale(replicas + 1)}>
              +
            </button>
            <input type="range" min={0} max={maxReplicas} value={replicaDraft} aria-label="Replicas slider" data-testid="replicas-slider" className="w-20" onChange={(e) => setReplicaDraft(Number(e.target.value))} onPointerUp={() => scale(replicaDraft)} onKeyUp={(e) => e.key !== 'Tab' && scale(replicaDraft)} />
          </div>
        </div>
      )}
      {shown.has('partition') && (
        <div className="flex items-center gap-1.5">
          <span className={label} id="partition-label">
            Partition
          </span>
          <div className="flex items-center gap-2">
            <input
              type="range"
              min={0}
              max={Math.max(replicas, partitionDraft)}
              value={partitionDraft}
              disabled={set.strategy === 'OnDelete'}
              aria-labelledby="partition-label"
              aria-valuetext={`partition ${partitionDraft}`}
              data-testid="partition-slider"
              className="w-28"
              title={`Pods with an ordinal of ${partitionDraft} or more get the update revision`}
              onChange={(e) => movePartition(Number(e.target.value))}
            />
            <output className="w-6 text-xs tabular-nums" data-testid="partition-value">
              {partitionDraft}
            </output>
          </div>
        </div>
      )}
      {shown.has('strategy') && (
        <label className="flex items-center gap-1.5">
          <span className={label}>Strategy</span>
          <select className={btn} value={set.strategy} data-testid="strategy-select" onChange={(e) => setStrategy(e.target.value as 'RollingUpdate' | 'OnDelete')}>
            <option>RollingUpdate</option>
            <option>OnDelete</option>
          </select>
        </label>
      )}
      {shown.has('policy') && (
        <label className="flex items-center gap-1.5">
          <span className={label}>Policy</span>
          <select className={btn} value={set.podManagementPolicy} data-testid="policy-select" title="Immutable: changing it recreates the set (claims are kept)" onChange={(e) => void setPolicy(e.target.value as 'OrderedReady' | 'Parallel')}>
            <option>OrderedReady</option>
            <option>Parallel</option>
          </select>
        </label>
      )}
      {container && shown.has('image') && (
        // Not a <form>: a frame sandboxed without allow-forms never submits one (the course snippet's sandbox has none).
        <div className="flex items-center gap-1.5" role="group" aria-label="Container image">
          <label className={label} htmlFor="image-input" title={`Container ${container.name}`}>
            Image
          </label>
          <div className="flex items-center gap-1">
            <input id="image-input" data-testid="image-input" list="image-suggestions" className="w-32 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900" value={image}
              onChange={(e) => setImage(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.nativeEvent.isComposing && !busy) {
                  e.preventDefault();
                  setImageTo(image);
                }
              }}
            />
            <datalist id="image-suggestions">
              <option value="nginx:1.27" />
              <option value="nginx:1.28" />
              <option value="nginx:bad">never pulls (ErrImagePull)</option>
              <option value="nginx:crash">crashes (CrashLoopBackOff)</option>
              <option value="nginx:unready">never Ready</option>
            </datalist>
            <button type="button" className={btn} disabled={busy} data-testid="set-image" onClick={() => setImageTo(image)}>
              Set image
            </button>
          </div>
        </div>
      )}
      {shown.has('rollout') && (
        <div className="flex items-center gap-1">
          <button type="button" className={btn} disabled={busy} data-testid="rollout-undo" title="kubectl rollout undo: back to the previous revision" onClick={() => void runCommand(`kubectl rollout undo ${target}`)}>
            Rollout undo
          </button>
          <button type="button" className={btn} disabled={busy} title="kubectl rollout restart" onClick={() => void runCommand(`kubectl rollout restart ${target}`)}>
            Restart
          </button>
        </div>
      )}
    </div>
  );
}
