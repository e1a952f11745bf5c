/**
 * Issue 14 items 4 and 5, at 1366×768 in both languages: set-up in a
 * non-İstanbul province (Ankara, Keçiören) prepares the directory with that
 * province's institutions; pickers narrow as you type, Turkish-folded
 * ("kecioren" finds "Keçiören": the district at set-up, the institution in a
 * referral). An admin sees the office's place under Administration.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { ADMIN, api, expect, test } from './fixtures';

for (const [language, c] of [
  ['tr', tr],
  ['en', en],
] as const) {
  test(`set-up in Ankara seeds Ankara's institutions; pickers narrow with "kecioren" (${language})`, async ({ app }) => {
    test.slow();
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    await expect(app.getByRole('heading', { level: 1, name: c.setup.title })).toBeVisible();
    await app.getByLabel(c.setup.officeName).fill('Keçiören Çocuk Koruma Birimi');

    // The province is required: one of the 81, found without Turkish letters.
    await app.getByLabel(c.setup.displayName).fill(ADMIN.displayName);
    await app.getByLabel(c.auth.username).fill(ADMIN.username);
    await app.getByLabel(c.auth.newPassword, { exact: true }).fill(ADMIN.password);
    await app.getByLabel(c.auth.repeatPassword).fill(ADMIN.password);
    await app.getByRole('button', { name: c.setup.create }).click();
    await expect(app.getByText(c.setup.provinceRequired)).toBeVisible();

    const province = app.getByRole('combobox', { name: c.setup.province, exact: true });
    await province.click();
    await province.pressSequentially('ankara');
    await expect(app.getByRole('option')).toHaveText(['Ankara']);
    await app.getByRole('option', { name: 'Ankara', exact: true }).click();
    await expect(app.getByText(c.setup.provinceRequired)).toBeHidden();

    // The district suggestions narrow: "kecioren" leaves only Keçiören.
    const district = app.getByRole('combobox', { name: c.setup.district });
    await district.fill('kecioren');
    await expect(app.getByRole('option')).toHaveText(['Keçiören']);
    await app.screenshot({ path: `screenshots/setup-province-${language}.png` });
    await app.getByRole('option', { name: 'Keçiören' }).click();
    await expect(district).toHaveValue('Keçiören');

    await app.getByRole('button', { name: c.setup.create }).click();
    await expect(app.getByTestId('recovery-key')).toBeVisible();
    await app.getByText(c.setup.recoveryStored).click();
    await app.getByRole('button', { name: c.setup.continue }).click();
    await expect(app.getByRole('navigation', { name: c.app.mainNavigation })).toBeVisible();

    // The directory holds Ankara's national institutions, none of İstanbul's.
    await app.locator('[data-nav="referrals"]').click();
    await app.getByRole('tab', { name: c.referrals.tabs.directory }).click();
    const table = app.getByRole('grid', { name: c.referrals.directory.title }).or(app.getByRole('table', { name: c.referrals.directory.title }));
    for (const name of ['Ankara Aile ve Sosyal Hizmetler İl Müdürlüğü', 'Ankara Çocuk Mahkemesi', 'Ankara Aile Mahkemesi', 'Ankara Cumhuriyet Başsavcılığı', 'Ankara Çocuk İzlem Merkezi (ÇİM)']) {
      await expect(table.getByRole('row').filter({ hasText: name })).toHaveCount(1);
    }
    await expect(table.getByRole('row').filter({ hasText: /İstanbul|İBB|İSADEM/ })).toHaveCount(0);
    await app.screenshot({ path: `screenshots/directory-ankara-${language}.png` });

    // CSV: the export downloads the directory; an import with an error lists it by line and changes nothing; a good one applies.
    const download = app.waitForEvent('download');
    await app.getByRole('button', { name: c.referrals.directory.exportCsv }).click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    expect(exported.startsWith('\uFEFFid;name;type;')).toBe(true);
    expect(exported).toContain('Ankara Çocuk Mahkemesi');
    await app.getByRole('button', { name: c.referrals.directory.importCsv }).click();
    const dialog = app.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'rehber.csv', mimeType: 'text/csv', buffer: Buffer.from('name;type\nMamak Gençlik Merkezi;uzay ajansı\n') });
    await dialog.getByRole('button', { name: c.referrals.directory.importRun }).click();
    await expect(dialog.getByRole('alert')).toContainText(c.referrals.directory.importFailed.replace('{{count}}', '1'));
    await expect(dialog.getByRole('alert')).toContainText(
      c.referrals.directory.importRowError.replace('{{row}}', '2').replace('{{column}}', ` · ${c.referrals.directory.column.type}`).replace('{{problem}}', c.referrals.directory.importError.unknownType),
    );
    await app.screenshot({ path: `screenshots/directory-import-error-${language}.png` });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'rehber.csv', mimeType: 'text/csv', buffer: Buffer.from('name;type;kep\nMamak Gençlik Merkezi;ngo;mamak@hs01.kep.tr\n') });
    await dialog.getByRole('button', { name: c.referrals.directory.importRun }).click();
    await expect(dialog).toBeHidden();
    await expect(app.getByText(c.referrals.directory.importDone.replace('{{created}}', '1').replace('{{updated}}', '0'))).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: 'Mamak Gençlik Merkezi' })).toContainText('mamak@hs01.kep.tr');

    // The office's place, as set up, under Administration.
    await app.locator('[data-nav="administration"]').click();
    await app.getByRole('tab', { name: c.admin.tabs.office }).click();
    await expect(app.getByRole('combobox', { name: c.admin.office.province, exact: true })).toHaveValue('Ankara');
    await expect(app.getByTestId('letterhead-preview')).toContainText('Keçiören / Ankara');
    await app.screenshot({ path: `screenshots/admin-office-${language}.png` });

    // The intake's address starts in the office's province and district.
    await app.locator('[data-nav="cases"]').click();
    await app.getByRole('link', { name: c.cases.new }).first().click();
    await expect(app.getByLabel(c.intake.city, { exact: true })).toHaveValue('Ankara');
    await expect(app.getByRole('combobox', { name: c.intake.district, exact: true })).toHaveValue('Keçiören');

    // The institution picker narrows: "kecioren" finds only the office's own Keçiören entry.
    await api(app, 'institutions.upsert', { name: 'Keçiören Belediyesi Sosyal Destek Hizmetleri Müdürlüğü', type: 'municipality_unit', services: [] });
    const kase = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
      household: { name: 'Demir' },
      members: [{ person: { firstName: 'Ali', lastName: 'Demir', birthDate: '2016-02-03', sex: 'male' }, role: 'child', confirmedNew: true }],
      intake: { receivedAt: '2026-10-01T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık.' },
    });
    await openReferralForm(app, c, kase.caseNumber);
    const form = app.getByRole('dialog');
    const institution = form.getByRole('combobox', { name: c.referrals.form.institution });
    await institution.fill('kecioren');
    await expect(app.getByRole('option')).toHaveCount(1);
    await expect(app.getByRole('option')).toContainText('Keçiören Belediyesi Sosyal Destek Hizmetleri Müdürlüğü');
    await app.screenshot({ path: `screenshots/picker-kecioren-${language}.png` });
    await institution.fill('ankara cocuk mahkeme');
    await expect(app.getByRole('option')).toHaveCount(1);
    await expect(app.getByRole('option').filter({ hasText: 'Ankara Çocuk Mahkemesi' })).toHaveCount(1);

  });
}

async function openReferralForm(app: Page, c: typeof tr, caseNumber: string) {
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: caseNumber }).click();
  await app.getByRole('tab', { name: c.cases.tabs.referrals }).click();
  await app.getByRole('button', { name: c.referrals.new }).first().click();
  await expect(app.getByRole('dialog')).toBeVisible();
}
