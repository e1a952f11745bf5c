import type { ReactNode } from 'react';
import { Link, ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { LANGUAGES, isLanguage, type Language } from '../../../shared/i18n/languages';
import { NAV_ITEMS } from './navItems';
import { ShieldMark } from './ShieldMark';

interface Props {
  language: Language;
  onLanguageChange(language: Language): void;
  children: ReactNode;
}

export function AppShell({ language, onLanguageChange, children }: Props) {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  const onSelection = (keys: Set<Key>) => {
    const [next] = [...keys];
    if (isLanguage(next)) onLanguageChange(next);
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <ShieldMark />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <nav aria-label={t('app.mainNavigation')}>
          <ul className="nav-list">
            {NAV_ITEMS.map(({ id, path, icon: Icon }) => {
              const current = pathname === path || pathname.startsWith(`${path}/`);
              return (
                <li key={id}>
                  <Link href={path} className="nav-link" aria-current={current ? 'page' : undefined} data-nav={id}>
                    <Icon aria-hidden="true" size={18} strokeWidth={2} />
                    <span>{t(`nav.${id}`)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </aside>
      <div className="workspace">
        <header className="topbar">
          <div className="topbar-spacer" />
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
        </header>
        <main id="main" tabIndex={-1} className="content">
          {children}
        </main>
      </div>
    </div>
  );
}
