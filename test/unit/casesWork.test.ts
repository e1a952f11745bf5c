/**
 * The work on a case (issue 6): notes with versions and concurrent edits,
 * refused home visits, services, the case plan and its tasks, the deadlines
 * dashboard, the editable lists. Real encrypted vaults.
 */
import { describe, expect, it } from 'vitest';
import type { CaseFile, Dashboard, Lookup, NoteSummary, NoteVersion, PlanAction, PlanGoal, Task } from '../../shared/api/schemas/cases';
import { childCase, intake, newCase, office } from '../fixtures/cases';

type Created = { id: number; caseNumber: string };

describe('notes', () => {
  it('keeps every version; two editors from the same version: the second gets notes.conflict and no text is lost', async () => {
    const o = await office();
    let ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    const child = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).members[0]!.person;
    const note = await o.ok<NoteSummary>(ayse, 'notes.add', {
      caseId: c.id,
      type: 'interview',
      occurredAt: '2026-06-10T14:00',
      body: 'Çocukla okulda görüşüldü.',
      present: { people: [child.id], users: [o.ids.ayse], others: 'Rehber öğretmen' },
    });
    expect(note).toMatchObject({ version: 1, versionCount: 1, present: { people: [child.id], users: [o.ids.ayse], others: 'Rehber öğretmen' } });

    // Ayşe opens the note (version 1) in one window; the supervisor edits it meanwhile.
    const derya = await o.as('derya');
    const theirs = await o.ok<NoteSummary>(derya, 'notes.edit', { noteId: note.id, expectedVersion: 1, type: 'interview', occurredAt: '2026-06-10T14:00', body: 'Çocukla okulda görüşüldü. Sorumlu ekledi: okul idaresi bilgilendirildi.' });
    expect(theirs).toMatchObject({ version: 2, versionCount: 2, editedBy: { id: o.ids.derya }, createdBy: { id: o.ids.ayse } });

    ayse = await o.as('ayse');
    const mine = { noteId: note.id, expectedVersion: 1, type: 'interview', occurredAt: '2026-06-10T14:00', body: 'Çocukla okulda görüşüldü. Anne de geldi.' };
    const auditBefore = o.count('audit_log');
    // The error carries ids only: no text of either version.
    expect(await o.fails(ayse, 'notes.edit', mine, 'notes.conflict')).toEqual({ noteId: note.id, currentVersion: 2 });
    expect(o.count('audit_log')).toBe(auditBefore);
    // Both texts are there to compare: the stored versions, and Ayşe's own text is still hers to save again.
    const versions = await o.ok<NoteVersion[]>(ayse, 'notes.versions', { noteId: note.id });
    expect(versions.map((v) => [v.version, v.body, v.editedBy.id])).toEqual([
      [2, 'Çocukla okulda görüşüldü. Sorumlu ekledi: okul idaresi bilgilendirildi.', o.ids.derya],
      [1, 'Çocukla okulda görüşüldü.', o.ids.ayse],
    ]);
    const merged = await o.ok<NoteSummary>(ayse, 'notes.edit', { ...mine, expectedVersion: 2, body: `${versions[0]!.body} Anne de geldi.` });
    expect(merged.version).toBe(3);
    expect((await o.ok<NoteVersion[]>(ayse, 'notes.versions', { noteId: note.id })).map((v) => v.version)).toEqual([3, 2, 1]);
    // Versions are evidence: the table refuses changes even from inside.
    expect(() => o.db().prepare("UPDATE note_versions SET body = 'x'").run()).toThrow(/kept as written/);
    expect(() => o.db().prepare('DELETE FROM note_versions').run()).toThrow(/kept as written/);
    expect(() => o.db().prepare('DELETE FROM notes').run()).toThrow(/notes are kept/);
    // The timeline shows the latest text; search finds the latest text.
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id });
    expect(file.notes[0]).toMatchObject({ version: 3, versionCount: 3, body: expect.stringContaining('Anne de geldi.') });
    expect((await o.ok<{ hits: Array<{ match: string; noteId: number }> }>(ayse, 'cases.search', { q: 'idaresi' })).hits).toEqual([expect.objectContaining({ match: 'note', noteId: note.id })]);
  });

  it('checks dates and who was present; a refused home visit raises a flag suggesting reassessment', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    const other = await o.ok<Created>(ayse, 'cases.create', childCase('Kerem', 'Şahin'));
    const stranger = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: other.id })).members[0]!.person.id;
    const base = { caseId: c.id, type: 'home_visit', occurredAt: '2026-06-12T10:00', body: 'Haneye gidildi, kapı açılmadı.' };
    expect(await o.fails(ayse, 'notes.add', { ...base, occurredAt: '2026-06-16T10:00' }, 'notes.inFuture')).toEqual({ field: 'occurredAt' });
    expect(await o.fails(ayse, 'notes.add', { ...base, present: { people: [stranger] } }, 'notes.presentNotMember')).toEqual({ field: 'present.people.0' });
    expect(await o.fails(ayse, 'notes.add', { ...base, present: { users: ['ghost'] } }, 'notes.presentUnknownUser')).toEqual({ field: 'present.users.0' });
    await o.fails(ayse, 'notes.add', { ...base, type: 'coffee' }, 'api.invalidInput');
    await o.fails(ayse, 'notes.add', { ...base, body: '   ' }, 'api.invalidInput');
    expect(o.count('notes')).toBe(0);

    const refused = await o.ok<NoteSummary>(ayse, 'notes.add', { ...base, visitRefused: true });
    expect(refused.visitRefused).toBe(true);
    await o.ok(ayse, 'notes.add', { ...base, occurredAt: '2026-06-13T10:00', visitRefused: true });
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id });
    expect(file.flags).toEqual([expect.objectContaining({ kind: 'refused_home_visit', suggestion: 'reassess', sourceType: 'note', sourceId: refused.id, resolvedAt: null })]);
    const row = (await o.ok<{ rows: Array<{ id: number; flags: string[] }> }>(ayse, 'cases.list', { flagged: true })).rows;
    expect(row).toEqual([expect.objectContaining({ id: c.id, flags: ['refused_home_visit'] })]);
    // Only home visits can be refused.
    expect((await o.ok<NoteSummary>(ayse, 'notes.add', { ...base, type: 'phone_call', visitRefused: true })).visitRefused).toBe(false);
    await o.ok(ayse, 'cases.resolveFlag', { caseId: c.id, flagId: file.flags[0]!.id });
    await o.fails(ayse, 'cases.resolveFlag', { caseId: c.id, flagId: file.flags[0]!.id }, 'cases.flagResolved');
    expect((await o.ok<{ total: number }>(ayse, 'cases.list', { flagged: true })).total).toBe(0);
  });

  it('a new report on an open case within 12 months raises a repeated-report flag once', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase({ intake: intake({ receivedAt: '2025-09-01T10:00' }) }));
    expect((await o.ok<{ flags: string[] }>(ayse, 'cases.addIntake', { caseId: c.id, intake: intake({ receivedAt: '2026-06-01T10:00', channel: 'school' }) })).flags).toEqual(['repeated_report']);
    expect((await o.ok<{ flags: string[] }>(ayse, 'cases.addIntake', { caseId: c.id, intake: intake({ receivedAt: '2026-06-02T10:00' }) })).flags).toEqual([]);
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id });
    expect(file.case.lastIntakeAt).toBe(new Date('2026-06-02T10:00').toISOString());
    expect(file.flags).toHaveLength(1);
    // Not within 12 months: no flag.
    const old = await o.ok<Created>(ayse, 'cases.create', childCase('Kerem', 'Şahin', { intake: intake({ receivedAt: '2024-01-01T10:00' }) }));
    expect((await o.ok<{ flags: string[] }>(ayse, 'cases.addIntake', { caseId: old.id, intake: intake({ receivedAt: '2026-06-01T10:00' }) })).flags).toEqual([]);
  });
});

describe('services, plan and tasks', () => {
  it('records services from the editable list', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    const child = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).members[0]!.person;
    const s = await o.ok<{ service: string; sessions: number; personId: number }>(ayse, 'services.add', { caseId: c.id, service: 'developmental_assessment', personId: child.id, deliveredOn: '2026-06-11' });
    expect(s).toMatchObject({ service: 'developmental_assessment', sessions: 1, personId: child.id });
    expect(await o.fails(ayse, 'services.add', { caseId: c.id, service: 'astrology', deliveredOn: '2026-06-11' }, 'lookups.unknownCode')).toEqual({ field: 'service' });
    expect(await o.fails(ayse, 'services.add', { caseId: c.id, service: 'psychotherapy', deliveredOn: '2026-06-30' }, 'services.inFuture')).toEqual({ field: 'deliveredOn' });
    expect((await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).services).toHaveLength(1);
  });

  it('plan actions with a due day become tasks; completing either closes both; the dashboard groups overdue / today / this week by priority', async () => {
    const o = await office('2026-06-15T09:00:00.000Z');
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    const goal = await o.ok<PlanGoal>(ayse, 'plan.addGoal', { caseId: c.id, title: 'Çocuğun okula düzenli devamı' });
    const overdue = await o.ok<PlanAction>(ayse, 'plan.addAction', { goalId: goal.id, title: 'Rehber öğretmenle görüşme', dueOn: '2026-06-12' });
    const today = await o.ok<PlanAction>(ayse, 'plan.addAction', { goalId: goal.id, title: 'Ev ziyareti', dueOn: '2026-06-15' });
    const soon = await o.ok<PlanAction>(ayse, 'plan.addAction', { goalId: goal.id, title: 'SEDEP başvurusu', dueOn: '2026-06-19', responsibleUserId: o.ids.mehmet });
    const later = await o.ok<PlanAction>(ayse, 'plan.addAction', { goalId: goal.id, title: 'Dönem sonu değerlendirmesi', dueOn: '2026-08-01' });
    const undated = await o.ok<PlanAction>(ayse, 'plan.addAction', { goalId: goal.id, title: 'Aileyle tanışma' });
    expect(undated.taskId).toBeNull();
    expect(overdue.taskId).toEqual(expect.any(Number));
    await o.ok(ayse, 'tasks.add', { caseId: c.id, title: 'Anneyi ara', dueAt: '2026-06-16T10:00', priority: 'urgent' });

    const mine = await o.ok<Dashboard>(ayse, 'tasks.list', {});
    expect(mine.scope).toBe('mine');
    expect(mine.overdue.items.map((t) => t.title)).toEqual(['Rehber öğretmenle görüşme']);
    expect(mine.today.items.map((t) => t.title)).toEqual(['Ev ziyareti']);
    expect(mine.week.items.map((t) => t.title)).toEqual(['Anneyi ara']);
    expect(mine.week.byPriority).toEqual({ urgent: 1 });
    expect(mine.overdue.items[0]).toMatchObject({ caseNumber: '2026/0001', childName: 'Ayşe Öztürk', source: 'plan', sourceId: String(overdue.id), assignee: { id: o.ids.ayse } });
    await o.fails(ayse, 'tasks.list', { scope: 'everyone' }, 'auth.forbidden');

    // Completing the task completes the action; updating the action moves its task.
    const done = await o.ok<Task>(ayse, 'tasks.complete', { taskId: overdue.taskId });
    expect(done).toMatchObject({ doneBy: { id: o.ids.ayse }, cancelled: false });
    await o.fails(ayse, 'tasks.complete', { taskId: overdue.taskId }, 'tasks.alreadyDone');
    const plan = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).plan;
    expect(plan[0]!.actions.find((a) => a.id === overdue.id)).toMatchObject({ status: 'done' });
    const moved = await o.ok<PlanAction>(ayse, 'plan.updateAction', { actionId: later.id, dueOn: '2026-06-17' });
    expect(moved.taskId).toBe(later.taskId);
    await o.ok(ayse, 'plan.updateAction', { actionId: today.id, status: 'cancelled' });
    const after = await o.ok<Dashboard>(ayse, 'tasks.list', {});
    expect([after.overdue.total, after.today.total, after.week.total]).toEqual([0, 0, 2]);
    expect(after.week.items.map((t) => t.title)).toEqual(['Anneyi ara', 'Dönem sonu değerlendirmesi']);

    // The supervisor sees everyone, and the workload per caseworker.
    const derya = await o.as('derya');
    const all = await o.ok<Dashboard>(derya, 'tasks.list', { scope: 'everyone' });
    expect(all.week.total).toBe(3);
    expect(all.workload.find((w) => w.user.id === o.ids.ayse)).toMatchObject({ activeCases: 1, openTasks: 2, overdue: 0, dueThisWeek: 2 });
    expect(all.workload.find((w) => w.user.id === o.ids.mehmet)).toMatchObject({ activeCases: 0, openTasks: 1, dueThisWeek: 1 });
    const hers = await o.ok<Dashboard>(derya, 'tasks.list', { scope: 'everyone', assigneeId: o.ids.mehmet });
    expect(hers.week.items.map((t) => t.title)).toEqual(['SEDEP başvurusu']);
    expect(soon.responsible.id).toBe(o.ids.mehmet);
    // Time passes: today's work becomes overdue.
    o.clock.now = new Date('2026-06-18T09:00:00.000Z');
    const later2 = await o.ok<Dashboard>(derya, 'tasks.list', { scope: 'everyone' });
    expect(later2.overdue.items.map((t) => t.title).sort()).toEqual(['Anneyi ara', 'Dönem sonu değerlendirmesi']);
    expect(later2.overdue.byPriority).toEqual({ urgent: 1, unset: 1 });
  });
});

describe('editable lists', () => {
  it('seed 000 concerns with their shares; supervisors add and retire entries; retired ones cannot be chosen', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const concerns = await o.ok<Lookup[]>(ayse, 'lookups.list', { kind: 'concern' });
    expect(concerns.slice(0, 3).map((c) => [c.code, c.labelTr, c.seedShare])).toEqual([
      ['domestic_violence', 'Aile içi şiddet', 23],
      ['sexual_abuse', 'Cinsel istismar', 13],
      ['emotional_neglect', 'Duygusal ihmal', 10],
    ]);
    expect(concerns.filter((c) => c.seedShare !== null).reduce((sum, c) => sum + c.seedShare!, 0)).toBe(97);
    const services = await o.ok<Lookup[]>(ayse, 'lookups.list', { kind: 'service' });
    expect(services.map((s) => s.code)).toEqual(expect.arrayContaining(['individual_counselling', 'developmental_assessment', 'social_examination', 'case_follow_up', 'psychotherapy', 'training']));
    await o.fails(ayse, 'lookups.upsert', { kind: 'channel', labelTr: 'WhatsApp hattı', labelEn: 'WhatsApp line' }, 'auth.forbidden');

    const derya = await o.as('derya');
    const added = await o.ok<Lookup>(derya, 'lookups.upsert', { kind: 'channel', labelTr: 'Muhtarlık', labelEn: "Mukhtar's office" });
    expect(added).toMatchObject({ code: 'mukhtar_s_office', active: true });
    await o.ok(derya, 'cases.create', childCase('Elif', 'Kaya', { intake: intake({ channel: added.code }) }));
    await o.ok(derya, 'lookups.upsert', { kind: 'channel', code: added.code, labelTr: 'Muhtarlık', labelEn: "Mukhtar's office", active: false });
    await o.fails(derya, 'cases.create', childCase('Ece', 'Kaya', { intake: intake({ channel: added.code }) }), 'lookups.unknownCode');
    expect((await o.ok<Lookup[]>(derya, 'lookups.list', { kind: 'channel', includeInactive: true })).find((l) => l.code === added.code)?.active).toBe(false);
    await o.fails(derya, 'lookups.upsert', { kind: 'channel', code: 'no_such', labelTr: 'x', labelEn: 'x' }, 'lookups.notFound');
  });
});
