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
import { useEffect, useMemo, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import { Background, BackgroundVariant, ControlButton, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type Node } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store/store';
import { contentBounds } from './fit';
import { FIT, GLIDE_MS, useFollow } from './follow';
import { NARROW_BELOW, narrowLayout, WIDE_LAYOUT } from './geometry';
import { computeLayout, type LayoutResult } from './layout';
import { Legend } from './Legend';
import { nodeTypes } from './node-types';
import { STAGE_HEX } from './styles';
import type { CanvasNode } from './types';

/**
 * The canvas. `children` float over it (the why box): the view is fitted
 * clear of them, as it is of the legend, the zoom buttons and the overview map.
 */
export function CanvasPanel({ children }: { children?: ReactNode }) {
  return (
    <div data-testid="canvas" role="region" aria-label="Cluster canvas" className="absolute inset-0">
      <ReactFlowProvider>
        <Flow>{children}</Flow>
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

/**
 * React Flow reports what it cannot draw (an edge whose handle it cannot find,
 * a node type it does not know) only in development builds by default; these
 * are bugs in any build, so they are logged in every build, where the
 * end-to-end tests (which run the production build) see them.
 */
const reportFlowError = (code: string, message: string) => console.warn(`[React Flow]: ${message} Help: https://reactflow.dev/error#${code}`);

function Flow({ children }: { children?: ReactNode }) {
  const maps = useSim(useShallow((s) => ({ sets: s.sets, pods: s.pods, claims: s.claims, volumes: s.volumes, services: s.services, classes: s.classes, why: s.why })));
  const theme = useSim((s) => s.theme);
  const refused = useSim((s) => s.rejectedManifests !== null && s.rejectedManifests === s.appliedManifests);
  const rf = useReactFlow();
  // The box's size: a narrow canvas (a phone) lays out for its width, a small one (an embed, a short window) drops the overview map.
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const { follow, stale } = useFollow(box);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((old) => (Math.abs(old.w - width) < 40 && Math.abs(old.h - height) < 40 ? old : { w: width, h: height }));
      follow.resized();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [follow]);
  const small = size.w > 0 && (size.w < 720 || size.h < 320);
  const narrow = size.w > 0 && size.w < NARROW_BELOW;
  const options = useMemo(() => (narrow ? narrowLayout(size.w) : WIDE_LAYOUT), [narrow, size.w]);
  // The previous layout, so unchanged nodes keep their identity across batches.
  const [memory] = useState<{ prev?: LayoutResult }>(() => ({}));
  const layout = useMemo(() => {
    const next = computeLayout(maps, memory.prev, options);
    memory.prev = next;
    return next;
  }, [maps, memory, options]);
  const bounds = useMemo(() => contentBounds(layout.nodes), [layout.nodes]);
  useEffect(() => follow.contentIs(bounds), [follow, bounds]);
  // Overlays change size (the why box's words, the legend opened): keep the content clear of them.
  // The set of overlays changes with the overview map and with the first lane (the why box).
  const hasLanes = layout.lanes.length > 0;
  useEffect(() => follow.watchOverlays(), [follow, small, hasLanes]);

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
    <div ref={box} className="relative h-full w-full" onFocus={onFocus} onPointerDownCapture={(e) => (e.target as Element).closest('.react-flow__minimap') && follow.letGo()}>
      <ReactFlow
        nodes={layout.nodes}
        edges={layout.edges}
        nodeTypes={nodeTypes}
        colorMode={theme}
        minZoom={FIT.minZoom}
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
        onError={reportFlowError}
        onMove={follow.onMove}
        proOptions={{ hideAttribution: false }}
        aria-label="Cluster canvas: StatefulSets, pods, claims and volumes"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls position="top-right" orientation="horizontal" showInteractive={false} showFitView={false} onZoomIn={follow.letGo} onZoomOut={follow.letGo}>
          <ControlButton onClick={() => follow.fit(GLIDE_MS)} title="Fit everything in view (F)" aria-label="Fit view (F)" data-testid="fit-view">
            <FitIcon />
          </ControlButton>
        </Controls>
        {!small && <MiniMap position="bottom-right" pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} ariaLabel="Canvas overview" style={{ width: 160, height: 100 }} />}
        <Panel position="top-left">
          <Legend />
        </Panel>
        {layout.lanes.length === 0 && (
          <Panel position="top-center">
            <p className="mt-16 rounded-md border border-slate-200 bg-white/90 px-3 py-2 text-sm text-slate-600 dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-300">{refused ? 'No StatefulSet: the API server refused the manifests. The errors are in the editor.' : 'No StatefulSet yet: write one in the editor and press Apply.'}</p>
          </Panel>
        )}
      </ReactFlow>
      <div className="sts-overlays">{children}</div>
      {stale && (
        <button type="button" data-testid="refit-hint" onClick={() => follow.fit(GLIDE_MS)} className="absolute top-12 left-1/2 z-10 -translate-x-1/2 rounded-full border border-sky-300 bg-sky-50 px-3 py-1 text-xs font-medium text-sky-900 shadow-sm hover:bg-sky-100 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100">
          Some of the cluster is out of view · Fit view <kbd className="rounded border border-sky-300 px-1 font-mono dark:border-sky-700">F</kbd>
        </button>
      )}
    </div>
  );
}

function FitIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" strokeLinecap="round" />
    </svg>
  );
}
