/**
 * Migration 2 — cases: households, people, cases with status history and
 * assignment, case members, intakes and their concerns, notes with versions,
 * services delivered, case plan, tasks, flags, editable lookups, and the FTS5
 * search indexes.
 *
 * The FTS tables are contentless (content=''): they hold only the index of
 * text folded by shared/text/turkish.ts `fold` (queries are folded the same
 * way), so no second plain copy of names or notes is stored. The repos keep
 * them in step with the tables (no SQL functions in triggers: the vault must
 * open with any SQLite).
 */
import type { Migration } from './index';

/** Seed 000's concern categories with the shares the unit published (percent). */
export const SEED_CONCERNS: ReadonlyArray<{ code: string; tr: string; en: string; share: number | null }> = [
  { code: 'domestic_violence', tr: 'Aile içi şiddet', en: 'Domestic violence', share: 23 },
  { code: 'sexual_abuse', tr: 'Cinsel istismar', en: 'Sexual abuse', share: 13 },
  { code: 'emotional_neglect', tr: 'Duygusal ihmal', en: 'Emotional neglect', share: 10 },
  { code: 'emotional_abuse', tr: 'Duygusal istismar', en: 'Emotional abuse', share: 9 },
  { code: 'educational_neglect', tr: 'Eğitim ihmali', en: 'Educational neglect', share: 9 },
  { code: 'traumatic_processes', tr: 'Travmatik süreçler', en: 'Traumatic processes', share: 8 },
  { code: 'divorced_parents', tr: 'Boşanmış ebeveyn', en: 'Divorced parents', share: 8 },
  { code: 'economic_exploitation', tr: 'Ekonomik istismar', en: 'Economic exploitation', share: 5 },
  { code: 'anxiety_problems', tr: 'Kaygı sorunları', en: 'Anxiety problems', share: 4 },
  { code: 'addiction', tr: 'Bağımlılık', en: 'Addiction', share: 3 },
  // The seed's English reads only "age 2 percent" (a word lost in translation). The unit's own
  // list of work names "Forced Marriage", so we read it as early (child) marriage.
  { code: 'early_marriage', tr: 'Erken yaşta ve zorla evlilik', en: 'Early and forced marriage', share: 2 },
  { code: 'health_neglect', tr: 'Sağlık ihmali', en: 'Health neglect', share: 2 },
  { code: 'bullying', tr: 'Akran zorbalığı', en: 'Bullying', share: 1 },
  // Further areas the unit's text names (not in its percentages).
  { code: 'child_labour', tr: 'Çocuk işçiliği', en: 'Child labour', share: null },
  { code: 'child_in_conflict_with_law', tr: 'Suça sürüklenen çocuk', en: 'Child in conflict with the law', share: null },
  { code: 'substance_abuse', tr: 'Madde kullanımı', en: 'Substance abuse', share: null },
  { code: 'physical_abuse', tr: 'Fiziksel istismar', en: 'Physical abuse', share: null },
  { code: 'other', tr: 'Diğer', en: 'Other', share: null },
];

/** Intake channels: seed 000's lines and programmes, plus the usual referrers (issue 6). */
export const SEED_CHANNELS: ReadonlyArray<{ code: string; tr: string; en: string }> = [
  { code: 'unit_phone_line', tr: 'Birimin telefon hattı', en: "The unit's phone line" },
  { code: 'alo_153', tr: 'Alo 153 Çözüm Merkezi', en: 'Alo 153 Solution Centre' },
  { code: 'alo_183', tr: 'ALO 183 Sosyal Destek Hattı', en: 'ALO 183 Social Support Line' },
  { code: 'women_support_line', tr: 'Kadın Destek Hattı (444 80 86)', en: "Women's Support Line (444 80 86)" },
  { code: 'sedep', tr: 'Sosyal ve Ekonomik Destek Programı (SEDEP)', en: 'Social and Economic Support Programme (SEDEP)' },
  { code: 'isadem', tr: 'İstanbul Aile Danışmanlık ve Eğitim Merkezi (İSADEM)', en: 'Istanbul Family Counselling and Education Centre (İSADEM)' },
  { code: 'womens_counselling_unit', tr: 'Kadın Danışma Birimi', en: "Women's Counselling Unit" },
  { code: 'walk_in', tr: 'Doğrudan başvuru (birime gelerek)', en: 'Walk-in' },
  { code: 'police', tr: 'Emniyet', en: 'Police' },
  { code: 'school', tr: 'Okul', en: 'School' },
  { code: 'hospital', tr: 'Hastane', en: 'Hospital' },
  { code: 'court', tr: 'Mahkeme', en: 'Court' },
  { code: 'other_unit', tr: 'Başka bir birim ya da kurum', en: 'Another unit or institution' },
  { code: 'e_government', tr: 'e-Devlet başvurusu', en: 'e-Government application' },
  { code: 'other', tr: 'Diğer', en: 'Other' },
];

/** Seed 000's services, plus the counselling forms seed 003's court orders name. */
export const SEED_SERVICES: ReadonlyArray<{ code: string; tr: string; en: string }> = [
  { code: 'individual_counselling', tr: 'Bireysel danışmanlık', en: 'Individual counselling' },
  { code: 'developmental_assessment', tr: 'Gelişimsel değerlendirme', en: 'Developmental assessment' },
  { code: 'social_examination', tr: 'Sosyal inceleme', en: 'Social examination' },
  { code: 'case_follow_up', tr: 'Vaka takibi', en: 'Case follow-up' },
  { code: 'psychotherapy', tr: 'Psikoterapi', en: 'Psychotherapy' },
  { code: 'training', tr: 'Eğitim', en: 'Training' },
  { code: 'psychoeducation', tr: 'Bakım verene psikoeğitim', en: 'Psychoeducation for caregivers' },
  { code: 'family_counselling', tr: 'Aile danışmanlığı', en: 'Family counselling' },
  { code: 'group_counselling', tr: 'Grup danışmanlığı', en: 'Group counselling' },
  { code: 'legal_counselling', tr: 'Hukuki danışmanlık', en: 'Legal counselling' },
];

const check = (column: string, values: readonly string[]) => `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`;

export const m002Cases: Migration = {
  version: 2,
  name: 'cases',
  up(db) {
    db.exec(`
      CREATE TABLE lookups (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL ${check('kind', ['channel', 'concern', 'service'])},
        code        TEXT NOT NULL,
        label_tr    TEXT NOT NULL,
        label_en    TEXT NOT NULL,
        sort_order  INTEGER NOT NULL DEFAULT 0,
        active      INTEGER NOT NULL DEFAULT 1,
        seed_share  REAL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (kind, code)
      ) STRICT;

      CREATE TABLE households (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL DEFAULT '',
        address     TEXT,
        district    TEXT,
        city        TEXT,
        phone       TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT REFERENCES users(id),
        updated_at  TEXT NOT NULL
      ) STRICT;

      -- A person exists once and may appear in several cases over the years.
      CREATE TABLE people (
        id                 INTEGER PRIMARY KEY,
        first_name         TEXT NOT NULL,
        last_name          TEXT NOT NULL DEFAULT '',
        first_name_folded  TEXT NOT NULL,
        last_name_folded   TEXT NOT NULL,
        sort_key           TEXT NOT NULL,                 -- Turkish order of "last first"
        birth_date         TEXT,                          -- YYYY-MM-DD when known
        birth_year         INTEGER,                       -- from birth_date, or approximate
        birth_approximate  INTEGER NOT NULL DEFAULT 0,
        sex                TEXT NOT NULL DEFAULT 'unknown' ${check('sex', ['female', 'male', 'unknown'])},
        nationality        TEXT,
        legal_status       TEXT ${check('legal_status', ['citizen', 'temporary_protection', 'international_protection', 'residence_permit', 'undocumented', 'unknown'])},
        id_type            TEXT ${check('id_type', ['tc', 'foreign', 'passport'])},
        id_number          TEXT,
        languages          TEXT NOT NULL DEFAULT '[]',    -- JSON array
        school             TEXT,
        disability         TEXT,
        address            TEXT,
        phone              TEXT,
        version            INTEGER NOT NULL DEFAULT 1,
        created_at         TEXT NOT NULL,
        created_by         TEXT REFERENCES users(id),
        updated_at         TEXT NOT NULL,
        updated_by         TEXT REFERENCES users(id),
        CHECK ((id_type IS NULL) = (id_number IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX people_id_number ON people(id_number, id_type) WHERE id_number IS NOT NULL;
      CREATE INDEX people_last_birth ON people(last_name_folded, birth_year);
      CREATE INDEX people_first_birth ON people(first_name_folded, birth_year);

      CREATE TABLE cases (
        id                      INTEGER PRIMARY KEY,
        case_number             TEXT NOT NULL UNIQUE,     -- "2026/0001"
        case_year               INTEGER NOT NULL,
        case_seq                INTEGER NOT NULL,
        household_id            INTEGER NOT NULL REFERENCES households(id),
        status                  TEXT NOT NULL ${check('status', ['intake', 'assessment', 'case_plan', 'implementation', 'follow_up', 'closed'])},
        priority                TEXT ${check('priority', ['urgent', 'high', 'medium', 'low', 'none'])},
        priority_rank           INTEGER NOT NULL DEFAULT 5, -- urgent 0 … none 4, unset 5
        responsible_user_id     TEXT NOT NULL REFERENCES users(id),
        primary_child_id        INTEGER REFERENCES people(id),
        child_sort_key          TEXT NOT NULL DEFAULT '',  -- sort key of the primary child
        opened_at               TEXT NOT NULL,
        last_intake_at          TEXT NOT NULL,
        closure_requested_at    TEXT,
        closure_requested_by    TEXT REFERENCES users(id),
        closure_request_reason  TEXT,
        closed_at               TEXT,
        closed_by               TEXT REFERENCES users(id),
        closure_reason          TEXT,
        version                 INTEGER NOT NULL DEFAULT 1,
        created_at              TEXT NOT NULL,
        created_by              TEXT REFERENCES users(id),
        updated_at              TEXT NOT NULL,
        UNIQUE (case_year, case_seq)
      ) STRICT;
      CREATE INDEX cases_household ON cases(household_id);
      CREATE INDEX cases_last_intake ON cases(last_intake_at);
      CREATE INDEX cases_child ON cases(child_sort_key);
      CREATE INDEX cases_priority ON cases(priority_rank, last_intake_at);
      CREATE INDEX cases_status_intake ON cases(status, last_intake_at);
      CREATE INDEX cases_status_priority ON cases(status, priority_rank, last_intake_at);
      CREATE INDEX cases_status_child ON cases(status, child_sort_key);
      CREATE INDEX cases_status_number ON cases(status, case_year, case_seq);
      CREATE INDEX cases_responsible ON cases(responsible_user_id, status, last_intake_at);
      -- Partial indexes also carry the column of their WHERE, so SQLite can answer from the index alone.
      CREATE INDEX cases_open_responsible ON cases(responsible_user_id, status) WHERE status <> 'closed';

      -- Who may see and work on a case: the responsible caseworker and co-workers.
      CREATE TABLE case_workers (
        case_id   INTEGER NOT NULL REFERENCES cases(id),
        user_id   TEXT NOT NULL REFERENCES users(id),
        role      TEXT NOT NULL ${check('role', ['responsible', 'co'])},
        added_at  TEXT NOT NULL,
        added_by  TEXT REFERENCES users(id),
        PRIMARY KEY (case_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_workers_user ON case_workers(user_id, case_id);

      CREATE TABLE case_status_history (
        id           INTEGER PRIMARY KEY,
        case_id      INTEGER NOT NULL REFERENCES cases(id),
        event        TEXT NOT NULL ${check('event', ['created', 'transition', 'closure_requested', 'closure_approved', 'closure_refused', 'reopened'])},
        from_status  TEXT,
        to_status    TEXT NOT NULL,
        reason       TEXT,
        at           TEXT NOT NULL,
        by_user_id   TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX case_status_history_case ON case_status_history(case_id, at);

      CREATE TABLE case_members (
        id                  INTEGER PRIMARY KEY,
        case_id             INTEGER NOT NULL REFERENCES cases(id),
        person_id           INTEGER NOT NULL REFERENCES people(id),
        role                TEXT NOT NULL ${check('role', ['child', 'caregiver', 'sibling', 'alleged_perpetrator', 'other'])},
        relationship        TEXT,
        offending           INTEGER,                      -- caregivers: 1 offending, 0 non-offending
        contact_with_child  TEXT ${check('contact_with_child', ['none', 'supervised', 'unsupervised', 'lives_with_child', 'unknown'])},
        lives_in_household  INTEGER NOT NULL DEFAULT 1,
        is_primary          INTEGER NOT NULL DEFAULT 0,   -- the case's primary child
        added_at            TEXT NOT NULL,
        added_by            TEXT REFERENCES users(id),
        UNIQUE (case_id, person_id)
      ) STRICT;
      CREATE INDEX case_members_person ON case_members(person_id, case_id);

      CREATE TABLE intakes (
        id                  INTEGER PRIMARY KEY,
        case_id             INTEGER NOT NULL REFERENCES cases(id),
        kind                TEXT NOT NULL ${check('kind', ['initial', 'repeat', 'reopen'])},
        received_at         TEXT NOT NULL,
        channel_code        TEXT NOT NULL,
        reporter_anonymous  INTEGER NOT NULL DEFAULT 0,
        reporter_name       TEXT,
        reporter_relation   TEXT,
        reporter_phone      TEXT,
        summary             TEXT NOT NULL,
        recorded_by         TEXT NOT NULL REFERENCES users(id),
        created_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX intakes_case ON intakes(case_id, received_at);
      CREATE INDEX intakes_received ON intakes(received_at);

      CREATE TABLE intake_concerns (
        intake_id     INTEGER NOT NULL REFERENCES intakes(id),
        concern_code  TEXT NOT NULL,
        case_id       INTEGER NOT NULL REFERENCES cases(id),
        PRIMARY KEY (intake_id, concern_code)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX intake_concerns_concern ON intake_concerns(concern_code, case_id);

      -- Notes are evidence: every edit is a new row in note_versions; nothing is overwritten.
      CREATE TABLE notes (
        id               INTEGER PRIMARY KEY,
        case_id          INTEGER NOT NULL REFERENCES cases(id),
        type             TEXT NOT NULL,
        occurred_at      TEXT NOT NULL,
        current_version  INTEGER NOT NULL DEFAULT 1,
        visit_refused    INTEGER NOT NULL DEFAULT 0,
        created_at       TEXT NOT NULL,
        created_by       TEXT NOT NULL REFERENCES users(id)  -- the latest edit: note_versions (edited_at, edited_by)
      ) STRICT;
      CREATE INDEX notes_case ON notes(case_id, occurred_at);

      CREATE TABLE note_versions (
        id             INTEGER PRIMARY KEY,
        note_id        INTEGER NOT NULL REFERENCES notes(id),
        version        INTEGER NOT NULL,
        type           TEXT NOT NULL ${check('type', ['home_visit', 'interview', 'phone_call', 'counselling_individual', 'counselling_group', 'counselling_family', 'social_examination', 'developmental_assessment', 'court_hearing', 'other'])},
        occurred_at    TEXT NOT NULL,
        body           TEXT NOT NULL,
        present        TEXT NOT NULL DEFAULT '{}',        -- JSON {people, users, others}
        visit_refused  INTEGER NOT NULL DEFAULT 0,
        edited_at      TEXT NOT NULL,
        edited_by      TEXT NOT NULL REFERENCES users(id),
        UNIQUE (note_id, version)
      ) STRICT;
      CREATE TRIGGER note_versions_no_update BEFORE UPDATE ON note_versions
        BEGIN SELECT RAISE(ABORT, 'note versions are kept as written'); END;
      CREATE TRIGGER note_versions_no_delete BEFORE DELETE ON note_versions
        BEGIN SELECT RAISE(ABORT, 'note versions are kept as written'); END;
      CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
        BEGIN SELECT RAISE(ABORT, 'notes are kept'); END;

      CREATE TABLE case_services (
        id            INTEGER PRIMARY KEY,
        case_id       INTEGER NOT NULL REFERENCES cases(id),
        service_code  TEXT NOT NULL,
        person_id     INTEGER REFERENCES people(id),
        delivered_on  TEXT NOT NULL,
        sessions      INTEGER NOT NULL DEFAULT 1,
        note          TEXT,
        delivered_by  TEXT NOT NULL REFERENCES users(id),
        created_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX case_services_case ON case_services(case_id, delivered_on);
      CREATE INDEX case_services_service ON case_services(service_code, delivered_on);

      CREATE TABLE plan_goals (
        id           INTEGER PRIMARY KEY,
        case_id      INTEGER NOT NULL REFERENCES cases(id),
        title        TEXT NOT NULL,
        description  TEXT,
        status       TEXT NOT NULL DEFAULT 'open' ${check('status', ['open', 'achieved', 'dropped'])},
        created_at   TEXT NOT NULL,
        created_by   TEXT NOT NULL REFERENCES users(id),
        updated_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plan_goals_case ON plan_goals(case_id);

      CREATE TABLE plan_actions (
        id                   INTEGER PRIMARY KEY,
        goal_id              INTEGER NOT NULL REFERENCES plan_goals(id),
        case_id              INTEGER NOT NULL REFERENCES cases(id),
        title                TEXT NOT NULL,
        responsible_user_id  TEXT NOT NULL REFERENCES users(id),
        due_on               TEXT,
        status               TEXT NOT NULL DEFAULT 'open' ${check('status', ['open', 'done', 'cancelled'])},
        done_at              TEXT,
        done_by              TEXT REFERENCES users(id),
        created_at           TEXT NOT NULL,
        created_by           TEXT NOT NULL REFERENCES users(id),
        updated_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plan_actions_goal ON plan_actions(goal_id);
      CREATE INDEX plan_actions_case ON plan_actions(case_id);

      -- Deadlines from every feature: risk levels (issue 5), plan actions, court dates, referrals, manual.
      CREATE TABLE tasks (
        id                INTEGER PRIMARY KEY,
        case_id           INTEGER NOT NULL REFERENCES cases(id),
        kind              TEXT NOT NULL,
        source            TEXT NOT NULL ${check('source', ['risk', 'plan', 'court', 'referral', 'manual'])},
        source_id         TEXT,
        title_key         TEXT,
        title_params      TEXT NOT NULL DEFAULT '{}',     -- JSON
        title             TEXT,
        due_at            TEXT NOT NULL,
        priority          TEXT ${check('priority', ['urgent', 'high', 'medium', 'low', 'none'])},
        priority_rank     INTEGER NOT NULL DEFAULT 5,
        assignee_user_id  TEXT REFERENCES users(id),
        done_at           TEXT,
        done_by           TEXT REFERENCES users(id),
        cancelled         INTEGER NOT NULL DEFAULT 0,
        created_at        TEXT NOT NULL,
        created_by        TEXT REFERENCES users(id),
        CHECK (title_key IS NOT NULL OR title IS NOT NULL)
      ) STRICT;
      CREATE INDEX tasks_case ON tasks(case_id, done_at);
      CREATE INDEX tasks_source ON tasks(source, source_id);
      CREATE INDEX tasks_open_assignee ON tasks(assignee_user_id, due_at, priority_rank, done_at) WHERE done_at IS NULL;
      CREATE INDEX tasks_open_due ON tasks(due_at, priority_rank, done_at) WHERE done_at IS NULL;

      CREATE TABLE case_flags (
        id           INTEGER PRIMARY KEY,
        case_id      INTEGER NOT NULL REFERENCES cases(id),
        kind         TEXT NOT NULL ${check('kind', ['repeated_report', 'refused_home_visit'])},
        source_type  TEXT NOT NULL ${check('source_type', ['intake', 'note'])},
        source_id    INTEGER NOT NULL,
        details      TEXT NOT NULL DEFAULT '{}',          -- JSON, counts and ids
        suggestion   TEXT NOT NULL DEFAULT 'reassess',
        raised_at    TEXT NOT NULL,
        raised_by    TEXT REFERENCES users(id),
        resolved_at  TEXT,
        resolved_by  TEXT REFERENCES users(id)
      ) STRICT;
      CREATE INDEX case_flags_case ON case_flags(case_id);
      CREATE INDEX case_flags_open ON case_flags(case_id, kind, resolved_at) WHERE resolved_at IS NULL;

      -- Search (folded text only; rowid = the row's id).
      CREATE VIRTUAL TABLE people_fts USING fts5(
        name, id_number, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );
      CREATE VIRTUAL TABLE households_fts USING fts5(
        name, address, phone, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );
      CREATE VIRTUAL TABLE notes_fts USING fts5(
        body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
      );
    `);

    const now = new Date().toISOString();
    const insert = db.prepare(
      'INSERT INTO lookups (kind, code, label_tr, label_en, sort_order, active, seed_share, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)',
    );
    SEED_CONCERNS.forEach((c, i) => insert.run('concern', c.code, c.tr, c.en, (i + 1) * 10, c.share, now, now));
    SEED_CHANNELS.forEach((c, i) => insert.run('channel', c.code, c.tr, c.en, (i + 1) * 10, null, now, now));
    SEED_SERVICES.forEach((c, i) => insert.run('service', c.code, c.tr, c.en, (i + 1) * 10, null, now, now));
  },
};
