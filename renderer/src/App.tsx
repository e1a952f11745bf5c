import { RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useHref, useNavigate, type NavigateOptions } from 'react-router';
import { AppShell } from './components/AppShell';
import { NAV_ITEMS } from './components/navItems';
import { useSettings } from './features/settings/useSettings';
import { PlaceholderPage } from './pages/PlaceholderPage';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

export function App() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const settings = useSettings();
  if (!settings.loaded) {
    return (
      <p className="boot" role="status">
        {t('app.loading')}
      </p>
    );
  }

  return (
    <RouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <AppShell language={settings.language} onLanguageChange={settings.setLanguage}>
        <Routes>
          <Route path="/" element={<Navigate to="/dashboard" replace />} />
          {NAV_ITEMS.map((item) => (
            <Route key={item.id} path={item.path} element={<PlaceholderPage area={item.id} />} />
          ))}
          <Route path="*" element={<Navigate to="/dashboard" replace />} />
        </Routes>
      </AppShell>
    </RouterProvider>
  );
}
