/**
 * Issue 14, item 6: paths are chosen with the host's native dialogs in the app (here a fake
 * `window.kalkan.host`, as the Electron preload would expose it), typed in the browser harness;
 * the daily backup is on after set-up; the dashboard warns administrators about backups.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { ADMIN, OFFICE, api, expect, test } from './fixtures';

/** Adds a fake `host` to the bridge the harness defines, recording each request in window.__hostCalls. */
async function fakeHost(page: Page, answers: { folder: string; open: string; save: string; bytes: string }) {
  await page.addInitScript((a) => {
    const calls: Array<{ op: string; request: unknown }> = [];
    (globalThis as unknown as { __hostCalls: typeof calls }).__hostCalls = calls;
    const host = {
      chooseFolder: async (request: unknown) => (calls.push({ op: 'chooseFolder', request }), a.folder),
      chooseOpenFile: async (request: unknown) => (calls.push({ op: 'chooseOpenFile', request }), a.open),
      chooseSaveFile: async (request: unknown) => (calls.push({ op: 'chooseSaveFile', request }), a.save),
      saveBytes: async (request: { bytesBase64: string; defaultPath: string; purpose: string }) => (
        calls.push({ op: 'saveBytes', request: { purpose: request.purpose, defaultPath: request.defaultPath, pdf: atob(request.bytesBase64).startsWith('%PDF') } }), a.bytes
      ),
    };
    const define = Object.defineProperty;
    Object.defineProperty = function <T>(target: T, key: PropertyKey, descriptor: PropertyDescriptor & ThisType<unknown>): T {
      if (target === (globalThis as unknown) && key === 'kalkan' && descriptor.value) {
        return define(target, key, { ...descriptor, value: Object.freeze({ ...descriptor.value, host }) }) as T;
      }
      return define(target, key, descriptor) as T;
    } as typeof Object.defineProperty;
  }, answers);
}

const hostCalls = (page: Page) => page.evaluate(() => (globalThis as unknown as { __hostCalls: Array<{ op: string; request: Record<string, unknown> }> }).__hostCalls);

test('harness: set-up takes a typed backup folder and turns the daily backup on (tr)', async ({ app }) => {
  const folder = join(mkdtempSync(join(tmpdir(), 'kalkan-e2e-yedek-')), 'Büro Yedekleri');
  await expect(app.getByRole('heading', { level: 1, name: tr.setup.title })).toBeVisible();
  await app.getByLabel(tr.setup.officeName).fill(OFFICE);
  await app.getByRole('combobox', { name: tr.setup.province, exact: true }).fill('istanbul');
  await app.getByRole('option', { name: 'İstanbul', exact: true }).click();
  await app.getByLabel(tr.setup.displayName).fill(ADMIN.displayName);
  await app.getByLabel(tr.auth.username).fill(ADMIN.username);
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill(ADMIN.password);
  await app.getByLabel(tr.auth.repeatPassword).fill(ADMIN.password);
  // No host dialogs in the browser: the folder is a typed text field.
  const folderField = app.getByRole('textbox', { name: tr.setup.backupFolder });
  await expect(folderField).toBeEditable();
  await expect(app.getByRole('button', { name: new RegExp(tr.host.choose) })).toHaveCount(0);
  await folderField.fill(folder);
  await app.screenshot({ path: 'screenshots/setup-backup-folder-tr.png', fullPage: true });
  await app.getByRole('button', { name: tr.setup.create }).click();
  await app.getByText(tr.setup.recoveryStored).click();
  await app.getByRole('button', { name: tr.setup.continue }).click();
  await expect(app.getByRole('navigation', { name: tr.app.mainNavigation })).toBeVisible();
  expect(await api(app, 'backup.getSchedule')).toMatchObject({ enabled: true, folder, keep: 14 });
});

test('app: the backup folder, the restore file and the PDF are chosen with the host dialogs (en)', async ({ signedIn: app, server }) => {
  const folder = mkdtempSync(join(tmpdir(), 'kalkan-e2e-chosen-'));
  await fakeHost(app, { folder, open: '/media/usb/kalkan-backup-2026-12-01T09-00-00Z.kbak', save: '/home/hulya/istatistik.csv', bytes: '/home/hulya/denetim.pdf' });
  await app.reload();
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: en.admin.tabs.security }).click();

  const folderField = app.getByRole('textbox', { name: en.admin.backup.folder });
  await expect(folderField).toHaveAttribute('readonly', '');
  await app.getByRole('button', { name: `${en.host.choose} (${en.admin.backup.folder})` }).click();
  await expect(folderField).toHaveValue(folder);
  const panel = app.locator('.panel').filter({ has: app.getByRole('heading', { name: en.admin.backup.title, exact: true }) });
  await panel.getByRole('button', { name: en.common.save, exact: true }).click();
  await expect(app.getByText(en.admin.backup.savedSchedule)).toBeVisible();
  expect(await api(app, 'backup.getSchedule')).toMatchObject({ folder });
  await app.screenshot({ path: 'screenshots/backup-host-dialog-en.png', fullPage: true });

  await app.getByRole('button', { name: en.admin.restore.open }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByRole('button', { name: `${en.host.choose} (${en.admin.restore.file})` }).click();
  await expect(dialog.getByRole('textbox', { name: en.admin.restore.file })).toHaveValue('/media/usb/kalkan-backup-2026-12-01T09-00-00Z.kbak');
  await dialog.getByRole('button', { name: en.common.cancel }).click();

  await app.getByRole('tab', { name: en.admin.tabs.audit }).click();
  await app.getByRole('button', { name: en.admin.audit.exportPdf }).click();
  const print = app.getByRole('dialog');
  await print.getByRole('button', { name: en.documents.ui.create }).click();
  await expect(print.getByText(/KLK-\d{4}-\d{6}/).first()).toBeVisible({ timeout: 30_000 });
  await print.getByRole('button', { name: en.documents.save }).click();
  await expect(print.getByRole('status').filter({ hasText: '/home/hulya/denetim.pdf' })).toBeVisible();

  const calls = await hostCalls(app);
  expect(calls.map((c) => [c.op, c.request.purpose])).toEqual([
    ['chooseFolder', 'backupFolder'],
    ['chooseOpenFile', 'restoreFile'],
    ['saveBytes', 'pdfSave'],
  ]);
  expect(calls[2]!.request).toMatchObject({ pdf: true, defaultPath: expect.stringMatching(/\.pdf$/) });
  expect(server.core.services.vault.state()).toBe('unlocked');
});

for (const language of ['tr', 'en'] as const) {
  test(`dashboard: administrators are warned with no backup and when the last is older than two days (${language})`, async ({ signedIn: app }) => {
    const text = language === 'tr' ? tr : en;
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    await expect(app.getByText(text.dashboard.backup.never)).toBeVisible();
    await app.screenshot({ path: `screenshots/dashboard-backup-warning-${language}.png` });

    const folder = mkdtempSync(join(tmpdir(), 'kalkan-e2e-dash-'));
    await api(app, 'backup.setSchedule', { enabled: true, folder, keep: 3 });
    await api(app, 'backup.run', {});
    await app.reload();
    await expect(app.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(app.getByText(text.dashboard.backup.never)).toHaveCount(0);
    await expect(app.locator('.alert').filter({ hasText: text.dashboard.backup.action })).toHaveCount(0);

    // Three days later (the browser's clock), the same backup is too old.
    await app.clock.install({ time: new Date(Date.now() + 3 * 24 * 60 * 60 * 1000 + 60_000) });
    await app.reload();
    const stale = app.locator('.alert').filter({ hasText: text.dashboard.backup.action });
    await expect(stale).toBeVisible();
    await expect(stale).toContainText(language === 'tr' ? '3 gün önce' : '3 days ago');
  });
}
