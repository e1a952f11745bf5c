/**
 * The referral letter (documents.referralLetter) with its reply slip. The
 * letter names the office, the receiving institution, the subject, the
 * services asked for, the urgency and the day a reply is expected, why the
 * child or family is referred, the consent obtained (or the legal ground), and
 * ONLY the sections of the case the user chose to share when preparing the
 * referral: `referralForLetter` leaves the others out entirely, and so does
 * this printer (a section that is absent is not printed, not even its title).
 * Then the contact person, the signatures and, on the last page and never
 * split, a reply slip to cut off and send back.
 *
 * A letter without consent or a legal ground is not printed
 * ('documents.referralConsentMissing'): it would carry personal data out of
 * the office without a basis.
 */
import type { TFunction } from 'i18next';
import { CodedError } from '../../../shared/api/envelope';
import type { DocumentResult } from '../../../shared/api/methods/documents';
import { SHARE_SECTIONS, type ShareSection } from '../../../shared/api/schemas/referrals';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { actorOf } from '../cases/access';
import type { HandlerContext } from '../router';
import { referralForLetter, type LetterPerson, type ReferralLetterData } from '../referrals/letterData';
import { annexLines, loadAnnexes, type Annex } from './annexes';
import { documentBlocks, type DocumentBlocks } from './blocks';
import { printDocument } from './documentService';
import { formatDateTime, formatDay, formatLanguages } from './format';
import type { DocumentBody, FrameInfo } from './frame';
import { birthText, idText, labelledText, levelName, personName } from './labels';
import type { Content } from './pdfTypes';

export function consentOrGround(data: ReferralLetterData): boolean {
  const r = data.referral;
  if (r.legalGround && r.legalGround.trim()) return true;
  return Boolean(r.consent && r.consent.method && r.consent.on && r.consent.givenByName);
}

interface Ctx {
  t: TFunction;
  b: DocumentBlocks;
  language: Language;
  k: (key: string, params?: Record<string, unknown>) => string;
  day: (value: string | null | undefined) => string | null;
  now: Date;
}

function personFacts(p: LetterPerson, c: Ctx): Content {
  const { b, t, k, language } = c;
  return b.keyValue([
    [k('person.name'), { text: personName(p), bold: true }],
    [k('person.role'), p.role ? t(`roles.member.${p.role}`) : null],
    [k('person.born'), birthText(p, language, t, c.now)],
    [k('person.sex'), t(`person.sexes.${p.sex}`)],
    [k('person.nationality'), p.nationality],
    [k('person.idNumber'), idText(p, t)],
    [k('person.languages'), formatLanguages(p.languages, language) || null],
    [k('person.school'), p.school],
    [k('person.disability'), p.disability],
  ]);
}

/** One shared section's blocks; only called for sections present in `shared`. */
function sharedSection(section: ShareSection, data: ReferralLetterData, c: Ctx): Content[] {
  const { b, t, k, language, day } = c;
  const s = data.shared;
  switch (section) {
    case 'identity':
      return (s.identity ?? []).length ? s.identity!.map((p) => personFacts(p, c)) : [b.noRecords()];
    case 'household': {
      const h = s.household!;
      return [
        b.keyValue([
          [k('household.name'), h.name],
          [k('household.address'), h.address],
          [k('household.place'), [h.district, h.city].filter(Boolean).join(' / ') || null],
          [k('household.phone'), h.phone],
        ]),
        b.table({
          columns: [{ header: k('col.name'), width: '*' }, { header: k('col.role'), width: 150 }, { header: k('col.born'), width: 110 }],
          rows: h.members.map((m) => [
            personName(m),
            [m.role ? t(`roles.member.${m.role}`) : null, m.relationship && m.relationship !== 'self' ? t(`relationship.${m.relationship}`) : null].filter(Boolean).join(' — ') || null,
            birthText(m, language, t, c.now),
          ]),
        }),
      ];
    }
    case 'concerns': {
      const con = s.concerns!;
      const blocks: Content[] = [b.list(con.concerns.map((x) => labelledText(x, language)))];
      if (con.latestIntake) {
        blocks.push(
          ...b.entry({
            when: formatDateTime(con.latestIntake.receivedAt, language),
            title: k('latestIntake', { channel: labelledText(con.latestIntake.channel, language) }),
            text: con.latestIntake.summary,
          }),
        );
      }
      return blocks;
    }
    case 'risk': {
      const risk = s.risk!;
      return [
        b.keyValue([
          [k('risk.priority'), { text: levelName(risk.priority, language, t), bold: true }],
          [
            k('risk.latest'),
            risk.latestAssessment
              ? `${formatDateTime(risk.latestAssessment.assessedAt, language)} — ${levelName(risk.latestAssessment.finalLevel, language, t)} (${t(`documents.court.assessmentStatus.${risk.latestAssessment.status}`)})`
              : null,
          ],
        ]),
      ];
    }
    case 'assessments': {
      const list = s.assessments!;
      return [
        b.table({
          columns: [{ header: k('col.date'), width: 90 }, { header: k('col.computed'), width: '*' }, { header: k('col.final'), width: '*' }, { header: k('col.status'), width: 100 }],
          rows: list.map((a) => [formatDateTime(a.assessedAt, language), levelName(a.computed, language, t), { text: levelName(a.finalLevel, language, t), bold: true, style: 'cell' }, t(`documents.court.assessmentStatus.${a.status}`)]),
        }),
        ...list
          .filter((a) => a.overrideReason || a.summary)
          .flatMap((a) =>
            b.entry({
              when: formatDateTime(a.assessedAt, language),
              title: levelName(a.finalLevel, language, t),
              text: [a.overrideReason ? `${t('documents.court.reasonLabel')}: ${a.overrideReason}` : null, a.summary ? `${t('documents.court.summaryLabel')}: ${a.summary}` : null].filter(Boolean).join('\n\n'),
            }),
          ),
      ];
    }
    case 'notes':
      return (s.notes ?? []).length
        ? s.notes!.flatMap((n) => b.entry({ when: formatDateTime(n.occurredAt, language), title: t(`notes.type.${n.type}`), text: n.body }))
        : [b.noRecords()];
    case 'services':
      return [
        b.table({
          columns: [{ header: k('col.date'), width: 70 }, { header: k('col.service'), width: '*' }, { header: k('col.for'), width: 130 }, { header: k('col.sessions'), width: 48, alignment: 'right' }],
          rows: s.services!.map((x) => [day(x.deliveredOn), labelledText(x.service, language), x.personName ?? k('wholeHousehold'), String(x.sessions)]),
        }),
      ];
    case 'plan':
      return s.plan!.length
        ? s.plan!.flatMap((g): Content[] => [
            { text: [{ text: g.title, bold: true }, { text: `  (${t(`documents.labels.goalStatus.${g.status}`)})`, color: '#5b6570' }], margin: [0, 4, 0, 2] },
            b.list(g.actions.map((a) => `${a.title}${a.dueOn ? ` — ${k('dueOn', { date: day(a.dueOn) })}` : ''} (${t(`documents.labels.actionStatus.${a.status}`)})`), { emptyText: k('noActions') }),
          ])
        : [b.noRecords()];
  }
}

/** The body of the letter. */
export function referralLetterBody(data: ReferralLetterData, frame: FrameInfo, now: Date, annexes: readonly Annex[] = []): DocumentBody {
  const { language } = frame;
  const t = translator(language);
  const b = documentBlocks(language, { missing: 'notStated' });
  const k = (key: string, params?: Record<string, unknown>) => t(`documents.letter.${key}`, params);
  const c: Ctx = { t, b, language, k, day: (v) => (v ? formatDay(v, language) : null), now };
  const r = data.referral;
  const inst = data.institution;
  const officeName = frame.letterhead?.printedName ?? frame.officeName;
  const services = [...r.services.map((s) => labelledText(s, language)), ...(r.servicesOther ? [r.servicesOther] : [])];
  const referred = data.referred ? data.referred.name : k('theHousehold');
  const urgency = t(`documents.labels.urgency.${r.urgency}`);

  const consent = r.legalGround
    ? [b.keyValue([[k('legalGround'), r.legalGround]])]
    : [
        b.keyValue([
          [k('consentBy'), r.consent?.givenByName ?? null],
          [k('consentMethod'), r.consent?.method ? t(`documents.labels.consentMethod.${r.consent.method}`) : null],
          [k('consentOn'), c.day(r.consent?.on)],
        ]),
      ];

  const chosen = SHARE_SECTIONS.filter((section) => data.shared[section] !== undefined);
  const shared: Content[] = chosen.length
    ? [
        { text: k('sharedIntro'), margin: [0, 0, 0, 4] },
        ...chosen.flatMap((section) => b.headed(b.heading(k(`share.${section}`), 2), sharedSection(section, data, c))),
      ]
    : [{ text: k('nothingShared'), italics: true, margin: [0, 0, 0, 6] }];

  // The official-letter layout of Turkish public bodies: Sayı and date on one line, Konu, the addressee,
  // İlgi, the body, the signature block (name and title), Ekler; the letterhead and the footer with the
  // office's contacts come from the frame.
  const fileCode = frame.letterhead?.fileCode?.trim();
  const number = fileCode ? `${fileCode}-${frame.documentNumber}` : frame.documentNumber;
  const labelled = (label: string, value: Content | string): Content => ({
    columns: [
      { text: label, bold: true, width: 104 },
      { text: ':', width: 8 },
      typeof value === 'string' ? { text: value, width: '*' } : { ...(value as object), width: '*' } as Content,
    ],
    columnGap: 0,
    margin: [0, 0, 0, 2],
  });
  const head: Content[] = [
    {
      columns: [
        { text: k('number'), bold: true, width: 104 },
        { text: ':', width: 8 },
        { text: number, width: '*' },
        { text: formatDay(frame.generatedAt.toISOString(), language), width: 'auto', alignment: 'right' },
      ],
      columnGap: 0,
      margin: [0, 0, 0, 2],
    },
    labelled(k('subject'), { text: k('subjectText', { services: services.join(', ') || k('noServices') }), bold: true }),
    {
      margin: [60, 14, 0, 10],
      stack: [
        { text: inst.name.toLocaleUpperCase('tr-TR'), bold: true, fontSize: 11, alignment: 'center' },
        ...(inst.address ? [{ text: inst.address, alignment: 'center', style: 'small' } as Content] : []),
        ...(inst.kep ? [{ text: `${t('documents.letterhead.kep')}: ${inst.kep}`, alignment: 'center', style: 'small' } as Content] : []),
        ...(inst.contactPerson ? [{ text: k('attention', { name: inst.contactPerson }), alignment: 'center', style: 'small' } as Content] : []),
      ],
    },
    labelled(k('reference'), {
      ol: [
        k('caseNumberIs', { number: data.case.caseNumber }),
        k('referralNo', { id: r.id }),
        ...(r.consent?.on && !r.legalGround ? [k('consentRef', { date: c.day(r.consent.on) })] : []),
        ...(r.legalGround ? [r.legalGround] : []),
      ],
      type: 'lower-alpha',
    } as Content),
    labelled(k('urgency'), r.urgency === 'routine' ? urgency : { text: urgency, bold: true }),
    labelled(k('replyBy'), c.day(r.replyDueOn) ?? b.missing),
    { text: '', margin: [0, 0, 0, 6] },
  ];

  const slip = b.detachable(k('slip.cut'), [
    { text: k('slip.title'), bold: true, fontSize: 12, alignment: 'center', color: '#14365d', margin: [0, 0, 0, 2] },
    { text: k('slip.returnTo', { office: officeName, name: r.responsible }), alignment: 'center', style: 'small', margin: [0, 0, 0, 8] },
    b.keyValue(
      [
        [k('slip.referralNo'), `${k('referralNo', { id: r.id })} · ${k('slip.documentNo', { number: frame.documentNumber })}`],
        [k('caseNumber'), data.case.caseNumber],
        [k('slip.institution'), inst.name],
        [k('slip.referred'), referred],
        [k('slip.services'), services.join(', ') || null],
      ],
      { labelWidth: 150 },
    ),
    b.fillIn([
      { label: k('slip.receivedOn') },
      { label: k('slip.serviceStartedOn') },
      { label: k('slip.contactPerson') },
      { label: k('slip.outcome'), lines: 3 },
      { label: k('slip.signature'), tall: true },
    ]),
  ]);

  const content: Content[] = [
    ...head,
    {
      text: k('opening', { office: officeName, caseNumber: data.case.caseNumber, referred, count: services.length }),
      margin: [0, 4, 0, 6],
    },
    ...b.section(k('section.services'), [b.list(services, { emptyText: k('noServices') })], { level: 2 }),
    ...b.section(k('section.reason'), b.longText(r.reason), { level: 2 }),
    ...b.section(k(r.legalGround ? 'section.legalGround' : 'section.consent'), consent, { level: 2 }),
    ...b.section(k('section.shared'), shared, { level: 2 }),
    ...b.section(
      k('section.contact'),
      [
        b.keyValue([
          [k('contactPerson'), { text: r.responsible, bold: true }],
          [k('office'), officeName],
          [k('preparedBy'), r.preparedBy],
        ]),
        { text: r.replyDueOn ? k('closing', { date: c.day(r.replyDueOn) }) : k('closingNoDate'), margin: [0, 2, 0, 0] },
      ],
      { level: 2 },
    ),
    { text: k('closingFormula'), margin: [0, 8, 0, 0] },
    b.signatures([
      { role: k('signPrepared'), name: r.preparedBy, title: r.preparedByTitle ? t(`userTitles.${r.preparedByTitle}`) : t('roles.caseworker') },
      { role: k('signApproved') },
    ]),
    {
      margin: [0, 12, 0, 0],
      stack: [
        { text: `${k('attachments')}:`, bold: true },
        // Ek-1 is the reply slip; the chosen attachments follow (annexes.ts).
        ...[t('documents.annex.label', { n: 1, name: k('attachmentSlip') }), ...annexLines(annexes, language, 2)].map((line) => ({ text: line, margin: [0, 2, 0, 0] }) as Content),
      ],
    },
    slip,
  ];
  return { layout: 'letter', subtitle: `${officeName} → ${inst.name}`, content };
}

/** documents.referralLetter */
export async function printReferralLetter(
  ctx: HandlerContext,
  input: {
    referralId: number;
    language: Language;
    password?: string | undefined;
    jobId?: string | undefined;
    attachmentIds?: number[] | undefined;
    appendPdfs?: boolean | undefined;
  },
): Promise<DocumentResult> {
  const db = ctx.services.vault.database;
  const data = referralForLetter(db, actorOf(ctx.session!), input.referralId);
  if (!consentOrGround(data)) throw new CodedError('documents.referralConsentMissing');
  const annexes = loadAnnexes(db, data.case.id, input.attachmentIds ?? [], input.appendPdfs ?? false);
  const now = ctx.services.now();
  const t = translator(input.language);
  return printDocument(
    ctx,
    {
      kind: 'referralLetter',
      language: input.language,
      title: t('documents.letter.title'),
      caseId: String(data.case.id),
      caseRef: data.case.caseNumber,
      target: { type: 'referral', id: String(data.referral.id) },
      password: input.password,
      jobId: input.jobId,
      annexes,
      annexFirst: 2,
    },
    (frame) => referralLetterBody(data, frame, now, annexes),
  );
}
