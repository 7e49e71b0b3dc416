/**
 * The lesser nodes: the headless Service bar, a placeholder slot, the
 * partition line, a StorageClass, the "waiting" badge and a titled area.
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { CLUSTER_DOMAIN, NAMESPACE } from '../labels';
import { selectProps, useIsSelected } from '../select';
import { BOX, FOCUS, SELECTED } from '../styles';
import type { AreaNode as AreaNodeType, ClassNode as ClassNodeType, PartitionNode as PartitionNodeType, ServiceNode as ServiceNodeType, SlotNode as SlotNodeType, WhyNode as WhyNodeType } from '../types';

function ServiceNodeView({ data }: NodeProps<ServiceNodeType>) {
  const { service, serviceName, setName } = data;
  const selected = useIsSelected('Service', serviceName);
  if (!service) {
    return (
      <div data-testid={`svc-missing-${setName}`} title={`The set names serviceName "${serviceName}", which does not exist: its pods get no DNS names.`} className="flex h-full w-full items-center gap-2 rounded-md border border-dashed border-red-400 px-2 text-[11px] text-red-700 dark:border-red-700 dark:text-red-300">
        <span className="font-semibold">Service {serviceName || '(none)'} not found</span>
        <span className="truncate">— pods get no DNS names until it exists</span>
      </div>
    );
  }
  const dns = `<pod>.${service.name}.${NAMESPACE}.${CLUSTER_DOMAIN}`;
  return (
    <div
      data-testid={`svc-${service.name}`}
      aria-label={`Service ${service.name}${service.headless ? ' (headless)' : `, clusterIP ${service.clusterIP}`}`}
      title={`Service ${service.name}: clusterIP ${service.clusterIP || '—'}\nEach pod answers at ${dns}`}
      {...selectProps('Service', service.name)}
      className={`flex h-full w-full cursor-pointer items-center gap-2 overflow-hidden rounded-md border px-2 text-[11px] transition-colors ${service.headless ? 'border-teal-400 bg-teal-50 text-teal-900 dark:border-teal-600 dark:bg-teal-950 dark:text-teal-100' : 'border-amber-400 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100'} ${FOCUS} ${selected ? SELECTED : ''}`}
    >
      <span className="text-[9px] font-semibold uppercase tracking-wide opacity-70">svc</span>
      <span className="font-mono font-semibold">{service.name}</span>
      <span className="shrink-0 whitespace-nowrap">{service.headless ? 'headless (clusterIP None)' : `clusterIP ${service.clusterIP} — not headless`}</span>
      <span className="truncate font-mono opacity-70">{dns}</span>
    </div>
  );
}

function SlotNodeView({ data }: NodeProps<SlotNodeType>) {
  const name = `${data.setName}-${data.ordinal}`;
  return (
    <div data-testid={`slot-${data.setName}-${data.ordinal}`} aria-label={`${name} (not created yet)`} title={`${name} is wanted (ordinal below replicas) but the controller has not created it yet`} className={`${BOX} flex flex-col items-center justify-center border-2 border-dashed border-slate-300 bg-transparent text-slate-400 shadow-none dark:border-slate-700 dark:text-slate-500`}>
      <span className="font-mono font-semibold">{name}</span>
      <span className="text-[10px]">(not created yet)</span>
    </div>
  );
}

function PartitionNodeView({ data }: NodeProps<PartitionNodeType>) {
  const { partition, where, setName } = data;
  const note = where === 'all' ? ' · all' : where === 'none' ? ' · none' : '';
  const explain = `partition ${partition}: pods with ordinal ≥ ${partition} get the update revision; pods below keep the current one`;
  return (
    <div data-testid={`partition-${setName}`} data-partition={partition} data-where={where} aria-label={explain} title={explain} className="pointer-events-none relative flex h-full w-full justify-center">
      <div className="h-full border-l-2 border-dashed border-violet-500 dark:border-violet-400" />
      <span className={`pointer-events-auto absolute top-0 whitespace-nowrap ${where === 'all' ? 'left-[calc(50%-1px)]' : where === 'none' ? 'right-[calc(50%-1px)]' : 'left-1/2 -translate-x-1/2'} rounded-full bg-violet-600 px-1.5 text-[10px] leading-4 font-semibold text-white shadow-sm dark:bg-violet-500`}>
        partition {partition}
        {note}
      </span>
    </div>
  );
}

function ClassNodeView({ data }: NodeProps<ClassNodeType>) {
  const { cls } = data;
  const selected = useIsSelected('StorageClass', cls.name);
  return (
    <div data-testid={`sc-${cls.name}`} data-default={cls.isDefault ? 'true' : 'false'} aria-label={`StorageClass ${cls.name}${cls.isDefault ? ' (default)' : ''}`} title={`StorageClass ${cls.name}\nprovisioner ${cls.provisioner}\nvolumeBindingMode ${cls.bindingMode}\nreclaimPolicy ${cls.reclaimPolicy}`} {...selectProps('StorageClass', cls.name)} className={`${BOX} cursor-pointer border-indigo-300 bg-indigo-50 dark:border-indigo-700 dark:bg-indigo-950 ${FOCUS} ${selected ? SELECTED : ''}`}>
      <div className="flex items-center gap-1">
        <span className="truncate font-mono font-semibold">{cls.name}</span>
        {cls.isDefault && <span className="rounded bg-indigo-600 px-1 text-[9px] font-semibold text-white">default</span>}
      </div>
      <div className="truncate text-[10px] text-slate-600 dark:text-slate-300">{cls.provisioner}</div>
      <div className="truncate text-[10px] text-slate-500 dark:text-slate-400">
        {cls.bindingMode} · {cls.reclaimPolicy}
      </div>
    </div>
  );
}

/** A small clock; emoji fonts are not everywhere. */
export function WaitIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8">
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5V8l2.5 1.5" strokeLinecap="round" />
    </svg>
  );
}

function WhyNodeView({ data }: NodeProps<WhyNodeType>) {
  return (
    <div data-testid={`why-badge-${data.setName}`} role="note" aria-label={`${data.setName} is waiting: ${data.message}`} title={data.message} className="flex h-full w-full animate-enter items-center justify-center gap-1 rounded-full border border-amber-400 bg-amber-100 text-[10px] font-semibold text-amber-900 shadow-sm dark:border-amber-600 dark:bg-amber-900 dark:text-amber-100">
      <WaitIcon /> waiting
    </div>
  );
}

function AreaNodeView({ data }: NodeProps<AreaNodeType>) {
  return (
    <div data-testid={data.testId} className="h-full w-full rounded-xl border border-dashed border-slate-300 bg-slate-50/50 px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900/30">
      <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{data.title}</span>
    </div>
  );
}

export const ServiceNode = memo(ServiceNodeView);
export const SlotNode = memo(SlotNodeView);
export const PartitionNode = memo(PartitionNodeView);
export const ClassNode = memo(ClassNodeView);
export const WhyNode = memo(WhyNodeView);
export const AreaNode = memo(AreaNodeView);
