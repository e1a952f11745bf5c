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

const translators = new Map<Language, TFunction>();
/** Entries a translator remembers before it starts again (a long document asks ~10 000 times). */
const MEMO_LIMIT = 20_000;

const isPlainOptions = (options: unknown): boolean =>
  options === undefined ||
  (typeof options === 'object' && options !== null && !Array.isArray(options) && Object.values(options).every((v) => v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v)));

/**
 * A translator bound to one language, for code that is not React. One i18next
 * instance per language, and the texts it made are remembered by key and
 * parameters: a long document (a court report of years of notes) asks for the
 * same labels thousands of times, and i18next's lookup and interpolation were
 * a tenth of its printing time. The catalogs never change while running.
 */
export function translator(language: Language): TFunction {
  const known = translators.get(language);
  if (known) return known;
  const base = createI18n(language).t;
  const memo = new Map<string, string>();
  const call = base as unknown as (key: unknown, options?: unknown) => unknown;
  const t = (key: unknown, options?: unknown): unknown => {
    if (typeof key !== 'string' || !isPlainOptions(options)) return call(key, options);
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const text = call(key, options);
    if (typeof text === 'string') {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(id, text);
    }
    return text;
  };
  const typed = t as unknown as TFunction;
  translators.set(language, typed);
  return typed;
}

export * from './languages';
