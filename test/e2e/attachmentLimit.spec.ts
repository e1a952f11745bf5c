/**
 * Issue 17: the administrator sets the per-file attachment limit in Administration (checked on
 * the form, saved, audited); a caseworker's larger file is then refused with the clear message,
 * a smaller one is added. Turkish for the administrator, English for the caseworker.
 */
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { samplePdf } from '../../electron/core/attachments/samples';
import { ADMIN, api, expect, signIn, signOut, test } from './fixtures';

const WORKER = { username: 'ayse', displayName: 'Ayşe Demir', temp: 'gecici-parola-mor-dag', password: 'pembe-fil-kitap-okuyor' };
const MB = 1024 * 1024;

test('the admin sets the attachment limit (checked, audited); a larger file is refused with the limit, a smaller one added', async ({ signedIn: app }) => {
  await api(app, 'users.create', { username: WORKER.username, displayName: WORKER.displayName, roles: ['caseworker'], password: WORKER.temp });

  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: tr.admin.tabs.office }).click();
  const panel = app.locator('.panel').filter({ has: app.getByRole('heading', { name: tr.admin.attachments.title }) });
  const limit = panel.getByLabel(tr.admin.attachments.maxMb);
  await expect(limit).toHaveValue('25'); // the default
  const save = panel.getByRole('button', { name: tr.common.save });

  // Checked on the form, in Turkish: empty, zero, above the ceiling, not a whole number.
  await limit.fill('');
  await save.click();
  await expect(panel.getByText(tr.admin.attachments.required)).toBeVisible();
  for (const bad of ['0', '101', '2,5']) {
    await limit.fill(bad);
    await save.click();
    await expect(panel.getByText(tr.admin.attachments.range.replace('{{max}}', '100'))).toBeVisible();
  }
  await panel.screenshot({ path: 'test-results/attachment-limit-tr.png' });
  expect((await api<{ maxMb: number }>(app, 'attachments.settings')).maxMb).toBe(25);

  await limit.fill('1');
  await save.click();
  await expect(panel.getByRole('status')).toContainText(tr.admin.attachments.saved.replace('{{maxMb}}', '1'));
  expect((await api<{ maxMb: number }>(app, 'attachments.settings')).maxMb).toBe(1);
  const audit = await api<{ rows: Array<{ action: string }> }>(app, 'audit.list', { action: 'attachment.limitChanged' });
  expect(audit.rows).toHaveLength(1);
  // Shown again when the page is opened anew.
  await app.reload();
  await app.getByRole('tab', { name: tr.admin.tabs.office }).click();
  await expect(panel.getByLabel(tr.admin.attachments.maxMb)).toHaveValue('1');

  await signOut(app, ADMIN.displayName);

  await signIn(app, WORKER.username, WORKER.temp);
  await app.getByLabel(tr.auth.currentPassword).fill(WORKER.temp);
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill(WORKER.password);
  await app.getByLabel(tr.auth.repeatPassword).fill(WORKER.password);
  await app.getByRole('button', { name: tr.auth.changePassword }).click();
  await expect(app.getByText(tr.dashboard.greeting.replace('{{name}}', WORKER.displayName))).toBeVisible();
  await app.getByRole('radio', { name: 'English' }).click();

  const created = await api<{ id: number }>(app, 'cases.create', {
    household: { name: 'Öztürk', city: 'İstanbul' },
    members: [{ person: { firstName: 'Çağla', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni bildirdi.' },
  });
  await app.goto(`${new URL(app.url()).origin}/#/cases/${created.id}?tab=attachments`);
  await expect(app.getByText(en.attachments.hint.replace('{{maxMb}}', '1'))).toBeVisible();
  const input = app.locator('input[type=file]');
  await input.setInputFiles({ name: 'mahkeme-yazisi.pdf', mimeType: 'application/pdf', buffer: samplePdf(['Mahkeme yazisi'], Math.round(1.5 * MB)) });
  await expect(app.getByRole('alert')).toContainText(en.errors.attachments.tooLarge.replace('{{maxMb}}', '1'));
  await expect(app.getByRole('row').filter({ hasText: 'mahkeme-yazisi.pdf' })).toHaveCount(0);

  await input.setInputFiles({ name: 'okul-raporu.pdf', mimeType: 'application/pdf', buffer: samplePdf(['Okul raporu'], Math.round(0.5 * MB)) });
  await expect(app.getByRole('row').filter({ hasText: 'okul-raporu.pdf' })).toBeVisible();
});
