/**
 * The arithmetic of the statistics page's SVG charts (StatCharts.tsx): axis ticks and how many
 * category labels fit. Pure functions, so the charts stay cheap to draw and the rules are tested
 * on their own (test/unit/chartLayout.test.ts).
 */

/**
 * Whole-number ticks from 0 for a count axis whose largest value is `max`: about `target`
 * steps of 1, 2 or 5 × 10ⁿ, the last tick at or above `max`. `max` ≤ 0 gives [0, 1].
 */
export function countTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

/** Every how many categories a label is written so that labels about `labelWidth` wide do not overlap over `width`. */
export function labelEvery(count: number, width: number, labelWidth: number): number {
  if (count <= 1 || width <= 0) return 1;
  const room = width / (count - 1);
  return Math.max(1, Math.ceil(labelWidth / room));
}

/** Splits a series into runs of consecutive non-null points (a null breaks the line). */
export function runsOf(values: ReadonlyArray<number | null>): Array<Array<{ index: number; value: number }>> {
  const runs: Array<Array<{ index: number; value: number }>> = [];
  let run: Array<{ index: number; value: number }> = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ index, value });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A label kept to one line; the table beside the chart has the full name. */
export const shorten = (label: string, max: number): string => (label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`);
