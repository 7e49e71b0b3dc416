/**
 * The canvas's node types, one module-level constant so React Flow never
 * sees a new object (a new nodeTypes object remounts every node).
 */
import type { NodeTypes } from '@xyflow/react';
import { CompactNode } from './nodes/CompactNode';
import { LaneNode } from './nodes/LaneNode';
import { PodNode } from './nodes/PodNode';
import { AreaNode, ClassNode, PartitionNode, ServiceNode, SlotNode, WhyNode } from './nodes/SmallNodes';
import { ClaimNode, VolumeNode } from './nodes/StorageNodes';

export const nodeTypes = {
  lane: LaneNode,
  service: ServiceNode,
  pod: PodNode,
  slot: SlotNode,
  claim: ClaimNode,
  volume: VolumeNode,
  partition: PartitionNode,
  class: ClassNode,
  why: WhyNode,
  area: AreaNode,
  compact: CompactNode,
} satisfies NodeTypes;
