/**
 * Holds the database file still while job workers read it: a checkpoint puts
 * every committed page into the file, then automatic checkpoints stop, so
 * later writes stay in the WAL until the last holder releases. The core thread
 * is held only for the checkpoint.
 *
 * Several jobs may hold one freeze at once, so no job ever falls back to
 * working in the core thread because another holds the file: a backup asks for
 * a `fresh` file (it must contain every write committed before it started) and
 * waits for the holders of an older freeze to finish (statistics take seconds);
 * statistics accept `any` frozen file, and share a running backup's (its
 * figures are then as of the backup's start, seconds old).
 */
import { CodedError } from '../../../shared/api/envelope';
import type { Db } from '../db/open';

interface Freeze {
  holders: number;
  autocheckpoint: number;
  /** Resolves when the last holder has released. */
  thawed: Promise<void>;
  thaw: () => void;
}

const freezes = new WeakMap<Db, Freeze>();

export type FreezeNeed = 'fresh' | 'any';

export async function freezeDbFile(db: Db, need: FreezeNeed): Promise<() => void> {
  let current = freezes.get(db);
  while (current && need === 'fresh') {
    await current.thawed;
    current = freezes.get(db);
  }
  // Locked while waiting: the connection is closed (and checkpointed), there is nothing to freeze.
  if (!db.open) throw new CodedError('auth.locked');
  if (!current) {
    const autocheckpoint = Math.max(0, Math.trunc(Number(db.pragma('wal_autocheckpoint', { simple: true }))));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
    let thaw = () => {};
    const thawed = new Promise<void>((resolve) => (thaw = resolve));
    current = { holders: 0, autocheckpoint, thawed, thaw };
    freezes.set(db, current);
  }
  const freeze = current;
  freeze.holders += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    freeze.holders -= 1;
    if (freeze.holders > 0) return;
    freezes.delete(db);
    if (db.open) db.pragma(`wal_autocheckpoint = ${freeze.autocheckpoint}`);
    freeze.thaw();
  };
}

/** How many jobs hold the file still (tests). */
export function frozenHolders(db: Db): number {
  return freezes.get(db)?.holders ?? 0;
}
