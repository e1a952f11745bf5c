/**
 * The core host's worker thread: builds the core (vault, router, every
 * service) from the HostConfig in workerData and serves the protocol on
 * parentPort. Log records go to the owner as messages (it decides where they
 * are written); nothing here touches Electron.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCore } from '../createCore';
import type { Logger, LogFields } from '../log';
import type { FromCore, HostConfig } from './protocol';
import { serveCore, type CorePort } from './runtime';

if (!parentPort) throw new Error('The core host runs as a worker thread.');
const port = parentPort as unknown as CorePort;
const config = workerData as HostConfig;

const post = (level: 'info' | 'warn' | 'error') => (event: string, fields?: LogFields) => port.postMessage({ kind: 'log', level, event, ...(fields ? { fields } : {}) } satisfies FromCore);
const log: Logger = { info: post('info'), warn: post('warn'), error: post('error') };

try {
  const core = createCore({
    dataDir: config.dataDir,
    log,
    offThread: true,
    ...(config.vaultPath ? { vaultPath: config.vaultPath } : {}),
    ...(config.platform ? { platform: config.platform } : {}),
    ...(config.validateOutput !== undefined ? { validateOutput: config.validateOutput } : {}),
    ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
    ...(config.kdf ? { kdf: config.kdf } : {}),
  });
  serveCore(core, port, config.tickMs ? { tickMs: config.tickMs } : {});
  port.postMessage({ kind: 'ready' });
} catch (error) {
  port.postMessage({ kind: 'failed', reason: error instanceof Error ? error.name : typeof error });
}
