/**
 * Cases (issue 6): intake of a household, bad input, duplicates, lifecycle
 * and closure, visibility and reassignment, audit. Real encrypted vaults.
 */
import { describe, expect, it } from 'vitest';
import type { CaseFile, CaseHeader, DuplicateCandidate } from '../../shared/api/schemas/cases';
import { childCase, intake, newCase, office } from '../fixtures/cases';

type Created = { id: number; caseNumber: string; flags: string[] };

describe('cases: intake of a new household', () => {
  it('creates a household with two children, numbers the case by year, and returns the full case file', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const first = await o.ok<Created>(ayse, 'cases.create', newCase());
    expect(first).toEqual({ id: expect.any(Number), caseNumber: '2026/0001', flags: [] });
    const second = await o.ok<Created>(ayse, 'cases.create', childCase('Elif', 'Kaya'));
    expect(second.caseNumber).toBe('2026/0002');
    const older = await o.ok<Created>(ayse, 'cases.create', childCase('Ece', 'Kaya', { intake: intake({ receivedAt: '2025-12-30T16:00' }) }));
    expect(older.caseNumber).toBe('2025/0001');

    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: first.id });
    expect(file.case).toMatchObject({ caseNumber: '2026/0001', status: 'intake', priority: null, responsible: { id: o.ids.ayse, displayName: 'Ayşe Yıldırım' } });
    expect(file.household).toMatchObject({ name: 'Öztürk ailesi', district: 'Esenyurt' });
    expect(file.members.map((m) => [m.person.firstName, m.role, m.isPrimary])).toEqual([
      ['Ayşe', 'child', true],
      ['İsmail', 'child', false],
      ['Fatma', 'caregiver', false],
      ['Hasan', 'caregiver', false],
    ]);
    const father = file.members.find((m) => m.person.firstName === 'Hasan')!;
    expect(father).toMatchObject({ offending: true, contactWithChild: 'supervised', livesInHousehold: false });
    const mother = file.members.find((m) => m.person.firstName === 'Fatma')!;
    expect(mother).toMatchObject({ offending: false, contactWithChild: null });
    expect(file.members[1]!.person).toMatchObject({ birthDate: null, birthYear: 2019, birthApproximate: true });
    expect(file.intakes).toEqual([
      expect.objectContaining({ kind: 'initial', channel: 'alo_153', concerns: ['domestic_violence'], receivedAt: new Date('2026-06-01T10:30').toISOString() }),
    ]);
    expect(file.statusHistory).toEqual([expect.objectContaining({ event: 'created', from: null, to: 'intake', by: { id: o.ids.ayse, displayName: 'Ayşe Yıldırım' } })]);
    expect(file).toMatchObject({ notes: [], notesTotal: 0, services: [], plan: [], tasks: [], flags: [] });

    // Creation and every view are audited, with ids and codes only.
    const audit = o.db().prepare("SELECT action, target_id, details FROM audit_log WHERE action LIKE 'case.%' ORDER BY seq").all() as Array<{ action: string; target_id: string; details: string }>;
    expect(audit.map((a) => a.action)).toEqual(['case.created', 'case.created', 'case.created', 'case.viewed']);
    expect(audit[3]!.target_id).toBe(String(first.id));
    expect(JSON.stringify(audit)).not.toMatch(/Öztürk|Ayşe|Komşu|Esenyurt/);
  });

  it('an anonymous reporter leaves no name or phone', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase({ intake: intake({ reporter: { anonymous: true, name: 'Gizli Kişi', phone: '0555', relation: 'Komşu' } }) }));
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id });
    expect(file.intakes[0]!.reporter).toEqual({ anonymous: true, name: null, relation: 'Komşu', phone: null });
  });
});

describe('cases: bad input is refused with a code for the field, and nothing is saved half-way', () => {
  const empty = (o: Awaited<ReturnType<typeof office>>) => {
    for (const table of ['households', 'people', 'cases', 'case_members', 'intakes', 'case_workers', 'case_status_history']) expect(o.count(table), table).toBe(0);
    expect(o.db().prepare('SELECT count(*) AS n FROM people_fts').get()).toEqual({ n: 0 });
    expect(o.db().prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'case.%'").get()).toEqual({ n: 0 });
  };

  it('required fields: the router names the fields', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const base = newCase();
    const noName = { ...base, members: [{ ...base.members[0], person: { lastName: 'Öztürk' } }] };
    expect((await o.fails(ayse, 'cases.create', noName, 'api.invalidInput')).fields).toContain('members.0.person.firstName');
    const noSummary = { ...base, intake: { ...intake(), summary: '' } };
    expect((await o.fails(ayse, 'cases.create', noSummary, 'api.invalidInput')).fields).toContain('intake.summary');
    const noConcern = { ...base, intake: { ...intake(), concerns: [] } };
    expect((await o.fails(ayse, 'cases.create', noConcern, 'api.invalidInput')).fields).toContain('intake.concerns');
    expect((await o.fails(ayse, 'cases.create', { ...base, intake: intake({ receivedAt: '2026-02-30T10:00' }) }, 'api.invalidInput')).fields).toContain('intake.receivedAt');
    expect((await o.fails(ayse, 'cases.create', { ...base, members: [{ role: 'child' }] }, 'api.invalidInput')).fields).toContain('members.0.person');
    empty(o);
  });

  it('impossible dates: birth in the future, intake before birth, intake in the future', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const base = newCase();
    const future = { ...base, members: [{ ...base.members[0], person: { firstName: 'Ayşe', lastName: 'Öztürk', birthDate: '2026-07-01' } }, ...base.members.slice(1)] };
    expect(await o.fails(ayse, 'cases.create', future, 'people.birthInFuture')).toEqual({ field: 'members.0.person.birthDate' });
    const futureYear = { ...base, members: [...base.members.slice(0, 1), { ...base.members[1], person: { firstName: 'Bebek', lastName: 'Öztürk', birthYear: 2027 } }] };
    expect(await o.fails(ayse, 'cases.create', futureYear, 'people.birthInFuture')).toEqual({ field: 'members.1.person.birthYear' });
    expect(await o.fails(ayse, 'cases.create', { ...base, intake: intake({ receivedAt: '2016-01-10T10:00' }) }, 'intake.beforeBirth')).toEqual({ field: 'intake.receivedAt' });
    expect(await o.fails(ayse, 'cases.create', { ...base, intake: intake({ receivedAt: '2026-06-20T10:00' }) }, 'intake.inFuture')).toEqual({ field: 'intake.receivedAt' });
    empty(o);
  });

  it('an invalid TC kimlik checksum, an id number already recorded, a foreign id', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const withId = (idType: string, idNumber: string) => childCase('Zeynep', 'Aydın', {}, { idType, idNumber });
    expect(await o.fails(ayse, 'cases.create', withId('tc', '10000000147'), 'people.tcKimlikInvalid')).toEqual({ field: 'members.0.person.idNumber' });
    expect(await o.fails(ayse, 'cases.create', withId('tc', '1000000014'), 'people.tcKimlikInvalid')).toEqual({ field: 'members.0.person.idNumber' });
    expect(await o.fails(ayse, 'cases.create', withId('foreign', '10000000146'), 'people.foreignIdInvalid')).toEqual({ field: 'members.0.person.idNumber' });
    await o.fails(ayse, 'cases.create', childCase('Zeynep', 'Aydın', {}, { idNumber: '10000000146' }), 'people.idTypeRequired');
    empty(o);
    await o.ok(ayse, 'cases.create', withId('tc', '100 000 001 46'));
    expect(o.db().prepare('SELECT id_number FROM people').get()).toEqual({ id_number: '10000000146' });
    const before = o.count('cases');
    expect(await o.fails(ayse, 'cases.create', withId('tc', '10000000146'), 'people.idNumberExists')).toEqual({ field: 'members.0.person.idNumber' });
    expect(o.count('cases')).toBe(before);
    await o.ok(ayse, 'cases.create', childCase('Rahaf', 'Al Hasan', {}, { idType: 'foreign', idNumber: '99000791926', nationality: 'sy', legalStatus: 'temporary_protection', languages: ['ar'] }));
  });

  it('a duplicate or malformed case number, an unknown channel or concern, a case without a child', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    await o.ok(ayse, 'cases.create', childCase('Elif', 'Kaya', { caseNumber: '2019/0042' }));
    const cases = o.count('cases');
    const people = o.count('people');
    expect(await o.fails(ayse, 'cases.create', childCase('Ece', 'Kaya', { caseNumber: '2019/42' }), 'cases.numberTaken')).toEqual({ field: 'caseNumber' });
    expect((await o.fails(ayse, 'cases.create', childCase('Ece', 'Kaya', { caseNumber: '19/42' }), 'api.invalidInput')).fields).toBe('caseNumber');
    expect(await o.fails(ayse, 'cases.create', childCase('Ece', 'Kaya', { intake: intake({ channel: 'carrier_pigeon' }) }), 'lookups.unknownCode')).toEqual({ field: 'intake.channel' });
    expect(await o.fails(ayse, 'cases.create', childCase('Ece', 'Kaya', { intake: intake({ concerns: ['domestic_violence', 'aliens'] }) }), 'lookups.unknownCode')).toEqual({
      field: 'intake.concerns.1',
    });
    const adultsOnly = { ...newCase(), members: newCase().members.slice(2) };
    expect(await o.fails(ayse, 'cases.create', adultsOnly, 'cases.childRequired')).toEqual({ field: 'members' });
    expect([o.count('cases'), o.count('people')]).toEqual([cases, people]);
    // The generated numbering goes on after a carried-over number of that year.
    expect((await o.ok<Created>(ayse, 'cases.create', childCase('Ece', 'Kaya', { intake: intake({ receivedAt: '2019-05-01T10:00' }) }))).caseNumber).toBe('2019/0043');
  });
});

describe('cases: possible duplicates while entering a child', () => {
  it('finds the known child by folded name and birth date, refuses a silent second record, links or confirms new', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const first = await o.ok<Created>(ayse, 'cases.create', newCase({ intake: intake({ receivedAt: '2025-11-10T10:00' }) }));
    const childId = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: first.id })).members[0]!.person.id;

    const { candidates } = await o.ok<{ candidates: DuplicateCandidate[] }>(ayse, 'people.findDuplicates', { firstName: 'AYSE', lastName: 'ozturk', birthDate: '2016-03-02' });
    expect(candidates[0]).toMatchObject({ personId: childId, firstName: 'Ayşe', lastName: 'Öztürk', reasons: ['sameName', 'birthDate'], idNumberMasked: '•••••••0146' });
    expect(candidates[0]!.score).toBeGreaterThanOrEqual(0.9);
    expect(candidates[0]!.cases).toEqual([{ id: first.id, caseNumber: '2025/0001', status: 'intake', transferred: false, role: 'child', visible: true }]);
    // A typo and an approximate year still find her; a different birth date does not.
    const typo = await o.ok<{ candidates: DuplicateCandidate[] }>(ayse, 'people.findDuplicates', { firstName: 'Ayse', lastName: 'Östürk', birthYear: 2016 });
    expect(typo.candidates[0]).toMatchObject({ personId: childId, reasons: ['similarName', 'birthYear'] });
    expect((await o.ok<{ candidates: DuplicateCandidate[] }>(ayse, 'people.findDuplicates', { firstName: 'Ayşe', lastName: 'Öztürk', birthDate: '2016-03-03' })).candidates).toEqual([]);
    const byId = await o.ok<{ candidates: DuplicateCandidate[] }>(ayse, 'people.findDuplicates', { firstName: 'Başka', lastName: 'Biri', idType: 'tc', idNumber: '10000000146' });
    expect(byId.candidates[0]).toMatchObject({ personId: childId, score: 1, reasons: ['idNumber'] });

    // Entering her again as a new person is refused until the user links or confirms.
    const again = childCase('AYŞE', 'ÖZTÜRK', { intake: intake({ receivedAt: '2026-05-02T10:00' }) }, { birthDate: '2016-03-02' });
    again.members[0]!.confirmedNew = false;
    expect(await o.fails(ayse, 'cases.create', again, 'people.possibleDuplicate')).toEqual({ field: 'members.0.person', count: 1 });
    expect(o.count('cases')).toBe(1);
    // One case per child: while her first case is open, a second one needs a reason (issue 14).
    const second = {
      household: { id: (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: first.id })).household.id },
      members: [{ personId: childId, role: 'child' }],
      intake: intake({ receivedAt: '2026-05-02T10:00' }),
    };
    expect(await o.fails(ayse, 'cases.create', second, 'cases.openCaseExists')).toEqual({ field: 'members.0.personId', caseNumber: '2025/0001', caseId: first.id });
    expect(o.count('cases')).toBe(1);
    const linked = await o.ok<Created>(ayse, 'cases.create', { ...second, parallelReason: 'Çocuk koruyucu aileye yerleştirildi; ayrı izlenecek.' });
    const history = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: linked.id })).statusHistory;
    expect(history[0]).toMatchObject({ event: 'created', reason: 'Çocuk koruyucu aileye yerleştirildi; ayrı izlenecek.' });
    // Reported again within 12 months: flagged, reassessment suggested (seed 004).
    expect(linked.flags).toEqual(['repeated_report']);
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: linked.id });
    expect(file.intakes[0]!.kind).toBe('repeat');
    expect(file.flags[0]).toMatchObject({ kind: 'repeated_report', suggestion: 'reassess', details: { priorReports: 1, windowDays: 365 } });
    expect(file.members[0]!.otherCases).toEqual([{ id: first.id, caseNumber: '2025/0001', status: 'intake', visible: true }]);
    expect(o.count('people')).toBe(4);
    // Confirmed as someone else: a second record is allowed.
    again.members[0]!.confirmedNew = true;
    await o.ok(ayse, 'cases.create', again);
    expect(o.count('people')).toBe(5);
  });

  it('"Ayşe Nur" and "Ayşenur", given and family name swapped', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    await o.ok(ayse, 'cases.create', childCase('Ayşe Nur', 'Yılmaz', {}, { birthDate: '2014-09-09' }));
    const joined = await o.ok<{ candidates: DuplicateCandidate[] }>(ayse, 'people.findDuplicates', { firstName: 'Ayşenur', lastName: 'YILMAZ', birthDate: '2014-09-09' });
    expect(joined.candidates[0]).toMatchObject({ firstName: 'Ayşe Nur', reasons: ['sameName', 'birthDate'] });
    const swapped = await o.ok<{ candidates: DuplicateCandidate[] }>(ayse, 'people.findDuplicates', { firstName: 'Yılmaz', lastName: 'Ayşe Nur', birthYear: 2014 });
    expect(swapped.candidates[0]).toMatchObject({ firstName: 'Ayşe Nur', lastName: 'Yılmaz', reasons: ['similarName', 'birthYear'] });
  });
});

describe('cases: lifecycle and closure', () => {
  it('moves one step forward or back, refuses a skip, and keeps who and when', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    await o.ok(ayse, 'cases.transition', { caseId: c.id, to: 'assessment' });
    expect(await o.fails(ayse, 'cases.transition', { caseId: c.id, to: 'implementation' }, 'cases.transitionInvalid')).toEqual({ from: 'assessment', to: 'implementation' });
    await o.ok(ayse, 'cases.transition', { caseId: c.id, to: 'case_plan' });
    o.clock.now = new Date('2026-06-16T09:00:00.000Z');
    const back = await o.ok<CaseHeader>(ayse, 'cases.transition', { caseId: c.id, to: 'assessment', reason: 'Yeni bilgi geldi' });
    expect(back.status).toBe('assessment');
    await o.fails(ayse, 'cases.transition', { caseId: c.id, to: 'closed' }, 'api.invalidInput');
    const history = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).statusHistory;
    expect(history.map((h) => [h.event, h.from, h.to, h.by.displayName])).toEqual([
      ['created', null, 'intake', 'Ayşe Yıldırım'],
      ['transition', 'intake', 'assessment', 'Ayşe Yıldırım'],
      ['transition', 'assessment', 'case_plan', 'Ayşe Yıldırım'],
      ['transition', 'case_plan', 'assessment', 'Ayşe Yıldırım'],
    ]);
    expect(history[3]).toMatchObject({ at: '2026-06-16T09:00:00.000Z', reason: 'Yeni bilgi geldi' });
  });

  it('a caseworker requests closure and cannot approve it; a supervisor refuses or approves; reopening adds an intake and keeps the history', async () => {
    const o = await office();
    let ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    await o.ok(ayse, 'tasks.add', { caseId: c.id, title: 'Okulu ara', dueAt: '2026-06-20T10:00' });
    await o.fails(ayse, 'cases.approveClosure', { caseId: c.id, reason: 'Bitti' }, 'auth.forbidden');
    await o.fails(ayse, 'cases.requestClosure', { caseId: c.id, reason: '' }, 'api.invalidInput');
    const pending = await o.ok<CaseHeader>(ayse, 'cases.requestClosure', { caseId: c.id, reason: 'Risk ortadan kalktı.' });
    expect(pending.closurePending).toMatchObject({ requestedBy: { id: o.ids.ayse }, reason: 'Risk ortadan kalktı.' });
    expect(pending.status).toBe('intake');
    await o.fails(ayse, 'cases.requestClosure', { caseId: c.id, reason: 'Yine' }, 'cases.closurePending');
    await o.fails(ayse, 'cases.transition', { caseId: c.id, to: 'assessment' }, 'cases.closurePending');
    await o.fails(ayse, 'cases.approveClosure', { caseId: c.id }, 'auth.forbidden');
    expect((await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).case.status).toBe('intake');

    let derya = await o.as('derya');
    const refused = await o.ok<CaseHeader>(derya, 'cases.refuseClosure', { caseId: c.id, reason: 'Önce değerlendirme yapılmalı.' });
    expect(refused.closurePending).toBeNull();
    await o.fails(derya, 'cases.refuseClosure', { caseId: c.id, reason: 'x' }, 'cases.noClosureRequest');
    await o.fails(derya, 'cases.approveClosure', { caseId: c.id }, 'cases.closureReasonRequired');

    ayse = await o.as('ayse');
    await o.ok(ayse, 'cases.requestClosure', { caseId: c.id, reason: 'Aile başka ile taşındı.' });
    derya = await o.as('derya');
    const closed = await o.ok<CaseHeader>(derya, 'cases.approveClosure', { caseId: c.id });
    expect(closed).toMatchObject({ status: 'closed', closureReason: 'Aile başka ile taşındı.', closurePending: null });
    const closedFile = await o.ok<CaseFile>(derya, 'cases.get', { caseId: c.id });
    expect(closedFile.tasks[0]).toMatchObject({ cancelled: true, doneBy: { id: o.ids.derya } });
    expect(closedFile.statusHistory.map((h) => h.event)).toEqual(['created', 'closure_requested', 'closure_refused', 'closure_requested', 'closure_approved']);

    // Closed: no notes, no new intakes, no transitions; nothing written.
    ayse = await o.as('ayse');
    const notesBefore = o.count('notes');
    const auditBefore = o.count('audit_log');
    await o.fails(ayse, 'notes.add', { caseId: c.id, type: 'phone_call', occurredAt: '2026-06-14T10:00', body: 'Anne aradı.' }, 'notes.caseClosed');
    expect([o.count('notes'), o.count('note_versions'), o.count('audit_log')]).toEqual([notesBefore, 0, auditBefore]);
    expect(o.db().prepare('SELECT count(*) AS n FROM notes_fts').get()).toEqual({ n: 0 });
    await o.fails(ayse, 'cases.addIntake', { caseId: c.id, intake: intake() }, 'cases.closed');
    await o.fails(ayse, 'cases.transition', { caseId: c.id, to: 'assessment' }, 'cases.closed');
    // The same check (requireOpenCase) in every area, each with its own message.
    await o.fails(ayse, 'hearings.add', { caseId: c.id, courtName: 'İstanbul 2. Çocuk Mahkemesi', fileNumber: '2026/145 E.', hearingAt: '2026-07-20T10:30:00' }, 'court.caseClosed');
    await o.fails(ayse, 'assessments.create', { caseId: c.id, criteria: [], screened: [], finalLevel: 'low' }, 'assessments.caseClosed');
    expect(o.count('audit_log')).toBe(auditBefore);

    // Reopened: a new intake on the same case and household; the history stays.
    const reopened = await o.ok<{ case: CaseHeader; intakeId: number; flags: string[] }>(ayse, 'cases.reopen', {
      caseId: c.id,
      intake: intake({ receivedAt: '2026-06-14T11:00', channel: 'school', concerns: ['educational_neglect'] }),
    });
    expect(reopened.case).toMatchObject({ status: 'intake', closedAt: null, householdId: closedFile.household.id, caseNumber: '2026/0001' });
    expect(reopened.flags).toEqual(['repeated_report']);
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id });
    expect(file.intakes.map((i) => i.kind)).toEqual(['initial', 'reopen']);
    expect(file.statusHistory.map((h) => h.event).slice(-2)).toEqual(['closure_approved', 'reopened']);
    await o.ok(ayse, 'notes.add', { caseId: c.id, type: 'phone_call', occurredAt: '2026-06-14T12:00', body: 'Okul aradı.' });
    await o.fails(ayse, 'cases.reopen', { caseId: c.id, intake: intake() }, 'cases.notClosed');
  });

  it('a supervisor may close directly with a reason', async () => {
    const o = await office();
    const derya = await o.as('derya');
    const c = await o.ok<Created>(derya, 'cases.create', newCase());
    expect((await o.ok<CaseHeader>(derya, 'cases.approveClosure', { caseId: c.id, reason: 'İhbar doğrulanmadı; ebeveynlik desteği önerildi.' })).status).toBe('closed');
  });
});

describe('cases: who sees what', () => {
  it('caseworkers see their own cases (responsible or co-worker); supervisors see all; reassignment is audited and moves open tasks', async () => {
    const o = await office();
    let ayse = await o.as('ayse');
    const mine = await o.ok<Created>(ayse, 'cases.create', newCase());
    await o.ok(ayse, 'tasks.add', { caseId: mine.id, title: 'Ev ziyareti', dueAt: '2026-06-18T10:00' });
    let mehmet = await o.as('mehmet');
    const his = await o.ok<Created>(mehmet, 'cases.create', childCase('Kerem', 'Şahin'));
    expect(await o.fails(mehmet, 'cases.get', { caseId: mine.id }, 'api.notFound')).toEqual({ field: 'caseId' });
    await o.fails(mehmet, 'cases.get', { caseId: 999_999 }, 'api.notFound');
    await o.fails(mehmet, 'notes.add', { caseId: mine.id, type: 'other', occurredAt: '2026-06-14T10:00', body: 'x' }, 'api.notFound');
    await o.fails(mehmet, 'cases.requestClosure', { caseId: mine.id, reason: 'x' }, 'api.notFound');
    const list = await o.ok<{ total: number; rows: Array<{ id: number }> }>(mehmet, 'cases.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([his.id]);
    expect(list.total).toBe(1);
    expect((await o.ok<{ hits: Array<{ caseId: number }> }>(mehmet, 'cases.search', { q: 'öztürk' })).hits).toEqual([]);
    await o.fails(mehmet, 'cases.assign', { caseId: his.id, responsibleUserId: o.ids.ayse }, 'auth.forbidden');

    const derya = await o.as('derya');
    expect((await o.ok<{ total: number }>(derya, 'cases.list', {})).total).toBe(2);
    expect((await o.ok<{ total: number }>(derya, 'cases.list', { caseworkerId: o.ids.ayse })).total).toBe(1);
    expect(await o.fails(derya, 'cases.assign', { caseId: mine.id, responsibleUserId: o.ids.sistem }, 'cases.assigneeInvalid')).toEqual({ field: 'responsibleUserId' });
    // A new responsible caseworker needs a handover note (issue 17).
    expect(await o.fails(derya, 'cases.assign', { caseId: mine.id, responsibleUserId: o.ids.mehmet, handoverNote: '  ' }, 'cases.handoverRequired')).toEqual({ field: 'handoverNote' });
    const moved = await o.ok<CaseHeader>(derya, 'cases.assign', { caseId: mine.id, responsibleUserId: o.ids.mehmet, coWorkerIds: [o.ids.ayse], handoverNote: 'Anne ile güven ilişkisi kuruldu; okul rehber öğretmeni Salı günleri arar.' });
    expect(moved).toMatchObject({ responsible: { id: o.ids.mehmet }, coWorkers: [{ id: o.ids.ayse }] });
    const audit = o.db().prepare("SELECT actor_id, target_id, details FROM audit_log WHERE action = 'case.assigned'").get() as { actor_id: string; target_id: string; details: string };
    expect(audit.actor_id).toBe(o.ids.derya);
    expect(JSON.parse(audit.details)).toEqual({ from: o.ids.ayse, to: o.ids.mehmet, coWorkers: o.ids.ayse, movedTasks: 1, handoverNoteId: expect.any(Number) });
    expect(audit.details).not.toMatch(/güven/); // the note's text stays out of the audit log

    mehmet = await o.as('mehmet');
    expect((await o.ok<CaseFile>(mehmet, 'cases.get', { caseId: mine.id })).tasks[0]!.assignee).toMatchObject({ id: o.ids.mehmet });
    expect((await o.ok<{ total: number }>(mehmet, 'cases.list', {})).total).toBe(2);
    ayse = await o.as('ayse');
    // Still a co-worker: sees it; the other case stays out of sight.
    expect((await o.ok<{ rows: Array<{ id: number }> }>(ayse, 'cases.list', {})).rows.map((r) => r.id)).toEqual([mine.id]);
    const admin = await o.as('sistem');
    await o.fails(admin, 'cases.list', {}, 'auth.forbidden');
  });

  it('a caseworker cannot give a new case to someone else, but a supervisor can; the creator stays a co-worker', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    await o.fails(ayse, 'cases.create', newCase({ responsibleUserId: o.ids.mehmet }), 'auth.forbidden');
    const derya = await o.as('derya');
    const c = await o.ok<Created>(derya, 'cases.create', newCase({ responsibleUserId: o.ids.mehmet, coWorkerIds: [o.ids.ayse] }));
    const file = await o.ok<CaseFile>(derya, 'cases.get', { caseId: c.id });
    expect(file.case.responsible.id).toBe(o.ids.mehmet);
    expect(file.case.coWorkers.map((w) => w.id)).toEqual([o.ids.ayse]);
  });

  it('people: updates with a version check, visible only through a visible case; the list and search follow the new name', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<Created>(ayse, 'cases.create', newCase());
    const child = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: c.id })).members[0]!.person;
    const updated = await o.ok<{ firstName: string; version: number; idNumber: string; school: string }>(ayse, 'cases.updatePerson', {
      personId: child.id,
      expectedVersion: 1,
      patch: { firstName: 'Ayşegül', school: 'Atatürk İlkokulu' },
    });
    expect(updated).toMatchObject({ firstName: 'Ayşegül', version: 2, idNumber: '10000000146', school: 'Atatürk İlkokulu' });
    expect(await o.fails(ayse, 'cases.updatePerson', { personId: child.id, expectedVersion: 1, patch: { firstName: 'X' } }, 'people.conflict')).toEqual({ personId: child.id, currentVersion: 2 });
    await o.fails(ayse, 'cases.updatePerson', { personId: child.id, expectedVersion: 2, patch: { birthDate: '2030-01-01' } }, 'people.birthInFuture');
    await o.fails(ayse, 'cases.updatePerson', { personId: child.id, expectedVersion: 2, patch: { idNumber: '12345678901' } }, 'people.tcKimlikInvalid');
    expect((await o.ok<{ hits: Array<{ person: { firstName: string } }> }>(ayse, 'cases.search', { q: 'aysegul' })).hits[0]!.person.firstName).toBe('Ayşegül');
    const mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'cases.updatePerson', { personId: child.id, expectedVersion: 2, patch: { firstName: 'X' } }, 'api.notFound');
  });

  it('adds and links people to an open case; one person once per case', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const a = await o.ok<Created>(ayse, 'cases.create', newCase());
    const b = await o.ok<Created>(ayse, 'cases.create', childCase('Kerem', 'Şahin'));
    const mother = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: a.id })).members[2]!.person;
    const linked = await o.ok<{ person: { id: number }; otherCases: unknown[] }>(ayse, 'cases.linkPerson', { caseId: b.id, personId: mother.id, role: 'other', relationship: 'neighbour' });
    expect(linked.person.id).toBe(mother.id);
    expect(linked.otherCases).toHaveLength(1);
    await o.fails(ayse, 'cases.linkPerson', { caseId: b.id, personId: mother.id, role: 'other' }, 'cases.personAlreadyMember');
    const perp = await o.ok<{ role: string; contactWithChild: string }>(ayse, 'cases.addPerson', {
      caseId: b.id,
      member: { person: { firstName: 'Bilinmeyen', lastName: '' }, role: 'alleged_perpetrator', relationship: 'stranger' },
    });
    expect(perp).toMatchObject({ role: 'alleged_perpetrator', contactWithChild: 'unknown' });
    // Roles change; the primary child moves; the last child cannot stop being one.
    const fileA = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: a.id });
    const second = fileA.members[1]!;
    expect((await o.ok<{ isPrimary: boolean }>(ayse, 'cases.updateMember', { caseId: a.id, memberId: second.memberId, primary: true })).isPrimary).toBe(true);
    expect((await o.ok<{ rows: Array<{ id: number; child: { firstName: string } }> }>(ayse, 'cases.list', {})).rows.find((r) => r.id === a.id)!.child.firstName).toBe('İsmail');
    await o.fails(ayse, 'cases.updateMember', { caseId: a.id, memberId: fileA.members[2]!.memberId, primary: true }, 'cases.primaryMustBeChild');
    const onlyChild = (await o.ok<CaseFile>(ayse, 'cases.get', { caseId: b.id })).members.find((m) => m.role === 'child')!;
    expect(await o.fails(ayse, 'cases.updateMember', { caseId: b.id, memberId: onlyChild.memberId, role: 'sibling' }, 'cases.childRequired')).toEqual({ field: 'members' });
  });
});
