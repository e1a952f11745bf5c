/**
 * A small step chart of a case's risk level over time, as SVG for pdfmake
 * (svg-to-pdfkit). Each assessment's decided level holds until the next one;
 * the last holds until the report's date. Text is set in the documents' own
 * font ("Sans", DejaVu: every Turkish letter), never a built-in PDF font.
 */
import { LEVEL_COLORS } from '../../../shared/charts/colors';
import { LEVEL_IDS, type LevelId } from '../../../shared/risk-tool/types';

export interface ChartPoint {
  at: Date;
  level: LevelId;
}

export interface ChartOptions {
  width: number;
  label: (level: LevelId) => string;
  dateLabel: (at: Date) => string;
  /** The right edge of the time axis (the report's date). */
  until: Date;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ROW = 20;
const TOP = 8;
const LEFT = 104;
const RIGHT = 12;
const AXIS = 26;

/** Height of the chart in points (fixed: five levels and a date axis). */
export const CHART_HEIGHT = TOP + ROW * LEVEL_IDS.length + AXIS;

export function levelStepChart(points: ChartPoint[], options: ChartOptions): string {
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const { width } = options;
  const plotWidth = width - LEFT - RIGHT;
  const start = sorted[0]!.at.getTime();
  const end = Math.max(options.until.getTime(), sorted.at(-1)!.at.getTime());
  const span = Math.max(1, end - start);
  const x = (at: Date) => LEFT + ((at.getTime() - start) / span) * plotWidth;
  // Urgent at the top, no risk at the bottom.
  const y = (level: LevelId) => TOP + ROW * LEVEL_IDS.indexOf(level) + ROW / 2;
  const bottom = TOP + ROW * LEVEL_IDS.length;

  const parts: string[] = [];
  LEVEL_IDS.forEach((level, i) => {
    const rowTop = TOP + ROW * i;
    if (i % 2 === 0) parts.push(`<rect x="${LEFT}" y="${rowTop}" width="${plotWidth}" height="${ROW}" fill="#f3f5f7"/>`);
    parts.push(
      `<text x="${LEFT - 8}" y="${y(level) + 3}" font-family="Sans" font-size="8" fill="${LEVEL_COLORS[level]}" text-anchor="end">${escapeXml(options.label(level))}</text>`,
    );
  });
  parts.push(`<line x1="${LEFT}" y1="${bottom}" x2="${LEFT + plotWidth}" y2="${bottom}" stroke="#9aa3ad" stroke-width="0.6"/>`);
  parts.push(`<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${bottom}" stroke="#9aa3ad" stroke-width="0.6"/>`);

  // The step line.
  let d = '';
  sorted.forEach((p, i) => {
    const px = x(p.at);
    const py = y(p.level);
    d += i === 0 ? `M${px.toFixed(1)},${py.toFixed(1)}` : ` V${py.toFixed(1)}`;
    const next = sorted[i + 1];
    d += ` H${(next ? x(next.at) : LEFT + plotWidth).toFixed(1)}`;
  });
  parts.push(`<path d="${d}" fill="none" stroke="#14365d" stroke-width="1.6"/>`);
  // Each assessment's dot in its level's colour (shared/charts/colors.ts, as on screen).
  for (const p of sorted) parts.push(`<circle cx="${x(p.at).toFixed(1)}" cy="${y(p.level).toFixed(1)}" r="3" fill="${LEVEL_COLORS[p.level]}"/>`);

  // Date labels under the assessments, skipping those that would overlap the previous one.
  let lastRight = -Infinity;
  const labelWidth = 48;
  sorted.forEach((p) => {
    const px = x(p.at);
    if (px - labelWidth / 2 < lastRight + 4) return;
    parts.push(`<line x1="${px.toFixed(1)}" y1="${bottom}" x2="${px.toFixed(1)}" y2="${bottom + 3}" stroke="#9aa3ad" stroke-width="0.6"/>`);
    // Near an edge the label is anchored to it, so it stays inside the drawing.
    const anchor = px + labelWidth / 2 > width ? 'end' : 'middle';
    const tx = anchor === 'end' ? LEFT + plotWidth : px;
    parts.push(
      `<text x="${tx.toFixed(1)}" y="${bottom + 13}" font-family="Sans" font-size="7.5" fill="#5b6570" text-anchor="${anchor}">${escapeXml(options.dateLabel(p.at))}</text>`,
    );
    lastRight = px + labelWidth / 2;
  });

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${CHART_HEIGHT}" viewBox="0 0 ${width} ${CHART_HEIGHT}">${parts.join('')}</svg>`;
}
