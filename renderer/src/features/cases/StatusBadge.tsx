import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../shared/api/schemas/cases';

export function StatusBadge({ status, pending, transferred }: { status: CaseStatus; pending?: boolean; transferred?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-${status}`}>
      {t(`cases.status.${status}`)}
      {pending ? ` · ${t('cases.closurePendingShort')}` : ''}
      {transferred ? ` · ${t('cases.transferredShort')}` : ''}
    </span>
  );
}
