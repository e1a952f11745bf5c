/**
 * Issue 12: a write on the case file updates the page from the write's reply. The
 * file is loaded (and `case.viewed` written) once when it is opened, not again after
 * each note or service, referral, hearing or transfer step.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { call } from '../../electron/core/call';
import { createCore } from '../../electron/core/createCore';
import { silentLogger } from '../../electron/core/log';
import { newClientState } from '../../electron/core/session';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { ADMIN, api, expect, test } from './fixtures';

/** Another office's transfer key file (the receiver), made in its own vault. */
async function receiverKey(dir: string): Promise<string> {
  const core = createCore({ dataDir: mkdtempSync(join(tmpdir(), 'kalkan-e2e-receiver-')), log: silentLogger, kdf: TEST_KDF });
  const client = newClientState();
  await call(core.router, client, 'setup.create', { officeName: 'Çankaya Çocuk Koruma Birimi', username: ADMIN.username, displayName: 'Can Yönetici', password: ADMIN.password });
  await call(core.router, client, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const path = join(dir, 'cankaya.pub');
  await call(core.router, client, 'transfers.exportOfficeKey', { path });
  await call(core.router, client, 'auth.signOut', {});
  return path;
}

/** A day `offset` days from today in the browser's time zone (playwright.config.ts), as ddmmyyyy for a date field. */
function dayTyped(offset: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: process.env.TZ ?? 'Europe/Istanbul', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(Date.now() + offset * 86_400_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('day')}${get('month')}${get('year')}`;
}

test('adding and editing notes and a service keeps one case.viewed row; a refused visit shows its flag from the reply', async ({ signedIn: app }) => {
  const created = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Aydın', city: 'İstanbul' },
    members: [{ person: { firstName: 'Ece', lastName: 'Aydın', birthDate: '2015-06-07', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-11-20T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık.' },
  });
  const note = { type: 'phone_call', occurredAt: '2026-11-21T10:00:00+03:00', present: { people: [], users: [], others: null } };
  await api(app, 'notes.add', { caseId: created.id, ...note, body: 'Okulla görüşüldü.' });
  const views = async () =>
    (await api<{ rows: unknown[] }>(app, 'audit.search', { action: 'case.viewed', caseNumber: created.caseNumber, limit: 50 })).rows.length;

  await app.goto(`${new URL(app.url()).origin}/#/cases/${created.id}`);
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.notes) }).click();
  await expect(app.getByText('Okulla görüşüldü.')).toBeVisible();
  await expect.poll(views).toBe(1);

  // A new note (a refused home visit): it appears, the flag it raised appears, nothing is reloaded.
  await app.getByRole('button', { name: tr.notes.add }).click();
  let dialog = app.getByRole('dialog');
  await dialog.getByText(tr.notes.visitRefusedLabel).click();
  await dialog.getByLabel(tr.notes.body, { exact: true }).fill('Aile kapıyı açmadı.');
  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByText('Aile kapıyı açmadı.')).toBeVisible();
  await expect(app.getByText(tr.cases.flag.refused_home_visit).first()).toBeVisible();

  // An edit replaces the note in place.
  await app.getByRole('button', { name: new RegExp(tr.notes.editOf.split('}}')[1]!.trim()) }).last().click();
  dialog = app.getByRole('dialog');
  await dialog.getByLabel(tr.notes.body, { exact: true }).fill('Okulla ikinci kez görüşüldü.');
  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByText('Okulla ikinci kez görüşüldü.')).toBeVisible();
  await expect(app.getByText('Okulla görüşüldü.')).toHaveCount(0);

  // A service.
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.services) }).click();
  await app.getByRole('button', { name: new RegExp(`${tr.services.service}$`) }).first().click();
  await app.getByRole('option', { name: 'Bireysel danışmanlık', exact: true }).click();
  await app.getByRole('button', { name: tr.services.save }).click();
  await expect(app.getByRole('row')).toHaveCount(2);

  // Still the one view of the file: the writes were taken from their replies.
  expect(await views()).toBe(1);
  const file = await api<{ notes: Array<{ body: string }>; flags: Array<{ kind: string }>; services: unknown[] }>(app, 'cases.get', { caseId: created.id });
  expect(file.notes.map((n) => n.body).sort()).toEqual(['Aile kapıyı açmadı.', 'Okulla ikinci kez görüşüldü.']);
  expect(file.flags.map((f) => f.kind)).toContain('refused_home_visit');
  expect(file.services).toHaveLength(1);
});

test('a plan goal and action, its task completed, a stage transition and a member edit keep one case.viewed row', async ({ signedIn: app }) => {
  const created = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Kaya', city: 'İzmir' },
    members: [{ person: { firstName: 'Can', lastName: 'Kaya', birthDate: '2014-03-04', sex: 'male' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-11-20T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık.' },
  });
  const views = async () =>
    (await api<{ rows: unknown[] }>(app, 'audit.search', { action: 'case.viewed', caseNumber: created.caseNumber, limit: 50 })).rows.length;
  await app.goto(`${new URL(app.url()).origin}/#/cases/${created.id}?tab=plan`);
  await expect(app.getByRole('heading', { level: 1, name: /Can Kaya/ })).toBeVisible();
  await expect.poll(views).toBe(1);

  // A goal, and an action under it: the action becomes a task (the tasks tab counts it).
  await app.getByLabel(tr.plan.newGoal).fill('Okula düzenli devam');
  await app.getByRole('button', { name: tr.plan.addGoal }).click();
  await expect(app.getByRole('heading', { name: 'Okula düzenli devam' })).toBeVisible();
  await app.getByLabel(tr.plan.newAction).fill('Okulla görüş');
  // A due day makes the action a task (planRepo): typed into the date field's segments.
  await app.getByRole('group', { name: tr.plan.due, exact: true }).getByRole('spinbutton').first().click();
  await app.keyboard.type('15012027');
  await app.getByRole('button', { name: tr.plan.addAction }).click();
  await expect(app.locator('.task-title', { hasText: 'Okulla görüş' })).toBeVisible();
  await expect(app.getByRole('tab', { name: `${tr.cases.tabs.tasks} (1)` })).toBeVisible();

  // The task completed on the tasks tab: the plan shows its action done (from the reply's plan).
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.tasks) }).click();
  await app.getByRole('button', { name: tr.tasks.completeOf.replace('{{title}}', 'Okulla görüş') }).click();
  const done = app.getByRole('dialog', { name: tr.tasks.completeTitle });
  await done.getByRole('textbox', { name: tr.tasks.outcome }).fill('Rehber öğretmenle görüşüldü.');
  await done.getByRole('button', { name: tr.tasks.complete }).click();
  await expect(app.getByRole('tab', { name: `${tr.cases.tabs.tasks} (0)` })).toBeVisible();
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.plan) }).click();
  await expect(app.getByText(tr.plan.actionStatus.done, { exact: false }).first()).toBeVisible();
  await expect(app.getByRole('button', { name: tr.plan.markDoneOf.replace('{{title}}', 'Okulla görüş') })).toHaveCount(0);

  // The next stage: the badge and the status history change.
  await app.getByRole('button', { name: new RegExp(`${tr.cases.stage}$`) }).first().click();
  await app.getByRole('option', { name: tr.cases.status.assessment, exact: true }).click();
  await app.getByRole('button', { name: tr.cases.moveStage }).click();
  await expect(app.locator('.status-badge').first()).toHaveText(tr.cases.status.assessment);
  await app.getByRole('tab', { name: tr.cases.tabs.overview }).click();
  await expect(app.getByText(`${tr.cases.historyEvent.transition} → ${tr.cases.status.assessment}`, { exact: false })).toBeVisible();

  // A member's record edited: the overview shows the new school.
  await app.getByRole('button', { name: tr.cases.editPerson.replace('{{name}}', 'Can Kaya') }).click();
  await app.getByRole('dialog').getByLabel(tr.person.school).fill('Atatürk İlkokulu');
  await app.getByRole('dialog').getByRole('button', { name: tr.common.save }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByText('Atatürk İlkokulu', { exact: false })).toBeVisible();

  // Still the one view of the file.
  expect(await views()).toBe(1);
  const file = await api<{ case: { status: string }; plan: Array<{ actions: Array<{ status: string }> }>; tasks: Array<{ doneAt: string | null }>; members: Array<{ person: { school: string | null } }> }>(app, 'cases.get', { caseId: created.id });
  expect(file.case.status).toBe('assessment');
  expect(file.plan[0]!.actions.map((a) => a.status)).toEqual(['done']);
  expect(file.tasks.map((t) => Boolean(t.doneAt))).toEqual([true]);
  expect(file.members[0]!.person.school).toBe('Atatürk İlkokulu');
});

test('a referral sent, a hearing added and a transfer asked and approved keep one case.viewed row; tasks and transfer state come from the replies', async ({ signedIn: app }) => {
  test.slow();
  const dir = mkdtempSync(join(tmpdir(), 'kalkan-e2e-parts-'));
  const receiver = await receiverKey(dir);
  // This office's own transfer keys: an approval seals the file with them.
  await api(app, 'transfers.exportOfficeKey', { path: join(dir, 'beyoglu.pub') });
  const created = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Demir', city: 'İstanbul' },
    members: [{ person: { firstName: 'Ali', lastName: 'Demir', birthDate: '2013-09-01', sex: 'male' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-11-20T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık.' },
  });
  const [institution] = await api<Array<{ id: number; name: string }>>(app, 'institutions.list', { type: 'psychological_counselling_centre' });
  await api(app, 'referrals.create', {
    caseId: created.id,
    institutionId: institution!.id,
    services: ['individual_counselling'],
    reason: 'Bireysel psikolojik destek.',
    legalGround: '5395 sayılı Kanun m. 6',
    sharedSections: ['identity'],
  });
  const views = async () =>
    (await api<{ rows: unknown[] }>(app, 'audit.search', { action: 'case.viewed', caseNumber: created.caseNumber, limit: 50 })).rows.length;

  await app.goto(`${new URL(app.url()).origin}/#/cases/${created.id}?tab=referrals`);
  await expect(app.getByRole('heading', { level: 1, name: /Ali Demir/ })).toBeVisible();
  await expect.poll(views).toBe(1);

  // The referral sent: its state and its reply task come from the reply.
  const card = app.locator('li.referral').filter({ hasText: institution!.name });
  await card.getByRole('button', { name: tr.referrals.action.send, exact: true }).click();
  let dialog = app.getByRole('dialog');
  await dialog.getByRole('button', { name: tr.referrals.action.send, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(card.locator('.referral-state')).toHaveText(tr.referrals.state.sent);
  await expect(app.getByRole('tab', { name: `${tr.cases.tabs.tasks} (1)` })).toBeVisible();

  // A hearing in ten days: it is listed and its two reminders join the tasks.
  await app.getByRole('tab', { name: tr.cases.tabs.court }).click();
  await app.getByRole('button', { name: tr.court.hearing.add }).click();
  dialog = app.getByRole('dialog');
  await dialog.getByRole('combobox', { name: tr.court.hearing.court }).fill('İstanbul 3. Çocuk Mahkemesi');
  await dialog.getByRole('group', { name: tr.court.hearing.day, exact: true }).getByRole('spinbutton').first().click();
  await app.keyboard.type(dayTyped(10));
  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(dialog).toBeHidden();
  await expect(app.locator('li.court-item').filter({ hasText: 'İstanbul 3. Çocuk Mahkemesi' })).toContainText(tr.court.hearingStatus.scheduled);
  await expect(app.getByRole('tab', { name: `${tr.cases.tabs.tasks} (3)` })).toBeVisible();

  // The transfer asked for, then approved (the set-up account is a supervisor too): the state comes from the replies.
  await app.getByRole('button', { name: tr.transfers.start }).click();
  dialog = app.getByRole('dialog');
  await dialog.getByLabel(tr.transfers.keyFile).fill(receiver);
  await dialog.getByRole('button', { name: tr.transfers.readKey }).click();
  await dialog.locator('label').filter({ hasText: tr.transfers.fingerprintConfirmed }).click();
  await dialog.getByRole('button', { name: tr.transfers.ask }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText(tr.transfers.requested)).toBeVisible();
  await expect(app.getByText(/Çankaya Çocuk Koruma Birimi ofisine \(parmak izi/)).toBeVisible();
  await app.getByRole('button', { name: tr.transfers.approve }).click();
  dialog = app.getByRole('dialog');
  await dialog.getByLabel(tr.transfers.outFile).fill(join(dir, 'demir.kcase'));
  await dialog.getByRole('button', { name: tr.transfers.approve }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText(/Çankaya Çocuk Koruma Birimi ofisine devredildi \(/)).toBeVisible();
  await expect(app.getByRole('button', { name: tr.transfers.start })).toHaveCount(0);
  // Sent: the file is read-only here, and the reply's parts say so at once. The receiving office takes
  // over the work, so this office's three open tasks end with the transfer.
  await expect(app.getByRole('tab', { name: `${tr.cases.tabs.tasks} (0)` })).toBeVisible();
  await expect(app.locator('.case-meta .status-badge')).toContainText(tr.cases.transferredShort);
  await expect(app.getByRole('button', { name: tr.cases.newReport })).toHaveCount(0);
  await expect(app.getByRole('link', { name: tr.cases.assess })).toHaveCount(0);
  await expect(app.getByRole('button', { name: tr.court.hearing.add })).toHaveCount(0);
  await app.getByRole('tab', { name: tr.cases.tabs.notes }).click();
  await expect(app.getByRole('tabpanel')).toBeVisible();
  await expect(app.getByRole('button', { name: tr.notes.add })).toHaveCount(0);
  // Nothing to add here any more: the empty states do not ask for a note or a goal.
  await expect(app.getByRole('tabpanel')).toContainText(tr.notes.emptyReadOnly);
  await expect(app.getByRole('tabpanel')).not.toContainText(tr.notes.empty);
  await app.screenshot({ path: 'test-results/case-file-transferred-tr.png' });
  await app.getByRole('tab', { name: tr.cases.tabs.plan }).click();
  await expect(app.getByRole('tabpanel')).toContainText(tr.plan.emptyReadOnly);

  // Still the one view of the file.
  expect(await views()).toBe(1);
  const file = await api<{ tasks: Array<{ kind: string; doneAt: string | null; cancelled?: boolean }> }>(app, 'cases.get', { caseId: created.id });
  expect(file.tasks.filter((t) => !t.doneAt)).toEqual([]);
  expect(file.tasks.map((t) => t.kind).sort()).toEqual(['hearing', 'hearingPrepare', 'referralReply']);
});
