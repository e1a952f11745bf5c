import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tick } from '../../electron/core/auth/authService';
import { runScheduledBackup } from '../../electron/core/handlers/backupHandlers';
import { isBackupDue, pruneBackups } from '../../electron/core/vault/backup';
import { IdleTimer } from '../../electron/core/vault/idleTimer';
import { signedInCore, tempDir } from '../fixtures/vaults';

describe('IdleTimer', () => {
  it('expires after the set minutes without activity; activity and 0 minutes keep it open', () => {
    const timer = new IdleTimer(10, 0);
    expect(timer.expired(9 * 60_000)).toBe(false);
    timer.touch(9 * 60_000);
    expect(timer.expired(18 * 60_000)).toBe(false);
    expect(timer.expired(19 * 60_000)).toBe(true);
    expect(timer.remainingMs(18 * 60_000)).toBe(60_000);
    timer.touch(5 * 60_000); // an older event never moves the clock back
    expect(timer.expired(19 * 60_000)).toBe(true);
    timer.setMinutes(0);
    expect(timer.expired(10 ** 12)).toBe(false);
  });
});

describe('the host tick', () => {
  it('locks the vault after the idle time set by the admin, tells the renderer, and ends the session', async () => {
    let now = new Date('2026-11-25T09:00:00Z');
    const { core, admin } = await signedInCore({ now: () => now });
    const events: string[] = [];
    core.services.events.subscribe((event, payload) => events.push(`${event}:${JSON.stringify(payload)}`));
    await core.call(admin, 'security.setIdleMinutes', { minutes: 5 });
    now = new Date('2026-11-25T09:04:00Z');
    await core.call(admin, 'auth.activity');
    now = new Date('2026-11-25T09:08:59Z');
    tick(core.services);
    expect(core.services.vault.state()).toBe('unlocked');
    now = new Date('2026-11-25T09:09:01Z');
    tick(core.services);
    expect(core.services.vault.state()).toBe('locked');
    expect(events).toEqual(['session.idleWarning:{"remainingMs":1000}', 'vault.locked:{"reason":"idle"}']);
    expect(await core.router.handle(admin, 'users.list', {})).toEqual({ ok: false, error: { code: 'auth.locked' } });
  });

  it('takes the daily backup once a day into the chosen folder and keeps the last N', async () => {
    let now = new Date('2026-11-25T09:00:00Z');
    const { core, admin } = await signedInCore({ now: () => now });
    const folder = join(tempDir('kalkan-sched-'), 'yedekler');
    await core.call(admin, 'backup.setSchedule', { enabled: true, folder, keep: 2 });
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27']) {
      now = new Date(`${day}T09:00:00Z`);
      await runScheduledBackup(core.services);
      await runScheduledBackup(core.services); // the second tick of the day does nothing
    }
    expect(readdirSync(folder).sort()).toEqual(['kalkan-backup-2026-11-26T09-00-00Z.kbak', 'kalkan-backup-2026-11-27T09-00-00Z.kbak']);
    const schedule = (await core.call(admin, 'backup.getSchedule')) as { lastAt: string; lastError: string | null };
    expect(schedule.lastError).toBeNull();
    expect((await core.call(admin, 'audit.list', { action: 'vault.backup' })) as { rows: unknown[] }).toMatchObject({ rows: { length: 3 } });
  });
});

describe('backup schedule rules', () => {
  it('is due on a new local day', () => {
    expect(isBackupDue(null, new Date())).toBe(true);
    expect(isBackupDue(new Date(2026, 10, 25, 8).toISOString(), new Date(2026, 10, 25, 23))).toBe(false);
    expect(isBackupDue(new Date(2026, 10, 25, 23).toISOString(), new Date(2026, 10, 26, 0, 5))).toBe(true);
  });

  it('prunes only its own files, oldest first', () => {
    const folder = tempDir('kalkan-prune-');
    mkdirSync(folder, { recursive: true });
    for (const name of ['kalkan-backup-2026-01-01T00-00-00Z.kbak', 'kalkan-backup-2026-01-02T00-00-00Z.kbak', 'kalkan-backup-2026-01-03T00-00-00Z.kbak', 'notlar.txt']) {
      writeFileSync(join(folder, name), 'x');
    }
    expect(pruneBackups(folder, 1)).toEqual(['kalkan-backup-2026-01-01T00-00-00Z.kbak', 'kalkan-backup-2026-01-02T00-00-00Z.kbak']);
    expect(readdirSync(folder).sort()).toEqual(['kalkan-backup-2026-01-03T00-00-00Z.kbak', 'notlar.txt']);
  });
});
