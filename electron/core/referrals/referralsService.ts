/**
 * Referrals (issue 7; seed 001's "3C": structured, answered, tracked).
 *
 * A referral starts as a draft on a visible, open case. Sending it needs the
 * consent obtained (who, how, when) or the legal ground when consent is not
 * possible — refused with 'referrals.consentRequired' otherwise, and nothing
 * changes. Sending sets the reply day (REPLY_WORKING_DAYS by urgency) and
 * writes a 'referral' task "reply expected" for the case's responsible
 * caseworker, so an unanswered referral shows on the dashboard as overdue.
 * Each state change is validated against REFERRAL_TRANSITIONS, dated (never
 * before the previous change, never in the future), kept in
 * `referral_history`, and audited (ids and codes only) in the same
 * transaction: each method's spec declares its audit action and the router
 * writes the row; a write here only fills in its target and details
 * (`note`). The SQL of `referrals` and `referral_history` is in referralsRepo.ts.
 */
import type { AuditDetails } from '../../../shared/api/auditDetailKeys';
import { CodedError } from '../../../shared/api/envelope';
import {
  REFERRAL_TRANSITIONS,
  REPLY_WORKING_DAYS,
  type Referral,
  type ReferralFields,
  type ReferralList,
  type ReferralState,
  type ShareSection,
} from '../../../shared/api/schemas/referrals';
import { assertCaseVisible, type Actor } from '../cases/access';
import { isCaseMember, requireOpenCase } from '../cases/casesRepo';
import { dueAtOfDay, localDay } from '../cases/dates';
import { assertLookup } from '../cases/lookupsRepo';
import { noteInCase } from '../cases/notesRepo';
import { closeTasksOf, insertTask } from '../cases/tasksRepo';
import { userLookup, type UserLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import type { RecordAudit } from '../router';
import { assertActiveInstitution } from './institutionsRepo';
import {
  insertReferral,
  insertReferralHistory,
  lastReferralChangeDay,
  markReferralSent,
  referralHistoryRows,
  referralPage,
  referralRow,
  referralRowsOfCase,
  setReferralDeclineReason,
  setReferralOutcome,
  setReferralReply,
  setReferralState,
  updateReferralFields,
  type ReferralFieldValues,
  type ReferralFilter,
  type ReferralRow,
} from './referralsRepo';
import { addWorkingDays } from './workingDays';

/** After an acknowledgement, the service is expected to start within this many working days (a follow-up task). */
export const SERVICE_START_WORKING_DAYS = 10;

const fullName = (first: string | null, last: string | null): string | null => (first === null ? null : `${first} ${last ?? ''}`.trim());

/** Consent complete (who, how, when) or a legal ground: what sending needs. */
export function consentRecorded(r: Pick<ReferralRow, 'legal_ground' | 'consent_method' | 'consent_on' | 'consent_person_id' | 'consent_name'>): boolean {
  if (r.legal_ground) return true;
  return Boolean(r.consent_method && r.consent_on && (r.consent_person_id !== null || r.consent_name));
}

function historyOf(db: Db, ids: number[], users: UserLookup): Map<number, Referral['history']> {
  const out = new Map<number, Referral['history']>(ids.map((id) => [id, []]));
  for (const h of referralHistoryRows(db, ids)) out.get(h.referral_id)!.push({ id: h.id, from: h.from_state, to: h.to_state, on: h.on_day, note: h.note, at: h.at, by: users(h.by_user_id) });
  return out;
}

function toReferral(r: ReferralRow, history: Referral['history'], users: UserLookup, today: string): Referral {
  const hasConsent = r.consent_method !== null || r.consent_on !== null || r.consent_person_id !== null || r.consent_name !== null;
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    childName: fullName(r.child_first, r.child_last),
    person: r.person_id !== null ? { id: r.person_id, name: fullName(r.person_first, r.person_last) ?? '' } : null,
    institution: { id: r.institution_id, name: r.inst_name, type: r.inst_type },
    services: JSON.parse(r.services) as string[],
    servicesOther: r.services_other,
    urgency: r.urgency,
    reason: r.reason,
    consent: hasConsent
      ? {
          givenByPersonId: r.consent_person_id,
          givenByName: r.consent_person_id !== null ? fullName(r.consent_first, r.consent_last) : r.consent_name,
          method: r.consent_method,
          on: r.consent_on,
        }
      : null,
    legalGround: r.legal_ground,
    consentRecorded: consentRecorded(r),
    sharedSections: JSON.parse(r.shared_sections) as ShareSection[],
    sharedNoteIds: JSON.parse(r.shared_note_ids) as number[],
    state: r.state,
    sentOn: r.sent_on,
    replyDueOn: r.reply_due_on,
    replyOverdue: r.state === 'sent' && r.reply_due_on !== null && r.reply_due_on < today,
    acknowledgedOn: r.acknowledged_on,
    serviceStartedOn: r.service_started_on,
    endedOn: r.ended_on,
    outcome: r.outcome,
    declineReason: r.decline_reason,
    reply:
      r.reply_recorded_at !== null
        ? {
            receivedOn: r.reply_received_on,
            serviceStartedOn: r.reply_service_started_on,
            contactPerson: r.reply_contact_person,
            outcome: r.reply_outcome,
            recordedAt: r.reply_recorded_at,
            recordedBy: users(r.reply_recorded_by ?? ''),
          }
        : null,
    history,
    createdBy: users(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function rowOf(db: Db, id: number): ReferralRow {
  const row = referralRow(db, id);
  if (!row) throw new CodedError('referrals.notFound');
  return row;
}

/** The referral's row, when the actor may see its case; 'referrals.notFound' otherwise (ids cannot be probed). */
function visibleRow(db: Db, actor: Actor, id: number): ReferralRow {
  const row = rowOf(db, id);
  try {
    assertCaseVisible(db, actor, row.case_id);
  } catch {
    throw new CodedError('referrals.notFound');
  }
  return row;
}

export function getReferral(db: Db, actor: Actor, id: number, now: Date): Referral {
  const row = visibleRow(db, actor, id);
  const users = userLookup(db);
  return toReferral(row, historyOf(db, [id], users).get(id)!, users, localDay(now));
}

export function referralsForCase(db: Db, actor: Actor, caseId: number, now: Date): Referral[] {
  assertCaseVisible(db, actor, caseId);
  const rows = referralRowsOfCase(db, caseId);
  const users = userLookup(db);
  const history = historyOf(
    db,
    rows.map((r) => r.id),
    users,
  );
  const today = localDay(now);
  return rows.map((r) => toReferral(r, history.get(r.id)!, users, today));
}

export type ReferralQuery = ReferralFilter;

/** Referrals of the cases the actor may see: overdue replies first, then the newest. */
export function listReferrals(db: Db, actor: Actor, query: ReferralQuery, now: Date): ReferralList {
  const today = localDay(now);
  const { total, overdue, rows } = referralPage(db, actor, query, today);
  const users = userLookup(db);
  const history = historyOf(
    db,
    rows.map((r) => r.id),
    users,
  );
  return { total, overdue, rows: rows.map((r) => toReferral(r, history.get(r.id)!, users, today)) };
}

// --- writes ----------------------------------------------------------------------------------

/** The audit row the router writes for the call (its action is the method spec's): the referral and ids and codes only. */
function audit(note: RecordAudit, referralId: number, details: AuditDetails): void {
  note({ targetType: 'referral', targetId: String(referralId), details });
}

const assertCaseOpen = (db: Db, caseId: number): void => void requireOpenCase(db, caseId, 'referrals.caseClosed');

/** The fields as checked, before the arrays are stored as JSON (ReferralFieldValues). */
type CleanFields = Omit<ReferralFieldValues, 'services' | 'sharedSections' | 'sharedNoteIds'> & { services: string[]; sharedSections: ShareSection[]; sharedNoteIds: number[] };

/** Checks a draft's fields against the case and the directory; returns them ready to store. */
function cleanFields(db: Db, caseId: number, f: ReferralFields, today: string): CleanFields {
  const personId = f.personId ?? null;
  if (personId !== null && !isCaseMember(db, caseId, personId)) throw new CodedError('referrals.personNotInCase', { field: 'personId' });
  assertActiveInstitution(db, f.institutionId, 'institutionId');
  const services = [...new Set(f.services)];
  services.forEach((code, i) => assertLookup(db, 'service', code, `services.${i}`));

  const consentPersonId = f.consent?.givenByPersonId ?? null;
  if (consentPersonId !== null && !isCaseMember(db, caseId, consentPersonId)) throw new CodedError('referrals.consentPersonNotInCase', { field: 'consent.givenByPersonId' });
  const consentOn = f.consent?.on ?? null;
  if (consentOn !== null && consentOn > today) throw new CodedError('referrals.dateInFuture', { field: 'consent.on' });

  const sharedSections = [...new Set(f.sharedSections)];
  let sharedNoteIds: number[] = [];
  if (sharedSections.includes('notes')) {
    sharedNoteIds = [...new Set(f.sharedNoteIds)];
    if (!sharedNoteIds.length) throw new CodedError('referrals.notesNotPicked', { field: 'sharedNoteIds' });
    sharedNoteIds.forEach((id, i) => {
      if (!noteInCase(db, id, caseId)) throw new CodedError('referrals.noteNotInCase', { field: `sharedNoteIds.${i}` });
    });
  }
  return {
    personId,
    institutionId: f.institutionId,
    services,
    servicesOther: f.servicesOther,
    urgency: f.urgency,
    reason: f.reason,
    consentPersonId,
    // A member's consent is named by the member; a typed name only when no member is chosen.
    consentName: consentPersonId !== null ? null : (f.consent?.givenByName ?? null),
    consentMethod: f.consent?.method ?? null,
    consentOn,
    legalGround: f.legalGround,
    sharedSections,
    sharedNoteIds,
  };
}

const fieldParams = (f: CleanFields): ReferralFieldValues => ({
  personId: f.personId,
  institutionId: f.institutionId,
  services: JSON.stringify(f.services),
  servicesOther: f.servicesOther,
  urgency: f.urgency,
  reason: f.reason,
  consentPersonId: f.consentPersonId,
  consentName: f.consentName,
  consentMethod: f.consentMethod,
  consentOn: f.consentOn,
  legalGround: f.legalGround,
  sharedSections: JSON.stringify(f.sharedSections),
  sharedNoteIds: JSON.stringify(f.sharedNoteIds),
});

function addHistory(db: Db, referralId: number, from: ReferralState | null, to: ReferralState, on: string, note: string | null, actor: Actor, at: string): void {
  insertReferralHistory(db, { referralId, from, to, on, note, by: actor.userId, at });
}

export function createReferral(db: Db, actor: Actor, caseId: number, fields: ReferralFields, now: Date, note: RecordAudit): Referral {
  const at = now.toISOString();
  const today = localDay(now);
  const id = db.transaction(() => {
    assertCaseVisible(db, actor, caseId);
    assertCaseOpen(db, caseId);
    const f = cleanFields(db, caseId, fields, today);
    const newId = insertReferral(db, caseId, fieldParams(f), actor.userId, at);
    addHistory(db, newId, null, 'draft', today, null, actor, at);
    audit(note, newId, { caseId, institutionId: f.institutionId, urgency: f.urgency, sections: f.sharedSections.join(',') });
    return newId;
  })();
  return getReferral(db, actor, id, now);
}

export function updateDraft(db: Db, actor: Actor, id: number, expectedVersion: number, fields: ReferralFields, now: Date, note: RecordAudit): Referral {
  const at = now.toISOString();
  db.transaction(() => {
    const row = visibleRow(db, actor, id);
    if (row.state !== 'draft') throw new CodedError('referrals.notDraft');
    if (row.version !== expectedVersion) throw new CodedError('referrals.conflict');
    assertCaseOpen(db, row.case_id);
    const f = cleanFields(db, row.case_id, fields, localDay(now));
    updateReferralFields(db, id, fieldParams(f), actor.userId, at);
    audit(note, id, { caseId: row.case_id, institutionId: f.institutionId, urgency: f.urgency, sections: f.sharedSections.join(',') });
  })();
  return getReferral(db, actor, id, now);
}

/** The day of a state change: given or today; not in the future; not before the previous change. */
function changeDay(db: Db, id: number, on: string | undefined, today: string, field = 'on'): string {
  const day = on ?? today;
  if (day > today) throw new CodedError('referrals.dateInFuture', { field });
  const last = lastReferralChangeDay(db, id);
  if (last !== null && day < last) throw new CodedError('referrals.dateBeforePrevious', { field, date: last });
  return day;
}

function assertTransition(from: ReferralState, to: ReferralState): void {
  if (!REFERRAL_TRANSITIONS[from].includes(to)) throw new CodedError('referrals.transitionInvalid', { from, to });
}

export interface SendInput {
  id: number;
  on?: string | undefined;
  /** Another reply day than the default (REPLY_WORKING_DAYS after sending). */
  replyDueOn?: string | undefined;
}

export function sendReferral(db: Db, actor: Actor, input: SendInput, now: Date, note: RecordAudit): Referral {
  const at = now.toISOString();
  const today = localDay(now);
  db.transaction(() => {
    const row = visibleRow(db, actor, input.id);
    assertTransition(row.state, 'sent');
    assertCaseOpen(db, row.case_id);
    if (!consentRecorded(row)) throw new CodedError('referrals.consentRequired', { field: 'consent' });
    if (JSON.parse(row.services).length === 0 && !row.services_other) throw new CodedError('referrals.servicesRequired', { field: 'services' });
    assertActiveInstitution(db, row.institution_id, 'institutionId');
    const on = changeDay(db, input.id, input.on, today);
    const replyDueOn = input.replyDueOn ?? addWorkingDays(on, REPLY_WORKING_DAYS[row.urgency]);
    if (replyDueOn < on) throw new CodedError('referrals.replyDueBeforeSent', { field: 'replyDueOn' });

    markReferralSent(db, input.id, on, replyDueOn, actor.userId, at);
    addHistory(db, input.id, row.state, 'sent', on, null, actor, at);
    const taskId = insertTask(
      db,
      {
        caseId: row.case_id,
        kind: 'referralReply',
        source: 'referral',
        sourceId: input.id,
        titleKey: 'tasks.referral.replyExpected',
        titleParams: { institution: row.inst_name },
        dueAt: dueAtOfDay(replyDueOn),
        createdBy: actor.userId,
      },
      at,
    );
    audit(note, input.id, { caseId: row.case_id, institutionId: row.institution_id, replyDueOn, taskId });
  })();
  return getReferral(db, actor, input.id, now);
}

export type ReferralAction = 'acknowledge' | 'serviceStarted' | 'close' | 'decline';
const ACTION_TARGET: Record<ReferralAction, ReferralState> = { acknowledge: 'acknowledged', serviceStarted: 'service_started', close: 'closed', decline: 'declined' };

export interface TransitionInput {
  id: number;
  on?: string | undefined;
  /** acknowledge / serviceStarted: an optional note; close: the outcome; decline: the reason (both required). */
  text?: string | null | undefined;
}

/** Moves the referral one step and keeps its tasks in step (inside the caller's transaction). */
function applyTransition(db: Db, actor: Actor, row: ReferralRow, to: ReferralState, on: string, note: string | null, at: string): void {
  assertTransition(row.state, to);
  if (!setReferralState(db, row.id, to, on, actor.userId, at)) throw new CodedError('referrals.transitionInvalid', { from: row.state, to });
  addHistory(db, row.id, row.state, to, on, note, actor, at);
  // Whatever was awaited is no longer awaited: the reply (once acknowledged), the service start, everything at the end.
  closeTasksOf(db, 'referral', row.id, actor.userId, at);
  if (to === 'acknowledged') {
    insertTask(
      db,
      {
        caseId: row.case_id,
        kind: 'referralServiceStart',
        source: 'referral',
        sourceId: row.id,
        titleKey: 'tasks.referral.serviceStartExpected',
        titleParams: { institution: row.inst_name },
        dueAt: dueAtOfDay(addWorkingDays(on, SERVICE_START_WORKING_DAYS)),
        createdBy: actor.userId,
      },
      at,
    );
  }
  row.state = to;
}

export function transitionReferral(db: Db, actor: Actor, action: ReferralAction, input: TransitionInput, now: Date, note: RecordAudit): Referral {
  const at = now.toISOString();
  const to = ACTION_TARGET[action];
  db.transaction(() => {
    const row = visibleRow(db, actor, input.id);
    assertTransition(row.state, to);
    const text = input.text?.trim() || null;
    if (action === 'close' && !text) throw new CodedError('referrals.outcomeRequired', { field: 'text' });
    if (action === 'decline' && !text) throw new CodedError('referrals.declineReasonRequired', { field: 'text' });
    const on = changeDay(db, input.id, input.on, localDay(now));
    const caseId = row.case_id;
    const from = row.state;
    applyTransition(db, actor, row, to, on, action === 'acknowledge' || action === 'serviceStarted' ? text : null, at);
    if (action === 'close') setReferralOutcome(db, input.id, text);
    if (action === 'decline') setReferralDeclineReason(db, input.id, text);
    audit(note, input.id, { caseId, from, to });
  })();
  return getReferral(db, actor, input.id, now);
}

export interface ReplyInput {
  id: number;
  receivedOn: string;
  serviceStartedOn?: string | null | undefined;
  contactPerson?: string | null | undefined;
  outcome?: string | null | undefined;
}

/**
 * The receiving institution's reply slip (received on, service started on,
 * contact person, outcome). Recording it moves a sent referral to
 * acknowledged on the day received, and on to service started when the slip
 * gives that day.
 */
export function recordReply(db: Db, actor: Actor, input: ReplyInput, now: Date, note: RecordAudit): Referral {
  const at = now.toISOString();
  const today = localDay(now);
  db.transaction(() => {
    const row = visibleRow(db, actor, input.id);
    if (!['sent', 'acknowledged', 'service_started'].includes(row.state)) throw new CodedError('referrals.replyNotExpected', { state: row.state });
    if (input.receivedOn > today) throw new CodedError('referrals.dateInFuture', { field: 'receivedOn' });
    if (row.sent_on !== null && input.receivedOn < row.sent_on) throw new CodedError('referrals.dateBeforePrevious', { field: 'receivedOn', date: row.sent_on });
    const started = input.serviceStartedOn ?? null;
    if (started !== null) {
      if (started > today) throw new CodedError('referrals.dateInFuture', { field: 'serviceStartedOn' });
      if (started < input.receivedOn) throw new CodedError('referrals.serviceBeforeReceived', { field: 'serviceStartedOn' });
    }
    const from = row.state;
    setReferralReply(db, input.id, { received: input.receivedOn, started, contact: input.contactPerson?.trim() || null, outcome: input.outcome?.trim() || null }, actor.userId, at);
    if (row.state === 'sent') applyTransition(db, actor, row, 'acknowledged', changeDay(db, input.id, input.receivedOn, today, 'receivedOn'), null, at);
    if (started !== null && row.state === 'acknowledged') applyTransition(db, actor, row, 'service_started', changeDay(db, input.id, started, today, 'serviceStartedOn'), null, at);
    audit(note, input.id, { caseId: row.case_id, from, to: row.state });
  })();
  return getReferral(db, actor, input.id, now);
}
