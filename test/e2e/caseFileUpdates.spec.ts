/**
 * Issue 12: a write on the case file updates the page from the write's reply. The
 * file is loaded (and `case.viewed` written) once when it is opened, not again after
 * each note or service.
 */
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { api, expect, test } from './fixtures';

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
