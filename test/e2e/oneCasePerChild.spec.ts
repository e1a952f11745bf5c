/**
 * Issue 14, item 3: one case per child. A known child with an open case is
 * offered, first, "add this report to case 2026/0001" (a repeated report); a
 * closed case is offered for reopening. In Turkish and in English, 1366×768.
 */
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

type Catalog = typeof tr;

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function typeDate(page: Page, label: string, ddmmyyyy: string) {
  const group = page.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  await page.keyboard.type(ddmmyyyy);
}

/** A new report on Zeynep Kaya (born 1 April 2015) up to the duplicate warning. */
async function reportOnZeynep(app: Page, c: Catalog, channel: string, concern: string) {
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: c.cases.new }).first().click();
  await expect(app.getByRole('heading', { level: 1, name: c.intake.title })).toBeVisible();
  await pick(app, c.intake.channel, channel);
  await app.locator('label').filter({ hasText: concern }).first().click();
  await app.getByLabel(c.intake.summary).fill('Komşu, çocuğun gece dışarıda yalnız kaldığını bildirdi.');
  const child = app.locator('fieldset').filter({ hasText: `${c.roles.member.child} 1` });
  await child.getByLabel(c.person.firstName, { exact: true }).fill('Zeynep');
  await child.getByLabel(c.person.lastName, { exact: true }).fill('KAYA');
  await typeDate(app, c.person.birthDate, c === tr ? '01042015' : '01042015');
  const warning = child.getByRole('alert');
  await expect(warning).toContainText('Zeynep Kaya');
  return warning;
}

for (const [language, c] of [
  ['tr', tr],
  ['en', en],
] as const) {
  test(`one case per child: add the report to the open case, reopen a closed one (${language})`, async ({ signedIn: app }) => {
    const first = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
      household: { name: 'Kaya' },
      members: [{ person: { firstName: 'Zeynep', lastName: 'Kaya', birthDate: '2015-04-01', sex: 'female' }, role: 'child', confirmedNew: true }],
      intake: { receivedAt: '2026-10-01T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
    });
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    const channel = language === 'tr' ? 'Okul' : 'School';
    const concern = language === 'tr' ? 'Aile içi şiddet' : 'Domestic violence';

    // Open case: the first offer adds the report to it (no second case), and raises the repeated-report flag.
    let warning = await reportOnZeynep(app, c, channel, concern);
    const add = warning.getByRole('button', { name: c.intake.duplicates.addToCase.replace('{{caseNumber}}', first.caseNumber) });
    await expect(warning.getByRole('button').first()).toHaveText(c.intake.duplicates.addToCase.replace('{{caseNumber}}', first.caseNumber));
    await expect(warning.getByRole('button', { name: c.intake.duplicates.linkNewCase })).toBeVisible();
    await warning.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `screenshots/one-case-per-child-${language}.png` });
    await add.click();
    await expect(app).toHaveURL(new RegExp(`/cases/${first.id}$`));
    await expect(app.getByText(c.cases.flag.repeated_report).first()).toBeVisible();
    const list = await api<{ total: number }>(app, 'cases.list', {});
    expect(list.total).toBe(1);

    // Closed case: offered for reopening with the report.
    await api(app, 'cases.approveClosure', { caseId: first.id, reason: 'Hedefler tamamlandı.' });
    warning = await reportOnZeynep(app, c, channel, concern);
    await warning.getByRole('button', { name: c.intake.duplicates.reopenCase.replace('{{caseNumber}}', first.caseNumber) }).click();
    await expect(app).toHaveURL(new RegExp(`/cases/${first.id}$`));
    await expect(app.locator('.status-badge').first()).not.toHaveText(c.cases.status.closed);
    expect((await api<{ total: number }>(app, 'cases.list', {})).total).toBe(1);
  });
}
