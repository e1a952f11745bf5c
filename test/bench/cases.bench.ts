/**
 * Cases at ten years of a busy unit (issue 6): an encrypted vault with
 * 100 000 cases and about 1 000 000 notes made by the demo generator, then
 * search, the first page of the case list with filters, and the dashboard,
 * each timed through the router as the app calls them. Prints figures only.
 *
 *   npm run bench -- cases                 100 000 cases (BENCH_CASES to change)
 *   BENCH_DB=/path/kalkan.db npm run bench -- cases   reuse a vault made by an earlier run (BENCH_KEEP=1 keeps it)
 *
 * The summary also gives the generation time (with assessments, referrals,
 * hearings and orders), the time of an encrypted, verified backup, and the
 * vault's bytes per case and per note.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/core/createCore';
import { backupVault } from '../../electron/core/vault/backup';
import { silentLogger } from '../../electron/core/log';
import { generateDemo } from '../../electron/core/demo/generate';
import { DEMO_PASSWORD, DEMO_USERS, ensureDemoStaff } from '../../electron/core/demo/staff';
import { newClientState, type ClientState } from '../../electron/core/session';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import type { Router } from '../../electron/core/router';
import { tempDir } from '../fixtures/vaults';

const ADMIN = { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' };

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const summary = (values: number[]) => `p50 ${fmt(percentile(values, 50))}  p95 ${fmt(percentile(values, 95))}  max ${fmt(Math.max(...values))}  (n=${values.length})`;

async function call(router: Router, client: ClientState, method: string, input: unknown): Promise<{ ms: number; value: unknown }> {
  const started = performance.now();
  const reply = await router.handle(client, method, input);
  const ms = performance.now() - started;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
  return { ms, value: reply.value };
}

/** Worst inputs by their own p95, for finding what to look at. */
const slowest = new Map<string, number[]>();
function worst(prefix: string, n = 3): string {
  return [...slowest.entries()]
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, v]) => [k.slice(prefix.length), percentile(v, 95)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${fmt(v)} ${k}`)
    .join('\n              ');
}

async function timeMany(router: Router, client: ClientState, method: string, inputs: unknown[], rounds: number, tag = ''): Promise<number[]> {
  for (const input of inputs) await call(router, client, method, input); // warm the page cache once, as a session would
  const times: number[] = [];
  for (let r = 0; r < rounds; r += 1)
    for (const input of inputs) {
      const { ms } = await call(router, client, method, input);
      times.push(ms);
      const key = `${tag}${method} ${JSON.stringify(input)}`;
      slowest.set(key, [...(slowest.get(key) ?? []), ms]);
    }
  return times;
}

export async function run(): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 100_000);
  const reuse = process.env.BENCH_DB && existsSync(process.env.BENCH_DB) ? process.env.BENCH_DB : null;
  const dir = reuse ? null : tempDir('kalkan-bench-cases-');
  const dbPath = reuse ?? join(dir!, 'kalkan.db');
  // TEST_KDF only makes the sign-ins cheap; the database is encrypted exactly as in the app.
  const core = createCore({ dataDir: reuse ? tempDir('kalkan-bench-ws-') : dir!, vaultPath: dbPath, log: silentLogger, kdf: TEST_KDF });
  const { router, services } = core;
  const admin = newClientState();

  let generationS: number | null = null;
  let counts: { cases: number; notes: number } | null = null;
  if (!reuse) {
    await call(router, admin, 'setup.create', { officeName: 'Kalkan Bench Birimi', username: ADMIN.username, displayName: 'Yönetici', password: ADMIN.password });
    await call(router, admin, 'auth.signIn', ADMIN);
    const actor = { id: admin.session!.userId, username: admin.session!.username };
    const staff = await ensureDemoStaff(services.vault, cases, actor);
    console.log(`generating ${cases.toLocaleString('en')} cases (${staff.caseworkers.length} caseworkers) into an encrypted vault …`);
    let lastTenth = 0;
    const phases: string[] = [];
    const result = generateDemo(services.vault.database, {
      cases,
      seed: 2026,
      now: new Date(),
      staff,
      actor,
      chunk: 1000,
      onPhase: (name, ms) => phases.push(`${name} ${(ms / 1000).toFixed(1)} s`),
      onProgress: (done, total) => {
        const tenth = Math.floor((done / total) * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          process.stdout.write(`  ${done.toLocaleString('en')} cases\n`);
        }
      },
    });
    services.vault.database.pragma('wal_checkpoint(TRUNCATE)');
    generationS = result.ms / 1000;
    console.log(`  phases: ${phases.join(', ')}`);
    console.log(`generation: ${generationS.toFixed(1)} s`);
    console.log(
      `  ${result.cases.toLocaleString('en')} cases, ${result.households.toLocaleString('en')} households, ${result.people.toLocaleString('en')} people, ` +
        `${result.intakes.toLocaleString('en')} intakes, ${result.notes.toLocaleString('en')} notes (${result.noteVersions.toLocaleString('en')} versions), ` +
        `${result.services.toLocaleString('en')} services, ${result.tasks.toLocaleString('en')} tasks (${result.openTasks.toLocaleString('en')} open), ${result.flags.toLocaleString('en')} flags, ` +
        `${result.assessments.toLocaleString('en')} assessments, ${result.referrals.toLocaleString('en')} referrals, ${result.hearings.toLocaleString('en')} hearings, ${result.orders.toLocaleString('en')} orders`,
    );
  } else {
    await call(router, admin, 'auth.signIn', ADMIN);
  }
  const size = statSync(dbPath).size + (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);
  console.log(`database size (encrypted): ${mb(size)}${reuse ? ` (reused ${reuse})` : ''}`);
  const db = services.vault.database;
  counts ??= {
    cases: (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n,
    notes: (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n,
  };
  // Where the bytes are (dbstat needs SQLITE_ENABLE_DBSTAT_VTAB; skipped when the build lacks it).
  let biggest = '';
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 8').all() as Array<{ name: string; bytes: number }>;
    biggest = rows.map((r) => `${r.name} ${mb(r.bytes)}`).join(', ');
  } catch {
    biggest = '(dbstat not available)';
  }
  console.log(`  largest: ${biggest}`);
  const perCase = size / Math.max(1, counts.cases);
  const noteBytes = (() => {
    try {
      return (db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name IN ('notes', 'note_versions') OR name LIKE 'notes_fts%' OR name LIKE 'notes_%' OR name LIKE 'note_versions_%'").get() as { b: number | null }).b;
    } catch {
      return null;
    }
  })();

  // --- backup: encrypted copy, written, verified (the app runs it as a job with progress) ----------
  const backupDir = tempDir('kalkan-bench-backup-');
  let started = performance.now();
  const backup = backupVault(services.vault, join(backupDir, 'bench.kbak'), null);
  const backupS = (performance.now() - started) / 1000;
  console.log(`backup (copy of the encrypted file, seal, verify): ${backupS.toFixed(1)} s, ${mb(backup.bytes)}`);
  rmSync(backupDir, { recursive: true, force: true });
  await call(router, admin, 'auth.signOut', {});

  // --- a supervisor's session: search, list, dashboard ------------------------------------
  const supervisor = newClientState();
  started = performance.now();
  await call(router, supervisor, 'auth.signIn', { username: 'derya.aksoy', password: DEMO_PASSWORD });
  console.log(`sign-in (open + key + checks): ${fmt(performance.now() - started)}`);
  const staff = (await call(router, supervisor, 'cases.staff', {})).value as Array<{ id: string; displayName: string; roles: string[] }>;
  const worker = staff.find((s) => s.roles.includes('caseworker'))!;
  const sample = (await call(router, supervisor, 'cases.list', { limit: 5, sort: 'caseNumber', direction: 'desc' })).value as { rows: Array<{ caseNumber: string; id: number }> };
  const idRow = services.vault.database.prepare('SELECT id_number FROM people WHERE id_number IS NOT NULL ORDER BY id DESC LIMIT 1').get() as { id_number: string };
  const year = new Date().getFullYear();

  const queries = {
    surname: ['öztürk', 'YILMAZ', 'sahin', 'Çelik', 'kılıç', 'ozdemir', 'Işık', 'yıldız'],
    fullName: ['ayşe öztürk', 'mehmet yilmaz', 'zeynep kaya', 'ALİ DEMİR', 'elif şahin', 'Hüseyin Çelik'],
    prefix: ['ayş', 'meh', 'özt', 'kay'],
    caseNumber: [sample.rows[0]!.caseNumber, `${year}/12`, `${year - 3}/0450`, `${year - 1}/`],
    idNumber: [idRow.id_number, idRow.id_number.slice(0, 7)],
    noteText: ['kapı açılmadı', 'rehber öğretmen', 'SEDEP', 'psikolojik danışma', 'kira borcu', 'deprem'],
  };
  const searchTimes: number[] = [];
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine inflates every figure)`);
  console.log('\nsearch (cases.search, supervisor, limit 30):');
  for (const [kind, list] of Object.entries(queries)) {
    const times = await timeMany(router, supervisor, 'cases.search', list.map((q) => ({ q })), 5, 'sup ');
    searchTimes.push(...times);
    console.log(`  ${kind.padEnd(11)} ${summary(times)}`);
  }
  console.log(`  ${'ALL'.padEnd(11)} ${summary(searchTimes)}`);
  console.log(`    slowest:  ${worst('sup cases.search ')}`);

  const since = `${year - 1}-01-01`;
  const listInputs = [
    {},
    { status: ['intake', 'assessment', 'case_plan', 'implementation', 'follow_up'] },
    { status: ['implementation', 'follow_up'], sort: 'childName', direction: 'asc' },
    { priority: ['urgent', 'high'], sort: 'priority' },
    { caseworkerId: worker.id, status: ['implementation'] },
    { concern: 'sexual_abuse' },
    { concern: 'domestic_violence', from: since, sort: 'caseNumber' },
    { from: `${year - 5}-01-01`, to: `${year - 5}-12-31`, sort: 'childName', direction: 'asc' },
    { status: ['closed'], sort: 'childName', direction: 'asc' },
    { flagged: true },
  ].map((input) => ({ limit: 50, ...input }));
  console.log('\nfirst page of the case list with filters (cases.list, 50 rows + total):');
  const listSup = await timeMany(router, supervisor, 'cases.list', listInputs, 5, 'sup ');
  console.log(`  supervisor  ${summary(listSup)}`);
  console.log(`    slowest:  ${worst('sup cases.list ')}`);
  const deep = await timeMany(router, supervisor, 'cases.list', [{ sort: 'childName', direction: 'asc', offset: 50_000, limit: 50 }], 5);
  console.log(`  row 50 000  ${summary(deep)}  (scrolling far down)`);

  console.log('\ndashboard (tasks.list):');
  const dashAll = await timeMany(router, supervisor, 'tasks.list', [{ scope: 'everyone' }], 20);
  console.log(`  supervisor, everyone + workload  ${summary(dashAll)}`);

  const caseIds = sample.rows.map((r) => r.id);
  const files = await timeMany(router, supervisor, 'cases.get', caseIds.map((caseId) => ({ caseId })), 4);
  console.log(`\ncase file (cases.get, audited)  ${summary(files)}`);

  // --- a caseworker's session ------------------------------------------------------------------
  await call(router, supervisor, 'auth.signOut', {});
  const cw = newClientState();
  const username = DEMO_USERS.find((u) => u.displayName === worker.displayName)!.username;
  started = performance.now();
  await call(router, cw, 'auth.signIn', { username, password: DEMO_PASSWORD });
  const listCw = await timeMany(router, cw, 'cases.list', listInputs, 5, 'cw ');
  const searchCw = await timeMany(router, cw, 'cases.search', [...queries.surname, ...queries.fullName, ...queries.prefix, ...queries.noteText].map((q) => ({ q })), 3, 'cw ');
  const dashMine = await timeMany(router, cw, 'tasks.list', [{ scope: 'mine' }], 20);
  console.log(`\ncaseworker (${username}, sees own and co-worked cases only):`);
  console.log(`  case list   ${summary(listCw)}`);
  console.log(`    slowest:  ${worst('cw cases.list ')}`);
  console.log(`  search      ${summary(searchCw)}`);
  console.log(`    slowest:  ${worst('cw cases.search ')}`);
  console.log(`  dashboard   ${summary(dashMine)}`);
  await call(router, cw, 'auth.signOut', {});

  const allLists = [...listSup, ...listCw];
  console.log('\nsummary:');
  if (generationS !== null) console.log(`  generation: ${generationS.toFixed(1)} s`);
  console.log(`  backup: ${backupS.toFixed(1)} s`);
  console.log(
    `  vault size ${mb(size)}: ${(perCase / 1024).toFixed(1)} KiB per case` +
      (noteBytes !== null && counts.notes > 0 ? `, ${(noteBytes / counts.notes).toFixed(0)} bytes per note (notes, versions, FTS)` : ''),
  );
  console.log(`  search p50 ${fmt(percentile(searchTimes, 50))}, p95 ${fmt(percentile(searchTimes, 95))}`);
  console.log(`  case list first page with filters p95 ${fmt(percentile(allLists, 95))}`);
  console.log(`  dashboard p95 ${fmt(percentile([...dashAll, ...dashMine], 95))}`);
  console.log(`  load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (dir && !process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else if (dir) console.log(`  vault kept: ${dbPath} (admin ${ADMIN.username}; demo users: ${DEMO_PASSWORD})`);
}
