import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { formatDate } from '../../i18n/format';

/**
 * The case's assessments over time. The assessment feature's RiskHistory
 * (chart and reassessment) replaces this list when it lands.
 */
export function RiskPanel({ caseId }: { caseId: number }) {
  const { t, i18n } = useTranslation();
  const list = useCall('assessments.listForCase', { caseId });
  if (!list.data) return <p role="status">{t('app.loading')}</p>;
  if (list.data.length === 0) return <EmptyState>{t('cases.noAssessments')}</EmptyState>;
  return (
    <ul className="timeline">
      {[...list.data].reverse().map((a) => (
        <li key={a.id}>
          <LevelBadge level={a.finalLevel} /> {formatDate(a.assessedAt, i18n.language)} · {a.assessedBy.name}
          {a.overrideReason ? <p className="hint">{a.overrideReason}</p> : null}
        </li>
      ))}
    </ul>
  );
}
