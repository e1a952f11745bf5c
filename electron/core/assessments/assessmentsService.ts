/**
 * Risk assessments on a case: the engine computes, the assessor decides.
 * Nothing is decided with a domain left unlooked-at: every domain of the tool
 * is answered (a criterion ticked) or screened (looked at, nothing found), or
 * the assessment is refused with the missing domains named.
 * Saving keeps the record (with the instrument version), replaces the case's
 * open risk-tool tasks with the deadlines of the final level, and sets the
 * case's priority. An Urgent or High decision by someone who may not approve
 * waits for a supervisor, but its deadlines start at once: a child at risk
 * must not wait for a signature.
 *
 * Risk Yok closes the door on a child: it needs a written reason like any
 * override and, when the case has a report of harm (an intake naming a harm
 * concern), a supervisor's approval; until then the case keeps its priority
 * and tasks, and no closure review is created.
 */
import { CodedError } from '../../../shared/api/envelope';
import { HARM_CONCERNS, type AssessmentCreate, type AssessmentRecord } from '../../../shared/api/schemas/assessments';
import { can } from '../../../shared/auth/permissions';
import { dueDates } from '../../../shared/risk-tool/deadlines';
import { assess, currentCriterionId, unknownCriteria, unknownDomains, type Escalation } from '../../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../../shared/risk-tool/instrument';
import type { LevelId } from '../../../shared/risk-tool/types';
import { assertCaseVisible, visibleSql, type Actor } from '../cases/access';
import { PRIORITY_RANK, requireOpenCase } from '../cases/casesRepo';
import { insertTask } from '../cases/tasksRepo';
import { userLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import type { RecordAudit } from '../router';

/** A different final level needs a reason a colleague (or a judge) can follow. */
export const MIN_REASON_LENGTH = 10;
const NEEDS_APPROVAL: ReadonlySet<LevelId> = new Set(['urgent', 'high']);

function hasHarmReport(db: Db, caseId: number): boolean {
  const placeholders = HARM_CONCERNS.map(() => '?').join(', ');
  return db.prepare(`SELECT 1 FROM intake_concerns WHERE case_id = ? AND concern_code IN (${placeholders}) LIMIT 1`).get(caseId, ...HARM_CONCERNS) !== undefined;
}

interface Row {
  id: number;
  case_id: number;
  case_number: string;
  child_id: number | null;
  child_first: string | null;
  child_last: string | null;
  previous_id: number | null;
  instrument_version: string;
  criteria: string;
  screened: string | null;
  child_age: number | null;
  computed: LevelId;
  suggested: LevelId | null;
  rules: string;
  final_level: LevelId;
  override_reason: string | null;
  summary: string | null;
  status: AssessmentRecord['status'];
  assessed_by: string;
  assessed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  task_count: number;
}

const SELECT = `
  SELECT a.*, c.case_number, p.first_name AS child_first, p.last_name AS child_last,
    (SELECT count(*) FROM tasks t WHERE t.source = 'risk' AND t.source_id = CAST(a.id AS TEXT)) AS task_count
  FROM assessments a
  JOIN cases c ON c.id = a.case_id
  LEFT JOIN people p ON p.id = a.child_id`;

function toRecord(db: Db, row: Row): AssessmentRecord {
  const users = userLookup(db);
  const ref = (id: string) => ({ id, name: users(id).displayName });
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    childId: row.child_id,
    childName: row.child_first === null ? null : `${row.child_first} ${row.child_last ?? ''}`.trim(),
    previousId: row.previous_id,
    instrumentVersion: row.instrument_version,
    criteria: JSON.parse(row.criteria) as string[],
    screened: row.screened === null ? null : (JSON.parse(row.screened) as string[]),
    childAge: row.child_age,
    computed: row.computed,
    suggested: row.suggested,
    rules: JSON.parse(row.rules) as Escalation[],
    finalLevel: row.final_level,
    overrideReason: row.override_reason,
    summary: row.summary,
    status: row.status,
    assessedBy: ref(row.assessed_by),
    assessedAt: row.assessed_at,
    decidedBy: row.decided_by ? ref(row.decided_by) : null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    taskCount: row.task_count,
  };
}

/** Whole years between a birth date and a day. */
function ageOn(birthDate: string, day: Date): number {
  const birth = new Date(`${birthDate}T00:00:00`);
  let age = day.getFullYear() - birth.getFullYear();
  const beforeBirthday = day.getMonth() < birth.getMonth() || (day.getMonth() === birth.getMonth() && day.getDate() < birth.getDate());
  if (beforeBirthday) age -= 1;
  return age;
}

export function getAssessment(db: Db, actor: Actor, id: number): AssessmentRecord {
  const row = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) throw new CodedError('assessments.notFound');
  assertCaseVisible(db, actor, row.case_id);
  return toRecord(db, row);
}

export function listForCase(db: Db, actor: Actor, caseId: number): AssessmentRecord[] {
  assertCaseVisible(db, actor, caseId);
  return (db.prepare(`${SELECT} WHERE a.case_id = ? ORDER BY a.assessed_at, a.id`).all(caseId) as Row[]).map((r) => toRecord(db, r));
}

export function recentAssessments(db: Db, actor: Actor, status: AssessmentRecord['status'] | undefined, limit: number): AssessmentRecord[] {
  const where = [status ? 'a.status = @status' : '', visibleSql(actor, 'a.case_id')].filter(Boolean);
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.assessed_at DESC, a.id DESC LIMIT @limit`;
  return (db.prepare(sql).all({ status: status ?? null, viewer: actor.userId, limit }) as Row[]).map((r) => toRecord(db, r));
}

export function createAssessment(db: Db, actor: Actor, input: AssessmentCreate, now: Date, note: RecordAudit): AssessmentRecord {
  return db.transaction(() => {
    assertCaseVisible(db, actor, input.caseId);
    const kase = requireOpenCase(db, input.caseId, 'assessments.caseClosed');

    const childId = input.childId ?? kase.primary_child_id;
    let child: { birth_date: string | null } | undefined;
    if (childId !== null && childId !== undefined) {
      child = db
        .prepare(`SELECT p.birth_date FROM case_members m JOIN people p ON p.id = m.person_id WHERE m.case_id = ? AND m.person_id = ? AND m.role = 'child'`)
        .get(input.caseId, childId) as { birth_date: string | null } | undefined;
      if (!child) throw new CodedError('assessments.childNotInCase', { field: 'childId' });
    }
    if (input.previousId !== undefined) {
      const previous = db.prepare('SELECT case_id FROM assessments WHERE id = ?').get(input.previousId) as { case_id: number } | undefined;
      if (!previous || previous.case_id !== input.caseId) throw new CodedError('assessments.notFound');
    }

    const unknown = unknownCriteria(INSTRUMENT, input.criteria);
    if (unknown.length) throw new CodedError('assessments.unknownCriteria', { ids: unknown.join(', ') });
    const unknownScreened = unknownDomains(INSTRUMENT, input.screened ?? []);
    if (unknownScreened.length) throw new CodedError('assessments.unknownDomains', { ids: unknownScreened.join(', ') });
    // Retired ids (an earlier version of the tool) are stored as the criteria that replaced them.
    const criteria = [...new Set(input.criteria.map((id) => currentCriterionId(INSTRUMENT, id)!))];
    const childAge = input.childAge ?? (child?.birth_date ? ageOn(child.birth_date, now) : undefined);
    const result = assess(INSTRUMENT, { criteria, screened: input.screened ?? [], childAge });
    if (!result.complete) {
      // Ids, not names: the renderer names them in the reader's language (the instrument is bilingual data).
      throw new CodedError('assessments.incomplete', { count: result.missingDomains.length, ids: result.missingDomains.join(', ') });
    }
    // Stored in instrument order; a domain with a tick is answered, not screened.
    const answered = new Set(INSTRUMENT.domains.filter((d) => d.criteria.some((c) => criteria.includes(c.id))).map((d) => d.id));
    const screened = INSTRUMENT.domains.filter((d) => (input.screened ?? []).includes(d.id) && !answered.has(d.id)).map((d) => d.id);

    const reason = input.overrideReason?.trim() ?? '';
    if (input.finalLevel !== result.computed && reason.length < MIN_REASON_LENGTH) {
      throw new CodedError('assessments.reasonRequired', { field: 'overrideReason', min: MIN_REASON_LENGTH });
    }
    if (input.finalLevel === 'none' && reason.length < MIN_REASON_LENGTH) {
      throw new CodedError('assessments.noRiskReasonRequired', { field: 'overrideReason', min: MIN_REASON_LENGTH });
    }
    const needsApproval = NEEDS_APPROVAL.has(input.finalLevel) || (input.finalLevel === 'none' && hasHarmReport(db, input.caseId));
    const status = needsApproval && !can(actor.roles, 'assessment:approve') ? 'pending_approval' : 'approved';
    const at = now.toISOString();

    const id = Number(
      db
        .prepare(
          `INSERT INTO assessments (case_id, child_id, previous_id, instrument_version, criteria, screened, child_age, computed, suggested, rules,
             final_level, override_reason, summary, status, assessed_by, assessed_at, decided_by, decided_at)
           VALUES (@caseId, @childId, @previousId, @version, @criteria, @screened, @childAge, @computed, @suggested, @rules,
             @finalLevel, @reason, @summary, @status, @actor, @at, @decidedBy, @decidedAt)`,
        )
        .run({
          caseId: input.caseId,
          childId: childId ?? null,
          previousId: input.previousId ?? null,
          version: INSTRUMENT.version,
          criteria: JSON.stringify(criteria),
          screened: JSON.stringify(screened),
          childAge: childAge ?? null,
          computed: result.computed,
          suggested: result.suggested,
          rules: JSON.stringify(result.rules),
          finalLevel: input.finalLevel,
          reason: input.finalLevel === result.computed ? (reason || null) : reason,
          summary: input.summary?.trim() || null,
          status,
          actor: actor.userId,
          at,
          // Decided at once when the assessor may approve it (or no approval is needed).
          decidedBy: status === 'approved' ? actor.userId : null,
          decidedAt: status === 'approved' ? at : null,
        }).lastInsertRowid,
    );

    // A Risk Yok waiting for a supervisor changes nothing yet: the case keeps its priority and tasks.
    if (!(input.finalLevel === 'none' && status === 'pending_approval')) applyLevel(db, actor, input.caseId, id, input.finalLevel, now);
    // The row itself is the router's (the spec's action, in this transaction): its target and details.
    note({ targetType: 'assessment', targetId: String(id), details: { caseId: input.caseId, computed: result.computed, final: input.finalLevel, status, screened: screened.length } });
    return getAssessment(db, actor, id);
  })();
}

/** The case's open risk tasks make way for the deadlines of the new level; the case takes its priority. */
function applyLevel(db: Db, actor: Actor, caseId: number, assessmentId: number, level: LevelId, now: Date): void {
  const at = now.toISOString();
  db.prepare(`UPDATE tasks SET done_at = ?, done_by = ?, cancelled = 1 WHERE case_id = ? AND source = 'risk' AND done_at IS NULL`).run(at, actor.userId, caseId);
  db.prepare('UPDATE cases SET priority = ?, priority_rank = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(level, PRIORITY_RANK[level], at, caseId);
  for (const deadline of dueDates(level, now)) {
    insertTask(
      db,
      {
        caseId,
        kind: deadline.kind,
        source: 'risk',
        sourceId: assessmentId,
        titleKey: deadline.labelKey,
        titleParams: deadline.recurrence ? { perWeek: deadline.recurrence.perWeek } : {},
        dueAt: deadline.due.toISOString(),
        priority: level,
        createdBy: actor.userId,
      },
      at,
    );
  }
}

export function decideAssessment(db: Db, actor: Actor, id: number, decision: 'approve' | 'return', decisionNote: string | undefined, now: Date, audit: RecordAudit): AssessmentRecord {
  return db.transaction(() => {
    const current = getAssessment(db, actor, id);
    if (current.status !== 'pending_approval') throw new CodedError('assessments.notPending');
    if (current.assessedBy.id === actor.userId) throw new CodedError('assessments.ownApproval');
    db.prepare('UPDATE assessments SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?').run(
      decision === 'approve' ? 'approved' : 'returned',
      actor.userId,
      now.toISOString(),
      decisionNote?.trim() || null,
      id,
    );
    // An approved Risk Yok takes effect now (its closure review starts with the approval), unless a later assessment already decided.
    const later = db.prepare('SELECT 1 FROM assessments WHERE case_id = ? AND id > ? LIMIT 1').get(current.caseId, id) !== undefined;
    if (decision === 'approve' && current.finalLevel === 'none' && !later) applyLevel(db, actor, current.caseId, id, 'none', now);
    // The router writes the row (assessment.approved / assessment.returned, the spec's action).
    audit({ targetType: 'assessment', targetId: String(id), details: { caseId: current.caseId, final: current.finalLevel } });
    return getAssessment(db, actor, id);
  })();
}
