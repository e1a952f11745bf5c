/**
 * Migration 14 — sync between workstations (electron/core/sync, docs/sync.md).
 *
 * Rows that replicate get a stable `uid` (UUIDv7) beside their integer key: `people`
 * (existing rows are given one here) and `audit_log` (rows from now on). The sync
 * tables: `sync_state` (this replica's device id, clock, next segment number),
 * `sync_devices` (the office's registered devices and their public keys),
 * `sync_messages` (every cell-level change, local and imported), `sync_applied`
 * (segment files already imported), `sync_conflicts` (losing values kept for a person),
 * `sync_audit` (every device's own audit hash chain, insert-only) and
 * `sync_chain_heads` (chain heads seen at each import, so a missing row is detected).
 */
import { uuidv7 } from '../../sync/uid';
import type { Migration } from './index';

export const m014Sync: Migration = {
  version: 14,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE people ADD COLUMN uid TEXT;
      ALTER TABLE audit_log ADD COLUMN uid TEXT;
    `);
    const people = db.prepare('SELECT id, created_at FROM people WHERE uid IS NULL').all() as Array<{ id: number; created_at: string }>;
    const setPerson = db.prepare('UPDATE people SET uid = ? WHERE id = ?');
    for (const p of people) setPerson.run(uuidv7(Date.parse(p.created_at) || Date.now()), p.id);
    // Audit rows written before this migration keep a null uid: the log is append-only (its
    // triggers stay untouched) and those rows never replicate — every replica starts as a copy
    // that already holds them. Rows from now on get one in appendAudit.
    db.exec(`
      CREATE UNIQUE INDEX people_uid ON people(uid) WHERE uid IS NOT NULL;
      CREATE UNIQUE INDEX audit_log_uid ON audit_log(uid) WHERE uid IS NOT NULL;

      CREATE TABLE sync_state (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_devices (
        device_id      TEXT PRIMARY KEY,          -- 16 hex digits, also the clock's node id
        public_key     TEXT NOT NULL,             -- Ed25519, base64url (JWK x)
        registered_by  TEXT NOT NULL,             -- user id of the administrator
        registered_at  TEXT NOT NULL,
        signed_by      TEXT NOT NULL,             -- device whose key signed the registration
        signature      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_messages (
        timestamp  TEXT PRIMARY KEY,              -- hybrid logical clock, names the device
        device_id  TEXT NOT NULL,
        tbl        TEXT NOT NULL,
        row_uid    TEXT NOT NULL,
        col        TEXT NOT NULL,
        value      TEXT NOT NULL,                 -- JSON
        base       TEXT,                          -- timestamp of the value the writer saw
        segment    INTEGER                        -- own messages: the segment exported in
      ) STRICT;
      CREATE INDEX sync_messages_cell ON sync_messages(tbl, row_uid, col, timestamp);
      CREATE INDEX sync_messages_pending ON sync_messages(device_id, segment);

      CREATE TABLE sync_applied (
        device_id   TEXT NOT NULL,
        segment     INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        messages    INTEGER NOT NULL,
        applied_at  TEXT NOT NULL,
        PRIMARY KEY (device_id, segment)
      ) STRICT;

      CREATE TABLE sync_conflicts (
        loser_ts      TEXT PRIMARY KEY,           -- the losing message
        tbl           TEXT NOT NULL,
        row_uid       TEXT NOT NULL,
        col           TEXT NOT NULL,
        loser_device  TEXT NOT NULL,
        loser_value   TEXT NOT NULL,              -- JSON, as written
        resolved_ts   TEXT,                       -- the resolving message, when resolved
        resolved_by   TEXT,
        resolution    TEXT
      ) STRICT;
      CREATE INDEX sync_conflicts_cell ON sync_conflicts(tbl, row_uid, col);

      CREATE TABLE sync_audit (
        device_id    TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        uid          TEXT NOT NULL UNIQUE,
        at           TEXT NOT NULL,
        actor_id     TEXT,
        actor_name   TEXT,
        action       TEXT NOT NULL,
        target_type  TEXT,
        target_id    TEXT,
        details      TEXT NOT NULL,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
      ) STRICT;
      CREATE TRIGGER sync_audit_no_update BEFORE UPDATE ON sync_audit
        BEGIN SELECT RAISE(ABORT, 'sync_audit is append-only'); END;
      CREATE TRIGGER sync_audit_no_delete BEFORE DELETE ON sync_audit
        BEGIN SELECT RAISE(ABORT, 'sync_audit is append-only'); END;

      CREATE TABLE sync_chain_heads (
        device_id    TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        hash         TEXT NOT NULL,
        reported_by  TEXT NOT NULL,
        PRIMARY KEY (device_id, seq, reported_by)
      ) STRICT;
    `);
  },
};
