import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostDialogs, type NativeDialogs } from '../../electron/main/hostDialogs';
import { DEFAULT_BACKUP_FOLDER } from '../../electron/core/handlers/authHandlers';
import { backupWarning } from '../../shared/time/backupAge';
import { newClientState } from '../../electron/core/session';
import { runScheduledBackup } from '../../electron/core/handlers/backupHandlers';
import { ADMIN, OFFICE, tempDir, testCore } from '../fixtures/vaults';

/** A fake of Electron's dialog module: answers from a queue and records what it was asked. */
function fakeNative(answers: Array<string | null>) {
  const asked: Array<{ how: string; options: unknown }> = [];
  const written: Array<{ path: string; bytes: Buffer }> = [];
  const next = () => (answers.length ? answers.shift()! : null);
  const native: NativeDialogs = {
    showOpen: async (options) => {
      asked.push({ how: 'open', options });
      const path = next();
      return path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] };
    },
    showSave: async (options) => {
      asked.push({ how: 'save', options });
      const path = next();
      return path ? { canceled: false, filePath: path } : { canceled: true };
    },
    writeFile: async (path, bytes) => {
      written.push({ path, bytes });
    },
  };
  return { native, asked, written };
}

describe('the host dialogs (Electron main, with a fake dialog module)', () => {
  const t = (key: string) => `«${key}»`;

  it('asks for a folder with a translated title and remembers the chosen path', async () => {
    const { native, asked } = fakeNative(['/home/ayse/Yedekler', null]);
    const host = createHostDialogs(native, t);
    expect(await host.choose({ kind: 'folder', purpose: 'backupFolder' })).toBe('/home/ayse/Yedekler');
    expect(asked[0]).toEqual({ how: 'open', options: { title: '«host.title.backupFolder»', properties: ['openDirectory', 'createDirectory'] } });
    expect(host.wasChosen('/home/ayse/Yedekler')).toBe(true);
    // Cancelled: null, nothing remembered.
    expect(await host.choose({ kind: 'openFile', purpose: 'restoreFile' })).toBeNull();
    expect(asked[1]!.options).toMatchObject({ properties: ['openFile'], filters: [{ name: '«host.filter.restoreFile»', extensions: ['kbak'] }] });
  });

  it('refuses a path for a reading or writing method that no dialog returned', async () => {
    const { native } = fakeNative(['/home/ayse/rapor.csv']);
    const host = createHostDialogs(native, t);
    expect(host.refuses('stats.exportCsv', { path: '/etc/passwd' })).toBe(true);
    expect(host.refuses('backup.restore', { file: '/tmp/other.kbak' })).toBe(true);
    expect(await host.choose({ kind: 'saveFile', purpose: 'csvExport', defaultPath: 'istatistik.csv' })).toBe('/home/ayse/rapor.csv');
    expect(host.refuses('stats.exportCsv', { path: '/home/ayse/rapor.csv' })).toBe(false);
    // Other methods and malformed inputs are left to the router.
    expect(host.refuses('cases.list', { path: '/etc/passwd' })).toBe(false);
    expect(host.refuses('stats.exportCsv', null)).toBe(false);
  });

  it('saves bytes where the user chose, and writes nothing when cancelled; refuses malformed requests', async () => {
    const { native, written } = fakeNative(['/home/ayse/belge.pdf', null]);
    const host = createHostDialogs(native, t);
    const bytesBase64 = Buffer.from('%PDF-1.7 test').toString('base64');
    expect(await host.saveBytes({ purpose: 'pdfSave', defaultPath: 'belge.pdf', bytesBase64 })).toBe('/home/ayse/belge.pdf');
    expect(written.map((w) => [w.path, w.bytes.toString()])).toEqual([['/home/ayse/belge.pdf', '%PDF-1.7 test']]);
    expect(await host.saveBytes({ purpose: 'pdfSave', defaultPath: 'belge.pdf', bytesBase64 })).toBeNull();
    expect(written).toHaveLength(1);
    await expect(host.choose({ kind: 'delete', purpose: 'pdfSave' })).rejects.toThrow();
    await expect(host.choose({ kind: 'folder', purpose: 'backupFolder', extra: 1 })).rejects.toThrow();
  });

  it('never remembers a relative path', async () => {
    const { native } = fakeNative(['relative/yedek']);
    const host = createHostDialogs(native, t);
    expect(await host.choose({ kind: 'folder', purpose: 'backupFolder' })).toBeNull();
    expect(host.wasChosen('relative/yedek')).toBe(false);
  });
});

describe('daily backup on by default after set-up', () => {
  const setup = { officeName: OFFICE, username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password };

  it('without a chosen folder: on, into "Kalkan Yedekler" beside the vault, and the first tick backs up', async () => {
    const core = testCore({ now: () => new Date('2026-11-25T09:00:00Z') });
    const admin = newClientState();
    await core.call(admin, 'setup.create', setup);
    await core.call(admin, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const schedule = await core.call(admin, 'backup.getSchedule');
    const folder = join(core.dir, DEFAULT_BACKUP_FOLDER);
    expect(schedule).toMatchObject({ enabled: true, folder, lastAt: null });
    await runScheduledBackup(core.services);
    expect(readdirSync(folder)).toEqual(['kalkan-backup-2026-11-25T09-00-00Z.kbak']);
  });

  it('with a folder chosen at set-up: on, into that folder; an unusable folder refuses set-up before creating anything', async () => {
    const core = testCore();
    const admin = newClientState();
    const blocker = join(tempDir('kalkan-setup-'), 'a-file');
    writeFileSync(blocker, 'x');
    expect(await core.router.handle(admin, 'setup.create', { ...setup, backupFolder: join(blocker, 'yedek') })).toEqual({ ok: false, error: { code: 'backup.folderInvalid' } });
    expect(await core.router.handle(admin, 'setup.create', { ...setup, backupFolder: 'göreli/klasör' })).toEqual({ ok: false, error: { code: 'backup.folderInvalid' } });
    expect(core.services.vault.state()).toBe('absent');
    const folder = join(tempDir('kalkan-setup-'), 'Yedekler');
    mkdirSync(folder);
    await core.call(admin, 'setup.create', { ...setup, backupFolder: folder });
    await core.call(admin, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await core.call(admin, 'backup.getSchedule')).toMatchObject({ enabled: true, folder, keep: 14 });
  });
});

describe('the dashboard backup warning', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('warns when there is no backup, and when the last good one is older than two days', () => {
    expect(backupWarning(null, now)).toEqual({ kind: 'never' });
    expect(backupWarning('2026-12-06T10:00:00Z', now)).toBeNull();
    expect(backupWarning('2026-12-05T10:00:00Z', now)).toBeNull();
    expect(backupWarning('2026-12-05T09:59:00Z', now)).toEqual({ kind: 'stale', days: 2, lastAt: '2026-12-05T09:59:00Z' });
    expect(backupWarning('2026-11-27T10:00:00Z', now)).toMatchObject({ kind: 'stale', days: 10 });
  });
});
