/**
 * Issue 17: a planned visit or interview is cancelled with a reason — audited (ids only, never the
 * reason), gone from the calendar, listed on the case struck through with who, when and why; not
 * twice, not without a reason, not from another case, and not by someone who cannot see the case.
 */
import { describe, expect, it } from 'vitest';
import type { CalendarOutput, PlannedVisit, VisitRecord } from '../../shared/api/methods/calendar';
import { childCase, newCase, office } from '../fixtures/cases';

describe('cancelling a planned visit', () => {
  it('needs a reason, is audited without it, leaves the calendar and stays on the case with who, when and why', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const a1 = await o.ok<{ id: number }>(ayse, 'cases.create', newCase());
    const a2 = await o.ok<{ id: number }>(ayse, 'cases.create', childCase('Can', 'Demir'));
    const visit = await o.ok<PlannedVisit>(ayse, 'calendar.planVisit', { caseId: a1.id, kind: 'home_visit', startsAt: '2026-06-17T10:30' });
    const interview = await o.ok<PlannedVisit>(ayse, 'calendar.planVisit', { caseId: a1.id, kind: 'interview', startsAt: '2026-06-18T14:00' });
    const week = { from: '2026-06-15', to: '2026-06-21' };
    const visitIds = async () => (await o.ok<CalendarOutput>(ayse, 'calendar.events', week)).events.filter((e) => e.kind === 'home_visit' || e.kind === 'interview').map((e) => e.id);
    expect(await visitIds()).toEqual([visit.id, interview.id]);

    await o.fails(ayse, 'calendar.cancelVisit', { caseId: a1.id, visitId: visit.id, reason: '   ' }, 'api.invalidInput');
    await o.fails(ayse, 'calendar.cancelVisit', { caseId: a1.id, visitId: visit.id }, 'api.invalidInput');
    // The visit of another case (hers too) by the wrong case id: not found.
    await o.fails(ayse, 'calendar.cancelVisit', { caseId: a2.id, visitId: visit.id, reason: 'Aile taşındı.' }, 'calendar.visitNotFound');
    const mehmet = await o.as('mehmet');
    await o.fails(mehmet, 'calendar.cancelVisit', { caseId: a1.id, visitId: visit.id, reason: 'Aile taşındı.' }, 'api.notFound');

    const ayse2 = await o.as('ayse');
    o.clock.now = new Date(o.clock.now.getTime() + 60_000);
    const cancelled = await o.ok<VisitRecord>(ayse2, 'calendar.cancelVisit', { caseId: a1.id, visitId: visit.id, reason: 'Aile başka ile taşındı; ziyaret yapılamayacak.' });
    expect(cancelled).toMatchObject({ id: visit.id, kind: 'home_visit', cancelled: { by: { id: o.ids.ayse }, at: o.clock.now.toISOString(), reason: 'Aile başka ile taşındı; ziyaret yapılamayacak.' } });
    await o.fails(ayse2, 'calendar.cancelVisit', { caseId: a1.id, visitId: visit.id, reason: 'Yine.' }, 'calendar.visitNotFound');

    // Gone from the calendar; the interview stays.
    const after = (await o.ok<CalendarOutput>(ayse2, 'calendar.events', week)).events.filter((e) => e.kind === 'home_visit' || e.kind === 'interview').map((e) => e.id);
    expect(after).toEqual([interview.id]);
    // On the case: both, the latest first, the cancelled one with its reason.
    const listed = await o.ok<VisitRecord[]>(ayse2, 'calendar.visitsForCase', { caseId: a1.id });
    expect(listed.map((v) => [v.id, v.cancelled?.reason ?? null])).toEqual([
      [interview.id, null],
      [visit.id, 'Aile başka ile taşındı; ziyaret yapılamayacak.'],
    ]);
    expect(await o.ok<VisitRecord[]>(ayse2, 'calendar.visitsForCase', { caseId: a2.id })).toEqual([]);

    // Audited once, with ids only.
    const rows = o.db().prepare("SELECT actor_id AS actor, target_type AS type, target_id AS target, details FROM audit_log WHERE action = 'visit.cancelled'").all() as Array<{ actor: string; type: string; target: string; details: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: o.ids.ayse, type: 'visit', target: String(visit.id) });
    expect(JSON.parse(rows[0]!.details)).toEqual({ caseId: a1.id });
    expect(rows[0]!.details).not.toContain('taşındı');
  });
});
