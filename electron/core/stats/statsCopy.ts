/**
 * Statistics off the core thread: the job worker copies the frozen database
 * file (encrypted pages) beside it, opens the copy with the key, computes the
 * period exactly as in-thread (`computeStats`) and removes the copy.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StatsPeriod, StatsQuery } from '../../../shared/api/schemas/stats';
import { openEncrypted } from '../db/open';
import { copyFrozenFile } from '../vault/backup';
import { computeStats, type StatsActor } from './statsService';

export interface StatsCopyInput {
  dbPath: string;
  dbKey: Uint8Array;
  actor: StatsActor;
  query: StatsQuery;
  /** The core's clock (ISO), so "now" is the same as in-thread. */
  now: string;
  nativeBinding?: string;
}

export async function computeStatsOnCopy(input: StatsCopyInput, progress: (done: number, total: number, step: string) => void): Promise<StatsPeriod> {
  const key = Buffer.from(input.dbKey);
  const copy = join(dirname(input.dbPath), `.kalkan-stats-${randomUUID()}.db`);
  try {
    copyFrozenFile(input.dbPath, copy);
    const db = openEncrypted(copy, key, { exclusive: false, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
    try {
      return await computeStats(db, input.actor, input.query, { now: new Date(input.now), onStep: (done, total) => progress(done, total, 'stats.step.compute') });
    } finally {
      db.close();
    }
  } finally {
    key.fill(0);
    for (const file of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(file, { force: true });
  }
}
