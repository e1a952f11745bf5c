/**
 * Migration 15 — what sync import needs to compare instead of re-reading (issue 18,
 * electron/core/sync/sync.ts): the size and modification time of every segment file already
 * applied (an unchanged file is not read again; a changed one is read and its hash compared),
 * and `sync_published`, each device's own state as last reported by any segment: how many
 * segments it had written and the Merkle tree (@actual-app/crdt) of its messages.
 */
import type { Migration } from './index';

export const m015SyncMerkle: Migration = {
  version: 15,
  name: 'sync merkle',
  up(db) {
    db.exec(`
      ALTER TABLE sync_applied ADD COLUMN bytes INTEGER;
      ALTER TABLE sync_applied ADD COLUMN mtime_ms INTEGER;

      CREATE TABLE sync_published (
        device_id    TEXT PRIMARY KEY,
        segments     INTEGER NOT NULL,              -- segments the device had written (1..n)
        merkle       TEXT NOT NULL,                 -- JSON trie of its message timestamps (pruned)
        reported_by  TEXT NOT NULL                  -- the device whose segment said so
      ) STRICT;
    `);
  },
};
