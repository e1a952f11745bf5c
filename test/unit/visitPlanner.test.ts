/**
 * Planning a visit for someone else (issue 17), after its roles query moved from the handler into
 * usersRepo (issue 12): the visitor must be able to open the case — a supervisor (reads all cases)
 * may be the visitor of any case, a caseworker only of a case she works on.
 */
import { describe, expect, it } from 'vitest';
import { newCase, office } from '../fixtures/cases';

describe('calendar.planVisit: who may be the visitor', () => {
  it('a supervisor may visit any case; a caseworker not on the case is refused, and nothing is planned', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<{ id: number }>(ayse, 'cases.create', newCase());
    const derya = await o.as('derya');
    await o.fails(derya, 'calendar.planVisit', { caseId: c.id, kind: 'home_visit', startsAt: '2026-06-20T10:00', visitorUserId: o.ids.mehmet }, 'calendar.visitorNotOnCase');
    expect(o.count('planned_visits')).toBe(0);
    const visit = await o.ok(derya, 'calendar.planVisit', { caseId: c.id, kind: 'home_visit', startsAt: '2026-06-20T10:00', visitorUserId: o.ids.derya! });
    expect(visit.visitor.id).toBe(o.ids.derya);
    const forAyse = await o.ok(derya, 'calendar.planVisit', { caseId: c.id, kind: 'interview', startsAt: '2026-06-21T10:00', visitorUserId: o.ids.ayse! });
    expect(forAyse.visitor.id).toBe(o.ids.ayse);
    expect(o.count('planned_visits')).toBe(2);
  });
});
