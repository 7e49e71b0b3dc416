/**
 * The cluster drawn with React Flow: lanes of StatefulSets, their pods,
 * claims and volumes (see layout.ts for where things go).
 *
 * React renders on discrete facts only: the store replaces a map when a
 * batch of changes arrives; the layout then reuses every node whose views
 * are the same objects, so React Flow re-renders only the nodes that changed.
 * Motion is CSS (enter/leave/pulse animations, colour transitions).
 */
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import { Background, BackgroundVariant, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type Node } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store/store';
import { computeLayout, type LayoutResult } from './layout';
import { Legend } from './Legend';
import { nodeTypes } from './node-types';
import { STAGE_HEX } from './styles';
import type { CanvasNode } from './types';

export function CanvasPanel() {
  return (
    <div data-testid="canvas" role="region" aria-label="Cluster canvas" className="absolute inset-0">
      <ReactFlowProvider>
        <Flow />
      </ReactFlowProvider>
    </div>
  );
}

function minimapColor(n: Node): string {
  const node = n as CanvasNode;
  switch (node.type) {
    case 'pod':
      return node.data.pod.failing ? STAGE_HEX.Failed : STAGE_HEX[node.data.pod.stage];
    case 'claim':
      return node.data.retained ? '#cbd5e1' : node.data.claim.phase === 'Bound' ? '#6ee7b7' : '#fcd34d';
    case 'volume':
      return node.data.volume.phase === 'Bound' ? '#a7f3d0' : '#fdba74';
    case 'compact':
      return '#94a3b8';
    case 'lane':
    case 'area':
      return 'transparent';
    default:
      return '#cbd5e1';
  }
}

/**
 * React Flow gives nodes pointer events only when they are selectable,
 * draggable or there is a node click handler; ours select themselves
 * (click, Enter, Space), so the handler has nothing left to do.
 */
const keepPointerEvents = () => undefined;

function Flow() {
  const maps = useSim(useShallow((s) => ({ sets: s.sets, pods: s.pods, claims: s.claims, volumes: s.volumes, services: s.services, classes: s.classes, why: s.why })));
  const theme = useSim((s) => s.theme);
  const refused = useSim((s) => s.rejectedManifests !== null && s.rejectedManifests === s.appliedManifests);
  // The previous layout, so unchanged nodes keep their identity across batches.
  const [memory] = useState<{ prev?: LayoutResult }>(() => ({}));
  const layout = useMemo(() => {
    const next = computeLayout(maps, memory.prev);
    memory.prev = next;
    return next;
  }, [maps, memory]);
  const rf = useReactFlow();
  // The box's size: a small canvas (an embed, a short window) drops the overview map, and a resize refits the view.
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((old) => (Math.abs(old.w - width) < 40 && Math.abs(old.h - height) < 40 ? old : { w: width, h: height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const small = size.w > 0 && (size.w < 720 || size.h < 320);

  // Focusing a node that is off screen scrolls React Flow's overflow-hidden box; undo that and pan to the node instead.
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const flow = e.currentTarget.querySelector<HTMLElement>('.react-flow');
    if (!flow || (flow.scrollTop === 0 && flow.scrollLeft === 0)) return;
    flow.scrollTop = 0;
    flow.scrollLeft = 0;
    const id = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node')?.dataset.id;
    const node = id ? rf.getInternalNode(id) : undefined;
    if (node) void rf.setCenter(node.internals.positionAbsolute.x + (node.width ?? 0) / 2, node.internals.positionAbsolute.y + (node.height ?? 0) / 2, { zoom: rf.getZoom(), duration: 200 });
  };

  return (
    <div ref={box} className="h-full w-full" onFocus={onFocus}>
      <ReactFlow
        nodes={layout.nodes}
        edges={layout.edges}
        nodeTypes={nodeTypes}
        colorMode={theme}
        minZoom={0.03}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        // React Flow pans while Space is held, listening on the whole window and cancelling the key:
        // typing a space in the editor (Monaco's input is not a field it recognises) or a terminal would lose it.
        panActivationKeyCode={null}
        zoomActivationKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
        onNodeClick={keepPointerEvents}
        proOptions={{ hideAttribution: false }}
        aria-label="Cluster canvas: StatefulSets, pods, claims and volumes"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls position="top-right" showInteractive={false} />
        {!small && <MiniMap position="bottom-right" pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} ariaLabel="Canvas overview" style={{ width: 160, height: 100 }} />}
        <Panel position="top-left">
          <Legend />
        </Panel>
        {layout.lanes.length === 0 && (
          <Panel position="top-center">
            <p className="mt-16 rounded-md border border-slate-200 bg-white/90 px-3 py-2 text-sm text-slate-600 dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-300">{refused ? 'No StatefulSet: the API server refused the manifests. The errors are in the editor.' : 'No StatefulSet yet: write one in the editor and press Apply.'}</p>
          </Panel>
        )}
        <FitOnLanes signature={layout.signature} size={`${size.w}x${size.h}`} />
      </ReactFlow>
    </div>
  );
}

/** Fits the view on first load, whenever the set of lanes (or a lane's mode) changes, and when the canvas is resized. */
function FitOnLanes({ signature, size }: { signature: string; size: string }) {
  const rf = useReactFlow();
  const last = useRef<{ signature: string; size: string } | null>(null);
  useEffect(() => {
    if (!signature) return;
    // Lanes coming or going glide into view; the first fit and a resize jump.
    const glide = last.current !== null && last.current.signature !== signature;
    last.current = { signature, size };
    void rf.fitView({ padding: 0.08, maxZoom: 1, duration: glide ? 300 : 0 });
  }, [signature, size, rf]);
  return null;
}
