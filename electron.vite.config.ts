/**
 * electron-vite builds the three parts: main (ESM), preload (CommonJS, for the
 * sandbox) and the renderer (shared config with the browser harness).
 */
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { rendererConfig } from './renderer/vite.config';

/**
 * The PDF worker (electron/core/documents/pdfWorker.mjs) is plain JavaScript that runs as-is
 * under tsx and vitest. Core finds it with `new URL('./pdfWorker.mjs', import.meta.url)`; in the
 * bundle import.meta.url is out/main/index.js, so the file is copied verbatim beside it.
 */
const pdfWorker = (): Plugin => ({
  name: 'kalkan-pdf-worker',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'pdfWorker.mjs', source: readFileSync(resolve('electron/core/documents/pdfWorker.mjs'), 'utf8') });
  },
});

export default defineConfig({
  main: {
    plugins: [pdfWorker()],
    build: {
      outDir: 'out/main',
      // The native module is loaded at run time (the Electron-ABI build, see DESIGN), never bundled.
      externalizeDeps: true,
      // The core host's worker thread and its job worker are entries of their own, out/main/coreHost.js
      // and coreJobs.js beside index.js (electron/core/host/client.ts and offload.ts find them with
      // `new URL('./coreHost.js', import.meta.url)`, resolved from either bundle in that folder).
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), coreHost: resolve('electron/core/host/worker.ts'), coreJobs: resolve('electron/core/host/jobWorker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle everything else in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
