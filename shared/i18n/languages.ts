export const LANGUAGES = ['tr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Turkish first: most of the offices work in Turkish. */
export const DEFAULT_LANGUAGE: Language = 'tr';

export function isLanguage(value: unknown): value is Language {
  return value === 'tr' || value === 'en';
}

/** BCP 47 tag for Intl APIs. */
export const LOCALE: Record<Language, string> = { tr: 'tr-TR', en: 'en-GB' };
