/**
 * Court preparation (issue 7; seed 003): Child Protection Court hearings and
 * the orders made, each order's compliance with dated updates.
 *
 * A scheduled hearing writes two 'court' tasks for the case's responsible
 * caseworker: a preparation reminder HEARING_PREPARE_DAYS before (what to
 * bring) and one at the hearing itself; moving the hearing moves them, a
 * hearing held, postponed or cancelled closes them. An order with a due day
 * writes a 'court' task for its responsible user (or the case's caseworker
 * when an institution is responsible), closed once the order is complied
 * with or not complied with. Visibility follows the case (access.ts): an id
 * on a case out of sight answers 'court.notFound'. Every write is one
 * transaction with its audit row (ids and codes only): the method's spec
 * declares the action and the router writes the row; a write here fills in
 * its target and details (`note`). The SQL of
 * `court_hearings`, `court_orders` and `court_order_updates` is in courtRepo.ts.
 */
import { addDays } from 'date-fns';
import type { AuditDetails } from '../../../shared/api/auditDetailKeys';
import { CodedError } from '../../../shared/api/envelope';
import {
  HEARING_PREPARE_DAYS,
  OPEN_COMPLIANCE,
  type CaseCourt,
  type ComplianceStatus,
  type CourtOrder,
  type CourtOverview,
  type Hearing,
  type HearingInput,
  type HearingUpdate,
  type OrderInput,
  type OrderKind,
  type OrderUpdate,
} from '../../../shared/api/schemas/court';
import { assertCaseVisible, type Actor } from '../cases/access';
import { assertAssignable, isCaseMember, requireOpenCase } from '../cases/casesRepo';
import { dayStartUtc, dueAtOfDay, localDay, toUtc } from '../cases/dates';
import { closeTasksOf, insertTask } from '../cases/tasksRepo';
import { userLookup, type UserLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import type { RecordAudit } from '../router';
import { assertActiveInstitution } from '../referrals/institutionsRepo';
import {
  hearingCaseId,
  hearingRow,
  hearingRowsOfCase,
  insertHearing,
  insertOrder,
  insertOrderUpdate,
  lastComplianceDay,
  openOrderCounts,
  orderRow,
  orderRowsOfCase,
  orderUpdateRows,
  overviewOrderRows,
  setOrderCompliance,
  updateHearingRow,
  updateOrderRow,
  upcomingHearingRows,
  type HearingRow,
  type OrderRow,
} from './courtRepo';

const fullName = (first: string | null, last: string | null): string | null => (first === null ? null : `${first} ${last ?? ''}`.trim());

// --- hearings --------------------------------------------------------------------------------

const toHearing = (r: HearingRow, users: UserLookup): Hearing => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  childName: fullName(r.child_first, r.child_last),
  courtName: r.court_name,
  courtInstitutionId: r.court_institution_id,
  fileNumber: r.file_number,
  hearingAt: r.hearing_at,
  judge: r.judge,
  toBring: r.to_bring,
  status: r.status,
  outcome: r.outcome,
  createdBy: users(r.created_by),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

/** The row of a hearing on a case the actor may see; 'court.notFound' otherwise. */
function visibleHearing(db: Db, actor: Actor, id: number): HearingRow {
  const row = hearingRow(db, id);
  if (!row) throw new CodedError('court.notFound');
  try {
    assertCaseVisible(db, actor, row.case_id);
  } catch {
    throw new CodedError('court.notFound');
  }
  return row;
}

export function getHearing(db: Db, actor: Actor, id: number): Hearing {
  return toHearing(visibleHearing(db, actor, id), userLookup(db));
}

const hearingSource = (id: number) => `hearing:${id}`;
const orderSource = (id: number) => `order:${id}`;

/** The reminder tasks of a scheduled hearing: preparation (if still ahead) and the hearing itself. */
function scheduleHearingTasks(db: Db, actor: Actor, h: { id: number; caseId: number; courtName: string; hearingAt: string }, now: Date): void {
  const at = now.toISOString();
  const params = { court: h.courtName };
  const prepareDay = localDay(addDays(new Date(h.hearingAt), -HEARING_PREPARE_DAYS));
  const prepareAt = dueAtOfDay(prepareDay);
  if (prepareAt > at && prepareAt < h.hearingAt) {
    insertTask(db, { caseId: h.caseId, kind: 'hearingPrepare', source: 'court', sourceId: hearingSource(h.id), titleKey: 'tasks.court.prepareHearing', titleParams: params, dueAt: prepareAt, createdBy: actor.userId }, at);
  }
  insertTask(db, { caseId: h.caseId, kind: 'hearing', source: 'court', sourceId: hearingSource(h.id), titleKey: 'tasks.court.hearingDay', titleParams: params, dueAt: h.hearingAt, createdBy: actor.userId }, at);
}

/** The audit row the router writes for the call (its action is the method spec's): the hearing or order, ids and codes only. */
function auditCourt(note: RecordAudit, targetType: 'hearing' | 'courtOrder', id: number, details: AuditDetails): void {
  note({ targetType, targetId: String(id), details });
}

const assertCaseOpen = (db: Db, caseId: number): void => void requireOpenCase(db, caseId, 'court.caseClosed');

export function addHearing(db: Db, actor: Actor, input: HearingInput, now: Date, note: RecordAudit): Hearing {
  const at = now.toISOString();
  const id = db.transaction(() => {
    assertCaseVisible(db, actor, input.caseId);
    assertCaseOpen(db, input.caseId);
    if (input.courtInstitutionId != null) assertActiveInstitution(db, input.courtInstitutionId, 'courtInstitutionId');
    const hearingAt = toUtc(input.hearingAt);
    const newId = insertHearing(
      db,
      input.caseId,
      { courtName: input.courtName, institution: input.courtInstitutionId ?? null, fileNumber: input.fileNumber, hearingAt, judge: input.judge, toBring: input.toBring },
      actor.userId,
      at,
    );
    scheduleHearingTasks(db, actor, { id: newId, caseId: input.caseId, courtName: input.courtName, hearingAt }, now);
    auditCourt(note, 'hearing', newId, { caseId: input.caseId });
    return newId;
  })();
  return getHearing(db, actor, id);
}

export function updateHearing(db: Db, actor: Actor, input: HearingUpdate, now: Date, note: RecordAudit): Hearing {
  const at = now.toISOString();
  db.transaction(() => {
    const row = visibleHearing(db, actor, input.id);
    if (row.version !== input.expectedVersion) throw new CodedError('court.conflict');
    if (input.courtInstitutionId != null) assertActiveInstitution(db, input.courtInstitutionId, 'courtInstitutionId');
    const next = {
      courtName: input.courtName ?? row.court_name,
      institution: input.courtInstitutionId !== undefined ? input.courtInstitutionId : row.court_institution_id,
      fileNumber: input.fileNumber !== undefined ? input.fileNumber : row.file_number,
      hearingAt: input.hearingAt !== undefined ? toUtc(input.hearingAt) : row.hearing_at,
      judge: input.judge !== undefined ? input.judge : row.judge,
      toBring: input.toBring !== undefined ? input.toBring : row.to_bring,
      status: input.status ?? row.status,
      outcome: input.outcome !== undefined ? input.outcome : row.outcome,
    };
    updateHearingRow(db, input.id, next, actor.userId, at);

    const moved = next.hearingAt !== row.hearing_at || next.courtName !== row.court_name;
    if (next.status !== 'scheduled') {
      // Held: the reminders did their work. Postponed or cancelled: they are void.
      closeTasksOf(db, 'court', hearingSource(input.id), actor.userId, at, next.status !== 'held');
    } else if (moved || row.status !== 'scheduled') {
      closeTasksOf(db, 'court', hearingSource(input.id), actor.userId, at, true);
      scheduleHearingTasks(db, actor, { id: input.id, caseId: row.case_id, courtName: next.courtName, hearingAt: next.hearingAt }, now);
    }
    auditCourt(note, 'hearing', input.id, { caseId: row.case_id, status: next.status, moved });
  })();
  return getHearing(db, actor, input.id);
}

// --- orders ----------------------------------------------------------------------------------

function updatesOf(db: Db, ids: number[], users: UserLookup): Map<number, CourtOrder['updates']> {
  const out = new Map<number, CourtOrder['updates']>(ids.map((id) => [id, []]));
  for (const u of orderUpdateRows(db, ids)) out.get(u.order_id)!.push({ id: u.id, from: u.from_status, to: u.to_status, on: u.on_day, note: u.note, at: u.at, by: users(u.by_user_id) });
  return out;
}

const isOpen = (c: ComplianceStatus) => OPEN_COMPLIANCE.includes(c);

function toOrder(r: OrderRow, updates: CourtOrder['updates'], users: UserLookup, today: string): CourtOrder {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    childName: fullName(r.child_first, r.child_last),
    hearingId: r.hearing_id,
    person: r.person_id !== null ? { id: r.person_id, name: fullName(r.person_first, r.person_last) ?? '' } : null,
    kind: r.kind,
    description: r.description,
    orderedOn: r.ordered_on,
    responsible:
      r.responsible_institution_id !== null
        ? { type: 'institution', id: r.responsible_institution_id, name: r.inst_name ?? '' }
        : { type: 'user', id: r.responsible_user_id ?? '', name: users(r.responsible_user_id ?? '').displayName },
    dueOn: r.due_on,
    compliance: r.compliance,
    overdue: isOpen(r.compliance) && r.due_on !== null && r.due_on < today,
    updates,
    createdBy: users(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function ordersFrom(db: Db, rows: OrderRow[], now: Date): CourtOrder[] {
  const users = userLookup(db);
  const updates = updatesOf(
    db,
    rows.map((r) => r.id),
    users,
  );
  const today = localDay(now);
  return rows.map((r) => toOrder(r, updates.get(r.id)!, users, today));
}

function visibleOrder(db: Db, actor: Actor, id: number): OrderRow {
  const row = orderRow(db, id);
  if (!row) throw new CodedError('court.notFound');
  try {
    assertCaseVisible(db, actor, row.case_id);
  } catch {
    throw new CodedError('court.notFound');
  }
  return row;
}

export function getOrder(db: Db, actor: Actor, id: number, now: Date): CourtOrder {
  return ordersFrom(db, [visibleOrder(db, actor, id)], now)[0]!;
}

function scheduleOrderTask(db: Db, actor: Actor, o: { id: number; caseId: number; kind: OrderKind; dueOn: string | null; responsibleUserId: string | null }, at: string): void {
  if (o.dueOn === null) return;
  insertTask(
    db,
    {
      caseId: o.caseId,
      kind: 'courtOrder',
      source: 'court',
      sourceId: orderSource(o.id),
      titleKey: `tasks.court.orderDue.${o.kind}`,
      dueAt: dueAtOfDay(o.dueOn),
      ...(o.responsibleUserId ? { assigneeUserId: o.responsibleUserId } : {}),
      createdBy: actor.userId,
    },
    at,
  );
}

function checkResponsible(db: Db, institutionId: number | undefined, userId: string | undefined): void {
  if (institutionId !== undefined) assertActiveInstitution(db, institutionId, 'responsibleInstitutionId');
  if (userId !== undefined) assertAssignable(db, userId, 'responsibleUserId');
}

export function addOrder(db: Db, actor: Actor, input: OrderInput, now: Date, note: RecordAudit): CourtOrder {
  const at = now.toISOString();
  const today = localDay(now);
  const id = db.transaction(() => {
    assertCaseVisible(db, actor, input.caseId);
    assertCaseOpen(db, input.caseId);
    if (input.hearingId != null) {
      if (hearingCaseId(db, input.hearingId) !== input.caseId) throw new CodedError('court.hearingNotInCase', { field: 'hearingId' });
    }
    if (input.personId != null && !isCaseMember(db, input.caseId, input.personId)) {
      throw new CodedError('court.personNotInCase', { field: 'personId' });
    }
    checkResponsible(db, input.responsibleInstitutionId, input.responsibleUserId);
    if (input.orderedOn > today) throw new CodedError('court.dateInFuture', { field: 'orderedOn' });
    const dueOn = input.dueOn ?? null;
    if (dueOn !== null && dueOn < input.orderedOn) throw new CodedError('court.dueBeforeOrdered', { field: 'dueOn' });
    const newId = insertOrder(
      db,
      {
        caseId: input.caseId,
        hearingId: input.hearingId ?? null,
        personId: input.personId ?? null,
        kind: input.kind,
        description: input.description,
        orderedOn: input.orderedOn,
        institution: input.responsibleInstitutionId ?? null,
        user: input.responsibleUserId ?? null,
        dueOn,
      },
      actor.userId,
      at,
    );
    insertOrderUpdate(db, { orderId: newId, from: null, to: 'pending', on: input.orderedOn, note: null, at, by: actor.userId });
    scheduleOrderTask(db, actor, { id: newId, caseId: input.caseId, kind: input.kind, dueOn, responsibleUserId: input.responsibleUserId ?? null }, at);
    auditCourt(note, 'courtOrder', newId, { caseId: input.caseId, kind: input.kind, hearingId: input.hearingId ?? null });
    return newId;
  })();
  return getOrder(db, actor, id, now);
}

export function updateOrder(db: Db, actor: Actor, input: OrderUpdate, now: Date, note: RecordAudit): CourtOrder {
  const at = now.toISOString();
  db.transaction(() => {
    const row = visibleOrder(db, actor, input.id);
    if (row.version !== input.expectedVersion) throw new CodedError('court.conflict');
    checkResponsible(db, input.responsibleInstitutionId, input.responsibleUserId);
    const dueOn = input.dueOn !== undefined ? input.dueOn : row.due_on;
    if (dueOn !== null && dueOn < row.ordered_on) throw new CodedError('court.dueBeforeOrdered', { field: 'dueOn' });
    const responsibleChanged = input.responsibleInstitutionId !== undefined || input.responsibleUserId !== undefined;
    const next = {
      description: input.description !== undefined ? input.description : row.description,
      institution: responsibleChanged ? (input.responsibleInstitutionId ?? null) : row.responsible_institution_id,
      user: responsibleChanged ? (input.responsibleUserId ?? null) : row.responsible_user_id,
      dueOn,
    };
    updateOrderRow(db, input.id, next, actor.userId, at);
    if (isOpen(row.compliance) && (dueOn !== row.due_on || responsibleChanged)) {
      closeTasksOf(db, 'court', orderSource(input.id), actor.userId, at, true);
      scheduleOrderTask(db, actor, { id: input.id, caseId: row.case_id, kind: row.kind, dueOn, responsibleUserId: next.user }, at);
    }
    auditCourt(note, 'courtOrder', input.id, { caseId: row.case_id, responsibleChanged, dueChanged: dueOn !== row.due_on });
  })();
  return getOrder(db, actor, input.id, now);
}

export interface ComplianceInput {
  id: number;
  status: ComplianceStatus;
  on?: string | undefined;
  note?: string | null | undefined;
}

/** A dated compliance update; a complied / not complied order closes its due-day task, reopening it re-creates the task. */
export function updateCompliance(db: Db, actor: Actor, input: ComplianceInput, now: Date, note: RecordAudit): CourtOrder {
  const at = now.toISOString();
  const today = localDay(now);
  db.transaction(() => {
    const row = visibleOrder(db, actor, input.id);
    if (row.compliance === input.status) throw new CodedError('court.complianceUnchanged', { field: 'status' });
    const on = input.on ?? today;
    if (on > today) throw new CodedError('court.dateInFuture', { field: 'on' });
    const last = lastComplianceDay(db, input.id);
    if (last !== null && on < last) throw new CodedError('court.dateBeforePrevious', { field: 'on', date: last });
    setOrderCompliance(db, input.id, input.status, actor.userId, at);
    insertOrderUpdate(db, { orderId: input.id, from: row.compliance, to: input.status, on, note: input.note?.trim() || null, at, by: actor.userId });
    if (!isOpen(input.status)) closeTasksOf(db, 'court', orderSource(input.id), actor.userId, at);
    else if (!isOpen(row.compliance)) scheduleOrderTask(db, actor, { id: input.id, caseId: row.case_id, kind: row.kind, dueOn: row.due_on, responsibleUserId: row.responsible_user_id }, at);
    auditCourt(note, 'courtOrder', input.id, { caseId: row.case_id, from: row.compliance, to: input.status });
  })();
  return getOrder(db, actor, input.id, now);
}

// --- reads -----------------------------------------------------------------------------------

export function courtForCase(db: Db, actor: Actor, caseId: number, now: Date): CaseCourt {
  assertCaseVisible(db, actor, caseId);
  const users = userLookup(db);
  const hearings = hearingRowsOfCase(db, caseId).map((r) => toHearing(r, users));
  const orders = ordersFrom(db, orderRowsOfCase(db, caseId), now);
  return { hearings, orders };
}

export interface OverviewQuery {
  compliance?: ComplianceStatus[] | undefined;
  limit: number;
}

/** Upcoming hearings and orders across the cases the actor may see. */
export function courtOverview(db: Db, actor: Actor, query: OverviewQuery, now: Date): CourtOverview {
  const users = userLookup(db);
  const today = localDay(now);
  const upcoming = upcomingHearingRows(db, actor, dayStartUtc(today), query.limit).map((r) => toHearing(r, users));
  const rows = overviewOrderRows(db, actor, query.compliance, today, query.limit);
  const counts = openOrderCounts(db, actor, today);
  return { upcoming, orders: ordersFrom(db, rows, now), openOrders: counts.open, overdueOrders: counts.overdue };
}
