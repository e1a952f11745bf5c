/**
 * Holds the database file still while a job worker reads a copy of it: a
 * checkpoint puts every committed page into the file, then automatic
 * checkpoints stop, so later writes stay in the WAL until `release()`. The
 * core thread is held only for the checkpoint. One freeze at a time per
 * connection (a second caller gets null and works another way).
 */
import type { Db } from '../db/open';

const frozen = new WeakSet<Db>();

export function freezeDbFile(db: Db): (() => void) | null {
  if (frozen.has(db)) return null;
  const autocheckpoint = Math.max(0, Math.trunc(Number(db.pragma('wal_autocheckpoint', { simple: true }))));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  frozen.add(db);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    frozen.delete(db);
    if (db.open) db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  };
}
