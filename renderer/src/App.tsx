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

/** Each area's script, loaded when first opened or, after sign-in, when the browser is idle (prefetchAreas). */
const AREA_SCRIPTS = {
  cases: () => import('./features/cases/CasesArea'),
  dashboard: () => import('./features/dashboard/DashboardPage'),
  administration: () => import('./features/admin/AdministrationPage'),
  assessments: () => import('./features/assessments/AssessmentsArea'),
  court: () => import('./features/court/CourtPage'),
  referrals: () => import('./features/referrals/ReferralsPage'),
  calendar: () => import('./features/calendar/CalendarPage'),
  statistics: () => import('./features/statistics/StatisticsPage'),
} satisfies Partial<Record<AreaId, () => Promise<unknown>>>;
const CasesArea = lazy(() => AREA_SCRIPTS.cases().then((m) => ({ default: m.CasesArea })));
const DashboardPage = lazy(() => AREA_SCRIPTS.dashboard().then((m) => ({ default: m.DashboardPage })));
const AdministrationPage = lazy(() => AREA_SCRIPTS.administration().then((m) => ({ default: m.AdministrationPage })));
const AssessmentsArea = lazy(() => AREA_SCRIPTS.assessments().then((m) => ({ default: m.AssessmentsArea })));
const CourtPage = lazy(() => AREA_SCRIPTS.court().then((m) => ({ default: m.CourtPage })));
const ReferralsPage = lazy(() => AREA_SCRIPTS.referrals().then((m) => ({ default: m.ReferralsPage })));
const CalendarPage = lazy(() => AREA_SCRIPTS.calendar().then((m) => ({ default: m.CalendarPage })));
const StatisticsPage = lazy(() => AREA_SCRIPTS.statistics().then((m) => ({ default: m.StatisticsPage })));

/**
 * Loads the scripts of the areas this user can open, one at a time whenever the browser is idle
 * after sign-in (issue 14, item 10): opening an area later (statistics with its chart library,
 * the case list) then does not parse and run its script in the same task as its first render.
 * Returns a cancel for the areas not loaded yet.
 */
function prefetchAreas(areas: readonly AreaId[]): () => void {
  const pending = areas.flatMap((id) => (id in AREA_SCRIPTS ? [AREA_SCRIPTS[id as keyof typeof AREA_SCRIPTS]] : []));
  let handle: number | null = null;
  let stopped = false;
  const idle = (next: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(next, { timeout: 5000 }) : (setTimeout(next, 200) as unknown as number);
  const step = () => {
    handle = null;
    const load = pending.shift();
    if (stopped || !load) return;
    // A failed prefetch is not an error: the area loads (and reports) when it is opened.
    void load()
      .catch(() => undefined)
      .then(() => {
        if (!stopped) handle = idle(step);
      });
  };
  handle = idle(step);
  return () => {
    stopped = true;
    if (handle !== null && typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  };
}

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

  const areaIds = items.map((item) => item.id).join(' ');
  useEffect(() => (landed && areaIds ? prefetchAreas(areaIds.split(' ') as AreaId[]) : undefined), [landed, areaIds]);

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
