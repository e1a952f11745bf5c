/**
 * Tasks: every deadline of a case in one table, whichever feature set it —
 * the risk tool's response times (source 'risk'), case-plan actions
 * ('plan'), court dates ('court'), referrals ('referral') or a person
 * ('manual'). Other features write through `insertTask` / `closeTasksOf`.
 * The dashboard reads open tasks through two partial indexes
 * (tasks_open_assignee, tasks_open_due), so it never scans done work.
 */
import { CodedError } from '../../../shared/api/envelope';
import type { Dashboard, Priority, Task, TaskSource } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import { PRIORITY_RANK, priorityRank, UNSET_PRIORITY_RANK } from './casesRepo';
import type { UserLookup } from './userRefs';

export interface NewTask {
  caseId: number;
  /** What kind of work: 'followUp', 'assessment', 'planAction', 'hearing', 'manual' … */
  kind: string;
  source: TaskSource;
  sourceId?: string | number | null;
  /** An i18n key (+ params) for generated tasks, or a free title. */
  titleKey?: string | null;
  titleParams?: Record<string, string | number>;
  title?: string | null;
  /** UTC ISO moment. */
  dueAt: string;
  /** Default: the case's priority. */
  priority?: Priority | null;
  /** Default: the case's responsible caseworker. */
  assigneeUserId?: string | null;
  createdBy: string | null;
}

export function taskStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO tasks (case_id, kind, source, source_id, title_key, title_params, title, due_at, priority, priority_rank,
         assignee_user_id, done_at, done_by, cancelled, created_at, created_by)
       VALUES (@caseId, @kind, @source, @sourceId, @titleKey, @titleParams, @title, @dueAt, @priority, @priorityRank,
         @assignee, @doneAt, @doneBy, 0, @now, @createdBy)`,
    ),
  };
}

export function insertTask(db: Db, t: NewTask, now: string): number {
  const c = db.prepare('SELECT responsible_user_id, priority FROM cases WHERE id = ?').get(t.caseId) as
    | { responsible_user_id: string; priority: Priority | null }
    | undefined;
  if (!c) throw new CodedError('cases.notFound');
  if (!t.titleKey && !t.title) throw new CodedError('tasks.titleRequired', { field: 'title' });
  const priority = t.priority === undefined ? c.priority : t.priority;
  return Number(
    taskStatements(db).insert.run({
      caseId: t.caseId,
      kind: t.kind,
      source: t.source,
      sourceId: t.sourceId === undefined || t.sourceId === null ? null : String(t.sourceId),
      titleKey: t.titleKey ?? null,
      titleParams: JSON.stringify(t.titleParams ?? {}),
      title: t.title ?? null,
      dueAt: t.dueAt,
      priority,
      priorityRank: priorityRank(priority),
      assignee: t.assigneeUserId ?? c.responsible_user_id,
      doneAt: null,
      doneBy: null,
      now,
      createdBy: t.createdBy,
    }).lastInsertRowid,
  );
}

interface Row {
  id: number;
  case_id: number;
  kind: string;
  source: TaskSource;
  source_id: string | null;
  title_key: string | null;
  title_params: string;
  title: string | null;
  due_at: string;
  priority: Priority | null;
  assignee_user_id: string | null;
  done_at: string | null;
  done_by: string | null;
  cancelled: number;
  outcome: string | null;
  case_number: string;
  first_name: string | null;
  last_name: string | null;
}

const TASK_SELECT_FROM = (source: string) => `SELECT t.id, t.case_id, t.kind, t.source, t.source_id, t.title_key, t.title_params, t.title, t.due_at, t.priority,
    t.assignee_user_id, t.done_at, t.done_by, t.cancelled, t.outcome, c.case_number, p.first_name, p.last_name
  FROM ${source} t JOIN cases c ON c.id = t.case_id LEFT JOIN people p ON p.id = c.primary_child_id`;
const TASK_SELECT = TASK_SELECT_FROM('tasks');

const toTask = (r: Row, users: UserLookup): Task => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  childName: r.first_name !== null ? `${r.first_name} ${r.last_name ?? ''}`.trim() : null,
  kind: r.kind,
  source: r.source,
  sourceId: r.source_id,
  titleKey: r.title_key,
  titleParams: JSON.parse(r.title_params) as Record<string, string | number>,
  title: r.title,
  dueAt: r.due_at,
  priority: r.priority,
  assignee: r.assignee_user_id ? users(r.assignee_user_id) : null,
  doneAt: r.done_at,
  doneBy: r.done_by ? users(r.done_by) : null,
  cancelled: r.cancelled === 1,
  outcome: r.outcome,
});

export function getTask(db: Db, id: number, users: UserLookup): Task {
  const row = db.prepare(`${TASK_SELECT} WHERE t.id = ?`).get(id) as Row | undefined;
  if (!row) throw new CodedError('tasks.notFound');
  return toTask(row, users);
}

export function taskCase(db: Db, id: number): { caseId: number; doneAt: string | null; source: TaskSource; sourceId: string | null; assignee: string | null } {
  const row = db.prepare('SELECT case_id, done_at, source, source_id, assignee_user_id FROM tasks WHERE id = ?').get(id) as
    | { case_id: number; done_at: string | null; source: TaskSource; source_id: string | null; assignee_user_id: string | null }
    | undefined;
  if (!row) throw new CodedError('tasks.notFound');
  return { caseId: row.case_id, doneAt: row.done_at, source: row.source, sourceId: row.source_id, assignee: row.assignee_user_id };
}

export function tasksForCase(db: Db, caseId: number, users: UserLookup): Task[] {
  return (db.prepare(`${TASK_SELECT} WHERE t.case_id = ? ORDER BY t.done_at IS NOT NULL, t.due_at`).all(caseId) as Row[]).map((r) => toTask(r, users));
}

export function completeTask(db: Db, id: number, actor: string, now: string, outcome: string | null = null): void {
  const changed = db.prepare('UPDATE tasks SET done_at = ?, done_by = ?, outcome = ? WHERE id = ? AND done_at IS NULL').run(now, actor, outcome, id).changes;
  if (changed !== 1) throw new CodedError('tasks.alreadyDone');
}

/** How long after completing a task its completer may undo it (the toast shows 10 s; a little slack for the round trip). */
export const UNDO_COMPLETE_MS = 10_000;
const UNDO_SLACK_MS = 5_000;

/** Undoes a completion within the undo window, by the same user; cancelled tasks are not reopened this way. */
export function undoCompleteTask(db: Db, id: number, actor: string, now: Date): void {
  const row = db.prepare('SELECT done_at, done_by, cancelled FROM tasks WHERE id = ?').get(id) as { done_at: string | null; done_by: string | null; cancelled: number } | undefined;
  if (!row) throw new CodedError('tasks.notFound');
  if (!row.done_at || row.cancelled === 1) throw new CodedError('tasks.notDone');
  const age = now.getTime() - Date.parse(row.done_at);
  if (row.done_by !== actor || age > UNDO_COMPLETE_MS + UNDO_SLACK_MS) throw new CodedError('tasks.undoExpired');
  db.prepare('UPDATE tasks SET done_at = NULL, done_by = NULL, outcome = NULL WHERE id = ?').run(id);
}

/** Closes the open tasks of a source (an action done, a hearing held, a referral answered …). */
export function closeTasksOf(db: Db, source: TaskSource, sourceId: string | number, actor: string | null, now: string, cancelled = false): number {
  return db
    .prepare('UPDATE tasks SET done_at = ?, done_by = ?, cancelled = ? WHERE source = ? AND source_id = ? AND done_at IS NULL')
    .run(now, actor, cancelled ? 1 : 0, source, String(sourceId)).changes;
}

/** Closing a case: its open tasks are cancelled (kept, marked cancelled). */
export function cancelOpenTasksOfCase(db: Db, caseId: number, actor: string, now: string): number {
  return db.prepare('UPDATE tasks SET done_at = ?, done_by = ?, cancelled = 1 WHERE case_id = ? AND done_at IS NULL').run(now, actor, caseId).changes;
}

/** Reassignment: the previous caseworker's open tasks on the case follow the case. */
export function moveOpenTasks(db: Db, caseId: number, from: string, to: string): number {
  return db.prepare('UPDATE tasks SET assignee_user_id = ? WHERE case_id = ? AND assignee_user_id = ? AND done_at IS NULL').run(to, caseId, from).changes;
}

// --- dashboard ------------------------------------------------------------------------------

const ALL_RANKS = [...Object.values(PRIORITY_RANK), UNSET_PRIORITY_RANK];
const RANK_NAMES = Object.fromEntries([...Object.entries(PRIORITY_RANK).map(([k, v]) => [v, k]), [5, 'unset']]) as Record<number, string>;

export interface DashboardQuery {
  scope: 'mine' | 'everyone';
  /** Whose tasks: the signed-in user for 'mine', optional filter for 'everyone'. */
  assignee: string | null;
  limit: number;
  bounds: { now: string; todayEnd: string; weekEnd: string };
}

/** The SQL the dashboard runs (exported for the query-plan tests). */
export function dashboardSql(q: Pick<DashboardQuery, 'assignee'>) {
  const who = q.assignee ? 'AND t.assignee_user_id = @assignee' : '';
  return {
    // One pass over the open tasks (covering partial index): per assignee and priority, how many are
    // overdue, due today, due this week, open at all. Groups and workload both come from it.
    summary: `SELECT t.assignee_user_id AS user, t.priority_rank AS rank, sum(t.due_at < @now) AS overdue,
        sum(t.due_at >= @now AND t.due_at < @todayEnd) AS today, sum(t.due_at >= @todayEnd AND t.due_at < @weekEnd) AS week, count(*) AS open
      FROM tasks t WHERE t.done_at IS NULL ${who} GROUP BY t.assignee_user_id, t.priority_rank`,
    // Sort and cut on the tasks index alone (ids only: a covering index, no table row read for
    // every overdue task), then read and join the few rows kept.
    items: `${TASK_SELECT_FROM(
      '(SELECT t.* FROM (SELECT t.id FROM tasks t WHERE t.done_at IS NULL ' + who + ' AND t.due_at >= @from AND t.due_at < @to ORDER BY t.priority_rank, t.due_at LIMIT @limit) k JOIN tasks t ON t.id = k.id)',
    )}
      ORDER BY t.priority_rank, t.due_at`,
    activeCases: `SELECT responsible_user_id AS user, count(*) AS n FROM cases WHERE status <> 'closed' GROUP BY responsible_user_id`,
    // The same counts for one (assignee, priority) cell, each a range of the covering partial index
    // counted in place: at 100 000 cases (32 000 open tasks) the grouped pass above spends its time
    // aggregating row by row, a few dozen range counts take a fraction of that (issue 16). A count
    // steps through every entry of its range, and most open tasks are overdue: open is overdue plus
    // the (few) not yet due (due_at is NOT NULL), so the overdue range is walked once, not twice.
    cell: `SELECT overdue, overdue + later AS open, today, week FROM (SELECT
        (SELECT count(*) FROM tasks t WHERE t.assignee_user_id IS @user AND t.priority_rank = @rank AND t.done_at IS NULL AND t.due_at < @now) AS overdue,
        (SELECT count(*) FROM tasks t WHERE t.assignee_user_id IS @user AND t.priority_rank = @rank AND t.done_at IS NULL AND t.due_at >= @now) AS later,
        (SELECT count(*) FROM tasks t WHERE t.assignee_user_id IS @user AND t.priority_rank = @rank AND t.done_at IS NULL AND t.due_at >= @now AND t.due_at < @todayEnd) AS today,
        (SELECT count(*) FROM tasks t WHERE t.assignee_user_id IS @user AND t.priority_rank = @rank AND t.done_at IS NULL AND t.due_at >= @todayEnd AND t.due_at < @weekEnd) AS week)`,
    openCount: `SELECT count(*) AS n FROM tasks t WHERE t.done_at IS NULL ${who}`,
  };
}

export type SummaryRow = { user: string | null; rank: number; overdue: number; today: number; week: number; open: number };

/**
 * The dashboard's per-(assignee, priority) counts from range counts over the known cells (every
 * user and no one × every priority rank). The open tasks they add up to are checked against one
 * plain count: anything outside those cells (never written today) falls back to the grouped pass.
 */
export function summaryRows(db: Db, assignee: string | null, bounds: DashboardQuery['bounds']): SummaryRow[] {
  const sql = dashboardSql({ assignee });
  const who = assignee ? { assignee } : {};
  const users: Array<string | null> = assignee ? [assignee] : [...(db.prepare('SELECT id FROM users ORDER BY id').all() as Array<{ id: string }>).map((u) => u.id), null];
  const cell = db.prepare(sql.cell);
  const rows: SummaryRow[] = [];
  let open = 0;
  for (const user of users)
    for (const rank of ALL_RANKS) {
      const r = cell.get({ user, rank, now: bounds.now, todayEnd: bounds.todayEnd, weekEnd: bounds.weekEnd }) as Omit<SummaryRow, 'user' | 'rank'>;
      if (r.open === 0) continue;
      open += r.open;
      rows.push({ user, rank, ...r });
    }
  if (open === (db.prepare(sql.openCount).get(who) as { n: number }).n) return rows;
  return db.prepare(sql.summary).all({ ...bounds, ...who }) as SummaryRow[];
}

type GroupName = 'overdue' | 'today' | 'week';

export function dashboard(db: Db, q: DashboardQuery, users: UserLookup, staff: string[]): Dashboard {
  const everyone = q.scope === 'everyone';
  // 'mine' reads only the user's tasks; 'everyone' reads all open tasks once (the workload needs them).
  const sql = dashboardSql({ assignee: everyone ? null : q.assignee });
  const rows = summaryRows(db, everyone ? null : q.assignee, q.bounds);
  const groups: Record<GroupName, { total: number; byPriority: Record<string, number> }> = {
    overdue: { total: 0, byPriority: {} },
    today: { total: 0, byPriority: {} },
    week: { total: 0, byPriority: {} },
  };
  const perUser = new Map<string, { open: number; overdue: number; week: number }>();
  for (const row of rows) {
    if (row.user) {
      const u = perUser.get(row.user) ?? { open: 0, overdue: 0, week: 0 };
      u.open += row.open;
      u.overdue += row.overdue;
      u.week += row.today + row.week;
      perUser.set(row.user, u);
    }
    if (q.assignee && row.user !== q.assignee) continue;
    const name = RANK_NAMES[row.rank] ?? 'unset';
    for (const g of ['overdue', 'today', 'week'] as const) {
      if (!row[g]) continue;
      groups[g].total += row[g];
      groups[g].byPriority[name] = (groups[g].byPriority[name] ?? 0) + row[g];
    }
  }

  const itemSql = dashboardSql({ assignee: q.assignee }).items;
  const items = db.prepare(itemSql);
  const base = { ...(q.assignee ? { assignee: q.assignee } : {}), limit: q.limit };
  const range: Record<GroupName, [string, string]> = { overdue: ['', q.bounds.now], today: [q.bounds.now, q.bounds.todayEnd], week: [q.bounds.todayEnd, q.bounds.weekEnd] };
  // A group with nothing in it is not queried.
  const group = (name: GroupName) => ({
    ...groups[name],
    items: groups[name].total === 0 ? [] : (items.all({ ...base, from: range[name][0], to: range[name][1] }) as Row[]).map((r) => toTask(r, users)),
  });

  let workload: Dashboard['workload'] = [];
  if (everyone) {
    const active = new Map((db.prepare(sql.activeCases).all() as Array<{ user: string; n: number }>).map((r) => [r.user, r.n]));
    const ids = new Set([...staff, ...active.keys(), ...perUser.keys()]);
    workload = [...ids]
      .map((id) => ({
        user: users(id),
        activeCases: active.get(id) ?? 0,
        openTasks: perUser.get(id)?.open ?? 0,
        overdue: perUser.get(id)?.overdue ?? 0,
        dueThisWeek: perUser.get(id)?.week ?? 0,
      }))
      .sort((a, b) => b.overdue - a.overdue || b.activeCases - a.activeCases || a.user.displayName.localeCompare(b.user.displayName, 'tr'));
  }
  return { scope: q.scope, ...q.bounds, overdue: group('overdue'), today: group('today'), week: group('week'), workload };
}
