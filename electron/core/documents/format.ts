/** Dates and numbers as printed on documents: the same forms the screens use. */
import { LOCALE, type Language } from '../../../shared/i18n/languages';
import { toDate } from '../../../shared/time/localDays';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[language], options);
    cache.set(key, f);
  }
  return f;
}

/** 25.11.2026 (Turkish), 25/11/2026 (English), local time; a bare day (YYYY-MM-DD) is that day. */
export const formatDate = (date: Date | string, language: Language): string =>
  formatter(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(toDate(date));

/** 25.11.2026 15:37 (Turkish), 25/11/2026, 15:37 (English), local time. */
export const formatDateTime = (date: Date | string, language: Language): string =>
  formatter(language, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(date));

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
export function formatLanguages(codes: readonly string[], language: Language): string {
  const names = new Intl.DisplayNames([LOCALE[language]], { type: 'language', fallback: 'code' });
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
