import type { Migration } from './index';

export const m001Vault: Migration = {
  version: 1,
  name: 'vault',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id                    TEXT PRIMARY KEY,
        username              TEXT NOT NULL,
        username_folded       TEXT NOT NULL UNIQUE,
        display_name          TEXT NOT NULL,
        roles                 TEXT NOT NULL,          -- JSON array of role ids
        disabled              INTEGER NOT NULL DEFAULT 0,
        must_change_password  INTEGER NOT NULL DEFAULT 0,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL                            -- JSON
      ) STRICT;

      -- Append-only, hash-chained: each row's hash covers the previous row's
      -- hash and this row's canonical content; triggers refuse any change.
      CREATE TABLE audit_log (
        seq          INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,
        actor_id     TEXT,
        actor_name   TEXT,
        action       TEXT NOT NULL,
        target_type  TEXT,
        target_id    TEXT,
        details      TEXT NOT NULL DEFAULT '{}',       -- JSON, codes and ids only
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_action ON audit_log(action, at);
      CREATE INDEX audit_log_actor ON audit_log(actor_id, at);
      CREATE INDEX audit_log_target ON audit_log(target_type, target_id);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
