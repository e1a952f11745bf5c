/**
 * Ekler (issue 17) and the KEP addresses of the official letter (issue 15):
 * the referral letter and the social inquiry report list the chosen
 * attachments under "Ekler" / "Attachments", append the chosen PDFs (every
 * appended page stamped "Ek-n: name · number · Sayfa i / k"), register the
 * hash and page count of the final file, and the letter prints the office's
 * KEP in its footer and the institution's KEP in the addressee block.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../shared/api/methods/documents';
import type { Institution } from '../../shared/api/schemas/referrals';
import { translator } from '../../shared/i18n';
import type { Language } from '../../shared/i18n/languages';
import { samplePng } from '../../electron/core/attachments/samples';
import { findDocument } from '../../electron/core/documents/documentsRepo';
import { documentCase, type DocumentCase } from '../fixtures/documentCase';
import { pdfPages, qpdfCheck } from '../fixtures/documents';

const bytesOf = (r: DocumentResult) => Buffer.from(r.bytesBase64, 'base64');
const flat = (text: string) => text.replace(/-\n\s*/g, '-').replace(/\s+/g, ' ');
const LANGS: Language[] = ['tr', 'en'];
const OFFICE_KEP = 'uskudar.ckb@hs01.kep.tr';
const INSTITUTION_KEP = 'isadem@hs02.kep.tr';
const ANNEX_LINES = ['ONAM FORMU - SAYFA', 'Okul devam belgesi - sayfa'];

/** A PDF of `pages` pages, each saying which page it is (ASCII: the standard font). */
async function annexPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i += 1) doc.addPage([595, 842]).drawText(`${ANNEX_LINES[0]} ${i}`, { x: 72, y: 700, size: 16, font });
  return Buffer.from(await doc.save());
}

/** "Sayfa 1 / n" of the document's own frame, read from its first page. */
const ownPages = (first: string, language: Language) => Number(new RegExp(`${language === 'tr' ? 'Sayfa' : 'Page'} 1 / (\\d+)`).exec(first)![1]);

describe('Ekler: attachments listed and appended', () => {
  let d: DocumentCase;
  let consent: { id: number; fileName: string };
  let photo: { id: number; fileName: string };
  beforeAll(async () => {
    d = await documentCase();
    const ayse = await d.as('ayse');
    consent = await d.ok(ayse, 'attachments.add', { caseId: d.caseId, fileName: 'onam-formu-çağrı.pdf', base64: (await annexPdf(3)).toString('base64') });
    photo = await d.ok(ayse, 'attachments.add', { caseId: d.caseId, fileName: 'ev-ziyareti.png', base64: samplePng(40, 30, [[200, 40, 40]]).toString('base64') });
    await d.ok(await d.as('sistem'), 'office.update', { name: 'Üsküdar Çocuk Koruma Birimi', kep: OFFICE_KEP, address: 'Mimar Sinan Mah. No: 3, Üsküdar / İstanbul' });
    const inst = d.institution as Institution;
    await d.ok(await d.as('sistem'), 'institutions.upsert', {
      id: inst.id,
      expectedVersion: inst.version,
      name: inst.name,
      type: inst.type,
      address: inst.address,
      phone: inst.phone,
      email: inst.email,
      contactPerson: inst.contactPerson,
      services: inst.services,
      active: true,
      kep: INSTITUTION_KEP,
    });
  }, 180_000);

  it.each(LANGS)('referral letter (%s): Ekler lists the reply slip and the chosen attachments; the chosen PDF is appended, stamped, and the register holds the final file', async (language) => {
    const t = translator(language);
    const c = await d.as('ayse');
    const referralId = d.referrals.shared.id;
    const listed = await d.ok<DocumentResult>(c, 'documents.referralLetter', { referralId, language, attachmentIds: [consent.id, photo.id] });
    const listedText = flat(pdfPages(bytesOf(listed)).join('\n'));
    expect(listedText).toContain(`${t('documents.letter.attachments')}:`);
    expect(listedText).toContain(t('documents.annex.label', { n: 1, name: t('documents.letter.attachmentSlip') }));
    expect(listedText).toContain(t('documents.annex.label', { n: 2, name: consent.fileName }));
    expect(listedText).toContain(t('documents.annex.label', { n: 3, name: photo.fileName }));
    expect(listedText).not.toContain(t('documents.annex.appended'));
    expect(listedText).not.toContain(ANNEX_LINES[0]);

    const appended = await d.ok<DocumentResult>(c, 'documents.referralLetter', { referralId, language, attachmentIds: [consent.id, photo.id], appendPdfs: true });
    const bytes = bytesOf(appended);
    const pages = pdfPages(bytes);
    const own = ownPages(pages[0]!, language);
    // The letter's own pages, then the 3 pages of the PDF (the PNG is listed only).
    expect(appended.pages).toBe(own + 3);
    expect(pages).toHaveLength(own + 3);
    expect(flat(pages.slice(0, own).join('\n'))).toContain(`${t('documents.annex.label', { n: 2, name: consent.fileName })} ${t('documents.annex.appended')}`);
    pages.slice(own).forEach((text, i) => {
      expect(text).toContain(`${ANNEX_LINES[0]} ${i + 1}`);
      expect(flat(text)).toContain(flat(t('documents.annex.stamp', { n: 2, name: consent.fileName, number: appended.documentNumber, page: i + 1, pages: 3 })));
    });
    const check = qpdfCheck(bytes);
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.status).toBe(0);
    // The register and the answer carry the hash of the final file.
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(appended.sha256).toBe(sha);
    expect(findDocument(d.db(), appended.documentNumber)).toMatchObject({ sha256: sha, pages: own + 3 });
  }, 120_000);

  it('referral letter: appending with a password, an attachment of another case, and an unreadable PDF are refused', async () => {
    const c = await d.as('ayse');
    const referralId = d.referrals.shared.id;
    await d.fails(c, 'documents.referralLetter', { referralId, language: 'tr', attachmentIds: [consent.id], appendPdfs: true, password: 'uzun-bir-parola-42-Kalkan' }, 'documents.annexWithPassword');
    // Listing only is fine with a password.
    await d.ok(c, 'documents.referralLetter', { referralId, language: 'tr', attachmentIds: [consent.id], password: 'uzun-bir-parola-42-Kalkan' });
    await d.fails(c, 'documents.referralLetter', { referralId, language: 'tr', attachmentIds: [999_999] }, 'api.notFound');
    const broken = await d.ok<{ id: number }>(c, 'attachments.add', { caseId: d.caseId, fileName: 'bozuk.pdf', base64: Buffer.from('%PDF-1.7\n% not really a PDF\n%%EOF\n').toString('base64') });
    await d.fails(c, 'documents.referralLetter', { referralId, language: 'tr', attachmentIds: [broken.id], appendPdfs: true }, 'documents.annexUnreadable');
    expect(translator('tr')('errors.documents.annexWithPassword')).toContain('parola');
    expect(translator('en')('errors.documents.annexUnreadable')).toContain('cannot be read');
  }, 120_000);

  it.each(LANGS)('referral letter (%s): the footer prints the office KEP, the addressee block the institution’s KEP', async (language) => {
    const t = translator(language);
    const result = await d.ok<DocumentResult>(await d.as('ayse'), 'documents.referralLetter', { referralId: d.referrals.shared.id, language });
    const pages = pdfPages(bytesOf(result));
    pages.forEach((p) => expect(flat(p)).toContain(`${t('documents.letterhead.kep')}: ${OFFICE_KEP}`));
    // The addressee block, under the institution's name on the first page.
    const first = flat(pages[0]!);
    const addressee = first.indexOf(d.institution.name.toLocaleUpperCase('tr-TR'));
    expect(addressee).toBeGreaterThan(-1);
    expect(first.indexOf(`${t('documents.letterhead.kep')}: ${INSTITUTION_KEP}`, addressee)).toBeGreaterThan(addressee);
  }, 60_000);

  it('social inquiry report: the draft stores the chosen attachments; Ekler lists them and the PDF is appended to the file', async () => {
    const t = translator('tr');
    const c = await d.as('ayse');
    const prep = await d.ok<{ attachments: Array<{ id: number; fileName: string }> }>(c, 'documents.courtReportPrepare', { caseId: d.caseId });
    expect(prep.attachments.map((a) => a.fileName)).toEqual(expect.arrayContaining([consent.fileName, photo.fileName]));
    const saved = await d.ok<{ version: number; content: { attachmentIds: number[]; appendPdfs: boolean } }>(c, 'documents.courtReportSaveDraft', {
      caseId: d.caseId,
      content: { opinion: 'Çocuğun annesinin yanında kalması yararınadır.', recommendation: 'Danışmanlık tedbiri önerilir.', attachmentIds: [photo.id, consent.id], appendPdfs: true },
    });
    expect(saved.content).toMatchObject({ attachmentIds: [photo.id, consent.id], appendPdfs: true });
    // A second print needs nothing retyped: the choice comes from the stored draft.
    const result = await d.ok<DocumentResult>(c, 'documents.courtReport', { caseId: d.caseId, language: 'tr' });
    const bytes = bytesOf(result);
    const pages = pdfPages(bytes);
    const own = ownPages(pages[0]!, 'tr');
    expect(result.pages).toBe(own + 3);
    const report = flat(pages.slice(0, own).join('\n'));
    expect(report).toContain(`${t('documents.annex.title')}:`);
    expect(report).toContain(t('documents.annex.label', { n: 1, name: photo.fileName }));
    expect(report).toContain(`${t('documents.annex.label', { n: 2, name: consent.fileName })} ${t('documents.annex.appended')}`);
    expect(flat(pages[own]!)).toContain(flat(t('documents.annex.stamp', { n: 2, name: consent.fileName, number: result.documentNumber, page: 1, pages: 3 })));
    expect(qpdfCheck(bytes).status).toBe(0);
    expect(findDocument(d.db(), result.documentNumber)).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), pages: own + 3, draftVersion: saved.version });
  }, 180_000);
});
