/**
 * Attachments in the case file (issue 17): add a file with the picker, see its SHA-256,
 * preview an image and a PDF from bytes the router hands over (blob: URL, no file://), a
 * refused type said clearly; screenshots of the preview in Turkish and English.
 */
import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { samplePdf, samplePng } from '../../electron/core/attachments/samples';
import { api, expect, test } from './fixtures';

const axe = async (page: Page) => {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
};

async function createCase(page: Page): Promise<{ id: number }> {
  return api(page, 'cases.create', {
    household: { name: 'Öztürk ailesi', city: 'İstanbul' },
    members: [{ person: { firstName: 'Çağla', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
    intake: { receivedAt: '2026-03-01T08:30', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni bildirdi.' },
  });
}

test('add attachments with the picker, preview an image and a PDF, a wrong type refused; both languages', async ({ signedIn: app }) => {
  const kase = await createCase(app);
  await app.goto(`${new URL(app.url()).origin}/#/cases/${kase.id}?tab=attachments`);
  const t = tr.attachments;
  await expect(app.getByRole('tab', { name: tr.cases.tabs.attachments, selected: true })).toBeVisible();
  await expect(app.getByText(t.empty)).toBeVisible();

  const png = samplePng(480, 320, [[200, 60, 60], [240, 200, 80], [60, 160, 90], [50, 90, 200]]);
  const input = app.locator('input[type=file]');
  await input.setInputFiles({ name: 'morluk-fotografi.png', mimeType: 'image/png', buffer: png });
  await expect(app.getByRole('status').filter({ hasText: t.added.replace('{{name}}', 'morluk-fotografi.png') })).toBeVisible();
  const row = app.getByRole('row').filter({ hasText: 'morluk-fotografi.png' });
  await expect(row).toContainText(createHash('sha256').update(png).digest('hex').slice(0, 16));

  await input.setInputFiles({ name: 'okul-raporu.pdf', mimeType: 'application/pdf', buffer: samplePdf(['Okul raporu', 'Kalkan']) });
  await expect(app.getByRole('row').filter({ hasText: 'okul-raporu.pdf' })).toBeVisible();

  // A text file renamed to .pdf is refused by its bytes, with the reason.
  await input.setInputFiles({ name: 'sahte.pdf', mimeType: 'application/pdf', buffer: Buffer.from('merhaba') });
  await expect(app.getByRole('alert')).toContainText(tr.errors.attachments.type);

  // Preview of the image: shown from a blob: URL.
  await row.getByRole('button', { name: `${t.preview}: morluk-fotografi.png` }).click();
  const dialog = app.getByRole('dialog', { name: t.previewTitle.replace('{{name}}', 'morluk-fotografi.png') });
  const image = dialog.getByRole('img', { name: 'morluk-fotografi.png' });
  await expect(image).toBeVisible();
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
  await app.screenshot({ path: 'test-results/attachment-preview-tr.png' });
  await dialog.getByRole('button', { name: t.close }).click();
  await expect(dialog).toBeHidden();

  // The PDF opens in the inline viewer frame, also from a blob: URL.
  await app.getByRole('row').filter({ hasText: 'okul-raporu.pdf' }).getByRole('button', { name: `${t.preview}: okul-raporu.pdf` }).click();
  const pdfDialog = app.getByRole('dialog', { name: t.previewTitle.replace('{{name}}', 'okul-raporu.pdf') });
  expect(await pdfDialog.locator('iframe.pdf-frame').getAttribute('src')).toMatch(/^blob:/);
  await pdfDialog.getByRole('button', { name: t.close }).click();

  // English.
  await app.getByRole('radio', { name: 'English' }).click();
  await expect(app.getByRole('tab', { name: en.cases.tabs.attachments, selected: true })).toBeVisible();
  await app.getByRole('row').filter({ hasText: 'morluk-fotografi.png' }).getByRole('button', { name: `${en.attachments.preview}: morluk-fotografi.png` }).click();
  const enDialog = app.getByRole('dialog', { name: en.attachments.previewTitle.replace('{{name}}', 'morluk-fotografi.png') });
  await expect(enDialog.getByRole('img', { name: 'morluk-fotografi.png' })).toBeVisible();
  await app.screenshot({ path: 'test-results/attachment-preview-en.png' });
  await enDialog.getByRole('button', { name: en.attachments.close }).click();
  await app.screenshot({ path: 'test-results/attachments-list-en.png', fullPage: true });

  // Every preview was audited.
  const audit = await api<{ rows: Array<{ action: string }> }>(app, 'audit.list', { action: 'attachment.viewed' });
  expect(audit.rows.length).toBe(3);
});

for (const [language, c] of [
  ['tr', tr],
  ['en', en],
] as const) {
  test(`delete an attachment: the shared reason dialog asks for a reason first, Escape keeps the file, a refusal is translated (${language})`, async ({ signedIn: app }) => {
    if (language === 'en') await app.getByRole('radio', { name: 'English' }).click();
    const kase = await createCase(app);
    await app.goto(`${new URL(app.url()).origin}/#/cases/${kase.id}?tab=attachments`);
    const t = c.attachments;
    const input = app.locator('input[type=file]');
    await input.setInputFiles({ name: 'okul-raporu.pdf', mimeType: 'application/pdf', buffer: samplePdf(['Okul raporu']) });
    await input.setInputFiles({ name: 'ikinci-rapor.pdf', mimeType: 'application/pdf', buffer: samplePdf(['İkinci rapor']) });
    const row = app.getByRole('row').filter({ hasText: 'okul-raporu.pdf' });
    await expect(row).toBeVisible();
    const listed = async () => (await api<{ items: Array<{ fileName: string; deleted: unknown }> }>(app, 'attachments.list', { caseId: kase.id })).items.filter((a) => !a.deleted).map((a) => a.fileName).sort();

    // Opened: the reason field has the focus; the confirm button names the action.
    await row.getByRole('button', { name: `${t.delete}: okul-raporu.pdf` }).click();
    const dialog = app.getByRole('dialog', { name: t.deleteTitle });
    const reason = dialog.getByRole('textbox', { name: t.deleteReason });
    await expect(reason).toBeFocused();
    await expect(dialog).toContainText('okul-raporu.pdf');

    // Empty: "Zorunlu alan" / "Required field" at the field, nothing sent, the focus stays there.
    await dialog.getByRole('button', { name: t.deleteConfirm }).click();
    const required = dialog.locator('.field-error').filter({ hasText: c.common.requiredField });
    await expect(required).toBeVisible();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toBeFocused();
    expect(await listed()).toEqual(['ikinci-rapor.pdf', 'okul-raporu.pdf']);
    // Blank is empty too.
    await reason.fill('   ');
    await dialog.getByRole('button', { name: t.deleteConfirm }).click();
    await expect(required).toBeVisible();
    expect(await axe(app)).toEqual([]);
    await dialog.screenshot({ path: `screenshots/reason-dialog-required-${language}.png` });
    // Typing clears it.
    await reason.pressSequentially('Yanl');
    await expect(required).toHaveCount(0);
    await expect(reason).not.toHaveAttribute('aria-invalid', 'true');

    // Escape cancels: the file stays; opened again, the reason starts empty.
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await listed()).toEqual(['ikinci-rapor.pdf', 'okul-raporu.pdf']);
    await row.getByRole('button', { name: `${t.delete}: okul-raporu.pdf` }).click();
    await expect(reason).toBeFocused();
    await expect(reason).toHaveValue('');

    // What the core refuses is said in the user's language, and the dialog stays open.
    const other = (await api<{ items: Array<{ id: number; fileName: string }> }>(app, 'attachments.list', { caseId: kase.id })).items.find((a) => a.fileName === 'okul-raporu.pdf')!;
    await api(app, 'attachments.delete', { attachmentId: other.id, reason: 'Başka bir pencereden silindi.' });
    await reason.fill('Yanlış vakaya eklenmiş.');
    await dialog.getByRole('button', { name: t.deleteConfirm }).click();
    await expect(dialog.getByRole('alert')).toHaveText(c.errors.attachments.deleted);
    await dialog.screenshot({ path: `screenshots/reason-dialog-refused-${language}.png` });
    await dialog.getByRole('button', { name: t.cancel }).click();
    await expect(dialog).toBeHidden();

    // A reason given: the other file goes, with it.
    const second = app.getByRole('row').filter({ hasText: 'ikinci-rapor.pdf' });
    await second.getByRole('button', { name: `${t.delete}: ikinci-rapor.pdf` }).click();
    await reason.fill('Aynı rapor iki kez eklenmiş.');
    await dialog.getByRole('button', { name: t.deleteConfirm }).click();
    await expect(dialog).toBeHidden();
    await expect(second).toContainText('Aynı rapor iki kez eklenmiş.');
    expect(await listed()).toEqual([]);
  });
}
