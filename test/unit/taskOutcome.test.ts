/**
 * Issue 14, item 9: completing a task stores its outcome (shown with the done task),
 * and the completer can undo it for 10 seconds; the plan step follows. Real encrypted vaults.
 */
import { describe, expect, it } from 'vitest';
import type { CaseFile, PlanAction, PlanGoal, Task } from '../../shared/api/schemas/cases';
import { newCase, office } from '../fixtures/cases';

type Created = { id: number; caseNumber: string };

describe('task outcome and undo', () => {
  it('stores the outcome with the done task, never in the audit log', async () => {
    const o = await office('2026-06-15T09:00:00.000Z');
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    const task = await o.ok<Task>(ayse, 'tasks.add', { caseId: c.id, title: 'Anneyi ara', dueAt: '2026-06-16T10:00' });
    expect(task.outcome).toBeNull();
    await o.fails(ayse, 'tasks.complete', { taskId: task.id, outcome: '   ' }, 'api.invalidInput');
    const done = await o.ok<Task>(ayse, 'tasks.complete', { taskId: task.id, outcome: 'Anneye ulaşıldı; ev ziyareti perşembe.' });
    expect(done).toMatchObject({ outcome: 'Anneye ulaşıldı; ev ziyareti perşembe.', doneBy: { id: o.ids.ayse } });
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id });
    expect(file.tasks.find((t) => t.id === task.id)).toMatchObject({ outcome: 'Anneye ulaşıldı; ev ziyareti perşembe.' });
    const audit = o.db().prepare("SELECT details FROM audit_log WHERE action = 'task.completed'").all() as Array<{ details: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain('Anneye');
  });

  it('the completer can undo within 10 seconds (plan step reopened too); later or someone else cannot', async () => {
    const o = await office('2026-06-15T09:00:00.000Z');
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    const goal = await o.ok<PlanGoal>(ayse, 'plan.addGoal', { caseId: c.id, title: 'Okula devam' });
    const action = await o.ok<PlanAction>(ayse, 'plan.addAction', { goalId: goal.id, title: 'Rehber öğretmenle görüşme', dueOn: '2026-06-17' });
    const taskId = action.taskId!;

    await o.ok(ayse, 'tasks.complete', { taskId, outcome: 'Görüşüldü.' });
    o.clock.now = new Date('2026-06-15T09:00:09.000Z');
    const reopened = await o.ok<Task>(ayse, 'tasks.undoComplete', { taskId });
    expect(reopened).toMatchObject({ doneAt: null, doneBy: null, outcome: null });
    let plan = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).plan;
    expect(plan[0]!.actions[0]).toMatchObject({ status: 'open' });
    expect(o.count('audit_log')).toBeGreaterThan(0);
    expect((o.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'task.reopened'").get() as { n: number }).n).toBe(1);
    await o.fails(ayse, 'tasks.undoComplete', { taskId }, 'tasks.notDone');

    // Completed again; a minute later the undo is refused and the task stays done.
    await o.ok(ayse, 'tasks.complete', { taskId, outcome: 'Görüşüldü, ikinci kez.' });
    o.clock.now = new Date('2026-06-15T09:01:10.000Z');
    await o.fails(ayse, 'tasks.undoComplete', { taskId }, 'tasks.undoExpired');
    plan = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).plan;
    expect(plan[0]!.actions[0]).toMatchObject({ status: 'done' });

    // Someone else (a supervisor who sees the case) cannot undo Ayşe's completion.
    const t2 = await o.ok<Task>(ayse, 'tasks.add', { caseId: c.id, title: 'Okulu ara', dueAt: '2026-06-16T10:00' });
    await o.ok(ayse, 'tasks.complete', { taskId: t2.id, outcome: 'Arandı.' });
    const derya = await o.as('derya');
    await o.fails(derya, 'tasks.undoComplete', { taskId: t2.id }, 'tasks.undoExpired');
  });
});
