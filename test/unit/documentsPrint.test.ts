/**
 * The case documents (issue 7) from real data: a case made through the router
 * (test/fixtures/documentCase.ts), printed through the router as a caseworker
 * would, read back with pdftotext and checked with qpdf. Both languages.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../shared/api/methods/documents';
import type { AssessmentRecord } from '../../shared/api/schemas/assessments';
import type { Referral } from '../../shared/api/schemas/referrals';
import { translator } from '../../shared/i18n';
import type { Language } from '../../shared/i18n/languages';
import { deadlineText, dueDates } from '../../shared/risk-tool/deadlines';
import { unansweredDomains } from '../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import { queryAudit, verifyAuditChain } from '../../electron/core/audit/auditLog';
import { documentBlocks } from '../../electron/core/documents/blocks';
import { printDocument } from '../../electron/core/documents/documentService';
import type { Content } from '../../electron/core/documents/pdfTypes';
import { findDocument } from '../../electron/core/documents/documentsRepo';
import { formatDateTime, formatDay } from '../../electron/core/documents/format';
import { intake } from '../fixtures/cases';
import { COURT, documentCase, NAMES, type DocumentCase } from '../fixtures/documentCase';
import { pdfFile, pdfPages, pdftotextRaw, qpdfCheck, qpdfEncryption } from '../fixtures/documents';
import { pngImage } from '../fixtures/images';
import { signedInCore } from '../fixtures/vaults';

const bytesOf = (r: DocumentResult) => Buffer.from(r.bytesBase64, 'base64');
/** Text as one line: pdftotext's line breaks (also after a hyphen that wrapped) become single spaces. */
const flat = (text: string) => text.replace(/-\n\s*/g, '-').replace(/\s+/g, ' ');
const LANGS: Language[] = ['tr', 'en'];
const OPINION = 'Çocuğun annesinin yanında kalması yüksek yararınadır; anne koruyucu davranıyor.\n\nBabayla görüşmeler gözetimli sürmelidir.';
const RECOMMENDATION = 'Bireysel psikolojik danışmanlık tedbirinin altı ay uzatılması ve aile danışmanlığı önerilir.';
const LETTERHEAD = {
  name: 'Üsküdar Çocuk Koruma Birimi',
  institution: 'Aile ve Sosyal Hizmetler Bakanlığı',
  address: 'Mimar Sinan Mah. Selmanıpak Cad. No: 3, Üsküdar / İstanbul',
  phone: '0216 555 00 11',
  email: 'uskudar.ckb@example.gov.tr',
  kep: 'uskudar.ckb@hs01.kep.tr',
  fileCode: 'E-98765432-105.01',
};
const CHILD_VIEWS = '“Annemle kalmak istiyorum. Babamı görmek istiyorum ama merkezde, evde değil.”';
const CHILD_HEARD = '12.06.2026 tarihinde okulda, rehber öğretmen odasında, yalnız görüşüldü; yaşına uygun sorularla.';

/** Every page says "Sayfa i / n" (or "Page i / n"), the document number and the confidentiality notice. */
function expectFramed(pages: string[], result: DocumentResult, language: Language) {
  const t = translator(language);
  expect(pages).toHaveLength(result.pages);
  pages.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain(t('documents.frame.page', { page: i + 1, pages: result.pages }));
    expect(text, `page ${i + 1}`).toContain(result.documentNumber);
    expect(flat(text), `page ${i + 1}`).toContain(flat(t('documents.frame.confidential')).slice(0, 40));
  });
  const check = qpdfCheck(bytesOf(result));
  expect(check.output).toContain('No syntax or stream encoding errors');
  expect(check.status).toBe(0);
}

describe('documents of a real case', () => {
  let d: DocumentCase;
  beforeAll(async () => {
    d = await documentCase({ extraNotes: 4 });
  }, 120_000);

  const print = async (method: string, input: Record<string, unknown>, who: 'ayse' | 'derya' = 'ayse') => d.ok<DocumentResult>(await d.as(who), method, input);

  it.each(LANGS)('assessment summary (%s): the criteria ticked per domain in full with their level, levels and rules, reason, approval, deadlines', async (language) => {
    const t = translator(language);
    const first = await d.ok<AssessmentRecord>(await d.as('ayse'), 'assessments.get', { id: d.assessments[0]!.id });
    const result = await print('documents.assessmentSummary', { assessmentId: first.id, language });
    const pages = pdfPages(bytesOf(result));
    expectFramed(pages, result, language);
    const all = flat(pages.join('\n'));
    expect(pages[0]).toContain(t('documents.assessment.title'));
    expect(all).toContain(`${NAMES.child.firstName} ${NAMES.child.lastName}`);
    expect(all).toContain(first.caseNumber);
    expect(all).toContain(first.assessedBy.name);
    expect(all).toContain(formatDateTime(first.assessedAt, language));
    expect(all).toContain(flat(INSTRUMENT.title[language]));
    expect(all).toContain(t('documents.assessment.version', { version: first.instrumentVersion }));
    for (const id of first.criteria) {
      const domain = INSTRUMENT.domains.find((x) => x.criteria.some((c) => c.id === id))!;
      const criterion = domain.criteria.find((c) => c.id === id)!;
      expect(all, id).toContain(flat(criterion[language]));
      expect(all, id).toContain(flat(domain[language]));
    }
    const level = (id: string) => INSTRUMENT.levels.find((l) => l.id === id)![language];
    expect(all).toMatch(new RegExp(`${t('documents.assessment.computed')} ${level(first.computed)}`));
    expect(all).toMatch(new RegExp(`${t('documents.assessment.final')} ${level(first.finalLevel)}`));
    expect(all).toContain(flat(first.overrideReason!));
    expect(all).toContain(flat(INSTRUMENT.rules.find((r) => r.id === 'highest-wins')![language]));
    expect(all).toContain(t('documents.assessment.state.approvedBy', { name: 'Derya Aksoy', date: formatDateTime(first.decidedAt!, language) }));
    expect(all).toContain(first.summary!);
    for (const deadline of dueDates(first.finalLevel, new Date(first.assessedAt))) {
      expect(all).toContain(flat(deadlineText(t, deadline)));
      expect(all).toContain(formatDateTime(deadline.due, language));
    }
    // The later assessment replaced these deadlines.
    expect(all).toContain(t('documents.assessment.deadline.superseded', { date: '·' }).split(' (')[0]);
    expect(pages.at(-1)).toContain(t('documents.assessment.signApprover'));
  }, 60_000);

  it('assessment summary: the rules that suggested a higher level are cited with their criteria, footnotes print with their marks', async () => {
    const supervisor = await d.as('derya');
    // Two Medium concerns of different harm types (one with a footnote): computed Medium, a rule suggests High.
    const neglect = INSTRUMENT.domains.find((x) => x.id === 'neglect')!.criteria.find((c) => c.level === 'medium' && !c.mayBeHigher && c.footnotes.includes('fn5-neglect-priority-intent'))!;
    const other = INSTRUMENT.domains
      .filter((x) => x.kind === 'harm' && x.id !== 'neglect')
      .flatMap((x) => x.criteria)
      .find((c) => c.level === 'medium' && !c.mayBeHigher && c.footnotes.length === 0)!;
    const a = await d.ok<AssessmentRecord>(supervisor, 'assessments.create', { caseId: d.caseId, criteria: [neglect.id, other.id], screened: unansweredDomains(INSTRUMENT, [neglect.id, other.id]), finalLevel: 'high', overrideReason: 'İki ayrı koruma kaygısı bir arada.' });
    expect(a).toMatchObject({ computed: 'medium', suggested: 'high' });
    const result = await d.ok<DocumentResult>(supervisor, 'documents.assessmentSummary', { assessmentId: a.id, language: 'tr' });
    const all = flat(pdfPages(bytesOf(result)).join('\n'));
    const footnote = INSTRUMENT.footnotes.find((f) => f.id === 'fn5-neglect-priority-intent')!;
    expect(all).toContain(`${flat(neglect.tr)} [1]`);
    expect(all).toContain(`[1] ${flat(footnote.tr)}`);
    expect(all).not.toContain('Bu değerlendirmeye uygulanan dipnot yok.');
    for (const rule of a.rules) expect(all).toContain(flat(INSTRUMENT.rules.find((r) => r.id === rule.rule)!.tr));
    expect(all).toMatch(/\(Ölçütler: \d+(, \d+)*\)/);
    // Every other domain was looked at with nothing found, and the summary says so by name; the count rule says what it counted.
    expect(a.screened).toHaveLength(16);
    expect(all).toContain('Bakılan, bulgu olmayan alanlar (16)');
    for (const id of a.screened!) expect(all).toContain(`${flat(INSTRUMENT.domains.find((x) => x.id === id)!.tr)} — bakıldı, bulgu yok`);
    expect(all).toContain('(2 alanda 2 etken)');
  }, 60_000);

  it.each(LANGS)('social inquiry report (%s): addressed to the court, sections in order, method list, child’s views, risk with approvals, measures, signatures with titles', async (language) => {
    const t = translator(language);
    const k = (key: string, params?: Record<string, unknown>) => t(`documents.court.${key}`, params);
    // Titles from the users' profiles.
    const admin = await d.as('sistem');
    await d.ok(admin, 'users.update', { id: d.ids.ayse, title: 'social_worker' });
    await d.ok(admin, 'users.update', { id: d.ids.derya, title: 'psychologist' });
    const methodNotes = d.notes.filter((n) => n.type === 'home_visit' || n.type === 'interview');
    expect(methodNotes.length).toBeGreaterThan(1);
    const chosen = methodNotes.slice(0, 2).map((n) => n.id);
    const result = await print('documents.courtReport', {
      caseId: d.caseId,
      language,
      opinion: OPINION,
      recommendation: RECOMMENDATION,
      draft: { methodNoteIds: chosen, childViews: CHILD_VIEWS, childHeard: CHILD_HEARD, measures: ['counselling', 'education'], requestOrderedOn: '2026-06-08' },
    });
    const pages = pdfPages(bytesOf(result));
    expectFramed(pages, result, language);
    const all = flat(pages.join('\n'));
    // Addressing on the first page: the court in capitals, the file number, the subject, the title.
    expect(pages[0]).toContain(k('addressee', { court: COURT.name.toLocaleUpperCase('tr-TR') }));
    expect(flat(pages[0]!)).toContain(`${k('fileNo')}: ${COURT.fileNumber}`);
    expect(flat(pages[0]!)).toContain(`${k('subject')}: ${k('subjectText')}`);
    expect(pages[0]).toContain(k('title'));
    expect(all).toContain(COURT.judge);
    expect(all).toContain(flat(k('requestOrder', { court: COURT.name, file: COURT.fileNumber, date: formatDay('2026-06-08', language) })));

    // Sections in the order such reports use, numbered.
    const sections = ['request', 'method', 'family', 'history', 'development', 'childViews', 'housing', 'assessments', 'services', 'orders', 'opinion', 'conclusion'];
    const order = sections.map((s, i) => all.indexOf(`${i + 1}. ${k(`section.${s}`)}`));
    expect(order.every((at) => at >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const between = (from: string, to: string) => all.slice(all.indexOf(`. ${k(`section.${from}`)}`), all.indexOf(`. ${k(`section.${to}`)}`));

    // Method: only the notes ticked, with date and who was seen; the others are not listed there.
    const method = between('method', 'family');
    for (const id of chosen) expect(method).toContain(formatDateTime(d.notes.find((n) => n.id === id)!.occurredAt, language));
    for (const n of methodNotes.slice(2)) expect(method).not.toContain(formatDateTime(n.occurredAt, language));
    expect(method).toContain('Sınıf öğretmeni Ömer Bey');
    expect(method).toContain(`${NAMES.mother.firstName} ${NAMES.mother.lastName}`);

    // Child and family, the chronology under family history; empty typed parts say "not stated".
    for (const n of Object.values(NAMES)) expect(all).toContain(`${n.firstName} ${n.lastName}`);
    expect(all).toContain(t('cases.nonOffending'));
    expect(all).toContain('10000000146');
    expect(between('history', 'development')).toContain(t('documents.notStated'));
    expect(between('history', 'development')).toContain(k('chronologyTitle'));
    expect(all).toContain('Okul rehber öğretmeni, çocuğun kolunda morluklar gördüğünü');
    expect(between('housing', 'assessments')).toContain(t('documents.notStated'));

    // The child's views in the child's words, and how the child was heard.
    expect(between('childViews', 'housing')).toContain(flat(CHILD_VIEWS));
    expect(between('childViews', 'housing')).toContain(CHILD_HEARD);

    // Risk: levels over time, the criteria ticked in full, who approved.
    const risk = between('assessments', 'services');
    for (const a of d.assessments) expect(risk).toContain(formatDateTime(a.assessedAt, language));
    expect(risk).toContain(k('chartTitle'));
    const ticked = INSTRUMENT.domains.flatMap((x) => x.criteria).find((x) => x.id === d.assessments[0]!.criteria[0])!;
    expect(risk).toContain(flat(ticked[language]).slice(0, 60));
    const approved = await d.ok<AssessmentRecord>(await d.as('ayse'), 'assessments.get', { id: d.assessments[0]!.id });
    expect(risk).toContain(k('approvedBy', { name: 'Derya Aksoy', date: formatDateTime(approved.decidedAt!, language) }));

    // Services, referrals, orders with compliance.
    expect(all).toContain(d.institution.name);
    expect(all).toContain(t('documents.labels.orderKind.medical_examination'));
    expect(all).toContain(`${t('documents.labels.compliance.pending')} — ${k('overdue')}`);

    // Opinion; conclusion naming the art. 5 measures; the recommendation.
    expect(between('opinion', 'conclusion')).toContain(flat(OPINION));
    const conclusion = all.slice(all.indexOf(`. ${k('section.conclusion')}`));
    expect(conclusion).toContain(k('measure.counselling'));
    expect(conclusion).toContain(k('measure.education'));
    expect(conclusion).not.toContain(k('measure.shelter'));
    expect(conclusion).toContain(RECOMMENDATION);

    // Signatures on the last page: the caseworker and the approving supervisor (from the approval record), with titles.
    const last = flat(pages.at(-1)!);
    expect(last).toContain(k('signCaseworker'));
    expect(last).toContain('Ayşe Yıldırım');
    expect(last).toContain(t('userTitles.social_worker'));
    expect(last).toContain(k('signSupervisor'));
    expect(last).toContain('Derya Aksoy');
    expect(last).toContain(t('userTitles.psychologist'));
    expect(last).not.toContain(t('documents.signature.nameTitle'));

    // The register keeps the draft version printed.
    const registered = findDocument(d.db(), result.documentNumber)!;
    expect(registered.draftVersion).toBeGreaterThan(0);
    expect(last).toContain(k('draftVersion', { version: registered.draftVersion }));
  }, 90_000);

  it('social inquiry report: the draft is stored per case and hearing, versioned; a second print retypes nothing; a chosen hearing must belong to the case', async () => {
    let c = await d.as('ayse');
    const before = await d.ok<{ draft: { version: number; content: { opinion: string } } | null; missing: string[]; methodItems: Array<{ noteId: number }>; hearingId: number }>(
      c,
      'documents.courtReportPrepare',
      { caseId: d.caseId },
    );
    expect(before.hearingId).toBe(d.hearing!.id);
    expect(before.methodItems.length).toBeGreaterThan(1);
    const saved = await d.ok<{ version: number }>(c, 'documents.courtReportSaveDraft', {
      caseId: d.caseId,
      content: { ...(before.draft?.content ?? {}), opinion: 'Düzeltilmiş görüş: anne koruyucu.', recommendation: RECOMMENDATION },
    });
    expect(saved.version).toBe((before.draft?.version ?? 0) + 1);
    // Saving the same again keeps the version.
    const same = await d.ok<{ version: number }>(c, 'documents.courtReportSaveDraft', {
      caseId: d.caseId,
      content: { ...(before.draft?.content ?? {}), opinion: 'Düzeltilmiş görüş: anne koruyucu.', recommendation: RECOMMENDATION },
    });
    expect(same.version).toBe(saved.version);
    // Printing without typing anything prints the stored version, by the supervisor as well.
    const result = await print('documents.courtReport', { caseId: d.caseId, language: 'tr' }, 'derya');
    expect(flat(pdfPages(bytesOf(result)).join('\n'))).toContain('Düzeltilmiş görüş: anne koruyucu.');
    expect(findDocument(d.db(), result.documentNumber)!.draftVersion).toBe(saved.version);
    c = await d.as('ayse');
    await d.fails(c, 'documents.courtReport', { caseId: d.caseId, hearingId: 9999, language: 'tr', opinion: OPINION, recommendation: RECOMMENDATION }, 'api.notFound');
    await d.fails(c, 'documents.courtReportPrepare', { caseId: d.caseId, hearingId: 9999 }, 'api.notFound');
    const params = await d.fails(c, 'documents.courtReport', { caseId: d.caseId, language: 'tr', opinion: '   ', recommendation: RECOMMENDATION }, 'api.invalidInput');
    expect(JSON.stringify(params)).toContain('opinion');
  }, 60_000);

  it('court report of a case without any assessment is refused, saying what is missing', async () => {
    const c = await d.as('ayse');
    const other = await d.ok<{ id: number }>(c, 'cases.create', {
      household: { name: 'Şahin ailesi' },
      members: [{ person: { firstName: 'Ömer', lastName: 'Şahin', birthYear: 2016 }, role: 'child', confirmedNew: true }],
      intake: intake(),
    });
    const before = d.count('documents');
    await d.fails(c, 'documents.courtReport', { caseId: other.id, language: 'tr', opinion: OPINION, recommendation: RECOMMENDATION }, 'documents.courtReportNoAssessment');
    expect(d.count('documents')).toBe(before); // no number taken
    expect(translator('tr')('errors.documents.courtReportNoAssessment')).toContain('Önce bir risk değerlendirmesi kaydedin');
    expect(translator('en')('errors.documents.courtReportNoAssessment')).toContain('Record a risk assessment first');
  });

  it.each(LANGS)('referral letter (%s): only the sections chosen, consent, contact, and the reply slip kept together on the last page', async (language) => {
    const t = translator(language);
    const k = (key: string, params?: Record<string, unknown>) => t(`documents.letter.${key}`, params);
    const r = d.referrals.shared;
    await d.ok(await d.as('sistem'), 'office.update', LETTERHEAD);
    const result = await print('documents.referralLetter', { referralId: r.id, language });
    const pages = pdfPages(bytesOf(result));
    expectFramed(pages, result, language);
    const all = flat(pages.join('\n'));
    // The official-letter layout: letterhead, Sayı (file code + document number) and the date on one line,
    // Konu, the addressee, İlgi, the closing formula, the signature with title, Ekler, the footer's contacts.
    const first = pages[0]!;
    expect(first).toContain(t('documents.letterhead.state'));
    expect(first).toContain('AİLE VE SOSYAL HİZMETLER BAKANLIĞI');
    expect(first).toContain('ÜSKÜDAR ÇOCUK KORUMA BİRİMİ');
    expect(flat(first)).toContain(`${k('number')} : ${LETTERHEAD.fileCode}-${result.documentNumber}`);
    expect(first).toContain(formatDay(d.clock.now.toISOString(), language));
    expect(flat(first)).toContain(k('subject'));
    expect(flat(first)).toContain(`: ${k('subjectText', { services: '' }).replace(/[\s—-]+$/, '')}`);
    expect(first).toContain(d.institution.name.toLocaleUpperCase('tr-TR'));
    expect(flat(first)).toMatch(new RegExp(`${k('reference')} : a\\. ${k('caseNumberIs', { number: d.caseNumber })}`));
    expect(all).toContain(k('closingFormula'));
    expect(all).toContain(`${k('attachments')}:`);
    expect(all).toContain(k('attachmentSlip'));
    pages.forEach((p) => expect(flat(p)).toContain(`${LETTERHEAD.address} · ${t('documents.letterhead.phone')}: ${LETTERHEAD.phone}`));
    pages.forEach((p) => expect(flat(p)).toContain(`KEP: ${LETTERHEAD.kep}`));
    expect(all).toContain(d.institution.name);
    expect(all).toContain(k('subject'));
    expect(all).toContain(t('documents.labels.urgency.priority'));
    expect(all).toContain(flat(r.reason));
    expect(all).toContain(`${NAMES.mother.firstName} ${NAMES.mother.lastName}`); // consent given by
    expect(all).toContain(t('documents.labels.consentMethod.written'));
    expect(all).toContain('Ebeveyn danışmanlığı');
    // Chosen: identity, concerns, one note.
    for (const s of ['identity', 'concerns', 'notes']) expect(all).toContain(k(`share.${s}`));
    expect(all).toContain('10000000146');
    expect(all).toContain(flat(d.notes[0]!.body).slice(0, 80));
    // Not chosen: absent, title and content.
    for (const s of ['household', 'risk', 'assessments', 'services', 'plan']) expect(all, s).not.toContain(k(`share.${s}`));
    expect(all).not.toContain('Kuzguncuk'); // the household's address
    expect(all).not.toContain('Telefonla arandı'); // a note not picked
    expect(all).not.toContain(flat(d.assessments[1]!.overrideReason!));
    expect(all).not.toContain('U12345678'); // the father's passport
    // The reply slip: all of it on the last page, after the cut line.
    const last = flat(pages.at(-1)!);
    for (const key of ['slip.title', 'slip.cut', 'slip.receivedOn', 'slip.serviceStartedOn', 'slip.contactPerson', 'slip.outcome', 'slip.signature']) expect(last, key).toContain(k(key));
    expect(last).toContain(result.documentNumber);
    expect(last).toContain(k('referralNo', { id: r.id }));
    expect(flat(pages.slice(0, -1).join('\n'))).not.toContain(k('slip.title'));
  }, 60_000);

  it('referral letter sharing nothing says so; one without consent or legal ground is not printed', async () => {
    const c = await d.as('ayse');
    const result = await d.ok<DocumentResult>(c, 'documents.referralLetter', { referralId: d.referrals.minimal.id, language: 'tr' });
    const all = flat(pdfPages(bytesOf(result)).join('\n'));
    expect(all).toContain(translator('tr')('documents.letter.nothingShared'));
    expect(all).toContain('5395 sayılı Çocuk Koruma Kanunu m. 6');
    expect(all).not.toContain(NAMES.child.firstName); // the household is referred; nobody's identity is shared
    expect(all).toContain('YANIT FORMU');

    const draft = await d.ok<Referral>(c, 'referrals.create', { caseId: d.caseId, institutionId: d.institution.id, services: ['case_follow_up'], reason: 'Onaysız taslak.', sharedSections: ['identity'] });
    await d.fails(c, 'documents.referralLetter', { referralId: draft.id, language: 'tr' }, 'documents.referralConsentMissing');
  }, 60_000);

  it('social inquiry report without a hearing: refused early until opinion and recommendation exist; "Kayıt yok." for empty tables, "Belirtilmemiş" for empty data', async () => {
    const plain = await documentCase({ noHearing: true });
    const c = await plain.as('ayse');
    const prep = await plain.ok<{ missing: string[]; hearingId: number | null; draft: unknown }>(c, 'documents.courtReportPrepare', { caseId: plain.caseId });
    expect(prep).toMatchObject({ missing: ['opinion', 'recommendation'], hearingId: null, draft: null });
    const before = plain.count('documents');
    const refused = await plain.fails(c, 'documents.courtReport', { caseId: plain.caseId, language: 'tr', opinion: OPINION }, 'documents.courtReportIncomplete');
    expect(JSON.stringify(refused)).toContain('recommendation');
    expect(plain.count('documents')).toBe(before); // no number taken
    expect(translator('tr')('errors.documents.courtReportIncomplete')).toContain('mesleki görüş ve öneri');
    const result = await plain.ok<DocumentResult>(c, 'documents.courtReport', { caseId: plain.caseId, language: 'tr', recommendation: RECOMMENDATION });
    const pages = pdfPages(bytesOf(result));
    expectFramed(pages, result, 'tr');
    const all = flat(pages.join('\n'));
    const t = translator('tr');
    expect(pages[0]).toContain(t('documents.court.addresseeNone'));
    expect(flat(pages[0]!)).toContain(`${t('documents.court.fileNo')}: ${t('documents.notStated')}`);
    expect(all).toContain(flat(t('documents.court.requestOwnMotion', { office: 'Beyoğlu Çocuk Koruma Birimi' })).slice(0, 40));
    expect(all).toContain(flat(OPINION)); // the opinion typed before the refusal was kept in the draft
    expect(all).toMatch(/Duruşmalar \(0\) Tarih Mahkeme Esas no\. Hâkim Durum Kayıt yok\./);
    expect(all).toMatch(/Mahkeme kararları ve uyum \(0\) No\. Karar Karar tarihi Sorumlu Son tarih Uyum Kayıt yok\./);
    expect(all).toContain(`${t('documents.court.court')} ${t('documents.notStated')}`);
    expect(all).not.toMatch(/ — [.,]/);
    // The child's views not recorded: said plainly; no measure chosen: said plainly.
    expect(all).toContain(t('documents.court.noMeasures'));
    // The stage is the case's real one, with the day it last changed.
    expect(all).toMatch(new RegExp(`${t('documents.court.stage')} [^()]+ \\(bu aşamada: \\d{2}\\.\\d{2}\\.\\d{4} tarihinden beri\\)`));
  }, 120_000);

  it('follows case visibility and the print permission; every print is registered and audited', async () => {
    const mehmet = await d.as('mehmet');
    await d.fails(mehmet, 'documents.courtReport', { caseId: d.caseId, language: 'tr', opinion: OPINION, recommendation: RECOMMENDATION }, 'api.notFound');
    await d.fails(mehmet, 'documents.assessmentSummary', { assessmentId: d.assessments[0]!.id, language: 'tr' }, 'api.notFound');
    await d.fails(mehmet, 'documents.referralLetter', { referralId: d.referrals.shared.id, language: 'tr' }, 'api.notFound');
    const admin = await d.as('sistem');
    await d.fails(admin, 'documents.assessmentSummary', { assessmentId: d.assessments[0]!.id, language: 'tr' }, 'auth.forbidden');

    const c = await d.as('ayse');
    const result = await d.ok<DocumentResult>(c, 'documents.assessmentSummary', { assessmentId: d.assessments[1]!.id, language: 'en' });
    const db = d.db();
    expect(findDocument(db, result.documentNumber)).toMatchObject({ kind: 'assessmentSummary', language: 'en', caseId: String(d.caseId), targetType: 'assessment', targetId: String(d.assessments[1]!.id), status: 'issued', sha256: result.sha256 });
    const [audit] = queryAudit(db, { action: 'document.printed', limit: 1 });
    expect(audit).toMatchObject({ actorName: 'ayse', targetType: 'assessment', targetId: String(d.assessments[1]!.id) });
    expect(JSON.parse(audit!.details)).toMatchObject({ number: result.documentNumber, kind: 'assessmentSummary', sha256: result.sha256 });
    expect(audit!.details).not.toMatch(/Çağla|Öztürk/);
    expect(verifyAuditChain(db).ok).toBe(true);
  }, 60_000);

  it('a PDF that leaves the office can carry a password', async () => {
    const password = 'Mahkeme-Şifresi-2026';
    const result = await print('documents.referralLetter', { referralId: d.referrals.shared.id, language: 'tr', password });
    expect(pdftotextRaw(bytesOf(result)).status).not.toBe(0);
    expect(pdfPages(bytesOf(result), { password }).join('\n')).toContain('YANIT FORMU');
    expect(qpdfCheck(bytesOf(result), password).status).toBe(0);
    // AES-256, the strongest pdfkit offers.
    expect(qpdfEncryption(bytesOf(result), password)).toMatch(/AESv3|R = 6|R = 5/);
  }, 60_000);

  it('a weak PDF password is refused like a weak account password (issue 13; before, any 8 characters)', async () => {
    const c = await d.as('ayse');
    for (const [password, code] of [
      ['12345678', 'password.tooShort'],
      ['123456789012345', 'password.tooWeak'],
      ['ayse-ayse-ayse-1', 'password.containsName'],
    ] as const) {
      await d.fails(c, 'documents.referralLetter', { referralId: d.referrals.shared.id, language: 'tr', password }, code);
    }
  }, 60_000);
});

describe('headings and kept-together blocks', () => {
  it('a heading inside a block kept together never splits it: nothing is lost at a page bottom', async () => {
    const { core, admin } = await signedInCore();
    const ctx = { services: core.services, client: admin, session: admin.session };
    const result = await printDocument(ctx, { kind: 'statistics', language: 'tr', title: 'Bloklar' }, (frame) => {
      const b = documentBlocks(frame.language);
      const content: Content[] = [];
      // Fillers of growing length push the kept-together blocks to every position on the pages.
      for (let i = 0; i < 24; i += 1) {
        content.push({ text: Array.from({ length: i + 1 }, (_, j) => `Dolgu ${i}.${j}: çocuğun güvenliği için yapılan görüşme.`).join('\n'), style: 'paragraph' });
        const [heading, ...rest] = b.section(`Başlık ${i}`, [b.table({ columns: [{ header: 'Sıra' }, { header: 'Değer' }], rows: Array.from({ length: 6 }, (_, r) => [`satır ${i}-${r}`, 'ğüşıöç']) })]);
        content.push({ stack: [heading!, ...rest], unbreakable: true });
      }
      return { content };
    });
    const all = pdfPages(bytesOf(result)).join('\n');
    for (let i = 0; i < 24; i += 1) {
      expect(all).toContain(`Başlık ${i}`);
      for (let r = 0; r < 6; r += 1) expect(all, `${i}-${r}`).toContain(`satır ${i}-${r}`);
    }
  }, 60_000);
});

describe('a heading never ends a page', () => {
  it('whatever follows it (text, a table, a signature block kept together) and wherever the page ends', async () => {
    const { core, admin } = await signedInCore();
    const ctx = { services: core.services, client: admin, session: admin.session };
    const kinds = ['text', 'table', 'signatures'] as const;
    const result = await printDocument(ctx, { kind: 'statistics', language: 'tr', title: 'Başlıklar' }, (frame) => {
      const b = documentBlocks(frame.language);
      const content: Content[] = [];
      // Fillers one line longer each time push the headings through every position of the page bottoms.
      for (let i = 0; i < 45; i += 1) {
        content.push({ text: Array.from({ length: 4 + (i % 15) }, (_, j) => `Dolgu ${i}.${j}: çocuğun güvenliği için görüşme.`).join('\n'), style: 'paragraph' });
        const kind = kinds[i % kinds.length]!;
        const body =
          kind === 'text'
            ? b.longText(`İlk ${i}: ${'Ev ziyaretinde çocukla görüşüldü, okul ve sağlık durumu soruldu. '.repeat(8)}`)
            : kind === 'table'
              ? [b.table({ columns: [{ header: `Sütun ${i}` }, { header: 'Değer' }], rows: [[`İlk ${i}`, 'ğüşıöç'], ['ikinci', 'satır']] })]
              : [b.signatures([{ role: `İlk ${i}`, name: 'Ayşe Yıldırım', title: 'Sosyal Çalışmacı' }, { role: 'Onaylayan', name: 'Şule Ağaoğlu' }])];
        content.push(...b.section(`Başlık ${i}`, body));
      }
      return { content };
    });
    const pages = pdfPages(bytesOf(result));
    for (let i = 0; i < 45; i += 1) {
      const headingPage = pages.findIndex((p) => new RegExp(`Başlık ${i}\\b`).test(p));
      const firstPage = pages.findIndex((p) => new RegExp(`İlk ${i}\\b`).test(p));
      expect(headingPage, `Başlık ${i}`).toBeGreaterThanOrEqual(0);
      expect(firstPage, `Başlık ${i} (${kinds[i % kinds.length]}) is on page ${headingPage + 1}, what follows it on page ${firstPage + 1}`).toBe(headingPage);
    }
  }, 60_000);
});

describe('a court report of a case with years of notes', () => {
  it('runs to 50+ pages, every page framed; a very long note breaks across pages and nothing is lost', async () => {
    const d = await documentCase({ extraNotes: 120, veryLongNote: true });
    const c = await d.as('ayse');
    const result = await d.ok<DocumentResult>(c, 'documents.courtReport', { caseId: d.caseId, language: 'tr', opinion: OPINION, recommendation: RECOMMENDATION });
    expect(result.pages).toBeGreaterThanOrEqual(50);
    const pages = pdfPages(bytesOf(result));
    expectFramed(pages, result, 'tr');
    const all = flat(pages.join('\n'));
    // Every note is there, in order.
    let at = 0;
    for (const note of d.notes) {
      const next = all.indexOf(flat(note.body).slice(0, 60), at);
      expect(next, `note ${note.id}`).toBeGreaterThanOrEqual(at);
      at = next;
    }
    // The very long note spans pages and ends where it should.
    const long = d.notes.at(-1)!;
    const startPage = pages.findIndex((p) => p.includes('Uzun sosyal inceleme notu.'));
    const endPage = pages.findIndex((p) => p.includes('40) 40. görüşme'));
    expect(endPage - startPage).toBeGreaterThanOrEqual(2);
    expect(all).toContain(flat(long.body).slice(-120));
    expect(pages.at(-1)).toContain('Onaylayan');
  }, 180_000);
});

describe('the pages, as pictures', () => {
  it('renders every page type in both languages to PNG (KALKAN_PDF_PNG_DIR keeps them for a human to look at)', async () => {
    const d = await documentCase({ extraNotes: 2 });
    await d.ok(await d.as('sistem'), 'office.update', { ...LETTERHEAD, logo: { base64: pngImage(96, 96).toString('base64') } });
    const c = await d.as('ayse');
    const dir = process.env.KALKAN_PDF_PNG_DIR ?? mkdtempSync(join(tmpdir(), 'kalkan-png-'));
    for (const language of LANGS) {
      const docs: Array<[string, DocumentResult]> = [
        ['assessment', await d.ok<DocumentResult>(c, 'documents.assessmentSummary', { assessmentId: d.assessments[0]!.id, language })],
        ['court', await d.ok<DocumentResult>(c, 'documents.courtReport', { caseId: d.caseId, language, opinion: OPINION, recommendation: RECOMMENDATION })],
        ['letter', await d.ok<DocumentResult>(c, 'documents.referralLetter', { referralId: d.referrals.shared.id, language })],
      ];
      for (const [name, result] of docs) execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', pdfFile(bytesOf(result)), join(dir, `${name}-${language}`)]);
      expect(readdirSync(dir).filter((f) => f.endsWith('.png') && f.includes(`-${language}-`)).length).toBe(docs.reduce((n, [, r]) => n + r.pages, 0));
    }
  }, 120_000);
});
