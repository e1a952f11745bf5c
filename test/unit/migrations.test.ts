/**
 * Every migration on a database at the previous version (issue 12, part 3): the
 * database is built one migration at a time, with representative rows added after
 * each (the tables that migration created), then the migration under test runs.
 * For each: every row that was there is still there with the same values (the
 * columns it had), and the migration's own change is checked (new columns empty on
 * old rows, data filled in, constraints and indexes in place). A second test
 * checks that the lists copied into migration 4 (and 2) still match `shared/`.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { SEED_CHANNELS, SEED_CONCERNS, SEED_SERVICES } from '../../electron/core/db/migrations/m002Cases';
import { INSTITUTION_TYPE_CODES, SEED_INSTITUTIONS } from '../../electron/core/db/migrations/m004ReferralsCourt';
import { ACTION_STATUSES, CASE_STATUSES, FLAG_KINDS, GOAL_STATUSES, MEMBER_ROLES, NOTE_TYPES } from '../../shared/api/schemas/cases';
import { COMPLIANCE_STATUSES, HEARING_STATUSES, ORDER_KINDS } from '../../shared/api/schemas/court';
import { CONSENT_METHODS, INSTITUTION_TYPES, REFERRAL_STATES, URGENCIES } from '../../shared/api/schemas/referrals';
import { fold } from '../../shared/text/turkish';

type Db = Database.Database;
type Row = Record<string, unknown>;

const T0 = '2024-03-05T08:30:00.000Z';
const T1 = '2025-11-20T14:05:00.000Z';

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}
const columns = (db: Db, table: string) => db.prepare(`PRAGMA table_info("${table}")`).all() as Column[];
const tableNames = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts%' ORDER BY name").all() as Array<{ name: string }>).map(
    (t) => t.name,
  );
const indexNames = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string }>).map((r) => r.name);
const triggerNames = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>).map((r) => r.name);
const all = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];

/** A row with the given values; other NOT NULL columns without a default get a plain value of their type. */
function insert(db: Db, table: string, values: Row): number {
  const row: Row = { ...values };
  for (const c of columns(db, table)) {
    if (c.name in row || !c.notnull || c.dflt_value !== null || c.pk) continue;
    row[c.name] = c.type === 'INTEGER' ? 1 : c.type === 'BLOB' ? Buffer.from([1, 2, 3]) : T0;
  }
  const names = Object.keys(row);
  return Number(db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n])).lastInsertRowid);
}

/** Representative rows for the tables each migration creates, added right after it ran. */
const FIXTURES: Record<number, (db: Db) => void> = {
  1: (db) => {
    insert(db, 'meta', { key: 'vaultId', value: '0b7c1d2e-aaaa-4bbb-8ccc-111122223333' });
    insert(db, 'users', { id: 'u-admin', username: 'Yönetici', username_folded: 'yonetici', display_name: 'Hülya Kaya', roles: '["admin"]', created_at: T0, updated_at: T0 });
    insert(db, 'users', { id: 'u-worker', username: 'ayse', username_folded: 'ayse', display_name: 'Ayşe Demir', roles: '["caseworker"]', disabled: 1, created_at: T0, updated_at: T1 });
    insert(db, 'settings', { key: 'idleMinutes', value: '10' });
    insert(db, 'audit_log', { seq: 1, at: T0, actor_id: 'u-admin', actor_name: 'Yönetici', action: 'vault.created', details: '{}', prev_hash: '0'.repeat(64), hash: 'a'.repeat(64) });
    insert(db, 'audit_log', { seq: 2, at: T1, actor_id: 'u-worker', actor_name: 'ayse', action: 'case.viewed', target_type: 'case', target_id: '1', details: '{"k":1}', prev_hash: 'a'.repeat(64), hash: 'b'.repeat(64) });
  },
  2: (db) => {
    insert(db, 'households', { id: 1, name: 'Öztürk', created_at: T0, updated_at: T0 });
    insert(db, 'people', { id: 1, first_name: 'Can', last_name: 'Öztürk', first_name_folded: 'can', last_name_folded: 'ozturk', sort_key: 'ozturk can', sex: 'male', created_at: T0, updated_at: T0 });
    insert(db, 'people', {
      id: 2,
      first_name: 'Ayten',
      last_name: 'Öztürk',
      first_name_folded: 'ayten',
      last_name_folded: 'ozturk',
      sort_key: 'ozturk ayten',
      sex: 'female',
      id_type: 'tc',
      id_number: '10000000146',
      created_at: T1,
      updated_at: T1,
    });
    insert(db, 'cases', {
      id: 1,
      case_number: '2024/0001',
      case_year: 2024,
      case_seq: 1,
      household_id: 1,
      status: 'implementation',
      priority: 'high',
      priority_rank: 1,
      responsible_user_id: 'u-worker',
      opened_at: T0,
      last_intake_at: T0,
      created_at: T0,
      updated_at: T0,
    });
    insert(db, 'case_members', { case_id: 1, person_id: 1, role: 'child', is_primary: 1, added_at: T0 });
    insert(db, 'case_members', { case_id: 1, person_id: 2, role: 'caregiver', added_at: T0 });
    insert(db, 'notes', { id: 1, case_id: 1, type: 'home_visit', occurred_at: T0, created_at: T0, created_by: 'u-worker' });
    insert(db, 'note_versions', { note_id: 1, version: 1, type: 'home_visit', occurred_at: T0, body: 'Ev ziyareti yapıldı; çocuklar okulda.', edited_at: T0, edited_by: 'u-worker' });
    insert(db, 'case_services', { case_id: 1, service_code: 'individual_counselling', delivered_on: '2024-03-06', sessions: 2, delivered_by: 'u-worker', created_at: T0 });
    insert(db, 'tasks', { id: 1, case_id: 1, kind: 'follow_up', source: 'manual', title: 'Okulu ara', due_at: T1, priority: 'high', created_at: T0 });
    insert(db, 'tasks', { id: 2, case_id: 1, kind: 'reassess', source: 'risk', title_key: 'tasks.reassess', due_at: T0, done_at: T1, created_at: T0 });
  },
  3: (db) => {
    insert(db, 'assessments', {
      case_id: 1,
      child_id: 1,
      instrument_version: '1.0.0',
      criteria: '["c1","c7"]',
      computed: 'high',
      final_level: 'high',
      status: 'approved',
      assessed_by: 'u-worker',
      assessed_at: T0,
    });
  },
  4: (db) => {
    insert(db, 'institutions', { id: 900, code: null, name: 'Şişli Rehberlik ve Araştırma Merkezi', name_folded: fold('Şişli Rehberlik ve Araştırma Merkezi'), sort_key: 'sisli', type: 'school', services: '[]', created_at: T1, updated_at: T1 });
  },
  6: (db) => {
    insert(db, 'documents', { number: 'KLK-2024-000001', kind: 'courtReport', language: 'tr', case_id: '1', status: 'issued', sha256: 'c'.repeat(64), bytes: 2048, pages: 3, generated_by: 'u-worker', generated_at: T0 });
    insert(db, 'documents', { number: 'KLK-2024-000002', kind: 'referralLetter', language: 'en', status: 'failed', generated_at: T1 });
  },
  14: (db) => {
    insert(db, 'sync_applied', { device_id: '0123456789abcdef', segment: 1, sha256: 'd'.repeat(64), messages: 12, applied_at: T1 });
  },
  19: (db) => {
    insert(db, 'planned_visits', { id: 1, case_id: 1, kind: 'home_visit', starts_at: T1, visitor_user_id: 'u-worker', created_at: T0, created_by: 'u-worker' });
    // The note search index (contentless FTS5), as notesRepo writes it.
    db.prepare('INSERT INTO notes_fts (rowid, body) VALUES (?, ?)').run(1, 'rehber ogretmenle gorusuldu ogretmeni aradi');
  },
  23: (db) => {
    insert(db, 'transfers_in', { transfer_id: 't-1', case_id: 1, sender_vault_id: 'v-b', sender_fingerprint: 'ABCD-EFGH', sender_office: 'B', sections: '{}', received_at: T1, received_by: 'u-worker' });
  },
};

/** A database with every migration before `version` applied, representative rows added after each. */
function atPreviousVersion(version: number): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version < version)) {
    migrate(db, { migrations: MIGRATIONS.filter((x) => x.version <= m.version) });
    FIXTURES[m.version]?.(db);
  }
  return db;
}

/** A table's rows (the given columns), in a stable order (some tables have no rowid). */
const rowsOf = (db: Db, table: string, cols: string[]) =>
  all(db, `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}"`)
    .map((r) => ({ r, key: JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.r);
/** Every table's columns and rows; the migrations ledger is left out (the migration adds its own row). */
const snapshot = (db: Db) =>
  new Map(
    tableNames(db)
      .filter((t) => t !== 'schema_migrations')
      .map((t) => {
        const cols = columns(db, t).map((c) => c.name);
        return [t, { cols, rows: rowsOf(db, t, cols) }];
      }),
  );

/** What each migration changes, checked on the migrated database (`before`: the snapshot at the previous version). */
const CHECKS: Record<number, (db: Db, before: ReturnType<typeof snapshot>) => void> = {
  1: (db) => {
    expect(tableNames(db)).toEqual(expect.arrayContaining(['meta', 'users', 'settings', 'audit_log']));
    insert(db, 'audit_log', { seq: 1, at: T0, action: 'vault.created', prev_hash: '0', hash: '1' });
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  },
  2: (db) => {
    // The editable lists are seeded from the lists in the migration, in their order.
    const codes = (kind: string) => all(db, 'SELECT code FROM lookups WHERE kind = ? ORDER BY sort_order', kind).map((r) => r.code);
    expect(codes('concern')).toEqual(SEED_CONCERNS.map((c) => c.code));
    expect(codes('channel')).toEqual(SEED_CHANNELS.map((c) => c.code));
    expect(codes('service')).toEqual(SEED_SERVICES.map((c) => c.code));
    // A case needs a known household and user.
    expect(() => insert(db, 'cases', { case_number: '2024/0009', case_year: 2024, case_seq: 9, household_id: 77, status: 'intake', responsible_user_id: 'u-admin' })).toThrow(/FOREIGN KEY/);
  },
  3: (db) => {
    expect(() => insert(db, 'assessments', { case_id: 1, instrument_version: '1.0.0', criteria: '[]', computed: 'low', final_level: 'high', status: 'approved', assessed_by: 'u-admin', assessed_at: T0 })).toThrow(/CHECK/);
    insert(db, 'assessments', { case_id: 1, instrument_version: '1.0.0', criteria: '[]', computed: 'low', final_level: 'high', override_reason: 'Gerekçe', status: 'pending_approval', assessed_by: 'u-admin', assessed_at: T0 });
  },
  4: (db) => {
    const seeded = all(db, 'SELECT code, name, name_folded AS folded, type FROM institutions ORDER BY id');
    expect(seeded.map((r) => r.code)).toEqual(SEED_INSTITUTIONS.map((i) => i.code));
    for (const row of seeded) expect(row.folded).toBe(fold(String(row.name)));
    expect(() => insert(db, 'institutions', { code: 'x', name: 'X', name_folded: 'x', sort_key: 'x', type: 'bakery', services: '[]' })).toThrow(/CHECK/);
  },
  5: (db) => expect(indexNames(db)).toEqual(expect.arrayContaining(['cases_opened', 'case_status_history_event', 'case_services_delivered', 'assessments_assessed', 'tasks_source_kind_due'])),
  6: (db) => {
    expect(() => insert(db, 'documents', { number: 'KLK-2024-000009', kind: 'x', language: 'tr', status: 'issued', generated_at: T0 })).toThrow(/CHECK/);
    expect(() => insert(db, 'documents', { number: 'KLK-2024-000010', kind: 'x', language: 'de', status: 'reserved', generated_at: T0 })).toThrow(/CHECK/);
  },
  7: (db) => expect(all(db, 'SELECT screened FROM assessments')).toEqual([{ screened: null }]),
  9: (db) => {
    expect(all(db, 'SELECT grant_sig FROM users')).toEqual([{ grant_sig: null }, { grant_sig: null }]);
    expect(all(db, 'SELECT actor_mac FROM audit_log')).toEqual([{ actor_mac: null }, { actor_mac: null }]);
    expect(triggerNames(db)).toEqual(expect.arrayContaining(['audit_log_no_update', 'audit_log_no_delete']));
  },
  11: (db) => {
    insert(db, 'drafts', { user_id: 'u-worker', key: 'note:1:new', route: '/cases/1?tab=notes', data: '{}', updated_at: T1 });
    expect(() => insert(db, 'drafts', { user_id: 'u-worker', key: 'note:1:new', route: '/', data: '{}', updated_at: T1 })).toThrow(/UNIQUE|PRIMARY/);
  },
  12: (db) => {
    expect(all(db, 'SELECT title FROM users')).toEqual([{ title: null }, { title: null }]);
    expect(all(db, 'SELECT draft_version FROM documents')).toEqual([{ draft_version: null }, { draft_version: null }]);
    insert(db, 'court_report_drafts', { case_id: 1, version: 1, content: '{}', saved_by: 'u-worker', saved_at: T1 });
    expect(() => db.prepare("UPDATE court_report_drafts SET content = '{\"x\":1}'").run()).toThrow(/never changed/);
  },
  14: (db) => {
    // Every person gets a time-ordered uid whose time is the row's created_at; old audit rows keep none.
    const people = all(db, 'SELECT id, uid, created_at FROM people ORDER BY id') as Array<{ id: number; uid: string; created_at: string }>;
    expect(people).toHaveLength(2);
    for (const p of people) {
      expect(p.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(p.uid.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse(p.created_at));
    }
    expect(new Set(people.map((p) => p.uid)).size).toBe(2);
    expect(all(db, 'SELECT uid FROM audit_log')).toEqual([{ uid: null }, { uid: null }]);
    expect(() => db.prepare('UPDATE people SET uid = (SELECT uid FROM people WHERE id = 1) WHERE id = 2').run()).toThrow(/UNIQUE/);
  },
  15: (db) => {
    expect(all(db, 'SELECT bytes, mtime_ms FROM sync_applied')).toEqual([{ bytes: null, mtime_ms: null }]);
    expect(tableNames(db)).toContain('sync_published');
  },
  16: (db, before) => {
    const rows = all(db, 'SELECT kep FROM institutions');
    expect(rows).toHaveLength(before.get('institutions')!.rows.length);
    expect(new Set(rows.map((r) => r.kep))).toEqual(new Set([null]));
  },
  17: (db) => expect(all(db, 'SELECT outcome FROM tasks ORDER BY id')).toEqual([{ outcome: null }, { outcome: null }]),
  18: (db) => {
    insert(db, 'attachments', { case_id: 1, link_kind: 'note', link_id: 1, file_name: 'karar.pdf', kind: 'pdf', mime: 'application/pdf', size: 3, sha256: 'e'.repeat(64), added_by: 'u-worker', added_at: T1 });
    expect(() => insert(db, 'attachments', { case_id: 1, link_kind: 'note', file_name: 'a.pdf', kind: 'pdf', mime: 'application/pdf', size: 3, sha256: 'e', added_by: 'u-worker', added_at: T1 })).toThrow(/CHECK/);
    expect(all(db, 'SELECT state FROM attachments')).toEqual([{ state: 'ready' }]);
  },
  19: (db) => {
    insert(db, 'planned_visits', { case_id: 1, kind: 'home_visit', starts_at: T1, visitor_user_id: 'u-worker', created_at: T0, created_by: 'u-worker' });
    expect(() => insert(db, 'case_covers', { covered_user_id: 'u-worker', cover_user_id: 'u-admin', from_day: '2025-12-02', to_day: '2025-12-01', granted_at: T1, granted_by: 'u-admin' })).toThrow(/CHECK/);
    expect(() => insert(db, 'case_handovers', { case_id: 1, note_id: 99, from_user_id: 'u-worker', to_user_id: 'u-admin', at: T1, by_user_id: 'u-admin' })).toThrow(/FOREIGN KEY/);
  },
  20: (db) => {
    expect(indexNames(db)).toContain('tasks_open_assignee_rank');
    const plan = all(db, 'EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE assignee_user_id = ? AND done_at IS NULL ORDER BY priority_rank, due_at', 'u-worker');
    expect(plan.map((r) => String(r.detail)).join(' ')).toContain('tasks_open_assignee_rank');
  },
  23: (db) => {
    expect(all(db, 'SELECT transferred_at, transferred_to FROM cases')).toEqual([{ transferred_at: null, transferred_to: null }]);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['transfers_out', 'transfers_in']));
  },
  24: (db) => {
    expect(tableNames(db)).toContain('audit_keys');
    // Rows written before per-user signatures are legacy: signing starts after the last one.
    expect(all(db, "SELECT value FROM meta WHERE key = 'audit_signed_from'")).toEqual([{ value: '3' }]);
  },
  25: (db) => {
    expect(indexNames(db)).toContain('tasks_open_rank_due');
    // Every word already in the note index is in the vocabulary a typed word expands through.
    expect(all(db, 'SELECT term FROM note_terms ORDER BY term').map((r) => r.term)).toEqual(['aradi', 'gorusuldu', 'ogretmeni', 'ogretmenle', 'rehber']);
  },
  26: (db) => {
    expect(all(db, 'SELECT cancel_reason FROM planned_visits')).toEqual([{ cancel_reason: null }]);
    insert(db, 'planned_visits', { case_id: 1, kind: 'interview', starts_at: T1, visitor_user_id: 'u-worker', created_at: T0, created_by: 'u-worker', cancel_reason: 'Aile taşındı.' });
  },
  27: (db) => {
    expect(tableNames(db)).toEqual(expect.arrayContaining(['transfer_requests', 'transfer_rows']));
    expect(all(db, 'SELECT merged FROM transfers_in')).toEqual([{ merged: 0 }]);
    const request = { case_id: 1, sections: '[]', attachment_ids: '[]', receiver_key: '{}', receiver_fingerprint: 'ABCD', receiver_office: 'B', state: 'pending', requested_by: 'u-worker', requested_at: T1 };
    insert(db, 'transfer_requests', request);
    // One pending request per case.
    expect(() => insert(db, 'transfer_requests', request)).toThrow(/UNIQUE/);
    expect(() => insert(db, 'transfer_rows', { transfer_id: 'nope', kind: 'note', row_id: 1 })).toThrow(/FOREIGN KEY/);
  },
};

/** Tables a migration adds rows to (its check names them); every other table keeps exactly its rows. */
const ADDS_ROWS: Record<number, string[]> = { 24: ['meta'] };

describe('each migration on a database at the previous version', () => {
  it('every registered migration has a check here', () => {
    expect(MIGRATIONS.map((m) => m.version).filter((v) => !CHECKS[v])).toEqual([]);
  });

  for (const migration of MIGRATIONS) {
    it(`${migration.version} ${migration.name}: keeps every row and makes its change`, () => {
      const db = atPreviousVersion(migration.version);
      const previous = schemaVersion(db);
      const before = snapshot(db);
      expect(migrate(db, { migrations: MIGRATIONS.filter((m) => m.version <= migration.version) }).applied).toEqual([migration.version]);
      expect(schemaVersion(db)).toBe(Math.max(previous, migration.version));
      // Data kept: each table that was there has the same rows, with the same values in the columns it had.
      for (const [table, { cols, rows }] of before) {
        if (ADDS_ROWS[migration.version]?.includes(table)) expect(rowsOf(db, table, cols), table).toEqual(expect.arrayContaining(rows));
        else expect(rowsOf(db, table, cols), table).toEqual(rows);
      }
      expect(all(db, 'SELECT version FROM schema_migrations ORDER BY version').at(-1)).toEqual({ version: Math.max(previous, migration.version) });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      CHECKS[migration.version]!(db, before);
    });
  }
});

/** The values a column's `CHECK (column IN (...))` allows, read from the table's SQL in the database. */
function allowed(db: Db, table: string, column: string): string[] {
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined)?.sql ?? '';
  const match = new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql);
  if (!match) throw new Error(`no CHECK list for ${table}.${column}`);
  return [...match[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

describe('lists copied into the migrations still match shared/', () => {
  const db = new Database(':memory:');
  migrate(db);

  it('migration 4 (referrals and court): institution types, urgency, consent, states, hearing statuses, order kinds, compliance', () => {
    expect([...INSTITUTION_TYPE_CODES]).toEqual([...INSTITUTION_TYPES]);
    expect(allowed(db, 'institutions', 'type')).toEqual([...INSTITUTION_TYPES]);
    expect(allowed(db, 'referrals', 'urgency')).toEqual([...URGENCIES]);
    expect(allowed(db, 'referrals', 'consent_method')).toEqual([...CONSENT_METHODS]);
    expect(allowed(db, 'referrals', 'state')).toEqual([...REFERRAL_STATES]);
    expect(allowed(db, 'court_hearings', 'status')).toEqual([...HEARING_STATUSES]);
    expect(allowed(db, 'court_orders', 'kind')).toEqual([...ORDER_KINDS]);
    expect(allowed(db, 'court_orders', 'compliance')).toEqual([...COMPLIANCE_STATUSES]);
    // Seeded institutions name service codes that exist in the service list (or free text with a space).
    const services = new Set(SEED_SERVICES.map((s) => s.code));
    for (const i of SEED_INSTITUTIONS) for (const s of i.services) if (/^[a-z_]+$/.test(s)) expect(services, `${i.code}: ${s}`).toContain(s);
  });

  it('migration 2 (cases): statuses, member roles, note types, flags, goal and action statuses', () => {
    expect(allowed(db, 'cases', 'status')).toEqual([...CASE_STATUSES]);
    expect(allowed(db, 'case_members', 'role')).toEqual([...MEMBER_ROLES]);
    expect(allowed(db, 'note_versions', 'type')).toEqual([...NOTE_TYPES]);
    expect(allowed(db, 'case_flags', 'kind')).toEqual([...FLAG_KINDS]);
    expect(allowed(db, 'plan_goals', 'status')).toEqual([...GOAL_STATUSES]);
    expect(allowed(db, 'plan_actions', 'status')).toEqual([...ACTION_STATUSES]);
  });
});
