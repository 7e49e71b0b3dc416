/**
 * The page's handle on the engine: a Web Worker when the browser allows one,
 * otherwise the same EngineHost on the main thread (a sandboxed iframe may
 * forbid workers). Either way the page sees the same messages.
 */
import type { Command, WorkerMessage } from '../protocol/protocol';
import { PROTOCOL_VERSION } from '../protocol/protocol';

export interface SimClient {
  send(cmd: Command): void;
  /** 'worker' or 'main-thread' */
  readonly mode: 'worker' | 'main-thread';
  close(): void;
}

type Listener = (m: WorkerMessage) => void;

export async function createSimClient(listener: Listener, opts: { forceMainThread?: boolean } = {}): Promise<SimClient> {
  if (!opts.forceMainThread && typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 4000);
        worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
          if (e.data.type === 'ready') {
            clearTimeout(timer);
            resolve(e.data.version === PROTOCOL_VERSION);
            worker.onmessage = (ev: MessageEvent<WorkerMessage>) => listener(ev.data);
          }
        };
        worker.onerror = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      if (ok) return { mode: 'worker', send: (c) => worker.postMessage(c), close: () => worker.terminate() };
      worker.terminate();
    } catch {
      // Fall through to the main thread.
    }
  }
  const { EngineHost } = await import('./engine-host');
  const host = new EngineHost((m) => queueMicrotask(() => listener(m)));
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    host.tick(now - last);
    last = now;
  }, 50);
  return {
    mode: 'main-thread',
    send: (c) => {
      if (c.type === 'play') last = performance.now();
      host.handle(c);
    },
    close: () => clearInterval(timer),
  };
}
