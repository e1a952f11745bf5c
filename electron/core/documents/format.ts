/** Dates and numbers as printed on documents: the same forms the screens use. */
import { LOCALE, type Language } from '../../../shared/i18n/languages';
import { toDate } from '../../../shared/time/localDays';

// By the options object itself (the module's constants): no key to build on every date printed.
const cache = new Map<Intl.DateTimeFormatOptions, Map<Language, Intl.DateTimeFormat>>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let byLanguage = cache.get(options);
  if (!byLanguage) {
    byLanguage = new Map();
    cache.set(options, byLanguage);
  }
  let f = byLanguage.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[language], options);
    byLanguage.set(language, f);
  }
  return f;
}

const DATE: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric' };
const DATE_TIME: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** 25.11.2026 (Turkish), 25/11/2026 (English), local time; a bare day (YYYY-MM-DD) is that day. */
export const formatDate = (date: Date | string, language: Language): string => formatter(language, DATE).format(toDate(date));

/** 25.11.2026 15:37 (Turkish), 25/11/2026, 15:37 (English), local time. */
export const formatDateTime = (date: Date | string, language: Language): string => formatter(language, DATE_TIME).format(new Date(date));

/**
 * A calendar day ('2026-03-02', as stored for days) or a moment, as a date:
 * a bare day is read on the local calendar, so it never shifts by a time zone.
 */
export const formatDay = (day: string, language: Language): string => formatDate(day, language);

/** KLK-2026-000123: the running number of the vault, with the year it was issued in. */
export function formatDocumentNumber(seq: number, issuedAt: Date): string {
  return `KLK-${issuedAt.getFullYear()}-${String(seq).padStart(6, '0')}`;
}

/** Spoken languages as names ('tr' → "Türkçe" / "Turkish"), never a bare code; text that is not a code prints as typed. */
const displayNames = new Map<Language, Intl.DisplayNames>();
export function formatLanguages(codes: readonly string[], language: Language): string {
  let names = displayNames.get(language);
  if (!names) {
    // Made once per language: building one costs far more than the look-ups (a report asks for it per person).
    names = new Intl.DisplayNames([LOCALE[language]], { type: 'language', fallback: 'code' });
    displayNames.set(language, names);
  }
  return codes
    .map((code) => {
      try {
        const name = names.of(code.trim());
        return name && name !== code.trim() ? name.charAt(0).toLocaleUpperCase(LOCALE[language]) + name.slice(1) : code;
      } catch {
        return code;
      }
    })
    .join(', ');
}
