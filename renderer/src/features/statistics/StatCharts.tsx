/**
 * The statistics charts and the table that carries the same numbers beside each of them. The
 * charts are pictures of the tables: hidden from screen readers (aria-hidden, no keyboard stops),
 * while the tables, with captions and header cells, are what assistive technology reads.
 *
 * The charts are small plain SVG (issue 14, item 10): recharts, which drew them before, spent
 * 40–140 ms per chart on a quiet machine (a store, selectors and text measured in the DOM for
 * each chart), so one chart alone was a long task; these draw in a few milliseconds. The
 * statistics PDF draws its own charts (electron/core/stats/charts.ts); both read the colours of
 * shared/charts/colors.ts.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatCell, StatsPeriod, StatTable } from '../../../../shared/api/schemas/stats';
import { isLanguage, type Language } from '../../../../shared/i18n/languages';
import { cellLabel, formatPercent, monthLabel, MONTHLY_SERIES, shownCells, type TableId } from '../../../../shared/stats/report';
import { dayOfMoment } from '../../../../shared/time/localDays';
import { CHART_COLORS, PRIORITY_COLORS } from '../../../../shared/charts/colors';
import { QueuedChart, useChartWidth } from './ChartQueue';
import { countTicks, labelEvery, runsOf, shorten } from './chartLayout';

export { shorten };
export const COLORS = CHART_COLORS;
const LEVEL_COLORS: Readonly<Record<string, string>> = PRIORITY_COLORS;
const PRIORITY_KEYS = ['urgent', 'high', 'medium', 'low', 'none', 'unassessed'] as const;
const FONT_SIZE = 12;
const AXIS_COLOR = '#4a5868';
const VALUE_COLOR = '#17212b';
const GRID_COLOR = '#e3e8ee';
/** Rough width of a character at 12 px (labels are shortened, never measured in the DOM). */
const CHAR_WIDTH = 7;

/** An SVG picture drawn at `width` (the frame's measured width) that scales with its frame afterwards. */
function Svg({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  return (
    <svg className="stats-svg" viewBox={`0 0 ${width} ${height}`} width="100%" focusable="false" style={{ display: 'block', height: 'auto' }} fontSize={FONT_SIZE} fontFamily="inherit">
      {children}
    </svg>
  );
}

/** The legend under a chart with several series (HTML, so it wraps). */
function Legend({ items }: { items: Array<{ key: string; label: string; color: string }> }) {
  return (
    <ul className="stats-legend">
      {items.map((item) => (
        <li key={item.key}>
          <span className="stats-dot" style={{ background: item.color }} />
          {item.label}
        </li>
      ))}
    </ul>
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
  const width = useChartWidth();
  const data = shownCells(table)
    .filter((c) => !c.hidden && (c.count ?? 0) > 0)
    .map((c: StatCell) => ({ key: c.key, label: cellLabel(t, language, id, c), count: c.count ?? 0 }));
  if (data.length === 0) return null;
  const rowHeight = 30;
  const top = 4;
  const height = Math.max(80, data.length * rowHeight + 30);
  const labelWidth = Math.min(200, Math.round(width * 0.4));
  const x0 = labelWidth + 8;
  const plotWidth = Math.max(40, width - x0 - 36);
  const axisY = top + data.length * rowHeight;
  const ticks = countTicks(Math.max(...data.map((d) => d.count)));
  const scale = plotWidth / ticks[ticks.length - 1]!;
  return (
    <Svg width={width} height={height}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={x0 + tick * scale} x2={x0 + tick * scale} y1={top} y2={axisY} stroke={GRID_COLOR} />
          <text x={x0 + tick * scale} y={axisY + 16} textAnchor="middle" fill={AXIS_COLOR}>
            {tick}
          </text>
        </g>
      ))}
      <line x1={x0} x2={x0 + plotWidth} y1={axisY} y2={axisY} stroke={AXIS_COLOR} />
      {data.map((d, i) => {
        const y = top + i * rowHeight + (rowHeight - 18) / 2;
        const barWidth = d.count * scale;
        return (
          <g key={d.key}>
            <text x={labelWidth} y={y + 13} textAnchor="end" fill={AXIS_COLOR}>
              {shorten(d.label, Math.max(8, Math.floor(labelWidth / CHAR_WIDTH)))}
            </text>
            <rect x={x0} y={y} width={barWidth} height={18} fill={color} />
            <text x={x0 + barWidth + 5} y={y + 13} fill={VALUE_COLOR}>
              {d.count}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

/** Priority at first assessment and now: two 100 % stacked bars by level. */
export function PriorityChart({ stats }: { stats: StatsPeriod }) {
  const { t } = useTranslation();
  const width = useChartWidth();
  if (stats.priorityFirst.total + stats.priorityNow.total === 0) return null;
  const rows = [
    { key: 'first', label: t('stats.priority.first'), table: stats.priorityFirst },
    { key: 'now', label: t('stats.priority.now'), table: stats.priorityNow },
  ];
  const name = (key: string) => t(`cases.priority.${key === 'unassessed' ? 'unset' : key}`);
  const labelWidth = Math.min(150, Math.round(width * 0.35));
  const x0 = labelWidth + 8;
  const plotWidth = Math.max(40, width - x0 - 16);
  const rowHeight = 44;
  const top = 4;
  const axisY = top + rows.length * rowHeight;
  return (
    <>
      <Svg width={width} height={axisY + 24}>
        {[0, 25, 50, 75, 100].map((tick) => (
          <text key={tick} x={x0 + (tick / 100) * plotWidth} y={axisY + 16} textAnchor="middle" fill={AXIS_COLOR}>
            {tick}
          </text>
        ))}
        <line x1={x0} x2={x0 + plotWidth} y1={axisY} y2={axisY} stroke={AXIS_COLOR} />
        {rows.map((row, i) => {
          const y = top + i * rowHeight + (rowHeight - 28) / 2;
          const counts = PRIORITY_KEYS.map((key) => ({ key, count: row.table.cells.find((c) => c.key === key)?.count ?? 0 }));
          const total = counts.reduce((sum, c) => sum + c.count, 0);
          let x = x0;
          return (
            <g key={row.key}>
              <text x={labelWidth} y={y + 18} textAnchor="end" fill={AXIS_COLOR}>
                {shorten(row.label, Math.max(8, Math.floor(labelWidth / CHAR_WIDTH)))}
              </text>
              {total > 0
                ? counts.map((c) => {
                    const w = (c.count / total) * plotWidth;
                    const rect = c.count > 0 ? <rect key={c.key} x={x} y={y} width={w} height={28} fill={LEVEL_COLORS[c.key]} stroke="#ffffff" strokeWidth={1} /> : null;
                    x += w;
                    return rect;
                  })
                : null}
            </g>
          );
        })}
      </Svg>
      <Legend items={PRIORITY_KEYS.map((key) => ({ key, label: name(key), color: LEVEL_COLORS[key]! }))} />
    </>
  );
}

/** The monthly course: new cases, reports, assessments and services. */
export function MonthlyChart({ stats }: { stats: StatsPeriod }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const width = useChartWidth();
  // Months that have not begun yet draw no point (a line dropping to 0 would read as a fall).
  const current = dayOfMoment(stats.generatedAt).slice(0, 7);
  const months = stats.period.months;
  const series = MONTHLY_SERIES.map((s, i) => ({
    key: s,
    color: COLORS[i % COLORS.length]!,
    values: months.map((month, m) => (month > current ? null : (stats.monthly[s].cells[m]?.count ?? null))),
  }));
  const height = 230;
  const left = 40;
  const top = 8;
  const plotRight = width - 24;
  const axisY = height - 24;
  const ticks = countTicks(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const yOf = (v: number) => axisY - (v / ticks[ticks.length - 1]!) * (axisY - top);
  const inner = plotRight - left - 24;
  const xOf = (i: number) => (months.length <= 1 ? left + 12 + inner / 2 : left + 12 + (i / (months.length - 1)) * inner);
  const labels = months.map((month) => monthLabel(month, language, 'short'));
  const every = labelEvery(months.length, inner, Math.max(...labels.map((l) => l.length)) * CHAR_WIDTH + 8);
  return (
    <>
      <Svg width={width} height={height}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={plotRight} y1={yOf(tick)} y2={yOf(tick)} stroke={tick === 0 ? AXIS_COLOR : GRID_COLOR} />
            <text x={left - 6} y={yOf(tick) + 4} textAnchor="end" fill={AXIS_COLOR}>
              {tick}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <g key={months[i]}>
              <line x1={xOf(i)} x2={xOf(i)} y1={top} y2={axisY} stroke={GRID_COLOR} />
              <text x={xOf(i)} y={axisY + 16} textAnchor="middle" fill={AXIS_COLOR}>
                {label}
              </text>
            </g>
          ) : null,
        )}
        {series.map((s) =>
          runsOf(s.values).map((run) => (
            <g key={`${s.key}-${run[0]!.index}`}>
              {run.length > 1 ? <polyline points={run.map((p) => `${xOf(p.index)},${yOf(p.value)}`).join(' ')} fill="none" stroke={s.color} strokeWidth={2} /> : null}
              {months.length <= 24 ? run.map((p) => <circle key={p.index} cx={xOf(p.index)} cy={yOf(p.value)} r={3} fill="#ffffff" stroke={s.color} strokeWidth={2} />) : null}
            </g>
          )),
        )}
      </Svg>
      <Legend items={series.map((s) => ({ key: s.key, label: t(`stats.series.${s.key}`), color: s.color }))} />
    </>
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
