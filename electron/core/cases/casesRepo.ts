/**
 * Cases, their workers (responsible + co-workers), status history and
 * members. Owns the SQL of `cases`, `case_workers`, `case_status_history`
 * and `case_members`. Business rules (who may do what, when) live in
 * lifecycle.ts; this file reads and writes.
 */
import { CodedError } from '../../../shared/api/envelope';
import type {
  CaseHeader,
  CaseList,
  CaseListInput,
  CaseListRow,
  CaseStatus,
  FlagKind,
  Member,
  MemberRole,
  Priority,
} from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import { coverForOf, VIEWER_USERS_SQL, visibleCaseIds, visibleSql, type Actor } from './access';
import { dayEndUtc, dayStartUtc } from './dates';
import { getPeople, personSortKey } from './peopleRepo';
import type { UserLookup } from './userRefs';

export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 };
export const UNSET_PRIORITY_RANK = 5;
export const priorityRank = (p: Priority | null | undefined): number => (p ? PRIORITY_RANK[p] : UNSET_PRIORITY_RANK);

export interface CaseRow {
  id: number;
  case_number: string;
  case_year: number;
  case_seq: number;
  household_id: number;
  status: CaseStatus;
  priority: Priority | null;
  priority_rank: number;
  responsible_user_id: string;
  primary_child_id: number | null;
  child_sort_key: string;
  opened_at: string;
  last_intake_at: string;
  closure_requested_at: string | null;
  closure_requested_by: string | null;
  closure_request_reason: string | null;
  closed_at: string | null;
  closed_by: string | null;
  closure_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** Set when the case was sent to another office (migration 23): read-only from then on. */
  transferred_at: string | null;
}

// --- numbers -----------------------------------------------------------------------------

export const formatCaseNumber = (year: number, seq: number): string => `${year}/${String(seq).padStart(4, '0')}`;

export function parseCaseNumber(text: string): { year: number; seq: number } | null {
  const m = /^(\d{4})\/(\d{1,6})$/.exec(text.trim());
  if (!m) return null;
  const seq = Number(m[2]);
  return seq > 0 ? { year: Number(m[1]), seq } : null;
}

export function nextCaseSeq(db: Db, year: number): number {
  const row = db.prepare('SELECT coalesce(max(case_seq), 0) AS m FROM cases WHERE case_year = ?').get(year) as { m: number };
  return row.m + 1;
}

export function caseNumberTaken(db: Db, year: number, seq: number): boolean {
  return db.prepare('SELECT 1 FROM cases WHERE case_year = ? AND case_seq = ?').get(year, seq) !== undefined;
}

// --- rows --------------------------------------------------------------------------------

export interface NewCase {
  year: number;
  seq: number;
  householdId: number;
  status: CaseStatus;
  priority: Priority | null;
  responsible: string;
  openedAt: string;
  actor: string | null;
  now: string;
}

export function caseStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO cases (case_number, case_year, case_seq, household_id, status, priority, priority_rank, responsible_user_id,
        opened_at, last_intake_at, created_at, created_by, updated_at)
       VALUES (@caseNumber, @year, @seq, @householdId, @status, @priority, @priorityRank, @responsible, @openedAt, @openedAt, @now, @actor, @now)`,
    ),
    /** Bulk writers (demo data, imports): a case with its state as of now in one statement. */
    insertFull: db.prepare(
      `INSERT INTO cases (case_number, case_year, case_seq, household_id, status, priority, priority_rank, responsible_user_id,
        primary_child_id, child_sort_key, opened_at, last_intake_at, closure_requested_at, closure_requested_by, closure_request_reason,
        closed_at, closed_by, closure_reason, created_at, created_by, updated_at)
       VALUES (@caseNumber, @year, @seq, @householdId, @status, @priority, @priorityRank, @responsible, @primaryChildId, @childSortKey,
        @openedAt, @lastIntakeAt, @closureRequestedAt, @closureRequestedBy, @closureRequestReason, @closedAt, @closedBy, @closureReason,
        @createdAt, @createdBy, @updatedAt)`,
    ),
    worker: db.prepare('INSERT INTO case_workers (case_id, user_id, role, added_at, added_by) VALUES (?, ?, ?, ?, ?)'),
    history: db.prepare(
      'INSERT INTO case_status_history (case_id, event, from_status, to_status, reason, at, by_user_id) VALUES (@caseId, @event, @from, @to, @reason, @at, @by)',
    ),
    member: db.prepare(
      `INSERT INTO case_members (case_id, person_id, role, relationship, offending, contact_with_child, lives_in_household, is_primary, added_at, added_by)
       VALUES (@caseId, @personId, @role, @relationship, @offending, @contact, @lives, @primary, @now, @actor)`,
    ),
  };
}

export function insertCase(db: Db, c: NewCase): number {
  const st = caseStatements(db);
  return Number(
    st.insert.run({
      caseNumber: formatCaseNumber(c.year, c.seq),
      year: c.year,
      seq: c.seq,
      householdId: c.householdId,
      status: c.status,
      priority: c.priority,
      priorityRank: priorityRank(c.priority),
      responsible: c.responsible,
      openedAt: c.openedAt,
      now: c.now,
      actor: c.actor,
    }).lastInsertRowid,
  );
}

export function getCaseRow(db: Db, id: number): CaseRow | null {
  return (db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined) ?? null;
}

export function requireCase(db: Db, id: number): CaseRow {
  const row = getCaseRow(db, id);
  if (!row) throw new CodedError('cases.notFound');
  return row;
}

/**
 * The one "case must be open" check (for any change to a case's content): the
 * case exists ('cases.notFound') and is not closed (`closedCode`, so each area
 * keeps its own message: 'notes.caseClosed', 'court.caseClosed' …). A case
 * transferred to another office is refused before any handler runs, by the
 * router ('cases.transferred', cases/scopeRepo.ts transferredField).
 */
export function requireOpenCase(db: Db, id: number, closedCode = 'cases.closed'): CaseRow {
  const row = requireCase(db, id);
  if (row.status === 'closed') throw new CodedError(closedCode);
  return row;
}

/** Marks a change to the case (optimistic version + updated_at). */
export function touchCase(db: Db, id: number, now: string): void {
  db.prepare('UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ?').run(now, id);
}

/** For the risk tool (issue 5): the assessed level becomes the case's priority. */
export function setCasePriority(db: Db, caseId: number, level: Priority | null, now: string): void {
  db.prepare('UPDATE cases SET priority = ?, priority_rank = ?, version = version + 1, updated_at = ? WHERE id = ?').run(level, priorityRank(level), now, caseId);
}

export function caseHeader(db: Db, id: number, users: UserLookup): CaseHeader {
  const r = requireCase(db, id);
  const co = db.prepare("SELECT user_id FROM case_workers WHERE case_id = ? AND role = 'co' ORDER BY added_at").all(id) as Array<{ user_id: string }>;
  return {
    id: r.id,
    caseNumber: r.case_number,
    status: r.status,
    priority: r.priority,
    householdId: r.household_id,
    responsible: users(r.responsible_user_id),
    coWorkers: co.map((w) => users(w.user_id)),
    openedAt: r.opened_at,
    lastIntakeAt: r.last_intake_at,
    closurePending:
      r.closure_requested_at && r.closure_requested_by
        ? { requestedBy: users(r.closure_requested_by), requestedAt: r.closure_requested_at, reason: r.closure_request_reason ?? '' }
        : null,
    closedAt: r.closed_at,
    closureReason: r.closure_reason,
    transferredAt: r.transferred_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// --- workers -----------------------------------------------------------------------------

export function caseWorkerIds(db: Db, caseId: number): { responsible: string | null; co: string[] } {
  const rows = db.prepare('SELECT user_id, role FROM case_workers WHERE case_id = ?').all(caseId) as Array<{ user_id: string; role: 'responsible' | 'co' }>;
  return { responsible: rows.find((r) => r.role === 'responsible')?.user_id ?? null, co: rows.filter((r) => r.role === 'co').map((r) => r.user_id) };
}

/** Replaces the case's workers: one responsible, any co-workers (the responsible one is never also a co-worker). */
export function setCaseWorkers(db: Db, caseId: number, responsible: string, co: readonly string[], actor: string | null, now: string): void {
  db.prepare('DELETE FROM case_workers WHERE case_id = ?').run(caseId);
  const insert = db.prepare('INSERT INTO case_workers (case_id, user_id, role, added_at, added_by) VALUES (?, ?, ?, ?, ?)');
  insert.run(caseId, responsible, 'responsible', now, actor);
  for (const user of new Set(co)) if (user !== responsible) insert.run(caseId, user, 'co', now, actor);
  db.prepare('UPDATE cases SET responsible_user_id = ? WHERE id = ?').run(responsible, caseId);
}

/** Users who may hold cases: enabled caseworkers and supervisors. */
export function assertAssignable(db: Db, userId: string, field: string): void {
  const row = db.prepare('SELECT roles, disabled FROM users WHERE id = ?').get(userId) as { roles: string; disabled: number } | undefined;
  const roles = row ? (JSON.parse(row.roles) as string[]) : [];
  if (!row || row.disabled === 1 || !roles.some((r) => r === 'caseworker' || r === 'supervisor')) throw new CodedError('cases.assigneeInvalid', { field });
}

// --- status history -----------------------------------------------------------------------

export interface HistoryInput {
  caseId: number;
  event: 'created' | 'transition' | 'closure_requested' | 'closure_approved' | 'closure_refused' | 'reopened';
  from: CaseStatus | null;
  to: CaseStatus;
  reason: string | null;
  at: string;
  by: string;
}

export function addHistory(db: Db, h: HistoryInput): void {
  caseStatements(db).history.run(h);
}

export function statusHistory(db: Db, caseId: number, users: UserLookup) {
  const rows = db.prepare('SELECT * FROM case_status_history WHERE case_id = ? ORDER BY at, id').all(caseId) as Array<{
    id: number;
    event: HistoryInput['event'];
    from_status: CaseStatus | null;
    to_status: CaseStatus;
    reason: string | null;
    at: string;
    by_user_id: string;
  }>;
  return rows.map((r) => ({ id: r.id, event: r.event, from: r.from_status, to: r.to_status, reason: r.reason, at: r.at, by: users(r.by_user_id) }));
}

// --- members ------------------------------------------------------------------------------

interface MemberRow {
  id: number;
  case_id: number;
  person_id: number;
  role: MemberRole;
  relationship: Member['relationship'];
  offending: number | null;
  contact_with_child: Member['contactWithChild'];
  lives_in_household: number;
  is_primary: number;
}

export interface NewMember {
  caseId: number;
  personId: number;
  role: MemberRole;
  relationship: Member['relationship'];
  offending: boolean | null;
  contactWithChild: Member['contactWithChild'];
  livesInHousehold: boolean;
}

export const memberParams = (m: NewMember, primary: boolean, actor: string | null, now: string) => ({
  caseId: m.caseId,
  personId: m.personId,
  role: m.role,
  relationship: m.relationship,
  // Only caregivers are offending or not; only perpetrators (or offending caregivers) have contact recorded.
  offending: m.role === 'caregiver' && m.offending !== null ? (m.offending ? 1 : 0) : null,
  contact: m.role === 'alleged_perpetrator' || (m.role === 'caregiver' && m.offending === true) ? (m.contactWithChild ?? 'unknown') : null,
  lives: m.livesInHousehold ? 1 : 0,
  primary: primary ? 1 : 0,
  now,
  actor,
});

/** Whether the person is a member of the case. */
export const isCaseMember = (db: Db, caseId: number, personId: number): boolean =>
  db.prepare('SELECT 1 FROM case_members WHERE case_id = ? AND person_id = ?').get(caseId, personId) !== undefined;

export function insertMember(db: Db, m: NewMember, actor: string | null, now: string): number {
  if (isCaseMember(db, m.caseId, m.personId)) throw new CodedError('cases.personAlreadyMember');
  const id = Number(caseStatements(db).member.run(memberParams(m, false, actor, now)).lastInsertRowid);
  refreshPrimaryChild(db, m.caseId);
  return id;
}

/** Keeps exactly one primary child (the first child added, unless chosen) and the case's child sort key. */
export function refreshPrimaryChild(db: Db, caseId: number, chosenMemberId?: number): void {
  if (chosenMemberId !== undefined) {
    db.prepare('UPDATE case_members SET is_primary = (id = ?) WHERE case_id = ?').run(chosenMemberId, caseId);
  }
  let primary = db.prepare("SELECT id, person_id FROM case_members WHERE case_id = ? AND is_primary = 1 AND role = 'child'").get(caseId) as
    | { id: number; person_id: number }
    | undefined;
  if (!primary) {
    db.prepare('UPDATE case_members SET is_primary = 0 WHERE case_id = ?').run(caseId);
    primary = db.prepare("SELECT id, person_id FROM case_members WHERE case_id = ? AND role = 'child' ORDER BY id LIMIT 1").get(caseId) as
      | { id: number; person_id: number }
      | undefined;
    if (primary) db.prepare('UPDATE case_members SET is_primary = 1 WHERE id = ?').run(primary.id);
  }
  const person = primary
    ? (db.prepare('SELECT first_name, last_name FROM people WHERE id = ?').get(primary.person_id) as { first_name: string; last_name: string })
    : null;
  db.prepare('UPDATE cases SET primary_child_id = ?, child_sort_key = ? WHERE id = ?').run(
    primary?.person_id ?? null,
    person ? personSortKey(person.first_name, person.last_name) : '',
    caseId,
  );
}

export function getMemberRow(db: Db, caseId: number, memberId: number): MemberRow {
  const row = db.prepare('SELECT * FROM case_members WHERE id = ? AND case_id = ?').get(memberId, caseId) as MemberRow | undefined;
  if (!row) throw new CodedError('cases.memberNotFound');
  return row;
}

export function updateMember(db: Db, caseId: number, memberId: number, patch: Partial<NewMember>, primary: boolean): void {
  const row = getMemberRow(db, caseId, memberId);
  const next: NewMember = {
    caseId,
    personId: row.person_id,
    role: patch.role ?? row.role,
    relationship: patch.relationship !== undefined ? patch.relationship : row.relationship,
    offending: patch.offending !== undefined ? patch.offending : row.offending === null ? null : row.offending === 1,
    contactWithChild: patch.contactWithChild !== undefined ? patch.contactWithChild : row.contact_with_child,
    livesInHousehold: patch.livesInHousehold ?? row.lives_in_household === 1,
  };
  if (primary && next.role !== 'child') throw new CodedError('cases.primaryMustBeChild');
  const p = memberParams(next, row.is_primary === 1, null, '');
  db.prepare('UPDATE case_members SET role = ?, relationship = ?, offending = ?, contact_with_child = ?, lives_in_household = ? WHERE id = ?').run(
    p.role,
    p.relationship,
    p.offending,
    p.contact,
    p.lives,
    memberId,
  );
  refreshPrimaryChild(db, caseId, primary ? memberId : undefined);
}

export function assertHasChild(db: Db, caseId: number): void {
  if (!db.prepare("SELECT 1 FROM case_members WHERE case_id = ? AND role = 'child'").get(caseId)) throw new CodedError('cases.childRequired', { field: 'members' });
}

export function listMembers(db: Db, caseId: number, actor: Actor, memberId?: number): Member[] {
  const rows = (
    memberId === undefined
      ? db.prepare('SELECT * FROM case_members WHERE case_id = ? ORDER BY is_primary DESC, id').all(caseId)
      : db.prepare('SELECT * FROM case_members WHERE case_id = ? AND id = ?').all(caseId, memberId)
  ) as MemberRow[];
  const people = getPeople(
    db,
    rows.map((r) => r.person_id),
  );
  const others = db.prepare(
    `SELECT c.id, c.case_number, c.status FROM case_members m JOIN cases c ON c.id = m.case_id
     WHERE m.person_id = ? AND m.case_id <> ? ORDER BY c.opened_at`,
  );
  return rows.map((r) => {
    const otherRows = others.all(r.person_id, caseId) as Array<{ id: number; case_number: string; status: CaseStatus }>;
    const visible = visibleCaseIds(
      db,
      actor,
      otherRows.map((o) => o.id),
    );
    return {
      memberId: r.id,
      role: r.role,
      relationship: r.relationship,
      offending: r.offending === null ? null : r.offending === 1,
      contactWithChild: r.contact_with_child,
      livesInHousehold: r.lives_in_household === 1,
      isPrimary: r.is_primary === 1,
      person: people.get(r.person_id)!,
      otherCases: otherRows.map((o) => ({ id: o.id, caseNumber: o.case_number, status: o.status, visible: visible.has(o.id) })),
    };
  });
}

/** Cases a person is in, for the visibility of a person-level change. */
export function casesOfPerson(db: Db, personId: number): number[] {
  return (db.prepare('SELECT case_id FROM case_members WHERE person_id = ?').all(personId) as Array<{ case_id: number }>).map((r) => r.case_id);
}

// --- the list -----------------------------------------------------------------------------

const SORTS: Record<CaseListInput['sort'], (dir: 'ASC' | 'DESC') => string> = {
  caseNumber: (d) => `c.case_year ${d}, c.case_seq ${d}`,
  childName: (d) => `c.child_sort_key ${d}, c.id ${d}`,
  intakeDate: (d) => `c.last_intake_at ${d}, c.id ${d}`,
  // "desc" = most severe first (urgent has the lowest rank), newest first within a level.
  priority: (d) => `c.priority_rank ${d === 'DESC' ? 'ASC' : 'DESC'}, c.last_intake_at DESC`,
};

/**
 * WHERE clause and parameters of the case list. The page is read in sort order through an index
 * and stops at the limit, so row-by-row checks (concern, visibility) are cheap there; the count
 * needs every match, so it starts from the smaller sets instead.
 */
export function caseListWhere(input: CaseListInput, actor: Actor, mode: 'page' | 'count' = 'page'): { where: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (input.status?.length) {
    where.push(`c.status IN (${input.status.map((_, i) => `@status${i}`).join(', ')})`);
    input.status.forEach((s, i) => (params[`status${i}`] = s));
  }
  if (input.priority?.length) {
    where.push(`c.priority_rank IN (${input.priority.map((_, i) => `@prio${i}`).join(', ')})`);
    input.priority.forEach((p, i) => (params[`prio${i}`] = p === 'unset' ? UNSET_PRIORITY_RANK : PRIORITY_RANK[p]));
  }
  if (input.caseworkerId) {
    where.push('c.responsible_user_id = @caseworker');
    params.caseworker = input.caseworkerId;
  }
  if (input.concern) {
    // Counting with a date range too: walk the (smaller, dense) intake-date range of the covering
    // cases_last_intake index and probe the concern index, instead of reading the case row of every
    // case ever filed under the concern (issue 16: 3× faster at 100 000 cases).
    where.push(
      mode === 'page' || input.from || input.to
        ? 'EXISTS (SELECT 1 FROM intake_concerns ic WHERE ic.concern_code = @concern AND ic.case_id = c.id)'
        : 'c.id IN (SELECT case_id FROM intake_concerns WHERE concern_code = @concern)',
    );
    params.concern = input.concern;
  }
  if (input.flagged !== undefined) {
    // Open flags are few: drive from their partial index.
    where.push(`c.id ${input.flagged ? '' : 'NOT '}IN (SELECT case_id FROM case_flags WHERE resolved_at IS NULL)`);
  }
  if (input.from) {
    where.push('c.last_intake_at >= @from');
    params.from = dayStartUtc(input.from);
  }
  if (input.to) {
    where.push('c.last_intake_at < @to');
    params.to = dayEndUtc(input.to);
  }
  // A count of open cases only starts from the status index (open cases are the smaller set) and
  // probes the viewer's assignment; any other count starts from the viewer's cases.
  const openOnly = Boolean(input.status?.length) && !input.status!.includes('closed');
  const visible = visibleSql(actor, 'c.id', mode === 'page' || openOnly ? 'probe' : 'set');
  if (visible) {
    where.push(visible);
    params.viewer = actor.userId;
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function caseListSql(input: CaseListInput, actor: Actor) {
  const page = caseListWhere(input, actor, 'page');
  const count = caseListWhere(input, actor, 'count');
  const dir = input.direction === 'asc' ? 'ASC' : 'DESC';
  // Counts that one index answers alone: a caseworker's whole list, or one concern over all cases.
  const others = Boolean(input.status?.length || input.priority?.length || input.caseworkerId || input.flagged !== undefined || input.from || input.to);
  let countSql = `SELECT count(*) AS n FROM cases c ${count.where}`;
  // (With an active cover, a case of the covered colleague the viewer also works on counts once.)
  if (!others && !input.concern && !actor.readAll) countSql = `SELECT count(DISTINCT case_id) AS n FROM case_workers WHERE user_id IN (${VIEWER_USERS_SQL})`;
  if (!others && input.concern && actor.readAll) countSql = 'SELECT count(DISTINCT case_id) AS n FROM intake_concerns WHERE concern_code = @concern';
  return {
    page: `SELECT c.id FROM cases c ${page.where} ORDER BY ${SORTS[input.sort](dir)} LIMIT @limit OFFSET @offset`,
    count: countSql,
    params: { ...page.params, limit: input.limit, offset: input.offset },
    countParams: count.params,
  };
}

export function listCases(db: Db, input: CaseListInput, actor: Actor, users: UserLookup): CaseList {
  const sql = caseListSql(input, actor);
  const ids = (db.prepare(sql.page).all(sql.params) as Array<{ id: number }>).map((r) => r.id);
  const total = (db.prepare(sql.count).get(sql.countParams) as { n: number }).n;
  const rows = caseRows(db, ids, users);
  if (!actor.readAll) {
    for (const row of rows) {
      const coverFor = coverForOf(db, actor, row.id);
      if (coverFor) row.coverFor = users(coverFor);
    }
  }
  return { total, offset: input.offset, rows };
}

/** List rows for the given case ids, in that order (two statements for the page, not two per row). */
export function caseRows(db: Db, ids: number[], users: UserLookup): CaseListRow[] {
  if (ids.length === 0) return [];
  const list = JSON.stringify(ids);
  const byId = new Map(
    (
      db
        .prepare(
          `SELECT c.id, c.case_number, c.status, c.priority, c.closure_requested_at, c.responsible_user_id, c.opened_at, c.last_intake_at,
             p.id AS child_id, p.first_name, p.last_name, p.birth_date, p.birth_year,
             (SELECT count(*) FROM case_members m WHERE m.case_id = c.id AND m.role = 'child') AS child_count
           FROM json_each(?) j JOIN cases c ON c.id = j.value LEFT JOIN people p ON p.id = c.primary_child_id`,
        )
        .all(list) as Array<{ id: number }>
    ).map((r) => [r.id, r] as const),
  );
  const flags = new Map<number, FlagKind[]>();
  for (const f of db
    .prepare('SELECT DISTINCT f.case_id, f.kind FROM json_each(?) j JOIN case_flags f ON f.case_id = j.value AND f.resolved_at IS NULL ORDER BY f.case_id, f.kind')
    .all(list) as Array<{ case_id: number; kind: FlagKind }>) {
    flags.set(f.case_id, [...(flags.get(f.case_id) ?? []), f.kind]);
  }
  return ids.map((id) => {
    const r = byId.get(id) as {
      id: number;
      case_number: string;
      status: CaseStatus;
      priority: Priority | null;
      closure_requested_at: string | null;
      responsible_user_id: string;
      opened_at: string;
      last_intake_at: string;
      child_id: number | null;
      first_name: string | null;
      last_name: string | null;
      birth_date: string | null;
      birth_year: number | null;
      child_count: number;
    };
    return {
      id: r.id,
      caseNumber: r.case_number,
      status: r.status,
      priority: r.priority,
      closurePending: r.closure_requested_at !== null,
      child:
        r.child_id !== null
          ? { id: r.child_id, firstName: r.first_name ?? '', lastName: r.last_name ?? '', birthDate: r.birth_date, birthYear: r.birth_year }
          : null,
      childCount: r.child_count,
      responsible: users(r.responsible_user_id),
      openedAt: r.opened_at,
      lastIntakeAt: r.last_intake_at,
      flags: flags.get(id) ?? [],
    };
  });
}
