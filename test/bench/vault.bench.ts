/**
 * The encrypted vault's cost (issue 4), on one machine in one run:
 *   - insert throughput: the demo generator writing the same cases into an
 *     encrypted and into a plain SQLite file (same schema, same pragmas);
 *   - read throughput: the same point reads, list pages and searches on both;
 *     target: encrypted at most 1.3× plain on reads;
 *   - time to unlock (scrypt with the production cost, then open and check);
 *   - time to back up a vault of BENCH_BACKUP_CASES (default 100 000) cases.
 * Prints figures and ratios; never part of `npm test`.
 *
 *   npm run bench -- vault        (BENCH_CASES=20000 for the throughput part)
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { actorOf } from '../../electron/core/cases/access';
import { listCases } from '../../electron/core/cases/casesRepo';
import { search } from '../../electron/core/cases/searchRepo';
import { userLookup } from '../../electron/core/cases/userRefs';
import { createCore } from '../../electron/core/createCore';
import { migrate } from '../../electron/core/db/migrate';
import { applyKey, type Db } from '../../electron/core/db/open';
import { generateDemo } from '../../electron/core/demo/generate';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { silentLogger } from '../../electron/core/log';
import { newClientState } from '../../electron/core/session';
import { backupVault } from '../../electron/core/vault/backup';
import { DEFAULT_KDF, deriveKey } from '../../electron/core/vault/kdf';
import { insertUser } from '../../electron/core/users/usersRepo';
import { CaseListInput } from '../../shared/api/schemas/cases';
import { tempDir } from '../fixtures/vaults';

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function openDb(path: string, key: Buffer | null): Db {
  const db = new Database(path);
  if (key) applyKey(db, key);
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

function prepare(db: Db) {
  migrate(db);
  const ids = ['supervisor', 'cw1', 'cw2', 'cw3', 'cw4'].map(
    (name, i) => insertUser(db, { username: name, displayName: name, roles: i === 0 ? ['supervisor'] : ['caseworker'] }).id,
  );
  return { supervisors: [ids[0]!], caseworkers: ids.slice(1) };
}

/** The same read workload on either file; returns the total time of each kind. */
function readWorkload(db: Db, supervisorId: string) {
  const actor = actorOf({ userId: supervisorId, username: 'supervisor', displayName: 'supervisor', roles: ['supervisor'], epoch: 0 });
  const users = userLookup(db);
  const maxId = (db.prepare('SELECT max(id) AS m FROM cases').get() as { m: number }).m;
  const byId = db.prepare('SELECT c.*, p.first_name, p.last_name FROM cases c LEFT JOIN people p ON p.id = c.primary_child_id WHERE c.id = ?');
  const notes = db.prepare('SELECT n.id, v.body FROM notes n JOIN note_versions v ON v.note_id = n.id WHERE n.case_id = ? ORDER BY n.occurred_at DESC LIMIT 20');
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % maxId + 1;

  const timed = (fn: () => void) => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };
  return {
    pointReads: timed(() => {
      for (let i = 0; i < 20_000; i++) byId.get(next());
    }),
    caseFiles: timed(() => {
      for (let i = 0; i < 2_000; i++) notes.all(next());
    }),
    listPages: timed(() => {
      const inputs = [{}, { status: ['implementation'] }, { priority: ['high', 'urgent'] }, { sort: 'childName', direction: 'asc' }, { concern: 'domestic_violence' }];
      for (let i = 0; i < 100; i++) for (const input of inputs) listCases(db, CaseListInput.parse(input), actor, users);
    }),
    searches: timed(() => {
      for (let i = 0; i < 20; i++) for (const q of ['öztürk', 'yilmaz', 'ayşe kaya', 'rehber öğretmen', 'kira']) search(db, q, actor, 30);
    }),
  };
}

export async function run(): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 20_000);
  const dir = tempDir('kalkan-bench-vault-');
  const key = randomBytes(32);
  const now = new Date();
  const results: Record<'encrypted' | 'plain', { insertMs: number; size: number; reads: ReturnType<typeof readWorkload> }> = {} as never;

  for (const mode of ['plain', 'encrypted'] as const) {
    const path = join(dir, `${mode}.db`);
    const db = openDb(path, mode === 'encrypted' ? key : null);
    const staff = prepare(db);
    const started = performance.now();
    const generated = generateDemo(db, { cases, seed: 42, now, staff, chunk: 1000 });
    const insertMs = performance.now() - started;
    db.pragma('wal_checkpoint(TRUNCATE)');
    readWorkload(db, staff.supervisors[0]!); // warm the page cache, as a working session would
    const reads = readWorkload(db, staff.supervisors[0]!);
    results[mode] = { insertMs, size: statSync(path).size, reads };
    console.log(
      `${mode.padEnd(9)} insert ${generated.cases.toLocaleString('en')} cases + ${generated.notes.toLocaleString('en')} notes in ${(insertMs / 1000).toFixed(1)} s ` +
        `(${Math.round((generated.cases / insertMs) * 1000).toLocaleString('en')} cases/s), file ${mb(statSync(path).size)}`,
    );
    db.close();
  }
  console.log('\nreads (same queries on both files, warm cache):');
  let encryptedTotal = 0;
  let plainTotal = 0;
  for (const kind of Object.keys(results.plain.reads) as Array<keyof ReturnType<typeof readWorkload>>) {
    const p = results.plain.reads[kind];
    const e = results.encrypted.reads[kind];
    plainTotal += p;
    encryptedTotal += e;
    console.log(`  ${kind.padEnd(10)} plain ${ms(p).padStart(10)}  encrypted ${ms(e).padStart(10)}  ratio ${(e / p).toFixed(2)}×`);
  }
  console.log(`  ${'ALL reads'.padEnd(10)} ratio ${(encryptedTotal / plainTotal).toFixed(2)}× (target ≤ 1.30×)`);
  console.log(`  inserts    ratio ${(results.encrypted.insertMs / results.plain.insertMs).toFixed(2)}×`);

  // --- unlock: scrypt at the production cost, then open, key check and migrations check ---
  let started = performance.now();
  await deriveKey('bir-parola-denemesi-icin', randomBytes(16), DEFAULT_KDF);
  const kdfMs = performance.now() - started;
  const coreDir = tempDir('kalkan-bench-unlock-');
  const core = createCore({ dataDir: coreDir, log: silentLogger });
  const admin = newClientState();
  await core.router.handle(admin, 'setup.create', { officeName: 'Bench', username: 'yonetici', displayName: 'Yönetici', password: 'mavi-kedi-sabah-çayı-içer' });
  started = performance.now();
  const reply = await core.router.handle(admin, 'auth.signIn', { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' });
  const unlockMs = performance.now() - started;
  if (!reply.ok) throw new Error(reply.error.code);
  console.log(`\nunlock: ${ms(unlockMs)} (of which scrypt N=2^17 r=8 p=1: ${ms(kdfMs)})`);

  // --- backup of a vault with BENCH_BACKUP_CASES cases --------------------------------------
  const backupCases = Number(process.env.BENCH_BACKUP_CASES ?? 100_000);
  const actor = { id: admin.session!.userId, username: admin.session!.username };
  const staff = await ensureDemoStaff(core.services.vault, backupCases, actor);
  started = performance.now();
  generateDemo(core.services.vault.database, { cases: backupCases, seed: 9, now, staff, chunk: 2000, actor });
  core.services.vault.database.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`generated ${backupCases.toLocaleString('en')} cases for the backup in ${((performance.now() - started) / 1000).toFixed(1)} s; vault ${mb(statSync(core.services.vault.paths.db).size)}`);
  const out = join(coreDir, 'bench.kbak');
  started = performance.now();
  const backup = backupVault(core.services.vault, out, actor);
  console.log(`backup (encrypted file copied + sealed + verified): ${((performance.now() - started) / 1000).toFixed(1)} s, ${mb(backup.bytes)}`);
  await core.router.handle(admin, 'auth.signOut', {});
  rmSync(dir, { recursive: true, force: true });
  rmSync(coreDir, { recursive: true, force: true });
}
