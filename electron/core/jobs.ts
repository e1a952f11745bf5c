/**
 * Long work (PDFs, backups, restore, demo data) runs as a job that reports
 * progress and can be cancelled. Hosts forward `job.progress` to the renderer.
 */
import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../shared/api/events';
import { CodedError } from '../../shared/api/envelope';

export interface JobHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Report progress; throws `job.cancelled` if the job was cancelled meanwhile. */
  progress(done: number, total: number, step?: string): void;
}

export type ProgressListener = (progress: JobProgress) => void;

export class JobRegistry {
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<ProgressListener>();

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run<T>(work: (job: JobHandle) => Promise<T> | T, jobId: string = randomUUID()): Promise<T> {
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const handle: JobHandle = {
      id: jobId,
      signal: controller.signal,
      progress: (done, total, step) => {
        if (controller.signal.aborted) throw new CodedError('job.cancelled');
        const event: JobProgress = step === undefined ? { jobId, done, total } : { jobId, done, total, step };
        for (const listener of this.listeners) listener(event);
      },
    };
    try {
      return await work(handle);
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  get active(): number {
    return this.running.size;
  }
}
