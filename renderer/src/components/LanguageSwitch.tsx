import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../../../shared/i18n/languages';
import { useSettingsContext } from '../features/settings/SettingsContext';

/** Türkçe | English, kept by the core so the choice survives a restart. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useSettingsContext();
  const onSelection = (keys: Set<Key>) => {
    const [next] = [...keys];
    if (isLanguage(next)) setLanguage(next);
  };
  return (
    <ToggleButtonGroup
      aria-label={t('app.language')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[language]}
      onSelectionChange={onSelection}
      className="lang-switch"
    >
      {LANGUAGES.map((lang) => (
        <ToggleButton key={lang} id={lang} className="lang-button" lang={lang}>
          {t(`app.languageName.${lang}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
