/** What a saved assessment decided and started: level, approval status, the deadline tasks, where to go next. */
import { useEffect, useRef } from 'react';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AssessmentRecord } from '../../../../shared/api/schemas/assessments';
import { deadlineText, deadlinesFor } from '../../../../shared/risk-tool/deadlines';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { formatDateTime } from '../../i18n/format';
import { RecordedFindings } from './RecordedFindings';

export function AssessmentResult({ record }: { record: AssessmentRecord }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const pending = record.status === 'pending_approval';

  return (
    <section aria-labelledby="page-title" className="assess-page assess-result">
      <p className="hint crumbs">
        <Link href="/assessments">{t('pages.assessments.title')}</Link> / <Link href={`/cases/${record.caseId}`}>{record.caseNumber}</Link>
      </p>
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {t('assessment.saved')}
      </h1>
      <div className="panel result-panel">
        <dl className="result-facts">
          <div>
            <dt>{t('assessment.finalLevel')}</dt>
            <dd>
              <LevelBadge level={record.finalLevel} size="lg" />
            </dd>
          </div>
          <div>
            <dt>{t('assessment.computed')}</dt>
            <dd>
              <LevelBadge level={record.computed} />
            </dd>
          </div>
          <div>
            <dt>{t('assessment.childLabel')}</dt>
            <dd>{record.childName ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('assessment.assessedAt')}</dt>
            <dd>{formatDateTime(record.assessedAt, i18n.language)}</dd>
          </div>
        </dl>
        {record.overrideReason ? (
          <p>
            <strong>{t('assessment.reason')}:</strong> {record.overrideReason}
          </p>
        ) : null}
        <RecordedFindings record={record} />
        {pending ? (
          <Alert tone="warning">
            {t('assessment.pendingMessage')}
          </Alert>
        ) : (
          <Alert tone="success">
            {t('assessment.approvedMessage')}
          </Alert>
        )}
        <h2>{t('assessment.tasksCreated', { count: record.taskCount })}</h2>
        {pending && record.finalLevel === 'none' ? <p className="hint">{t('assessment.noRiskWaits')}</p> : null}
        <ul className="deadline-list" data-testid="created-deadlines">
          {deadlinesFor(record.finalLevel).map((deadline) => (
            <li key={deadline.kind}>{deadlineText(t, deadline)}</li>
          ))}
        </ul>
        <div className="result-actions">
          <Link href={`/cases/${record.caseId}`} className="btn btn-primary">
            {t('assessment.backToCase', { number: record.caseNumber })}
          </Link>
          <Link href="/assessments" className="btn btn-secondary">
            {t('assessment.toList')}
          </Link>
        </div>
        <p className="hint">
          {t('assessment.printLater')}{' '}
          <Link href={`/cases/${record.caseId}`}>{t('assessment.printLink', { number: record.caseNumber })}</Link>
        </p>
      </div>
    </section>
  );
}
