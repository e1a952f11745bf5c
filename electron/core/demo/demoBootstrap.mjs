// The demo worker from source (demoThread.ts): registers TypeScript loading in this thread, then
// imports the worker. A failure to load is reported on the worker's port like any other error,
// so the vault's thread (waiting synchronously for rows) hears of it at once.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  await import('./demoWorker.ts');
} catch (error) {
  workerData.port.postMessage({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  const flags = new Int32Array(workerData.shared);
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
}
