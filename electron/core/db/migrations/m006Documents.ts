import type { Migration } from './index';

/**
 * The register of printed documents. Every PDF gets the next running number
 * of the vault (KLK-<year>-<seq>) before it is drawn, because the number is
 * printed on it; the row becomes 'issued' with the SHA-256 of the bytes once
 * the PDF exists and the print is audited. A number whose rendering failed or
 * was cancelled stays in the register with that status, so no gap is
 * unexplained.
 */
export const m006Documents: Migration = {
  version: 6,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        seq           INTEGER PRIMARY KEY,             -- the running number of the vault
        number        TEXT NOT NULL UNIQUE,            -- as printed: KLK-2026-000123
        kind          TEXT NOT NULL,                   -- recoverySheet, courtReport, referralLetter, …
        language      TEXT NOT NULL CHECK (language IN ('tr', 'en')),
        case_id       TEXT,                            -- the case it is about, if any
        target_type   TEXT,                            -- what it prints: case, referral, assessment, vault, …
        target_id     TEXT,
        status        TEXT NOT NULL CHECK (status IN ('reserved', 'issued', 'failed', 'cancelled')),
        sha256        TEXT,                            -- of the PDF bytes handed out
        bytes         INTEGER,
        pages         INTEGER,
        protected     INTEGER NOT NULL DEFAULT 0,      -- 1 when the PDF carries a password
        generated_by  TEXT,                            -- users.id
        generated_at  TEXT NOT NULL,
        CHECK (status <> 'issued' OR (sha256 IS NOT NULL AND bytes IS NOT NULL AND pages IS NOT NULL))
      ) STRICT;
      CREATE INDEX documents_case ON documents(case_id, seq);
      CREATE INDEX documents_target ON documents(target_type, target_id, seq);
      CREATE INDEX documents_sha256 ON documents(sha256);
    `);
  },
};
