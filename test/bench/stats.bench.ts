/**
 * Statistics at ten years of a busy unit (issue 8): an encrypted vault with
 * 100 000 cases from the demo generator (one note a case: statistics never
 * read notes), plus risk assessments with their re-assessment deadlines (the
 * demo writes none) and, once migration 4 exists, referrals, hearings and
 * court orders. Then a year's statistics and the other periods, through the
 * router as the app calls them (supervisor and caseworker), the CSV export
 * and the PDF report. Prints figures only.
 *
 *   npm run bench -- stats                 100 000 cases (BENCH_CASES to change)
 *   BENCH_DB=/path/kalkan.db npm run bench -- stats   reuse a vault (BENCH_KEEP=1 keeps a new one)
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { StatsPeriod } from '../../shared/api/schemas/stats';
import { createCore } from '../../electron/core/createCore';
import type { Db } from '../../electron/core/db/open';
import { generateDemo } from '../../electron/core/demo/generate';
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoStaff } from '../../electron/core/demo/staff';
import { silentLogger } from '../../electron/core/log';
import type { Router } from '../../electron/core/router';
import { newClientState, type ClientState } from '../../electron/core/session';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { tempDir } from '../fixtures/vaults';

const ADMIN = { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' };
const RUNS = 5;
const DAY = 86_400_000;
const LEVELS = ['urgent', 'high', 'medium', 'low', 'none'] as const;
const REASSESS_DAYS: Record<string, number | null> = { urgent: 7, high: 7, medium: 14, low: 30, none: null };

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function call(router: Router, client: ClientState, method: string, input: unknown): Promise<{ ms: number; cpuMs: number; value: unknown }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const reply = await router.handle(client, method, input);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, value: reply.value };
}

/** One warm-up, then RUNS timed calls: median wall time, median CPU time of this thread. */
async function timed(router: Router, client: ClientState, method: string, input: unknown): Promise<{ wall: number; cpu: number; value: unknown }> {
  const first = await call(router, client, method, input);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const r = await call(router, client, method, input);
    walls.push(r.ms);
    cpus.push(r.cpuMs);
  }
  return { wall: median(walls), cpu: median(cpus), value: first.value };
}

/**
 * Risk assessments as the assessments feature records them: the first a few
 * days after the report (its level = the case's priority), a second one for
 * about half of them (on time or late against the first one's deadline), each
 * with its 'assessment' task. Deterministic (from the case id).
 */
function addAssessments(db: Db): number {
  const cases = db.prepare(`SELECT id, opened_at, priority, responsible_user_id FROM cases WHERE status <> 'intake'`).all() as Array<{ id: number; opened_at: string; priority: string | null; responsible_user_id: string }>;
  const insert = db.prepare(
    `INSERT INTO assessments (case_id, instrument_version, criteria, computed, final_level, status, assessed_by, assessed_at)
     VALUES (?, 'bench', '[]', ?, ?, 'approved', ?, ?)`,
  );
  const task = db.prepare(
    `INSERT INTO tasks (case_id, kind, source, source_id, title_key, title_params, due_at, priority, priority_rank, assignee_user_id, done_at, done_by, cancelled, created_at, created_by)
     VALUES (?, 'assessment', 'risk', ?, 'risk.deadline.kind.assessment', '{}', ?, ?, 2, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  db.transaction(() => {
    for (const c of cases) {
      const first = (c.priority ?? LEVELS[c.id % 5]!) as (typeof LEVELS)[number];
      const at1 = new Date(c.opened_at).getTime() + (2 + (c.id % 9)) * DAY;
      const second = c.id % 2 === 0;
      const at2 = at1 + (5 + (c.id % 25)) * DAY;
      const id1 = Number(insert.run(c.id, first, first, c.responsible_user_id, new Date(at1).toISOString()).lastInsertRowid);
      n += 1;
      const days = REASSESS_DAYS[first];
      if (days !== null && days !== undefined) {
        const done = second ? new Date(at2).toISOString() : null;
        task.run(c.id, String(id1), new Date(at1 + days * DAY).toISOString(), first, c.responsible_user_id, done, done ? c.responsible_user_id : null, done ? 1 : 0, new Date(at1).toISOString(), c.responsible_user_id);
      }
      if (second) {
        const level = LEVELS[(c.id >> 1) % 5]!;
        insert.run(c.id, level, level, c.responsible_user_id, new Date(at2).toISOString());
        n += 1;
      }
    }
  })();
  return n;
}

/** Referrals, hearings and orders for a share of the cases, when migration 4 is there. */
function addReferralsAndCourt(db: Db): { referrals: number; hearings: number; orders: number } | null {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('referrals', 'court_hearings', 'court_orders', 'institutions')`).all();
  if (tables.length < 4) return null;
  const institutions = (db.prepare('SELECT id FROM institutions').all() as Array<{ id: number }>).map((r) => r.id);
  const cases = db.prepare(`SELECT id, opened_at, responsible_user_id FROM cases WHERE status <> 'intake' AND id % 3 = 0`).all() as Array<{ id: number; opened_at: string; responsible_user_id: string }>;
  const states = ['sent', 'acknowledged', 'service_started', 'closed', 'declined'] as const;
  const referral = db.prepare(
    `INSERT INTO referrals (case_id, institution_id, services, urgency, reason, legal_ground, state, sent_on, reply_due_on, acknowledged_on, service_started_on, ended_on,
       created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, '["individual_counselling"]', 'routine', 'Bench', 'Bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hearing = db.prepare(
    `INSERT INTO court_hearings (case_id, court_name, hearing_at, status, created_at, created_by, updated_at, updated_by) VALUES (?, 'Çocuk Mahkemesi', ?, ?, ?, ?, ?, ?)`,
  );
  const order = db.prepare(
    `INSERT INTO court_orders (case_id, kind, ordered_on, responsible_user_id, compliance, created_at, created_by, updated_at, updated_by) VALUES (?, 'psychological_counselling_individual', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const counts = { referrals: 0, hearings: 0, orders: 0 };
  db.transaction(() => {
    for (const c of cases) {
      const sent = new Date(c.opened_at).getTime() + (10 + (c.id % 20)) * DAY;
      const state = states[c.id % 5]!;
      const ack = state === 'sent' ? null : day(sent + (1 + (c.id % 12)) * DAY);
      const started = state === 'service_started' || state === 'closed' ? day(sent + (8 + (c.id % 10)) * DAY) : null;
      const ended = state === 'closed' || state === 'declined' ? day(sent + 40 * DAY) : null;
      const at = new Date(sent).toISOString();
      referral.run(c.id, institutions[c.id % institutions.length]!, state, day(sent), day(sent + 7 * DAY), state === 'declined' ? null : ack, started, ended, at, c.responsible_user_id, at, c.responsible_user_id);
      counts.referrals += 1;
      if (c.id % 4 === 0) {
        const when = new Date(sent + 30 * DAY).toISOString();
        hearing.run(c.id, when, c.id % 8 === 0 ? 'held' : 'postponed', at, c.responsible_user_id, at, c.responsible_user_id);
        order.run(c.id, day(sent + 30 * DAY), c.responsible_user_id, ['pending', 'in_progress', 'complied', 'not_complied'][c.id % 4]!, at, c.responsible_user_id, at, c.responsible_user_id);
        counts.hearings += 1;
        counts.orders += 1;
      }
    }
  })();
  return counts;
}

export async function run(): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 100_000);
  const reuse = process.env.BENCH_DB && existsSync(process.env.BENCH_DB) ? process.env.BENCH_DB : null;
  const dir = reuse ? null : tempDir('kalkan-bench-stats-');
  const dbPath = reuse ?? join(dir!, 'kalkan.db');
  const core = createCore({ dataDir: reuse ? tempDir('kalkan-bench-ws-') : dir!, vaultPath: dbPath, log: silentLogger, kdf: TEST_KDF });
  const { router, services } = core;
  const now = new Date();
  const year = now.getFullYear() - 1;

  const admin = newClientState();
  if (!reuse) {
    await call(router, admin, 'setup.create', { officeName: 'Kalkan Bench Birimi', username: ADMIN.username, displayName: 'Yönetici', password: ADMIN.password });
  }
  await call(router, admin, 'auth.signIn', ADMIN);
  const db = services.vault.database;
  if (!reuse) {
    const actor = { id: admin.session!.userId, username: admin.session!.username };
    const staff = await ensureDemoStaff(services.vault, cases, actor);
    console.log(`generating ${cases.toLocaleString('en')} cases (${staff.caseworkers.length} caseworkers, one note each) into an encrypted vault …`);
    const result = generateDemo(db, { cases, seed: 2026, now, staff, actor, chunk: 1000, notesPerCase: 1 });
    console.log(`generation: ${(result.ms / 1000).toFixed(1)} s: ${result.cases.toLocaleString('en')} cases, ${result.intakes.toLocaleString('en')} intakes, ${result.services.toLocaleString('en')} services, ${result.tasks.toLocaleString('en')} tasks`);
  }
  if ((db.prepare('SELECT count(*) AS n FROM assessments').get() as { n: number }).n === 0) {
    const started = performance.now();
    const assessments = addAssessments(db);
    const court = addReferralsAndCourt(db);
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(
      `added ${assessments.toLocaleString('en')} assessments with their deadlines` +
        (court ? `, ${court.referrals.toLocaleString('en')} referrals, ${court.hearings.toLocaleString('en')} hearings, ${court.orders.toLocaleString('en')} orders` : ' (no migration 4 yet: no referrals or court data)') +
        ` in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const total = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  await call(router, admin, 'auth.signOut', {});
  const size = statSync(dbPath).size + (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);
  console.log(`database: ${total.toLocaleString('en')} cases, ${(size / 1024 / 1024).toFixed(0)} MB encrypted${reuse ? ` (reused ${reuse})` : ''}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine inflates wall times; CPU time is steadier)`);

  const supervisor = newClientState();
  await call(router, supervisor, 'auth.signIn', { username: 'derya.aksoy', password: DEMO_PASSWORD });
  const periods: Array<[string, Record<string, unknown>]> = [
    [`year ${year}`, { from: `${year}-01-01`, to: `${year}-12-31` }],
    [`year ${year}, k = 5`, { from: `${year}-01-01`, to: `${year}-12-31`, suppressBelow: 5 }],
    [`quarter ${year} Q2`, { from: `${year}-04-01`, to: `${year}-06-30` }],
    [`month ${year}-11`, { from: `${year}-11-01`, to: `${year}-11-30` }],
    [`ten years`, { from: `${year - 8}-01-01`, to: `${year + 1}-12-31` }],
  ];
  console.log(`\nstats.period through the router (median of ${RUNS} after a warm-up; wall / CPU):`);
  let yearStats: StatsPeriod | null = null;
  for (const [name, input] of periods) {
    const r = await timed(router, supervisor, 'stats.period', input);
    if (!yearStats) yearStats = r.value as StatsPeriod;
    console.log(`  supervisor, ${name.padEnd(18)} ${fmt(r.wall).padStart(7)} / ${fmt(r.cpu).padStart(7)}`);
  }
  const s = yearStats!;
  console.log(
    `    (${year}: ${s.summary.newCases.value} new cases, ${s.summary.reports.value} reports, ${s.summary.activeCases.value} cases open, ` +
      `${s.summary.childrenServed.value} children, ${s.summary.services.value} services, ${s.summary.assessmentsDone.value} assessments, ${s.deadlines.total} deadlines, ${s.summary.referrals.value} referrals)`,
  );
  const options = (await call(router, supervisor, 'stats.options', {})).value as { caseworkers: Array<{ id: string; displayName: string }> };
  const worker = options.caseworkers.find((c) => DEMO_USERS.some((u) => u.displayName === c.displayName && u.role === 'caseworker'))!;
  const filtered = await timed(router, supervisor, 'stats.period', { from: `${year}-01-01`, to: `${year}-12-31`, caseworkerId: worker.id });
  console.log(`  supervisor, one caseworker   ${fmt(filtered.wall).padStart(7)} / ${fmt(filtered.cpu).padStart(7)}`);
  const csvDir = tempDir('kalkan-bench-csv-');
  const csv = await call(router, supervisor, 'stats.exportCsv', { from: `${year}-01-01`, to: `${year}-12-31`, path: join(csvDir, 'year.csv'), language: 'tr' });
  console.log(`  CSV export of the year       ${fmt(csv.ms).padStart(7)} (${(csv.value as { bytes: number }).bytes} bytes)`);
  const pdf = await call(router, supervisor, 'documents.statistics', { from: `${year}-01-01`, to: `${year}-12-31`, language: 'tr' });
  console.log(`  PDF report of the year       ${fmt(pdf.ms).padStart(7)} (${(pdf.value as { pages: number }).pages} pages, rendered in the PDF worker)`);
  await call(router, supervisor, 'auth.signOut', {});

  const cw = newClientState();
  const username = DEMO_USERS.find((u) => u.displayName === worker.displayName)!.username;
  await call(router, cw, 'auth.signIn', { username, password: DEMO_PASSWORD });
  const own = await timed(router, cw, 'stats.period', { from: `${year}-01-01`, to: `${year}-12-31` });
  console.log(`  caseworker, own cases, year  ${fmt(own.wall).padStart(7)} / ${fmt(own.cpu).padStart(7)}  (${(own.value as StatsPeriod).summary.activeCases.value} cases open)`);
  await call(router, cw, 'auth.signOut', {});
  rmSync(csvDir, { recursive: true, force: true });
  if (dir && !process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else if (dir) console.log(`  vault kept: ${dbPath} (admin ${ADMIN.username}; demo users: ${DEMO_PASSWORD})`);
}
