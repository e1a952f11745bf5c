/**
 * Events pushed from core to the renderer (progress of long jobs, lock).
 * Plain types and constants only: the sandboxed preload bundles this file.
 */
export interface JobProgress {
  jobId: string;
  done: number;
  total: number;
  /** i18n key of the current step, when the job has named steps. */
  step?: string;
}

export interface EventMap {
  'job.progress': JobProgress;
  /** The vault was locked (idle, sleep, screen lock, or by the user): drop all case data. */
  'vault.locked': { reason: 'idle' | 'sleep' | 'screen' | 'user' };
  /** The idle lock is this close: the renderer counts down and offers to stay signed in. */
  'session.idleWarning': { remainingMs: number };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['job.progress', 'vault.locked', 'session.idleWarning'];
