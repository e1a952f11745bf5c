/**
 * Issue 14, item 7: the audit log reads as sentences with names and case
 * numbers, details as labelled fields, filters by case, user, action and
 * dates, and the filtered log exports to CSV and PDF (both audited).
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { ADMIN, api, expect, test } from './fixtures';

async function twoCases(app: Parameters<typeof api>[0]) {
  const make = (first: string) =>
    api<{ id: number; caseNumber: string }>(app, 'cases.create', {
      household: { name: 'Öztürk', city: 'İstanbul' },
      members: [{ person: { firstName: first, lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
      intake: { receivedAt: '2026-10-01T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
    });
  return [await make('Elif'), await make('Zeynep')] as const;
}

test('a supervisor reads the log as sentences, filters it by case and exports it as CSV (tr)', async ({ signedIn: app, server }) => {
  const [elif, zeynep] = await twoCases(app);
  await app.goto(`${server.url}#/cases/${elif.id}`);
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Elif Öztürk');
  await app.goto(`${server.url}#/cases/${zeynep.id}`);
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Zeynep Öztürk');

  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: tr.admin.tabs.audit }).click();
  const opened = `${ADMIN.displayName}, ${elif.caseNumber} (Elif Öztürk) numaralı vakayı açtı`;
  await expect(app.getByRole('row').filter({ hasText: opened })).toHaveCount(1);
  // No internal ids on screen: no uuid, no "key=value".
  const table = await app.getByRole('grid').innerText();
  expect(table).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(table).not.toMatch(/\w+=\w+/);

  await app.getByLabel(tr.admin.audit.caseFilter).fill(elif.caseNumber);
  await expect(app.getByRole('row').filter({ hasText: 'Zeynep' })).toHaveCount(0);
  await expect(app.getByRole('row').filter({ hasText: opened })).toHaveCount(1);
  const created = app.getByRole('row').filter({ hasText: `${elif.caseNumber} (Elif Öztürk) numaralı vakayı oluşturdu` });
  await expect(created).toContainText(tr.audit.field.members);
  const axe = await new AxeBuilder({ page: app }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.screenshot({ path: 'screenshots/audit-readable-tr.png', fullPage: true });

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: tr.admin.audit.exportCsv }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv).toContain(opened);
  expect(csv).not.toContain('Zeynep');
  await expect(app.getByText(/kayıt CSV dosyasına aktarıldı/)).toBeVisible();

  await app.getByLabel(tr.admin.audit.caseFilter).fill('');
  await app.getByRole('button', { name: new RegExp(tr.admin.audit.action) }).last().click();
  await app.getByRole('option', { name: tr.audit.action['audit.exported'] }).click();
  await expect(app.getByRole('row').filter({ hasText: `${ADMIN.displayName} denetim kaydını dışa aktardı` })).toContainText(`${tr.audit.field.filterCase}`);
});

test('the filtered log prints as a PDF, and a user filter keeps only that user (en)', async ({ signedIn: app }) => {
  await api(app, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: 'gecici-parola-mor-dag' });
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: en.admin.tabs.audit }).click();
  await expect(app.getByRole('row').filter({ hasText: `${ADMIN.displayName} added the user Ayşe Demir` })).toHaveCount(1);

  await app.getByRole('button', { name: new RegExp(`${en.admin.audit.userFilter}$`) }).click();
  await app.getByRole('option', { name: ADMIN.displayName }).click();
  await expect(app.getByRole('row').filter({ hasText: `${ADMIN.displayName} signed in` }).first()).toBeVisible();
  await app.screenshot({ path: 'screenshots/audit-readable-en.png' });

  await app.getByRole('button', { name: en.admin.audit.exportPdf }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByRole('button', { name: en.documents.ui.create }).click();
  await expect(dialog.getByText(/KLK-\d{4}-\d{6}/).first()).toBeVisible({ timeout: 30_000 });
  const printed = await api<{ rows: Array<{ details: Record<string, unknown> }> }>(app, 'audit.search', { limit: 1, action: 'document.printed' });
  expect(printed.rows[0]!.details.kind).toBe('auditLog');
});

test('every detail of a row shows under its label with a readable value, in Turkish and English', async ({ signedIn: app }) => {
  const ayse = await api<{ id: string }>(app, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: 'gecici-parola-mor-dag' });
  const mehmet = await api<{ id: string }>(app, 'users.create', { username: 'mehmet', displayName: 'Mehmet Çelik', roles: ['caseworker'], password: 'gecici-parola-mor-dag' });
  // A cover starting a week ahead (covers cannot start in the past), as local days.
  const day = (offset: number) => {
    const d = new Date();
    d.setDate(d.getDate() + offset);
    const [y, m, dd] = [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'), String(d.getDate()).padStart(2, '0')];
    return { iso: `${y}-${m}-${dd}`, tr: `${dd}.${m}.${y}`, en: `${dd}/${m}/${y}` };
  };
  const [from, to] = [day(7), day(11)];
  await api(app, 'covers.grant', { coveredUserId: ayse.id, coverUserId: mehmet.id, from: from.iso, to: to.iso });
  await api(app, 'attachments.setLimit', { maxMb: 25 });

  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: tr.admin.tabs.audit }).click();
  const cover = app.getByRole('row').filter({ hasText: tr.audit.action['cover.granted'] });
  await expect(cover).toHaveCount(1);
  // Labels from the catalog, names instead of user ids, days as dates; no raw key on screen.
  await expect(cover.locator('dt')).toHaveText([tr.audit.field.cover, tr.audit.field.covered, tr.audit.label.period.from, tr.audit.label.period.to]);
  await expect(cover.locator('dd')).toHaveText(['Mehmet Çelik', 'Ayşe Demir', from.tr, to.tr]);
  const limit = app.getByRole('row').filter({ hasText: tr.audit.action['attachment.limitChanged'] });
  await expect(limit.locator('dt')).toHaveText([tr.audit.field.maxMb]);
  await expect(limit.locator('dd')).toHaveText(['25 MB']);
  const table = await app.getByRole('grid').innerText();
  for (const key of ['coverUserId', 'covered', 'maxMb', 'maxBytes']) expect(table).not.toContain(key);
  expect(table).not.toContain(ayse.id);
  await cover.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'screenshots/audit-fields-tr.png' });

  await app.getByRole('radio', { name: 'English' }).click();
  const coverEn = app.getByRole('row').filter({ hasText: en.audit.action['cover.granted'] });
  await expect(coverEn.locator('dt')).toHaveText([en.audit.field.cover, en.audit.field.covered, en.audit.label.period.from, en.audit.label.period.to]);
  await expect(coverEn.locator('dd')).toHaveText(['Mehmet Çelik', 'Ayşe Demir', from.en, to.en]);
  await expect(app.getByRole('row').filter({ hasText: en.audit.action['attachment.limitChanged'] }).locator('dt')).toHaveText([en.audit.field.maxMb]);
  await app.screenshot({ path: 'screenshots/audit-fields-en.png' });
});
