/**
 * Faults of the simulator made visible. When a component's work throws
 * something that is not an API error (a bug, or a stored object it cannot
 * handle), the component reports it here: the clock keeps it (the page shows
 * it), and the object it was handling gets a Warning Event with the
 * playground's own reason `SimulatorFault`. API errors (Conflict, NotFound,
 * …) are not faults: components retry them with back-off as upstream does.
 */
import { ApiError } from '../api/errors';
import type { KObject } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { Fault, VirtualClock } from '../clock/clock';
import type { EventRecorder } from './recorder';

/** SIM: the Event reason for a fault of the simulator; no Kubernetes component emits it. */
export const SIMULATOR_FAULT = 'SimulatorFault';

/** Records a fault of `component` while it handled `subject`. */
export function reportFault(clock: VirtualClock, component: string, subject: KObject | undefined, error: unknown, label = component): void {
  clock.recordFault({ label, error, component, subject });
}

/**
 * Runs one unit of a component's work. An ApiError is rethrown (the
 * caller's retry logic handles it); anything else is reported as a fault on
 * `subject` and swallowed, so one bad object cannot stop the component.
 * Returns false when the work failed with a fault.
 */
export function guarded(clock: VirtualClock, component: string, subject: () => KObject | undefined, fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    let obj: KObject | undefined;
    try {
      obj = subject();
    } catch {
      obj = undefined;
    }
    reportFault(clock, component, obj, e);
    return false;
  }
}

/**
 * The text of a SimulatorFault Event: fixed words, so every browser writes
 * the same bytes (JavaScript engines word their errors differently); the
 * error itself goes to the page's fault messages.
 */
export function faultMessage(component: string): string {
  return `The playground's ${component} failed while handling this object. This is a fault of the simulator, not Kubernetes behaviour.`;
}

function isObject(x: unknown): x is KObject {
  const o = x as KObject | undefined;
  return !!o && typeof o === 'object' && typeof o.kind === 'string' && !!o.metadata && typeof o.metadata === 'object' && typeof o.metadata.name === 'string';
}

/** Turns faults that name an object into Warning Events about it (written by a timer at the same instant, never inside the write that failed). */
export class FaultEvents {
  constructor(
    private api: ApiServer,
    private recorder: EventRecorder,
  ) {}

  start(): void {
    this.api.clock.onFault((f) => this.onFault(f));
  }

  private onFault(f: Fault): void {
    const subject = f.subject;
    // Never an Event about an Event: a watcher failing on Events would otherwise feed itself.
    if (!isObject(subject) || subject.kind === 'Event') return;
    const component = f.component ?? 'playground';
    this.api.clock.after(0, () => this.recorder.record(subject, 'Warning', SIMULATOR_FAULT, faultMessage(component), { component }), 'simulator-fault');
  }
}
