import { initReactI18next } from 'react-i18next';
import { createI18n } from '../../../shared/i18n';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/i18n/languages';

/** The renderer's i18next instance: the same catalogs as the CLI and the PDFs. */
export const i18n = createI18n(DEFAULT_LANGUAGE, [initReactI18next]);

export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
