import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_LANGUAGE, type Language } from '../../../../shared/i18n/languages';
import { call } from '../../api/client';
import { applyLanguage } from '../../i18n/setup';

export interface SettingsState {
  loaded: boolean;
  language: Language;
  setLanguage(language: Language): void;
}

/** Workstation settings kept by the core (so the choice survives a restart). */
export function useSettings(): SettingsState {
  const [loaded, setLoaded] = useState(false);
  const [language, setLanguageState] = useState<Language>(DEFAULT_LANGUAGE);

  useEffect(() => {
    let alive = true;
    call('settings.get', {})
      .then((settings) => {
        if (!alive) return;
        applyLanguage(settings.language);
        setLanguageState(settings.language);
      })
      // Without the core we still show the shell in the default language, with its offline notice.
      .catch(() => applyLanguage(DEFAULT_LANGUAGE))
      .finally(() => alive && setLoaded(true));
    return () => {
      alive = false;
    };
  }, []);

  const setLanguage = useCallback((next: Language) => {
    applyLanguage(next);
    setLanguageState(next);
    void call('settings.setLanguage', { language: next }).catch(() => undefined);
  }, []);

  return { loaded, language, setLanguage };
}
