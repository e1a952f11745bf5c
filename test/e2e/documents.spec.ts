/**
 * Printing documents from the case file: the social inquiry report (what is
 * missing said at once, the stored draft, progress, preview with its document number), the
 * refusal for a case without an assessment, an assessment summary from the
 * risk tab, and a referral letter from the referrals tab.
 */
import type { Page } from '@playwright/test';
import type { AssessmentRecord } from '../../shared/api/schemas/assessments';
import type { Institution, Referral } from '../../shared/api/schemas/referrals';
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { unansweredDomains } from '../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import { api, expect, test } from './fixtures';

const ui = tr.documents.ui;
const DOCUMENT_NUMBER = /Belge no KLK-\d{4}-\d{6}/;

async function createCase(page: Page): Promise<{ id: number; caseNumber: string }> {
  return api(page, 'cases.create', {
    household: { name: 'Öztürk-Işıkgöz ailesi', city: 'İstanbul' },
    members: [
      { person: { firstName: 'Çağla İpek', lastName: 'Öztürk-Işıkgöz', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Gülşen', lastName: 'Işıkgöz', birthYear: 1988, sex: 'female' }, role: 'caregiver', relationship: 'mother', offending: false, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni çocuğun kolunda morluklar gördü.' },
  });
}

async function assess(page: Page, caseId: number): Promise<AssessmentRecord> {
  const high = INSTRUMENT.domains.filter((d) => d.kind === 'harm').flatMap((d) => d.criteria).find((c) => c.level === 'high' && !c.mayBeHigher)!;
  return api(page, 'assessments.create', { caseId, criteria: [high.id], screened: unansweredDomains(INSTRUMENT, [high.id]), finalLevel: 'high', summary: 'Anne koruyucu davranıyor.' });
}

const openCase = (page: Page, id: number) => page.goto(`${new URL(page.url()).origin}/#/cases/${id}`);

test('the social inquiry report: what is missing said at once, the draft kept, then the preview with its document number', async ({ signedIn: app }) => {
  const kase = await createCase(app);
  await assess(app, kase.id);
  await openCase(app, kase.id);
  await app.getByRole('button', { name: ui.courtReport.button }).first().click();
  const dialog = app.getByRole('dialog', { name: ui.courtReport.title });
  await expect(dialog).toBeVisible();
  // Before anything is typed, the dialog says what the report still lacks.
  const missing = ui.courtReport.stillMissing.replace('{{list}}', `${ui.courtReport.gap.opinion}, ${ui.courtReport.gap.recommendation}`);
  await expect(dialog.getByRole('status').filter({ hasText: missing })).toBeVisible();

  // Both texts are required.
  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByRole('alert')).toHaveText(ui.courtReport.missing);

  await dialog.getByLabel(ui.courtReport.field.opinion).fill('Çocuğun annesinin yanında kalması yüksek yararınadır.');
  await dialog.getByLabel(ui.courtReport.field.recommendation).fill('Bireysel danışmanlık tedbirinin altı ay uzatılması önerilir.');
  await dialog.getByLabel(ui.courtReport.field.childViews).fill('“Annemle kalmak istiyorum.”');
  await dialog.getByText(tr.documents.court.measure.counselling).click();
  await dialog.getByRole('button', { name: ui.courtReport.saveDraft }).click();
  await expect(dialog.getByText(ui.courtReport.saved.replace('{{version}}', '1'))).toBeVisible();
  await app.screenshot({ path: 'test-results/court-report-dialog.png', fullPage: true });
  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByText(DOCUMENT_NUMBER)).toBeVisible({ timeout: 30_000 });
  await expect(dialog.locator('iframe.pdf-frame')).toBeVisible();
  await expect(dialog.getByRole('link', { name: tr.documents.save })).toHaveAttribute('download', /^sosyal-inceleme-raporu-KLK-\d{4}-\d{6}\.pdf$/);
  await dialog.getByRole('button', { name: ui.close }).click();
  await expect(dialog).toBeHidden();

  // Opened again: the stored draft is back, nothing to retype.
  await app.getByRole('button', { name: ui.courtReport.button }).first().click();
  await expect(dialog.getByLabel(ui.courtReport.field.opinion)).toHaveValue('Çocuğun annesinin yanında kalması yüksek yararınadır.');
  await expect(dialog.getByLabel(ui.courtReport.field.childViews)).toHaveValue('“Annemle kalmak istiyorum.”');
  await dialog.getByRole('button', { name: tr.common.cancel }).click();
});

test('a case without a risk assessment: the report says what is missing before anything is typed', async ({ signedIn: app }) => {
  const kase = await createCase(app);
  await openCase(app, kase.id);
  await app.getByRole('button', { name: ui.courtReport.button }).first().click();
  const dialog = app.getByRole('dialog', { name: ui.courtReport.title });
  await expect(dialog.getByRole('alert')).toContainText(ui.courtReport.gap.assessment);
  await dialog.getByLabel(ui.courtReport.field.opinion).fill('Görüş.');
  await dialog.getByLabel(ui.courtReport.field.recommendation).fill('Öneri.');
  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByRole('alert').last()).toHaveText(tr.errors.documents.courtReportNoAssessment);
  await dialog.getByRole('button', { name: tr.common.cancel }).click();
});

test('an assessment summary from the risk tab, in English with a password', async ({ signedIn: app }) => {
  const kase = await createCase(app);
  await assess(app, kase.id);
  await openCase(app, kase.id);
  await app.getByRole('tab', { name: tr.cases.tabs.risk }).click();
  await app.getByRole('button', { name: ui.assessment.button }).click();
  const dialog = app.getByRole('dialog', { name: ui.assessment.title });
  await dialog.getByRole('button', { name: new RegExp(ui.language) }).click();
  await app.getByRole('option', { name: ui.languageName.en }).click();
  await dialog.getByText(ui.protect).click();
  await dialog.getByLabel(ui.password, { exact: false }).first().fill('kisa');
  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByRole('alert')).toHaveText(ui.passwordShort.replace('{{min}}', '8'));
  await dialog.getByLabel(ui.password, { exact: false }).first().fill('Uzun-Şifre-2026');
  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByText(DOCUMENT_NUMBER)).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText(ui.protectedNote)).toBeVisible();
  await dialog.getByRole('button', { name: ui.close }).click();
});

test('a generated passphrase: five Turkish words shown once in the dialog, used as the PDF password', async ({ signedIn: app }) => {
  const kase = await createCase(app);
  await assess(app, kase.id);
  await openCase(app, kase.id);
  await app.getByRole('tab', { name: tr.cases.tabs.risk }).click();
  await app.getByRole('button', { name: ui.assessment.button }).click();
  const dialog = app.getByRole('dialog', { name: ui.assessment.title });
  await dialog.getByText(ui.protect).click();
  await dialog.getByRole('button', { name: ui.suggestPassphrase }).click();
  const shown = dialog.getByTestId('generated-passphrase');
  const phrase = (await shown.textContent()) ?? '';
  expect(phrase).toMatch(/^[a-z]{3,9}(-[a-z]{3,9}){4}$/);
  await expect(dialog.getByLabel(ui.password, { exact: false }).first()).toHaveValue(phrase);
  await dialog.screenshot({ path: 'test-results/passphrase-dialog.png' });
  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByText(DOCUMENT_NUMBER)).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId('generated-passphrase')).toHaveText(phrase);
  await dialog.getByRole('button', { name: ui.close }).click();
  // Shown once: opening the dialog again shows no passphrase.
  await app.getByRole('button', { name: ui.assessment.button }).click();
  await app.getByRole('dialog', { name: ui.assessment.title }).getByText(ui.protect).click();
  await expect(app.getByTestId('generated-passphrase')).toHaveCount(0);
});

test('a referral letter from the referrals tab', async ({ signedIn: app }) => {
  const kase = await createCase(app);
  const institutions = await api<Institution[]>(app, 'institutions.list', { q: 'isadem' });
  const file = await api<{ members: Array<{ role: string; person: { id: number } }> }>(app, 'cases.get', { caseId: kase.id });
  const mother = file.members.find((m) => m.role === 'caregiver')!.person.id;
  const today = new Date().toISOString().slice(0, 10);
  const referral = await api<Referral>(app, 'referrals.create', {
    caseId: kase.id,
    institutionId: institutions[0]!.id,
    services: ['individual_counselling'],
    reason: 'Çocuk için bireysel psikolojik destek.',
    consent: { givenByPersonId: mother, method: 'written', on: today },
    sharedSections: ['identity'],
  });
  await api(app, 'referrals.send', { id: referral.id });
  await openCase(app, kase.id);
  await app.getByRole('tab', { name: tr.cases.tabs.referrals }).click();
  await app.getByRole('button', { name: ui.referral.button }).click();
  const dialog = app.getByRole('dialog', { name: ui.referral.title });
  await dialog.getByRole('button', { name: ui.create }).click();
  await expect(dialog.getByText(DOCUMENT_NUMBER)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: ui.close }).click();
});
