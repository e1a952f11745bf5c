/**
 * Issue 15: the office's letterhead in Administration, with a live preview of
 * the letterhead as it prints (drawn in the renderer from the form as typed),
 * saved through office.update (the same setting `kalkan office` writes), a
 * logo chosen as a file (PNG/JPEG, size-checked).
 */
import AxeBuilder from '@axe-core/playwright';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { pngImage } from '../fixtures/images';
import { api, expect, OFFICE, test } from './fixtures';

interface OfficeView {
  name: string | null;
  institution: string | null;
  public: boolean;
  address: string | null;
  phone: string | null;
  kep: string | null;
  province: string | null;
  district: string | null;
  fileCode: string | null;
  printedName: string;
  logo: { mime: string; width: number; height: number } | null;
}

test('an administrator types the letterhead, sees it in the preview as it prints, adds a logo and saves it (tr)', async ({ signedIn: app }) => {
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: tr.admin.tabs.office }).click();
  const panel = app.getByRole('tabpanel', { name: tr.admin.tabs.office });
  const preview = app.getByTestId('letterhead-preview');
  // Before anything is typed: the set-up name, in Turkish capitals, under "T.C." (a public office).
  await expect(preview).toContainText('T.C.');
  await expect(preview).toContainText(OFFICE.toLocaleUpperCase('tr-TR'));

  await panel.getByLabel(tr.admin.office.institution, { exact: true }).fill('Aile ve Sosyal Hizmetler Bakanlığı');
  await panel.getByLabel(tr.admin.office.name, { exact: true }).fill('İstanbul Çocuk Koruma Birimi');
  // The province is one of the 81 (typed folded, picked from the list); choosing it clears the district.
  await panel.getByRole('combobox', { name: tr.admin.office.province, exact: true }).fill('istanbul');
  await app.getByRole('option', { name: 'İstanbul', exact: true }).click();
  await panel.getByRole('combobox', { name: tr.admin.office.district, exact: true }).fill('Beyoğlu');
  await panel.getByLabel(tr.admin.office.address, { exact: true }).fill('Şehit Muhtar Mah. Çiçek Sok. No: 5');
  await panel.getByLabel(tr.admin.office.phone, { exact: true }).fill('0212 555 01 02');
  await panel.getByLabel(tr.admin.office.kep, { exact: true }).fill('beyoglu.ckb@hs01.kep.tr');
  await panel.getByLabel(tr.admin.office.fileCode, { exact: true }).fill('E-12345678-105.01');
  // Live: the preview follows the typing, before saving.
  await expect(preview).toContainText('AİLE VE SOSYAL HİZMETLER BAKANLIĞI');
  await expect(preview).toContainText('İSTANBUL ÇOCUK KORUMA BİRİMİ');
  await expect(preview).toContainText('Beyoğlu / İstanbul');
  await expect(preview).toContainText(`${tr.documents.letter.number}: E-12345678-105.01-KLK-2026-000123`);
  await expect(preview).toContainText(`Şehit Muhtar Mah. Çiçek Sok. No: 5  ·  ${tr.documents.letterhead.phone}: 0212 555 01 02  ·  ${tr.documents.letterhead.kep}: beyoglu.ckb@hs01.kep.tr`);
  const isPublic = panel.getByRole('checkbox', { name: tr.admin.office.public });
  await expect(isPublic).toBeChecked();
  await panel.getByText(tr.admin.office.public).click();
  await expect(isPublic).not.toBeChecked();
  await expect(preview).not.toContainText('T.C.');
  await panel.getByText(tr.admin.office.public).click();
  await expect(preview).toContainText('T.C.');

  // Not an image: refused on the spot, nothing changes.
  const chooser = app.waitForEvent('filechooser');
  await panel.getByRole('button', { name: tr.admin.office.logoChoose }).click();
  await (await chooser).setFiles({ name: 'logo.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await expect(panel.getByRole('alert')).toContainText(tr.errors.office.logoType);
  await expect(preview.getByRole('img')).toHaveCount(0);
  // A PNG: shown in the preview at once.
  const chooser2 = app.waitForEvent('filechooser');
  await panel.getByRole('button', { name: tr.admin.office.logoChoose }).click();
  await (await chooser2).setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: pngImage(120, 120) });
  await expect(preview.getByRole('img', { name: tr.admin.office.logoAlt })).toBeVisible();

  // Nothing is stored before saving.
  expect((await api<OfficeView>(app, 'office.get')).institution).toBeNull();
  await panel.getByRole('form', { name: tr.admin.office.title }).getByRole('button', { name: tr.common.save }).click();
  await expect(panel.getByRole('status')).toContainText(tr.admin.office.saved);
  const saved = await api<OfficeView>(app, 'office.get');
  expect(saved).toMatchObject({
    name: 'İstanbul Çocuk Koruma Birimi',
    institution: 'Aile ve Sosyal Hizmetler Bakanlığı',
    public: true,
    district: 'Beyoğlu',
    province: 'İstanbul',
    phone: '0212 555 01 02',
    kep: 'beyoglu.ckb@hs01.kep.tr',
    fileCode: 'E-12345678-105.01',
    printedName: 'İstanbul Çocuk Koruma Birimi',
    logo: { mime: 'image/png', width: 120, height: 120 },
  });

  const axe = await new AxeBuilder({ page: app }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.screenshot({ path: 'screenshots/letterhead-tr.png', fullPage: true });

  // A wrong e-mail is refused by core with a translated message; the saved letterhead stays.
  await panel.getByLabel(tr.admin.office.email, { exact: true }).fill('not-an-address');
  await panel.getByRole('form', { name: tr.admin.office.title }).getByRole('button', { name: tr.common.save }).click();
  await expect(panel.getByRole('alert')).toBeVisible();
  await expect(panel.getByRole('status')).toHaveCount(0);
  expect((await api<OfficeView>(app, 'office.get')).kep).toBe('beyoglu.ckb@hs01.kep.tr');
  // Undo brings back what is stored; removing the logo and saving removes it.
  await panel.getByRole('button', { name: tr.admin.office.undo }).click();
  await expect(panel.getByLabel(tr.admin.office.email, { exact: true })).toHaveValue('');
  await panel.getByRole('button', { name: tr.admin.office.logoRemove }).click();
  await expect(preview.getByRole('img')).toHaveCount(0);
  await panel.getByRole('form', { name: tr.admin.office.title }).getByRole('button', { name: tr.common.save }).click();
  await expect(panel.getByRole('status')).toContainText(tr.admin.office.saved);
  expect((await api<OfficeView>(app, 'office.get')).logo).toBeNull();
});

test('the letterhead panel and its preview in English; what `kalkan office` set shows in the form', async ({ signedIn: app }) => {
  await api(app, 'office.update', { institution: 'Aile ve Sosyal Hizmetler Bakanlığı', public: false, province: 'İzmir', district: 'Konak', email: 'konak@example.org', logo: { base64: pngImage(80, 40).toString('base64') } });
  await app.getByRole('radio', { name: 'English' }).click();
  await app.locator('[data-nav="administration"]').click();
  await app.getByRole('tab', { name: en.admin.tabs.office }).click();
  const panel = app.getByRole('tabpanel', { name: en.admin.tabs.office });
  const preview = app.getByTestId('letterhead-preview');
  await expect(panel.getByLabel(en.admin.office.institution, { exact: true })).toHaveValue('Aile ve Sosyal Hizmetler Bakanlığı');
  await expect(panel.getByRole('combobox', { name: en.admin.office.province, exact: true })).toHaveValue('İzmir');
  await expect(preview).not.toContainText('T.C.');
  await expect(preview).toContainText('AİLE VE SOSYAL HİZMETLER BAKANLIĞI');
  await expect(preview).toContainText('Konak / İzmir');
  await expect(preview).toContainText(`${en.documents.letterhead.email}: konak@example.org`);
  await expect(preview.getByRole('img', { name: en.admin.office.logoAlt })).toBeVisible();
  await expect(panel.getByRole('button', { name: en.admin.office.logoReplace })).toBeVisible();
  await expect(app.getByText(en.admin.office.previewHint)).toBeVisible();
  const axe = await new AxeBuilder({ page: app }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.screenshot({ path: 'screenshots/letterhead-en.png', fullPage: true });
});
