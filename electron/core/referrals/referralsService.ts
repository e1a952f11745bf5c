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
 * transaction. Owns the SQL of `referrals` and `referral_history`.
 */
import { CodedError } from '../../../shared/api/envelope';
import {
  REFERRAL_TRANSITIONS,
  REPLY_WORKING_DAYS,
  type Referral,
  type ReferralFields,
  type ReferralList,
  type ReferralState,
  type ShareSection,
  type Urgency,
} from '../../../shared/api/schemas/referrals';
import { appendAudit, type AuditAction } from '../audit/auditLog';
import { assertCaseVisible, visibleSql, type Actor } from '../cases/access';
import { dueAtOfDay, localDay } from '../cases/dates';
import { assertLookup } from '../cases/lookupsRepo';
import { closeTasksOf, insertTask } from '../cases/tasksRepo';
import { userLookup, type UserLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import { assertActiveInstitution } from './institutionsRepo';
import { addWorkingDays } from './workingDays';
import { assertNotTransferred } from '../transfer/caseTransfer';

/** After an acknowledgement, the service is expected to start within this many working days (a follow-up task). */
export const SERVICE_START_WORKING_DAYS = 10;

interface Row {
  id: number;
  case_id: number;
  person_id: number | null;
  institution_id: number;
  services: string;
  services_other: string | null;
  urgency: Urgency;
  reason: string;
  consent_person_id: number | null;
  consent_name: string | null;
  consent_method: 'written' | 'verbal' | null;
  consent_on: string | null;
  legal_ground: string | null;
  shared_sections: string;
  shared_note_ids: string;
  state: ReferralState;
  sent_on: string | null;
  reply_due_on: string | null;
  acknowledged_on: string | null;
  service_started_on: string | null;
  ended_on: string | null;
  outcome: string | null;
  decline_reason: string | null;
  reply_received_on: string | null;
  reply_service_started_on: string | null;
  reply_contact_person: string | null;
  reply_outcome: string | null;
  reply_recorded_at: string | null;
  reply_recorded_by: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  case_number: string;
  case_status: string;
  child_first: string | null;
  child_last: string | null;
  person_first: string | null;
  person_last: string | null;
  consent_first: string | null;
  consent_last: string | null;
  inst_name: string;
  inst_type: Referral['institution']['type'];
}

const SELECT = `
  SELECT r.*, c.case_number, c.status AS case_status, pc.first_name AS child_first, pc.last_name AS child_last,
    pp.first_name AS person_first, pp.last_name AS person_last, cp.first_name AS consent_first, cp.last_name AS consent_last,
    i.name AS inst_name, i.type AS inst_type
  FROM referrals r
  JOIN cases c ON c.id = r.case_id
  JOIN institutions i ON i.id = r.institution_id
  LEFT JOIN people pc ON pc.id = c.primary_child_id
  LEFT JOIN people pp ON pp.id = r.person_id
  LEFT JOIN people cp ON cp.id = r.consent_person_id`;

const fullName = (first: string | null, last: string | null): string | null => (first === null ? null : `${first} ${last ?? ''}`.trim());

/** Consent complete (who, how, when) or a legal ground: what sending needs. */
export function consentRecorded(r: Pick<Row, 'legal_ground' | 'consent_method' | 'consent_on' | 'consent_person_id' | 'consent_name'>): boolean {
  if (r.legal_ground) return true;
  return Boolean(r.consent_method && r.consent_on && (r.consent_person_id !== null || r.consent_name));
}

interface HistoryRow {
  id: number;
  referral_id: number;
  from_state: ReferralState | null;
  to_state: ReferralState;
  on_day: string;
  note: string | null;
  at: string;
  by_user_id: string;
}

function historyOf(db: Db, ids: number[], users: UserLookup): Map<number, Referral['history']> {
  const out = new Map<number, Referral['history']>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = db.prepare(`SELECT * FROM referral_history WHERE referral_id IN (${ids.map(() => '?').join(',')}) ORDER BY referral_id, id`).all(...ids) as HistoryRow[];
  for (const h of rows) out.get(h.referral_id)!.push({ id: h.id, from: h.from_state, to: h.to_state, on: h.on_day, note: h.note, at: h.at, by: users(h.by_user_id) });
  return out;
}

function toReferral(r: Row, history: Referral['history'], users: UserLookup, today: string): Referral {
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

function rowOf(db: Db, id: number): Row {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) throw new CodedError('referrals.notFound');
  return row;
}

/** The referral's row, when the actor may see its case; 'referrals.notFound' otherwise (ids cannot be probed). */
function visibleRow(db: Db, actor: Actor, id: number): Row {
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
  const rows = db.prepare(`${SELECT} WHERE r.case_id = ? ORDER BY r.created_at DESC, r.id DESC`).all(caseId) as Row[];
  const users = userLookup(db);
  const history = historyOf(
    db,
    rows.map((r) => r.id),
    users,
  );
  const today = localDay(now);
  return rows.map((r) => toReferral(r, history.get(r.id)!, users, today));
}

export interface ReferralQuery {
  state?: ReferralState[] | undefined;
  overdue?: boolean | undefined;
  institutionId?: number | undefined;
  offset: number;
  limit: number;
}

/** Referrals of the cases the actor may see: overdue replies first, then the newest. */
export function listReferrals(db: Db, actor: Actor, query: ReferralQuery, now: Date): ReferralList {
  const today = localDay(now);
  const where = [visibleSql(actor, 'r.case_id')];
  const params: Record<string, string | number> = { viewer: actor.userId, today, limit: query.limit, offset: query.offset };
  if (query.state?.length) {
    where.push(`r.state IN (${query.state.map((_, i) => `@s${i}`).join(',')})`);
    query.state.forEach((s, i) => (params[`s${i}`] = s));
  }
  if (query.overdue) where.push(`r.state = 'sent' AND r.reply_due_on < @today`);
  if (query.institutionId !== undefined) {
    where.push('r.institution_id = @institutionId');
    params.institutionId = query.institutionId;
  }
  const clause = where.filter(Boolean).length ? `WHERE ${where.filter(Boolean).join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM referrals r ${clause}`).get(params) as { n: number }).n;
  const overdueClause = [visibleSql(actor, 'r.case_id'), `r.state = 'sent' AND r.reply_due_on < @today`].filter(Boolean).join(' AND ');
  const overdue = (db.prepare(`SELECT count(*) AS n FROM referrals r WHERE ${overdueClause}`).get({ viewer: actor.userId, today }) as { n: number }).n;
  const rows = db
    .prepare(
      `${SELECT} ${clause}
       ORDER BY (r.state = 'sent' AND r.reply_due_on < @today) DESC, r.updated_at DESC, r.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as Row[];
  const users = userLookup(db);
  const history = historyOf(
    db,
    rows.map((r) => r.id),
    users,
  );
  return { total, overdue, rows: rows.map((r) => toReferral(r, history.get(r.id)!, users, today)) };
}

// --- writes ----------------------------------------------------------------------------------

function audit(db: Db, actor: Actor, action: AuditAction, referralId: number, at: string, details: Record<string, string | number | boolean | null>): void {
  appendAudit(db, { action, actorId: actor.userId, actorName: actor.username, targetType: 'referral', targetId: String(referralId), at, details });
}

function assertCaseOpen(db: Db, caseId: number): void {
  const c = db.prepare('SELECT status FROM cases WHERE id = ?').get(caseId) as { status: string } | undefined;
  if (!c) throw new CodedError('cases.notFound');
  if (c.status === 'closed') throw new CodedError('referrals.caseClosed');
  assertNotTransferred(db, caseId);
}

const isMember = (db: Db, caseId: number, personId: number): boolean => db.prepare('SELECT 1 FROM case_members WHERE case_id = ? AND person_id = ?').get(caseId, personId) !== undefined;

interface CleanFields {
  personId: number | null;
  institutionId: number;
  services: string[];
  servicesOther: string | null;
  urgency: Urgency;
  reason: string;
  consentPersonId: number | null;
  consentName: string | null;
  consentMethod: 'written' | 'verbal' | null;
  consentOn: string | null;
  legalGround: string | null;
  sharedSections: ShareSection[];
  sharedNoteIds: number[];
}

/** Checks a draft's fields against the case and the directory; returns them ready to store. */
function cleanFields(db: Db, caseId: number, f: ReferralFields, today: string): CleanFields {
  const personId = f.personId ?? null;
  if (personId !== null && !isMember(db, caseId, personId)) throw new CodedError('referrals.personNotInCase', { field: 'personId' });
  assertActiveInstitution(db, f.institutionId, 'institutionId');
  const services = [...new Set(f.services)];
  services.forEach((code, i) => assertLookup(db, 'service', code, `services.${i}`));

  const consentPersonId = f.consent?.givenByPersonId ?? null;
  if (consentPersonId !== null && !isMember(db, caseId, consentPersonId)) throw new CodedError('referrals.consentPersonNotInCase', { field: 'consent.givenByPersonId' });
  const consentOn = f.consent?.on ?? null;
  if (consentOn !== null && consentOn > today) throw new CodedError('referrals.dateInFuture', { field: 'consent.on' });

  const sharedSections = [...new Set(f.sharedSections)];
  let sharedNoteIds: number[] = [];
  if (sharedSections.includes('notes')) {
    sharedNoteIds = [...new Set(f.sharedNoteIds)];
    if (!sharedNoteIds.length) throw new CodedError('referrals.notesNotPicked', { field: 'sharedNoteIds' });
    const inCase = db.prepare('SELECT 1 FROM notes WHERE id = ? AND case_id = ?');
    sharedNoteIds.forEach((id, i) => {
      if (!inCase.get(id, caseId)) throw new CodedError('referrals.noteNotInCase', { field: `sharedNoteIds.${i}` });
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

const fieldParams = (f: CleanFields) => ({
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
  db.prepare('INSERT INTO referral_history (referral_id, from_state, to_state, on_day, note, at, by_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    referralId,
    from,
    to,
    on,
    note,
    at,
    actor.userId,
  );
}

export function createReferral(db: Db, actor: Actor, caseId: number, fields: ReferralFields, now: Date): Referral {
  const at = now.toISOString();
  const today = localDay(now);
  const id = db.transaction(() => {
    assertCaseVisible(db, actor, caseId);
    assertCaseOpen(db, caseId);
    const f = cleanFields(db, caseId, fields, today);
    const newId = Number(
      db
        .prepare(
          `INSERT INTO referrals (case_id, person_id, institution_id, services, services_other, urgency, reason, consent_person_id, consent_name,
             consent_method, consent_on, legal_ground, shared_sections, shared_note_ids, state, version, created_at, created_by, updated_at, updated_by)
           VALUES (@caseId, @personId, @institutionId, @services, @servicesOther, @urgency, @reason, @consentPersonId, @consentName,
             @consentMethod, @consentOn, @legalGround, @sharedSections, @sharedNoteIds, 'draft', 1, @at, @actor, @at, @actor)`,
        )
        .run({ caseId, ...fieldParams(f), at, actor: actor.userId }).lastInsertRowid,
    );
    addHistory(db, newId, null, 'draft', today, null, actor, at);
    audit(db, actor, 'referral.created', newId, at, { caseId, institutionId: f.institutionId, urgency: f.urgency, sections: f.sharedSections.join(',') });
    return newId;
  })();
  return getReferral(db, actor, id, now);
}

export function updateDraft(db: Db, actor: Actor, id: number, expectedVersion: number, fields: ReferralFields, now: Date): Referral {
  const at = now.toISOString();
  db.transaction(() => {
    const row = visibleRow(db, actor, id);
    if (row.state !== 'draft') throw new CodedError('referrals.notDraft');
    if (row.version !== expectedVersion) throw new CodedError('referrals.conflict');
    assertCaseOpen(db, row.case_id);
    const f = cleanFields(db, row.case_id, fields, localDay(now));
    db.prepare(
      `UPDATE referrals SET person_id = @personId, institution_id = @institutionId, services = @services, services_other = @servicesOther, urgency = @urgency,
         reason = @reason, consent_person_id = @consentPersonId, consent_name = @consentName, consent_method = @consentMethod, consent_on = @consentOn,
         legal_ground = @legalGround, shared_sections = @sharedSections, shared_note_ids = @sharedNoteIds,
         version = version + 1, updated_at = @at, updated_by = @actor
       WHERE id = @id`,
    ).run({ id, ...fieldParams(f), at, actor: actor.userId });
    audit(db, actor, 'referral.updated', id, at, { caseId: row.case_id, institutionId: f.institutionId, urgency: f.urgency, sections: f.sharedSections.join(',') });
  })();
  return getReferral(db, actor, id, now);
}

/** The day of a state change: given or today; not in the future; not before the previous change. */
function changeDay(db: Db, id: number, on: string | undefined, today: string, field = 'on'): string {
  const day = on ?? today;
  if (day > today) throw new CodedError('referrals.dateInFuture', { field });
  const last = db.prepare('SELECT max(on_day) AS d FROM referral_history WHERE referral_id = ?').get(id) as { d: string | null };
  if (last.d !== null && day < last.d) throw new CodedError('referrals.dateBeforePrevious', { field, date: last.d });
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

export function sendReferral(db: Db, actor: Actor, input: SendInput, now: Date): Referral {
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

    db.prepare(
      `UPDATE referrals SET state = 'sent', sent_on = @on, reply_due_on = @due, version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`,
    ).run({ id: input.id, on, due: replyDueOn, at, actor: actor.userId });
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
    audit(db, actor, 'referral.sent', input.id, at, { caseId: row.case_id, institutionId: row.institution_id, replyDueOn, taskId });
  })();
  return getReferral(db, actor, input.id, now);
}

export type ReferralAction = 'acknowledge' | 'serviceStarted' | 'close' | 'decline';
const ACTION_TARGET: Record<ReferralAction, ReferralState> = { acknowledge: 'acknowledged', serviceStarted: 'service_started', close: 'closed', decline: 'declined' };
const ACTION_AUDIT: Record<ReferralAction, AuditAction> = {
  acknowledge: 'referral.acknowledged',
  serviceStarted: 'referral.serviceStarted',
  close: 'referral.closed',
  decline: 'referral.declined',
};

export interface TransitionInput {
  id: number;
  on?: string | undefined;
  /** acknowledge / serviceStarted: an optional note; close: the outcome; decline: the reason (both required). */
  text?: string | null | undefined;
}

const DAY_COLUMN: Partial<Record<ReferralState, string>> = { acknowledged: 'acknowledged_on', service_started: 'service_started_on', closed: 'ended_on', declined: 'ended_on' };

/** Moves the referral one step and keeps its tasks in step (inside the caller's transaction). */
function applyTransition(db: Db, actor: Actor, row: Row, to: ReferralState, on: string, note: string | null, at: string): void {
  assertTransition(row.state, to);
  const column = DAY_COLUMN[to];
  if (!column) throw new CodedError('referrals.transitionInvalid', { from: row.state, to });
  db.prepare(`UPDATE referrals SET state = @to, ${column} = @on, version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`).run({
    id: row.id,
    to,
    on,
    at,
    actor: actor.userId,
  });
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

export function transitionReferral(db: Db, actor: Actor, action: ReferralAction, input: TransitionInput, now: Date): Referral {
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
    if (action === 'close') db.prepare('UPDATE referrals SET outcome = ? WHERE id = ?').run(text, input.id);
    if (action === 'decline') db.prepare('UPDATE referrals SET decline_reason = ? WHERE id = ?').run(text, input.id);
    audit(db, actor, ACTION_AUDIT[action], input.id, at, { caseId, from, to });
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
export function recordReply(db: Db, actor: Actor, input: ReplyInput, now: Date): Referral {
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
    db.prepare(
      `UPDATE referrals SET reply_received_on = @received, reply_service_started_on = @started, reply_contact_person = @contact, reply_outcome = @outcome,
         reply_recorded_at = @at, reply_recorded_by = @actor, version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`,
    ).run({ id: input.id, received: input.receivedOn, started, contact: input.contactPerson?.trim() || null, outcome: input.outcome?.trim() || null, at, actor: actor.userId });
    if (row.state === 'sent') applyTransition(db, actor, row, 'acknowledged', changeDay(db, input.id, input.receivedOn, today, 'receivedOn'), null, at);
    if (started !== null && row.state === 'acknowledged') applyTransition(db, actor, row, 'service_started', changeDay(db, input.id, started, today, 'serviceStartedOn'), null, at);
    audit(db, actor, 'referral.replyRecorded', input.id, at, { caseId: row.case_id, from, to: row.state });
  })();
  return getReferral(db, actor, input.id, now);
}
