/**
 * Issue 14, item 1: a service recorded just after local midnight is dated that
 * day, not the UTC day before. The browser's clock is set to 00:27 local time;
 * run under TZ=Pacific/Kiritimati and TZ=America/Adak too (playwright.config.ts
 * gives the browser and the core the same zone).
 */
import type { Page } from '@playwright/test';
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a service recorded at 00:27 local time defaults to and is saved on that local day', async ({ signedIn: app }) => {
  const created = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Yıldız' },
    members: [{ person: { firstName: 'Deniz', lastName: 'Yıldız', birthYear: 2016 }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-03-01T10:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
  });
  // 2 March 2026, 00:27 on this zone's calendar (the UTC date differs by a day in UTC+3 … UTC+14).
  await app.clock.setFixedTime(new Date(2026, 2, 2, 0, 27));
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: created.caseNumber }).click();
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.services) }).click();
  const day = app.getByRole('group', { name: tr.services.deliveredOn, exact: true });
  await expect(day).toContainText('02.03.2026');
  await pick(app, tr.services.service, 'Bireysel danışmanlık');
  await app.getByRole('button', { name: tr.services.save }).click();
  await expect.poll(async () => (await api<{ services: Array<{ deliveredOn: string }> }>(app, 'cases.get', { caseId: created.id })).services.map((s) => s.deliveredOn)).toEqual(['2026-03-02']);
  await expect(app.getByRole('row').filter({ hasText: '02.03.2026' })).toBeVisible();
});
