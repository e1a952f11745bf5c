import { describe, expect, it } from 'vitest';
import type { CaseCourt, CourtOrder, CourtOverview, Hearing } from '../../shared/api/schemas/court';
import { ORDER_KINDS } from '../../shared/api/schemas/court';
import type { Institution, Referral } from '../../shared/api/schemas/referrals';
import { actorOf } from '../../electron/core/cases/access';
import { courtDataForCase } from '../../electron/core/court/courtData';
import { referralsOffice } from '../fixtures/referralsOffice';

type Office = Awaited<ReturnType<typeof referralsOffice>>;

const courtTasks = (o: Office, sourceId: string) =>
  o
    .db()
    .prepare(`SELECT kind, due_at AS due, assignee_user_id AS assignee, title_key AS titleKey, done_at IS NOT NULL AS done, cancelled FROM tasks WHERE source = 'court' AND source_id = ? ORDER BY id`)
    .all(sourceId) as Array<{ kind: string; due: string; assignee: string; titleKey: string; done: number; cancelled: number }>;

const hearingInput = (caseId: number, extra: Record<string, unknown> = {}) => ({
  caseId,
  courtName: 'İstanbul 2. Çocuk Mahkemesi',
  fileNumber: '2026/145 E.',
  hearingAt: '2026-03-20T10:30:00',
  judge: 'Hâkim Selim Aydın',
  toBring: 'Sosyal inceleme raporu, okul devam belgesi',
  ...extra,
});

describe('court hearings', () => {
  it('a hearing writes a preparation reminder and one on the day; moving it moves them; holding it closes them', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const h = await o.ok<Hearing>(worker, 'hearings.add', hearingInput(o.caseId));
    expect(h).toMatchObject({ status: 'scheduled', fileNumber: '2026/145 E.', hearingAt: new Date('2026-03-20T10:30:00.000').toISOString(), createdBy: { displayName: 'Ayşe Yıldırım' } });
    expect(courtTasks(o, `hearing:${h.id}`)).toEqual([
      { kind: 'hearingPrepare', due: new Date('2026-03-17T23:59:00').toISOString(), assignee: o.ids.ayse, titleKey: 'tasks.court.prepareHearing', done: 0, cancelled: 0 },
      { kind: 'hearing', due: new Date('2026-03-20T10:30:00.000').toISOString(), assignee: o.ids.ayse, titleKey: 'tasks.court.hearingDay', done: 0, cancelled: 0 },
    ]);

    await o.fails(worker, 'hearings.update', { id: h.id, expectedVersion: 9, judge: 'x' }, 'court.conflict');
    const moved = await o.ok<Hearing>(worker, 'hearings.update', { id: h.id, expectedVersion: 1, hearingAt: '2026-04-03T09:00:00' });
    const tasks = courtTasks(o, `hearing:${h.id}`);
    expect(tasks.filter((t) => !t.done).map((t) => t.due)).toEqual([new Date('2026-03-31T23:59:00').toISOString(), new Date('2026-04-03T09:00:00.000').toISOString()]);
    expect(tasks.filter((t) => t.done).every((t) => t.cancelled === 1)).toBe(true);

    const held = await o.ok<Hearing>(worker, 'hearings.update', { id: h.id, expectedVersion: moved.version, status: 'held', outcome: 'Barınma ve bireysel danışmanlık tedbirine karar verildi.' });
    expect(held).toMatchObject({ status: 'held', outcome: 'Barınma ve bireysel danışmanlık tedbirine karar verildi.' });
    expect(courtTasks(o, `hearing:${h.id}`).filter((t) => !t.done)).toEqual([]);

    // A hearing only days away: no preparation reminder in the past, only the day itself.
    const soon = await o.ok<Hearing>(worker, 'hearings.add', hearingInput(o.caseId, { hearingAt: '2026-03-03T08:00:00' }));
    expect(courtTasks(o, `hearing:${soon.id}`).map((t) => t.kind)).toEqual(['hearing']);
    const audit = o.db().prepare(`SELECT action, details FROM audit_log WHERE target_type = 'hearing' ORDER BY seq`).all() as Array<{ action: string; details: string }>;
    expect(audit.map((a) => a.action)).toEqual(['court.hearingAdded', 'court.hearingUpdated', 'court.hearingUpdated', 'court.hearingAdded']);
    for (const a of audit) expect(a.details).not.toMatch(/Selim|Barınma|Çocuk Mahkemesi|2026\/145/);
  });

  it('upcoming hearings across visible cases; another caseworker sees none of them', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const courts = await o.ok<Institution[]>(worker, 'institutions.list', { type: 'court' });
    const h = await o.ok<Hearing>(worker, 'hearings.add', hearingInput(o.caseId, { courtInstitutionId: courts[0]!.id, courtName: courts[0]!.name }));
    await o.ok<Hearing>(worker, 'hearings.add', hearingInput(o.caseId, { hearingAt: '2026-02-20T10:00:00' }));
    const overview = await o.ok<CourtOverview>(worker, 'court.overview', {});
    expect(overview.upcoming.map((x) => x.id)).toEqual([h.id]);
    expect(overview.upcoming[0]).toMatchObject({ caseNumber: expect.stringMatching(/^2026\//), childName: 'Elif Öztürk' });

    const other = await o.as('mehmet');
    expect((await o.ok<CourtOverview>(other, 'court.overview', {})).upcoming).toEqual([]);
    await o.fails(other, 'court.forCase', { caseId: o.caseId }, 'api.notFound');
    await o.fails(other, 'hearings.add', hearingInput(o.caseId), 'api.notFound');
    await o.fails(other, 'hearings.update', { id: h.id, expectedVersion: 1, status: 'cancelled' }, 'api.notFound');
    const admin = await o.as('sistem');
    await o.fails(admin, 'hearings.add', hearingInput(o.caseId), 'auth.forbidden');
  });
});

describe('court orders', () => {
  it('every order kind of seed 003 and Law 5395 is accepted; an order with a due day writes a task for its responsible user', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const h = await o.ok<Hearing>(worker, 'hearings.add', hearingInput(o.caseId, { hearingAt: '2026-02-27T10:00:00' }));
    for (const kind of ORDER_KINDS) {
      await o.ok(worker, 'orders.add', { caseId: o.caseId, hearingId: h.id, kind, orderedOn: '2026-02-27', responsibleUserId: o.ids.ayse });
    }
    const shelter = await o.ok<CourtOrder>(worker, 'orders.add', {
      caseId: o.caseId,
      hearingId: h.id,
      personId: o.person.elif,
      kind: 'psychological_counselling_family',
      description: 'Aileye altı ay süreyle aile danışmanlığı.',
      orderedOn: '2026-02-27',
      responsibleUserId: o.ids.mehmet,
      dueOn: '2026-03-31',
    });
    expect(shelter).toMatchObject({ compliance: 'pending', overdue: false, person: { name: 'Elif Öztürk' }, responsible: { type: 'user', id: o.ids.mehmet, name: 'Mehmet Çelik' } });
    expect(shelter.updates.map((u) => [u.from, u.to, u.on])).toEqual([[null, 'pending', '2026-02-27']]);
    expect(courtTasks(o, `order:${shelter.id}`)).toEqual([
      { kind: 'courtOrder', due: new Date('2026-03-31T23:59:00').toISOString(), assignee: o.ids.mehmet, titleKey: 'tasks.court.orderDue.psychological_counselling_family', done: 0, cancelled: 0 },
    ]);

    await o.fails(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-02-27' }, 'api.invalidInput');
    const pdm = (await o.ok<Institution[]>(worker, 'institutions.list', { q: 'psikolojik danisma' }))[0]!;
    await o.fails(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-02-27', responsibleInstitutionId: pdm.id, responsibleUserId: o.ids.ayse }, 'api.invalidInput');
    await o.fails(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-03-05', responsibleInstitutionId: pdm.id }, 'court.dateInFuture');
    await o.fails(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-02-27', dueOn: '2026-02-01', responsibleInstitutionId: pdm.id }, 'court.dueBeforeOrdered');
    await o.fails(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-02-27', responsibleUserId: o.ids.sistem }, 'cases.assigneeInvalid');
    await o.fails(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-02-27', personId: 999_999, responsibleInstitutionId: pdm.id }, 'api.notFound');
    await o.fails(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-02-27', hearingId: 999_999, responsibleInstitutionId: pdm.id }, 'api.notFound');

    // An institution responsible: the caseworker follows it up.
    const exam = await o.ok<CourtOrder>(worker, 'orders.add', { caseId: o.caseId, kind: 'medical_examination', orderedOn: '2026-02-27', responsibleInstitutionId: pdm.id, dueOn: '2026-03-10' });
    expect(exam.responsible).toEqual({ type: 'institution', id: pdm.id, name: pdm.name });
    expect(courtTasks(o, `order:${exam.id}`)[0]).toMatchObject({ assignee: o.ids.ayse });
  });

  it('compliance updates are dated and kept; complied closes the task, reopening re-creates it; overdue shows', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const order = await o.ok<CourtOrder>(worker, 'orders.add', { caseId: o.caseId, kind: 'shelter', orderedOn: '2026-02-27', responsibleUserId: o.ids.ayse, dueOn: '2026-03-05' });
    await o.fails(worker, 'orders.updateCompliance', { id: order.id, status: 'pending' }, 'court.complianceUnchanged');
    await o.fails(worker, 'orders.updateCompliance', { id: order.id, status: 'in_progress', on: '2026-02-20' }, 'court.dateBeforePrevious');
    await o.fails(worker, 'orders.updateCompliance', { id: order.id, status: 'in_progress', on: '2026-03-04' }, 'court.dateInFuture');
    await o.ok(worker, 'orders.updateCompliance', { id: order.id, status: 'in_progress', on: '2026-03-01', note: 'Koruyucu aile ile görüşüldü.' });

    o.clock.now = new Date('2026-03-06T09:00:00');
    let overview = await o.ok<CourtOverview>(worker, 'court.overview', {});
    expect(overview).toMatchObject({ openOrders: 1, overdueOrders: 1 });
    expect(overview.orders[0]).toMatchObject({ id: order.id, overdue: true, compliance: 'in_progress' });

    const complied = await o.ok<CourtOrder>(worker, 'orders.updateCompliance', { id: order.id, status: 'complied', note: 'Çocuk kuruluşa yerleştirildi.' });
    expect(complied.updates.map((u) => [u.from, u.to, u.on, u.note])).toEqual([
      [null, 'pending', '2026-02-27', null],
      ['pending', 'in_progress', '2026-03-01', 'Koruyucu aile ile görüşüldü.'],
      ['in_progress', 'complied', '2026-03-06', 'Çocuk kuruluşa yerleştirildi.'],
    ]);
    expect(complied.overdue).toBe(false);
    expect(courtTasks(o, `order:${order.id}`).map((t) => [t.done, t.cancelled])).toEqual([[1, 0]]);
    overview = await o.ok<CourtOverview>(worker, 'court.overview', {});
    expect(overview).toMatchObject({ openOrders: 0, overdueOrders: 0 });
    expect((await o.ok<CourtOverview>(worker, 'court.overview', { compliance: ['complied'] })).orders).toHaveLength(1);

    await o.ok(worker, 'orders.updateCompliance', { id: order.id, status: 'not_complied' });
    await o.ok(worker, 'orders.updateCompliance', { id: order.id, status: 'in_progress' });
    expect(courtTasks(o, `order:${order.id}`).filter((t) => !t.done)).toHaveLength(1);

    // A new due day moves the open task.
    const current = (await o.ok<CaseCourt>(worker, 'court.forCase', { caseId: o.caseId })).orders[0]!;
    await o.ok(worker, 'orders.update', { id: order.id, expectedVersion: current.version, dueOn: '2026-03-20' });
    expect(courtTasks(o, `order:${order.id}`).filter((t) => !t.done).map((t) => t.due)).toEqual([new Date('2026-03-20T23:59:00').toISOString()]);
    expect(() => o.db().prepare('UPDATE court_order_updates SET note = NULL').run()).toThrow(/kept as written/);
  });
});

describe('court data for the court report', () => {
  it('gives the court and file number, hearings and orders oldest first, and the referrals with outcomes', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const past = await o.ok<Hearing>(worker, 'hearings.add', hearingInput(o.caseId, { hearingAt: '2026-02-20T10:00:00', fileNumber: '2026/145 E.' }));
    await o.ok(worker, 'hearings.update', { id: past.id, expectedVersion: 1, status: 'held', outcome: 'Tedbir kararı.' });
    const next = await o.ok<Hearing>(worker, 'hearings.add', hearingInput(o.caseId, { hearingAt: '2026-05-04T10:00:00' }));
    await o.ok(worker, 'orders.add', { caseId: o.caseId, hearingId: past.id, kind: 'education', orderedOn: '2026-02-20', responsibleUserId: o.ids.ayse });
    await o.ok(worker, 'orders.add', { caseId: o.caseId, hearingId: past.id, kind: 'shelter', orderedOn: '2026-02-19', responsibleUserId: o.ids.ayse });
    const pdm = (await o.ok<Institution[]>(worker, 'institutions.list', { q: 'psikolojik' }))[0]!;
    const r = await o.ok<Referral>(worker, 'referrals.create', {
      caseId: o.caseId,
      institutionId: pdm.id,
      services: ['psychotherapy'],
      reason: 'Travma odaklı terapi.',
      legalGround: 'Mahkeme kararı (danışmanlık tedbiri).',
    });
    await o.ok(worker, 'referrals.create', { caseId: o.caseId, institutionId: pdm.id, reason: 'Taslak, gönderilmedi.' });
    await o.ok(worker, 'referrals.send', { id: r.id });
    await o.ok(worker, 'referrals.decline', { id: r.id, reason: 'Bölge dışı.' });

    const data = courtDataForCase(o.db(), actorOf(worker.session!), o.caseId, o.clock.now);
    expect(data.court).toMatchObject({ name: 'İstanbul 2. Çocuk Mahkemesi', fileNumber: '2026/145 E.', hearingAt: new Date('2026-05-04T10:00:00.000').toISOString() });
    expect(data.nextHearing?.id).toBe(next.id);
    expect(data.hearings.map((h) => h.id)).toEqual([past.id, next.id]);
    expect(data.orders.map((x) => x.kind)).toEqual(['shelter', 'education']);
    expect(data.referrals).toEqual([expect.objectContaining({ id: r.id, state: 'declined', declineReason: 'Bölge dışı.', services: [{ code: 'psychotherapy', labelTr: 'Psikoterapi', labelEn: 'Psychotherapy' }] })]);
    expect(data.case).toMatchObject({ responsible: 'Ayşe Yıldırım', status: 'intake' });

    const other = await o.as('mehmet');
    expect(() => courtDataForCase(o.db(), actorOf(other.session!), o.caseId)).toThrow('cases.notFound');
  });

  it('the upcoming-hearings query uses its partial index', async () => {
    const o = await referralsOffice();
    await o.as('ayse');
    const plan = o.db().prepare(`EXPLAIN QUERY PLAN SELECT id FROM court_hearings WHERE status = 'scheduled' AND hearing_at >= ? ORDER BY hearing_at`).all('2026-03-01') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/INDEX court_hearings_upcoming/);
  });
});
