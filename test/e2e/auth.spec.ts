import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { lockVault } from '../../electron/core/auth/authService';
import { ADMIN, OFFICE, expect, signIn, test } from './fixtures';

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
};

test('first start: set-up creates the vault, shows the recovery key once, then signs the admin in', async ({ app, server }) => {
  await expect(app.getByRole('heading', { level: 1, name: tr.setup.title })).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.getByLabel(tr.setup.officeName).fill(OFFICE);
  await app.getByRole('combobox', { name: tr.setup.province, exact: true }).fill('istanbul');
  await app.getByRole('option', { name: 'İstanbul', exact: true }).click();
  await app.getByLabel(tr.setup.displayName).fill(ADMIN.displayName);
  await app.getByLabel(tr.auth.username).fill(ADMIN.username);
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill('kalkan123456');
  await expect(app.getByText(tr.errors.password.tooWeak)).toBeVisible();
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill(ADMIN.password);
  await app.getByLabel(tr.auth.repeatPassword).fill(ADMIN.password);
  await expect(app.locator('.strength-value')).toHaveText(/Güçlü|Çok güçlü/);
  await app.screenshot({ path: 'screenshots/setup-tr.png' });
  await app.getByRole('button', { name: tr.setup.create }).click();

  const key = app.getByTestId('recovery-key');
  await expect(key).toBeVisible();
  expect((await key.innerText()).split(/\s+/).filter(Boolean)).toHaveLength(11);
  expect(await axe(app)).toEqual([]);
  await app.getByRole('button', { name: tr.setup.sheetPdf }).click();
  await expect(app.getByText(/Belge no KLK-\d{4}-\d{6}/)).toBeVisible();
  await expect(app.locator('iframe.pdf-frame')).toHaveAttribute('src', /^blob:/);
  await app.screenshot({ path: 'screenshots/recovery-key-tr.png' });
  const continueButton = app.getByRole('button', { name: tr.setup.continue });
  await expect(continueButton).toBeDisabled();
  await app.getByText(tr.setup.recoveryStored).click();
  await continueButton.click();

  await expect(app.getByRole('button', { name: tr.shell.userMenu.replace('{{name}}', ADMIN.displayName) })).toBeVisible();
  expect(server.core.services.vault.state()).toBe('unlocked');
});

test('sign-in shows the office name, refuses a wrong password, and locks again from the user menu', async ({ app, server }) => {
  await server.core.services.vault.create({ officeName: OFFICE, admin: ADMIN });
  await app.reload();
  await expect(app.getByRole('heading', { level: 1, name: OFFICE })).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/sign-in-tr.png' });
  await signIn(app, ADMIN.username, 'yanlis-parola-123');
  await expect(app.getByRole('alert')).toHaveText(tr.errors.vault.wrongPassword);
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByRole('navigation', { name: tr.app.mainNavigation })).toBeVisible();

  await app.getByRole('button', { name: tr.shell.userMenu.replace('{{name}}', ADMIN.displayName) }).click();
  await app.getByRole('menuitem', { name: tr.shell.lock }).click();
  await expect(app.getByRole('heading', { level: 1, name: OFFICE })).toBeVisible();
  expect(server.core.services.vault.state()).toBe('locked');
  await expect(app.getByRole('navigation', { name: tr.app.mainNavigation })).toHaveCount(0);
});

test('a lock from the core (idle, sleep, screen) drops the app to the sign-in screen with the reason', async ({ signedIn: app, server }) => {
  lockVault(server.core.services, 'idle');
  await expect(app.getByText(tr.signIn.locked.idle)).toBeVisible();
  await expect(app.getByRole('navigation', { name: tr.app.mainNavigation })).toHaveCount(0);
  expect(await app.locator('body').innerText()).not.toContain(ADMIN.displayName);
});

test('an admin adds a caseworker who must change the temporary password and cannot see administration', async ({ signedIn: app }) => {
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('button', { name: tr.admin.users.add }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel(tr.admin.users.name).fill('Ayşe Demir');
  await dialog.getByLabel(tr.auth.username).fill('ayse');
  await dialog.getByLabel(tr.admin.users.tempPassword).fill('gecici-parola-mor-dag');
  expect(await axe(app)).toEqual([]);
  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(app.getByRole('row').filter({ hasText: 'Ayşe Demir' })).toContainText(tr.admin.users.mustChange);
  await app.screenshot({ path: 'screenshots/admin-users-tr.png' });

  await app.getByRole('button', { name: tr.shell.userMenu.replace('{{name}}', ADMIN.displayName) }).click();
  await app.getByRole('menuitem', { name: tr.shell.lock }).click();
  await signIn(app, 'ayse', 'gecici-parola-mor-dag');
  await expect(app.getByRole('heading', { name: tr.auth.mustChangeTitle })).toBeVisible();
  await app.getByLabel(tr.auth.currentPassword).fill('gecici-parola-mor-dag');
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill('ayse-nin-yeni-uzun-sifresi');
  await expect(app.getByText(tr.errors.password.containsName)).toBeVisible();
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill('pembe-fil-kitap-okuyor');
  await app.getByLabel(tr.auth.repeatPassword).fill('pembe-fil-kitap-okuyor');
  await app.getByRole('button', { name: tr.auth.changePassword }).click();
  await expect(app.getByRole('navigation', { name: tr.app.mainNavigation })).toBeVisible();
  await expect(app.locator('[data-nav="administration"]')).toHaveCount(0);
  await expect(app.locator('[data-nav="cases"]')).toBeVisible();
});

test('the audit log lists sign-ins, filters by action and verifies its chain; backups run with a folder', async ({ signedIn: app, server }) => {
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: en.admin.tabs.audit }).click();
  await expect(app.getByRole('row').filter({ hasText: en.audit.action['auth.signIn'] }).first()).toBeVisible();
  await app.getByRole('button', { name: en.admin.audit.action }).click();
  await app.getByRole('option', { name: en.audit.action['vault.created'] }).click();
  await expect(app.getByRole('row')).toHaveCount(2);
  await app.getByRole('button', { name: en.admin.audit.verify }).click();
  await expect(app.getByText(/The audit chain is intact/)).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/admin-audit-en.png' });

  await app.getByRole('tab', { name: en.admin.tabs.security }).click();
  await app.getByLabel(en.admin.backup.folder).fill(`${server.core.services.vault.paths.db}-backups`);
  await app.getByRole('button', { name: en.common.save }).nth(1).click();
  await expect(app.getByText(en.admin.backup.savedSchedule)).toBeVisible();
  await app.getByRole('button', { name: en.admin.backup.runNow }).click();
  await expect(app.getByText(/Backup taken and verified/)).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/admin-backups-en.png' });
});
