/**
 * The case plan: goals and their actions, each action with a responsible
 * person and a due day. An action with a due day is also a task (source
 * 'plan', source_id = action id) so it appears on the dashboard; the two are
 * kept in step here. Owns the SQL of `plan_goals` and `plan_actions`.
 */
import { CodedError } from '../../../shared/api/envelope';
import type { PlanAction, PlanGoal } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';
import { dueAtOfDay } from './dates';
import { insertTask } from './tasksRepo';
import type { UserLookup } from './userRefs';

type GoalStatus = PlanGoal['status'];
type ActionStatus = PlanAction['status'];

export function planStatements(db: Db) {
  return {
    goal: db.prepare(
      `INSERT INTO plan_goals (case_id, title, description, status, created_at, created_by, updated_at)
       VALUES (@caseId, @title, @description, @status, @now, @actor, @now)`,
    ),
    action: db.prepare(
      `INSERT INTO plan_actions (goal_id, case_id, title, responsible_user_id, due_on, status, done_at, done_by, created_at, created_by, updated_at)
       VALUES (@goalId, @caseId, @title, @responsible, @dueOn, @status, @doneAt, @doneBy, @now, @actor, @now)`,
    ),
  };
}

export function insertGoal(db: Db, caseId: number, title: string, description: string | null, actor: string, now: string): number {
  return Number(planStatements(db).goal.run({ caseId, title, description, status: 'open', now, actor }).lastInsertRowid);
}

export function goalCase(db: Db, goalId: number): number {
  const row = db.prepare('SELECT case_id FROM plan_goals WHERE id = ?').get(goalId) as { case_id: number } | undefined;
  if (!row) throw new CodedError('plan.goalNotFound');
  return row.case_id;
}

export function updateGoal(db: Db, goalId: number, patch: { title?: string | undefined; description?: string | null | undefined; status?: GoalStatus | undefined }, now: string): void {
  const row = db.prepare('SELECT title, description, status FROM plan_goals WHERE id = ?').get(goalId) as { title: string; description: string | null; status: GoalStatus };
  db.prepare('UPDATE plan_goals SET title = ?, description = ?, status = ?, updated_at = ? WHERE id = ?').run(
    patch.title ?? row.title,
    patch.description !== undefined ? patch.description : row.description,
    patch.status ?? row.status,
    now,
    goalId,
  );
}

export interface NewAction {
  goalId: number;
  caseId: number;
  title: string;
  responsible: string;
  dueOn: string | null;
}

export function insertAction(db: Db, a: NewAction, actor: string, now: string): number {
  const id = Number(
    planStatements(db).action.run({ ...a, status: 'open', doneAt: null, doneBy: null, now, actor }).lastInsertRowid,
  );
  if (a.dueOn) actionTask(db, id, a, actor, now);
  return id;
}

function actionTask(db: Db, actionId: number, a: { caseId: number; title: string; responsible: string; dueOn: string | null }, actor: string, now: string): void {
  if (!a.dueOn) return;
  insertTask(
    db,
    { caseId: a.caseId, kind: 'planAction', source: 'plan', sourceId: actionId, title: a.title, dueAt: dueAtOfDay(a.dueOn), assigneeUserId: a.responsible, createdBy: actor },
    now,
  );
}

interface ActionRow {
  id: number;
  goal_id: number;
  case_id: number;
  title: string;
  responsible_user_id: string;
  due_on: string | null;
  status: ActionStatus;
  done_at: string | null;
  task_id: number | null;
}

const ACTION_SQL = `SELECT a.*, (SELECT t.id FROM tasks t WHERE t.source = 'plan' AND t.source_id = CAST(a.id AS TEXT) ORDER BY t.id DESC LIMIT 1) AS task_id
  FROM plan_actions a`;

const toAction = (r: ActionRow, users: UserLookup): PlanAction => ({
  id: r.id,
  goalId: r.goal_id,
  title: r.title,
  responsible: users(r.responsible_user_id),
  dueOn: r.due_on,
  status: r.status,
  doneAt: r.done_at,
  taskId: r.task_id,
});

export function getActionRow(db: Db, actionId: number): ActionRow {
  const row = db.prepare(`${ACTION_SQL} WHERE a.id = ?`).get(actionId) as ActionRow | undefined;
  if (!row) throw new CodedError('plan.actionNotFound');
  return row;
}

export function getAction(db: Db, actionId: number, users: UserLookup): PlanAction {
  return toAction(getActionRow(db, actionId), users);
}

/**
 * Changes an action and its task: a new title, responsible person or due day
 * updates the open task (or creates one); done/cancelled closes it; reopening
 * reopens it.
 */
export function updateAction(
  db: Db,
  actionId: number,
  patch: { title?: string | undefined; responsible?: string | undefined; dueOn?: string | null | undefined; status?: ActionStatus | undefined },
  actor: string,
  now: string,
): void {
  const row = getActionRow(db, actionId);
  const next = {
    title: patch.title ?? row.title,
    responsible: patch.responsible ?? row.responsible_user_id,
    dueOn: patch.dueOn !== undefined ? patch.dueOn : row.due_on,
    status: patch.status ?? row.status,
  };
  const finished = next.status !== 'open';
  db.prepare('UPDATE plan_actions SET title = ?, responsible_user_id = ?, due_on = ?, status = ?, done_at = ?, done_by = ?, updated_at = ? WHERE id = ?').run(
    next.title,
    next.responsible,
    next.dueOn,
    next.status,
    finished ? (row.done_at ?? now) : null,
    finished ? actor : null,
    now,
    actionId,
  );
  const task = row.task_id
    ? (db.prepare('SELECT id, done_at FROM tasks WHERE id = ?').get(row.task_id) as { id: number; done_at: string | null })
    : null;
  if (finished) {
    if (task && task.done_at === null) {
      db.prepare('UPDATE tasks SET done_at = ?, done_by = ?, cancelled = ? WHERE id = ?').run(now, actor, next.status === 'cancelled' ? 1 : 0, task.id);
    }
    return;
  }
  if (!next.dueOn) {
    // No due day any more: the open task goes (cancelled, kept).
    if (task && task.done_at === null) db.prepare('UPDATE tasks SET done_at = ?, done_by = ?, cancelled = 1 WHERE id = ?').run(now, actor, task.id);
    return;
  }
  if (task) {
    db.prepare('UPDATE tasks SET title = ?, assignee_user_id = ?, due_at = ?, done_at = NULL, done_by = NULL, cancelled = 0 WHERE id = ?').run(
      next.title,
      next.responsible,
      dueAtOfDay(next.dueOn),
      task.id,
    );
  } else {
    actionTask(db, actionId, { caseId: row.case_id, ...next }, actor, now);
  }
}

/** A plan task completed from the dashboard completes its action. */
export function markActionDoneFromTask(db: Db, actionId: number, actor: string, now: string): void {
  db.prepare("UPDATE plan_actions SET status = 'done', done_at = ?, done_by = ?, updated_at = ? WHERE id = ? AND status = 'open'").run(now, actor, now, actionId);
}

/** Undoing a task's completion reopens the plan step it had marked done. */
export function reopenActionFromTask(db: Db, actionId: number, actor: string, now: string): void {
  db.prepare("UPDATE plan_actions SET status = 'open', done_at = NULL, done_by = NULL, updated_at = ? WHERE id = ? AND status = 'done' AND done_by = ?").run(now, actionId, actor);
}

export function getGoal(db: Db, goalId: number, users: UserLookup): PlanGoal {
  const plan = listPlan(db, goalCase(db, goalId), users);
  return plan.find((g) => g.id === goalId)!;
}

export function listPlan(db: Db, caseId: number, users: UserLookup): PlanGoal[] {
  const goals = db.prepare('SELECT * FROM plan_goals WHERE case_id = ? ORDER BY id').all(caseId) as Array<{
    id: number;
    title: string;
    description: string | null;
    status: GoalStatus;
    created_at: string;
  }>;
  const actions = db.prepare(`${ACTION_SQL} WHERE a.case_id = ? ORDER BY a.due_on IS NULL, a.due_on, a.id`).all(caseId) as ActionRow[];
  return goals.map((g) => ({
    id: g.id,
    title: g.title,
    description: g.description,
    status: g.status,
    createdAt: g.created_at,
    actions: actions.filter((a) => a.goal_id === g.id).map((a) => toAction(a, users)),
  }));
}
