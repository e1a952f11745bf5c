/**
 * The core host under load (issue 12): a vault of BENCH_CASES cases (default
 * 20 000) served by the core host's worker thread; a backup, a year's
 * statistics, the audit-log CSV export and a restore of that backup run
 * through it while this thread calls `app.health` every 10 ms.
 * Prints the jobs' times and exactly one summary line:
 *   host: health p99 N ms while busy (target ≤ 50 ms)
 *
 *   npm run bench -- host           BENCH_CASES=2000 for a quick run
 */
import os from 'node:os';
import { join } from 'node:path';
import type { StatsPeriod } from '../../shared/api/schemas/stats';
import { AUDIT_EXPORT_MAX } from '../../shared/api/methods/audit';
import { appendAudit } from '../../electron/core/audit/auditLog';
import { createCore } from '../../electron/core/createCore';
import { generateDemo } from '../../electron/core/demo/generate';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { startCoreHost, type CoreHost } from '../../electron/core/host/client';
import { silentLogger } from '../../electron/core/log';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { tempDir } from '../fixtures/vaults';

const ADMIN = { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' };
const HEALTH_EVERY_MS = 10;
const TARGET_MS = 50;

async function ok(host: CoreHost, client: number, method: string, input: unknown): Promise<unknown> {
  const reply = await host.request(client, method, input);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
  return reply.value;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function run(): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 20_000);
  const dir = tempDir('kalkan-bench-host-');

  // The vault, built in this thread, then closed so the host's worker can open it.
  {
    const { services } = createCore({ dataDir: dir, log: silentLogger, kdf: TEST_KDF });
    await services.vault.create({ officeName: 'Kalkan Bench Birimi', admin: { username: ADMIN.username, displayName: 'Yönetici', password: ADMIN.password } });
    await services.vault.unlock(ADMIN.username, ADMIN.password);
    const staff = await ensureDemoStaff(services.vault, cases, null);
    const generated = generateDemo(services.vault.database, { cases, seed: 2026, now: new Date(), staff, chunk: 1000, notesPerCase: 1 });
    // A working office's audit log: a full export's worth of case views (names resolved per row).
    const db = services.vault.database;
    const caseIds = (db.prepare('SELECT id FROM cases ORDER BY id LIMIT ?').all(AUDIT_EXPORT_MAX) as Array<{ id: number }>).map((c) => c.id);
    db.transaction(() => {
      for (let i = 0; i < AUDIT_EXPORT_MAX; i += 1) {
        const id = caseIds[i % caseIds.length] ?? 0;
        appendAudit(db, { action: 'case.viewed', actorId: null, actorName: ADMIN.username, targetType: 'case', targetId: String(id), details: {} });
      }
    })();
    services.vault.database.pragma('wal_checkpoint(TRUNCATE)');
    services.vault.lock('shutdown');
    console.log(`vault: ${generated.cases.toLocaleString('en')} cases generated in ${(generated.ms / 1000).toFixed(1)} s`);
  }
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const startedHost = performance.now();
  const host = await startCoreHost({ dataDir: dir, log: silentLogger });
  console.log(`host: worker ready in ${(performance.now() - startedHost).toFixed(0)} ms`);
  const ADMIN_CLIENT = 1;
  const HEALTH = 2;
  try {
    await ok(host, ADMIN_CLIENT, 'auth.signIn', ADMIN);
    await ok(host, ADMIN_CLIENT, 'backup.setSchedule', { enabled: false, folder: join(dir, 'backups'), keep: 3 });
    const progress: Record<string, number> = {};
    host.subscribe((event, payload) => {
      if (event === 'job.progress') {
        const { jobId } = payload as { jobId: string };
        progress[jobId] = (progress[jobId] ?? 0) + 1;
      }
    });

    // Health every 10 ms while the jobs run: each call's time from send to reply.
    const latencies: number[] = [];
    let busy = true;
    let phase = 'start';
    const inFlight = new Set<Promise<void>>();
    const ticker = setInterval(() => {
      if (!busy) return;
      const sent = performance.now();
      const call = host.request(HEALTH, 'app.health', {}).then(() => {
        const ms = performance.now() - sent;
        latencies.push(ms);
        if (process.env.BENCH_DEBUG && ms > 20) console.log(`    slow health ${ms.toFixed(0)} ms during ${phase}`);
      });
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    }, HEALTH_EVERY_MS);

    const year = new Date().getFullYear() - 1;
    const timeJob = async (name: string, method: string, input: Record<string, unknown>): Promise<unknown> => {
      phase = name;
      const started = performance.now();
      const value = await ok(host, ADMIN_CLIENT, method, { ...input, jobId: name });
      const ms = performance.now() - started;
      console.log(`  ${name.padEnd(18)} ${ms.toFixed(0).padStart(6)} ms  (${progress[name] ?? 0} progress events)`);
      return value;
    };
    console.log(`jobs through the host (${cases.toLocaleString('en')} cases), app.health every ${HEALTH_EVERY_MS} ms meanwhile:`);
    const backup = (await timeJob('backup', 'backup.run', {})) as { file: string };
    const stats = (await timeJob(`stats ${year}`, 'stats.period', { from: `${year}-01-01`, to: `${year}-12-31` })) as StatsPeriod;
    const exported = (await timeJob('audit export', 'audit.exportCsv', { language: 'tr' })) as { rows: number };
    // Last: a restore locks the vault (it is signed in again afterwards).
    await timeJob('restore', 'backup.restore', { file: backup.file, password: ADMIN.password });
    busy = false;
    clearInterval(ticker);
    await Promise.all(inFlight);

    const max = Math.max(...latencies);
    console.log(`  (${year}: ${stats.summary.newCases.value} new cases, ${stats.summary.reports.value} reports; audit export ${exported.rows} rows)`);
    console.log(`  app.health: ${latencies.length} calls, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${max.toFixed(1)} ms`);
    console.log(`host: health p99 ${Math.round(percentile(latencies, 99))} ms while busy (target ≤ ${TARGET_MS} ms)`);
  } finally {
    await host.shutdown();
  }
}
