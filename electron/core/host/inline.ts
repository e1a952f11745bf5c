/**
 * The core host in the caller's own thread, over a MessageChannel: the same
 * protocol and runtime as the worker (structured clone, numbered requests,
 * events), with the core in reach. For tests that set up a vault or a demo
 * office directly (the e2e fixture); never used by Electron main.
 */
import { MessageChannel } from 'node:worker_threads';
import { createCore, type Core, type CoreOptions } from '../createCore';
import { createLogger } from '../log';
import { connectHost, type CoreHost, type OwnerPort } from './client';
import { serveCore, type CorePort } from './runtime';

export interface InlineHost extends CoreHost {
  core: Core;
}

export function startInlineHost(options: CoreOptions & { tickMs?: number }): InlineHost {
  const { tickMs, ...coreOptions } = options;
  const log = options.log ?? createLogger();
  const core = createCore({ offThread: true, ...coreOptions, log });
  const channel = new MessageChannel();
  const runtime = serveCore(core, channel.port1 as unknown as CorePort, tickMs ? { tickMs } : {});
  const end = async (): Promise<void> => {
    runtime.stop();
    channel.port1.close();
    channel.port2.close();
  };
  // Log records already reach `log` in this thread; the owner side needs no second copy.
  const host = connectHost(channel.port2 as unknown as OwnerPort, { info: () => {}, warn: () => {}, error: () => {} }, end);
  return { ...host, core };
}
