/**
 * Flags that ask for a fresh look at a case (seed 004: children with
 * repeated reports or refused home visits are treated as high risk). A flag
 * is visible on the case and in the list, and suggests a reassessment.
 * Owns the SQL of `case_flags`.
 */
import { CodedError } from '../../../shared/api/envelope';
import type { Flag, FlagKind } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import type { UserLookup } from './userRefs';

/** A new report within this many days of an earlier one on the same child or household is a repeated report. */
export const REPEAT_WINDOW_DAYS = 365;
const DAY_MS = 86_400_000;

/** Bulk writers (demo data): a flag with its resolution, if any. */
export function flagStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO case_flags (case_id, kind, source_type, source_id, details, suggestion, raised_at, raised_by, resolved_at, resolved_by)
       VALUES (@caseId, @kind, @sourceType, @sourceId, @details, 'reassess', @raisedAt, @raisedBy, @resolvedAt, @resolvedBy)`,
    ),
  };
}

function hasOpenFlag(db: Db, caseId: number, kind: FlagKind): boolean {
  return db.prepare('SELECT 1 FROM case_flags WHERE case_id = ? AND kind = ? AND resolved_at IS NULL').get(caseId, kind) !== undefined;
}

function raise(db: Db, caseId: number, kind: FlagKind, source: { type: 'intake' | 'note'; id: number }, details: Record<string, number>, actor: string | null, now: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO case_flags (case_id, kind, source_type, source_id, details, suggestion, raised_at, raised_by)
         VALUES (?, ?, ?, ?, ?, 'reassess', ?, ?)`,
      )
      .run(caseId, kind, source.type, source.id, JSON.stringify(details), now, actor).lastInsertRowid,
  );
}

/**
 * Other intakes within REPEAT_WINDOW_DAYS of this one on the same case, the
 * same household, or any case where one of this case's children appears.
 */
export function priorReports(db: Db, caseId: number, intakeId: number): number {
  const intake = db.prepare('SELECT received_at FROM intakes WHERE id = ?').get(intakeId) as { received_at: string };
  const at = new Date(intake.received_at).getTime();
  const from = new Date(at - REPEAT_WINDOW_DAYS * DAY_MS).toISOString();
  const to = new Date(at + REPEAT_WINDOW_DAYS * DAY_MS).toISOString();
  const row = db
    .prepare(
      `WITH related(case_id) AS (
         SELECT @caseId
         UNION SELECT id FROM cases WHERE household_id = (SELECT household_id FROM cases WHERE id = @caseId)
         UNION SELECT m2.case_id FROM case_members m1 JOIN case_members m2 ON m2.person_id = m1.person_id
           WHERE m1.case_id = @caseId AND m1.role = 'child'
       )
       SELECT count(*) AS n FROM intakes i
       WHERE i.case_id IN (SELECT case_id FROM related) AND i.id <> @intakeId AND i.received_at >= @from AND i.received_at <= @to`,
    )
    .get({ caseId, intakeId, from, to }) as { n: number };
  return row.n;
}

/** After a new intake: raises 'repeated_report' when the child or household was reported within the window. */
export function checkRepeatedReport(db: Db, caseId: number, intakeId: number, actor: string | null, now: string): FlagKind | null {
  const prior = priorReports(db, caseId, intakeId);
  if (prior === 0 || hasOpenFlag(db, caseId, 'repeated_report')) return null;
  raise(db, caseId, 'repeated_report', { type: 'intake', id: intakeId }, { priorReports: prior, windowDays: REPEAT_WINDOW_DAYS }, actor, now);
  return 'repeated_report';
}

/** After a home-visit note marked refused. */
export function raiseRefusedVisit(db: Db, caseId: number, noteId: number, actor: string | null, now: string): FlagKind | null {
  if (hasOpenFlag(db, caseId, 'refused_home_visit')) return null;
  const refusals = db.prepare("SELECT count(*) AS n FROM notes WHERE case_id = ? AND type = 'home_visit' AND visit_refused = 1").get(caseId) as { n: number };
  raise(db, caseId, 'refused_home_visit', { type: 'note', id: noteId }, { refusals: refusals.n }, actor, now);
  return 'refused_home_visit';
}

interface Row {
  id: number;
  kind: FlagKind;
  source_type: 'intake' | 'note';
  source_id: number;
  details: string;
  raised_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export function listFlags(db: Db, caseId: number, users: UserLookup): Flag[] {
  const rows = db.prepare('SELECT * FROM case_flags WHERE case_id = ? ORDER BY raised_at DESC, id DESC').all(caseId) as Row[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    suggestion: 'reassess' as const,
    sourceType: r.source_type,
    sourceId: r.source_id,
    details: JSON.parse(r.details) as Record<string, number>,
    raisedAt: r.raised_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by ? users(r.resolved_by) : null,
  }));
}

export function resolveFlag(db: Db, caseId: number, flagId: number, actor: string, now: string): FlagKind {
  const row = db.prepare('SELECT kind, resolved_at FROM case_flags WHERE id = ? AND case_id = ?').get(flagId, caseId) as
    | { kind: FlagKind; resolved_at: string | null }
    | undefined;
  if (!row) throw new CodedError('cases.flagNotFound');
  if (row.resolved_at) throw new CodedError('cases.flagResolved');
  db.prepare('UPDATE case_flags SET resolved_at = ?, resolved_by = ? WHERE id = ?').run(now, actor, flagId);
  return row.kind;
}
