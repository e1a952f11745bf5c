/**
 * Public holidays of Turkey, as data, and the working days they leave.
 *
 * Sources:
 * - Fixed national holidays: Law no. 2429 "Ulusal Bayram ve Genel Tatiller Hakkında Kanun"
 *   (1 Ocak; 23 Nisan; 1 Mayıs; 19 Mayıs; 15 Temmuz; 30 Ağustos; 29 Ekim, with 28 Ekim
 *   from 13:00 as a half day).
 * - Ramazan Bayramı (3 days) and Kurban Bayramı (4 days) move every year: the dates below are
 *   those of the Diyanet İşleri Başkanlığı calendar ("Dini Günler ve Geceler", Hicri Takvim),
 *   cross-checked against the Turkish table of the python-holidays project (vacanza/holidays,
 *   `TurkeyIslamicHolidays`). Their eve (arife) is a half day from 13:00 (Law 2429, art. 2).
 *
 * How they count (our choice, stated on issue 17): a full holiday is not a working day; a half
 * day (arife, 28 Ekim) IS a working day, because offices work until 13:00 and a reply or a visit
 * can still be given that morning. Extra administrative leave days (idari izin, "köprü" days)
 * are decided each year by a presidential circular and are not in this table.
 *
 * The table covers 2024–2032. Outside it, only the fixed holidays count (the religious ones
 * must be added here before then: `HOLIDAY_TABLE_YEARS` says which years are known).
 *
 * Days are local calendar days (`YYYY-MM-DD`, shared/time/localDays.ts). Pure: no Node import.
 */
import { addDaysToDay, parseDay } from './localDays';

export type HolidayKind = 'national' | 'ramazan' | 'kurban';

export interface Holiday {
  /** `YYYY-MM-DD`, a local calendar day. */
  day: string;
  kind: HolidayKind;
  /** i18n key of its name (`holidays.name.*`). */
  nameKey: string;
  /** Eve of a bayram or 28 Ekim: a half day from 13:00, still a working day. */
  halfDay: boolean;
}

/** Years whose religious holidays are in the table. */
export const HOLIDAY_TABLE_YEARS = { from: 2024, to: 2032 } as const;

/** Fixed national holidays: MM-DD and the i18n key of the name. */
const FIXED: ReadonlyArray<readonly [string, string]> = [
  ['01-01', 'newYear'],
  ['04-23', 'sovereignty'],
  ['05-01', 'labour'],
  ['05-19', 'youth'],
  ['07-15', 'democracy'],
  ['08-30', 'victory'],
  ['10-29', 'republic'],
];

/** First day of Ramazan Bayramı (3 days) per year (Diyanet). */
export const RAMAZAN_BAYRAMI: Readonly<Record<number, string>> = {
  2024: '2024-04-10',
  2025: '2025-03-30',
  2026: '2026-03-20',
  2027: '2027-03-09',
  2028: '2028-02-26',
  2029: '2029-02-14',
  2030: '2030-02-04',
  2031: '2031-01-24',
  2032: '2032-01-14',
};

/** First day of Kurban Bayramı (4 days) per year (Diyanet). */
export const KURBAN_BAYRAMI: Readonly<Record<number, string>> = {
  2024: '2024-06-16',
  2025: '2025-06-06',
  2026: '2026-05-27',
  2027: '2027-05-16',
  2028: '2028-05-05',
  2029: '2029-04-24',
  2030: '2030-04-13',
  2031: '2031-04-02',
  2032: '2032-03-22',
};


function bayram(first: string, length: number, kind: 'ramazan' | 'kurban'): Holiday[] {
  const out: Holiday[] = [{ day: addDaysToDay(first, -1), kind, nameKey: `holidays.name.${kind}Eve`, halfDay: true }];
  for (let i = 0; i < length; i += 1) out.push({ day: addDaysToDay(first, i), kind, nameKey: `holidays.name.${kind}`, halfDay: false });
  return out;
}

const byYear = new Map<number, Holiday[]>();

/** The holidays of one year, in day order (an eve in the previous December is listed in its own year). */
export function holidaysOfYear(year: number): Holiday[] {
  const cached = byYear.get(year);
  if (cached) return cached;
  const all: Holiday[] = FIXED.map(([md, key]) => ({ day: `${year}-${md}`, kind: 'national' as const, nameKey: `holidays.name.${key}`, halfDay: false }));
  all.push({ day: `${year}-10-28`, kind: 'national', nameKey: 'holidays.name.republicEve', halfDay: true });
  // A bayram may start in early January: its eve is then in the previous year, so look at both years' tables.
  for (const y of [year, year + 1]) {
    if (RAMAZAN_BAYRAMI[y]) all.push(...bayram(RAMAZAN_BAYRAMI[y], 3, 'ramazan'));
    if (KURBAN_BAYRAMI[y]) all.push(...bayram(KURBAN_BAYRAMI[y], 4, 'kurban'));
  }
  const prefix = `${year}-`;
  const list = all.filter((h) => h.day.startsWith(prefix)).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : Number(a.halfDay) - Number(b.halfDay)));
  byYear.set(year, list);
  return list;
}

/** Holidays from `from` to `to` (both local days, inclusive), in day order. */
export function holidaysBetween(from: string, to: string): Holiday[] {
  const out: Holiday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y += 1) out.push(...holidaysOfYear(y).filter((h) => h.day >= from && h.day <= to));
  return out;
}

/** The full-day holiday on this day, if any (half days are not returned). */
export function holidayOn(day: string): Holiday | undefined {
  return holidaysOfYear(Number(day.slice(0, 4))).find((h) => h.day === day && !h.halfDay);
}

/** Monday to Friday and not a full-day public holiday (an arife morning is worked). */
export function isWorkingDay(day: string): boolean {
  const weekday = parseDay(day).getDay();
  return weekday !== 0 && weekday !== 6 && holidayOn(day) === undefined;
}

/** The day `count` working days after `day` (count ≥ 0; 0 gives `day` itself). Local days in and out. */
export function addWorkingDays(day: string, count: number): string {
  let current = day;
  let left = count;
  while (left > 0) {
    current = addDaysToDay(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** `day` itself when it is a working day, else the next working day. */
export function nextWorkingDay(day: string): string {
  let current = day;
  while (!isWorkingDay(current)) current = addDaysToDay(current, 1);
  return current;
}

