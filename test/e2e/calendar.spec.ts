/**
 * Issue 17: the calendar at 1366×768 in Turkish and English — week and month views (Monday first),
 * holidays shown, arrow keys and Page Down move between days, a planned visit and a cover visible.
 */
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

for (const language of ['tr', 'en'] as const) {
  test(`calendar by keyboard, holidays, a planned visit and a cover (${language})`, async ({ signedIn: app }) => {
    const L = language === 'tr' ? tr : en;
    // Monday 25 May 2026: Kurban Bayramı is Wednesday 27 – Saturday 30 May (arife Tuesday 26, a half day).
    await app.clock.setFixedTime(new Date(2026, 4, 25, 9, 0));
    const created = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
      household: { name: 'Yıldız' },
      members: [{ person: { firstName: 'Deniz', lastName: 'Yıldız', birthYear: 2016 }, role: 'child', confirmedNew: true }],
      intake: { receivedAt: '2026-05-20T10:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
    });
    await api(app, 'calendar.planVisit', { caseId: created.id, kind: 'home_visit', startsAt: '2026-05-25T14:30' });
    const worker = await api<{ id: string }>(app, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: 'gecici-parola-mor-dag' });
    const admin = (await api<Array<{ id: string; displayName: string }>>(app, 'cases.staff', {})).find((s) => s.displayName !== 'Ayşe Demir')!;
    const today = new Date();
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await api(app, 'covers.grant', { coveredUserId: admin.id, coverUserId: worker.id, from: day(today), to: day(new Date(today.getTime() + 7 * 86_400_000)) });
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();

    await app.locator('[data-nav="calendar"]').click();
    await expect(app.getByRole('heading', { level: 1, name: L.pages.calendar.title })).toBeVisible();
    const grid = app.getByRole('grid');
    // Week view, Monday first; the selected day is today (Monday 25 May) with the planned visit.
    const headers = grid.getByRole('columnheader');
    await expect(headers).toHaveCount(7);
    await expect(headers.first()).toHaveText(language === 'tr' ? /Pzt/i : /Mon/i);
    const monday = grid.locator('[data-day="2026-05-25"]');
    await expect(monday).toContainText(L.calendar.kind.home_visit);
    await expect(grid.locator('[data-day="2026-05-27"]')).toContainText(L.holidays.name.kurban);
    await expect(grid.locator('[data-day="2026-05-26"]')).toContainText(L.holidays.name.kurbanEve);
    await expect(app.locator('.calendar-detail').getByRole('link', { name: created.caseNumber })).toBeVisible();

    // Keyboard: arrows move the selected day (and the focus), Page Down goes a month on.
    await monday.focus();
    await app.keyboard.press('ArrowRight');
    await expect(grid.locator('[data-day="2026-05-26"]')).toBeFocused();
    await app.keyboard.press('ArrowRight');
    await expect(grid.locator('[data-day="2026-05-27"]')).toBeFocused();
    await expect(app.locator('.calendar-detail')).toContainText(L.holidays.name.kurban);
    await app.keyboard.press('ArrowDown');
    await expect(grid.locator('[data-day="2026-06-03"]')).toBeFocused();
    await app.screenshot({ path: `test-results/calendar-week-${language}.png` });

    await app.getByRole('radio', { name: L.calendar.month }).click();
    await expect(grid.getByRole('row')).toHaveCount(7); // the weekday header and six weeks
    await grid.locator('[data-day="2026-06-03"]').focus();
    await app.keyboard.press('PageDown');
    await expect(grid.locator('[data-day="2026-07-03"]')).toBeFocused();
    await expect(grid.locator('[data-day="2026-07-15"]')).toContainText(L.holidays.name.democracy);
    await app.keyboard.press('PageUp');
    await app.keyboard.press('PageUp');
    await expect(grid.locator('[data-day="2026-05-03"]')).toBeFocused();
    await app.screenshot({ path: `test-results/calendar-month-${language}.png` });

    // The cover the supervisor granted is listed.
    await expect(app.locator('.calendar-team')).toContainText('Ayşe Demir');
    await expect(app.locator('.calendar-team')).toContainText(L.cover.state.active);
  });
}
