import type { Migration } from './index';

/**
 * Attachments (issue 17): files kept INSIDE the encrypted vault, never as loose files.
 * - `attachments`: one row per file (its metadata; lists read only this table), per case and
 *   optionally linked to one person, note, referral, hearing or order of that case. A supervisor's
 *   delete is a tombstone: the bytes are purged, the row stays with who, when and why.
 * - `attachment_chunks`: the bytes, in chunks of at most 1 MiB (a 20 MB PDF is 20 rows), read only
 *   when the file is opened or saved.
 */
export const m018Attachments: Migration = {
  version: 18,
  name: 'attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id             INTEGER PRIMARY KEY,
        case_id        INTEGER NOT NULL REFERENCES cases(id),
        link_kind      TEXT CHECK (link_kind IN ('person', 'note', 'referral', 'hearing', 'order')),
        link_id        INTEGER,
        file_name      TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'doc', 'xls')),
        mime           TEXT NOT NULL,
        size           INTEGER NOT NULL CHECK (size >= 0),
        sha256         TEXT NOT NULL,
        added_by       TEXT NOT NULL REFERENCES users(id),
        added_at       TEXT NOT NULL,
        deleted_by     TEXT REFERENCES users(id),
        deleted_at     TEXT,
        delete_reason  TEXT,
        CHECK ((link_kind IS NULL) = (link_id IS NULL))
      ) STRICT;
      CREATE INDEX attachments_by_case ON attachments (case_id, added_at);

      CREATE TABLE attachment_chunks (
        attachment_id  INTEGER NOT NULL REFERENCES attachments(id),
        seq            INTEGER NOT NULL CHECK (seq >= 0),
        data           BLOB NOT NULL,
        PRIMARY KEY (attachment_id, seq)
      ) STRICT;
    `);
  },
};
