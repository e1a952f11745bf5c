/**
 * Statistics (issue 8): a period (month, quarter, year or custom dates) and
 * optionally one caseworker; the summary, then each breakdown as a chart with
 * its table beside it; the counting rules; CSV and PDF exports. The figures
 * come from `stats.period`, the same object the CLI prints and the exports use.
 */
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsPeriod, StatFigure } from '../../../../shared/api/schemas/stats';
import { dayLabel, formatDecimal, formatPercent, RULE_KEYS, SUMMARY_FIGURES, tableById, type TableId } from '../../../../shared/stats/report';
import { call } from '../../api/client';
import { messageOf } from '../../api/errors';
import { useCall } from '../../api/useCall';
import { useJob } from '../../api/useJob';
import { EmptyState } from '../../components/EmptyState';
import { Alert } from '../../components/ui/Alert';
import { DateInput } from '../../components/ui/DateInput';
import { JobProgress } from '../../components/ui/JobProgress';
import { Select } from '../../components/ui/Select';
import { ExportPanel } from './ExportPanel';
import { initialPeriod, PERIOD_KINDS, rangeOf, yearsSince, type PeriodChoice, type PeriodKind } from './period';
import { BarsChart, ChartPanel, COLORS, DataTable, MonthlyChart, MonthlyTable, PriorityChart, PriorityTable, useLanguage } from './StatCharts';

const ALL = 'all';

/** The tables drawn as bars, with their colour. */
const BAR_TABLES: Array<{ id: TableId; color: string }> = [
  { id: 'concerns', color: COLORS[0] },
  { id: 'channels', color: COLORS[5] },
  { id: 'status', color: COLORS[2] },
  { id: 'services', color: COLORS[3] },
  { id: 'assessmentLevels', color: COLORS[1] },
  { id: 'deadlines', color: COLORS[4] },
  { id: 'referralInstitutions', color: COLORS[5] },
  { id: 'referralOutcomes', color: COLORS[0] },
  { id: 'courtOrders', color: COLORS[3] },
];

export function StatisticsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const options = useCall('stats.options', {});
  const [period, setPeriod] = useState<PeriodChoice>(() => initialPeriod());
  const [caseworker, setCaseworker] = useState(ALL);
  const [result, setResult] = useState<{ key: string; stats: StatsPeriod | null; error: unknown } | null>(null);
  const job = useJob();

  const range = rangeOf(period);
  const query = range ? { ...range, ...(caseworker !== ALL ? { caseworkerId: caseworker } : {}) } : null;
  const key = JSON.stringify(query);

  useEffect(() => {
    if (key === 'null') return;
    let live = true;
    const input = JSON.parse(key) as { from: string; to: string; caseworkerId?: string };
    call('stats.period', { ...input, jobId: job.jobId() })
      .then((value) => live && setResult({ key, stats: value, error: null }))
      .catch((e: unknown) => live && setResult((previous) => ({ key, stats: previous?.stats ?? null, error: e })));
    return () => {
      live = false;
    };
    // `job` is a new object on every render; the request depends on the query alone.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const loading = query !== null && result?.key !== key;
  const stats = result?.stats ?? null;
  const error = result?.key === key ? result.error : null;

  const years = yearsSince(options.data?.firstDay ?? null);
  const set = (patch: Partial<PeriodChoice>) => setPeriod((p) => ({ ...p, ...patch }));
  const monthName = (m: number) => new Intl.DateTimeFormat(language === 'tr' ? 'tr-TR' : 'en-GB', { month: 'long' }).format(new Date(2026, m - 1, 1));
  const shown = stats;

  return (
    <section aria-labelledby="page-title" className="page stats-page">
      <div className="page-head">
        <div>
          <h1 id="page-title">{t('pages.statistics.title')}</h1>
          <p className="hint">{t('stats.page.intro')}</p>
        </div>
      </div>

      <div className="panel stats-filters" role="group" aria-label={t('stats.page.filters')}>
        <div className="filters">
          <Select label={t('stats.page.periodKind')} value={period.kind} onChange={(v) => set({ kind: v as PeriodKind })} options={PERIOD_KINDS.map((k) => ({ id: k, label: t(`stats.page.kind.${k}`) }))} />
          {period.kind !== 'custom' ? (
            <Select label={t('stats.page.year')} value={String(period.year)} onChange={(v) => set({ year: Number(v) })} options={years.map((y) => ({ id: String(y), label: String(y) }))} />
          ) : null}
          {period.kind === 'month' ? (
            <Select label={t('stats.page.month')} value={String(period.month)} onChange={(v) => set({ month: Number(v) })} options={Array.from({ length: 12 }, (_, i) => ({ id: String(i + 1), label: monthName(i + 1) }))} />
          ) : null}
          {period.kind === 'quarter' ? (
            <Select label={t('stats.page.quarter')} value={String(period.quarter)} onChange={(v) => set({ quarter: Number(v) })} options={[1, 2, 3, 4].map((q) => ({ id: String(q), label: t('stats.page.quarterName', { n: q }) }))} />
          ) : null}
          {period.kind === 'custom' ? (
            <>
              <DateInput label={t('stats.page.from')} value={period.from} onChange={(v) => set({ from: v })} />
              <DateInput label={t('stats.page.to')} value={period.to} onChange={(v) => set({ to: v })} error={period.from && period.to && period.from > period.to ? t('errors.stats.periodInvalid') : null} />
            </>
          ) : null}
          {options.data?.scope === 'all' ? (
            <Select
              label={t('stats.caseworker')}
              value={caseworker}
              onChange={setCaseworker}
              options={[{ id: ALL, label: t('stats.allCaseworkers') }, ...options.data.caseworkers.map((c) => ({ id: c.id, label: c.displayName }))]}
            />
          ) : null}
        </div>
        <p className="hint" aria-live="polite">
          {range ? `${dayLabel(range.from, language)} – ${dayLabel(range.to, language)}` : t('stats.page.pickDates')}
          {options.data?.scope === 'own' ? ` · ${t('stats.ownCases')}` : ''}
        </p>
      </div>

      {loading ? <JobProgress progress={job.progress} label={t('stats.step.compute')} /> : null}
      {error ? <Alert tone="error">{messageOf(t, error)}</Alert> : null}
      {shown && !shown.hasData ? <EmptyState>{t('stats.page.empty')}</EmptyState> : null}
      {shown && shown.hasData ? <MemoFigures stats={shown} /> : null}
      {shown && query ? <MemoExportPanel query={query} /> : null}
    </section>
  );
}

/**
 * The figures and charts render once per result: the page re-renders on every progress message
 * of the next computation (issue 14, item 10), and these only when `stats` (or the language) changes.
 */
const MemoFigures = memo(Figures);
const MemoExportPanel = memo(ExportPanel, (a, b) => JSON.stringify(a.query) === JSON.stringify(b.query));

function Figures({ stats }: { stats: StatsPeriod }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const figure = (f: StatFigure, kind: string) =>
    f.value === null ? '—' : kind === 'percent' ? formatPercent(f.value, language) : kind === 'days' ? t('stats.daysValue', { value: formatDecimal(f.value, language) }) : String(f.value);
  const available = (id: TableId) => {
    const spec = tableById(id);
    return !spec.available || spec.available(stats);
  };
  const bars = (id: TableId, color: string) => {
    const spec = tableById(id);
    const table = spec.table(stats);
    return (
      <ChartPanel key={id} id={id} title={t(spec.title)} chart={table.total > 0 ? <BarsChart id={id} table={table} color={color} /> : null}>
        <DataTable id={id} caption={t(spec.title)} unit={t(spec.unit)} table={table} />
      </ChartPanel>
    );
  };
  return (
    <>
      <section className="panel" aria-labelledby="stats-summary-title" data-testid="stats-summary">
        <h2 id="stats-summary-title">{t('stats.section.summary')}</h2>
        <dl className="stats-summary">
          {SUMMARY_FIGURES.filter((f) => !f.available || f.available(stats)).map((f) => (
            <div key={f.key} className="stats-figure">
              <dt>{t(`stats.summary.${f.key}`)}</dt>
              <dd>{figure(f.get(stats), f.kind)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ChartPanel id="monthly" title={t('stats.section.monthly')} chart={<MonthlyChart stats={stats} />} stacked>
        <MonthlyTable stats={stats} />
      </ChartPanel>
      {bars('concerns', COLORS[0])}
      {bars('channels', COLORS[5])}
      <ChartPanel id="priority" title={t('stats.section.priority')} chart={stats.priorityFirst.total > 0 ? <PriorityChart stats={stats} /> : null} stacked>
        <PriorityTable stats={stats} />
      </ChartPanel>
      {BAR_TABLES.filter((b) => !['concerns', 'channels'].includes(b.id) && available(b.id)).map((b) => bars(b.id, b.color))}
      <details className="panel stats-rules">
        <summary>{t('stats.section.rules')}</summary>
        <ul>
          {RULE_KEYS.map((key) => (
            <li key={key}>{t(`stats.rules.${key}`, { k: 'k' })}</li>
          ))}
        </ul>
      </details>
    </>
  );
}
