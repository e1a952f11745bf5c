/**
 * Migration 3 — risk assessments. Every assessment is kept (the case's risk
 * history), with the instrument version it used, the ticked criteria, the
 * computed and suggested levels, the assessor's final level and the reason
 * when it differs, and the supervisor's approval for Urgent/High decisions
 * made by a caseworker.
 */
import type { Migration } from './index';

const LEVELS = "('urgent', 'high', 'medium', 'low', 'none')";

export const m003Assessments: Migration = {
  version: 3,
  name: 'assessments',
  up(db) {
    db.exec(`
      CREATE TABLE assessments (
        id                  INTEGER PRIMARY KEY,
        case_id             INTEGER NOT NULL REFERENCES cases(id),
        child_id            INTEGER REFERENCES people(id),
        previous_id         INTEGER REFERENCES assessments(id),
        instrument_version  TEXT NOT NULL,
        criteria            TEXT NOT NULL,             -- JSON array of criterion ids
        child_age           INTEGER,
        computed            TEXT NOT NULL CHECK (computed IN ${LEVELS}),
        suggested           TEXT CHECK (suggested IN ${LEVELS}),
        rules               TEXT NOT NULL DEFAULT '[]', -- JSON: escalations the engine cited
        final_level         TEXT NOT NULL CHECK (final_level IN ${LEVELS}),
        override_reason     TEXT,
        summary             TEXT,
        status              TEXT NOT NULL CHECK (status IN ('pending_approval', 'approved', 'returned')),
        assessed_by         TEXT NOT NULL REFERENCES users(id),
        assessed_at         TEXT NOT NULL,
        decided_by          TEXT REFERENCES users(id),
        decided_at          TEXT,
        decision_note       TEXT,
        CHECK (final_level = computed OR override_reason IS NOT NULL)
      ) STRICT;
      CREATE INDEX assessments_case ON assessments(case_id, assessed_at);
      CREATE INDEX assessments_pending ON assessments(assessed_at) WHERE status = 'pending_approval';
    `);
  },
};
