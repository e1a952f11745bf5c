/** The messages between renderPdf.ts and pdfWorker.mjs (the worker is plain JS; these types are its contract). */
import type { DocDefinition, FontTable } from './pdfTypes';

/** The one message a worker receives: its job. */
export interface WorkerJob {
  doc: DocDefinition;
  fonts: FontTable;
  /** pdfmake may read local files only inside this folder (resources/). */
  allowedRoot: string;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; step: string }
  | { type: 'done'; bytes: ArrayBuffer; pages: number }
  | { type: 'error'; code: 'documents.resourceDenied' | 'documents.renderFailed' };
