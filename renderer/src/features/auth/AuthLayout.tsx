import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ShieldMark } from '../../components/ShieldMark';

/** The calm, centred frame of the set-up and sign-in screens. */
export function AuthLayout({ title, subtitle, children, wide }: { title: string; subtitle?: string | null; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-top">
        <LanguageSwitch />
      </div>
      <main id="main" className={`auth-card${wide ? ' auth-card-wide' : ''}`}>
        <div className="auth-brand">
          <ShieldMark size={44} />
          <div>
            <div className="auth-app">{t('app.name')}</div>
            <div className="auth-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <h1>{title}</h1>
        {subtitle ? <p className="auth-subtitle">{subtitle}</p> : null}
        {children}
      </main>
    </div>
  );
}
