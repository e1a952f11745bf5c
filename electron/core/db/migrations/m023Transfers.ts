import type { Migration } from './index';

/**
 * Migration 23 — transfer of a case to another office (issue 17).
 * - `cases.transferred_at` / `transferred_to`: set on the sending side; a transferred case is read-only.
 * - `transfers_out`: what this office sent (transfer id, receiver's fingerprint).
 * - `transfers_in`: every transfer id received, so a file cannot be imported twice (replay), and the
 *   sections this office has no table mapping for yet (assessments, referrals) kept inside the vault.
 */
export const m023Transfers: Migration = {
  version: 23,
  name: 'transfers',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN transferred_at TEXT;
      ALTER TABLE cases ADD COLUMN transferred_to TEXT;
      CREATE TABLE transfers_out (
        transfer_id           TEXT PRIMARY KEY,
        case_id               INTEGER NOT NULL REFERENCES cases(id),
        receiver_fingerprint  TEXT NOT NULL,
        receiver_office       TEXT NOT NULL,
        sent_at               TEXT NOT NULL,
        sent_by               TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE TABLE transfers_in (
        transfer_id         TEXT PRIMARY KEY,
        case_id             INTEGER NOT NULL REFERENCES cases(id),
        sender_vault_id     TEXT NOT NULL,
        sender_fingerprint  TEXT NOT NULL,
        sender_office       TEXT NOT NULL,
        sections            TEXT NOT NULL,   -- JSON: sections kept as received
        received_at         TEXT NOT NULL,
        received_by         TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
    `);
  },
};
