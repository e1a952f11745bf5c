import type { Migration } from './index';

/**
 * Migration 27 — transfer to another office in the app (issue 17).
 * - `transfer_requests`: a caseworker's request to send a case (chosen sections and attachments, the
 *   receiving office's public key file as read), decided by a supervisor: approved (the .kcase was
 *   written, `transfer_id` set) or rejected with a reason. One pending request per case.
 * - `transfers_in.merged`: 1 when the received case was merged into an existing case instead of
 *   creating a new one.
 * - `transfer_rows`: provenance — every note, assessment and attachment a transfer import created,
 *   with its transfer id (shown as "transferred from OFFICE").
 */
export const m027TransferRequests: Migration = {
  version: 27,
  name: 'transfer requests',
  up(db) {
    db.exec(`
      CREATE TABLE transfer_requests (
        id                    INTEGER PRIMARY KEY,
        case_id               INTEGER NOT NULL REFERENCES cases(id),
        sections              TEXT NOT NULL,   -- JSON array of section names
        attachment_ids        TEXT NOT NULL,   -- JSON array of attachment ids
        receiver_key          TEXT NOT NULL,   -- the receiving office's public key file (JSON, public)
        receiver_fingerprint  TEXT NOT NULL,
        receiver_office       TEXT NOT NULL,
        state                 TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
        requested_by          TEXT NOT NULL REFERENCES users(id),
        requested_at          TEXT NOT NULL,
        decided_by            TEXT REFERENCES users(id),
        decided_at            TEXT,
        reason                TEXT,
        transfer_id           TEXT
      ) STRICT;
      CREATE INDEX transfer_requests_case ON transfer_requests (case_id, state);
      CREATE UNIQUE INDEX transfer_requests_one_pending ON transfer_requests (case_id) WHERE state = 'pending';
      ALTER TABLE transfers_in ADD COLUMN merged INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE transfer_rows (
        transfer_id  TEXT NOT NULL REFERENCES transfers_in(transfer_id),
        kind         TEXT NOT NULL CHECK (kind IN ('note', 'assessment', 'attachment')),
        row_id       INTEGER NOT NULL,
        PRIMARY KEY (kind, row_id)
      ) STRICT;
    `);
  },
};
