/**
 * The statistics charts (recharts) and the table that carries the same numbers
 * beside each of them. The charts are pictures of the tables: hidden from
 * screen readers (aria-hidden, no keyboard stops), while the tables, with
 * captions and header cells, are what assistive technology reads.
 */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { StatCell, StatsPeriod, StatTable } from '../../../../shared/api/schemas/stats';
import { isLanguage, type Language } from '../../../../shared/i18n/languages';
import { cellLabel, formatPercent, monthLabel, MONTHLY_SERIES, shownCells, type TableId } from '../../../../shared/stats/report';
import { dayOfMoment } from '../../../../shared/time/localDays';
import { CHART_COLORS, PRIORITY_COLORS } from '../../../../shared/charts/colors';
import { QueuedChart, useChartSize } from './ChartQueue';

export const COLORS = CHART_COLORS;
const LEVEL_COLORS: Readonly<Record<string, string>> = PRIORITY_COLORS;
const PRIORITY_KEYS = ['urgent', 'high', 'medium', 'low', 'none', 'unassessed'] as const;
const AXIS = { fontSize: 12, fill: '#4a5868' };

/** A chart label kept to one line; the table beside the chart has the full name. */
export const shorten = (label: string, max: number): string => (label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`);

/** One line per category (recharts would wrap long names into each other). */
function CategoryTick({ x, y, payload }: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  return (
    <text x={Number(x ?? 0)} y={Number(y ?? 0)} dy={4} textAnchor="end" fontSize={AXIS.fontSize} fill={AXIS.fill}>
      {shorten(String(payload?.value ?? ''), 30)}
    </text>
  );
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'tr';
}

/** A chart beside its table (stacked on a narrow window); the chart is drawn in its turn (ChartQueue). */
export function ChartPanel({ id, title, chart, children, stacked }: { id: string; title: string; chart: ReactNode | null; children: ReactNode; stacked?: boolean }) {
  return (
    <section className="panel stats-panel" aria-labelledby={`${id}-title`} data-testid={`stats-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className={chart && !stacked ? 'stats-pair' : 'stats-pair stats-pair-single'}>
        {chart ? (
          <div className="stats-chart" aria-hidden="true">
            <QueuedChart>{chart}</QueuedChart>
          </div>
        ) : null}
        <div className="stats-table-wrap">{children}</div>
      </div>
    </section>
  );
}

/** Category · count · percent (· sessions) for the cells that hold records, with the total. */
export function DataTable({ id, caption, unit, table }: { id: TableId; caption: string; unit: string; table: StatTable }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cells = shownCells(table);
  const withSessions = table.sessions !== undefined;
  if (cells.length === 0) return <p className="hint">{t('stats.noneInPeriod')}</p>;
  return (
    <table className="table table-compact stats-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stats.col.category')}</th>
          <th scope="col" className="num">
            {unit}
          </th>
          <th scope="col" className="num">
            {t('stats.col.percent')}
          </th>
          {withSessions ? (
            <th scope="col" className="num">
              {t('stats.col.sessions')}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {cells.map((cell) => (
          <tr key={cell.key}>
            <th scope="row">{cellLabel(t, language, id, cell)}</th>
            <td className="num">{cell.count}</td>
            <td className="num">{cell.percent === null ? '—' : formatPercent(cell.percent, language)}</td>
            {withSessions ? <td className="num">{cell.sessions}</td> : null}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('stats.col.total')}</th>
          <td className="num">{table.total}</td>
          <td className="num">{table.total > 0 ? formatPercent(100, language) : '—'}</td>
          {withSessions ? <td className="num">{table.sessions}</td> : null}
        </tr>
      </tfoot>
    </table>
  );
}

/** Horizontal bars for the cells that hold records, biggest first (as the table). */
export function BarsChart({ id, table, color }: { id: TableId; table: StatTable; color: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = shownCells(table)
    .filter((c) => !c.hidden && (c.count ?? 0) > 0)
    .map((c: StatCell) => ({ label: cellLabel(t, language, id, c), count: c.count ?? 0 }));
  const size = useChartSize(Math.max(80, data.length * 30 + 30));
  if (data.length === 0) return null;
  const height = Math.max(80, data.length * 30 + 30);
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={size}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 36, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} stroke="#e3e8ee" />
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="label" width={200} interval={0} tick={CategoryTick} />
        <Bar dataKey="count" fill={color} isAnimationActive={false} barSize={18}>
          <LabelList dataKey="count" position="right" style={{ fontSize: 12, fill: '#17212b' }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Priority at first assessment and now: two 100 % stacked bars by level. */
export function PriorityChart({ stats }: { stats: StatsPeriod }) {
  const { t } = useTranslation();
  const size = useChartSize(170);
  const row = (name: string, table: StatTable) => Object.fromEntries([['name', name], ...PRIORITY_KEYS.map((k) => [k, table.cells.find((c) => c.key === k)?.count ?? 0])]);
  if (stats.priorityFirst.total + stats.priorityNow.total === 0) return null;
  const data = [row(t('stats.priority.first'), stats.priorityFirst), row(t('stats.priority.now'), stats.priorityNow)];
  const name = (key: string) => t(`cases.priority.${key === 'unassessed' ? 'unset' : key}`);
  return (
    <ResponsiveContainer width="100%" height={170} initialDimension={size}>
      <BarChart data={data} layout="vertical" stackOffset="expand" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <XAxis type="number" tickFormatter={(v: number) => `${Math.round(v * 100)}`} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={150} tick={AXIS} />
        <Legend formatter={(value: string) => name(value)} itemSorter={(item) => PRIORITY_KEYS.indexOf(String(item.dataKey) as (typeof PRIORITY_KEYS)[number])} wrapperStyle={{ fontSize: 12 }} />
        {PRIORITY_KEYS.map((key) => (
          <Bar key={key} dataKey={key} stackId="level" fill={LEVEL_COLORS[key]} isAnimationActive={false} barSize={28} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The monthly course: new cases, reports, assessments and services. */
export function MonthlyChart({ stats }: { stats: StatsPeriod }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // Months that have not begun yet draw no point (a line dropping to 0 would read as a fall).
  const size = useChartSize(260);
  const current = dayOfMoment(stats.generatedAt).slice(0, 7);
  const data = stats.period.months.map((month, i) => ({
    month: monthLabel(month, language, 'short'),
    ...Object.fromEntries(MONTHLY_SERIES.map((s) => [s, month > current ? null : (stats.monthly[s].cells[i]?.count ?? null)])),
  }));
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={size}>
      <LineChart data={data} margin={{ top: 8, right: 24, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e3e8ee" />
        <XAxis dataKey="month" tick={AXIS} padding={{ left: 12, right: 12 }} />
        <YAxis allowDecimals={false} tick={AXIS} width={40} />
        <Legend formatter={(value: string) => t(`stats.series.${value}`)} itemSorter={(item) => MONTHLY_SERIES.indexOf(String(item.dataKey) as (typeof MONTHLY_SERIES)[number])} wrapperStyle={{ fontSize: 12 }} />
        {MONTHLY_SERIES.map((s, i) => (
          <Line key={s} type="linear" dataKey={s} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={data.length <= 24} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Months × series, with the totals. */
export function MonthlyTable({ stats }: { stats: StatsPeriod }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <table className="table table-compact stats-table">
      <caption className="visually-hidden">{t('stats.section.monthly')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stats.col.month')}</th>
          {MONTHLY_SERIES.map((s) => (
            <th key={s} scope="col" className="num">
              {t(`stats.series.${s}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {stats.period.months.map((month, i) => (
          <tr key={month}>
            <th scope="row">{monthLabel(month, language)}</th>
            {MONTHLY_SERIES.map((s) => (
              <td key={s} className="num">
                {stats.monthly[s].cells[i]?.count}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('stats.col.total')}</th>
          {MONTHLY_SERIES.map((s) => (
            <td key={s} className="num">
              {stats.monthly[s].total}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

/** Level · first assessment · percent · now · percent. */
export function PriorityTable({ stats }: { stats: StatsPeriod }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = PRIORITY_KEYS.map((key) => ({
    key,
    first: stats.priorityFirst.cells.find((c) => c.key === key)!,
    now: stats.priorityNow.cells.find((c) => c.key === key)!,
  })).filter((r) => (r.first.count ?? 0) > 0 || (r.now.count ?? 0) > 0);
  if (rows.length === 0) return <p className="hint">{t('stats.noneInPeriod')}</p>;
  const pct = (c: StatCell) => (c.percent === null ? '—' : formatPercent(c.percent, language));
  return (
    <table className="table table-compact stats-table">
      <caption className="visually-hidden">{t('stats.section.priority')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stats.col.level')}</th>
          <th scope="col" className="num">
            {t('stats.priority.first')}
          </th>
          <th scope="col" className="num">
            {t('stats.col.percent')}
          </th>
          <th scope="col" className="num">
            {t('stats.priority.now')}
          </th>
          <th scope="col" className="num">
            {t('stats.col.percent')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">
              <span className="stats-dot" style={{ background: LEVEL_COLORS[r.key] }} aria-hidden="true" /> {t(`cases.priority.${r.key === 'unassessed' ? 'unset' : r.key}`)}
            </th>
            <td className="num">{r.first.count}</td>
            <td className="num">{pct(r.first)}</td>
            <td className="num">{r.now.count}</td>
            <td className="num">{pct(r.now)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('stats.col.total')}</th>
          <td className="num">{stats.priorityFirst.total}</td>
          <td className="num">{stats.priorityFirst.total > 0 ? formatPercent(100, language) : '—'}</td>
          <td className="num">{stats.priorityNow.total}</td>
          <td className="num">{stats.priorityNow.total > 0 ? formatPercent(100, language) : '—'}</td>
        </tr>
      </tfoot>
    </table>
  );
}
