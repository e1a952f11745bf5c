/**
 * Issue 14, item 10 (the parts built): the skip link focuses the current
 * page's main region without a route change, focus lands on the new page's
 * heading, and Alt+D reaches the assessment's decision and Save at once.
 */
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

async function newCase(app: Parameters<typeof api>[0]) {
  return api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Öztürk', city: 'İstanbul' },
    members: [{ person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-10-01T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
  });
}

test('the skip link focuses the main region of the assessment without leaving it; Alt+D reaches the decision (tr)', async ({ signedIn: app, server }) => {
  const kase = await newCase(app);
  await app.goto(`${server.url}#/assessments/new?caseId=${kase.id}`);
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
  const box = app.locator('input[data-criterion-input]').first();
  await box.focus();
  await app.keyboard.press('Space');
  await expect(box).toBeChecked();

  const url = app.url();
  await app.locator('.skip-link').focus();
  await expect(app.getByRole('link', { name: tr.app.skipToContent })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.locator('#main')).toBeFocused();
  expect(app.url()).toBe(url);
  await expect(box).toBeChecked();

  await expect(app.getByText(tr.assessment.decisionShortcut)).toBeVisible();
  await box.focus();
  await app.keyboard.press('Alt+d');
  await expect(app.locator('#assess-decision-title')).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.locator(':focus')).toBeVisible();
  await app.screenshot({ path: 'screenshots/assessment-shortcut-tr.png' });
});

test('after sign-in and after opening a case, focus is on the new page’s heading (en)', async ({ signedIn: app }) => {
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
  const kase = await newCase(app);
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="cases"]').click();
  await expect(app.getByRole('heading', { level: 1, name: en.pages.cases.title })).toBeFocused();
  await app.getByRole('link', { name: new RegExp(kase.caseNumber) }).first().click();
  await expect(app.getByRole('heading', { level: 1 })).toContainText('Elif Öztürk');
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
});
