/**
 * The connection points a node declares (geometry.ts), drawn as invisible
 * 1 px handles at exactly those points. React Flow measures a node's handles
 * from the DOM whenever it observes the node; with none in the DOM it drops
 * the declared ones, cannot place the edges, and warns (error 008).
 */
import { Handle, type NodeHandle } from '@xyflow/react';
import { memo } from 'react';

function DeclaredHandlesView({ handles }: { handles: readonly NodeHandle[] }) {
  return handles.map((h) => <Handle key={`${h.type}:${h.id ?? ''}`} id={h.id ?? undefined} type={h.type} position={h.position} isConnectable={false} className="sts-handle" style={{ left: h.x, top: h.y, width: h.width ?? 1, height: h.height ?? 1 }} />);
}

export const DeclaredHandles = memo(DeclaredHandlesView);
