import { useTranslation } from 'react-i18next';
import type { AreaId } from '../components/navItems';
import { EmptyState } from '../components/EmptyState';

/** An area whose feature has not landed yet: its title and what the user will do there. */
export function PlaceholderPage({ area }: { area: AreaId }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t(`pages.${area}.title`)}</h1>
      <EmptyState>{t(`pages.${area}.empty`)}</EmptyState>
    </section>
  );
}
