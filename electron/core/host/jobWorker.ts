/**
 * The job worker: runs one named job from workerData and posts its progress
 * and its result (or error code) back. Jobs here get plain inputs (paths, the
 * key as bytes), never the live database connection, which stays with the core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CodedError } from '../../../shared/api/envelope';
import { computeStatsOnCopy, type StatsCopyInput } from '../stats/statsCopy';
import { checkRestoreCandidate, sealBackup, type RestoreCheckInput, type SealInput } from '../vault/backup';

type Progress = (done: number, total: number, step: string) => void;

const jobs = {
  /** Copy the frozen database file, write the encrypted backup file, verify it. */
  'backup.seal': (input: SealInput, progress: Progress) => sealBackup(input, progress),
  /** A restore's check: decrypt the backup beside the vault and check the database in it. */
  'backup.restoreCheck': (input: RestoreCheckInput) => checkRestoreCandidate(input),
  /** A period's statistics, computed on a private copy of the frozen file. */
  'stats.compute': (input: StatsCopyInput, progress: Progress) => computeStatsOnCopy(input, progress),
};

export type JobName = keyof typeof jobs;
export type JobInput<J extends JobName> = Parameters<(typeof jobs)[J]>[0];
export type JobOutput<J extends JobName> = Awaited<ReturnType<(typeof jobs)[J]>>;
export type JobMessage =
  | { kind: 'progress'; done: number; total: number; step: string }
  | { kind: 'result'; value: unknown }
  | { kind: 'error'; code: string; params?: Record<string, string | number> };

if (parentPort) {
  const port = parentPort;
  const { job, input } = workerData as { job: JobName; input: never };
  try {
    const value = await jobs[job](input, (done, total, step) => port.postMessage({ kind: 'progress', done, total, step } satisfies JobMessage));
    port.postMessage({ kind: 'result', value } satisfies JobMessage);
  } catch (error) {
    const coded = error instanceof CodedError ? { code: error.code, ...(error.params ? { params: error.params } : {}) } : { code: 'internal' };
    port.postMessage({ kind: 'error', ...coded } satisfies JobMessage);
  }
}
