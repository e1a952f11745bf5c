/**
 * Migration 19 — calendar, colleague cover and handover (issue 17):
 * - planned_visits: a home visit or interview planned on a case (the calendar's own record;
 *   the note is written after the visit, from a draft the calendar prepares).
 * - case_covers: caseworker B covers caseworker A's cases from day to day (local calendar
 *   days, both inclusive); the scope check (cases/access.ts) honours the active ones.
 * - cowork_requests: a caseworker asks a colleague to co-work a case; a supervisor decides.
 * - case_handovers: the handover note written when a case is reassigned (pinned for the new
 *   caseworker).
 */
import type { Migration } from './index';

const check = (column: string, values: readonly string[]) => `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

export const m019Calendar: Migration = {
  version: 19,
  name: 'calendar, cover and handover',
  up(db) {
    db.exec(`
      CREATE TABLE planned_visits (
        id               INTEGER PRIMARY KEY,
        case_id          INTEGER NOT NULL REFERENCES cases(id),
        kind             TEXT NOT NULL ${check('kind', ['home_visit', 'interview'])},
        starts_at        TEXT NOT NULL,              -- UTC ISO
        visitor_user_id  TEXT NOT NULL REFERENCES users(id),
        cancelled_at     TEXT,
        cancelled_by     TEXT REFERENCES users(id),
        created_at       TEXT NOT NULL,
        created_by       TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX planned_visits_starts ON planned_visits(starts_at);
      CREATE INDEX planned_visits_case ON planned_visits(case_id, starts_at);

      CREATE TABLE case_covers (
        id               INTEGER PRIMARY KEY,
        covered_user_id  TEXT NOT NULL REFERENCES users(id),   -- A: whose cases
        cover_user_id    TEXT NOT NULL REFERENCES users(id),   -- B: who covers
        from_day         TEXT NOT NULL,                        -- YYYY-MM-DD, local, inclusive
        to_day           TEXT NOT NULL,                        -- YYYY-MM-DD, local, inclusive
        granted_at       TEXT NOT NULL,
        granted_by       TEXT NOT NULL REFERENCES users(id),
        revoked_at       TEXT,
        revoked_by       TEXT REFERENCES users(id),
        CHECK (covered_user_id <> cover_user_id),
        CHECK (from_day <= to_day)
      ) STRICT;
      CREATE INDEX case_covers_cover ON case_covers(cover_user_id, to_day) WHERE revoked_at IS NULL;

      CREATE TABLE cowork_requests (
        id             INTEGER PRIMARY KEY,
        case_id        INTEGER NOT NULL REFERENCES cases(id),
        colleague_id   TEXT NOT NULL REFERENCES users(id),
        requested_at   TEXT NOT NULL,
        requested_by   TEXT NOT NULL REFERENCES users(id),
        status         TEXT NOT NULL DEFAULT 'pending' ${check('status', ['pending', 'approved', 'refused'])},
        decided_at     TEXT,
        decided_by     TEXT REFERENCES users(id)
      ) STRICT;
      CREATE INDEX cowork_requests_pending ON cowork_requests(status, requested_at) WHERE status = 'pending';
      CREATE UNIQUE INDEX cowork_requests_one_pending ON cowork_requests(case_id, colleague_id) WHERE status = 'pending';

      CREATE TABLE case_handovers (
        id            INTEGER PRIMARY KEY,
        case_id       INTEGER NOT NULL REFERENCES cases(id),
        note_id       INTEGER NOT NULL REFERENCES notes(id),
        from_user_id  TEXT NOT NULL REFERENCES users(id),
        to_user_id    TEXT NOT NULL REFERENCES users(id),
        at            TEXT NOT NULL,
        by_user_id    TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX case_handovers_case ON case_handovers(case_id, at);
    `);
  },
};
