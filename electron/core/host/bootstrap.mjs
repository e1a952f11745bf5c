// A host worker when running from source (tsx, vitest, the harness, benches):
// TypeScript loading is registered in this thread, then the worker's module is
// imported (workerData.entry, default the core host). The Electron build bundles
// them instead: out/main/coreHost.js and out/main/coreJobs.js.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData?.entry ?? './worker.ts');
