/**
 * Transfer to another office in the app (issue 17). The office in the browser exports its
 * transfer key (Administration → Transfer key); choosing that same key to send one of its own
 * cases is refused as the same office. A second office — a second vault made in the test through
 * the API — sends a case to the first one's key; the import screen shows the preview (sender
 * fingerprint, counts, the duplicate check) and creates the case, which shows where it came
 * from. Turkish and English screenshots, axe on every screen, keyboard for the import.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { call } from '../../electron/core/call';
import { createCore } from '../../electron/core/createCore';
import { silentLogger } from '../../electron/core/log';
import { newClientState } from '../../electron/core/session';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { ADMIN, api, expect, test } from './fixtures';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

/** A second office in its own vault: one case with a note, sent (requested and approved) to `pub`. */
async function sendingOffice(dir: string, pub: string): Promise<{ file: string; merge: string; fingerprint: string; pub: string }> {
  const core = createCore({ dataDir: mkdtempSync(join(tmpdir(), 'kalkan-e2e-b-')), log: silentLogger, kdf: TEST_KDF });
  const client = newClientState();
  await call(core.router, client, 'setup.create', { officeName: 'Çankaya Çocuk Koruma Birimi', username: ADMIN.username, displayName: 'Can Yönetici', password: ADMIN.password });
  await call(core.router, client, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const own = join(dir, 'cankaya.pub');
  const key = await call(core.router, client, 'transfers.exportOfficeKey', { path: own });
  const kase = (await call(core.router, client, 'cases.create', {
    household: { name: 'Şahin ailesi', city: 'Ankara' },
    members: [
      { person: { firstName: 'Elif', lastName: 'Şahin', birthDate: '2015-09-12', sex: 'female' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Gülay', lastName: 'Şahin', birthYear: 1987, sex: 'female' }, role: 'caregiver', relationship: 'mother', offending: false, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul bildirdi.' },
  })) as { id: number };
  await call(core.router, client, 'notes.add', { caseId: kase.id, type: 'home_visit', occurredAt: '2026-03-02T10:00', body: 'Ev ziyareti yapıldı.' });
  const request = await call(core.router, client, 'transfers.request', { caseId: kase.id, sections: ['notes', 'assessments', 'referrals'], attachmentIds: [], keyFile: pub });
  const file = join(dir, 'sahin.kcase');
  await call(core.router, client, 'transfers.approve', { caseId: kase.id, requestId: request.id, out: file });
  // A second case whose child this office already has (same name and birth date): to merge.
  const same = (await call(core.router, client, 'cases.create', {
    household: { name: 'Öztürk ailesi', city: 'Ankara' },
    members: [{ person: { firstName: 'Çağla', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-03-03T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Yeni okul bildirdi.' },
  })) as { id: number };
  await call(core.router, client, 'notes.add', { caseId: same.id, type: 'phone_call', occurredAt: '2026-03-04T10:00', body: 'Yeni okulla görüşüldü.' });
  const second = await call(core.router, client, 'transfers.request', { caseId: same.id, sections: ['notes'], attachmentIds: [], keyFile: pub });
  const merge = join(dir, 'ozturk-ankara.kcase');
  await call(core.router, client, 'transfers.approve', { caseId: same.id, requestId: second.id, out: merge });
  await call(core.router, client, 'auth.signOut', {});
  return { file, merge, fingerprint: key.fingerprint, pub: own };
}

test('transfer key, own key refused, import preview and a new case from another office; both languages', async ({ signedIn: app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'kalkan-e2e-transfer-'));
  const origin = new URL(app.url()).origin;
  const t = tr.transfers;

  // Administration → Office: the transfer key, exported to a typed path (the harness has no dialogs).
  await app.goto(`${origin}/#/administration`);
  await app.getByRole('tab', { name: tr.admin.tabs.office }).click();
  const panel = app.getByRole('region', { name: t.key.title });
  await expect(panel.getByText(t.key.none)).toBeVisible();
  const pub = join(dir, 'beyoglu.pub');
  await panel.getByLabel(t.key.file).fill(pub);
  await panel.getByRole('button', { name: t.key.export }).click();
  await expect(panel.getByText(fill(t.key.written, { file: pub }))).toBeVisible();
  const fingerprint = (JSON.parse(readFileSync(pub, 'utf8')) as { fingerprint: string }).fingerprint;
  await expect(panel.locator('.fingerprint')).toHaveText(fingerprint);
  await panel.scrollIntoViewIfNeeded();
  await app.screenshot({ path: 'test-results/transfer-key-tr.png' });
  expect(await axe(app)).toEqual([]);

  // A case of this office, sent to this office's own key: refused as the same office.
  const kase = await api<{ id: number; caseNumber: string }>(app, 'cases.create', {
    household: { name: 'Öztürk ailesi', city: 'İstanbul' },
    members: [{ person: { firstName: 'Çağla', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni bildirdi.' },
  });
  await app.goto(`${origin}/#/cases/${kase.id}`);
  await app.getByRole('button', { name: t.start }).click();
  const dialog = app.getByRole('dialog', { name: fill(t.title, { case: await app.locator('.case-number').innerText() }) });
  await expect(dialog.getByRole('checkbox', { name: t.section.notes })).toBeChecked();
  await dialog.getByLabel(t.keyFile).fill(pub);
  await dialog.getByRole('button', { name: t.readKey }).click();
  await expect(dialog.getByRole('alert')).toContainText(tr.errors.transfer.sameOffice);
  await expect(dialog.getByRole('button', { name: t.ask })).toBeDisabled();
  await app.screenshot({ path: 'test-results/transfer-request-tr.png' });
  expect(await axe(app)).toEqual([]);
  await dialog.getByRole('button', { name: tr.common.cancel }).click();

  // Another office sends a case to this office's key.
  const sent = await sendingOffice(dir, pub);
  expect(sent.fingerprint).not.toBe(fingerprint);

  // The import screen, by keyboard: file, preview, create.
  await app.goto(`${origin}/#/cases`);
  await app.getByRole('link', { name: t.importLink }).click();
  await expect(app.getByRole('heading', { level: 1, name: t.import.title })).toBeVisible();
  await app.getByLabel(t.import.file).fill(sent.file);
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: t.import.preview })).toBeFocused();
  await app.keyboard.press('Enter');
  const preview = app.locator('.transfer-preview');
  await expect(preview.getByRole('heading', { name: t.import.whatArrives })).toBeVisible();
  await expect(preview.getByText(sent.fingerprint)).toBeVisible();
  await expect(preview.getByText('Çankaya Çocuk Koruma Birimi')).toBeVisible();
  await expect(preview).toContainText(fill(t.import.countsText, { people: 2, notes: 1, assessments: 0, referrals: 0, attachments: 0 }));
  await expect(preview.getByRole('row', { name: /Elif Şahin/ })).toContainText(t.import.noMatch);
  await expect(preview.getByRole('radio', { name: t.import.asNew })).toBeChecked();
  await expect(preview.getByText(t.import.noMergeTarget)).toBeVisible();
  await app.screenshot({ path: 'test-results/transfer-import-preview-tr.png', fullPage: true });
  expect(await axe(app)).toEqual([]);

  // English.
  await app.getByRole('radio', { name: 'English' }).click();
  await expect(preview.getByRole('heading', { name: en.transfers.import.whatArrives })).toBeVisible();
  await expect(preview.getByText(en.transfers.import.newExplained)).toBeVisible();
  await app.screenshot({ path: 'test-results/transfer-import-preview-en.png', fullPage: true });
  expect(await axe(app)).toEqual([]);

  // Create: a new case here, which says where it came from.
  await preview.getByRole('button', { name: en.transfers.import.createCase }).click();
  const done = app.getByText(/The case from Çankaya Çocuk Koruma Birimi was created as case/);
  await expect(done).toBeVisible();
  await app.getByRole('link', { name: en.transfers.import.openCase }).click();
  await expect(app.getByRole('heading', { level: 1, name: /Elif Şahin/ })).toBeVisible();
  await expect(app.getByText(/This case was received by transfer from Çankaya Çocuk Koruma Birimi/)).toBeVisible();
  await expect(app.getByText(fill(en.transfers.receivedCounts, { notes: 1, assessments: 0, attachments: 0, referrals: 0 }))).toBeVisible();
  await app.screenshot({ path: 'test-results/transfer-received-en.png' });
  expect(await axe(app)).toEqual([]);
  await app.getByRole('tab', { name: /^Notes/ }).click();
  await expect(app.locator('.note').filter({ hasText: 'Ev ziyareti yapıldı.' })).toContainText(fill(en.transfers.fromTag, { office: 'Çankaya Çocuk Koruma Birimi' }));

  // The same file again: refused as already imported.
  await app.goto(`${origin}/#/cases/import`);
  await app.getByLabel(en.transfers.import.file).fill(sent.file);
  await app.getByRole('button', { name: en.transfers.import.preview }).click();
  await expect(app.getByRole('alert')).toContainText(en.errors.transfer.replayed);

  // The second file's child is this office's Çağla Öztürk: merged into her case, appended, nothing overwritten.
  await app.getByLabel(en.transfers.import.file).fill(sent.merge);
  await app.getByRole('button', { name: en.transfers.import.preview }).click();
  await expect(preview.getByRole('row', { name: /Çağla Öztürk/ })).toContainText('Çağla Öztürk (similarity 100%)');
  const caseNumber = '2026/0001';
  const mergeChoice = preview.getByRole('radio', { name: new RegExp(`^Merge into case ${caseNumber}`) });
  // By keyboard: from "Create a new case" to the merge choice.
  await preview.getByRole('radio', { name: en.transfers.import.asNew }).focus();
  await app.keyboard.press('ArrowDown');
  await expect(mergeChoice).toBeChecked();
  await expect(preview.getByText(en.transfers.import.mergeExplained)).toBeVisible();
  await app.screenshot({ path: 'test-results/transfer-merge-en.png', fullPage: true });
  expect(await axe(app)).toEqual([]);
  await preview.getByRole('button', { name: en.transfers.import.merge }).click();
  await expect(app.getByText(fill(en.transfers.import.doneMerged, { office: 'Çankaya Çocuk Koruma Birimi', case: caseNumber }))).toBeVisible();
  await app.getByRole('link', { name: en.transfers.import.openCase }).click();
  await expect(app.getByText(/was merged into this case/)).toBeVisible();
  await expect(app.getByRole('heading', { level: 1, name: /Çağla Öztürk/ })).toBeVisible();
  await expect(app.getByText('Öztürk ailesi')).toBeVisible();
  await app.getByRole('tab', { name: /^Notes/ }).click();
  await expect(app.locator('.note').filter({ hasText: 'Yeni okulla görüşüldü.' })).toContainText(fill(en.transfers.fromTag, { office: 'Çankaya Çocuk Koruma Birimi' }));

  // This office's case, asked to go to the other office; the supervisor approves it on the dashboard.
  const request = await api<{ id: number }>(app, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [], keyFile: sent.pub });
  expect(request.id).toBeGreaterThan(0);
  await app.goto(`${origin}/#/dashboard`);
  const pending = app.locator('.pending-transfers');
  await expect(pending.getByRole('heading', { name: new RegExp(en.transfers.pendingTitle) })).toBeVisible();
  await expect(pending).toContainText(sent.fingerprint);
  await app.screenshot({ path: 'test-results/transfer-pending-en.png', fullPage: true });
  expect(await axe(app)).toEqual([]);

  // Rejected first, in the shared reason dialog: the reason has the focus, an empty one is "Required field".
  await pending.getByRole('button', { name: new RegExp(`^${en.transfers.reject}`) }).click();
  const reject = app.getByRole('dialog', { name: fill(en.transfers.rejectTitle, { case: kase.caseNumber }) });
  await expect(reject.locator('.fingerprint')).toHaveText(sent.fingerprint);
  const rejectReason = reject.getByRole('textbox', { name: en.transfers.rejectReason });
  await expect(rejectReason).toBeFocused();
  await reject.getByRole('button', { name: en.transfers.reject }).click();
  await expect(reject.locator('.field-error')).toHaveText(en.common.requiredField);
  await expect(pending).toContainText(sent.fingerprint);
  expect(await axe(app)).toEqual([]);
  await rejectReason.fill('The receiving office asked for the court file first.');
  await expect(reject.locator('.field-error')).toHaveCount(0);
  await reject.getByRole('button', { name: en.transfers.reject }).click();
  await expect(pending.getByRole('status')).toHaveText(fill(en.transfers.rejected, { case: kase.caseNumber }));
  await expect(pending.getByText(en.transfers.nonePending)).toBeVisible();

  // Asked again, then approved.
  await api(app, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [], keyFile: sent.pub });
  await app.goto(`${origin}/#/cases`);
  await app.goto(`${origin}/#/dashboard`);
  await expect(pending).toContainText(sent.fingerprint);
  await pending.getByRole('button', { name: new RegExp(`^${en.transfers.approve}`) }).click();
  const approve = app.getByRole('dialog');
  await expect(approve.locator('.fingerprint')).toHaveText(sent.fingerprint);
  const out = join(dir, 'ozturk.kcase');
  await approve.getByLabel(en.transfers.outFile).fill(out);
  expect(await axe(app)).toEqual([]);
  await approve.getByRole('button', { name: en.transfers.approve }).click();
  await expect(pending.getByRole('status').filter({ hasText: out })).toBeVisible();
  await expect(pending.getByText(en.transfers.nonePending)).toBeVisible();
  expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ receiver: { fingerprint: sent.fingerprint }, sender: { fingerprint } });
  await app.goto(`${origin}/#/cases/${kase.id}`);
  await expect(app.getByText(/This case was transferred to Çankaya Çocuk Koruma Birimi/)).toBeVisible();
  await expect(app.getByRole('button', { name: en.transfers.start })).toHaveCount(0);
});
