/**
 * EventRecorder: writes core/v1 Events the way client-go's recorder does,
 * folding repeats of the same (object, reason, message, source) into one
 * Event whose count goes up.
 */
import type { KEvent, KObject } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import { SIM_EPOCH_MS, timestamp } from '../clock/clock';

export interface EventSourceInfo {
  component: string;
  host?: string;
}

export class EventRecorder {
  /** Correlation key → event name. */
  private seen = new Map<string, string>();
  private serial = 0;
  constructor(private api: ApiServer) {}

  /**
   * Records one event about `obj`. `fieldPath` names a container
   * (`spec.containers{nginx}`) for kubelet events.
   */
  record(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSourceInfo, fieldPath?: string): void {
    const api = this.api;
    const uid = obj.metadata.uid ?? '';
    const corr = `${uid}\u0000${reason}\u0000${message}\u0000${source.component}\u0000${fieldPath ?? ''}`;
    const now = timestamp(api.clock.now());
    const ns = obj.metadata.namespace ?? 'default';
    api.as(source.component, () => {
      const existingName = this.seen.get(corr);
      const existing = existingName ? api.get<KEvent>('Event', ns, existingName) : undefined;
      if (existing) {
        api.update<KEvent>({ ...existing, count: existing.count + 1, lastTimestamp: now, metadata: { ...existing.metadata } });
        return;
      }
      // Behaviour of client-go tools/record makeEvent: name is "<object>.<hex nanoseconds>".
      const nanos = BigInt(SIM_EPOCH_MS + api.clock.now()) * 1_000_000n + BigInt(++this.serial % 1_000_000);
      const name = `${obj.metadata.name}.${nanos.toString(16)}`;
      const involved: KEvent['involvedObject'] = {
        kind: obj.kind,
        namespace: obj.metadata.namespace ?? 'default',
        name: obj.metadata.name ?? '',
        uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion ?? '',
      };
      if (fieldPath) involved.fieldPath = fieldPath;
      if (!obj.metadata.namespace) delete involved.namespace;
      const ev: KEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: involved,
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      api.create(ev);
      this.seen.set(corr, name);
    });
  }
}
