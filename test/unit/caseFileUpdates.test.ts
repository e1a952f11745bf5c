/**
 * Issue 12: the case page loads the file once (one `case.viewed` row) and takes every later
 * write from its reply (renderer/src/features/cases/caseFileUpdates.ts). Here a whole day of
 * work on a case is merged reply by reply into the file first loaded, and the result must be
 * the file a fresh `cases.get` returns — without any `case.viewed` row in between.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Input, Output } from '../../shared/api/contract';
import type { CaseFile, Member, PlanAction, PlanGoal, Task } from '../../shared/api/schemas/cases';
import type { CaseCourt, CourtOrder, Hearing } from '../../shared/api/schemas/court';
import type { Referral } from '../../shared/api/schemas/referrals';
import {
  partsOf,
  withAction,
  withCase,
  withGoal,
  withHearing,
  withMember,
  withNote,
  withOrder,
  withParts,
  withPerson,
  withReferral,
  withTask,
} from '../../renderer/src/features/cases/caseFileUpdates';
import { intake, newCase, office } from '../fixtures/cases';
import { tempDir } from '../fixtures/vaults';

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

describe('the referrals, court and transfer panels updated from the writes’ replies', () => {
  it('referrals, hearings, orders and a transfer: merged replies equal a fresh file, list, court tab and transfer state, with one case.viewed row', async () => {
    const dir = tempDir('kalkan-parts-');
    // The receiving office's key file, and this office's own transfer keys (an approval seals with them).
    const receiving = await office();
    const pub = join(dir, 'receiving.pub');
    await receiving.ok(await receiving.as('yonetici'), 'transfers.exportOfficeKey', { path: pub });
    const o = await office();
    await o.ok(await o.as('yonetici'), 'transfers.exportOfficeKey', { path: join(dir, 'own.pub') });
    const views = () => (o.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.viewed'").get() as { n: number }).n;
    const openTasks = (f: CaseFile) => f.tasks.filter((t) => !t.doneAt).map((t) => t.kind).sort();

    const ayse = await o.as('ayse');
    const c = await o.ok<{ id: number }>(ayse, 'cases.create', newCase());
    // The page: the file (one view) and the three panels' own lists (no view).
    let file = await o.ok(ayse, 'cases.get', { caseId: c.id });
    let referrals = await o.ok(ayse, 'referrals.listForCase', { caseId: c.id });
    let court = await o.ok(ayse, 'court.forCase', { caseId: c.id });
    let transfers = await o.ok(ayse, 'transfers.forCase', { caseId: c.id });
    expect(views()).toBe(1);
    const mother = file.members.find((m) => m.relationship === 'mother')!;
    const child = file.members.find((m) => m.isPrimary)!;
    const [institution] = await o.ok(ayse, 'institutions.list', { type: 'psychological_counselling_centre' });
    const fields: Omit<Input<'referrals.create'>, 'caseId'> = {
      personId: child.person.id,
      institutionId: institution!.id,
      services: ['individual_counselling'],
      urgency: 'routine',
      reason: 'Bireysel psikolojik destek.',
      consent: { givenByPersonId: mother.person.id, method: 'written', on: '2026-06-01' },
      sharedSections: ['identity'],
    };

    // A referral: a draft, edited, sent (a reply task opens), answered with the service started (it closes), closed.
    let r1 = await o.ok(ayse, 'referrals.create', { caseId: c.id, ...fields });
    referrals = withReferral(referrals, r1);
    file = partsOf(r1)(file);
    r1 = await o.ok(ayse, 'referrals.updateDraft', { id: r1.id, expectedVersion: r1.version, ...fields, urgency: 'priority' });
    referrals = withReferral(referrals, r1);
    const sent = await o.ok(ayse, 'referrals.send', { id: r1.id });
    expect(sent.parts?.tasks?.filter((t) => t.source === 'referral' && !t.doneAt).map((t) => t.kind)).toEqual(['referralReply']);
    referrals = withReferral(referrals, sent);
    file = partsOf(sent)(file);
    expect(openTasks(file)).toEqual(['referralReply']);
    const replied = await o.ok(ayse, 'referrals.recordReply', { id: r1.id, receivedOn: sent.sentOn!, serviceStartedOn: sent.sentOn!, contactPerson: 'Psk. Deniz Arslan' });
    expect(replied.state).toBe('service_started');
    referrals = withReferral(referrals, replied);
    file = partsOf(replied)(file);
    expect(openTasks(file)).toEqual([]);
    const closed = await o.ok(ayse, 'referrals.close', { id: r1.id, outcome: 'Seanslar tamamlandı.' });
    referrals = withReferral(referrals, closed);
    file = partsOf(closed)(file);

    // A second one: sent, acknowledged (a service-start task), declined (it closes).
    const r2 = await o.ok(ayse, 'referrals.create', { caseId: c.id, ...fields, personId: null });
    referrals = withReferral(referrals, r2);
    file = partsOf(r2)(file);
    for (const write of [
      () => o.ok(ayse, 'referrals.send', { id: r2.id }),
      () => o.ok(ayse, 'referrals.acknowledge', { id: r2.id, note: 'Telefonla bildirildi.' }),
    ]) {
      const written = await write();
      referrals = withReferral(referrals, written);
      file = partsOf(written)(file);
    }
    expect(openTasks(file)).toEqual(['referralServiceStart']);
    const declined = await o.ok(ayse, 'referrals.decline', { id: r2.id, reason: 'Kontenjan yok.' });
    referrals = withReferral(referrals, declined);
    file = partsOf(declined)(file);
    expect(referrals.map((r) => r.id)).toEqual([r2.id, r1.id]);
    // The list without the replies' parts, as a fresh read returns it.
    expect(referrals).toEqual(await o.ok(ayse, 'referrals.listForCase', { caseId: c.id }));

    // The court tab: two hearings (reminders), one moved; an order with a due day, moved, then complied with.
    const hearing = await o.ok(ayse, 'hearings.add', { caseId: c.id, courtName: 'İstanbul 2. Çocuk Mahkemesi', hearingAt: '2026-07-01T10:30' });
    expect(hearing.parts?.tasks?.filter((t) => t.source === 'court').map((t) => t.kind)).toEqual(['hearingPrepare', 'hearing']);
    court = withHearing(court, hearing);
    file = partsOf(hearing)(file);
    const earlier = await o.ok(ayse, 'hearings.add', { caseId: c.id, courtName: 'İstanbul 1. Çocuk Mahkemesi', hearingAt: '2026-06-25T09:00' });
    court = withHearing(court, earlier);
    file = partsOf(earlier)(file);
    const moved = await o.ok(ayse, 'hearings.update', { id: earlier.id, expectedVersion: earlier.version, hearingAt: '2026-07-10T09:00' });
    court = withHearing(court, moved);
    file = partsOf(moved)(file);
    expect(court.hearings.map((h) => h.id)).toEqual([earlier.id, hearing.id]);
    const order = await o.ok(ayse, 'orders.add', { caseId: c.id, hearingId: hearing.id, kind: 'education', orderedOn: '2026-06-10', responsibleUserId: o.ids.ayse!, dueOn: '2026-07-15' });
    court = withOrder(court, order);
    file = partsOf(order)(file);
    const due = await o.ok(ayse, 'orders.update', { id: order.id, expectedVersion: order.version, dueOn: '2026-07-20' });
    court = withOrder(court, due);
    file = partsOf(due)(file);
    // The due-day task moved: the old one cancelled, one open for the new day.
    expect(comparable(file).tasks.filter((t) => t.kind === 'courtOrder').map((t) => [t.cancelled, t.doneAt === null])).toEqual([
      [true, false],
      [false, true],
    ]);
    const complied = await o.ok(ayse, 'orders.updateCompliance', { id: order.id, status: 'complied', note: 'Okula kaydı yapıldı.' });
    court = withOrder(court, complied);
    file = partsOf(complied)(file);
    expect(file.tasks.some((t) => t.kind === 'courtOrder' && !t.doneAt)).toBe(false);
    expect(court).toEqual(await o.ok(ayse, 'court.forCase', { caseId: c.id }));

    // The transfer: asked, refused, asked again and approved; the state and the case header come with the replies.
    const asked = await o.ok(ayse, 'transfers.request', { caseId: c.id, sections: ['notes'], attachmentIds: [], keyFile: pub });
    transfers = asked.caseTransfers;
    file = partsOf(asked)(file);
    expect(transfers.requests.map((r) => r.state)).toEqual(['pending']);
    const derya = await o.as('derya');
    const refused = await o.ok(derya, 'transfers.reject', { caseId: c.id, requestId: asked.id, reason: 'Önce mahkeme kararı.' });
    transfers = refused.caseTransfers;
    file = partsOf(refused)(file);
    const again = await o.ok(await o.as('ayse'), 'transfers.request', { caseId: c.id, sections: ['notes'], attachmentIds: [], keyFile: pub });
    transfers = again.caseTransfers;
    const supervisor = await o.as('derya');
    const approved = await o.ok(supervisor, 'transfers.approve', { caseId: c.id, requestId: again.id, out: join(dir, 'case.kcase') });
    expect(approved.parts?.case?.version).toBeGreaterThan(file.case.version);
    transfers = approved.caseTransfers;
    file = partsOf(approved)(file);
    expect(transfers.requests.map((r) => r.state)).toEqual(['approved', 'rejected']);
    expect(transfers).toEqual(await o.ok(supervisor, 'transfers.forCase', { caseId: c.id }));

    // Not one more view of the file for all of it; the merged file is the file as read now.
    expect(views()).toBe(1);
    const fresh = await o.ok(supervisor, 'cases.get', { caseId: c.id });
    expect(comparable(file)).toEqual(comparable(fresh));
    expect(views()).toBe(2);
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

  it('puts a referral, a hearing and an order in their list’s order, replaced by id, without the reply’s parts', () => {
    const parts = { tasks: [] as Task[] };
    const referral = (id: number, createdAt: string) => ({ id, createdAt, state: 'draft' }) as unknown as Referral;
    const list = [referral(2, '2026-06-02T00:00:00.000Z'), referral(1, '2026-06-01T00:00:00.000Z')];
    expect(withReferral(list, { ...referral(3, '2026-06-03T00:00:00.000Z'), parts }).map((r) => r.id)).toEqual([3, 2, 1]);
    const sent = withReferral(list, { ...referral(1, '2026-06-01T00:00:00.000Z'), state: 'sent', parts });
    expect(sent.map((r) => [r.id, r.state])).toEqual([[2, 'draft'], [1, 'sent']]);
    expect(sent.every((r) => !('parts' in r))).toBe(true);
    const hearing = (id: number, hearingAt: string) => ({ id, hearingAt }) as unknown as Hearing;
    const order = (id: number, orderedOn: string) => ({ id, orderedOn }) as unknown as CourtOrder;
    const court: CaseCourt = { hearings: [hearing(1, '2026-07-01T07:00:00.000Z'), hearing(2, '2026-06-20T07:00:00.000Z')], orders: [order(1, '2026-06-01')] };
    expect(withHearing(court, { ...hearing(2, '2026-07-05T07:00:00.000Z'), parts }).hearings.map((h) => h.id)).toEqual([2, 1]);
    expect(withOrder(court, { ...order(2, '2026-05-01'), parts }).orders.map((x) => x.id)).toEqual([1, 2]);
    expect(withOrder(court, { ...order(2, '2026-06-01'), parts }).orders.map((x) => x.id)).toEqual([2, 1]);
    expect(court.hearings.map((h) => h.id)).toEqual([1, 2]); // the loaded tab is not changed in place
  });

  it('shows an edited person on every member who is that person', () => {
    const person = { id: 5, version: 1, firstName: 'A' } as unknown as Member['person'];
    const file = { ...base, members: [{ memberId: 1, person }, { memberId: 2, person: { ...person, id: 6 } }] } as unknown as CaseFile;
    const edited = withPerson(file, { ...person, version: 2, firstName: 'B' });
    expect(edited.members.map((m) => [m.person.id, m.person.firstName])).toEqual([[5, 'B'], [6, 'A']]);
  });
});
