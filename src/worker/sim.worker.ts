/// <reference lib="webworker" />
/**
 * The Web Worker: hosts the engine off the main thread. It only passes
 * messages and keeps time; everything else is EngineHost.
 */
import type { Command, WorkerMessage } from '../protocol/protocol';
import { PROTOCOL_VERSION } from '../protocol/protocol';
import { EngineHost } from './engine-host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new EngineHost((m: WorkerMessage) => scope.postMessage(m));
const FRAME_MS = 50;
let last = performance.now();

setInterval(() => {
  const now = performance.now();
  host.tick(now - last);
  last = now;
}, FRAME_MS);

scope.onmessage = (e: MessageEvent<Command>) => {
  if (e.data.type === 'play') last = performance.now();
  host.handle(e.data);
};

scope.postMessage({ type: 'ready', version: PROTOCOL_VERSION } satisfies WorkerMessage);
