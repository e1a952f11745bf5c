/**
 * The core host (electron/core/host): the core in a worker thread, reached
 * only through the protocol. Real worker, real encrypted vault.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/api/events';
import type { StatsPeriod } from '../../shared/api/schemas/stats';
import { AUDIT_EXPORT_MAX } from '../../shared/api/methods/audit';
import { appendAudit } from '../../electron/core/audit/auditLog';
import { generateDemo } from '../../electron/core/demo/generate';
import { AUDIT_EXPORT_PAGE } from '../../electron/core/handlers/auditViewHandlers';
import { DEMO_PASSWORD, ensureDemoStaff } from '../../electron/core/demo/staff';
import { startCoreHost, type CoreHost } from '../../electron/core/host/client';
import { startInlineHost } from '../../electron/core/host/inline';
import type { LogFields, Logger } from '../../electron/core/log';
import { BACKUP_EXTENSION } from '../../electron/core/vault/backupFile';
import { vaultPaths } from '../../electron/core/vault/paths';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { ADMIN, OFFICE, tempDir } from '../fixtures/vaults';

interface Record_ {
  level: string;
  event: string;
  fields?: LogFields;
}
const capture = (records: Record_[]): Logger => ({
  info: (event, fields) => void records.push({ level: 'info', event, ...(fields ? { fields } : {}) }),
  warn: (event, fields) => void records.push({ level: 'warn', event, ...(fields ? { fields } : {}) }),
  error: (event, fields) => void records.push({ level: 'error', event, ...(fields ? { fields } : {}) }),
});

const USER = 1;
const OTHER = 2;
const hosts: CoreHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.shutdown()));
});

async function officeHost(records: Record_[] = []): Promise<{ host: CoreHost; dir: string; folder: string }> {
  const dir = tempDir('kalkan-host-');
  const host = await startCoreHost({ dataDir: dir, log: capture(records), kdf: TEST_KDF });
  hosts.push(host);
  expect(await host.request(USER, 'setup.create', { officeName: OFFICE, username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password })).toMatchObject({ ok: true });
  expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
  const folder = join(dir, 'yedekler');
  expect(await host.request(USER, 'backup.setSchedule', { enabled: false, folder, keep: 3 })).toMatchObject({ ok: true });
  return { host, dir, folder };
}

describe('the core host (worker thread)', { timeout: 180_000 }, () => {
  it('answers requests with the router, keeps one session per client, and logs slow methods by name and time only', async () => {
    const records: Record_[] = [];
    const { host, folder } = await officeHost(records);
    expect(await host.request(USER, 'app.health', {})).toEqual({ ok: true, value: { status: 'ok', vault: 'unlocked', signedIn: true } });
    // Another window of the same host has no session of its own.
    expect(await host.request(OTHER, 'app.health', {})).toEqual({ ok: true, value: { status: 'ok', vault: 'unlocked', signedIn: false } });
    expect(await host.request(OTHER, 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.signedOut' } });
    expect(await host.request(USER, 'no.such', {})).toEqual({ ok: false, error: { code: 'api.unknownMethod' } });

    // A backup (a job worker is started, so it takes well over 100 ms) is logged as slow: its name and ms, nothing else.
    expect(await host.request(USER, 'backup.run', {})).toMatchObject({ ok: true });
    const slow = records.filter((r) => r.event === 'host.slowMethod');
    expect(slow.map((r) => r.fields?.method)).toContain('backup.run');
    for (const r of slow) {
      expect(Object.keys(r.fields ?? {}).sort()).toEqual(['method', 'ms']);
      expect(r.fields?.ms).toBeGreaterThan(100);
    }
    expect(readdirSync(folder).filter((f) => f.endsWith('.kbak'))).toHaveLength(1);
    // The window closed: its session is gone, the other client's is not touched.
    await host.closeClient(USER);
    expect(await host.request(USER, 'app.health', {})).toMatchObject({ value: { signedIn: false } });
  });

  it('sends job progress events, keeps answering app.health while a backup runs, and the backup restores', async () => {
    const { host, folder } = await officeHost();
    const progress: JobProgress[] = [];
    host.subscribe((event, payload) => {
      if (event === 'job.progress') progress.push(payload as JobProgress);
    });
    const order: string[] = [];
    const backup = host.request(USER, 'backup.run', { jobId: 'yedek-1' }).then((reply) => {
      order.push('backup');
      return reply;
    });
    // While the backup is under way, health requests are answered (before the backup's own reply).
    let answered = 0;
    while (!order.includes('backup') && answered < 1000) {
      const reply = await host.request(OTHER, 'app.health', {});
      expect(reply).toMatchObject({ ok: true });
      if (!order.includes('backup')) answered += 1;
    }
    const reply = await backup;
    expect(reply).toMatchObject({ ok: true });
    expect(answered).toBeGreaterThan(0);
    expect(progress.filter((p) => p.jobId === 'yedek-1').map((p) => p.step)).toEqual(['backup.step.copy', 'backup.step.write', 'backup.step.verify', 'backup.step.done']);

    // The backup is a sound copy of the vault: restoring it brings the office back.
    const file = (reply as { value: { file: string } }).value.file;
    expect(file.startsWith(folder)).toBe(true);
    expect(await host.request(USER, 'backup.restore', { file, password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await host.request(USER, 'users.list', {})).toMatchObject({ ok: true });
  });

  it('cancels a long job: the caller hears job.cancelled and no backup file is left', async () => {
    const { host, folder } = await officeHost();
    let cancelled = false;
    host.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as JobProgress).jobId === 'yedek-2' && !cancelled) {
        cancelled = true;
        void host.cancel('yedek-2');
      }
    });
    expect(await host.request(USER, 'backup.run', { jobId: 'yedek-2' })).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(cancelled).toBe(true);
    expect(readdirSync(folder).filter((f) => !f.startsWith('.'))).toEqual([]);
    // The vault goes on working: the next backup succeeds.
    expect(await host.request(USER, 'backup.run', {})).toMatchObject({ ok: true });
  });

  it('shuts down cleanly: the vault is locked (lock file released) and later requests are refused', async () => {
    const records: Record_[] = [];
    const { host, dir } = await officeHost(records);
    const lockFile = vaultPaths(join(dir, 'kalkan.db')).lock;
    expect(existsSync(lockFile)).toBe(true);
    await host.shutdown();
    expect(records).toContainEqual({ level: 'info', event: 'vault.locked', fields: { reason: 'shutdown' } });
    expect(existsSync(lockFile)).toBe(false);
    expect(await host.request(USER, 'app.health', {})).toEqual({ ok: false, error: { code: 'auth.locked' } });
  });
});

describe('restore off the core thread', { timeout: 180_000 }, () => {
  /** An office with one backup, and a user added after it (so the restore shows: the user is gone). */
  async function officeWithBackup() {
    const { host, dir } = await officeHost();
    const backup = await host.request(USER, 'backup.run', {});
    expect(backup).toMatchObject({ ok: true });
    const file = (backup as { value: { file: string } }).value.file;
    expect(await host.request(USER, 'users.create', { username: 'sonraki', displayName: 'Sonra Eklenen', roles: ['caseworker'], password: ADMIN.password })).toMatchObject({ ok: true });
    const events: string[] = [];
    host.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as JobProgress).jobId === 'geri') events.push((payload as JobProgress).step ?? '?');
      if (event === 'vault.locked') events.push('vault.locked');
    });
    const usernames = async () => {
      const users = await host.request(USER, 'users.list', {});
      return (users as { value: Array<{ username: string }> }).value.map((u) => u.username).sort();
    };
    return { host, dir, file, events, usernames };
  }

  it('answers app.health while the backup is decrypted and checked (between the verify and install steps), tells the sessions, restores', async () => {
    const { host, dir, file, events, usernames } = await officeWithBackup();
    let finished = false;
    const restore = host.request(USER, 'backup.restore', { file, password: ADMIN.password, jobId: 'geri' }).then((reply) => {
      finished = true;
      return reply;
    });
    while (!finished) {
      const reply = await host.request(OTHER, 'app.health', {});
      expect(reply).toMatchObject({ ok: true });
      if (!finished) events.push('health');
    }
    expect(await restore).toEqual({ ok: true, value: { backupCreatedAt: expect.any(String) } });
    const steps = events.filter((e) => e !== 'health');
    expect(steps).toEqual(['vault.locked', 'backup.step.verify', 'backup.step.install', 'backup.step.audit', 'backup.step.done']);
    // The core answered while the job worker decrypted and checked the backup.
    const during = events.slice(events.indexOf('backup.step.verify'), events.indexOf('backup.step.install'));
    expect(during).toContain('health');
    // The current database was kept aside; the restored one opens without the user added later.
    expect(readdirSync(dir).filter((f) => f.startsWith('kalkan.db.before-restore-'))).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.includes('.restore-'))).toEqual([]);
    expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await usernames()).not.toContain('sonraki');
  });

  it('cancels a restore while the backup is checked: nothing replaced, no decrypted copy left, the office signs in as before', async () => {
    const { host, dir, file, usernames } = await officeWithBackup();
    host.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as JobProgress).jobId === 'geri' && (payload as JobProgress).step === 'backup.step.verify') void host.cancel('geri');
    });
    expect(await host.request(USER, 'backup.restore', { file, password: ADMIN.password, jobId: 'geri' })).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(readdirSync(dir).filter((f) => f.includes('before-restore') || f.includes('.restore-'))).toEqual([]);
    expect(existsSync(vaultPaths(join(dir, 'kalkan.db')).lock)).toBe(false);
    expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await usernames()).toContain('sonraki');
  });
});

describe('statistics off the core thread', { timeout: 180_000 }, () => {
  it('computes a year in a job worker on a copy of the frozen file, equal to the in-thread result, with progress', async () => {
    // One fixed clock for both runs (the result carries its generatedAt).
    const now = new Date();
    const host = startInlineHost({ dataDir: tempDir('kalkan-stats-host-'), log: capture([]), kdf: TEST_KDF, now: () => now, offThreadMinBytes: 0 });
    hosts.push(host);
    const { vault } = host.core.services;
    await vault.create({ officeName: OFFICE, admin: ADMIN });
    await vault.unlock(ADMIN.username, ADMIN.password);
    const staff = await ensureDemoStaff(vault, 150, null);
    generateDemo(vault.database, { cases: 150, seed: 7, now, staff, notesPerCase: 1 });
    await host.lock('user');
    expect(await host.request(USER, 'auth.signIn', { username: 'derya.aksoy', password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    const steps: JobProgress[] = [];
    const frozenDuring: number[] = [];
    host.subscribe((event, payload) => {
      if (event === 'job.progress') steps.push(payload as JobProgress);
    });
    // While the job worker reads its copy, the file is held still (no automatic checkpoints). Read as
    // the core reports each step: the event itself reaches a subscriber later, perhaps after the release.
    host.core.services.jobs.onProgress(() => frozenDuring.push(Number(vault.database.pragma('wal_autocheckpoint', { simple: true }))));
    const year = now.getFullYear();
    const query = { from: `${year - 1}-01-01`, to: `${year}-12-31` };
    const offThread = await host.request(USER, 'stats.period', { ...query, jobId: 'istatistik' });
    expect(offThread).toMatchObject({ ok: true });
    expect(steps.filter((p) => p.jobId === 'istatistik').length).toBeGreaterThan(3);
    expect(new Set(frozenDuring)).toEqual(new Set([0]));
    // No copy is left beside the vault, and writes go on (the file is released).
    expect(readdirSync(join(vault.paths.db, '..')).filter((f) => f.startsWith('.kalkan-stats-'))).toEqual([]);
    expect(Number(vault.database.pragma('wal_autocheckpoint', { simple: true }))).toBeGreaterThan(0);

    host.core.services.offThreadMinBytes = null;
    steps.length = 0;
    const inThread = await host.request(USER, 'stats.period', query);
    expect((offThread as { value: StatsPeriod }).value.summary.newCases.value).toBeGreaterThan(0);
    expect(offThread).toEqual(inThread);

    // A backup and statistics at once: the statistics share the backup's frozen file (no fallback
    // into the core thread), the backup gets a file of its own; both finish, checkpoints come back.
    host.core.services.offThreadMinBytes = 0;
    const folder = join(vault.paths.db, '..', 'yedekler');
    await host.lock('user');
    expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await host.request(USER, 'backup.setSchedule', { enabled: false, folder, keep: 3 })).toMatchObject({ ok: true });
    const [backup, during] = await Promise.all([host.request(USER, 'backup.run', { jobId: 'yedek' }), host.request(USER, 'stats.period', { ...query, jobId: 'yedek-sirasinda' })]);
    expect(backup).toMatchObject({ ok: true });
    expect(during).toMatchObject({ ok: true });
    // The administrator sees the office's figures, the caseworker above her own: both count the same year's reports.
    expect((during as { value: StatsPeriod }).value.summary.reports.value).toBeGreaterThanOrEqual((offThread as { value: StatsPeriod }).value.summary.reports.value!);
    expect(readdirSync(folder).filter((f) => f.endsWith(BACKUP_EXTENSION))).toHaveLength(1);
    expect(Number(vault.database.pragma('wal_autocheckpoint', { simple: true }))).toBeGreaterThan(0);
  });
});

describe('the audit-log export in steps', { timeout: 180_000 }, () => {
  it('reads and writes a page at a time: app.health is answered between its progress events, the rows are all there once, newest first; cancel writes no export row', async () => {
    const host = startInlineHost({ dataDir: tempDir('kalkan-audit-export-'), log: capture([]), kdf: TEST_KDF });
    hosts.push(host);
    const { vault } = host.core.services;
    await vault.create({ officeName: OFFICE, admin: ADMIN });
    expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    const db = vault.database;
    const extra = 3 * AUDIT_EXPORT_PAGE + 17;
    db.transaction(() => {
      for (let i = 0; i < extra; i += 1) appendAudit(db, { action: 'audit.verified', actorId: null, actorName: null, details: { ok: true, rows: i } });
    })();
    const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

    const events: string[] = [];
    host.subscribe((event, payload) => {
      const p = payload as JobProgress;
      if (event === 'job.progress' && p.jobId === 'denetim') events.push(p.step ?? '?');
    });
    let finished = false;
    const exported = host.request(USER, 'audit.exportCsv', { language: 'en', jobId: 'denetim' }).then((reply) => {
      finished = true;
      return reply;
    });
    while (!finished) {
      expect(await host.request(OTHER, 'app.health', {})).toMatchObject({ ok: true });
      if (!finished) events.push('health');
    }
    const reply = (await exported) as { ok: true; value: { csv: string; rows: number; truncated: boolean } };
    expect(reply.ok).toBe(true);
    expect(reply.value).toMatchObject({ rows: total, truncated: false });
    // Three pages read, three written, each followed by a turn in which other requests are answered.
    const steps = events.filter((e) => e !== 'health');
    expect(steps).toEqual([...Array(3).fill('audit.step.read'), ...Array(3).fill('audit.step.write'), 'audit.step.done']);
    const firstStep = events.indexOf('audit.step.read');
    expect(events.slice(firstStep, events.indexOf('audit.step.done'))).toContain('health');
    // Every row once, newest first (the details hold the loop counter).
    const counters = reply.value.csv
      .split('\r\n')
      .map((line) => /Entries: ([\d,]+)"$/.exec(line)?.[1]?.replace(/,/g, ''))
      .filter((n): n is string => n !== undefined)
      .map(Number);
    expect(counters).toEqual(Array.from({ length: extra }, (_, i) => extra - 1 - i));
    const exportRows = () => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.exported'").get() as { n: number }).n;
    expect(exportRows()).toBe(1);

    // Cancelled at its first page: the caller hears job.cancelled, no export is recorded.
    const stop = host.subscribe((event, payload) => {
      if (event === 'job.progress' && (payload as JobProgress).jobId === 'denetim-2') void host.cancel('denetim-2');
    });
    expect(await host.request(USER, 'audit.exportCsv', { language: 'en', jobId: 'denetim-2' })).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    stop();
    expect(exportRows()).toBe(1);
  });

  it('stops at AUDIT_EXPORT_MAX rows across pages and says it was truncated', async () => {
    const host = startInlineHost({ dataDir: tempDir('kalkan-audit-max-'), log: capture([]), kdf: TEST_KDF });
    hosts.push(host);
    const { vault } = host.core.services;
    await vault.create({ officeName: OFFICE, admin: ADMIN });
    expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    const db = vault.database;
    db.transaction(() => {
      for (let i = 0; i < AUDIT_EXPORT_MAX; i += 1) appendAudit(db, { action: 'audit.verified', actorId: null, actorName: null, details: { ok: true, rows: i } });
    })();
    const reply = (await host.request(USER, 'audit.exportCsv', { language: 'en' })) as { ok: true; value: { csv: string; rows: number; truncated: boolean } };
    expect(reply.value).toMatchObject({ rows: AUDIT_EXPORT_MAX, truncated: true });
    // The newest AUDIT_EXPORT_MAX rows: the oldest (set-up) rows are the ones left out.
    const lines = reply.value.csv.trimEnd().split('\r\n');
    expect(lines[1]).toMatch(new RegExp(`Entries: ${AUDIT_EXPORT_MAX - 1}"$`));
    expect(lines.at(-1)).toMatch(/Entries: 0"$/);
    expect(lines).toHaveLength(AUDIT_EXPORT_MAX + 1);
  });
});

describe('the inline host', () => {
  it('speaks the same protocol in this thread, with the core in reach, and lock() ends sessions', async () => {
    const host = startInlineHost({ dataDir: tempDir('kalkan-inline-'), log: capture([]), kdf: TEST_KDF });
    hosts.push(host);
    await host.core.services.vault.create({ officeName: OFFICE, admin: ADMIN });
    expect(await host.request(USER, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({ ok: true });
    const events: string[] = [];
    host.subscribe((event) => events.push(event));
    await host.lock('sleep');
    expect(host.core.services.vault.state()).toBe('locked');
    expect(events).toEqual(['vault.locked']);
    expect(await host.request(USER, 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.locked' } });
  });
});
