/**
 * Local calendar days (issue 14, item 1). Run by `npm test` under the machine's
 * zone and again under TZ=Pacific/Kiritimati (UTC+14) and TZ=America/Adak
 * (UTC−10) (`npm run test:tz`): there, a moment near local midnight has another
 * UTC date, so any day taken from the UTC part of an ISO string fails here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseFile } from '../../shared/api/schemas/cases';
import { addDaysToDay, dayEndUtc, dayOfMoment, dayStartUtc, daysBetween, dueAtOfDay, localDay, localMoment, localTime, parseDay, todayLocal, toDate } from '../../shared/time/localDays';
import { formatDate as formatPrinted, formatDay } from '../../electron/core/documents/format';
import { addWorkingDays } from '../../electron/core/referrals/workingDays';
import { periodOf } from '../../electron/core/stats/period';
import { formatDate as formatOnScreen } from '../../renderer/src/i18n/format';
import { initialPeriod } from '../../renderer/src/features/statistics/period';
import { newCase, office } from '../fixtures/cases';

/** 2 March 2026 at hh:mm on this machine's calendar. */
const local = (day: number, hours: number, minutes: number) => new Date(2026, 2, day, hours, minutes);

afterEach(() => {
  vi.useRealTimers();
});

describe('local days (shared/time/localDays)', () => {
  it('today is the local calendar day just after and just before midnight', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(local(2, 0, 27));
    expect(todayLocal()).toBe('2026-03-02');
    expect(dayOfMoment(new Date().toISOString())).toBe('2026-03-02');
    expect(localTime(new Date().toISOString())).toBe('00:27');
    vi.setSystemTime(local(2, 23, 58));
    expect(todayLocal()).toBe('2026-03-02');
    expect(dayOfMoment(new Date().toISOString())).toBe('2026-03-02');
  });

  it('a bare day is never read as UTC midnight', () => {
    expect(parseDay('2026-03-02').getDate()).toBe(2);
    expect(parseDay('2026-03-02').getHours()).toBe(0);
    expect(toDate('2026-03-02').getDate()).toBe(2);
    expect(dayOfMoment('2026-03-02')).toBe('2026-03-02');
    expect(formatPrinted('2026-03-02', 'tr')).toBe('02.03.2026');
    expect(formatDay('2026-03-02', 'en')).toBe('02/03/2026');
    expect(formatOnScreen('2026-03-02', 'tr')).toBe('02.03.2026');
    // An instant just after local midnight prints as that day.
    expect(formatPrinted(local(2, 0, 5).toISOString(), 'tr')).toBe('02.03.2026');
    expect(formatOnScreen(local(1, 23, 55).toISOString(), 'tr')).toBe('01.03.2026');
  });

  it('day boundaries and due moments are local', () => {
    expect(new Date(dayStartUtc('2026-03-02')).getTime()).toBe(local(2, 0, 0).getTime());
    expect(new Date(dayEndUtc('2026-03-02')).getTime()).toBe(local(3, 0, 0).getTime());
    expect(localDay(new Date(dueAtOfDay('2026-03-02')))).toBe('2026-03-02');
    expect(localTime(dueAtOfDay('2026-03-02'))).toBe('23:59');
    expect(localDay(new Date(localMoment('2026-03-02', '00:27')))).toBe('2026-03-02');
    expect(localTime(localMoment('2026-03-02', '00:27'))).toBe('00:27');
  });

  it('day arithmetic crosses month, year and leap days', () => {
    expect(addDaysToDay('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDaysToDay('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDaysToDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-10-20', '2026-11-05')).toBe(16);
    // Working days: 27 Feb 2026 is a Friday; 3 working days later is Wednesday 4 March.
    expect(addWorkingDays('2026-02-27', 3)).toBe('2026-03-04');
    // 28 Oct 2026 (Wednesday) + 1 skips Republic Day (Thursday 29 October).
    expect(addWorkingDays('2026-10-28', 1)).toBe('2026-10-30');
  });

  it('a statistics period starts and ends at local midnight', () => {
    const p = periodOf('2026-03-01', '2026-03-31');
    expect(new Date(p.fromIso).getTime()).toBe(local(1, 0, 0).getTime());
    expect(new Date(p.toIsoExclusive).getTime()).toBe(new Date(2026, 3, 1).getTime());
    expect(p.months.map((m) => [m.firstDay, m.lastDay])).toEqual([['2026-03-01', '2026-03-31']]);
  });

  it('screen defaults use the local day near midnight', () => {
    expect([localDay(local(2, 0, 27)), localTime(local(2, 0, 27))]).toEqual(['2026-03-02', '00:27']);
    expect([localDay(local(31, 23, 59)), localTime(local(31, 23, 59))]).toEqual(['2026-03-31', '23:59']);
    expect(initialPeriod(new Date(2026, 11, 31, 23, 30))).toMatchObject({ year: 2026, to: '2026-12-31' });
    expect(initialPeriod(new Date(2027, 0, 1, 0, 30))).toMatchObject({ year: 2027, to: '2027-01-01' });
  });
});

describe('core uses the local day near midnight', () => {
  it('a service delivered "today" at 00:27 is dated today, not yesterday, and never before the case', async () => {
    const o = await office(local(2, 0, 20).toISOString());
    const ayse = await o.as('ayse');
    const created = await o.ok<{ id: number }>(ayse, 'cases.create', newCase({ intake: { receivedAt: localMoment('2026-03-02', '00:10'), channel: 'alo_153', concerns: ['domestic_violence'], summary: 'Gece bildirimi.' } }));
    o.clock.now = local(2, 0, 27);
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: created.id });
    expect(dayOfMoment(file.case.openedAt)).toBe('2026-03-02');
    await o.ok(ayse, 'services.add', { caseId: created.id, service: 'psychotherapy', deliveredOn: todayLocal(o.clock.now) });
    // Tomorrow is still the future, whatever the UTC date is.
    await o.fails(ayse, 'services.add', { caseId: created.id, service: 'psychotherapy', deliveredOn: '2026-03-03' }, 'services.inFuture');
    const after = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: created.id });
    expect(after.services.map((s) => s.deliveredOn)).toEqual(['2026-03-02']);
  });

  it('a task due late tonight is due today on the dashboard, one due just after midnight is not', async () => {
    const o = await office(local(2, 0, 20).toISOString());
    const ayse = await o.as('ayse');
    const created = await o.ok<{ id: number }>(ayse, 'cases.create', newCase({ intake: { receivedAt: localMoment('2026-03-02', '00:10'), channel: 'alo_153', concerns: ['domestic_violence'], summary: 'Gece bildirimi.' } }));
    await o.ok(ayse, 'tasks.add', { caseId: created.id, title: 'Gece ziyareti', dueAt: localMoment('2026-03-02', '23:30') });
    await o.ok(ayse, 'tasks.add', { caseId: created.id, title: 'Sabah araması', dueAt: localMoment('2026-03-03', '00:30') });
    const board = await o.ok<{ today: { items: { title: string }[] }; week: { items: { title: string }[] } }>(ayse, 'tasks.list', {});
    expect(board.today.items.map((t) => t.title)).toContain('Gece ziyareti');
    expect(board.today.items.map((t) => t.title)).not.toContain('Sabah araması');
    expect(board.week.items.map((t) => t.title)).toContain('Sabah araması');
  });
});
