import type { Migration } from './index';

/**
 * Court-ready documents (issue 15):
 * - `users.title`: the professional title printed under a signature
 *   (social_worker, psychologist, child_development … — a code, translated when printed);
 * - `court_report_drafts`: the social inquiry report's own record — opinion,
 *   recommendation, the method items chosen and the other typed parts, one row per
 *   saved version, per case and hearing (hearing_key 0: not for a hearing). Never
 *   changed once written: a correction is the next version;
 * - `documents.draft_version`: which version of that draft a printed report carries.
 * The office's letterhead lives in `settings` ('office', 'officeLogo'; no table).
 */
export const m012CourtDocuments: Migration = {
  version: 12,
  name: 'court documents',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN title TEXT;

      CREATE TABLE court_report_drafts (
        id           INTEGER PRIMARY KEY,
        case_id      INTEGER NOT NULL REFERENCES cases(id),
        hearing_key  INTEGER NOT NULL DEFAULT 0,      -- hearings.id, 0 = not for a hearing
        version      INTEGER NOT NULL CHECK (version >= 1),
        content      TEXT NOT NULL,                   -- JSON (CourtReportDraftContent)
        saved_by     TEXT NOT NULL,                   -- users.id
        saved_at     TEXT NOT NULL,
        UNIQUE (case_id, hearing_key, version)
      ) STRICT;

      CREATE TRIGGER court_report_drafts_no_update BEFORE UPDATE ON court_report_drafts
        BEGIN SELECT RAISE(ABORT, 'court_report_drafts versions are never changed'); END;

      ALTER TABLE documents ADD COLUMN draft_version INTEGER;
    `);
  },
};
