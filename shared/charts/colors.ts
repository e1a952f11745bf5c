/**
 * The one place for chart and risk-level colours (issue 12): the renderer's
 * statistics charts, the statistics PDF's charts (electron/core/stats/charts.ts),
 * the court report's level chart (electron/core/documents/levelChart.ts) and
 * the CSS (`--level-*` custom properties, set from here at start-up by
 * renderer/src/main.tsx) all read them. Each level colour has at least 4.5:1
 * contrast on white, so it also serves as text colour.
 */
import { LEVEL_IDS, type LevelId } from '../risk-tool/types';

/** Series colours, in the order charts use them. */
export const CHART_COLORS = ['#1d5b85', '#c2410c', '#1e6b3a', '#7b3fa0', '#8a5a00', '#0f766e'] as const;

/** A risk level's (= a case priority's) colour. */
export const LEVEL_COLORS: Readonly<Record<LevelId, string>> = {
  urgent: '#b42318',
  high: '#c2410c',
  medium: '#8a5a00',
  low: '#1d5b85',
  none: '#1e6b3a',
};

/** Cases without an assessment yet (statistics' priority chart). */
export const UNASSESSED_COLOR = '#8a96a3';

/** The priority chart's colours: the levels and "not assessed". */
export const PRIORITY_COLORS: Readonly<Record<LevelId | 'unassessed', string>> = { ...LEVEL_COLORS, unassessed: UNASSESSED_COLOR };

/** The CSS custom properties of the level colours: `--level-urgent` … `--level-none`. */
export const levelCssVariables = (): Array<[name: string, value: string]> => LEVEL_IDS.map((id) => [`--level-${id}`, LEVEL_COLORS[id]]);
