/**
 * The owner's side of the core host: starts the core in a worker thread and
 * talks to it with the protocol (numbered requests, envelopes back, events,
 * cancellation, a shutdown that locks the vault). Electron main and the
 * browser harness use this; neither runs SQL on its own thread.
 *
 * This file must not import the core itself (Electron main bundles it): the
 * in-thread variant for tests lives in inline.ts.
 */
import { Worker } from 'node:worker_threads';
import { fail, type Envelope } from '../../../shared/api/envelope';
import type { EventMap, EventName } from '../../../shared/api/events';
import type { Logger } from '../log';
import type { LockReason } from '../vault/vault';
import type { ClientId, FromCore, HostConfig, ToCore } from './protocol';

export type HostEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface CoreHost {
  /** One API call as `client` (a window, a harness page): the router's envelope. */
  request(client: ClientId, method: unknown, input: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: HostEventListener): () => void;
  cancel(jobId: string): Promise<void>;
  lock(reason: LockReason): Promise<void>;
  /** Runs the host timer once now (tests; the core runs it every tickMs itself). */
  tick(): Promise<void>;
  closeClient(client: ClientId): Promise<void>;
  /** Locks the vault, stops the timers and ends the core thread. */
  shutdown(): Promise<void>;
}

/** Either end's transport: a Worker or a MessagePort (both structured-clone their messages). */
export interface OwnerPort {
  postMessage(message: ToCore): void;
  on(event: 'message', listener: (message: FromCore) => void): unknown;
}

const SHUTDOWN_GRACE_MS = 10_000;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The protocol over a port; `end` releases the transport after shutdown. */
export function connectHost(port: OwnerPort, log: Logger, end: () => Promise<void>): CoreHost & { fail(reason: string): void } {
  let next = 1;
  let closed = false;
  const pending = new Map<number, (envelope: Envelope<unknown> | undefined) => void>();
  const listeners = new Set<HostEventListener>();

  port.on('message', (message) => {
    switch (message.kind) {
      case 'done': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.envelope);
        break;
      }
      case 'event':
        for (const listener of listeners) listener(message.event, message.payload);
        break;
      case 'log':
        log[message.level](message.event, message.fields);
        break;
      default:
        break;
    }
  });

  const send = (message: WithoutId<ToCore>): Promise<Envelope<unknown> | undefined> => {
    if (closed) return Promise.resolve(fail('auth.locked'));
    const id = next++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      port.postMessage({ ...message, id } as ToCore);
    });
  };

  return {
    async request(client, method, input) {
      return (await send({ kind: 'request', client, method, input })) ?? fail('internal');
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel: async (jobId) => void (await send({ kind: 'cancel', jobId })),
    lock: async (reason) => void (await send({ kind: 'lock', reason })),
    tick: async () => void (await send({ kind: 'tick' })),
    closeClient: async (client) => void (await send({ kind: 'closeClient', client })),
    async shutdown() {
      if (closed) return;
      const done = send({ kind: 'shutdown' });
      closed = true;
      // A core stuck in one long statement still ends: SQLite's WAL survives a stop mid-write.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
      clearTimeout(timer);
      await end();
    },
    /** The core thread died: every open request answers `internal`. */
    fail(reason) {
      if (!closed) log.error('host.failed', { reason });
      closed = true;
      for (const resolve of pending.values()) resolve(fail('internal'));
      pending.clear();
    },
  };
}

/**
 * Where the worker's entry is: from source, a bootstrap that registers
 * TypeScript loading; in the Electron bundle, out/main/coreHost.js beside
 * index.js (electron.vite.config.ts builds it as a second entry).
 */
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('./bootstrap.mjs', import.meta.url) : new URL('./coreHost.js', import.meta.url);

export interface HostOptions extends HostConfig {
  log: Logger;
}

/** Starts the core in a worker thread; resolves once the core is built and listening. */
export function startCoreHost(options: HostOptions): Promise<CoreHost> {
  const { log, ...config } = options;
  const worker = new Worker(WORKER_URL, { workerData: config satisfies HostConfig });
  const host = connectHost(worker, log, async () => void (await worker.terminate()));
  return new Promise((resolve, reject) => {
    const onStart = (message: FromCore) => {
      if (message.kind === 'ready') resolve(host);
      else if (message.kind === 'failed') {
        reject(new Error(`core host failed to start: ${message.reason}`));
        void worker.terminate();
      } else return;
      worker.off('message', onStart);
    };
    worker.on('message', onStart);
    worker.on('error', (error) => {
      host.fail(error.name);
      reject(new Error(`core host failed: ${error.name}`));
    });
    worker.on('exit', (code) => host.fail(`exit ${code}`));
  });
}
