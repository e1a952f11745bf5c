/** The message log (`sync_messages`): every cell-level change, local and imported. */
import type { Db } from '../db/open';

/** One change of one cell. `value` is JSON text; `base` the timestamp of the value the writer saw. */
export interface SyncMessage {
  timestamp: string;
  tbl: string;
  row: string;
  col: string;
  value: string;
  base: string | null;
}

/** Tables that sync in this step, plus the conflict resolutions. */
export const SYNC_TABLES = ['people', 'audit', 'conflict'] as const;

/** The timestamp of the newest message of a cell (the value it holds now), or null. */
export function cellHead(db: Db, tbl: string, row: string, col: string): string | null {
  const r = db.prepare('SELECT timestamp FROM sync_messages WHERE tbl = ? AND row_uid = ? AND col = ? ORDER BY timestamp DESC LIMIT 1').get(tbl, row, col) as
    | { timestamp: string }
    | undefined;
  return r?.timestamp ?? null;
}

export function hasMessage(db: Db, timestamp: string): boolean {
  return db.prepare('SELECT 1 FROM sync_messages WHERE timestamp = ?').get(timestamp) !== undefined;
}

export function insertMessage(db: Db, deviceId: string, m: SyncMessage): void {
  db.prepare('INSERT INTO sync_messages (timestamp, device_id, tbl, row_uid, col, value, base, segment) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)').run(
    m.timestamp,
    deviceId,
    m.tbl,
    m.row,
    m.col,
    m.value,
    m.base,
  );
}

/** The device a timestamp names (its clock's node id). */
export const deviceOf = (timestamp: string): string => timestamp.slice(-16);
