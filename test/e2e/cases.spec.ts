import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { ADMIN, api, expect, signIn, signOut, test } from './fixtures';

const WORKER = { username: 'ayse', displayName: 'Ayşe Demir', temp: 'gecici-parola-mor-dag', password: 'pembe-fil-kitap-okuyor' };

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

async function typeDate(page: Page, label: string, ddmmyyyy: string) {
  const group = page.getByRole('group', { name: label, exact: true });
  await group.getByRole('spinbutton').first().click();
  await page.keyboard.type(ddmmyyyy);
}

/** React Aria checkboxes hide the native input: click the visible label, as a user does. */
async function tick(scope: Page | Locator, name: string) {
  await scope.locator('label').filter({ hasText: name }).first().click();
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`${label}$`) }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('intake with two children, duplicate warning, note, service, folded search, closure refused for a caseworker and approved by a supervisor', async ({ signedIn: app }) => {
  // Set-up through the API: a caseworker, and a case on which a child is already known and she co-works
  // (a person of a case she cannot see is never hers to link: the router refuses it).
  const worker = await api<{ id: string }>(app, 'users.create', { username: WORKER.username, displayName: WORKER.displayName, roles: ['caseworker'], password: WORKER.temp });
  await api(app, 'cases.create', {
    coWorkerIds: [worker.id],
    household: { name: 'Öztürk', city: 'İstanbul' },
    members: [{ person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-10-01T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık bildirimi.' },
  });
  await signOut(app, ADMIN.displayName);

  await signIn(app, WORKER.username, WORKER.temp);
  await app.getByLabel(tr.auth.currentPassword).fill(WORKER.temp);
  await app.getByLabel(tr.auth.newPassword, { exact: true }).fill(WORKER.password);
  await app.getByLabel(tr.auth.repeatPassword).fill(WORKER.password);
  await app.getByRole('button', { name: tr.auth.changePassword }).click();
  await expect(app.getByText(tr.dashboard.greeting.replace('{{name}}', WORKER.displayName))).toBeVisible();

  // Intake of a new report on the household: two children and their mother.
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: tr.cases.new }).first().click();
  await expect(app.getByRole('heading', { level: 1, name: tr.intake.title })).toBeVisible();
  await pick(app, tr.intake.channel, 'Okul');
  await tick(app, 'Aile içi şiddet');
  await app.getByLabel(tr.intake.summary).fill('Rehber öğretmen Elif ve kardeşinin evde şiddete tanık olduğunu bildirdi.');

  const child1 = app.locator('fieldset').filter({ hasText: `${tr.roles.member.child} 1` });
  await child1.getByLabel(tr.person.firstName, { exact: true }).fill('Elif');
  await child1.getByLabel(tr.person.lastName, { exact: true }).fill('OZTURK');
  await typeDate(app, tr.person.birthDate, '10052014');
  const warning = child1.getByRole('alert');
  await expect(warning).toContainText('Elif Öztürk');
  await app.screenshot({ path: 'screenshots/intake-duplicate-tr.png', fullPage: false });
  // Elif has an open case: adding the report to it is offered first; a separate case needs a reason.
  await expect(warning.getByRole('button', { name: new RegExp(tr.intake.duplicates.addToCase.split('{{')[0]!) })).toBeVisible();
  await warning.getByRole('button', { name: tr.intake.duplicates.linkNewCase }).click();
  await expect(child1).toContainText('Elif Öztürk');

  await app.getByRole('button', { name: tr.intake.add.replace('{{role}}', tr.roles.member.child) }).click();
  const child2 = app.locator('fieldset').filter({ hasText: `${tr.roles.member.child} 2` });
  await child2.getByLabel(tr.person.firstName, { exact: true }).fill('Can');
  await child2.getByLabel(tr.person.lastName, { exact: true }).fill('Öztürk');
  await child2.getByLabel(tr.person.approxAge, { exact: true }).fill('8');

  await app.getByRole('button', { name: tr.intake.add.replace('{{role}}', tr.roles.member.caregiver) }).click();
  const mother = app.locator('fieldset').filter({ hasText: `${tr.roles.member.caregiver} 1` });
  await mother.getByLabel(tr.person.firstName, { exact: true }).fill('Ayten');
  await mother.getByLabel(tr.person.lastName, { exact: true }).fill('Öztürk');
  await mother.getByLabel(tr.person.approxAge, { exact: true }).fill('36');
  await app.getByLabel(tr.intake.parallel.reason).fill('Okul bildirimi; önceki vaka başka bir ilçede izleniyor.');
  expect(await axe(app)).toEqual([]);
  await app.getByRole('button', { name: tr.intake.save }).click();

  // The case file.
  await expect(app.getByRole('heading', { level: 1, name: /Elif Öztürk/ })).toBeVisible();
  await expect(app.getByText(tr.cases.flag.repeated_report).first()).toBeVisible();
  const caseNumber = (await app.locator('.case-number').innerText()).trim();

  // A home visit note.
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.notes) }).click();
  await app.getByRole('button', { name: tr.notes.add }).click();
  const dialog = app.getByRole('dialog');
  await tick(dialog, 'Ayten Öztürk');
  await dialog.getByLabel(tr.notes.body, { exact: true }).fill('Ev ziyareti yapıldı. Anne işbirliğine açık; çocuklar okulda.');
  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(app.getByText('Ev ziyareti yapıldı.')).toBeVisible();

  // A service.
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.services) }).click();
  await pick(app, tr.services.service, 'Bireysel danışmanlık');
  await app.getByRole('button', { name: tr.services.save }).click();
  await expect(app.getByRole('row').filter({ hasText: 'Bireysel danışmanlık' })).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/case-file-tr.png' });

  // Folded search finds the new child.
  await app.locator('[data-nav="cases"]').click();
  await app.getByLabel(tr.cases.search.label).fill('can ozturk');
  await expect(app.getByRole('region', { name: tr.cases.search.results }).getByText('Can Öztürk')).toBeVisible();
  await app.screenshot({ path: 'screenshots/cases-list-tr.png' });

  // A caseworker cannot close: only request closure.
  await app.getByRole('region', { name: tr.cases.search.results }).getByRole('link').filter({ hasText: 'Can Öztürk' }).first().click();
  await expect(app.getByRole('button', { name: tr.cases.close, exact: true })).toHaveCount(0);
  const caseId = Number(new URL(app.url()).hash.split('/').pop());
  await expect(api(app, 'cases.approveClosure', { caseId, reason: 'kendim kapatıyorum' })).rejects.toThrow('auth.forbidden');
  await app.getByRole('button', { name: tr.cases.requestClosure }).click();
  await app.getByRole('dialog').getByLabel(tr.cases.reason).fill('Aile desteğe bağlandı, risk kalmadı.');
  await app.getByRole('dialog').getByRole('button', { name: tr.common.confirm }).click();
  await expect(app.getByText(/kapatılmasını istedi/)).toBeVisible();
  await signOut(app, WORKER.displayName);

  // The supervisor approves, in English.
  await signIn(app, ADMIN.username, ADMIN.password);
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: caseNumber }).click();
  await app.getByRole('button', { name: en.cases.approveClosure }).click();
  await app.getByRole('dialog').getByRole('button', { name: en.common.confirm }).click();
  await expect(app.locator('.status-badge').first()).toHaveText(en.cases.status.closed);
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/case-file-en.png' });
});

test('a person is added and edited on a case, a new report flags it, and a closed case reopens with its history', async ({ signedIn: app }) => {
  const created = await api<{ id: number }>(app, 'cases.create', {
    household: { name: 'Yıldız', city: 'İstanbul' },
    members: [{ person: { firstName: 'Deniz', lastName: 'Yıldız', birthDate: '2016-02-03', sex: 'male' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-11-20T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık.' },
  });
  await app.goto(`${new URL(app.url()).origin}/#/cases/${created.id}`);
  await expect(app.getByRole('heading', { level: 1, name: /Deniz Yıldız/ })).toBeVisible();

  await app.getByRole('button', { name: tr.cases.addPerson }).click();
  const dialog = app.getByRole('dialog');
  await pick(app, tr.intake.role, tr.roles.member.caregiver);
  await pick(app, tr.intake.relationship, tr.relationship.mother);
  await dialog.getByLabel(tr.person.firstName, { exact: true }).fill('Gülşen');
  await dialog.getByLabel(tr.person.lastName, { exact: true }).fill('Yıldız');
  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(app.getByText('Gülşen Yıldız')).toBeVisible();

  await app.getByRole('button', { name: tr.cases.editPerson.replace('{{name}}', 'Gülşen Yıldız') }).click();
  await app.getByRole('dialog').getByLabel(tr.person.phone).fill('0532 000 00 00');
  await app.getByRole('dialog').getByRole('button', { name: tr.common.save }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);

  await app.getByRole('button', { name: tr.cases.newReport }).click();
  await pick(app, tr.intake.channel, 'Okul');
  await tick(app.getByRole('dialog'), 'Eğitim ihmali');
  await app.getByRole('dialog').getByLabel(tr.intake.summary).fill('Öğretmen yeniden aradı: çocuk iki haftadır okula gelmiyor.');
  await app.getByRole('dialog').getByRole('button', { name: tr.intake.save }).click();
  await expect(app.getByText(tr.cases.flag.repeated_report).first()).toBeVisible();

  await app.getByRole('button', { name: tr.cases.close, exact: true }).click();
  await app.getByRole('dialog').getByLabel(tr.cases.reason).fill('Aile destek programına yerleşti.');
  await app.getByRole('dialog').getByRole('button', { name: tr.common.confirm }).click();
  await expect(app.locator('.status-badge').first()).toHaveText(tr.cases.status.closed);
  await app.getByRole('button', { name: tr.cases.reopen }).click();
  await pick(app, tr.intake.channel, 'Okul');
  await tick(app.getByRole('dialog'), 'Eğitim ihmali');
  await app.getByRole('dialog').getByLabel(tr.intake.summary).fill('Yeni bildirim: devamsızlık yeniden başladı.');
  await app.getByRole('dialog').getByRole('button', { name: tr.cases.reopen }).click();
  await expect(app.locator('.status-badge').first()).toHaveText(tr.cases.status.intake);
  await expect(app.getByText(tr.cases.intakeKind.reopen)).toBeVisible();
  expect(await axe(app)).toEqual([]);
});

test('the office edits its lists: a new concern appears at intake, a retired one does not', async ({ signedIn: app }) => {
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: tr.admin.tabs.lists }).click();
  await app.getByLabel(tr.admin.lists.labelTr).fill('Siber zorbalık');
  await app.getByLabel(tr.admin.lists.labelEn).fill('Cyberbullying');
  await app.getByRole('button', { name: tr.admin.lists.add }).click();
  await expect(app.getByRole('row').filter({ hasText: 'Siber zorbalık' })).toBeVisible();
  await app.getByRole('row').filter({ hasText: 'Akran zorbalığı' }).locator('.switch-track').click();
  await expect(app.getByRole('switch', { name: tr.admin.lists.activeOf.replace('{{label}}', 'Akran zorbalığı') })).not.toBeChecked();
  await expect(app.getByText(tr.admin.lists.saved.replace('{{label}}', 'Akran zorbalığı'))).toBeVisible();
  expect(await axe(app)).toEqual([]);
  await app.screenshot({ path: 'screenshots/admin-lists-tr.png' });

  await app.locator('[data-nav="cases"]').click();
  await app.getByRole('link', { name: tr.cases.new }).first().click();
  await expect(app.locator('label').filter({ hasText: 'Siber zorbalık' })).toBeVisible();
  await expect(app.locator('label').filter({ hasText: 'Akran zorbalığı' })).toHaveCount(0);
});

test('a note edited meanwhile by someone else: the conflict view shows the newest version, and "save anyway" saves', async ({ signedIn: app }) => {
  const created = await api<{ id: number }>(app, 'cases.create', {
    household: { name: 'Aydın', city: 'İstanbul' },
    members: [{ person: { firstName: 'Ece', lastName: 'Aydın', birthDate: '2015-06-07', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-11-20T10:00:00+03:00', channel: 'school', concerns: ['educational_neglect'], summary: 'Okula devamsızlık.' },
  });
  const note = { type: 'phone_call', occurredAt: '2026-11-21T10:00:00+03:00', present: { people: [], users: [], others: null } };
  const first = await api<{ id: number }>(app, 'notes.add', { caseId: created.id, ...note, body: 'İlk sürüm.' });
  await app.goto(`${new URL(app.url()).origin}/#/cases/${created.id}`);
  await app.getByRole('tab', { name: new RegExp(tr.cases.tabs.notes) }).click();
  await app.getByRole('button', { name: new RegExp(tr.notes.editOf.split('}}')[1]!.trim()) }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByLabel(tr.notes.body, { exact: true }).fill('Benim sürümüm.');

  // Meanwhile the note is saved twice elsewhere (versions 2 and 3).
  await api(app, 'notes.edit', { noteId: first.id, expectedVersion: 1, ...note, body: 'İkinci sürüm.' });
  await api(app, 'notes.edit', { noteId: first.id, expectedVersion: 2, ...note, body: 'En yeni sürüm.' });

  await dialog.getByRole('button', { name: tr.common.save }).click();
  await expect(dialog.getByText('En yeni sürüm.')).toBeVisible();
  await expect(dialog.getByText('İlk sürüm.')).toHaveCount(0);
  await dialog.getByRole('button', { name: tr.notes.saveAnyway }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByText('Benim sürümüm.')).toBeVisible();
  const versions = await api<Array<{ version: number; body: string }>>(app, 'notes.versions', { noteId: first.id });
  expect(versions[0]).toMatchObject({ version: 4, body: 'Benim sürümüm.' });
});
