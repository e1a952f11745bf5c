/**
 * Renders a document definition to PDF bytes in a worker thread, so the main
 * process never blocks on layout. One document at a time per worker:
 * cancelling is `worker.terminate()`, and a worker that failed or was
 * cancelled is never used again, so a crash in pdfmake cannot leave state
 * behind. Starting a thread and loading pdfmake costs about half a second, and
 * a fresh thread runs pdfmake's code cold (V8 compiles it again in every
 * thread): so the worker that finished a document cleanly stays as the spare
 * (unref'd: it never keeps a process alive) for the next document, with its
 * code compiled, up to JOBS_PER_WORKER documents; after a failure a fresh
 * spare is started instead. The spare is dropped after SPARE_IDLE_MS unused.
 *
 * How the worker file is found (one expression for every host):
 *   new URL('./pdfWorker.mjs', import.meta.url)
 * - tsx (CLI, dev server) and vitest run this file from source, so the URL is
 *   electron/core/documents/pdfWorker.mjs, the plain-JS worker beside it.
 * - electron-vite bundles core into out/main/index.js, where import.meta.url
 *   is that file; electron.vite.config.ts copies pdfWorker.mjs verbatim to
 *   out/main/pdfWorker.mjs (Vite leaves `new URL(…, import.meta.url)` alone in
 *   the main-process build). In a package it sits in app.asar, which Electron's
 *   worker threads read; its `import 'pdfmake'` resolves from the packaged
 *   node_modules (main externalizes dependencies).
 *
 * Fonts and the only local files pdfmake may read come from the resources
 * folder (see resourcesDir()).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CodedError } from '../../../shared/api/envelope';
import type { DocDefinition, FontTable } from './pdfTypes';
import type { WorkerJob, WorkerMessage } from './workerProtocol';

export const WORKER_URL = new URL('./pdfWorker.mjs', import.meta.url);

const FONT_PROBE = join('fonts', 'DejaVuSans.ttf');
let cachedResources: string | null = null;

/**
 * The folder holding fonts/ (and whatever else PDFs may read). Packaged app:
 * Electron's resources folder (electron-builder's extraResources put
 * resources/fonts there as fonts/). Source checkout and the electron-vite
 * build: the repository's resources/, found by walking up from this module.
 */
export function resourcesDir(): string {
  if (cachedResources) return cachedResources;
  const candidates: string[] = [];
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(packaged);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    candidates.push(join(dir, 'resources'));
    dir = dirname(dir);
  }
  const found = candidates.find((candidate) => existsSync(join(candidate, FONT_PROBE)));
  if (!found) throw new CodedError('documents.fontsMissing');
  cachedResources = found;
  return found;
}

export function fontTable(root: string = resourcesDir()): FontTable {
  const font = (file: string) => join(root, 'fonts', file);
  return {
    Sans: {
      normal: font('DejaVuSans.ttf'),
      bold: font('DejaVuSans-Bold.ttf'),
      italics: font('DejaVuSans-Oblique.ttf'),
      bolditalics: font('DejaVuSans-BoldOblique.ttf'),
    },
    // No oblique monospace is shipped: italic monospace prints upright.
    Mono: {
      normal: font('DejaVuSansMono.ttf'),
      bold: font('DejaVuSansMono-Bold.ttf'),
      italics: font('DejaVuSansMono.ttf'),
      bolditalics: font('DejaVuSansMono-Bold.ttf'),
    },
  };
}

export const SPARE_IDLE_MS = 120_000;
/** Documents one worker renders before a fresh one replaces it (bounds whatever a long-lived heap keeps). */
export const JOBS_PER_WORKER = 50;

interface Spare {
  worker: Worker;
  /** Documents it has rendered. */
  jobs: number;
  exited: boolean;
  idle: NodeJS.Timeout;
  /** Removes the spare's own listeners (never removeAllListeners: Worker keeps its message port referenced through its own). */
  release: () => void;
}
let spare: Spare | null = null;

/** A worker with pdfmake loaded: the spare if there is a live one, else a new one. */
function takeWorker(): { worker: Worker; jobs: number } {
  const taken = spare;
  spare = null;
  if (taken && !taken.exited) {
    clearTimeout(taken.idle);
    taken.release();
    taken.worker.ref();
    return { worker: taken.worker, jobs: taken.jobs };
  }
  return { worker: new Worker(WORKER_URL), jobs: 0 };
}

/** Keeps `worker` (idle, pdfmake loaded) as the spare; terminates it when there already is one. */
function park(worker: Worker, jobs: number): void {
  if (spare) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const onError = () => {}; // 'exit' follows
  const onExit = () => {
    entry.exited = true;
    if (spare === entry) spare = null;
  };
  const entry: Spare = {
    worker,
    jobs,
    exited: false,
    idle: setTimeout(() => {
      if (spare === entry) spare = null;
      void worker.terminate();
    }, SPARE_IDLE_MS),
    release: () => {
      worker.off('error', onError);
      worker.off('exit', onExit);
    },
  };
  entry.idle.unref();
  worker.on('error', onError);
  worker.on('exit', onExit);
  spare = entry;
}

/** Starts a fresh spare unless there is one. */
function keepSpare(): void {
  if (!spare) park(new Worker(WORKER_URL), 0);
}

export interface RenderOptions {
  signal?: AbortSignal;
  /** Percent of the drawing done, with the i18n key of the step. */
  onProgress?: (done: number, total: number, step: string) => void;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** Renders in the spare worker (or a new one). Rejects with `job.cancelled`, `documents.resourceDenied` or `documents.renderFailed`. */
export function renderPdf(doc: DocDefinition, options: RenderOptions = {}): Promise<RenderedPdf> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(new CodedError('job.cancelled'));
  const root = resourcesDir();
  const job: WorkerJob = { doc, fonts: fontTable(root), allowedRoot: root };

  return new Promise<RenderedPdf>((resolvePdf, reject) => {
    const { worker, jobs } = takeWorker();
    let settled = false;
    const finish = (error: CodedError | null, result?: RenderedPdf) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (!error && jobs + 1 < JOBS_PER_WORKER) {
        // Finished cleanly: it waits for the next document, its compiled code warm.
        park(worker, jobs + 1);
      } else {
        // Cancelled, failed or worn: nothing of it is reused.
        void worker.terminate();
        keepSpare();
      }
      if (error) reject(error);
      else resolvePdf(result!);
    };
    const onAbort = () => finish(new CodedError('job.cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });

    const onMessage = (message: WorkerMessage) => {
      if (settled) return;
      switch (message.type) {
        case 'progress':
          try {
            onProgress?.(message.done, message.total, message.step);
          } catch (error) {
            // JobHandle.progress throws job.cancelled once the job is cancelled.
            finish(error instanceof CodedError ? error : new CodedError('documents.renderFailed'));
          }
          break;
        case 'done':
          finish(null, { bytes: Buffer.from(message.bytes), pages: message.pages });
          break;
        case 'error':
          finish(new CodedError(message.code));
          break;
      }
    };
    const onError = () => finish(new CodedError('documents.renderFailed'));
    const onExit = () => finish(new CodedError('documents.renderFailed'));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}
