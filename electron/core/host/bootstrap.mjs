// The core host worker when running from source (tsx, vitest, the harness):
// TypeScript loading is registered in this thread, then the worker itself is
// imported. The Electron build bundles worker.ts as out/main/coreHost.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
