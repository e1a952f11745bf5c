/**
 * The period statistics as CSV for a spreadsheet: UTF-8 with a byte-order
 * mark (so Excel reads Turkish letters right), CRLF line ends, a selectable
 * separator. With ';' (what a Turkish Excel expects) decimals take a comma
 * (23,1); with ',' or a tab, a point. One file, several sections: a heading
 * line, a header row, the rows, a total row, then an empty line. Hidden cells
 * print "<k" and their percentage stays empty.
 *
 * Text that a spreadsheet would run as a formula is neutralised (see
 * neutraliseCell): lookup and institution names are editable.
 */
import type { CsvSeparator, StatFigure, StatsPeriod } from '../../../shared/api/schemas/stats';
import type { TFunction } from 'i18next';
import { translator } from '../../../shared/i18n';
import type { Language } from '../../../shared/i18n/languages';
import { cellLabel, dayLabel, hiddenText, monthLabel, MONTHLY_SERIES, REPORT_TABLES, SUMMARY_FIGURES } from '../../../shared/stats/report';

/** A character a spreadsheet may start a formula with (ASCII and the full-width forms Excel folds). */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/u;
/** Leading white space a spreadsheet skips before reading a formula (space, NBSP, other Unicode spaces). */
const LEADING_SPACE = /^[\p{Zs}\u00A0\uFEFF]+/u;
/** Plain numbers written as text (e.g. "-3", "12,5") are not formulas and stay as they are. */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/**
 * OWASP CSV injection: a cell that starts — after any leading spaces or non-breaking spaces —
 * with = + - @, a tab, CR or LF is prefixed with an apostrophe, so the spreadsheet shows it as
 * text. This includes `-1+1+cmd|…` (a leading minus and digit is not enough to be a number).
 */
export function neutraliseCell(text: string): string {
  const rest = text.replace(LEADING_SPACE, '');
  if (PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(rest) ? `'${text}` : text;
}

export const SEPARATOR: Record<CsvSeparator, string> = { semicolon: ';', comma: ',', tab: '\t' };
const BOM = '\uFEFF';

type Cell = string | number | null;

export interface CsvOptions {
  language: Language;
  separator: CsvSeparator;
  officeName: string;
  /** When it was produced, already formatted for the language. */
  generatedAt: string;
}

export function statsCsv(stats: StatsPeriod, options: CsvOptions): { text: string; rows: number } {
  const t: TFunction = translator(options.language);
  const sep = SEPARATOR[options.separator];
  const decimalComma = options.separator === 'semicolon';
  const k = stats.suppressBelow;
  const num = (value: number): string => {
    const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
    return decimalComma ? text.replace('.', ',') : text;
  };
  const pct = (value: number | null): Cell => (value === null ? null : decimalComma ? value.toFixed(1).replace('.', ',') : value.toFixed(1));
  const quote = (cell: Cell): string => {
    if (cell === null) return '';
    if (typeof cell === 'number') return num(cell);
    const text = neutraliseCell(cell);
    return /["\r\n]/.test(text) || text.includes(sep) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines: string[] = [];
  const row = (...cells: Cell[]) => lines.push(cells.map(quote).join(sep));
  const count = (value: number | null, hidden: boolean): Cell => (hidden ? hiddenText(k) : value);
  const fig = (f: StatFigure, kind: string): Cell => (f.hidden ? hiddenText(k) : kind === 'count' || f.value === null ? f.value : pct(f.value));

  row(t('stats.reportTitle'));
  row(t('stats.csv.office'), options.officeName);
  row(t('stats.csv.period'), dayLabel(stats.period.from, options.language), dayLabel(stats.period.to, options.language));
  row(t('stats.caseworker'), stats.caseworker ? stats.caseworker.displayName : t(stats.scope === 'own' ? 'stats.ownCases' : 'stats.allCaseworkers'));
  row(t('stats.csv.generatedAt'), options.generatedAt);
  row(t('stats.csv.suppression'), k ? t('stats.suppressedNote', { k }) : t('stats.notSuppressed'));
  row();

  row(t('stats.section.summary'));
  row(t('stats.col.indicator'), t('stats.col.value'));
  for (const f of SUMMARY_FIGURES) {
    if (f.available && !f.available(stats)) continue;
    const name = t(`stats.summary.${f.key}`);
    row(f.kind === 'count' ? name : `${name} (${t(`stats.unitSuffix.${f.kind}`)})`, fig(f.get(stats), f.kind));
  }
  row();

  for (const spec of REPORT_TABLES) {
    if (spec.available && !spec.available(stats)) continue;
    const table = spec.table(stats);
    const withSessions = table.sessions !== undefined;
    row(t(spec.title));
    row(t('stats.col.category'), t(spec.unit), t('stats.col.percent'), ...(withSessions ? [t('stats.col.sessions')] : []));
    for (const cell of table.cells) {
      row(cellLabel(t, options.language, spec.id, cell), count(cell.count, cell.hidden), pct(cell.percent), ...(withSessions ? [count(cell.sessions ?? null, cell.hidden)] : []));
    }
    row(t('stats.col.total'), table.total, table.total > 0 ? pct(100) : null, ...(withSessions ? [table.sessions ?? 0] : []));
    row();
  }

  row(t('stats.section.monthly'));
  row(t('stats.col.month'), ...MONTHLY_SERIES.map((s) => t(`stats.series.${s}`)));
  stats.period.months.forEach((month, i) => {
    row(monthLabel(month, options.language), ...MONTHLY_SERIES.map((s) => {
      const cell = stats.monthly[s].cells[i]!;
      return count(cell.count, cell.hidden);
    }));
  });
  row(t('stats.col.total'), ...MONTHLY_SERIES.map((s) => stats.monthly[s].total));

  const text = `${BOM}${lines.join('\r\n')}\r\n`;
  return { text, rows: lines.length };
}
