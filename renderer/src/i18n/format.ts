import { LOCALE, isLanguage } from '../../../shared/i18n/languages';
import { toDate } from '../../../shared/time/localDays';

export { localMoment } from '../../../shared/time/localDays';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = isLanguage(language) ? LOCALE[language] : LOCALE.tr;
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** 25.11.2026 in Turkish, 25/11/2026 in English: an instant on the local calendar, a bare day (YYYY-MM-DD) as that day. */
export const formatDate = (iso: string | Date, language: string): string =>
  formatter(language, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(toDate(iso));

/** 25.11.2026 15:37 */
export const formatDateTime = (iso: string | Date, language: string): string =>
  formatter(language, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export function formatBytes(bytes: number, language: string): string {
  const locale = isLanguage(language) ? LOCALE[language] : LOCALE.tr;
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB`;
}
