/**
 * Issue 17: colleague cover (the scope check honours an active cover, by local calendar day,
 * ending at local midnight), handover on reassignment, co-work requests, and the calendar.
 * Run also under TZ=Pacific/Kiritimati and TZ=America/Adak: the clock is set in local time.
 */
import { describe, expect, it } from 'vitest';
import type { CalendarOutput, Cover, CoworkRequest, PlannedVisit } from '../../shared/api/methods/calendar';
import type { CaseFile, CaseList } from '../../shared/api/schemas/cases';
import { newCase, office, childCase, intake } from '../fixtures/cases';
import { ADMIN, createdVault } from '../fixtures/vaults';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { generateDemo } from '../../electron/core/demo/generate';
import { isWorkingDay } from '../../shared/time/holidays';
import { addDaysToDay, dayOfMoment, localDay } from '../../shared/time/localDays';

type Created = { id: number; caseNumber: string };
/** 2026-06-dd hh:mm on this machine's calendar. */
const local = (day: number, hours: number, minutes = 0) => new Date(2026, 5, day, hours, minutes);

describe('colleague cover', () => {
  it('lets the colleague read and write the covered cases from the first to the last local day, marked "cover for", audited', async () => {
    const o = await office();
    o.clock.now = local(15, 9);
    let ayse = await o.as('ayse');
    const a1 = await o.ok<Created>(ayse, 'cases.create', newCase());

    let mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'cases.get', { caseId: a1.id }, 'api.notFound');
    expect((await o.ok<CaseList>(mehmet, 'cases.list', {})).total).toBe(0);

    const derya = await o.as('derya');
    await o.fails(derya, 'covers.grant', { coveredUserId: o.ids.ayse!, coverUserId: o.ids.ayse!, from: '2026-06-15', to: '2026-06-16' }, 'covers.sameUser');
    await o.fails(derya, 'covers.grant', { coveredUserId: o.ids.ayse!, coverUserId: o.ids.mehmet!, from: '2026-06-16', to: '2026-06-15' }, 'covers.rangeInvalid');
    const cover = await o.ok<Cover>(derya, 'covers.grant', { coveredUserId: o.ids.ayse!, coverUserId: o.ids.mehmet!, from: '2026-06-15', to: '2026-06-16' });
    expect(cover).toMatchObject({ state: 'active', covered: { id: o.ids.ayse }, cover: { id: o.ids.mehmet }, from: '2026-06-15', to: '2026-06-16' });
    const row = o.db().prepare("SELECT actor_id, target_type, target_id, details FROM audit_log WHERE action = 'cover.granted'").get() as Record<string, string>;
    expect(row).toMatchObject({ actor_id: o.ids.derya, target_type: 'cover', target_id: String(cover.id) });
    expect(JSON.parse(row.details!)).toEqual({ covered: o.ids.ayse, cover: o.ids.mehmet, from: '2026-06-15', to: '2026-06-16' });

    // A caseworker cannot grant covers.
    mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'covers.grant', { coveredUserId: o.ids.ayse!, coverUserId: o.ids.mehmet!, from: '2026-06-15', to: '2026-06-16' }, 'auth.forbidden');
    const file = await o.ok<CaseFile>(mehmet, 'cases.get', { caseId: a1.id });
    expect(file.coverFor).toEqual({ id: o.ids.ayse, displayName: 'Ayşe Yıldırım' });
    const list = await o.ok<CaseList>(mehmet, 'cases.list', {});
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({ id: a1.id, coverFor: { id: o.ids.ayse } });
    await o.ok(mehmet, 'notes.add', { caseId: a1.id, type: 'phone_call', occurredAt: '2026-06-15T08:30', body: 'Anne arandı; çocuk okulda.' });
    expect((await o.ok<{ hits: unknown[] }>(mehmet, 'cases.search', { q: 'öztürk' })).hits.length).toBeGreaterThan(0);
    expect((await o.ok<Cover[]>(mehmet, 'covers.list', {})).map((c) => c.id)).toEqual([cover.id]);

    // Ayşe's own view is unchanged: her case is not a cover for her.
    ayse = await o.as('ayse');
    expect((await o.ok<CaseFile>(ayse, 'cases.get', { caseId: a1.id })).coverFor).toBeNull();

    // Still in force on the last day, one minute before local midnight…
    o.clock.now = local(16, 23, 59);
    mehmet = await o.as('mehmet');
    await o.ok(mehmet, 'cases.get', { caseId: a1.id });
    // …and over at local midnight.
    o.clock.now = local(17, 0, 0);
    mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'cases.get', { caseId: a1.id }, 'api.notFound');
    await o.fails(mehmet, 'notes.add', { caseId: a1.id, type: 'other', occurredAt: '2026-06-16T23:00', body: 'Geç not.' }, 'api.notFound');
    expect((await o.ok<CaseList>(mehmet, 'cases.list', {})).total).toBe(0);
    expect((await o.ok<Cover[]>(mehmet, 'covers.list', {}))[0]!.state).toBe('ended');
  });

  it('an upcoming cover gives nothing yet; a withdrawn one nothing any more; a cover is not passed on', async () => {
    const o = await office();
    o.clock.now = local(15, 9);
    const ayse = await o.as('ayse');
    const a1 = await o.ok<Created>(ayse, 'cases.create', childCase('Elif', 'Kaya'));
    let derya = await o.as('derya');
    const later = await o.ok<Cover>(derya, 'covers.grant', { coveredUserId: o.ids.ayse!, coverUserId: o.ids.mehmet!, from: '2026-06-20', to: '2026-06-30' });
    expect(later.state).toBe('upcoming');
    let mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'cases.get', { caseId: a1.id }, 'api.notFound');

    o.clock.now = local(20, 0, 0);
    mehmet = await o.as('mehmet');
    await o.ok(mehmet, 'cases.get', { caseId: a1.id });

    derya = await o.as('derya');
    const revoked = await o.ok<Cover>(derya, 'covers.revoke', { coverId: later.id });
    expect(revoked.state).toBe('revoked');
    await o.fails(derya, 'covers.revoke', { coverId: later.id }, 'covers.alreadyRevoked');
    mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'cases.get', { caseId: a1.id }, 'api.notFound');

    // Not transitive: the supervisor (set-up account) covers nobody; Mehmet covers Ayşe, Ayşe covers nobody else.
    derya = await o.as('derya');
    await o.ok(derya, 'covers.grant', { coveredUserId: o.ids.mehmet!, coverUserId: o.ids.ayse!, from: '2026-06-20', to: '2026-06-21' });
    const m1 = await (async () => {
      const m = await o.as('mehmet');
      return o.ok<Created>(m, 'cases.create', childCase('Deniz', 'Ak', { intake: intake({ receivedAt: '2026-06-19T10:00' }) }));
    })();
    await o.ok(await o.as('derya'), 'covers.grant', { coveredUserId: o.ids.ayse!, coverUserId: o.ids.mehmet!, from: '2026-06-20', to: '2026-06-21' });
    // Ayşe covers Mehmet: she sees his case; Mehmet covers Ayşe: he sees hers, not (through her) his own twice.
    await o.ok(await o.as('ayse'), 'cases.get', { caseId: m1.id });
    const list = await o.ok<CaseList>(await o.as('mehmet'), 'cases.list', {});
    expect(list.rows.map((r) => r.id).sort()).toEqual([a1.id, m1.id].sort());
    expect(list.total).toBe(2);
  });
});

describe('handover and co-working', () => {
  it('reassigning asks for a handover note, which the new caseworker sees pinned', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const a1 = await o.ok<Created>(ayse, 'cases.create', newCase());
    await o.ok(ayse, 'notes.add', { caseId: a1.id, type: 'phone_call', occurredAt: '2026-06-15T08:30', body: 'Okul arandı.' });
    const derya = await o.as('derya');
    await o.fails(derya, 'cases.assign', { caseId: a1.id, responsibleUserId: o.ids.mehmet }, 'cases.handoverRequired');
    // Re-saving the same responsible (co-workers only) needs no handover.
    await o.ok(derya, 'cases.assign', { caseId: a1.id, responsibleUserId: o.ids.ayse, coWorkerIds: [] });
    o.clock.now = new Date(o.clock.now.getTime() + 60_000);
    await o.ok(derya, 'cases.assign', { caseId: a1.id, responsibleUserId: o.ids.mehmet, handoverNote: 'Baba ile görüşmeler yalnızca ofiste yapılmalı.' });
    const mehmet = await o.as('mehmet');
    const file = await o.ok<CaseFile>(mehmet, 'cases.get', { caseId: a1.id });
    expect(file.handover).toMatchObject({ from: { id: o.ids.ayse }, to: { id: o.ids.mehmet } });
    const note = file.notes.find((n) => n.id === file.handover!.noteId)!;
    expect(note.body).toBe('Baba ile görüşmeler yalnızca ofiste yapılmalı.');
    expect(note.createdBy.id).toBe(o.ids.derya);
    // Ayşe no longer sees the case.
    await o.fails(await o.as('ayse'), 'cases.get', { caseId: a1.id }, 'api.notFound');
  });

  it('a caseworker asks a colleague to co-work; the supervisor approves (or refuses), audited', async () => {
    const o = await office();
    let ayse = await o.as('ayse');
    const a1 = await o.ok<Created>(ayse, 'cases.create', newCase());
    const request = await o.ok<CoworkRequest>(ayse, 'cowork.request', { caseId: a1.id, colleagueId: o.ids.mehmet! });
    expect(request).toMatchObject({ status: 'pending', colleague: { id: o.ids.mehmet }, requestedBy: { id: o.ids.ayse } });
    await o.fails(ayse, 'cowork.request', { caseId: a1.id, colleagueId: o.ids.mehmet! }, 'cowork.alreadyRequested');
    await o.fails(ayse, 'cowork.request', { caseId: a1.id, colleagueId: o.ids.ayse! }, 'cowork.alreadyWorker');
    await o.fails(ayse, 'cowork.pending', {}, 'auth.forbidden');
    await o.fails(ayse, 'cowork.decide', { caseId: a1.id, requestId: request.id, approve: true }, 'auth.forbidden');

    let mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'cases.get', { caseId: a1.id }, 'api.notFound');
    const derya = await o.as('derya');
    expect((await o.ok<CoworkRequest[]>(derya, 'cowork.pending', {})).map((r) => r.id)).toEqual([request.id]);
    const decided = await o.ok<CoworkRequest>(derya, 'cowork.decide', { caseId: a1.id, requestId: request.id, approve: true });
    expect(decided.status).toBe('approved');
    await o.fails(derya, 'cowork.decide', { caseId: a1.id, requestId: request.id, approve: false }, 'cowork.decided');
    expect(await o.ok<CoworkRequest[]>(derya, 'cowork.pending', {})).toEqual([]);
    const audit = o.db().prepare("SELECT action FROM audit_log WHERE action LIKE 'cowork.%' ORDER BY seq").all() as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(['cowork.requested', 'cowork.approved']);

    mehmet = await o.as('mehmet');
    const file = await o.ok<CaseFile>(mehmet, 'cases.get', { caseId: a1.id });
    expect(file.case.coWorkers.map((w) => w.id)).toEqual([o.ids.mehmet]);
    expect(file.coverFor).toBeNull();

    ayse = await o.as('ayse');
    const second = await o.ok<CoworkRequest>(ayse, 'cowork.request', { caseId: a1.id, colleagueId: o.ids.derya! });
    const refused = await o.ok<CoworkRequest>(await o.as('derya'), 'cowork.decide', { caseId: a1.id, requestId: second.id, approve: false });
    expect(refused.status).toBe('refused');
    expect((await o.ok<CaseFile>(await o.as('ayse'), 'cases.get', { caseId: a1.id })).case.coWorkers.map((w) => w.id)).toEqual([o.ids.mehmet]);
  });
});

describe('calendar', () => {
  it('lists visits, hearings, tasks and referral reply days of the cases in sight, with holidays; a planned visit prepares the note draft', async () => {
    const o = await office();
    o.clock.now = local(15, 9);
    const ayse = await o.as('ayse');
    const a1 = await o.ok<Created>(ayse, 'cases.create', newCase());
    const visit = await o.ok<PlannedVisit>(ayse, 'calendar.planVisit', { caseId: a1.id, kind: 'home_visit', startsAt: '2026-06-17T10:30' });
    expect(visit).toMatchObject({ caseId: a1.id, kind: 'home_visit', visitor: { id: o.ids.ayse }, draftPrepared: true });
    const draft = await o.ok<{ data: string; route: string } | null>(ayse, 'drafts.get', { key: `note:${a1.id}` });
    const values = JSON.parse(draft!.data) as { noteId: null; draft: { type: string; day: string; time: string; body: string } };
    expect(values.noteId).toBeNull();
    expect(values.draft).toMatchObject({ type: 'home_visit', day: '2026-06-17', time: '10:30' });
    expect(values.draft.body).toMatch(/Ziyaretin amacı/);
    expect(draft!.route).toBe(`/cases/${a1.id}?tab=notes`);
    // A second visit keeps the draft she already has.
    const interview = await o.ok<PlannedVisit>(ayse, 'calendar.planVisit', { caseId: a1.id, kind: 'interview', startsAt: '2026-06-18T14:00' });
    expect(interview.draftPrepared).toBe(false);
    await o.ok(ayse, 'hearings.add', { caseId: a1.id, courtName: 'İstanbul 3. Çocuk Mahkemesi', hearingAt: '2026-06-19T09:30' });
    await o.ok(ayse, 'tasks.add', { caseId: a1.id, title: 'Okul raporunu iste', dueAt: '2026-06-16T17:00' });

    const mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'calendar.planVisit', { caseId: a1.id, kind: 'home_visit', startsAt: '2026-06-17T10:30' }, 'api.notFound');
    const his = await o.ok<CalendarOutput>(mehmet, 'calendar.events', { from: '2026-06-15', to: '2026-06-21' });
    expect(his.events).toEqual([]);

    const mine = await o.ok<CalendarOutput>(await o.as('ayse'), 'calendar.events', { from: '2026-06-15', to: '2026-06-21' });
    const kinds = mine.events.map((e) => [e.day, e.kind]);
    expect(kinds).toEqual(expect.arrayContaining([['2026-06-16', 'task'], ['2026-06-17', 'home_visit'], ['2026-06-18', 'interview'], ['2026-06-19', 'hearing']]));
    expect(mine.events.map((e) => e.day)).toEqual([...mine.events.map((e) => e.day)].sort());
    expect(mine.events.find((e) => e.kind === 'home_visit')).toMatchObject({ caseNumber: a1.caseNumber, user: { id: o.ids.ayse }, done: false });
    expect(mine.holidays).toEqual([]);

    // Holidays in the range: Kurban Bayramı 2026 (arife 26 May, a half day).
    const may = await o.ok<CalendarOutput>(await o.as('ayse'), 'calendar.events', { from: '2026-05-25', to: '2026-05-31' });
    expect(may.holidays.map((h) => [h.day, h.halfDay])).toEqual([['2026-05-26', true], ['2026-05-27', false], ['2026-05-28', false], ['2026-05-29', false], ['2026-05-30', false]]);

    // The supervisor sees the team, or one caseworker's.
    const derya = await o.as('derya');
    expect((await o.ok<CalendarOutput>(derya, 'calendar.events', { from: '2026-06-15', to: '2026-06-21' })).events.length).toBe(mine.events.length);
    expect((await o.ok<CalendarOutput>(derya, 'calendar.events', { from: '2026-06-15', to: '2026-06-21', caseworkerId: o.ids.mehmet })).events).toEqual([]);
    await o.fails(derya, 'calendar.events', { from: '2026-06-15', to: '2026-09-21' }, 'calendar.rangeInvalid');

    // Cancelled: gone from the calendar, audited.
    await o.ok(derya, 'calendar.cancelVisit', { caseId: a1.id, visitId: visit.id, reason: 'Aile evde değildi.' });
    await o.fails(derya, 'calendar.cancelVisit', { caseId: a1.id, visitId: visit.id, reason: 'Aile evde değildi.' }, 'calendar.visitNotFound');
    const after = await o.ok<CalendarOutput>(derya, 'calendar.events', { from: '2026-06-15', to: '2026-06-21' });
    expect(after.events.some((e) => e.kind === 'home_visit')).toBe(false);
    const actions = (o.db().prepare("SELECT action FROM audit_log WHERE action LIKE 'visit.%' ORDER BY seq").all() as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toEqual(['visit.planned', 'visit.planned', 'visit.cancelled']);
  });
});

describe('demo office', () => {
  it('plans visits in the coming four weeks on working days, by the responsible caseworker of each case', async () => {
    const { vault } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    const db = vault.database;
    const staff = await ensureDemoStaff(vault, 120, null);
    const now = new Date(2026, 4, 20, 9, 0); // a week before Kurban Bayramı 2026
    generateDemo(db, { cases: 120, seed: 5, now, staff });
    const visits = db
      .prepare('SELECT v.starts_at AS startsAt, v.visitor_user_id AS visitor, c.responsible_user_id AS responsible, c.status FROM planned_visits v JOIN cases c ON c.id = v.case_id')
      .all() as Array<{ startsAt: string; visitor: string; responsible: string; status: string }>;
    expect(visits.length).toBeGreaterThan(0);
    const today = localDay(now);
    for (const v of visits) {
      const day = dayOfMoment(v.startsAt);
      expect(day > today && day <= addDaysToDay(today, 35)).toBe(true);
      expect(isWorkingDay(day)).toBe(true);
      expect(v.visitor).toBe(v.responsible);
      expect(v.status).not.toBe('closed');
    }
    vault.lock('shutdown');
  });
});
