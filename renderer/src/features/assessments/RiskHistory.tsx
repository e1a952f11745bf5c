/**
 * A case's risk over time: a step chart of the final level of each assessment
 * on the five-level axis, and the same data as a table (date, final level,
 * computed level, who, status, reason), with the way to reassess from the
 * latest answers. Embedded in the case page.
 */
import { ClipboardCheck, History } from 'lucide-react';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AssessmentRecord } from '../../../../shared/api/schemas/assessments';
import { LEVEL_IDS, type LevelId } from '../../../../shared/risk-tool/types';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { EmptyState } from '../../components/EmptyState';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/ui/Alert';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/SessionContext';
import { StatusBadge } from './StatusBadge';
import { levelName } from './instrumentText';

export function RiskHistory({ caseId, caseClosed = false }: { caseId: number; caseClosed?: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useCall('assessments.listForCase', { caseId });
  const canAssess = useCan('assessment:write') && !caseClosed;

  if (list.error) return <Alert tone="error">{messageOf(t, list.error)}</Alert>;
  if (!list.data) return <p role="status">{t('app.loading')}</p>;
  const rows = list.data;
  const latest = rows[rows.length - 1];

  if (!latest) {
    return (
      <section className="risk-history" aria-labelledby={`risk-history-${caseId}`}>
        <h2 id={`risk-history-${caseId}`}>{t('assessment.history.title')}</h2>
        <EmptyState
          action={
            canAssess ? (
              <Link href={`/assessments/new?caseId=${caseId}`} className="btn btn-primary">
                <ClipboardCheck aria-hidden="true" size={16} /> {t('assessment.history.first')}
              </Link>
            ) : undefined
          }
        >
          {t('assessment.history.empty')}
        </EmptyState>
      </section>
    );
  }

  return (
    <section className="risk-history" aria-labelledby={`risk-history-${caseId}`}>
      <div className="panel-head">
        <h2 id={`risk-history-${caseId}`}>{t('assessment.history.title')}</h2>
        {canAssess ? (
          <div className="row-actions">
            <Link href={`/assessments/new?caseId=${caseId}&previousId=${latest.id}`} className="btn btn-primary">
              <History aria-hidden="true" size={16} /> {t('assessment.history.reassess')}
            </Link>
            <Link href={`/assessments/new?caseId=${caseId}`} className="btn btn-secondary">
              {t('assessment.history.newEmpty')}
            </Link>
          </div>
        ) : null}
      </div>
      <RiskChart rows={rows} language={i18n.language} />
      <table className="table risk-history-table">
        <caption className="visually-hidden">{t('assessment.history.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment.list.date')}</th>
            <th scope="col">{t('assessment.finalLevel')}</th>
            <th scope="col">{t('assessment.computed')}</th>
            <th scope="col">{t('assessment.list.assessor')}</th>
            <th scope="col">{t('assessment.list.status')}</th>
            <th scope="col">{t('assessment.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {[...rows].reverse().map((row) => (
            <tr key={row.id}>
              <td>{formatDateTime(row.assessedAt, i18n.language)}</td>
              <td>
                <LevelBadge level={row.finalLevel} />
              </td>
              <td>{row.computed === row.finalLevel ? <span className="hint">{t('assessment.list.same')}</span> : <LevelBadge level={row.computed} />}</td>
              <td>{row.assessedBy.name}</td>
              <td>
                <StatusBadge status={row.status} />
                {row.status === 'returned' && row.decisionNote ? <p className="hint cell-note">{t('assessment.history.returnedNote', { name: row.decidedBy?.name ?? '', note: row.decisionNote })}</p> : null}
              </td>
              <td className="cell-text">{row.overrideReason ?? <span className="hint">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Rank on the chart's axis: Urgent at the top. */
const rowOf = (level: LevelId): number => LEVEL_IDS.indexOf(level);

function RiskChart({ rows, language }: { rows: AssessmentRecord[]; language: string }) {
  const { t } = useTranslation();
  const width = 720;
  const left = 128;
  const right = 48;
  const top = 14;
  const step = 30;
  const height = top + step * (LEVEL_IDS.length - 1) + 44;
  const plot = width - left - right;
  const x = (index: number) => (rows.length === 1 ? left + plot / 2 : left + (plot * index) / (rows.length - 1));
  const y = (level: LevelId) => top + step * rowOf(level);
  const points = rows.map((row, index) => ({ row, x: x(index), y: y(row.finalLevel) }));
  // Step line: the level holds until the next assessment changes it.
  const path = points.map((p, i) => (i === 0 ? `M${p.x},${p.y}` : `H${p.x}V${p.y}`)).join('');
  // Label at most ~8 dates so they never overlap; the table below has them all.
  const every = Math.max(1, Math.ceil(rows.length / 8));
  const description = rows.map((row) => `${formatDate(row.assessedAt, language)}: ${levelName(row.finalLevel, language)}`).join('; ');

  return (
    <figure className="risk-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('assessment.history.chartLabel', { points: description })} preserveAspectRatio="xMinYMin meet">
        {LEVEL_IDS.map((level) => (
          <g key={level}>
            <line x1={left} x2={width - right} y1={y(level)} y2={y(level)} className="chart-grid" />
            <text x={left - 10} y={y(level)} dy="0.35em" textAnchor="end" className={`chart-level chart-level-${level}`}>
              {levelName(level, language)}
            </text>
          </g>
        ))}
        {points.length > 1 ? <path d={path} className="chart-line" /> : null}
        {points.map((p, index) => (
          <g key={p.row.id}>
            <circle cx={p.x} cy={p.y} r={6} className={`chart-dot chart-dot-${p.row.finalLevel}`} />
            {p.row.computed !== p.row.finalLevel ? <circle cx={p.x} cy={y(p.row.computed)} r={4} className="chart-computed" /> : null}
            {index % every === 0 || index === points.length - 1 ? (
              <text x={p.x} y={height - 14} textAnchor="middle" className="chart-date">
                {formatDate(p.row.assessedAt, language)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption className="hint chart-legend">
        <span className="legend-final" aria-hidden="true" /> {t('assessment.history.legendFinal')} <span className="legend-computed" aria-hidden="true" /> {t('assessment.history.legendComputed')}
      </figcaption>
    </figure>
  );
}
