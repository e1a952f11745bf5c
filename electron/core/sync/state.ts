/**
 * This replica's sync state inside the vault (`sync_state`): its device id, its
 * hybrid logical clock and its next segment number. No device id means sync was
 * never set up here: the write hooks then only give rows their uid.
 */
import type { Db } from '../db/open';

export type StateKey = 'device_id' | 'clock' | 'next_segment';

export function getState(db: Db, key: StateKey): string | null {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setState(db: Db, key: StateKey, value: string): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** This replica's device id, or null when sync is not set up. */
export function localDevice(db: Db): string | null {
  return getState(db, 'device_id');
}
