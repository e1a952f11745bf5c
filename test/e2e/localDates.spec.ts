/**
 * Issue 14, item 1: a service recorded just after local midnight is dated that
 * day, not the UTC day before. The browser's clock is set to 00:27 local time;
 * run under TZ=Pacific/Kiritimati and TZ=America/Adak too (playwright.config.ts
 * gives the browser and the core the same zone).
 */
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

for (const [language, c, shown] of [
  ['tr', tr, '02.03.2026'],
  ['en', en, '02/03/2026'],
] as const) {
  test(`a service recorded at 00:27 local time defaults to and is saved on that local day (${language})`, async ({ signedIn: app }) => {
    const created = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
      household: { name: 'Yıldız' },
      members: [{ person: { firstName: 'Deniz', lastName: 'Yıldız', birthYear: 2016 }, role: 'child', confirmedNew: true }],
      intake: { receivedAt: '2026-03-01T10:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
    });
    // 2 March 2026, 00:27 on this zone's calendar (the UTC date differs by a day in UTC+3 … UTC+14).
    await app.clock.setFixedTime(new Date(2026, 2, 2, 0, 27));
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    await app.locator('[data-nav="cases"]').click();
    await app.getByRole('link', { name: created.caseNumber }).click();
    await app.getByRole('tab', { name: new RegExp(c.cases.tabs.services) }).click();
    const day = app.getByRole('group', { name: c.services.deliveredOn, exact: true });
    await expect(day).toContainText(shown);
    await pick(app, c.services.service, language === 'tr' ? 'Bireysel danışmanlık' : 'Individual counselling');
    await app.getByRole('button', { name: c.services.save }).click();
    await expect.poll(async () => (await api<{ services: Array<{ deliveredOn: string }> }>(app, 'cases.get', { caseId: created.id })).services.map((s) => s.deliveredOn)).toEqual(['2026-03-02']);
    await expect(app.getByRole('row').filter({ hasText: shown })).toBeVisible();
  });
}
