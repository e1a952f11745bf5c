/**
 * The social inquiry report (Sosyal İnceleme Raporu, Law 5395 art. 35;
 * documents.courtReport): addressed to the court of the hearing ("… HÂKİMLİĞİNE",
 * Dosya No, Konu), on the office's letterhead, in the order such reports use:
 *   1 the request — court, file, the date of the order asking for it, or the
 *     office's own motion; the case's real stage and when it last changed;
 *   2 method — every interview and home visit chosen, with date, place and who was seen;
 *   3 identity of the child and family;
 *   4 family history and dynamics (typed), then the case's chronology;
 *   5 the child's development, health and education;
 *   6 the child's own views and wishes, and when and how the child was heard (or why not);
 *   7 housing and economic situation;
 *   8 the risk assessment — levels over time, criteria ticked, domains screened, who approved;
 *   9 services and referrals with outcomes; 10 hearings and orders with compliance;
 *   11 assessment (the professional opinion); 12 conclusion and recommendation, naming
 *      the art. 5 measures proposed;
 *   signatures: the caseworker and the approving supervisor (from the approval
 *   record), each with their title.
 * What the caseworker types or chooses is a versioned draft per case and hearing
 * (courtReportDraftsRepo.ts); a print carries one version, recorded in the register.
 * Refused: no risk assessment ('documents.courtReportNoAssessment'), no opinion or
 * recommendation ('documents.courtReportIncomplete'). Empty data prints "Belirtilmemiş".
 */
import type { TFunction } from 'i18next';
import { CodedError } from '../../../shared/api/envelope';
import type { DocumentResult } from '../../../shared/api/methods/documents';
import type { AssessmentRecord } from '../../../shared/api/schemas/assessments';
import {
  COURT_REPORT_GAPS,
  METHOD_NOTE_TYPES,
  type CourtReportDraft,
  type CourtReportDraftContent,
  type CourtReportPreparation,
} from '../../../shared/api/schemas/courtReport';
import type { UserTitle } from '../../../shared/api/schemas/office';
import type { CaseHeader, Household, Intake, Lookup, Member, NoteSummary, ServiceRecord } from '../../../shared/api/schemas/cases';
import type { Hearing } from '../../../shared/api/schemas/court';
import { can, type Role } from '../../../shared/auth/permissions';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
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
import { listAttachments } from '../attachments/attachmentsRepo';
import type { Db } from '../db/open';
import { readOffice } from '../office/officeService';
import type { HandlerContext } from '../router';
import { findUserById } from '../users/usersRepo';
import { annexLines, loadAnnexes, type Annex } from './annexes';
import { documentBlocks, type DocumentBlocks } from './blocks';
import { emptyDraft, latestDraft, saveDraft } from './courtReportDraftsRepo';
import { printDocument } from './documentService';
import { formatDateTime, formatDay, formatLanguages } from './format';
import { contentWidth, type DocumentBody, type FrameInfo } from './frame';
import { birthText, idText, labelledText, levelName, lookupLabels, personName, type LookupLabels } from './labels';
import { CHART_HEIGHT, levelStepChart } from './levelChart';
import type { Content } from './pdfTypes';

/** Every note of the case, however many years it spans. */
const ALL_NOTES = 1_000_000;

export interface CourtReportInput {
  caseId: number;
  hearingId?: number | undefined;
  /** Typed at print time: saved as the next draft version before printing. */
  opinion?: string | undefined;
  recommendation?: string | undefined;
  draft?: Partial<CourtReportDraftContent> | undefined;
}

/** A signer as printed: name and title (the user's profile title, else the role). */
export interface SignerInfo {
  name: string;
  title: UserTitle | null;
  role: 'caseworker' | 'supervisor';
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
  /** The draft version printed (its content is in `draft`). */
  draftVersion: number | null;
  draft: CourtReportDraftContent;
  preparer: SignerInfo;
  /** The approving supervisor from the approval record (the latest approved assessment), or null. */
  approver: (SignerInfo & { at: string | null }) | null;
  /** When the case's stage last changed (the latest transition), else when it was opened. */
  stageSince: string;
  /** The office's unit name as printed and its place (for "Yer" of office interviews). */
  officeName: string;
  /** Attachments listed under Ekler (the draft's choice); PDFs carry bytes when they are appended. */
  annexes: Annex[];
  now: Date;
}

function pickHearing(court: CourtCaseData, hearingId: number | undefined): Hearing | null {
  if (hearingId !== undefined) {
    const hearing = court.hearings.find((h) => h.id === hearingId);
    if (!hearing) throw new CodedError('documents.hearingNotFound', { field: 'hearingId' });
    return hearing;
  }
  return court.nextHearing ?? court.hearings.at(-1) ?? null;
}

const isMethodNote = (n: NoteSummary) => (METHOD_NOTE_TYPES as readonly string[]).includes(n.type);

/** What the print dialog needs before anything is typed: hearings, the saved draft, method items, what is missing. */
export function prepareCourtReport(db: Db, actor: Actor, input: { caseId: number; hearingId?: number | undefined }, now: Date): CourtReportPreparation {
  assertCaseVisible(db, actor, input.caseId);
  const users = userLookup(db);
  const court = courtDataForCase(db, actor, input.caseId, now);
  const hearing = pickHearing(court, input.hearingId);
  const draft = latestDraft(db, input.caseId, hearing?.id ?? null);
  const members = listMembers(db, input.caseId, actor);
  const names = new Map(members.map((m) => [m.person.id, personName(m.person)]));
  const notes = listNotes(db, input.caseId, users, ALL_NOTES).notes.reverse().filter(isMethodNote);
  const assessments = listForCase(db, actor, input.caseId);
  const missing = COURT_REPORT_GAPS.filter((gap) => (gap === 'assessment' ? assessments.length === 0 : !draft || draft.content[gap].trim() === ''));
  return {
    caseId: input.caseId,
    hearingId: hearing?.id ?? null,
    hearings: court.hearings.map((h) => ({ id: h.id, courtName: h.courtName, fileNumber: h.fileNumber, hearingAt: h.hearingAt })),
    draft,
    methodItems: notes.map((n) => ({ noteId: n.id, type: n.type, occurredAt: n.occurredAt, seen: seenText(n, names, users) || null })),
    missing,
    attachments: listAttachments(db, input.caseId)
      .filter((a) => !a.deleted)
      .map((a) => ({ id: a.id, fileName: a.fileName, kind: a.kind, addedAt: a.addedAt })),
  };
}

/** Saves the dialog's fields as the next draft version (documents.courtReportSaveDraft). */
export function saveCourtReportDraft(
  db: Db,
  actor: Actor,
  who: { userId: string; username: string },
  input: { caseId: number; hearingId?: number | undefined; content: CourtReportDraftContent },
  now: Date,
): CourtReportDraft {
  assertCaseVisible(db, actor, input.caseId);
  const hearing = pickHearing(courtDataForCase(db, actor, input.caseId, now), input.hearingId);
  return saveDraft(db, { caseId: input.caseId, hearingId: hearing?.id ?? null, content: input.content, userId: who.userId, username: who.username, now });
}

function seenText(note: NoteSummary, names: Map<number, string>, users: UserLookup): string {
  return [...note.present.people.map((id) => names.get(id) ?? null), ...note.present.users.map((id) => users(id).displayName), note.present.others]
    .filter((x): x is string => Boolean(x))
    .join(', ');
}

const signer = (db: Db, id: string, name: string, role: SignerInfo['role']): SignerInfo => ({ name, title: findUserById(db, id)?.title ?? null, role });

/**
 * Loads the whole report; visibility as for cases.get ('cases.notFound'). What
 * the input carries of the draft (opinion, recommendation, other parts) is saved
 * as the next version first; the report prints the latest version.
 */
export function loadCourtReport(
  db: Db,
  actor: Actor,
  printedBy: CourtReportData['printedBy'] & { username: string },
  input: CourtReportInput,
  now: Date,
): CourtReportData {
  assertCaseVisible(db, actor, input.caseId);
  const assessments = listForCase(db, actor, input.caseId);
  if (assessments.length === 0) throw new CodedError('documents.courtReportNoAssessment', { field: 'caseId' });
  const users = userLookup(db);
  const header = caseHeader(db, input.caseId, users);
  const court = courtDataForCase(db, actor, input.caseId, now);
  const hearing = pickHearing(court, input.hearingId);
  let stored = latestDraft(db, input.caseId, hearing?.id ?? null);
  const typed: Partial<CourtReportDraftContent> = {
    ...(input.draft ?? {}),
    ...(input.opinion !== undefined ? { opinion: input.opinion } : {}),
    ...(input.recommendation !== undefined ? { recommendation: input.recommendation } : {}),
  };
  const content: CourtReportDraftContent = { ...(stored?.content ?? emptyDraft()), ...typed };
  // What was typed is kept even when the report is refused below: nothing typed is lost.
  if (Object.keys(typed).length > 0) {
    stored = saveDraft(db, { caseId: input.caseId, hearingId: hearing?.id ?? null, content, userId: printedBy.userId, username: printedBy.username, now });
  }
  const missing = (['opinion', 'recommendation'] as const).filter((k) => content[k].trim() === '');
  if (missing.length || !stored) throw new CodedError('documents.courtReportIncomplete', { field: missing[0] ?? 'opinion', missing: missing.join(',') });
  const history = statusHistory(db, input.caseId, users);
  const approved = [...assessments].reverse().find((a) => a.status === 'approved' && a.decidedBy);
  const supervisorPrints = can(printedBy.roles, 'case:approve') && printedBy.userId !== header.responsible.id;
  const approver = approved?.decidedBy
    ? { ...signer(db, approved.decidedBy.id, approved.decidedBy.name, 'supervisor'), at: approved.decidedAt }
    : supervisorPrints
      ? { ...signer(db, printedBy.userId, printedBy.displayName, 'supervisor'), at: null }
      : null;
  return {
    header,
    household: getHousehold(db, header.householdId)!,
    members: listMembers(db, input.caseId, actor),
    intakes: listIntakes(db, input.caseId, users),
    history,
    notes: listNotes(db, input.caseId, users, ALL_NOTES).notes.reverse(),
    services: listServices(db, input.caseId, users).reverse(),
    assessments,
    court,
    hearing,
    lookups: listLookups(db, undefined, true),
    users,
    printedBy,
    draftVersion: stored.version,
    draft: stored.content,
    preparer: signer(db, header.responsible.id, header.responsible.displayName, 'caseworker'),
    approver,
    stageSince: history.filter((h) => h.event !== 'created').at(-1)?.at ?? header.openedAt,
    officeName: readOffice(db).printedName,
    annexes: loadAnnexes(db, input.caseId, stored.content.attachmentIds, stored.content.appendPdfs, { field: 'draft.attachmentIds', skipGone: true }),
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
            [k('languages'), formatLanguages(p.languages, language) || null],
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

/** "İSTANBUL 3. ÇOCUK MAHKEMESİ HÂKİMLİĞİNE": courts are addressed in capitals, the Turkish way. */
const upper = (text: string) => text.toLocaleUpperCase('tr-TR');

/** The method section: every chosen interview and visit, with date, place and who was seen. */
function methodSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, t, k, moment } = c;
  const names = new Map(data.members.map((m) => [m.person.id, personName(m.person)]));
  const chosen = data.draft.methodNoteIds;
  const notes = data.notes.filter(isMethodNote).filter((n) => chosen === null || chosen.includes(n.id));
  const home = [data.household.address, [data.household.district, data.household.city].filter(Boolean).join(' / ')].filter(Boolean).join(', ');
  const place = (n: NoteSummary) => (n.type === 'home_visit' ? home || k('method.home') : n.type === 'phone_call' ? k('method.byPhone') : data.officeName);
  return [
    { text: k('method.intro'), margin: [0, 0, 0, 4] },
    b.table({
      columns: [
        { header: k('col.date'), width: 84 },
        { header: k('col.method'), width: 96 },
        { header: k('col.place'), width: '*' },
        { header: k('col.seen'), width: '*' },
      ],
      rows: notes.map((n) => [
        moment(n.occurredAt),
        t(`notes.type.${n.type}`) + (n.visitRefused ? `\n${k('visitRefused')}` : ''),
        place(n),
        seenText(n, names, data.users) || null,
      ]),
      emptyText: k('method.none'),
    }),
    { text: k('method.records'), style: 'small', color: '#5b6570', margin: [0, 0, 0, 4] },
  ];
}

/** The child's development, health and education: what is recorded about each child, then the typed text. */
function developmentSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, t, k, language } = c;
  const children = data.members.filter((m) => m.role === 'child').sort((x, y) => Number(y.isPrimary) - Number(x.isPrimary));
  return [
    ...children.flatMap((child): Content[] => {
      const p = child.person;
      return [
        { text: k('childDetails', { name: personName(p) }), style: 'h2', headlineLevel: 1 },
        b.keyValue([
          [k('born'), birthText(p, language, t, data.now)],
          [k('school'), p.school],
          [k('disability'), p.disability],
          [k('languages'), formatLanguages(p.languages, language) || null],
        ]),
      ];
    }),
    ...b.longText(data.draft.development, { emptyText: b.missing }),
  ];
}

/** The child's views and wishes, in the child's words, and when and how the child was heard (or why not). */
function childViewsSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, k } = c;
  const views = data.draft.childViews.trim();
  return [
    ...(views
      ? b.longText(views).map((p) => ({ ...(p as object), italics: true, margin: [14, 0, 0, 6] }) as Content)
      : [{ text: b.missing, italics: true, margin: [0, 0, 0, 6] } as Content]),
    b.keyValue([[k('childHeard'), data.draft.childHeard.trim() || null]]),
  ];
}

/** Housing and economic situation: the household as recorded, then the typed text. */
function housingSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, k } = c;
  const h = data.household;
  return [
    b.keyValue([
      [k('address'), h.address],
      [k('place'), [h.district, h.city].filter(Boolean).join(' / ') || null],
      [k('phone'), h.phone],
    ]),
    ...b.longText(data.draft.housing, { emptyText: b.missing }),
  ];
}

/** Per assessment: the criteria ticked (domain: criterion), the domains screened, and who approved it. */
function assessmentDetails(data: CourtReportData, c: Ctx): Content[] {
  const { b, k, language, moment, level } = c;
  const blocks: Content[] = [];
  data.assessments.forEach((a, i) => {
    const ticked = INSTRUMENT.domains.flatMap((d) => d.criteria.filter((x) => a.criteria.includes(x.id)).map((x) => `${d[language]}: ${x[language]}`));
    const screenedIds = (a as AssessmentRecord & { screened?: string[] }).screened ?? [];
    const screened = INSTRUMENT.domains.filter((d) => screenedIds.includes(d.id)).map((d) => d[language]);
    const approval =
      a.status === 'approved' && a.decidedBy
        ? k('approvedBy', { name: a.decidedBy.name, date: moment(a.decidedAt) ?? b.missing })
        : a.status === 'returned' && a.decidedBy
          ? k('returnedBy', { name: a.decidedBy.name, date: moment(a.decidedAt) ?? b.missing })
          : k('assessmentStatus.pending_approval');
    blocks.push(
      { text: k('assessmentEntry', { n: i + 1, level: level(a.finalLevel) }) + ` — ${moment(a.assessedAt)}`, style: 'h2', headlineLevel: 1 },
      b.keyValue([
        [k('assessedBy'), a.assessedBy.name],
        [k('approval'), approval],
        [k('criteriaTicked', { count: ticked.length }), ticked.length ? { ul: ticked.map((x) => ({ text: x, fontSize: 9 })) } : k('noCriteria')],
        [k('domainsScreened', { count: screened.length }), screened.join(', ') || null],
      ]),
    );
  });
  return blocks;
}

/** The conclusion: the art. 5 measures proposed, then the recommendation with its reasons. */
function conclusionSection(data: CourtReportData, c: Ctx): Content[] {
  const { b, k } = c;
  return [
    { text: k('measuresIntro'), bold: true, margin: [0, 0, 0, 3] },
    b.list(
      data.draft.measures.map((m) => k(`measure.${m}`)),
      { emptyText: k('noMeasures') },
    ),
    ...b.longText(data.draft.recommendation),
  ];
}

/** The body of the report. */
export function courtReportBody(data: CourtReportData, frame: FrameInfo): DocumentBody {
  const { language } = frame;
  const t = translator(language);
  const b = documentBlocks(language, { missing: 'notStated' });
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
  const d = data.draft;
  let n = 0;
  const section = (title: string, blocks: Content[], options: { emptyText?: string } = {}) => b.section(`${(n += 1)}. ${title}`, blocks, options);
  const titleOf = (s: SignerInfo) => (s.title ? t(`userTitles.${s.title}`) : t(`roles.${s.role}`));
  const officeName = frame.letterhead?.printedName ?? frame.officeName;

  const addressing: Content[] = [
    { text: h ? k('addressee', { court: upper(h.courtName) }) : k('addresseeNone'), bold: true, alignment: 'center', fontSize: 11.5, margin: [0, 4, 0, 10] },
    { text: [{ text: `${k('fileNo')}: `, bold: true }, h?.fileNumber ?? b.missing] },
    { text: [{ text: `${k('subject')}: `, bold: true }, k('subjectText')], margin: [0, 0, 0, 10] },
  ];

  const request = h
    ? d.requestOrderedOn
      ? k('requestOrder', { court: h.courtName, file: h.fileNumber ?? b.missing, date: c.day(d.requestOrderedOn) })
      : k('requestHearing', { court: h.courtName, file: h.fileNumber ?? b.missing, date: c.moment(h.hearingAt) })
    : k('requestOwnMotion', { office: officeName });

  const content: Content[] = [
    ...section(k('section.request'), [
      { text: request, margin: [0, 0, 0, 6] },
      b.keyValue([
        [k('court'), h ? h.courtName : null],
        [k('fileNumber'), h ? h.fileNumber : null],
        [k('requestDate'), d.requestOrderedOn ? c.day(d.requestOrderedOn) : k('ownMotion')],
        [k('hearingAt'), h ? `${c.moment(h.hearingAt)} — ${t(`documents.labels.hearingStatus.${h.status}`)}` : null],
        [k('judge'), h ? h.judge : null],
        [k('caseNumber'), kase.caseNumber],
        [k('openedAt'), c.day(kase.openedAt)],
        [k('stage'), k('stageSince', { stage: t(`cases.status.${kase.status}`), date: c.day(data.stageSince) })],
        [k('priority'), { text: c.level(kase.priority), bold: true }],
        [k('responsible'), kase.responsible.displayName],
      ]),
    ]),
    ...section(k('section.method'), methodSection(data, c)),
    ...section(k('section.family'), childFamily(data, c)),
    ...section(k('section.history'), [...b.longText(d.familyHistory, { emptyText: b.missing }), { text: k('chronologyTitle'), style: 'h2', headlineLevel: 1 }, ...chronology(data, c)]),
    ...section(k('section.development'), developmentSection(data, c)),
    ...section(k('section.childViews'), childViewsSection(data, c)),
    ...section(k('section.housing'), housingSection(data, c)),
    ...section(k('section.assessments'), [...assessmentsSection(data, c), ...assessmentDetails(data, c)]),
    ...section(k('section.services'), servicesSection(data, c)),
    ...section(k('section.orders'), courtSection(data, c)),
    ...section(k('section.opinion'), b.longText(d.opinion)),
    ...section(k('section.conclusion'), conclusionSection(data, c)),
    b.signatures([
      { role: k('signCaseworker'), name: data.preparer.name, title: titleOf(data.preparer) },
      {
        role: k('signSupervisor'),
        name: data.approver?.name ?? null,
        title: data.approver ? titleOf(data.approver) + (data.approver.at ? ` — ${k('approvedOn', { date: c.day(data.approver.at) })}` : '') : null,
      },
    ]),
    ...(data.annexes.length
      ? [
          {
            margin: [0, 12, 0, 0],
            stack: [{ text: `${t('documents.annex.title')}:`, bold: true }, ...annexLines(data.annexes, language).map((line) => ({ text: line, margin: [0, 2, 0, 0] }))],
          } as Content,
        ]
      : []),
    { text: k('draftVersion', { version: data.draftVersion }), style: 'small', color: '#5b6570', alignment: 'right', margin: [0, 8, 0, 0] },
  ];
  return {
    addressing,
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
    { userId: session.userId, username: session.username, displayName: session.displayName, roles: session.roles },
    input,
    ctx.services.now(),
  );
  const t = translator(input.language);
  return printDocument(
    ctx,
    {
      kind: 'courtReport',
      language: input.language,
      title: t('documents.court.title'),
      caseId: String(data.header.id),
      caseRef: data.header.caseNumber,
      target: { type: 'case', id: String(data.header.id) },
      password: input.password,
      jobId: input.jobId,
      draftVersion: data.draftVersion,
      annexes: data.annexes,
    },
    (frame) => courtReportBody(data, frame),
  );
}
