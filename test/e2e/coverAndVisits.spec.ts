/**
 * Issue 17 in the app:
 * - cover: a supervisor grants cover A → B (from today) in the calendar's team panel; B signs in,
 *   sees A's case marked "cover for A" in the list and in the case file, and writes a note on it;
 *   once the cover's last day has passed (its days set in the past) B no longer sees the case.
 *   The supervisor in Turkish, B in English.
 * - visit cancel: a planned visit is cancelled with a reason from the calendar (it leaves the
 *   calendar), another from the case file (struck through there, with the reason).
 */
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { addDaysToDay, localDay, localTime, todayLocal } from '../../shared/time/localDays';
import { ADMIN, api, expect, signIn, signOut, test } from './fixtures';

const A = { username: 'ayse', displayName: 'Ayşe Demir', temp: 'gecici-parola-mor-dag', password: 'pembe-fil-kitap-okuyor' };
const B = { username: 'mehmet', displayName: 'Mehmet Çelik', temp: 'gecici-parola-sari-gol', password: 'yesil-kaplumbaga-yuzer' };

const newCase = (responsibleUserId?: string) => ({
  ...(responsibleUserId ? { responsibleUserId } : {}),
  household: { name: 'Öztürk', city: 'İstanbul' },
  members: [{ person: { firstName: 'Çağla', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
  intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni bildirdi.' },
});

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function firstSignIn(page: Page, who: typeof A) {
  await signIn(page, who.username, who.temp);
  await page.getByLabel(tr.auth.currentPassword).fill(who.temp);
  await page.getByLabel(tr.auth.newPassword, { exact: true }).fill(who.password);
  await page.getByLabel(tr.auth.repeatPassword).fill(who.password);
  await page.getByRole('button', { name: tr.auth.changePassword }).click();
  await expect(page.getByText(tr.dashboard.greeting.replace('{{name}}', who.displayName))).toBeVisible();
}

test('cover: granted by the supervisor, B sees and works A’s case marked "cover for A"; after the last day B no longer sees it', async ({ signedIn: app, server }) => {
  const a = await api<{ id: string }>(app, 'users.create', { username: A.username, displayName: A.displayName, roles: ['caseworker'], password: A.temp });
  await api(app, 'users.create', { username: B.username, displayName: B.displayName, roles: ['caseworker'], password: B.temp });
  const kase = await api<{ id: number; caseNumber: string }>(app, 'cases.create', newCase(a.id));

  // The supervisor grants the cover in the calendar's team panel (the dates default to today … today + 6).
  await app.locator('[data-nav="calendar"]').click();
  const team = app.locator('.calendar-team');
  await pick(app, tr.cover.covered, A.displayName);
  await pick(app, tr.cover.cover, B.displayName);
  await team.getByRole('button', { name: tr.cover.grant }).click();
  await expect(team.getByRole('listitem').filter({ hasText: tr.cover.state.active })).toContainText(B.displayName);
  const granted = await api<{ rows: Array<{ action: string }> }>(app, 'audit.list', { action: 'cover.granted' });
  expect(granted.rows).toHaveLength(1);
  await signOut(app, ADMIN.displayName);

  // B, in English: A's case in the list and in the file, marked; a note written on it.
  await firstSignIn(app, B);
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="cases"]').click();
  const row = app.getByRole('row').filter({ hasText: kase.caseNumber });
  await expect(row.locator('.cover-tag')).toHaveText(en.cover.for.replace('{{name}}', A.displayName));
  await app.evaluate((id) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}?tab=notes`;
  }, kase.id);
  await expect(app.locator('.cover-tag').first()).toHaveText(en.cover.for.replace('{{name}}', A.displayName));
  await app.screenshot({ path: 'test-results/cover-case-en.png' });
  // Now, to the minute: a fixed hour of today is still ahead early in the morning (at UTC+14 most of the UTC day).
  const now = new Date();
  const note = await api<{ id: number }>(app, 'notes.add', {
    caseId: kase.id,
    type: 'phone_call',
    occurredAt: `${localDay(now)}T${localTime(now)}`,
    body: 'Vekâleten aranan anne görüşmeye geleceğini söyledi.',
    present: { people: [], users: [], others: null },
  });
  expect(note.id).toBeGreaterThan(0);
  await app.reload();
  await expect(app.getByText('Vekâleten aranan anne görüşmeye geleceğini söyledi.')).toBeVisible();

  // The cover's days pass (set in the past, as a week later): the case is out of B's sight.
  server.core.services.vault.database
    .prepare('UPDATE case_covers SET from_day = ?, to_day = ?')
    .run(addDaysToDay(todayLocal(), -8), addDaysToDay(todayLocal(), -1));
  await app.locator('[data-nav="cases"]').click();
  await expect(app.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(app.getByRole('row').filter({ hasText: kase.caseNumber })).toHaveCount(0);
  await expect(api(app, 'cases.get', { caseId: kase.id })).rejects.toThrow('api.notFound');
});

test('visit cancel: from the calendar (it leaves the calendar) and from the case file (struck through, with the reason)', async ({ signedIn: app }) => {
  await app.clock.setFixedTime(new Date(2026, 4, 25, 9, 0)); // Monday 25 May 2026
  const kase = await api<{ id: number; caseNumber: string }>(app, 'cases.create', newCase());
  await api(app, 'calendar.planVisit', { caseId: kase.id, kind: 'home_visit', startsAt: '2026-05-25T14:30' });
  await api(app, 'calendar.planVisit', { caseId: kase.id, kind: 'interview', startsAt: '2026-06-04T10:00' });

  await app.locator('[data-nav="calendar"]').click();
  const grid = app.getByRole('grid');
  const monday = grid.locator('[data-day="2026-05-25"]');
  await expect(monday).toContainText(tr.calendar.kind.home_visit);
  await monday.click();
  const detail = app.locator('.calendar-detail');
  await detail.getByRole('button', { name: `${tr.calendar.cancelVisit}: ${kase.caseNumber}` }).click();
  const dialog = app.getByRole('dialog', { name: tr.calendar.cancelVisitTitle });
  // The shared reason dialog: the reason has the focus; empty, it says "Zorunlu alan" at the field and sends nothing.
  await expect(dialog.getByLabel(tr.calendar.cancelReason)).toBeFocused();
  await dialog.getByRole('button', { name: tr.calendar.cancelVisitConfirm }).click();
  await expect(dialog.locator('.field-error')).toHaveText(tr.common.requiredField);
  await expect(dialog.getByLabel(tr.calendar.cancelReason)).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel(tr.calendar.cancelReason).fill('Aile randevuyu erteledi.');
  await expect(dialog.locator('.field-error')).toHaveCount(0);
  await app.screenshot({ path: 'test-results/visit-cancel-tr.png' });
  await dialog.getByRole('button', { name: tr.calendar.cancelVisitConfirm }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByRole('status')).toContainText(tr.calendar.visitCancelled);
  await expect(monday).not.toContainText(tr.calendar.kind.home_visit);

  // The case file: the cancelled visit struck through with its reason; the interview cancelled there.
  // (Planning prepared the visit note as a draft, which the notes tab would open: not needed here.)
  await api(app, 'drafts.delete', { key: `note:${kase.id}` });
  await app.evaluate((id) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/cases/${id}?tab=notes`;
  }, kase.id);
  const visits = app.locator('.case-visits');
  await expect(visits.getByRole('heading', { name: tr.calendar.caseVisits })).toBeVisible();
  const cancelledRow = visits.getByRole('listitem').filter({ hasText: 'Aile randevuyu erteledi.' });
  await expect(cancelledRow.locator('s')).toContainText(tr.calendar.kind.home_visit);
  const interviewRow = visits.getByRole('listitem').filter({ hasText: tr.calendar.kind.interview });
  await interviewRow.getByRole('button', { name: new RegExp(`^${tr.calendar.cancelVisit}:`) }).click();
  const caseDialog = app.getByRole('dialog', { name: tr.calendar.cancelVisitTitle });
  await caseDialog.getByLabel(tr.calendar.cancelReason).fill('Çocuk okul gezisinde.');
  await caseDialog.getByRole('button', { name: tr.calendar.cancelVisitConfirm }).click();
  await expect(visits.getByRole('listitem').filter({ hasText: 'Çocuk okul gezisinde.' }).locator('s')).toContainText(tr.calendar.kind.interview);
  await expect(visits.getByRole('button', { name: new RegExp(`^${tr.calendar.cancelVisit}:`) })).toHaveCount(0);
  await visits.screenshot({ path: 'test-results/case-visits-tr.png' });

  const audit = await api<{ rows: Array<{ action: string }> }>(app, 'audit.list', { action: 'visit.cancelled' });
  expect(audit.rows).toHaveLength(2);
  const events = await api<{ events: Array<{ kind: string }> }>(app, 'calendar.events', { from: '2026-05-25', to: '2026-06-07' });
  expect(events.events.filter((e) => e.kind === 'home_visit' || e.kind === 'interview')).toEqual([]);
});
