/**
 * From counted rows to the published tables: percentages by the largest-
 * remainder method, and the hiding of small cells (k-anonymity style).
 *
 * Several tables often break down the SAME records (the cases active in the
 * period by status, by first priority and by priority now; the reports by
 * channel and by month). The queries therefore return a small "cube": one row
 * per combination of the breakdowns with its count. Every table of those
 * records is built from the same cube rows.
 *
 * The suppression rule (`suppressBelow` = k):
 * 1. A cell is hidden ("<k") when it holds records (its count on the full
 *    data is > 0) but fewer than k of them are published. Zero stays 0.
 * 2. The records of a hidden cell are left out of EVERY table and figure
 *    built on the same records, not only out of its own table: a cube row
 *    that falls into any hidden cell is dropped everywhere. Totals are sums of
 *    the shown cells; percentages are shares of that total.
 * 3. Dropping records can push other cells under k: they are hidden too, and
 *    so on until nothing changes.
 * So no published total, in any table or in the summary, contains a hidden
 * record: subtracting the shown cells from a total gives exactly 0, and two
 * breakdowns of the same records always add up to the same total. (A shown
 * figure may therefore be lower than the same figure on screen.) Figures that
 * are not sums — distinct children, households and people, a median — are
 * hidden when they are under k themselves.
 */
import type { Labels, StatCell, StatFigure, StatTable } from '../../../shared/api/schemas/stats';

/** One combination of breakdown values and how many records have it. */
export interface CubeRow {
  dims: Readonly<Record<string, string>>;
  n: number;
  /** Services: sessions of these records. */
  sessions?: number;
}

export interface TableSpec {
  id: string;
  /** The cell a row counts in; null = the row is not in this table. */
  cell: (row: CubeRow) => string | null;
  /** Every cell shown, in its natural order (lookups: their sort order; enums: their order). */
  keys: readonly string[];
  labels?: ReadonlyMap<string, Labels>;
  /** Percentages (false for series). */
  percent?: boolean;
  /** Biggest first (ties: natural order); otherwise the natural order. */
  byCount?: boolean;
  sessions?: boolean;
}

/** Counts → percentages with `decimals` decimals that add up to exactly 100 (largest remainder, ties to the bigger count, then the earlier cell). */
export function largestRemainder(counts: readonly number[], decimals = 1): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return counts.map(() => 0);
  const scale = 100 * 10 ** decimals;
  const quotas = counts.map((c) => (c * scale) / total);
  const floors = quotas.map(Math.floor);
  let left = scale - floors.reduce((a, b) => a + b, 0);
  const order = counts
    .map((c, i) => ({ i, frac: quotas[i]! - floors[i]!, c }))
    .sort((a, b) => b.frac - a.frac || b.c - a.c || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors.map((f) => f / 10 ** decimals);
}

export const figure = (value: number | null, k: number | null): StatFigure =>
  value !== null && k !== null && value > 0 && value < k ? { value: null, hidden: true } : { value, hidden: false };

/**
 * Builds every table of one cube; with `k`, applies the rule above jointly to
 * all of them.
 */
export function buildTables(rows: readonly CubeRow[], specs: readonly TableSpec[], k: number | null): Record<string, StatTable> {
  return buildCube(rows, specs, k).tables;
}

/** buildTables, plus which rows were published (for figures that are not sums, such as a median). */
export function buildCube(rows: readonly CubeRow[], specs: readonly TableSpec[], k: number | null): { tables: Record<string, StatTable>; kept: boolean[] } {
  const cellsOf = rows.map((row) => specs.map((spec) => spec.cell(row)));
  const kept = rows.map(() => true);
  const hidden = specs.map(() => new Set<string>());

  const tally = (onlyKept: boolean) =>
    specs.map((_, s) => {
      const counts = new Map<string, { n: number; sessions: number }>();
      rows.forEach((row, r) => {
        if (onlyKept && !kept[r]) return;
        const key = cellsOf[r]![s];
        if (key === null || key === undefined) return;
        const entry = counts.get(key) ?? { n: 0, sessions: 0 };
        entry.n += row.n;
        entry.sessions += row.sessions ?? 0;
        counts.set(key, entry);
      });
      return counts;
    });

  const full = tally(false);
  if (k !== null) {
    for (;;) {
      const now = tally(true);
      let changed = false;
      specs.forEach((_, s) => {
        for (const [key, entry] of full[s]!) {
          if (entry.n > 0 && (now[s]!.get(key)?.n ?? 0) < k && !hidden[s]!.has(key)) {
            hidden[s]!.add(key);
            changed = true;
          }
        }
      });
      if (!changed) break;
      rows.forEach((_, r) => {
        if (kept[r] && specs.some((_, s) => {
          const key = cellsOf[r]![s];
          return key !== null && key !== undefined && hidden[s]!.has(key);
        })) kept[r] = false;
      });
    }
  }
  const shown = tally(true);

  const out: Record<string, StatTable> = {};
  specs.forEach((spec, s) => {
    const keys = [...spec.keys, ...[...full[s]!.keys()].filter((key) => !spec.keys.includes(key))];
    const counted = keys.map((key, order) => ({ key, order, isHidden: hidden[s]!.has(key), n: hidden[s]!.has(key) ? 0 : (shown[s]!.get(key)?.n ?? 0), sessions: shown[s]!.get(key)?.sessions ?? 0 }));
    if (spec.byCount) counted.sort((a, b) => Number(a.isHidden) - Number(b.isHidden) || b.n - a.n || a.order - b.order);
    const percents = spec.percent ? largestRemainder(counted.map((c) => c.n)) : null;
    const total = counted.reduce((a, c) => a + c.n, 0);
    const cells: StatCell[] = counted.map((c, i) => {
      const cell: StatCell = {
        key: c.key,
        count: c.isHidden ? null : c.n,
        percent: c.isHidden || !percents || total === 0 ? null : percents[i]!,
        hidden: c.isHidden,
        label: spec.labels?.get(c.key) ?? null,
      };
      if (spec.sessions) cell.sessions = c.isHidden ? null : c.sessions;
      return cell;
    });
    const table: StatTable = { cells, total, hiddenCells: counted.filter((c) => c.isHidden).length };
    if (spec.sessions) table.sessions = counted.reduce((a, c) => a + (c.isHidden ? 0 : c.sessions), 0);
    out[spec.id] = table;
  });
  return { tables: out, kept };
}

/** The median of `value` over the rows (each weighted by its count); null for none. Halves stay (one decimal). */
export function weightedMedian(items: ReadonlyArray<{ value: number; n: number }>): number | null {
  const sorted = items.filter((i) => i.n > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((a, i) => a + i.n, 0);
  if (total === 0) return null;
  const at = (position: number): number => {
    let seen = 0;
    for (const item of sorted) {
      seen += item.n;
      if (position < seen) return item.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/** A one-cell table's value as a figure (its cell hidden → hidden). */
export function totalFigure(table: StatTable): StatFigure {
  const cell = table.cells[0];
  if (!cell) return { value: 0, hidden: false };
  return cell.hidden ? { value: null, hidden: true } : { value: cell.count, hidden: false };
}
