import { useTranslation } from 'react-i18next';
import type { AssessmentRecord } from '../../../../shared/api/schemas/assessments';

/** An assessment's approval status: waiting for a supervisor, approved, or returned. */
export function StatusBadge({ status }: { status: AssessmentRecord['status'] }) {
  const { t } = useTranslation();
  return <span className={`assess-status assess-status-${status}`}>{t(`assessment.status.${status}`)}</span>;
}
