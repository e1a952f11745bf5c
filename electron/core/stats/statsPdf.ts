/**
 * The body of the period statistics report (PDF): the summary, the monthly
 * course as a line chart, then each breakdown as a chart with its table, and
 * the counting rules at the end. Built only from documentBlocks plus SVG
 * charts; the frame (header, "Sayfa x / y", confidentiality footer, document
 * number) comes from the documents infrastructure.
 */
import type { StatCell, StatFigure, StatsPeriod, StatTable } from '../../../shared/api/schemas/stats';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { cellLabel, dayLabel, formatDecimal, formatPercent, hiddenText, monthLabel, MONTHLY_SERIES, RULE_KEYS, shownCells, SUMMARY_FIGURES, tableById, type TableId } from '../../../shared/stats/report';
import { dayOfMoment } from '../../../shared/time/localDays';
import { documentBlocks, type TableColumn } from '../documents/blocks';
import { contentWidth, type DocumentBody, type FrameInfo } from '../documents/frame';
import type { Content } from '../documents/pdfTypes';
import { barChart, CHART_COLORS, LEVEL_COLORS, lineChart, stackedBarChart, svgHeight } from './charts';
import { PRIORITY_KEYS } from './statsService';

/** Bars drawn in one chart at most (25 × 15 pt): more categories are in the table only. */
const MAX_BARS = 25;

export function statsTitle(language: Language): string {
  return translator(language)('stats.reportTitle');
}

export function statsSubtitle(stats: StatsPeriod, language: Language): string {
  const t = translator(language);
  const who = stats.caseworker ? stats.caseworker.displayName : t(stats.scope === 'own' ? 'stats.ownCases' : 'stats.allCaseworkers');
  return `${dayLabel(stats.period.from, language)} – ${dayLabel(stats.period.to, language)} · ${who}`;
}

export function statsBody(stats: StatsPeriod, frame: FrameInfo): DocumentBody {
  const language = frame.language;
  const t = translator(language);
  const b = documentBlocks(language);
  const width = contentWidth('portrait');
  const k = stats.suppressBelow;
  const decimal = (n: number): string => formatDecimal(n, language);
  const countText = (count: number | null, hidden: boolean): string => (hidden ? hiddenText(k) : String(count ?? 0));
  const percentText = (p: number | null): string => (p === null ? '—' : formatPercent(p, language));
  const figureText = (f: StatFigure, kind: string): string => {
    if (f.hidden) return hiddenText(k);
    if (f.value === null) return '—';
    if (kind === 'percent') return formatPercent(f.value, language);
    if (kind === 'days') return t('stats.daysValue', { count: f.value, value: decimal(f.value) });
    return String(f.value);
  };
  const label = (id: TableId, cell: StatCell): string => cellLabel(t, language, id, cell);
  const totalCell = (text: string, alignment: 'left' | 'right' = 'right'): Content => ({ text, bold: true, style: 'cell', alignment });

  /** Category, count, percent (+ sessions) for the cells that hold records, and the total. */
  const dataTable = (id: TableId, table: StatTable): Content => {
    const spec = tableById(id);
    const withSessions = table.sessions !== undefined;
    const columns: TableColumn[] = [
      { header: t('stats.col.category') },
      { header: t(spec.unit), width: 82, alignment: 'right' },
      { header: t('stats.col.percent'), width: 60, alignment: 'right' },
      ...(withSessions ? [{ header: t('stats.col.sessions'), width: 60, alignment: 'right' as const }] : []),
    ];
    const cells = shownCells(table);
    const rows: Array<Array<string | Content>> = cells.map((c) => [label(id, c), countText(c.count, c.hidden), percentText(c.percent), ...(withSessions ? [countText(c.sessions ?? 0, c.hidden)] : [])]);
    if (rows.length > 0) {
      rows.push([
        totalCell(t('stats.col.total'), 'left'),
        totalCell(String(table.total)),
        totalCell(table.total > 0 ? percentText(100) : '—'),
        ...(withSessions ? [totalCell(String(table.sessions ?? 0))] : []),
      ]);
    }
    return b.table({ columns, rows, emptyText: t('stats.noneInPeriod') });
  };

  const bars = (id: TableId, table: StatTable, color?: string): Content | null => {
    // The biggest MAX_BARS (the table lists them all): a chart always fits on a page.
    const cells = shownCells(table)
      .filter((c) => !c.hidden && (c.count ?? 0) > 0)
      .slice(0, MAX_BARS);
    if (cells.length === 0) return null;
    return {
      svg: barChart(
        cells.map((c) => ({ label: label(id, c), value: c.count ?? 0, caption: c.percent === null ? String(c.count) : `${c.count} (${percentText(c.percent)})` })),
        { width, ...(color ? { color } : {}) },
      ),
      width,
      margin: [0, 2, 0, 6],
    };
  };

  const section = (id: TableId, table: StatTable, color?: string): Content[] => {
    const chart = bars(id, table, color);
    return together(t(tableById(id).title), chart ? [chart] : [], dataTable(id, table), shownCells(table).length);
  };

  /**
   * A heading, its chart and its table on one page when they surely fit; otherwise the heading and
   * the chart together and the table runs on. Nothing kept together may be taller than a page
   * (pdfmake keeps only the first page of it), so the estimate is generous: 28 pt a table row
   * (a long name wraps), 50 pt for the heading, 650 pt of the ~700 pt a page holds.
   */
  const together = (title: string, head: Content[], table: Content, rows: number): Content[] => {
    const [heading, ...rest] = b.section(title, [...head, table]);
    const headHeight = 50 + head.reduce((a, c) => a + (typeof c === 'object' && c !== null && 'svg' in c ? svgHeight(c.svg) : 40), 0);
    if (headHeight + (rows + 2) * 28 < 650) return [{ stack: [heading!, ...rest], unbreakable: true }];
    if (headHeight < 650) return [{ stack: [heading!, ...head], unbreakable: true }, table];
    return [heading!, ...rest];
  };

  const content: Content[] = [];
  if (k) content.push({ text: t('stats.suppressedNote', { k }), style: 'small', italics: true, margin: [0, 0, 0, 6] });
  if (!stats.hasData) content.push({ text: t('stats.emptyPeriod'), style: 'paragraph' });

  // Summary.
  const figures = SUMMARY_FIGURES.filter((f) => !f.available || f.available(stats)).map((f): [string, string] => [t(`stats.summary.${f.key}`), figureText(f.get(stats), f.kind)]);
  const half = Math.ceil(figures.length / 2);
  content.push(
    ...b.section(t('stats.section.summary'), [
      {
        columns: [b.keyValue(figures.slice(0, half), { labelWidth: 150 }), b.keyValue(figures.slice(half), { labelWidth: 150 })],
        columnGap: 18,
      },
    ]),
  );

  // Monthly course.
  const months = stats.period.months.map((m) => monthLabel(m, language, 'short'));
  // Hidden cells and months that have not begun draw no point.
  const current = dayOfMoment(stats.generatedAt).slice(0, 7);
  const series = MONTHLY_SERIES.map((s, i) => ({
    label: t(`stats.series.${s}`),
    values: stats.monthly[s].cells.map((c, m) => (c.hidden || stats.period.months[m]! > current ? null : c.count)),
    color: CHART_COLORS[i % CHART_COLORS.length]!,
  }));
  const monthlyRows: Array<Array<string | Content>> = stats.period.months.map((m, i) => [monthLabel(m, language), ...MONTHLY_SERIES.map((s) => {
    const cell = stats.monthly[s].cells[i]!;
    return countText(cell.count, cell.hidden);
  })]);
  monthlyRows.push([totalCell(t('stats.col.total'), 'left'), ...MONTHLY_SERIES.map((s) => totalCell(String(stats.monthly[s].total)))]);
  content.push(
    ...together(
      t('stats.section.monthly'),
      stats.hasData ? [{ svg: lineChart(series, months, { width }), width, margin: [0, 2, 0, 6] }] : [],
      b.table({ columns: [{ header: t('stats.col.month') }, ...MONTHLY_SERIES.map((s) => ({ header: t(`stats.series.${s}`), width: 82 as const, alignment: 'right' as const }))], rows: monthlyRows }),
      monthlyRows.length,
    ),
  );

  content.push(...section('concerns', stats.concerns));
  content.push(...section('channels', stats.channels));

  // Priority: first assessment vs now, as two stacked bars, and the two tables side by side in one.
  const levelsOf = (table: StatTable) => PRIORITY_KEYS.map((key) => {
    const cell = table.cells.find((c) => c.key === key);
    return { key, value: cell && !cell.hidden ? (cell.count ?? 0) : 0 };
  });
  const levelLabel = (key: string) => t(`cases.priority.${key === 'unassessed' ? 'unset' : key}`);
  const anyPriority = stats.priorityFirst.total + stats.priorityNow.total > 0;
  const priorityRows: Array<Array<string | Content>> = PRIORITY_KEYS.flatMap((key) => {
    const first = stats.priorityFirst.cells.find((c) => c.key === key)!;
    const now = stats.priorityNow.cells.find((c) => c.key === key)!;
    if (!first.hidden && !now.hidden && !first.count && !now.count) return [];
    return [[levelLabel(key), countText(first.count, first.hidden), percentText(first.percent), countText(now.count, now.hidden), percentText(now.percent)]];
  });
  if (priorityRows.length > 0) {
    priorityRows.push([
      totalCell(t('stats.col.total'), 'left'),
      totalCell(String(stats.priorityFirst.total)),
      totalCell(stats.priorityFirst.total > 0 ? percentText(100) : '—'),
      totalCell(String(stats.priorityNow.total)),
      totalCell(stats.priorityNow.total > 0 ? percentText(100) : '—'),
    ]);
  }
  content.push(
    ...together(
      t('stats.section.priority'),
      anyPriority
        ? [
            {
              svg: stackedBarChart(
                [
                  { label: t('stats.priority.first'), segments: levelsOf(stats.priorityFirst) },
                  { label: t('stats.priority.now'), segments: levelsOf(stats.priorityNow) },
                ],
                PRIORITY_KEYS.map((key) => ({ key, label: levelLabel(key) })),
                { width, colors: LEVEL_COLORS },
              ),
              width,
              margin: [0, 2, 0, 6],
            } as Content,
          ]
        : [],
      b.table({
        columns: [
          { header: t('stats.col.level') },
          { header: t('stats.priority.first'), width: 110, alignment: 'right' },
          { header: t('stats.col.percent'), width: 55, alignment: 'right' },
          { header: t('stats.priority.now'), width: 110, alignment: 'right' },
          { header: t('stats.col.percent'), width: 55, alignment: 'right' },
        ],
        rows: priorityRows,
        emptyText: t('stats.noneInPeriod'),
      }),
      priorityRows.length,
    ),
  );

  content.push(...section('status', stats.status, CHART_COLORS[2]));
  content.push(...section('services', stats.services, CHART_COLORS[3]));
  content.push(...section('assessmentLevels', stats.assessmentLevels, CHART_COLORS[1]));
  content.push(...section('deadlines', stats.deadlines, CHART_COLORS[4]));
  if (stats.referrals.available) {
    content.push(...section('referralInstitutions', stats.referrals.byInstitution, CHART_COLORS[5]));
    content.push(...section('referralOutcomes', stats.referrals.byOutcome, CHART_COLORS[5]));
  }
  if (stats.court.available) {
    content.push(
      ...together(
        t(tableById('courtOrders').title),
        [b.keyValue([[t('stats.summary.hearingsHeld'), figureText(stats.court.hearingsHeld, 'count')]], { labelWidth: 300 })],
        dataTable('courtOrders', stats.court.ordersByCompliance),
        shownCells(stats.court.ordersByCompliance).length,
      ),
    );
  }

  content.push(...b.section(t('stats.section.rules'), [b.list(RULE_KEYS.map((key) => t(`stats.rules.${key}`, { k: k ?? 'k' })))]));
  return { content, subtitle: statsSubtitle(stats, language) };
}
