/**
 * Issue 14, items 2 and 8: nothing typed is lost to the idle lock, a countdown
 * warns a minute before it, leaving a form with unsaved changes asks first, and
 * sign-in opens the signed-in user's own page (never the previous user's).
 */
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { lockVault, tick } from '../../electron/core/auth/authService';
import { ADMIN, api, expect, signIn, test } from './fixtures';

const WORKER = { username: 'ayse', displayName: 'Ayşe Demir', password: 'pembe-fil-kitap-okuyor' };

async function newCase(app: Parameters<typeof api>[0]): Promise<{ id: number; caseNumber: string }> {
  return api(app, 'cases.create', {
    household: { name: 'Öztürk', city: 'İstanbul' },
    members: [{ person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-10-01T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
  });
}

async function waitForDrafts(app: Parameters<typeof api>[0], count: number) {
  await expect.poll(async () => (await api<unknown[]>(app, 'drafts.list')).length).toBe(count);
}

test('a half-written note survives the idle lock: sign-in returns to it with the text restored; saving deletes the draft (tr)', async ({ signedIn: app, server }) => {
  const kase = await newCase(app);
  await app.goto(`${server.url}#/cases/${kase.id}`);
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.notes) }).click();
  await expect(app).toHaveURL(/tab=notes/);
  await app.getByRole('button', { name: tr.notes.add }).first().click();
  const dialog = app.getByRole('dialog');
  await dialog.getByRole('textbox', { name: tr.notes.body }).fill('Anne ile görüşüldü; çocuk okula düzenli gidiyor, ev');
  await waitForDrafts(app, 1);

  lockVault(server.core.services, 'idle');
  await expect(app.getByText(tr.signIn.locked.idle)).toBeVisible();
  await signIn(app, ADMIN.username, ADMIN.password);

  // Back on the same screen, the dialog open with the text, and told so.
  await expect(app).toHaveURL(new RegExp(`#/cases/${kase.id}\\?tab=notes`));
  await expect(dialog.getByRole('textbox', { name: tr.notes.body })).toHaveValue('Anne ile görüşüldü; çocuk okula düzenli gidiyor, ev');
  await expect(dialog.getByTestId('draft-notice')).toContainText(tr.drafts.restored.split(' (')[0]!);
  await app.screenshot({ path: 'screenshots/draft-restored-tr.png' });

  await dialog.getByRole('textbox', { name: tr.notes.body }).fill('Anne ile görüşüldü; çocuk okula düzenli gidiyor, ev düzenli.');
  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByText('Anne ile görüşüldü; çocuk okula düzenli gidiyor, ev düzenli.')).toBeVisible();
  await waitForDrafts(app, 0);
});

test('one minute before the idle lock a countdown warns; a key press keeps the session (en)', async ({ signedIn: app, server }) => {
  await app.getByRole('radio', { name: 'English' }).click();
  await api(app, 'security.setIdleMinutes', { minutes: 1 });
  // A minute of idle time is at most a minute away: the next host tick warns.
  tick(server.core.services);
  const warning = app.getByRole('alertdialog', { name: en.idle.title });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/locks in \d+ seconds?/);
  await expect(warning).toContainText(en.idle.drafts);
  await app.screenshot({ path: 'screenshots/idle-warning-en.png' });
  await app.keyboard.press('Escape');
  await expect(warning).toHaveCount(0);
  // The core heard the user: the lock is a full minute away again.
  await expect.poll(() => server.core.services.idle.remainingMs(Date.now())).toBeGreaterThan(55_000);
  expect(server.core.services.vault.state()).toBe('unlocked');
});

test('leaving an assessment with ticks asks first; its draft comes back on return (en)', async ({ signedIn: app, server }) => {
  const kase = await newCase(app);
  await app.getByRole('radio', { name: 'English' }).click();
  await app.goto(`${server.url}#/assessments/new?caseId=${kase.id}`);
  const box = app.locator('input[data-criterion-input]').first();
  await box.focus();
  await app.keyboard.press('Space');
  await expect(box).toBeChecked();
  await waitForDrafts(app, 1);

  await app.locator('[data-nav="cases"]').click();
  const ask = app.getByRole('alertdialog', { name: en.drafts.leaveTitle });
  await expect(ask).toBeVisible();
  await app.screenshot({ path: 'screenshots/leave-unsaved-en.png' });
  await ask.getByRole('button', { name: en.drafts.stay }).click();
  await expect(app).toHaveURL(/assessments\/new/);
  await expect(box).toBeChecked();

  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('alertdialog').getByRole('button', { name: en.drafts.leave }).click();
  await expect(app.getByRole('heading', { level: 1, name: en.pages.cases.title })).toBeVisible();

  await app.goto(`${server.url}#/assessments/new?caseId=${kase.id}`);
  await expect(app.locator('input[data-criterion-input]').first()).toBeChecked();
  await expect(app.getByTestId('draft-notice')).toBeVisible();
});

test('after a lock the next user lands on their own dashboard, never on the previous user’s page or draft (tr)', async ({ signedIn: app, server }) => {
  await api(app, 'users.create', { username: WORKER.username, displayName: WORKER.displayName, roles: ['caseworker'], password: 'gecici-parola-mor-dag' });
  const kase = await newCase(app);
  await app.goto(`${server.url}#/cases/${kase.id}?tab=notes`);
  await app.getByRole('button', { name: tr.notes.add }).first().click();
  await app.getByRole('dialog').getByRole('textbox', { name: tr.notes.body }).fill('Yöneticinin yarım notu');
  await waitForDrafts(app, 1);
  lockVault(server.core.services, 'idle');

  await signIn(app, WORKER.username, 'gecici-parola-mor-dag');
  await app.getByLabel(tr.auth.currentPassword).fill('gecici-parola-mor-dag');
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill(WORKER.password);
  await app.getByLabel(tr.auth.repeatPassword).fill(WORKER.password);
  await app.getByRole('button', { name: tr.auth.changePassword }).click();
  await expect(app.getByText(tr.dashboard.greeting.replace('{{name}}', WORKER.displayName))).toBeVisible();
  await expect(app).toHaveURL(/#\/dashboard$/);
  expect(await app.locator('body').innerText()).not.toContain('Yöneticinin yarım notu');
  expect(await api(app, 'drafts.list')).toEqual([]);

  // The admin, signing in again after a lock elsewhere, also starts on the dashboard when the app did not lock on their draft.
  lockVault(server.core.services, 'idle');
  await signIn(app, ADMIN.username, ADMIN.password);
  await expect(app.getByText(tr.dashboard.greeting.replace('{{name}}', ADMIN.displayName))).toBeVisible();
  await expect(app).toHaveURL(/#\/dashboard$/);
  expect(await api<unknown[]>(app, 'drafts.list')).toHaveLength(1);
});
