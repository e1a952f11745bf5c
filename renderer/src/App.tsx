import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { I18nProvider, RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useHref, useNavigate, type NavigateOptions } from 'react-router';
import { AppShell } from './components/AppShell';
import { visibleNavItems, type AreaId } from './components/navItems';
import { AuthLayout } from './features/auth/AuthLayout';
import { ChangePasswordForm } from './features/auth/ChangePasswordForm';
import { SessionProvider, useSession } from './features/auth/SessionContext';
import { SetupPage } from './features/auth/SetupPage';
import { SignInPage } from './features/auth/SignInPage';
import { SettingsProvider, useSettingsContext } from './features/settings/SettingsContext';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { call } from './api/client';
import { IdleWarning } from './features/drafts/IdleWarning';
import { UnsavedChangesGuard } from './features/drafts/unsaved';
import { LOCALE } from '../../shared/i18n/languages';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

export function App() {
  return (
    <SettingsProvider>
      <LocaleProvider>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </LocaleProvider>
    </SettingsProvider>
  );
}

/** React Aria formats dates and numbers in the app's language, not the browser's. */
function LocaleProvider({ children }: { children: ReactNode }) {
  const { language } = useSettingsContext();
  return <I18nProvider locale={LOCALE[language]}>{children}</I18nProvider>;
}

function Gate() {
  const { t } = useTranslation();
  const settings = useSettingsContext();
  const { phase, refresh } = useSession();

  if (!settings.loaded || phase.kind === 'loading') {
    return (
      <p className="boot" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (phase.kind === 'unreachable') {
    return (
      <AuthLayout title={t('app.name')}>
        <p role="alert">{t('app.offline')}</p>
      </AuthLayout>
    );
  }
  if (phase.kind === 'setup') return <SetupPage />;
  if (phase.kind === 'signIn') return <SignInPage officeName={phase.officeName} notice={phase.notice} />;
  if (phase.session.mustChangePassword) {
    return (
      <AuthLayout title={t('auth.mustChangeTitle')} subtitle={t('auth.mustChangeIntro')}>
        <ChangePasswordForm username={phase.session.user.username} displayName={phase.session.user.displayName} onDone={() => void refresh('signIn')} />
      </AuthLayout>
    );
  }
  return <SignedInApp />;
}

const CasesArea = lazy(() => import('./features/cases/CasesArea').then((m) => ({ default: m.CasesArea })));
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const AdministrationPage = lazy(() => import('./features/admin/AdministrationPage').then((m) => ({ default: m.AdministrationPage })));
const AssessmentsArea = lazy(() => import('./features/assessments/AssessmentsArea').then((m) => ({ default: m.AssessmentsArea })));
const CourtPage = lazy(() => import('./features/court/CourtPage').then((m) => ({ default: m.CourtPage })));
const ReferralsPage = lazy(() => import('./features/referrals/ReferralsPage').then((m) => ({ default: m.ReferralsPage })));
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const StatisticsPage = lazy(() => import('./features/statistics/StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
/** The page of each area; an area not built yet shows what it will hold. */
const AREA_PAGES: Partial<Record<AreaId, ReactNode>> = {
  dashboard: <DashboardPage />,
  cases: <CasesArea />,
  calendar: <CalendarPage />,
  assessments: <AssessmentsArea />,
  referrals: <ReferralsPage />,
  court: <CourtPage />,
  statistics: <StatisticsPage />,
  administration: <AdministrationPage />,
};

function SignedInApp() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { phase, lockedFrom } = useSession();
  const items = phase.kind === 'ready' ? visibleNavItems(phase.session.permissions) : [];
  const userId = phase.kind === 'ready' ? phase.session.user.id : '';
  // After a sign-in the first page is this user's: their own draft's screen if the app locked on it, else the dashboard.
  // Until then no page renders, so nothing of the previous user's screen is ever loaded.
  const [landed, setLanded] = useState(phase.kind !== 'ready' || phase.entry !== 'signIn');
  useEffect(() => {
    if (landed) return;
    let alive = true;
    const from = lockedFrom(userId);
    const pathOf = (route: string) => route.split('?')[0];
    (from ? call('drafts.list', {}) : Promise.resolve([]))
      .catch(() => [])
      .then((drafts) => {
        if (!alive) return;
        const draft = from ? drafts.find((d) => pathOf(d.route) === pathOf(from)) : undefined;
        void navigate(draft ? draft.route : '/dashboard', { replace: true });
        setLanded(true);
      });
    return () => {
      alive = false;
    };
  }, [landed, lockedFrom, navigate, userId]);

  if (!landed) {
    return (
      <p className="boot" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <RouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <UnsavedChangesGuard>
        <AppShell items={items}>
          {/* Each area is its own script, loaded when first opened. */}
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <Routes>
              <Route path="/" element={<Navigate to="/dashboard" replace />} />
              {items.map((item) => (
                <Route key={item.id} path={`${item.path}/*`} element={AREA_PAGES[item.id] ?? <PlaceholderPage area={item.id} />} />
              ))}
              <Route path="*" element={<Navigate to="/dashboard" replace />} />
            </Routes>
          </Suspense>
        </AppShell>
        <IdleWarning />
      </UnsavedChangesGuard>
    </RouterProvider>
  );
}
