/**
 * The router's case-scope check (shared/api/scope.ts): every id a method's
 * spec names is resolved to the case(s) it belongs to, and the call is
 * refused unless the actor may see them. A person or household is in sight
 * when at least one of its cases is (own, co-worked, or covered today: cases/access.ts); a task also when it is assigned to the
 * actor; a document without a case (statistics, recovery sheet) is office-wide.
 * An id that does not exist and an id out of sight give the same answer.
 */
import { idsWithFields, type IdFields, type ScopeKind } from '../../../shared/api/scope';
import type { Db } from '../db/open';
import { workerSeesCase, type Actor } from './access';

/** For each kind: the case ids of one entity (none when it does not exist). */
const CASES_OF: Record<ScopeKind, string> = {
  case: 'SELECT id AS caseId FROM cases WHERE id = ?',
  person: 'SELECT case_id AS caseId FROM case_members WHERE person_id = ?',
  household: 'SELECT id AS caseId FROM cases WHERE household_id = ?',
  assessment: 'SELECT case_id AS caseId FROM assessments WHERE id = ?',
  referral: 'SELECT case_id AS caseId FROM referrals WHERE id = ?',
  hearing: 'SELECT case_id AS caseId FROM court_hearings WHERE id = ?',
  order: 'SELECT case_id AS caseId FROM court_orders WHERE id = ?',
  note: 'SELECT case_id AS caseId FROM notes WHERE id = ?',
  goal: 'SELECT case_id AS caseId FROM plan_goals WHERE id = ?',
  action: 'SELECT case_id AS caseId FROM plan_actions WHERE id = ?',
  task: 'SELECT case_id AS caseId FROM tasks WHERE id = ?',
  document: 'SELECT CAST(case_id AS INTEGER) AS caseId FROM documents WHERE seq = ?',
  attachment: 'SELECT case_id AS caseId FROM attachments WHERE id = ?',
};

function taskAssignedTo(db: Db, taskId: number, userId: string): boolean {
  return db.prepare('SELECT 1 FROM tasks WHERE id = ? AND assignee_user_id = ?').get(taskId, userId) !== undefined;
}

function documentExists(db: Db, seq: number): { caseId: number | null } | undefined {
  return db.prepare('SELECT CAST(case_id AS INTEGER) AS caseId FROM documents WHERE seq = ?').get(seq) as { caseId: number | null } | undefined;
}

/** May the actor see the entity `kind` #id? False for an id that does not exist. */
export function entityInSight(db: Db, actor: Actor, kind: ScopeKind, id: number): boolean {
  if (kind === 'document') {
    const doc = documentExists(db, id);
    if (!doc) return false;
    if (doc.caseId === null) return true;
  }
  const caseIds = (db.prepare(CASES_OF[kind]).all(id) as Array<{ caseId: number | null }>).map((r) => r.caseId).filter((c): c is number => c !== null);
  if (caseIds.length === 0) return false;
  if (actor.readAll) return true;
  if (kind === 'task' && taskAssignedTo(db, id, actor.userId)) return true;
  return caseIds.some((caseId) => workerSeesCase(db, actor.userId, caseId));
}

/** The first input field (as a form names it: 'members.0.personId') whose id is out of the actor's sight; null when all are in sight. */
export function outOfScope(db: Db, actor: Actor, fields: IdFields, input: unknown): string | null {
  for (const [path, kind] of Object.entries(fields)) {
    for (const { field, id } of idsWithFields(input, path)) if (!entityInSight(db, actor, kind, id)) return field;
  }
  return null;
}

/** People and households outlive a case (and may belong to several): see `transferredField`. */
const SHARED_KINDS: ReadonlySet<ScopeKind> = new Set(['person', 'household']);

/**
 * Issue 17: the one guard that keeps a case sent to another office read-only. For a method that
 * writes (`writesCases` in the contract), the first input field whose id belongs to a transferred
 * case, or null. A record of a case (note, task, referral, hearing, attachment …) counts when its
 * case was transferred. A person or household counts only when the method names nothing else (it
 * is what the method changes, as in cases.updatePerson) and every case it belongs to here was
 * transferred: a person also on an open case stays editable, and linking one into an open case
 * changes only that case.
 */
export function transferredField(db: Db, fields: IdFields, input: unknown): string | null {
  const kinds = Object.values(fields);
  const onlyShared = kinds.every((kind) => SHARED_KINDS.has(kind));
  for (const [path, kind] of Object.entries(fields)) {
    if (SHARED_KINDS.has(kind) && !onlyShared) continue;
    for (const { field, id } of idsWithFields(input, path)) {
      const cases = db.prepare(`SELECT c.transferred_at AS transferredAt FROM (${CASES_OF[kind]}) x JOIN cases c ON c.id = x.caseId`).all(id) as Array<{ transferredAt: string | null }>;
      if (cases.length === 0) continue;
      const transferred = cases.filter((c) => c.transferredAt !== null).length;
      if (SHARED_KINDS.has(kind) ? transferred === cases.length : transferred > 0) return field;
    }
  }
  return null;
}
