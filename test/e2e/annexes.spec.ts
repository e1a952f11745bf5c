/**
 * Ekler in the print dialogs (issue 17): the referral letter's dialog lists the
 * case's attachments to tick and offers to append the chosen PDFs; the printed
 * file then has the letter's pages plus the appended PDF's page.
 */
import type { Page } from '@playwright/test';
import type { DocumentResult } from '../../shared/api/methods/documents';
import type { Institution, Referral } from '../../shared/api/schemas/referrals';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { samplePdf, samplePng } from '../../electron/core/attachments/samples';
import { api, expect, test } from './fixtures';

const ui = tr.documents.ui;

async function caseWithReferral(page: Page): Promise<{ caseId: number; referral: Referral }> {
  const kase = await api<{ id: number }>(page, 'cases.create', {
    household: { name: 'Öztürk-Işıkgöz ailesi', city: 'İstanbul' },
    members: [
      { person: { firstName: 'Çağla İpek', lastName: 'Öztürk-Işıkgöz', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Gülşen', lastName: 'Işıkgöz', birthYear: 1988, sex: 'female' }, role: 'caregiver', relationship: 'mother', offending: false, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni bildirdi.' },
  });
  const institutions = await api<Institution[]>(page, 'institutions.list', { q: 'isadem' });
  const file = await api<{ members: Array<{ role: string; person: { id: number } }> }>(page, 'cases.get', { caseId: kase.id });
  const mother = file.members.find((m) => m.role === 'caregiver')!.person.id;
  const referral = await api<Referral>(page, 'referrals.create', {
    caseId: kase.id,
    institutionId: institutions[0]!.id,
    services: ['individual_counselling'],
    reason: 'Çocuk için bireysel psikolojik destek.',
    consent: { givenByPersonId: mother, method: 'written', on: new Date().toISOString().slice(0, 10) },
    sharedSections: ['identity'],
  });
  await api(page, 'referrals.send', { id: referral.id });
  return { caseId: kase.id, referral };
}

test('the referral letter lists the ticked attachments under Ekler and appends the chosen PDF', async ({ signedIn: app }, testInfo) => {
  const { caseId } = await caseWithReferral(app);
  await api(app, 'attachments.add', { caseId, fileName: 'onam-formu.pdf', base64: samplePdf(['Onam formu']).toString('base64') });
  await api(app, 'attachments.add', { caseId, fileName: 'ev-ziyareti.png', base64: samplePng(40, 30, [[200, 40, 40]]).toString('base64') });
  await app.goto(`${new URL(app.url()).origin}/#/cases/${caseId}`);
  await app.getByRole('tab', { name: tr.cases.tabs.referrals }).click();
  await app.getByRole('button', { name: ui.referral.button }).click();
  const dialog = app.getByRole('dialog', { name: ui.referral.title });
  const picker = dialog.getByRole('group', { name: ui.annex.label });
  await expect(picker.getByRole('checkbox')).toHaveCount(2);
  const append = dialog.getByRole('checkbox', { name: ui.annex.append });
  await expect(append).toBeDisabled();
  // Keyboard: tick the PDF with the space bar, then the append option.
  await picker.getByRole('checkbox', { name: 'onam-formu.pdf' }).focus();
  await app.keyboard.press('Space');
  await expect(append).toBeEnabled();
  await append.press('Space');
  await expect(append).toBeChecked();
  await expect(dialog.getByText(ui.annex.appendHint)).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('annex-dialog-tr.png') });

  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByText(/Belge no KLK-\d{4}-\d{6}/)).toBeVisible({ timeout: 30_000 });
  // The preview's line says the final file's pages: the letter's own pages plus the PDF's one page.
  const referralId = (await api<Referral[]>(app, 'referrals.listForCase', { caseId }))[0]!.id;
  const letterOnly = await api<DocumentResult>(app, 'documents.referralLetter', { referralId, language: 'tr', attachmentIds: [] });
  await expect(dialog.getByText(new RegExp(`Belge no KLK-\\d{4}-\\d{6} · ${letterOnly.pages + 1} sayfa`))).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('annex-printed-tr.png') });
  await dialog.getByRole('button', { name: ui.close }).click();
  expect(en.documents.ui.annex.append).toContain('Append');
});
