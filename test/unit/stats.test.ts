/**
 * Period statistics (issue 8) on an office with known data (test/fixtures/stats.ts):
 * every figure checked exactly, visibility per role, the caseworker filter,
 * percentages adding up to 100, distinct counts, the period rules, and the
 * indexes the queries rely on.
 */
import { describe, expect, it } from 'vitest';
import type { StatsPeriod, StatTable } from '../../shared/api/schemas/stats';
import { periodOf } from '../../electron/core/stats/period';
import { statsQueries } from '../../electron/core/stats/statsRepo';
import { PERIOD, statsOffice } from '../fixtures/stats';

/** The cells that hold records, as key → count (and sessions where there are). */
const counts = (t: StatTable) => Object.fromEntries(t.cells.filter((c) => c.hidden || (c.count ?? 0) > 0).map((c) => [c.key, c.count]));
const percents = (t: StatTable) => Object.fromEntries(t.cells.filter((c) => (c.count ?? 0) > 0).map((c) => [c.key, c.percent]));
const series = (t: StatTable) => t.cells.map((c) => c.count);
const value = (f: { value: number | null }) => f.value;

function tablesOf(s: StatsPeriod): Array<[string, StatTable]> {
  return [
    ['concerns', s.concerns],
    ['channels', s.channels],
    ['priorityFirst', s.priorityFirst],
    ['priorityNow', s.priorityNow],
    ['status', s.status],
    ['services', s.services],
    ['assessmentLevels', s.assessmentLevels],
    ['deadlines', s.deadlines],
    ['referralInstitutions', s.referrals.byInstitution],
    ['referralOutcomes', s.referrals.byOutcome],
    ['orders', s.court.ordersByCompliance],
  ];
}

function expectPercentagesAddUp(s: StatsPeriod) {
  for (const [name, table] of tablesOf(s)) {
    const shown = table.cells.filter((c) => !c.hidden);
    expect(shown.reduce((a, c) => a + (c.count ?? 0), 0), `${name} total`).toBe(table.total);
    if (table.total === 0) continue;
    const sum = shown.reduce((a, c) => a + (c.percent ?? 0), 0);
    expect(Math.round(sum * 10) / 10, `${name} percent`).toBe(100);
    for (const c of shown) expect(Number.isInteger(Math.round((c.percent ?? 0) * 10)), `${name} one decimal`).toBe(true);
  }
}

describe('period statistics', () => {
  it('a supervisor gets every figure of the office for the first quarter', async () => {
    const o = await statsOffice();
    const s = await o.ok<StatsPeriod>(await o.as('derya'), 'stats.period', PERIOD);

    expect(s.period).toEqual({ from: '2026-01-01', to: '2026-03-31', days: 90, months: ['2026-01', '2026-02', '2026-03'] });
    expect(s.scope).toBe('all');
    expect(s.caseworker).toBeNull();
    expect(s.suppressBelow).toBeNull();
    expect(s.hasData).toBe(true);

    // Reports received in the quarter: A's repeat report (school), B (school), C (Alo 153). New cases: B and C
    // (C opened on A's known household, so its first report is a 'repeat' one: still a new case).
    expect(value(s.summary.reports)).toBe(3);
    expect(value(s.summary.newCases)).toBe(2);
    expect(counts(s.channels)).toEqual({ school: 2, alo_153: 1 });
    expect(percents(s.channels)).toEqual({ school: 66.7, alo_153: 33.3 });
    expect(s.channels.cells.slice(0, 2).map((c) => c.key)).toEqual(['school', 'alo_153']); // biggest first
    expect(s.channels.cells[0]!.label).toEqual({ tr: 'Okul', en: 'School' });

    // Concerns: a case once per concern reported in the period. A: DV + educational neglect (its November report
    // is outside), B: sexual abuse, C: DV + emotional abuse → 5 mentions, DV on 2 cases.
    expect(counts(s.concerns)).toEqual({ domestic_violence: 2, sexual_abuse: 1, emotional_abuse: 1, educational_neglect: 1 });
    expect(percents(s.concerns)).toEqual({ domestic_violence: 40, sexual_abuse: 20, emotional_abuse: 20, educational_neglect: 20 });
    expect(s.concerns.total).toBe(5);
    expect(value(s.summary.reportedCases)).toBe(3);
    expect(value(s.concerns.casesWithSeveral)).toBe(2);
    expect(s.concerns.cells.find((c) => c.key === 'bullying')).toMatchObject({ count: 0, percent: 0, hidden: false });

    // Cases open at some moment of the quarter: A, B, C and E (closed in February). D closed before it, F reported
    // after it, G closed before it and reopened only after it.
    expect(value(s.summary.activeCases)).toBe(4);
    expect(value(s.summary.closedCases)).toBe(1);
    expect(counts(s.status)).toEqual({ intake: 2, assessment: 1, closed: 1 });
    expect(percents(s.status)).toEqual({ intake: 50, assessment: 25, closed: 25 });
    expect(counts(s.priorityFirst)).toEqual({ high: 1, medium: 1, low: 1, unassessed: 1 });
    expect(counts(s.priorityNow)).toEqual({ medium: 1, low: 2, unassessed: 1 });

    // Distinct: Ali is a child of A and of C (one person) → Ali, Can, Ece, Deniz; households: Akın (A and C), Bulut, Ekinci.
    expect(value(s.summary.childrenServed)).toBe(4);
    expect(value(s.summary.householdsServed)).toBe(3);

    // Services of the quarter: 4 records, 12 sessions, to Ali, Can and Deniz (the follow-up has no person).
    expect(counts(s.services)).toEqual({ individual_counselling: 1, social_examination: 1, case_follow_up: 1, psychotherapy: 1 });
    expect(Object.fromEntries(s.services.cells.filter((c) => c.count).map((c) => [c.key, c.sessions]))).toEqual({ individual_counselling: 4, social_examination: 1, case_follow_up: 1, psychotherapy: 6 });
    expect(s.services.sessions).toBe(12);
    expect([value(s.summary.services), value(s.summary.serviceSessions), value(s.summary.servicePeople)]).toEqual([4, 12, 3]);

    // Assessments in the quarter: A high, medium, low; C high, medium.
    expect(value(s.summary.assessmentsDone)).toBe(5);
    expect(counts(s.assessmentLevels)).toEqual({ high: 2, medium: 2, low: 1 });
    // Deadlines due in the quarter: A's high (due 01-12, next 01-10: on time), A's medium (due 01-24, next 02-01: late),
    // A's low (due 03-01, none since: overdue), C's high (due 03-28, next 03-25: on time). C's medium falls due in April.
    expect(counts(s.deadlines)).toEqual({ onTime: 2, late: 1, overdue: 1 });
    expect(value(s.summary.deadlinesOnTimeRate)).toBe(50);

    // Referrals sent in the quarter: A → PDM (acknowledged after 4 days), B → ÇİM (reply slip after 10 days,
    // service started), C → PDM (no reply yet). E's was sent in December; A's draft was never sent.
    expect(s.referrals.available).toBe(true);
    expect(value(s.summary.referrals)).toBe(3);
    const names = Object.fromEntries(s.referrals.byInstitution.cells.filter((c) => c.count).map((c) => [c.label!.tr, c.count]));
    expect(names).toEqual({ 'İBB Psikolojik Danışma Merkezi': 2, 'Çocuk İzlem Merkezi (ÇİM)': 1 });
    expect(percents(s.referrals.byInstitution)).toEqual(expect.objectContaining(Object.fromEntries(s.referrals.byInstitution.cells.filter((c) => c.count).map((c) => [c.key, c.count === 2 ? 66.7 : 33.3]))));
    expect(counts(s.referrals.byOutcome)).toEqual({ sent: 1, acknowledged: 1, service_started: 1 });
    expect(value(s.referrals.replied)).toBe(2);
    expect(value(s.referrals.medianReplyDays)).toBe(7);
    // Court: A's hearing of 03-10 held (B's postponed, A's of April after the period); orders made in the quarter by compliance now.
    expect(value(s.summary.hearingsHeld)).toBe(1);
    expect(counts(s.court.ordersByCompliance)).toEqual({ pending: 1, in_progress: 1, complied: 1 });

    expect(s.monthly.reports.cells.map((c) => c.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(series(s.monthly.reports)).toEqual([1, 1, 1]);
    expect(series(s.monthly.newCases)).toEqual([0, 1, 1]);
    expect(series(s.monthly.assessments)).toEqual([2, 1, 2]);
    expect(series(s.monthly.services)).toEqual([1, 2, 1]);
    expectPercentagesAddUp(s);
  });

  it('a caseworker sees only the cases she works on; a supervisor may filter by caseworker; the administrator sees the office', async () => {
    const o = await statsOffice();
    const ayse = await o.as('ayse');
    const own = await o.ok<StatsPeriod>(ayse, 'stats.period', PERIOD);
    expect(own.scope).toBe('own');
    // Ayşe holds A, C and E.
    expect([value(own.summary.reports), value(own.summary.newCases), value(own.summary.activeCases)]).toEqual([2, 1, 3]);
    expect(counts(own.concerns)).toEqual({ domestic_violence: 2, educational_neglect: 1, emotional_abuse: 1 });
    expect(percents(own.concerns)).toEqual({ domestic_violence: 50, educational_neglect: 25, emotional_abuse: 25 });
    expect([value(own.summary.childrenServed), value(own.summary.householdsServed), value(own.summary.services), value(own.summary.serviceSessions)]).toEqual([2, 2, 3, 6]);
    expect(counts(own.deadlines)).toEqual({ onTime: 2, late: 1, overdue: 1 });
    expect(counts(own.referrals.byOutcome)).toEqual({ acknowledged: 1, sent: 1 });
    expect([value(own.summary.hearingsHeld), own.court.ordersByCompliance.total]).toEqual([1, 2]);
    // Filtering by someone else cannot widen her view.
    const mehmetId = o.ids.mehmet!;
    const other = await o.ok<StatsPeriod>(ayse, 'stats.period', { ...PERIOD, caseworkerId: mehmetId });
    expect([value(other.summary.reports), value(other.summary.activeCases), other.hasData]).toEqual([0, 0, false]);
    expect((await o.ok<{ scope: string; caseworkers: unknown[] }>(ayse, 'stats.options')).caseworkers).toEqual([]);

    const derya = await o.as('derya');
    const options = await o.ok<{ scope: string; caseworkers: Array<{ id: string; displayName: string }>; firstDay: string }>(derya, 'stats.options');
    expect(options.scope).toBe('all');
    expect(options.caseworkers.map((c) => c.displayName)).toEqual(expect.arrayContaining(['Ayşe Yıldırım', 'Mehmet Çelik', 'Derya Aksoy']));
    expect(options.firstDay).toBe('2025-05-01');
    const mehmet = await o.ok<StatsPeriod>(derya, 'stats.period', { ...PERIOD, caseworkerId: mehmetId });
    expect(mehmet.caseworker).toEqual({ id: mehmetId, displayName: 'Mehmet Çelik' });
    // Mehmet's B only (D closed before, F after, G closed throughout).
    expect([value(mehmet.summary.reports), value(mehmet.summary.newCases), value(mehmet.summary.activeCases), value(mehmet.summary.childrenServed), value(mehmet.summary.householdsServed)]).toEqual([1, 1, 1, 2, 1]);
    expect(counts(mehmet.services)).toEqual({ psychotherapy: 1 });
    expect(counts(mehmet.priorityFirst)).toEqual({ unassessed: 1 });

    const full = await o.ok<StatsPeriod>(derya, 'stats.period', PERIOD);
    const admin = await o.ok<StatsPeriod>(await o.as('sistem'), 'stats.period', PERIOD);
    expect({ ...admin, generatedAt: '' }).toEqual({ ...full, generatedAt: '' });
    expect(admin.scope).toBe('all');
  });

  it('checks the period and the filter, and counts nothing outside the period', async () => {
    const o = await statsOffice();
    const derya = await o.as('derya');
    expect(await o.fails(derya, 'stats.period', { from: '2026-03-01', to: '2026-02-28' }, 'stats.periodInvalid')).toEqual({ field: 'to' });
    expect(await o.fails(derya, 'stats.period', { from: '2010-01-01', to: '2026-12-31' }, 'stats.periodTooLong')).toMatchObject({ field: 'to' });
    await o.fails(derya, 'stats.period', { from: '2026-02-30', to: '2026-03-01' }, 'api.invalidInput');
    await o.fails(derya, 'stats.period', { ...PERIOD, caseworkerId: 'nobody' }, 'stats.caseworkerNotFound');
    await o.fails(derya, 'stats.period', { ...PERIOD, suppressBelow: 1 }, 'api.invalidInput');

    // December 2025: A's medium assessment, D's closure; A and E open, D open until the 15th; G closed.
    const december = await o.ok<StatsPeriod>(derya, 'stats.period', { from: '2025-12-01', to: '2025-12-31' });
    expect([value(december.summary.reports), value(december.summary.activeCases), value(december.summary.closedCases), value(december.summary.assessmentsDone)]).toEqual([0, 3, 1, 1]);
    expect(counts(december.status)).toEqual({ assessment: 1, closed: 2 });
    // A day with nothing: empty, no percentages, every total 0.
    const quiet = await o.ok<StatsPeriod>(derya, 'stats.period', { from: '2024-01-01', to: '2024-01-01' });
    expect(quiet.hasData).toBe(false);
    expect(quiet.period.months).toEqual(['2024-01']);
    for (const [, table] of tablesOf(quiet)) expect(table.cells.every((c) => c.count === 0 && c.percent === null)).toBe(true);
    // The whole year 2026 so far: F and G's reopening report count too.
    const year = await o.ok<StatsPeriod>(derya, 'stats.period', { from: '2026-01-01', to: '2026-12-31' });
    expect([value(year.summary.reports), value(year.summary.newCases), value(year.summary.activeCases)]).toEqual([5, 3, 6]);
    expect(year.period.months).toHaveLength(12);
    expectPercentagesAddUp(year);
  });

  it('answers every query from an index on its date column', async () => {
    const o = await statsOffice();
    const db = o.db();
    const plans: string[] = [];
    const original = db.prepare.bind(db);
    const q = statsQueries(
      new Proxy(db, {
        get(target, prop) {
          if (prop === 'prepare')
            return (sql: string) => {
              const details = (original(`EXPLAIN QUERY PLAN ${sql}`).all({ from: 'a', toEx: 'b', fromDay: 'a', toDay: 'b', viewer: null, caseworker: null, mi0: 'x', md0: 'x', mi1: 'x', md1: 'x' }) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
              plans.push(details);
              return original(sql);
            };
          return Reflect.get(target, prop) as unknown;
        },
      }),
      periodOf(PERIOD.from, PERIOD.to),
      { viewer: null, caseworker: null },
    );
    q.reports();
    q.services();
    q.assessments();
    q.deadlines();
    q.closed();
    expect(plans[0]).toMatch(/SEARCH i USING INDEX intakes_received/);
    expect(plans[1]).toMatch(/SEARCH s USING INDEX case_services_(delivered|service)/);
    expect(plans[2]).toMatch(/SEARCH a USING INDEX assessments_assessed/);
    expect(plans[3]).toMatch(/SEARCH t USING INDEX tasks_source_kind_due/);
    expect(plans[4]).toMatch(/SEARCH h USING (COVERING )?INDEX case_status_history_event/);
  });
});
