/**
 * One i18next setup for every host (renderer, CLI, PDFs, error messages), fed
 * from the two catalogs in this folder.
 */
import i18next, { type i18n, type TFunction, type ThirdPartyModule } from 'i18next';
import en from './en.json' with { type: 'json' };
import tr from './tr.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, type Language } from './languages';

export const resources = { tr: { translation: tr }, en: { translation: en } } as const;

/** `modules` lets the renderer plug in react-i18next before init. */
export function createI18n(language: Language = DEFAULT_LANGUAGE, modules: ThirdPartyModule[] = []): i18n {
  const instance = i18next.createInstance();
  for (const module of modules) instance.use(module);
  void instance.init({
    resources,
    lng: language,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** A translator bound to one language, for code that is not React. */
export function translator(language: Language): TFunction {
  return createI18n(language).t;
}

export * from './languages';
