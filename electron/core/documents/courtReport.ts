/**
 * The court report (documents.courtReport): the case as a Child Protection
 * Court (seed 003) reads it before a hearing. Numbered sections:
 *   1 court and case — the court and file number (from the court data), or a
 *     plain statement that the report is not for a hearing;
 *   2 child and family — household, every member with role and relation,
 *     non-offending caregivers marked, ID numbers as recorded, each child's details;
 *   3 chronology — reports, stage changes and notes, oldest first, each entry
 *     dated and signed, texts of any length;
 *   4 risk assessments — levels over time (table and step chart), reasons;
 *   5 services delivered and referrals with their outcomes;
 *   6 hearings and the court's orders, with compliance for each order;
 *   7 professional opinion and 8 recommendation (typed when printing);
 *   signatures of the caseworker and the supervisor.
 * A case without any risk assessment is refused ('documents.courtReportNoAssessment'):
 * a court report states the child's risk.
 */
import type { TFunction } from 'i18next';
import { CodedError } from '../../../shared/api/envelope';
import type { DocumentResult } from '../../../shared/api/methods/documents';
import type { AssessmentRecord } from '../../../shared/api/schemas/assessments';
import type { CaseHeader, Household, Intake, Lookup, Member, NoteSummary, ServiceRecord } from '../../../shared/api/schemas/cases';
import type { Hearing } from '../../../shared/api/schemas/court';
import { can, type Role } from '../../../shared/auth/permissions';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { listForCase } from '../assessments/assessmentsService';
import { actorOf, assertCaseVisible, type Actor } from '../cases/access';
import { caseHeader, listMembers, statusHistory } from '../cases/casesRepo';
import { getHousehold } from '../cases/householdsRepo';
import { listIntakes } from '../cases/intakesRepo';
import { listLookups } from '../cases/lookupsRepo';
import { listNotes } from '../cases/notesRepo';
import { listServices } from '../cases/servicesRepo';
import { userLookup, type UserLookup } from '../cases/userRefs';
import { courtDataForCase, type CourtCaseData } from '../court/courtData';
import type { Db } from '../db/open';
import type { HandlerContext } from '../router';
import { documentBlocks, type DocumentBlocks } from './blocks';
import { printDocument } from './documentService';
import { formatDateTime, formatDay } from './format';
import { contentWidth, type DocumentBody, type FrameInfo } from './frame';
import { birthText, idText, labelledText, levelName, lookupLabels, personName, type LookupLabels } from './labels';
import { CHART_HEIGHT, levelStepChart } from './levelChart';
import type { Content } from './pdfTypes';

/** Every note of the case, however many years it spans. */
const ALL_NOTES = 1_000_000;

export interface CourtReportInput {
  caseId: number;
  hearingId?: number | undefined;
  opinion: string;
  recommendation: string;
}

export interface CourtReportData {
  header: CaseHeader;
  household: Household;
  members: Member[];
  intakes: Intake[];
  history: ReturnType<typeof statusHistory>;
  /** Oldest first. */
  notes: NoteSummary[];
  /** Oldest first. */
  services: ServiceRecord[];
  /** Oldest first. */
  assessments: AssessmentRecord[];
  court: CourtCaseData;
  /** The hearing the report is for; null: not for a hearing. */
  hearing: Hearing | null;
  lookups: Lookup[];
  users: UserLookup;
  /** Who prints: the supervisor signs as such when it is a supervisor other than the caseworker. */
  printedBy: { userId: string; displayName: string; roles: Role[] };
  opinion: string;
  recommendation: string;
  now: Date;
}

/** Loads the whole report; visibility as for cases.get ('cases.notFound'). */
export function loadCourtReport(db: Db, actor: Actor, printedBy: CourtReportData['printedBy'], input: CourtReportInput, now: Date): CourtReportData {
  assertCaseVisible(db, actor, input.caseId);
  const assessments = listForCase(db, actor, input.caseId);
  if (assessments.length === 0) throw new CodedError('documents.courtReportNoAssessment', { field: 'caseId' });
  const users = userLookup(db);
  const header = caseHeader(db, input.caseId, users);
  const court = courtDataForCase(db, actor, input.caseId, now);
  let hearing: Hearing | null;
  if (input.hearingId !== undefined) {
    hearing = court.hearings.find((h) => h.id === input.hearingId) ?? null;
    if (!hearing) throw new CodedError('documents.hearingNotFound', { field: 'hearingId' });
  } else {
    hearing = court.nextHearing ?? court.hearings.at(-1) ?? null;
  }
  return {
    header,
    household: getHousehold(db, header.householdId)!,
    members: listMembers(db, input.caseId, actor),
    intakes: listIntakes(db, input.caseId, users),
    history: statusHistory(db, input.caseId, users),
    notes: listNotes(db, input.caseId, users, ALL_NOTES).notes.reverse(),
    services: listServices(db, input.caseId, users).reverse(),
    assessments,
    court,
    hearing,
    lookups: listLookups(db, undefined, true),
    users,
    printedBy,
    opinion: input.opinion,
    recommendation: input.recommendation,
    now,
  };
}

interface Ctx {
  t: TFunction;
  b: DocumentBlocks;
  language: Language;
  lookup: LookupLabels;
  k: (key: string, params?: Record<string, unknown>) => string;
  level: (id: Parameters<typeof levelName>[0]) => string;
  day: (value: string | null | undefined) => string | null;
  moment: (value: string | null | undefined) => string | null;
}

function memberNote(m: Member, c: Ctx): string {
  const { t, k } = c;
  const notes: string[] = [];
  if (m.role === 'caregiver' && m.offending === false) notes.push(t('cases.nonOffending'));
  if (m.offending === true) notes.push(t('cases.offending'));
  if (m.contactWithChild && (m.role === 'alleged_perpetrator' || m.offending)) notes.push(`${k('contact')}: ${t(`contact.${m.contactWithChild}`)}`);
  if (!m.livesInHousehold) notes.push(k('notInHousehold'));
  if (m.isPrimary) notes.push(k('primaryChild'));
  return notes.join('\n');
}

function childFamily(data: CourtReportData, c: Ctx): Content[] {
  const { b, t, k, language } = c;
  const h = data.household;
  const place = [h.district, h.city].filter(Boolean).join(' / ');
  const order = { child: 0, sibling: 1, caregiver: 2, alleged_perpetrator: 3, other: 4 } as const;
  const members = [...data.members].sort((x, y) => Number(y.isPrimary) - Number(x.isPrimary) || order[x.role] - order[y.role]);
  const children = members.filter((m) => m.role === 'child');
  const blocks: Content[] = [
    b.keyValue([
      [k('household'), h.name],
      [k('address'), h.address],
      [k('place'), place || null],
      [k('phone'), h.phone],
    ]),
    b.table({
      columns: [
        { header: k('col.name'), width: '*' },
        { header: k('col.role'), width: 104 },
        { header: k('col.born'), width: 82 },
        { header: k('col.idNumber'), width: 86 },
        { header: k('col.remarks'), width: '*' },
      ],
      rows: members.map((m) => [
        { text: personName(m.person), bold: m.role === 'child', style: 'cell' },
        [t(`roles.member.${m.role}`), m.relationship && m.relationship !== 'self' ? t(`relationship.${m.relationship}`) : null].filter(Boolean).join(' — '),
        birthText(m.person, language, t, data.now),
        idText(m.person, t),
        memberNote(m, c),
      ]),
    }),
  ];
  for (const child of children) {
    const p = child.person;
    blocks.push(
      { text: k('childDetails', { name: personName(p) }), style: 'h2', headlineLevel: 1 },
      // What is recorded about the child (the rest of the table's "—" would only repeat that nothing is).
      b.keyValue(
        (
          [
            [k('born'), birthText(p, language, t, data.now)],
            [k('sex'), t(`person.sexes.${p.sex}`)],
            [k('nationality'), p.nationality],
            [k('legalStatus'), p.legalStatus ? t(`person.legalStatuses.${p.legalStatus}`) : null],
            [k('idNumber'), idText(p, t)],
            [k('languages'), p.languages.join(', ') || null],
            [k('school'), p.school],
            [k('disability'), p.disability],
            [k('address'), p.address],
          ] as Array<[string, string | null]>
        ).filter(([label, value], i) => i < 2 || value !== null || label === k('school')),
      ),
    );
  }
  return blocks;
}

type Event = { at: string; order: number; content: () => Content[] };

function chronology(data: CourtReportData, c: Ctx): Content[] {
  const { b, t, k, lookup, moment } = c;
  const names = new Map(data.members.map((m) => [m.person.id, personName(m.person)]));
  const events: Event[] = [];
  for (const intake of data.intakes) {
    events.push({
      at: intake.receivedAt,
      order: 0,
      content: () =>
        b.entry({
          when: moment(intake.receivedAt)!,
          title: `${t(`cases.intakeKind.${intake.kind}`)} — ${lookup('channel', intake.channel)}`,
          details: [
            k('concerns', { list: intake.concerns.map((code) => lookup('concern', code)).join(', ') }),
            intake.reporter.anonymous
              ? k('anonymous')
              : intake.reporter.name || intake.reporter.relation
                ? k('reporter', { who: [intake.reporter.name, intake.reporter.relation].filter(Boolean).join(', ') })
                : null,
            k('recordedBy', { name: intake.recordedBy.displayName }),
          ],
          text: intake.summary,
        }),
    });
  }
  for (const h of data.history) {
    if (h.event === 'created') continue; // the first report says it
    const title =
      h.event === 'transition' ? `${t('cases.historyEvent.transition')}: ${h.from ? t(`cases.status.${h.from}`) : '—'} → ${t(`cases.status.${h.to}`)}` : t(`cases.historyEvent.${h.event}`);
    events.push({
      at: h.at,
      order: 1,
      content: () => b.entry({ when: moment(h.at)!, title, details: [k('recordedBy', { name: h.by.displayName })], text: h.reason, emptyText: null }),
    });
  }
  for (const note of data.notes) {
    const present = [
      ...note.present.people.map((id) => names.get(id) ?? null),
      ...note.present.users.map((id) => data.users(id).displayName),
      note.present.others,
    ].filter((x): x is string => Boolean(x));
    events.push({
      at: note.occurredAt,
      order: 2,
      content: () =>
        b.entry({
          when: moment(note.occurredAt)!,
          title: t(`notes.type.${note.type}`),
          details: [
            note.visitRefused ? k('visitRefused') : null,
            present.length ? k('present', { list: present.join(', ') }) : null,
            k('recordedBy', { name: note.createdBy.displayName }),
            note.versionCount > 1 ? k('edited', { count: note.versionCount, name: note.editedBy.displayName, date: moment(note.editedAt) }) : null,
          ],
          text: note.body,
        }),
    });
  }
  events.sort((x, y) => x.at.localeCompare(y.at) || x.order - y.order);
  const counts = { intakes: data.intakes.length, notes: data.notes.length, changes: events.filter((e) => e.order === 1).length };
  const first = events[0];
  const last = events.at(-1);
  return [
    ...(first && last ? [{ text: k('chronologyIntro', { ...counts, from: c.day(first.at), to: c.day(last.at) }), style: 'small', color: '#5b6570', margin: [0, 0, 0, 2] } as Content] : []),
    ...events.flatMap((e) => e.content()),
  ];
}

function assessmentsSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, k, level, moment } = c;
  const rows = data.assessments.map((a, i) => [
    String(i + 1),
    moment(a.assessedAt),
    { text: [{ text: a.childName ?? '—', bold: true }, { text: `\n${a.assessedBy.name}`, color: '#5b6570' }], style: 'cell' },
    level(a.computed),
    a.suggested ? level(a.suggested) : '—',
    { text: level(a.finalLevel), bold: true, style: 'cell' },
    k(`assessmentStatus.${a.status}`) + (a.status !== 'pending_approval' && a.decidedBy && a.decidedBy.id !== a.assessedBy.id ? `\n${a.decidedBy.name}` : ''),
  ]);
  const blocks: Content[] = [
    b.table({
      columns: [
        { header: k('col.no'), width: 22, alignment: 'right' },
        { header: k('col.date'), width: 58 },
        { header: k('col.childAssessor'), width: '*' },
        { header: k('col.computed'), width: 62 },
        { header: k('col.suggested'), width: 62 },
        { header: k('col.final'), width: 62 },
        { header: k('col.status'), width: 66 },
      ],
      rows,
    }),
  ];
  if (data.assessments.length >= 2) {
    const width = contentWidth();
    blocks.push({
      stack: [
        { text: k('chartTitle'), style: 'label', margin: [0, 0, 0, 4] },
        {
          svg: levelStepChart(
            data.assessments.map((a) => ({ at: new Date(a.assessedAt), level: a.finalLevel })),
            { width, label: (l) => level(l), dateLabel: (d) => c.day(d.toISOString())!, until: data.now },
          ),
          width,
          height: CHART_HEIGHT,
          font: 'Sans',
        },
      ],
      unbreakable: true,
      margin: [0, 0, 0, 8],
    });
  }
  data.assessments.forEach((a, i) => {
    if (!a.overrideReason && !a.summary && !a.decisionNote) return;
    const text = [
      a.overrideReason ? `${k('reasonLabel')}: ${a.overrideReason}` : null,
      a.summary ? `${k('summaryLabel')}: ${a.summary}` : null,
      a.decisionNote ? `${k('decisionNoteLabel')}: ${a.decisionNote}` : null,
    ]
      .filter(Boolean)
      .join('\n\n');
    blocks.push(...b.entry({ when: moment(a.assessedAt)!, title: k('assessmentEntry', { n: i + 1, level: level(a.finalLevel) }), details: [a.assessedBy.name], text }));
  });
  return blocks;
}

function servicesSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, t, k, lookup, day, language } = c;
  const names = new Map(data.members.map((m) => [m.person.id, personName(m.person)]));
  const services = b.table({
    columns: [
      { header: k('col.date'), width: 62 },
      { header: k('col.service'), width: '*' },
      { header: k('col.for'), width: 110 },
      { header: k('col.sessions'), width: 54, alignment: 'right' },
      { header: k('col.deliveredBy'), width: 96 },
    ],
    rows: data.services.map((s) => [day(s.deliveredOn), lookup('service', s.service), s.personId !== null ? (names.get(s.personId) ?? '—') : k('wholeHousehold'), String(s.sessions), s.deliveredBy.displayName]),
  });
  const notes = data.services.filter((s) => s.note);
  const referrals = data.court.referrals;
  return [
    { text: k('servicesTitle', { count: data.services.length }), style: 'h2', headlineLevel: 1 },
    services,
    ...notes.flatMap((s) => b.entry({ when: day(s.deliveredOn)!, title: lookup('service', s.service), text: s.note, emptyText: null })),
    { text: k('referralsTitle', { count: referrals.length }), style: 'h2', headlineLevel: 1 },
    b.table({
      columns: [
        { header: k('col.institution'), width: '*' },
        { header: k('col.servicesRequested'), width: '*' },
        { header: k('col.sent'), width: 62 },
        { header: k('col.state'), width: 78 },
        { header: k('col.outcome'), width: '*' },
      ],
      rows: referrals.map((r) => {
        const asked = [...r.services.map((s) => labelledText(s, language)), r.servicesOther].filter(Boolean).join(', ');
        const state = [
          t(`documents.labels.referralState.${r.state}`),
          r.serviceStartedOn ? k('startedOn', { date: day(r.serviceStartedOn) }) : null,
          r.endedOn ? k('endedOn', { date: day(r.endedOn) }) : null,
        ]
          .filter(Boolean)
          .join('\n');
        const outcome = [r.outcome, r.declineReason, r.replyOutcome && r.replyOutcome !== r.outcome ? r.replyOutcome : null].filter(Boolean).join('\n');
        return [r.institution.name, `${asked || '—'}\n${k('urgencyIs', { urgency: t(`documents.labels.urgency.${r.urgency}`) })}`, day(r.sentOn), state, outcome || null];
      }),
    }),
  ];
}

function courtSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, t, k, day, moment } = c;
  const { hearings, orders } = data.court;
  const responsible = (o: (typeof orders)[number]) => `${o.responsible.name}${o.responsible.type === 'institution' ? '' : ` (${k('staffMember')})`}`;
  const compliance = (o: (typeof orders)[number]) => t(`documents.labels.compliance.${o.compliance}`) + (o.overdue ? ` — ${k('overdue')}` : '');
  const blocks: Content[] = [
    { text: k('hearingsTitle', { count: hearings.length }), style: 'h2', headlineLevel: 1 },
    b.table({
      columns: [
        { header: k('col.date'), width: 84 },
        { header: k('col.court'), width: '*' },
        { header: k('col.fileNumber'), width: 70 },
        { header: k('col.judge'), width: 90 },
        { header: k('col.state'), width: 64 },
      ],
      rows: hearings.map((h) => [moment(h.hearingAt), h.courtName, h.fileNumber, h.judge, t(`documents.labels.hearingStatus.${h.status}`)]),
    }),
    ...hearings
      .filter((h) => h.outcome)
      .flatMap((h) => b.entry({ when: moment(h.hearingAt)!, title: k('hearingOutcome', { court: h.courtName }), text: h.outcome, emptyText: null })),
    { text: k('ordersTitle', { count: orders.length }), style: 'h2', headlineLevel: 1 },
    b.table({
      columns: [
        { header: k('col.no'), width: 22, alignment: 'right' },
        { header: k('col.order'), width: '*' },
        { header: k('col.orderedOn'), width: 60 },
        { header: k('col.responsible'), width: '*' },
        { header: k('col.due'), width: 60 },
        { header: k('col.compliance'), width: 84 },
      ],
      rows: orders.map((o, i) => [String(i + 1), t(`documents.labels.orderKind.${o.kind}`), day(o.orderedOn), responsible(o), day(o.dueOn), { text: compliance(o), bold: true, style: 'cell' }]),
    }),
  ];
  orders.forEach((o, i) => {
    blocks.push(
      { text: k('orderDetail', { n: i + 1, kind: t(`documents.labels.orderKind.${o.kind}`), date: day(o.orderedOn) }), style: 'h2', headlineLevel: 1 },
      b.keyValue([
        [k('orderPerson'), o.person?.name ?? o.childName],
        [k('orderText'), o.description],
        [k('col.responsible'), responsible(o)],
        [k('col.due'), day(o.dueOn)],
        [k('col.compliance'), { text: compliance(o), bold: true }],
      ]),
      b.table({
        columns: [
          { header: k('col.date'), width: 62 },
          { header: k('col.compliance'), width: 84 },
          { header: k('col.note'), width: '*' },
          { header: k('col.by'), width: 96 },
        ],
        rows: o.updates.map((u) => [day(u.on), t(`documents.labels.compliance.${u.to}`), u.note, u.by.displayName]),
        emptyText: k('noComplianceUpdates'),
      }),
    );
  });
  return blocks;
}

/** The body of the report. */
export function courtReportBody(data: CourtReportData, frame: FrameInfo): DocumentBody {
  const { language } = frame;
  const t = translator(language);
  const b = documentBlocks(language);
  const k = (key: string, params?: Record<string, unknown>) => t(`documents.court.${key}`, params);
  const c: Ctx = {
    t,
    b,
    language,
    k,
    lookup: lookupLabels(data.lookups, language),
    level: (id) => levelName(id, language, t),
    day: (value) => (value ? formatDay(value, language) : null),
    moment: (value) => (value ? formatDateTime(value, language) : null),
  };
  const h = data.hearing;
  const kase = data.header;
  let n = 0;
  const section = (title: string, blocks: Content[], options: { emptyText?: string } = {}) => b.section(`${(n += 1)}. ${title}`, blocks, options);
  const supervisorSigns = can(data.printedBy.roles, 'case:approve') && data.printedBy.userId !== kase.responsible.id;

  const content: Content[] = [
    {
      text: h
        ? k('introHearing', { court: h.courtName, file: h.fileNumber ?? '—', date: c.moment(h.hearingAt), office: frame.officeName })
        : k('introNoHearing', { office: frame.officeName }),
      margin: [0, 0, 0, 4],
    },
    ...section(k('section.court'), [
      b.keyValue([
        [k('court'), h ? h.courtName : { text: k('noHearing'), italics: true }],
        [k('fileNumber'), h ? h.fileNumber : null],
        [k('hearingAt'), h ? `${c.moment(h.hearingAt)} — ${t(`documents.labels.hearingStatus.${h.status}`)}` : null],
        [k('judge'), h ? h.judge : null],
        [k('toBring'), h ? h.toBring : null],
        [k('caseNumber'), kase.caseNumber],
        [k('openedAt'), c.day(kase.openedAt)],
        [k('stage'), t(`cases.status.${kase.status}`) + (kase.closedAt ? ` (${c.day(kase.closedAt)})` : '')],
        [k('priority'), { text: c.level(kase.priority), bold: true }],
        [k('responsible'), kase.responsible.displayName],
        [k('coWorkers'), kase.coWorkers.map((w) => w.displayName).join(', ') || null],
      ]),
    ]),
    ...section(k('section.family'), childFamily(data, c)),
    ...section(k('section.chronology'), chronology(data, c)),
    ...section(k('section.assessments'), assessmentsSection(data, c)),
    ...section(k('section.services'), servicesSection(data, c)),
    ...section(k('section.orders'), courtSection(data, c)),
    ...section(k('section.opinion'), b.longText(data.opinion)),
    ...section(k('section.recommendation'), b.longText(data.recommendation)),
    b.signatures([
      { role: k('signCaseworker'), name: kase.responsible.displayName, title: t('roles.caseworker') },
      { role: k('signSupervisor'), name: supervisorSigns ? data.printedBy.displayName : null, title: supervisorSigns ? t('roles.supervisor') : null },
    ]),
  ];
  return {
    subtitle: h ? [h.courtName, h.fileNumber ? `${k('fileNumber')} ${h.fileNumber}` : null].filter(Boolean).join(' · ') : k('subtitleNoHearing'),
    content,
  };
}

/** documents.courtReport */
export async function printCourtReport(
  ctx: HandlerContext,
  input: CourtReportInput & { language: Language; password?: string | undefined; jobId?: string | undefined },
): Promise<DocumentResult> {
  const session = ctx.session!;
  const data = loadCourtReport(
    ctx.services.vault.database,
    actorOf(session),
    { userId: session.userId, displayName: session.displayName, roles: session.roles },
    input,
    ctx.services.now(),
  );
  const t = translator(input.language);
  return printDocument(
    ctx,
    {
      kind: 'courtReport',
      language: input.language,
      title: t(data.hearing ? 'documents.court.title' : 'documents.court.titleNoHearing'),
      caseId: String(data.header.id),
      caseRef: data.header.caseNumber,
      target: { type: 'case', id: String(data.header.id) },
      password: input.password,
      jobId: input.jobId,
    },
    (frame) => courtReportBody(data, frame),
  );
}
