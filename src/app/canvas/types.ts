/**
 * The data each canvas node carries. Only display fields and the small view
 * objects the worker sent (plain, identity-stable DTOs), so a node object can
 * be reused as long as its views are the same objects.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ClaimView, ClassView, PodView, ServiceView, SetView, VolumeView } from '../../protocol/protocol';

/** How a pod's revision relates to its set's rollout. `old`: neither current nor update (an abandoned rollout). */
export type RevisionKind = 'current' | 'update' | 'old';

export type LaneData = {
  name: string;
  set: SetView | null;
  title: string;
  compact: boolean;
  /** Claims the set made that still exist. */
  claimCount: number;
  /** Px of the lane's top given to its header. */
  headerHeight: number;
};

export type ServiceData = {
  setName: string;
  serviceName: string;
  service: ServiceView | null;
};

export type PodData = {
  pod: PodView;
  setName: string;
  /** The headless Service's name, for the DNS name; empty when the set is gone. */
  serviceName: string;
  revisionKind: RevisionKind;
  shortRevision: string;
};

export type SlotData = {
  setName: string;
  ordinal: number;
};

export type ClaimData = {
  claim: ClaimView;
  /** No pod exists at the claim's ordinal: the claim stays for when it returns. */
  retained: boolean;
  /** The pod using it is failing while the claim is not Bound. */
  blocking: boolean;
};

export type VolumeData = {
  volume: VolumeView;
};

export type PartitionData = {
  setName: string;
  partition: number;
  /** Where the line sits: between two columns, at the left edge (all), or after the last column (none). */
  where: 'between' | 'all' | 'none';
};

export type ClassData = {
  cls: ClassView;
};

export type WhyData = {
  setName: string;
  message: string;
  /** The pod or ordinal it is about, for the label. */
  target: string;
};

export type AreaData = {
  title: string;
  testId: string;
};

/** One ordinal in a compact lane. */
export interface CompactCell {
  ordinal: number;
  /** The pod name (`<set>-<ordinal>`), whether or not it exists. */
  name: string;
  pod: PodView | null;
  revisionKind: RevisionKind;
  /** Claims at this ordinal, in template order. */
  claims: readonly ClaimView[];
  /** `placeholder`: wanted but not created; `retained`: claims without a pod. */
  slot: 'pod' | 'placeholder' | 'retained';
  /** This cell is the first at or above the partition. */
  partitionEdge: boolean;
  waiting: boolean;
}

export type CompactData = {
  set: SetView | null;
  name: string;
  serviceName: string;
  service: ServiceView | null;
  cells: readonly CompactCell[];
  /** Cells per grid row. */
  columns: number;
  /** A cell's side in px; large cells show their ordinal. */
  cell: number;
  /** Shown when the strategy is RollingUpdate; null otherwise. */
  partition: number | null;
  whyMessage: string | null;
  whyTarget: string | null;
  boundVolumes: number;
  claimCount: number;
};

export type LaneNode = Node<LaneData, 'lane'>;
export type ServiceNode = Node<ServiceData, 'service'>;
export type PodNode = Node<PodData, 'pod'>;
export type SlotNode = Node<SlotData, 'slot'>;
export type ClaimNode = Node<ClaimData, 'claim'>;
export type VolumeNode = Node<VolumeData, 'volume'>;
export type PartitionNode = Node<PartitionData, 'partition'>;
export type ClassNode = Node<ClassData, 'class'>;
export type WhyNode = Node<WhyData, 'why'>;
export type AreaNode = Node<AreaData, 'area'>;
export type CompactNode = Node<CompactData, 'compact'>;

export type CanvasNode = LaneNode | ServiceNode | PodNode | SlotNode | ClaimNode | VolumeNode | PartitionNode | ClassNode | WhyNode | AreaNode | CompactNode;
/** Edges carry smoothstep path options when they route around a column. */
export type CanvasEdge = Edge & { pathOptions?: { offset?: number; borderRadius?: number } };
