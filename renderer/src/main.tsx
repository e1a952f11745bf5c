import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-ext-600.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/assessment.css';
import './styles/cases.css';
import './styles/statistics.css';
import './styles/referrals.css';
import './styles/drafts.css';
import './styles/office.css';
import './styles/calendar.css';
import './styles/transfers.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createHashRouter, RouterProvider } from 'react-router';
import { levelCssVariables } from '../../shared/charts/colors';
import { App } from './App';
import { i18n } from './i18n/setup';

// A data router (one catch-all route; the app routes inside it) so a form with unsaved changes can ask before the page changes.
const router = createHashRouter([{ path: '*', element: <App /> }]);

// The risk-level colours come from the one shared module (charts, PDFs and CSS alike).
for (const [name, value] of levelCssVariables()) document.documentElement.style.setProperty(name, value);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RouterProvider router={router} />
      </I18nextProvider>
    </StrictMode>,
  );
}
