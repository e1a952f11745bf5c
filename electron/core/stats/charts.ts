/**
 * Charts for the statistics PDF, drawn as plain SVG strings on the Node side
 * (pdfmake draws SVG with svg-to-pdfkit): horizontal bars, a stacked bar and a
 * line over months. Text uses the document's font family ('Sans' = DejaVu
 * Sans, full Turkish coverage). No images, no scripts, no external references:
 * only rect, line, polyline, circle and text. The numbers are always in the
 * table next to the chart as well; a chart never shows a hidden cell.
 */

import { CHART_COLORS, PRIORITY_COLORS } from '../../../shared/charts/colors';

export { CHART_COLORS };
export const LEVEL_COLORS: Readonly<Record<string, string>> = PRIORITY_COLORS;
const TEXT = '#1f2328';
const MUTED = '#5b6570';
const GRID = '#d5dae0';
const FONT = 'Sans';

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Rough width of DejaVu Sans text (≈ 0.6 em a character): enough to keep labels inside their column. */
export const textWidth = (text: string, size: number): number => text.length * size * 0.6;

export function fitText(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  const max = Math.max(1, Math.floor(width / (size * 0.6)) - 1);
  return `${text.slice(0, max).trimEnd()}…`;
}

/** The height an SVG of ours declares. */
export const svgHeight = (svgText: string): number => Number(/height="([\d.]+)"/.exec(svgText)?.[1] ?? 0);

const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

function svg(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${r1(width)}" height="${r1(height)}" viewBox="0 0 ${r1(width)} ${r1(height)}">${body.join('')}</svg>`;
}

function text(x: number, y: number, content: string, options: { size?: number; anchor?: 'start' | 'middle' | 'end'; color?: string; bold?: boolean } = {}): string {
  const size = options.size ?? 7.5;
  return `<text x="${r1(x)}" y="${r1(y)}" font-family="${FONT}" font-size="${size}"${options.bold ? ' font-weight="bold"' : ''} fill="${options.color ?? TEXT}" text-anchor="${options.anchor ?? 'start'}">${escapeXml(content)}</text>`;
}

export interface Bar {
  label: string;
  value: number;
  /** What is written after the bar, e.g. "12 (23,1 %)". */
  caption: string;
  color?: string;
}

/** Horizontal bars, one a row, labels on the left, captions after the bars. */
export function barChart(bars: readonly Bar[], options: { width: number; labelWidth?: number; color?: string }): string {
  const labelWidth = options.labelWidth ?? Math.min(190, options.width * 0.38);
  const rowHeight = 15;
  const barHeight = 9.5;
  const captionRoom = 70;
  const area = Math.max(40, options.width - labelWidth - 8 - captionRoom);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 6;
  const body: string[] = [];
  body.push(`<line x1="${r1(labelWidth + 6)}" y1="2" x2="${r1(labelWidth + 6)}" y2="${r1(height - 2)}" stroke="${GRID}" stroke-width="0.8"/>`);
  bars.forEach((bar, i) => {
    const y = 4 + i * rowHeight;
    const w = (bar.value / max) * area;
    body.push(text(labelWidth, y + barHeight - 1.5, fitText(bar.label, 7.5, labelWidth - 4), { anchor: 'end' }));
    if (w > 0) body.push(`<rect x="${r1(labelWidth + 6)}" y="${r1(y)}" width="${r1(Math.max(w, 1))}" height="${barHeight}" fill="${bar.color ?? options.color ?? CHART_COLORS[0]}"/>`);
    body.push(text(labelWidth + 6 + w + 4, y + barHeight - 1.5, bar.caption, { color: MUTED }));
  });
  return svg(options.width, height, body);
}

export interface Stack {
  label: string;
  segments: ReadonlyArray<{ key: string; value: number }>;
}

/** Horizontal 100 % stacked bars (one per stack) with a legend under them. */
export function stackedBarChart(stacks: readonly Stack[], legend: ReadonlyArray<{ key: string; label: string }>, options: { width: number; colors: Record<string, string> }): string {
  const labelWidth = 110;
  const rowHeight = 24;
  const barHeight = 16;
  const area = options.width - labelWidth - 10;
  const body: string[] = [];
  stacks.forEach((stack, i) => {
    const y = 4 + i * rowHeight;
    const total = stack.segments.reduce((a, s) => a + s.value, 0);
    body.push(text(labelWidth, y + barHeight / 2 + 2.5, fitText(stack.label, 7.5, labelWidth - 4), { anchor: 'end' }));
    let x = labelWidth + 6;
    for (const segment of stack.segments) {
      if (total === 0 || segment.value <= 0) continue;
      const w = (segment.value / total) * area;
      body.push(`<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${barHeight}" fill="${options.colors[segment.key] ?? MUTED}" stroke="#ffffff" stroke-width="0.6"/>`);
      const caption = String(segment.value);
      if (textWidth(caption, 7) + 4 < w) body.push(text(x + w / 2, y + barHeight / 2 + 2.5, caption, { size: 7, anchor: 'middle', color: '#ffffff', bold: true }));
      x += w;
    }
  });
  let lx = labelWidth + 6;
  let ly = 4 + stacks.length * rowHeight + 6;
  for (const item of legend) {
    const w = 12 + textWidth(item.label, 7) + 12;
    if (lx + w > options.width) {
      lx = labelWidth + 6;
      ly += 12;
    }
    body.push(`<rect x="${r1(lx)}" y="${r1(ly)}" width="8" height="8" fill="${options.colors[item.key] ?? MUTED}"/>`);
    body.push(text(lx + 11, ly + 7, item.label, { size: 7 }));
    lx += w;
  }
  return svg(options.width, ly + 12, body);
}

export interface Series {
  label: string;
  /** One value a month; null = hidden (the line breaks there). */
  values: ReadonlyArray<number | null>;
  color: string;
}

/** "Nice" upper bound and step for an axis from 0 to max. */
export function niceAxis(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const rounded = Number.isInteger(step) ? step : Math.ceil(step);
  return { top: Math.ceil(max / rounded) * rounded, step: rounded };
}

/** Lines over months with a value axis, month labels and a legend. */
export function lineChart(series: readonly Series[], monthLabels: readonly string[], options: { width: number; height?: number }): string {
  const height = options.height ?? 190;
  const left = 34;
  const right = 10;
  const top = 22;
  const bottom = 26;
  const plotW = options.width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const { top: axisTop, step } = niceAxis(max);
  const n = monthLabels.length;
  const inset = 22; // room for the first and last month's label
  const xOf = (i: number): number => left + (n <= 1 ? plotW / 2 : inset + (i / (n - 1)) * (plotW - 2 * inset));
  const yOf = (v: number): number => top + plotH - (v / axisTop) * plotH;
  const body: string[] = [];

  for (let v = 0; v <= axisTop; v += step) {
    const y = yOf(v);
    body.push(`<line x1="${left}" y1="${r1(y)}" x2="${r1(left + plotW)}" y2="${r1(y)}" stroke="${GRID}" stroke-width="${v === 0 ? 0.9 : 0.5}"/>`);
    body.push(text(left - 4, y + 2.5, String(v), { size: 7, anchor: 'end', color: MUTED }));
  }
  const every = Math.max(1, Math.ceil(n / 12));
  monthLabels.forEach((label, i) => {
    // Every `every`-th month, and the last one when it does not crowd the one before it.
    if (i % every !== 0 && !(i === n - 1 && (n - 1) % every >= every * 0.6)) return;
    body.push(text(xOf(i), top + plotH + 11, label, { size: 6.5, anchor: 'middle', color: MUTED }));
  });

  for (const s of series) {
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) body.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.4"/>`);
      run = [];
    };
    s.values.forEach((value, i) => {
      if (value === null) {
        flush();
        return;
      }
      run.push(`${r1(xOf(i))},${r1(yOf(value))}`);
      if (n <= 24) body.push(`<circle cx="${r1(xOf(i))}" cy="${r1(yOf(value))}" r="1.7" fill="${s.color}"/>`);
    });
    flush();
  }

  let lx = left;
  for (const s of series) {
    body.push(`<rect x="${r1(lx)}" y="6" width="10" height="3" fill="${s.color}"/>`);
    body.push(text(lx + 13, 10, s.label, { size: 7 }));
    lx += 13 + textWidth(s.label, 7) + 14;
  }
  return svg(options.width, height, body);
}
