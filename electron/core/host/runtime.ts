/**
 * The core side of the host: answers the protocol's messages with the router,
 * runs the host timer (idle warning and lock, the daily backup), forwards core
 * events, and logs every method slower than SLOW_METHOD_MS (name and ms only).
 * The worker (`worker.ts`) and the inline host (`client.ts`) both run this, so
 * Electron main, the browser harness and the bench share one copy of the wiring.
 */
import { fail } from '../../../shared/api/envelope';
import { isMethod } from '../../../shared/api/contract';
import { lockVault, tick } from '../auth/authService';
import type { Core } from '../createCore';
import { runScheduledBackup } from '../handlers/backupHandlers';
import { newClientState, type ClientState } from '../session';
import { DEFAULT_TICK_MS, SLOW_METHOD_MS, type ClientId, type FromCore, type ToCore } from './protocol';

/** The end of a channel the core listens on: a worker's parentPort or a MessagePort. */
export interface CorePort {
  postMessage(message: FromCore): void;
  on(event: 'message', listener: (message: ToCore) => void): unknown;
  off(event: 'message', listener: (message: ToCore) => void): unknown;
}

export interface Runtime {
  /** Stops the timer and the event forwarding (the vault is locked by a 'shutdown' message). */
  stop(): void;
}

export function serveCore(core: Core, port: CorePort, options: { tickMs?: number } = {}): Runtime {
  const { services, router } = core;
  const clients = new Map<ClientId, ClientState>();
  const clientOf = (id: ClientId): ClientState => {
    let client = clients.get(id);
    if (!client) clients.set(id, (client = newClientState()));
    return client;
  };

  const unsubscribe = services.events.subscribe((event, payload) => port.postMessage({ kind: 'event', event, payload }));
  const runTimer = async (): Promise<void> => {
    tick(services);
    await runScheduledBackup(services);
  };
  const timer = setInterval(() => void runTimer(), options.tickMs ?? DEFAULT_TICK_MS);
  timer.unref();

  const stop = (): void => {
    clearInterval(timer);
    unsubscribe();
    port.off('message', onMessage);
  };

  async function answer(message: ToCore): Promise<void> {
    switch (message.kind) {
      case 'request': {
        const started = performance.now();
        const envelope = await router.handle(clientOf(message.client), message.method, message.input);
        const ms = Math.round(performance.now() - started);
        if (ms > SLOW_METHOD_MS) services.log.warn('host.slowMethod', { method: isMethod(message.method) ? message.method : 'unknown', ms });
        port.postMessage({ kind: 'done', id: message.id, envelope });
        return;
      }
      case 'cancel':
        services.jobs.cancel(message.jobId);
        break;
      case 'lock':
        lockVault(services, message.reason);
        break;
      case 'tick':
        await runTimer();
        break;
      case 'closeClient':
        clients.delete(message.client);
        break;
      case 'shutdown':
        stop();
        lockVault(services, 'shutdown');
        break;
    }
    port.postMessage({ kind: 'done', id: message.id });
  }

  function onMessage(message: ToCore): void {
    void answer(message).catch((error: unknown) => {
      services.log.error('host.unhandled', { kind: message.kind, error: error instanceof Error ? error.name : typeof error });
      port.postMessage({ kind: 'done', id: message.id, envelope: fail('internal') });
    });
  }

  port.on('message', onMessage);
  return { stop };
}
