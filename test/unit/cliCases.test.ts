/**
 * `kalkan demo`, `kalkan cases list` and `kalkan search` (issue 6), and the
 * demo generator itself: deterministic by seed, realistic shape.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseList, SearchHit } from '../../shared/api/schemas/cases';
import { fold, isValidTcKimlik } from '../../shared/text/turkish';
import type { Db } from '../../electron/core/db/open';
import { demoThreadStats } from '../../electron/core/demo/demoThread';
import { generateDemo, idNumberFor } from '../../electron/core/demo/generate';
import { DEMO_PASSWORD, ensureDemoStaff } from '../../electron/core/demo/staff';
import { cli } from '../fixtures/cli';
import { ADMIN, createdVault, tempDir } from '../fixtures/vaults';

const ADMIN_PW = 'mavi-kedi-sabah-çayı-içer';

describe('kalkan demo / cases list / search', () => {
  it('creates a vault with demo data, prints the demo password, then lists and searches as a caseworker and a supervisor', async () => {
    const db = join(tempDir('kalkan-cli-demo-'), 'demo.db');
    const demo = await cli(['demo', '--db', db, '--user', 'yonetici', '--cases', '60', '--seed', '7', '--now', '2026-06-15T09:00:00Z', '--lang', 'en'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(demo.code, demo.err).toBe(0);
    expect(demo.err).toContain('New vault created');
    expect(demo.err).toMatch(/60 \/ 60 cases \(100 %/); // not a terminal: progress as lines
    expect(demo.out).toContain(`Password of every new demo user: ${DEMO_PASSWORD}`);
    expect(demo.out).toMatch(/derya\.aksoy\s+Derya Aksoy\s+Supervisor/);
    expect(demo.out).toMatch(/Created 60 cases, \d+ people and \d+ notes/);

    const worker = { KALKAN_PASSWORD: DEMO_PASSWORD };
    const mine = await cli(['cases', 'list', '--db', db, '--user', 'ayse.yildirim', '--json', '--limit', '500'], worker);
    expect(mine.code, mine.err).toBe(0);
    const list = JSON.parse(mine.out) as CaseList;
    expect(list.total).toBeGreaterThan(5);
    const everyone = JSON.parse((await cli(['cases', 'list', '--db', db, '--user', 'derya.aksoy', '--json', '--limit', '500'], worker)).out) as CaseList;
    expect(everyone.total).toBe(60);
    // Her own cases and those she co-works on; the others stay out of sight.
    const hers = everyone.rows.filter((r) => r.responsible.displayName === 'Ayşe Yıldırım').map((r) => r.id);
    expect(list.rows.map((r) => r.id)).toEqual(expect.arrayContaining(hers));
    expect(list.total).toBeLessThan(60);

    const closed = await cli(['cases', 'list', '--db', db, '--user', 'derya.aksoy', '--status', 'closed', '--limit', '3', '--sort', 'childName'], worker);
    expect(closed.code, closed.err).toBe(0);
    expect(closed.out.split('\n')).toHaveLength(4);
    expect(closed.out).toMatch(/^\d{4}\/\d{4} +Kapalı/m);
    expect(closed.out).toMatch(/Toplam \d+ vaka; 3 tanesi gösteriliyor\./);
    const bad = await cli(['cases', 'list', '--db', db, '--user', 'derya.aksoy', '--status', 'open', '--lang', 'en'], worker);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--status open');

    // Search a child of the list by a folded, upper-case surname.
    const child = everyone.rows.find((r) => r.child && /[çğıöşüÇĞİÖŞÜ]/.test(r.child.lastName))?.child ?? everyone.rows[0]!.child!;
    const q = fold(child.lastName).toUpperCase();
    const found = await cli(['search', '--db', db, '--user', 'derya.aksoy', '--q', q, '--json'], worker);
    expect(found.code, found.err).toBe(0);
    const hits = (JSON.parse(found.out) as { hits: SearchHit[] }).hits;
    expect(hits.some((h) => h.person?.lastName === child.lastName)).toBe(true);
    const text = await cli(['search', '--db', db, '--user', 'derya.aksoy', '--q', q, '--limit', '3'], worker);
    expect(text.out).toMatch(/^\d{4}\/\d{4} +(Ad|Hane|Not)/m);
    expect((await cli(['search', '--db', db, '--user', 'derya.aksoy', '--q', 'zzqqxx', '--lang', 'en'], worker)).out).toBe('No results.');
    expect((await cli(['search', '--db', db, '--user', 'derya.aksoy'], worker)).code).toBe(2);

    // Filling an existing vault needs an administrator; demo users keep their passwords.
    const refused = await cli(['demo', '--db', db, '--user', 'derya.aksoy', '--cases', '5', '--lang', 'en'], worker);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('permission');
    const more = await cli(['demo', '--db', db, '--user', 'yonetici', '--cases', '10', '--seed', '8', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(more.code, more.err).toBe(0);
    const report = JSON.parse(more.out) as { createdVault: boolean; result: { cases: number }; users: Array<{ created: boolean }> };
    expect(report.createdVault).toBe(false);
    expect(report.result.cases).toBe(10);
    expect(report.users.every((u) => !u.created)).toBe(true);
    expect(JSON.parse((await cli(['cases', 'list', '--db', db, '--user', 'derya.aksoy', '--json'], worker)).out).total).toBe(70);
    expect((await cli(['demo', '--db', db, '--user', 'yonetici', '--cases', '0'], { KALKAN_PASSWORD: ADMIN_PW })).code).toBe(2);
  }, 120_000);
});

describe('demo data', () => {
  async function demoVault(seed: number, cases: number, worker = false) {
    const { vault } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    const staff = await ensureDemoStaff(vault, cases, null);
    const indexes = () => vault.database.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const before = indexes();
    const result = generateDemo(vault.database, { cases, seed, now: new Date('2026-06-15T09:00:00Z'), staff, chunk: 50, worker });
    // Secondary indexes are built after the rows in an empty vault: all of them are back.
    expect(indexes()).toEqual(before);
    return { vault, db: vault.database, result };
  }
  const fingerprint = (db: Db) =>
    db
      .prepare(
        `SELECT c.case_number, c.status, c.priority, p.first_name, p.last_name, p.birth_date, p.id_number, i.channel_code, i.summary,
           (SELECT group_concat(v.body, '|') FROM notes n JOIN note_versions v ON v.note_id = n.id WHERE n.case_id = c.id) AS notes
         FROM cases c JOIN people p ON p.id = c.primary_child_id JOIN intakes i ON i.case_id = c.id ORDER BY c.id`,
      )
      .all();

  it('is the same for the same seed, different for another, and looks like an office', async () => {
    const a = await demoVault(11, 150);
    const b = await demoVault(11, 150);
    const c = await demoVault(12, 150);
    expect(fingerprint(a.db)).toEqual(fingerprint(b.db));
    expect(fingerprint(a.db)).not.toEqual(fingerprint(c.db));
    expect(a.result).toMatchObject({ cases: 150, intakes: 150 });
    expect(a.result.notes).toBeGreaterThan(900);

    const db = a.db;
    const ids = db.prepare('SELECT id_type, id_number FROM people WHERE id_number IS NOT NULL').all() as Array<{ id_type: string; id_number: string }>;
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.every((r) => isValidTcKimlik(r.id_number))).toBe(true);
    expect(ids.filter((r) => r.id_type === 'foreign').every((r) => r.id_number.startsWith('99'))).toBe(true);
    const names = (db.prepare('SELECT first_name || last_name AS n FROM people').all() as Array<{ n: string }>).map((r) => r.n).join('');
    for (const letter of ['ç', 'ğ', 'ı', 'İ', 'ö', 'ş', 'ü']) expect(names).toContain(letter);
    expect(db.prepare("SELECT count(*) AS n FROM households WHERE city = 'İstanbul' AND district IS NOT NULL").get()).toEqual({ n: a.result.households });
    // Intakes spread over ten years, numbers per year follow the dates.
    const years = db.prepare('SELECT case_year, min(case_seq) AS lo, count(*) AS n FROM cases GROUP BY case_year').all() as Array<{ case_year: number; lo: number; n: number }>;
    expect(years.length).toBeGreaterThanOrEqual(10);
    expect(years.every((y) => y.lo === 1)).toBe(true);
    // Every child was born before their intake; every case has a child.
    expect(db.prepare("SELECT count(*) AS n FROM case_members m JOIN people p ON p.id = m.person_id JOIN cases c ON c.id = m.case_id WHERE m.role = 'child' AND p.birth_date > substr(c.opened_at, 1, 10)").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM cases WHERE primary_child_id IS NULL').get()).toEqual({ n: 0 });
    // Old cases are closed by a supervisor with a reason; open ones have open tasks.
    expect(db.prepare("SELECT count(*) AS n FROM cases WHERE status = 'closed' AND (closed_by IS NULL OR closure_reason IS NULL)").get()).toEqual({ n: 0 });
    expect((db.prepare("SELECT count(*) AS n FROM cases WHERE status = 'closed'").get() as { n: number }).n).toBeGreaterThan(100);
    // The FTS indexes hold one row per person, household and note.
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM people_fts')).toBe(count('SELECT count(*) AS n FROM people'));
    expect(count('SELECT count(*) AS n FROM notes_fts')).toBe(count('SELECT count(*) AS n FROM notes'));
    // Concerns roughly follow seed 000: domestic violence is the most common.
    const top = db.prepare('SELECT concern_code FROM intake_concerns GROUP BY concern_code ORDER BY count(*) DESC LIMIT 1').get();
    expect(top).toEqual({ concern_code: 'domestic_violence' });
    for (const v of [a, b, c]) v.vault.lock('shutdown');
  }, 60_000);

  /** Every generated row (user ids as usernames: each vault has its own) and the search indexes' words. */
  const everything = (db: Db) => {
    const users = db.prepare('SELECT id, username FROM users').all() as Array<{ id: string; username: string }>;
    const named = (row: unknown) => users.reduce((json, u) => json.split(u.id).join(u.username), JSON.stringify(row));
    const tables = ['households', 'people', 'cases', 'case_workers', 'case_status_history', 'case_members', 'intakes', 'intake_concerns', 'notes', 'note_versions', 'note_terms',
      'case_services', 'plan_goals', 'plan_actions', 'tasks', 'case_flags', 'assessments', 'referrals', 'referral_history', 'court_hearings', 'court_orders', 'court_order_updates',
      'planned_visits', 'attachments'];
    const out: Record<string, string[]> = {};
    for (const t of tables) out[t] = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[]).map(named).sort();
    for (const t of ['notes_fts', 'people_fts', 'households_fts']) {
      db.exec(`CREATE VIRTUAL TABLE temp.words_${t} USING fts5vocab(main, ${t}, 'instance')`);
      out[t] = (db.prepare(`SELECT * FROM temp.words_${t}`).raw().all() as unknown[]).map(named);
    }
    return out;
  };

  it('is the same made in a worker thread (the row-making JavaScript there, SQLite here)', async () => {
    const before = demoThreadStats.runs;
    const one = await demoVault(11, 150);
    expect(demoThreadStats.runs).toBe(before);
    const two = await demoVault(11, 150, true);
    expect(demoThreadStats.runs).toBe(before + 1);
    expect(two.result).toEqual({ ...one.result, ms: two.result.ms });
    const a = everything(one.db);
    const b = everything(two.db);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(a.notes!.length).toBe(one.result.notes);
    expect(a.note_terms!.length).toBeGreaterThan(300);
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
    for (const v of [one, two]) v.vault.lock('shutdown');
  }, 60_000);

  it('fails whole when the worker fails: its error comes back, nothing is written, indexes and settings are restored', async () => {
    const { vault } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    const staff = await ensureDemoStaff(vault, 50, null);
    const db = vault.database;
    const indexes = () => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const settings = () => ({
      synchronous: db.pragma('synchronous', { simple: true }),
      foreignKeys: db.pragma('foreign_keys', { simple: true }),
      journal: db.pragma('journal_mode', { simple: true }),
      cache: db.pragma('cache_size', { simple: true }),
    });
    const before = { indexes: indexes(), settings: settings() };
    const runs = demoThreadStats.runs;
    // A caseworker without an id: the generator's first row lacks a value, in the worker.
    const broken = { supervisors: staff.supervisors, caseworkers: [undefined as unknown as string] };
    expect(() => generateDemo(db, { cases: 50, seed: 3, now: new Date('2026-06-15T09:00:00Z'), staff: broken, worker: true })).toThrow(/demo worker: .*missing named parameter/);
    expect(demoThreadStats.runs).toBe(runs + 1);
    expect(db.prepare('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM people) + (SELECT count(*) FROM notes) AS n').get()).toEqual({ n: 0 });
    expect({ indexes: indexes(), settings: settings() }).toEqual(before);
    // The vault takes demo data afterwards.
    expect(generateDemo(db, { cases: 20, seed: 3, now: new Date('2026-06-15T09:00:00Z'), staff, worker: true }).cases).toBe(20);
    vault.lock('shutdown');
  }, 60_000);

  it('makes valid, distinct identity numbers', () => {
    const seen = new Set<string>();
    for (let i = 1; i <= 20_000; i += 1) {
      const id = idNumberFor(i, i % 7 === 0);
      expect(isValidTcKimlik(id)).toBe(true);
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
  });
});
