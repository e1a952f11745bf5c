/**
 * The rules of a case's life: opening (household, people, first intake),
 * further reports, the status steps intake → assessment → case plan →
 * implementation → follow-up, closure (a caseworker asks, a supervisor
 * approves or refuses, always with a reason), reopening (a new intake on the
 * same case and household; the history stays) and reassignment. Callers run
 * these inside one transaction with the audit row, so a refused step leaves
 * nothing behind.
 */
import { CodedError } from '../../../shared/api/envelope';
import type { CaseStatus, FlagKind, HouseholdInput, IntakeInput, MemberInput } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import type { Actor } from './access';
import {
  addHistory,
  assertAssignable,
  caseNumberTaken,
  caseWorkerIds,
  insertCase,
  insertMember,
  nextCaseSeq,
  parseCaseNumber,
  requireCase,
  requireOpenCase,
  setCaseWorkers,
  touchCase,
} from './casesRepo';
import { localDay, toUtc } from './dates';
import { BLOCKING_SCORE, findDuplicates } from './duplicates';
import { checkRepeatedReport } from './flags';
import { getHousehold, insertHousehold } from './householdsRepo';
import { checkIntakeCodes, insertIntake, type IntakeKind } from './intakesRepo';
import { checkPerson, fieldsFromInput, getPerson, insertPerson } from './peopleRepo';
import { cancelOpenTasksOfCase, moveOpenTasks } from './tasksRepo';

/** The order of the open steps; 'closed' is reached only through an approved closure. */
export const STEPS: readonly CaseStatus[] = ['intake', 'assessment', 'case_plan', 'implementation', 'follow_up'];
/** A moment may run this far ahead of the workstation clock (clocks of two machines differ a little). */
const FUTURE_SLACK_MS = 5 * 60_000;

export interface Clock {
  now: Date;
}
const iso = (c: Clock) => c.now.toISOString();

/** Allowed: the next step, or back to any earlier step (e.g. reassessment after a new report). */
export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  const i = STEPS.indexOf(from);
  const j = STEPS.indexOf(to);
  if (i === -1 || j === -1 || i === j) return false;
  return j === i + 1 || j < i;
}

function assertNotFuture(moment: string, clock: Clock, code: string, field: string): void {
  if (new Date(moment).getTime() > clock.now.getTime() + FUTURE_SLACK_MS) throw new CodedError(code, { field });
}

/** An intake before a child's birth is impossible (a linked person's stored birth counts too). */
function assertIntakeAfterBirth(intakeDay: string, birth: { birthDate: string | null; birthYear: number | null }, field: string): void {
  if (birth.birthDate && intakeDay < birth.birthDate) throw new CodedError('intake.beforeBirth', { field });
  if (!birth.birthDate && birth.birthYear !== null && Number(intakeDay.slice(0, 4)) < birth.birthYear) throw new CodedError('intake.beforeBirth', { field });
}

function assertIntakeAfterChildrenOf(db: Db, caseId: number, intakeDay: string, field: string): void {
  const births = db
    .prepare("SELECT p.birth_date, p.birth_year FROM case_members m JOIN people p ON p.id = m.person_id WHERE m.case_id = ? AND m.role = 'child'")
    .all(caseId) as Array<{ birth_date: string | null; birth_year: number | null }>;
  for (const b of births) assertIntakeAfterBirth(intakeDay, { birthDate: b.birth_date, birthYear: b.birth_year }, field);
}

function checkIntake(db: Db, intake: IntakeInput, clock: Clock, field: string): string {
  checkIntakeCodes(db, intake, field);
  assertNotFuture(toUtc(intake.receivedAt), clock, 'intake.inFuture', `${field}.receivedAt`);
  return localDay(new Date(intake.receivedAt));
}

/**
 * Checks and writes one member (new person or linked one) of a case. `field`
 * is the form path of the member ('members.2').
 */
export function addMember(
  db: Db,
  actor: Actor,
  caseId: number,
  m: MemberInput,
  field: string,
  clock: Clock,
  intakeDay: string | null,
): { personId: number; memberId: number; newPerson: boolean } {
  let personId: number;
  if (m.person) {
    const fields = checkPerson(fieldsFromInput(m.person), `${field}.person`, localDay(clock.now));
    if (intakeDay && m.role === 'child') assertIntakeAfterBirth(intakeDay, fields, 'intake.receivedAt');
    if (!m.confirmedNew) {
      const dupes = findDuplicates(db, { ...fields, idType: fields.idType }, actor).filter((d) => d.score >= BLOCKING_SCORE || d.reasons.includes('idNumber'));
      if (dupes.length > 0) throw new CodedError('people.possibleDuplicate', { field: `${field}.person`, count: dupes.length });
    }
    personId = insertPerson(db, fields, `${field}.person`, actor.userId, iso(clock));
  } else {
    const person = getPerson(db, m.personId!);
    if (!person) throw new CodedError('people.notFound', { field: `${field}.personId` });
    if (intakeDay && m.role === 'child') assertIntakeAfterBirth(intakeDay, person, 'intake.receivedAt');
    personId = person.id;
  }
  const memberId = insertMember(
    db,
    {
      caseId,
      personId,
      role: m.role,
      relationship: m.relationship ?? null,
      offending: m.offending ?? null,
      contactWithChild: m.contactWithChild ?? null,
      livesInHousehold: m.livesInHousehold,
    },
    actor.userId,
    iso(clock),
  );
  return { personId, memberId, newPerson: m.person !== undefined };
}

export interface CreateCaseInput {
  household: HouseholdInput | { id: number };
  members: MemberInput[];
  intake: IntakeInput;
  responsibleUserId?: string | undefined;
  coWorkerIds: string[];
  caseNumber?: string | undefined;
  parallelReason?: string | undefined;
}

/** The open cases (not closed) a known person is a child in, newest first. */
export function openCasesOfChild(db: Db, personId: number): Array<{ id: number; caseNumber: string }> {
  return (
    db
      .prepare(
        `SELECT c.id, c.case_number AS caseNumber FROM case_members m JOIN cases c ON c.id = m.case_id
         WHERE m.person_id = ? AND m.role = 'child' AND c.status <> 'closed' AND c.transferred_at IS NULL ORDER BY c.opened_at DESC, c.id DESC`,
      )
      .all(personId) as Array<{ id: number; caseNumber: string }>
  );
}

export function createCase(db: Db, actor: Actor, input: CreateCaseInput, clock: Clock): { id: number; caseNumber: string; flags: FlagKind[]; householdId: number; parallelTo: number[] } {
  if (!input.members.some((m) => m.role === 'child')) throw new CodedError('cases.childRequired', { field: 'members' });
  const intakeDay = checkIntake(db, input.intake, clock, 'intake');
  // One case per child: a known child with an open case gets this report on that case, unless a reason is given.
  const parallelTo: number[] = [];
  input.members.forEach((m, i) => {
    if (m.role !== 'child' || m.personId === undefined) return;
    const open = openCasesOfChild(db, m.personId);
    if (open.length === 0) return;
    if (!input.parallelReason) throw new CodedError('cases.openCaseExists', { field: `members.${i}.personId`, caseNumber: open[0]!.caseNumber, caseId: open[0]!.id });
    parallelTo.push(...open.map((c) => c.id));
  });

  const responsible = input.responsibleUserId ?? actor.userId;
  if (responsible !== actor.userId && !actor.approve) throw new CodedError('auth.forbidden');
  assertAssignable(db, responsible, 'responsibleUserId');
  input.coWorkerIds.forEach((id, i) => assertAssignable(db, id, `coWorkerIds.${i}`));
  // Whoever opens a case keeps seeing it.
  const co = !actor.readAll && responsible !== actor.userId ? [...input.coWorkerIds, actor.userId] : input.coWorkerIds;

  let year: number;
  let seq: number;
  if (input.caseNumber) {
    const parsed = parseCaseNumber(input.caseNumber);
    if (!parsed) throw new CodedError('cases.numberInvalid', { field: 'caseNumber' });
    if (caseNumberTaken(db, parsed.year, parsed.seq)) throw new CodedError('cases.numberTaken', { field: 'caseNumber' });
    ({ year, seq } = parsed);
  } else {
    year = Number(intakeDay.slice(0, 4));
    seq = nextCaseSeq(db, year);
  }

  let householdId: number;
  let knownHousehold = false;
  if ('id' in input.household) {
    if (!getHousehold(db, input.household.id)) throw new CodedError('cases.householdNotFound', { field: 'household.id' });
    householdId = input.household.id;
    knownHousehold = true;
  } else {
    householdId = insertHousehold(db, input.household, actor.userId, iso(clock));
  }

  const openedAt = toUtc(input.intake.receivedAt);
  const id = insertCase(db, { year, seq, householdId, status: 'intake', priority: null, responsible, openedAt, actor: actor.userId, now: iso(clock) });
  setCaseWorkers(db, id, responsible, co, actor.userId, iso(clock));
  addHistory(db, { caseId: id, event: 'created', from: null, to: 'intake', reason: parallelTo.length ? (input.parallelReason ?? null) : null, at: iso(clock), by: actor.userId });
  const linked = input.members.some((m) => m.personId !== undefined);
  input.members.forEach((m, i) => addMember(db, actor, id, m, `members.${i}`, clock, intakeDay));

  const kind: IntakeKind = knownHousehold || linked ? 'repeat' : 'initial';
  const intakeId = insertIntake(db, id, kind, input.intake, actor.userId, iso(clock));
  const flag = checkRepeatedReport(db, id, intakeId, actor.userId, iso(clock));
  const row = requireCase(db, id);
  return { id, caseNumber: row.case_number, flags: flag ? [flag] : [], householdId, parallelTo };
}

/** A further report on an open case. */
export function addIntake(db: Db, actor: Actor, caseId: number, intake: IntakeInput, clock: Clock): { intakeId: number; flags: FlagKind[] } {
  requireOpenCase(db, caseId);
  const day = checkIntake(db, intake, clock, 'intake');
  assertIntakeAfterChildrenOf(db, caseId, day, 'intake.receivedAt');
  const intakeId = insertIntake(db, caseId, 'repeat', intake, actor.userId, iso(clock));
  touchCase(db, caseId, iso(clock));
  const flag = checkRepeatedReport(db, caseId, intakeId, actor.userId, iso(clock));
  return { intakeId, flags: flag ? [flag] : [] };
}

export function transition(db: Db, actor: Actor, caseId: number, to: CaseStatus, reason: string | null, clock: Clock): CaseStatus {
  const row = requireOpenCase(db, caseId);
  if (row.closure_requested_at) throw new CodedError('cases.closurePending');
  if (!canTransition(row.status, to)) throw new CodedError('cases.transitionInvalid', { from: row.status, to });
  db.prepare('UPDATE cases SET status = ?, version = version + 1, updated_at = ? WHERE id = ?').run(to, iso(clock), caseId);
  addHistory(db, { caseId, event: 'transition', from: row.status, to, reason, at: iso(clock), by: actor.userId });
  return row.status;
}

export function requestClosure(db: Db, actor: Actor, caseId: number, reason: string, clock: Clock): void {
  const row = requireOpenCase(db, caseId);
  if (row.closure_requested_at) throw new CodedError('cases.closurePending');
  db.prepare('UPDATE cases SET closure_requested_at = ?, closure_requested_by = ?, closure_request_reason = ?, version = version + 1, updated_at = ? WHERE id = ?').run(
    iso(clock),
    actor.userId,
    reason,
    iso(clock),
    caseId,
  );
  addHistory(db, { caseId, event: 'closure_requested', from: row.status, to: row.status, reason, at: iso(clock), by: actor.userId });
}

/** Supervisor only (checked by the caller's permission and again here). Returns the number of open tasks cancelled. */
export function approveClosure(db: Db, actor: Actor, caseId: number, reason: string | null, clock: Clock): number {
  if (!actor.approve) throw new CodedError('auth.forbidden');
  const row = requireOpenCase(db, caseId);
  const finalReason = reason ?? row.closure_request_reason;
  if (!finalReason) throw new CodedError('cases.closureReasonRequired', { field: 'reason' });
  db.prepare(
    `UPDATE cases SET status = 'closed', closed_at = ?, closed_by = ?, closure_reason = ?, closure_requested_at = NULL, closure_requested_by = NULL,
       closure_request_reason = NULL, version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(iso(clock), actor.userId, finalReason, iso(clock), caseId);
  addHistory(db, { caseId, event: 'closure_approved', from: row.status, to: 'closed', reason: finalReason, at: iso(clock), by: actor.userId });
  return cancelOpenTasksOfCase(db, caseId, actor.userId, iso(clock));
}

export function refuseClosure(db: Db, actor: Actor, caseId: number, reason: string, clock: Clock): void {
  if (!actor.approve) throw new CodedError('auth.forbidden');
  const row = requireOpenCase(db, caseId);
  if (!row.closure_requested_at) throw new CodedError('cases.noClosureRequest');
  db.prepare(
    'UPDATE cases SET closure_requested_at = NULL, closure_requested_by = NULL, closure_request_reason = NULL, version = version + 1, updated_at = ? WHERE id = ?',
  ).run(iso(clock), caseId);
  addHistory(db, { caseId, event: 'closure_refused', from: row.status, to: row.status, reason, at: iso(clock), by: actor.userId });
}

/** A closed case comes back with a new intake on the same household; it starts again at 'intake'. */
export function reopen(db: Db, actor: Actor, caseId: number, intake: IntakeInput, clock: Clock): { intakeId: number; flags: FlagKind[] } {
  const row = requireCase(db, caseId);
  if (row.status !== 'closed') throw new CodedError('cases.notClosed');
  const day = checkIntake(db, intake, clock, 'intake');
  assertIntakeAfterChildrenOf(db, caseId, day, 'intake.receivedAt');
  db.prepare('UPDATE cases SET status = ?, closed_at = NULL, closed_by = NULL, closure_reason = NULL, version = version + 1, updated_at = ? WHERE id = ?').run(
    'intake',
    iso(clock),
    caseId,
  );
  addHistory(db, { caseId, event: 'reopened', from: 'closed', to: 'intake', reason: null, at: iso(clock), by: actor.userId });
  const intakeId = insertIntake(db, caseId, 'reopen', intake, actor.userId, iso(clock));
  const flag = checkRepeatedReport(db, caseId, intakeId, actor.userId, iso(clock));
  return { intakeId, flags: flag ? [flag] : [] };
}

/** Reassignment (supervisor): the responsible caseworker and co-workers; open tasks follow the case. */
export function assign(db: Db, actor: Actor, caseId: number, responsible: string, coWorkers: string[] | undefined, clock: Clock): { from: string; movedTasks: number } {
  if (!actor.approve) throw new CodedError('auth.forbidden');
  const row = requireCase(db, caseId);
  assertAssignable(db, responsible, 'responsibleUserId');
  const current = caseWorkerIds(db, caseId);
  const co = coWorkers ?? current.co;
  co.forEach((id, i) => assertAssignable(db, id, `coWorkerIds.${i}`));
  setCaseWorkers(db, caseId, responsible, co, actor.userId, iso(clock));
  touchCase(db, caseId, iso(clock));
  const moved = row.responsible_user_id !== responsible ? moveOpenTasks(db, caseId, row.responsible_user_id, responsible) : 0;
  return { from: row.responsible_user_id, movedTasks: moved };
}
