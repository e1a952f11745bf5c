/**
 * Work that would hold the core thread for long (sealing and verifying a
 * backup) runs in a job worker of its own, so the core keeps answering other
 * requests meanwhile. One worker per job: progress comes back as messages,
 * cancelling terminates it, a CodedError crosses as its code.
 */
import { Worker } from 'node:worker_threads';
import { CodedError } from '../../../shared/api/envelope';
import type { JobInput, JobMessage, JobName, JobOutput } from './jobWorker';

const SOURCE = import.meta.url.endsWith('.ts');
const JOB_WORKER_URL = SOURCE ? new URL('./bootstrap.mjs', import.meta.url) : new URL('./coreJobs.js', import.meta.url);

export interface OffThreadOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, step: string) => void;
}

export function runOffThread<J extends JobName>(job: J, input: JobInput<J>, options: OffThreadOptions = {}): Promise<JobOutput<J>> {
  if (options.signal?.aborted) return Promise.reject(new CodedError('job.cancelled'));
  const worker = new Worker(JOB_WORKER_URL, { workerData: { ...(SOURCE ? { entry: './jobWorker.ts' } : {}), job, input } });
  return new Promise<JobOutput<J>>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    // Cancelled: the worker has stopped (no file is written any more) before the caller cleans up.
    const onAbort = () => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate().finally(() => reject(new CodedError('job.cancelled')));
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: JobMessage) => {
      if (message.kind === 'progress') options.onProgress?.(message.done, message.total, message.step);
      else if (message.kind === 'result') settle(() => resolve(message.value as JobOutput<J>));
      else settle(() => reject(new CodedError(message.code, message.params)));
    });
    worker.on('error', () => settle(() => reject(new CodedError('internal'))));
    worker.on('exit', () => settle(() => reject(new CodedError('internal'))));
  });
}
