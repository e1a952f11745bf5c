/**
 * Public holidays of Turkey and working days (issue 17, part 1). Days are local
 * calendar days: run also under TZ=Pacific/Kiritimati and TZ=America/Adak.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, HOLIDAY_TABLE_YEARS, holidayOn, holidaysBetween, holidaysOfYear, isWorkingDay, KURBAN_BAYRAMI, nextWorkingDay, RAMAZAN_BAYRAMI } from '../../shared/time/holidays';
import { addWorkingDays as referralWorkingDays } from '../../electron/core/referrals/workingDays';
import { parseDay } from '../../shared/time/localDays';
import en from '../../shared/i18n/en.json';
import tr from '../../shared/i18n/tr.json';

const lookup = (catalog: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);

describe('the holiday table', () => {
  it('knows both bayrams for every year 2024–2030 at least, each one lunar year after the last', () => {
    expect(HOLIDAY_TABLE_YEARS.from).toBeLessThanOrEqual(2024);
    expect(HOLIDAY_TABLE_YEARS.to).toBeGreaterThanOrEqual(2030);
    for (let y = HOLIDAY_TABLE_YEARS.from; y <= HOLIDAY_TABLE_YEARS.to; y += 1) {
      expect(RAMAZAN_BAYRAMI[y]?.startsWith(`${y}-`)).toBe(true);
      expect(KURBAN_BAYRAMI[y]?.startsWith(`${y}-`)).toBe(true);
      // Kurban Bayramı follows Ramazan Bayramı by 67–69 days (1 Şevval → 10 Zilhicce: two lunar months and 9 days).
      const gap = Math.round((parseDay(KURBAN_BAYRAMI[y]!).getTime() - parseDay(RAMAZAN_BAYRAMI[y]!).getTime()) / 86_400_000);
      expect(gap).toBeGreaterThanOrEqual(67);
      expect(gap).toBeLessThanOrEqual(69);
    }
    // The lunar year is ~11 days shorter: each bayram comes 10–12 days earlier than the year before.
    for (let y = HOLIDAY_TABLE_YEARS.from + 1; y <= HOLIDAY_TABLE_YEARS.to; y += 1) {
      for (const table of [RAMAZAN_BAYRAMI, KURBAN_BAYRAMI]) {
        const prev = parseDay(table[y - 1]!);
        prev.setFullYear(y);
        const shift = Math.round((prev.getTime() - parseDay(table[y]!).getTime()) / 86_400_000);
        expect(shift).toBeGreaterThanOrEqual(10);
        expect(shift).toBeLessThanOrEqual(12);
      }
    }
  });

  it('lists 2027: fixed national days, Ramazan (3 days) and Kurban (4 days) with their half-day eves', () => {
    const days = holidaysOfYear(2027);
    const full = days.filter((h) => !h.halfDay).map((h) => h.day);
    expect(full).toEqual([
      '2027-01-01',
      '2027-03-09', '2027-03-10', '2027-03-11',
      '2027-04-23',
      '2027-05-01',
      '2027-05-16', '2027-05-17', '2027-05-18', '2027-05-19', '2027-05-19', // 19 May is also Kurban Bayramı's 4th day
      '2027-07-15', '2027-08-30', '2027-10-29',
    ]);
    expect(days.filter((h) => h.halfDay).map((h) => h.day)).toEqual(['2027-03-08', '2027-05-15', '2027-10-28']);
    for (const h of days) {
      expect(typeof lookup(tr, h.nameKey)).toBe('string');
      expect(typeof lookup(en, h.nameKey)).toBe('string');
    }
  });

  it('an eve that falls in the previous year belongs to that year', () => {
    // Ramazan Bayramı 2032 starts 14 January; its eve is 13 January. 2031's starts 24 January.
    expect(holidaysOfYear(2031).some((h) => h.day === '2031-01-23' && h.halfDay)).toBe(true);
    expect(holidaysBetween('2031-12-01', '2032-01-31').map((h) => h.day)).toEqual(['2032-01-01', '2032-01-13', '2032-01-14', '2032-01-15', '2032-01-16']);
  });
});

describe('working days', () => {
  it('a weekend, a fixed holiday and a full bayram day are not working days; an arife is', () => {
    expect(isWorkingDay('2027-05-14')).toBe(true); // Friday
    expect(isWorkingDay('2027-05-15')).toBe(false); // Saturday (and arife)
    expect(isWorkingDay('2027-05-17')).toBe(false); // Kurban Bayramı, Monday
    expect(isWorkingDay('2026-05-26')).toBe(true); // arife of Kurban Bayramı 2026, Tuesday: worked until 13:00
    expect(isWorkingDay('2026-05-27')).toBe(false);
    expect(isWorkingDay('2026-10-28')).toBe(true); // half day before Republic Day
    expect(holidayOn('2026-05-26')).toBeUndefined();
    expect(holidayOn('2026-05-27')?.kind).toBe('kurban');
  });

  it('a deadline across Kurban Bayramı 2027 skips the whole bayram', () => {
    // Thursday 13 May 2027 + 3 working days: Fri 14, (Sat 15 arife, Sun 16 – Wed 19 bayram), Thu 20, Fri 21.
    expect(addWorkingDays('2027-05-13', 3)).toBe('2027-05-21');
    expect(addWorkingDays('2027-05-14', 1)).toBe('2027-05-20');
    expect(nextWorkingDay('2027-05-16')).toBe('2027-05-20');
    expect(nextWorkingDay('2027-05-20')).toBe('2027-05-20');
  });

  it('a deadline across Ramazan Bayramı 2026 and Kurban Bayramı 2026', () => {
    expect(addWorkingDays('2026-03-19', 1)).toBe('2026-03-23'); // arife Thursday → bayram Fri–Sun → Monday
    expect(addWorkingDays('2026-03-18', 2)).toBe('2026-03-23'); // the arife itself counts
    expect(addWorkingDays('2026-05-26', 1)).toBe('2026-06-01'); // Wed 27 – Sat 30 bayram, Sunday
    expect(addWorkingDays('2026-05-18', 1)).toBe('2026-05-20'); // 19 May
  });

  it('the referral reply days use the same table', () => {
    expect(referralWorkingDays('2027-05-13', 3)).toBe('2027-05-21');
    expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
  });
});
