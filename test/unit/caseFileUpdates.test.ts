/**
 * Issue 12: the case page loads the file once (one `case.viewed` row) and takes every later
 * write from its reply (renderer/src/features/cases/caseFileUpdates.ts). Here a whole day of
 * work on a case is merged reply by reply into the file first loaded, and the result must be
 * the file a fresh `cases.get` returns — without any `case.viewed` row in between.
 */
import { describe, expect, it } from 'vitest';
import type { Output } from '../../shared/api/contract';
import type { CaseFile, Member, PlanAction, PlanGoal, Task } from '../../shared/api/schemas/cases';
import { withAction, withCase, withGoal, withMember, withNote, withParts, withPerson, withTask } from '../../renderer/src/features/cases/caseFileUpdates';
import { intake, newCase, office } from '../fixtures/cases';

/** The file as compared: tasks by id (the reply keeps a task in place; the page sorts them itself). */
const comparable = (f: CaseFile) => ({ ...f, tasks: [...f.tasks].sort((a, b) => a.id - b.id) });

describe('case file updated from the writes’ replies', () => {
  it('plan, tasks, lifecycle, members, person, intake, flags, assignment: merged replies equal a fresh file, with one case.viewed row', async () => {
    const o = await office();
    const views = () => (o.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.viewed'").get() as { n: number }).n;
    const ayse = await o.as('ayse');
    const c = await o.ok<{ id: number }>(ayse, 'cases.create', newCase());
    let file = await o.ok(ayse, 'cases.get', { caseId: c.id });
    expect(views()).toBe(1);

    // The plan: a goal, two actions (each becomes a task), one done through its task.
    const goal = await o.ok(ayse, 'plan.addGoal', { caseId: c.id, title: 'Okula düzenli devam' });
    file = withGoal(file, goal);
    const later = await o.ok(ayse, 'plan.addAction', { goalId: goal.id, title: 'Okulla görüş', dueOn: '2026-06-25' });
    expect(later.parts?.tasks?.map((t) => t.sourceId)).toEqual([String(later.id)]);
    file = withAction(file, later);
    const sooner = await o.ok(ayse, 'plan.addAction', { goalId: goal.id, title: 'Rehberlik servisini ara', dueOn: '2026-06-18' });
    file = withAction(file, sooner);
    expect(file.plan[0]!.actions.map((a) => a.title)).toEqual(['Rehberlik servisini ara', 'Okulla görüş']);
    const manual = await o.ok(ayse, 'tasks.add', { caseId: c.id, title: 'Anneyi ara', dueAt: '2026-06-16T10:00' });
    file = withTask(file, manual);

    const done = await o.ok(ayse, 'tasks.complete', { taskId: sooner.taskId!, outcome: 'Randevu alındı.' });
    expect(done.parts?.plan?.[0]?.actions.find((a) => a.id === sooner.id)?.status).toBe('done');
    file = withTask(file, done);
    file = withTask(file, await o.ok(ayse, 'tasks.undoComplete', { taskId: sooner.taskId! }));
    expect(file.plan[0]!.actions.find((a) => a.id === sooner.id)?.status).toBe('open');
    const manualDone = await o.ok(ayse, 'tasks.complete', { taskId: manual.id, outcome: 'Ulaşıldı.' });
    expect(manualDone.parts).toBeUndefined(); // a manual task changes no other part of the file
    file = withTask(file, manualDone);
    file = withTask(file, await o.ok(ayse, 'tasks.complete', { taskId: sooner.taskId!, outcome: 'Görüşüldü.' }));
    // An action marked done closes its task: the tasks come with the reply.
    const laterDone = await o.ok(ayse, 'plan.updateAction', { actionId: later.id, status: 'done' });
    expect(laterDone.parts?.tasks?.find((t) => t.id === later.taskId)?.doneAt).toBeTruthy();
    file = withAction(file, laterDone);
    file = withAction(file, await o.ok(ayse, 'plan.updateAction', { actionId: sooner.id, title: 'Rehberlik servisi aranır' }));
    file = withAction(file, await o.ok(ayse, 'plan.updateAction', { actionId: later.id, title: 'Okulla görüşülür' }));
    file = withGoal(file, await o.ok(ayse, 'plan.updateGoal', { goalId: goal.id, status: 'achieved' }));

    // A stage, the people, a new report, a refused visit and its flag.
    file = withCase(file, await o.ok(ayse, 'cases.transition', { caseId: c.id, to: 'assessment' }));
    expect(file.statusHistory.map((h) => h.event)).toEqual(['created', 'transition']);
    const mother = file.members.find((m) => m.relationship === 'mother')!;
    file = withPerson(file, await o.ok(ayse, 'cases.updatePerson', { personId: mother.person.id, expectedVersion: mother.person.version, patch: { phone: '0533 222 33 44' } }));
    const sibling = file.members.find((m) => m.relationship === 'sibling')!;
    file = withMember(file, await o.ok(ayse, 'cases.updateMember', { caseId: c.id, memberId: sibling.memberId, primary: true }));
    expect(file.members.filter((m) => m.isPrimary).map((m) => m.memberId)).toEqual([sibling.memberId]);
    file = withMember(file, await o.ok(ayse, 'cases.addPerson', { caseId: c.id, member: { person: { firstName: 'Emine', lastName: 'Öztürk', birthYear: 1960, sex: 'female' }, role: 'other', relationship: 'grandmother', confirmedNew: true } }));
    file = withParts(file, (await o.ok<Output<'cases.addIntake'>>(ayse, 'cases.addIntake', { caseId: c.id, intake: intake({ receivedAt: '2026-06-14T10:00', summary: 'Okul yeniden aradı.' }) })).parts);
    expect(file.intakes).toHaveLength(2);
    file = withNote(file, await o.ok(ayse, 'notes.add', { caseId: c.id, type: 'home_visit', occurredAt: '2026-06-12T10:00', body: 'Kapı açılmadı.', visitRefused: true }));
    const flag = file.flags.find((f) => f.kind === 'refused_home_visit' && !f.resolvedAt)!;
    file = withParts(file, (await o.ok(ayse, 'cases.resolveFlag', { caseId: c.id, flagId: flag.id })).parts);
    expect(file.flags.find((f) => f.id === flag.id)?.resolvedAt).toBeTruthy();
    file = withCase(file, await o.ok(ayse, 'cases.requestClosure', { caseId: c.id, reason: 'Risk kalmadı.' }));

    // The supervisor refuses the closure and hands the case over (a handover note).
    const derya = await o.as('derya');
    file = withCase(file, await o.ok(derya, 'cases.refuseClosure', { caseId: c.id, reason: 'Önce izlem.' }));
    file = withCase(file, await o.ok(derya, 'cases.assign', { caseId: c.id, responsibleUserId: o.ids.mehmet, handoverNote: 'Okulla yakın temas sürsün.' }));
    expect(file.handover?.to.id).toBe(o.ids.mehmet);
    expect(views()).toBe(1);
    expect(comparable(file)).toEqual(comparable(await o.ok(derya, 'cases.get', { caseId: c.id })));

    // Closed and reopened: the cancelled tasks, the history and the new intake come with the replies.
    file = withCase(file, await o.ok(derya, 'cases.approveClosure', { caseId: c.id, reason: 'İzlem tamam.' }));
    expect(file.case.status).toBe('closed');
    const reopened = await o.ok<Output<'cases.reopen'>>(derya, 'cases.reopen', { caseId: c.id, intake: intake({ receivedAt: '2026-06-15T08:00', summary: 'Yeni bildirim.' }) });
    file = withParts({ ...file, case: reopened.case }, reopened.parts);
    expect(views()).toBe(2);
    expect(comparable(file)).toEqual(comparable(await o.ok(derya, 'cases.get', { caseId: c.id })));
  });
});

describe('the merge functions', () => {
  const user = { id: 'u1', displayName: 'Ayşe' };
  const action = (id: number, dueOn: string | null, goalId = 1): PlanAction => ({ id, goalId, title: `a${id}`, responsible: user, dueOn, status: 'open', doneAt: null, taskId: null });
  const goal = (id: number, actions: PlanAction[] = []): PlanGoal => ({ id, title: `g${id}`, description: null, status: 'open', createdAt: '2026-06-01T00:00:00.000Z', actions });
  const task = (id: number, caseId = 7): Task => ({
    id, caseId, caseNumber: 'K-1', childName: null, kind: 'manual', source: 'manual', sourceId: null, titleKey: null, titleParams: {}, title: `t${id}`,
    dueAt: '2026-06-20T07:00:00.000Z', priority: null, assignee: user, doneAt: null, doneBy: null, cancelled: false, outcome: null,
  });
  const base = { case: { id: 7 }, plan: [goal(1, [action(1, '2026-06-10'), action(2, null)]), goal(2)], tasks: [task(1)], members: [], flags: [] } as unknown as CaseFile;

  it('puts an action in its goal in the plan’s order (dated first, by day, then id) and replaces one by id', () => {
    const added = withAction(base, action(3, '2026-06-05'));
    expect(added.plan[0]!.actions.map((a) => a.id)).toEqual([3, 1, 2]);
    expect(added.plan[1]!.actions).toEqual([]);
    const edited = withAction(added, { ...action(1, null), title: 'yeni' });
    expect(edited.plan[0]!.actions.map((a) => [a.id, a.title])).toEqual([[3, 'a3'], [1, 'yeni'], [2, 'a2']]);
    expect(base.plan[0]!.actions).toHaveLength(2); // the loaded file is not changed in place
  });

  it('replaces or adds a task of this case, ignores another case’s, and takes the slices a reply carries', () => {
    expect(withTask(base, { ...task(1), outcome: 'ok' }).tasks).toEqual([{ ...task(1), outcome: 'ok' }]);
    expect(withTask(base, task(2)).tasks.map((t) => t.id)).toEqual([1, 2]);
    expect(withTask(base, task(3, 8))).toBe(base);
    const withPlan = withTask(base, { ...task(1), parts: { plan: [goal(9)] } });
    expect(withPlan.plan.map((g) => g.id)).toEqual([9]);
    expect(withParts(base, { tasks: undefined }).tasks).toBe(base.tasks);
    expect(withParts(base, undefined)).toBe(base);
    expect(withGoal(base, { ...goal(2), title: 'x' }).plan.map((g) => g.title)).toEqual(['g1', 'x']);
  });

  it('shows an edited person on every member who is that person', () => {
    const person = { id: 5, version: 1, firstName: 'A' } as unknown as Member['person'];
    const file = { ...base, members: [{ memberId: 1, person }, { memberId: 2, person: { ...person, id: 6 } }] } as unknown as CaseFile;
    const edited = withPerson(file, { ...person, version: 2, firstName: 'B' });
    expect(edited.members.map((m) => [m.person.id, m.person.firstName])).toEqual([[5, 'B'], [6, 'A']]);
  });
});
