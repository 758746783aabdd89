import { formatInteger } from '../lib/format.ts';

// Noto Sans has every Vietnamese glyph (Debian: fonts-noto-core); the fallbacks too.
export const CHART_FONT = '"Noto Sans", "DejaVu Sans", Arial, sans-serif';

// One dark blue for single-series bars: reads as a dark grey when printed in grey-scale.
export const INK = '#1f4e79';
export const MUTED = '#6b7280';

// Heat maps use a sequential single-hue scheme (light → dark blue), safe for colour-blind
// viewers and monotone in grey-scale; every cell also carries its number.
export const HEAT_SCHEME = 'blues';

/** Text size of every chart's words and numbers, in CSS px (9 pt when printed at 96 px/in). */
export const FONT_PX = 12;
export const baseStyle = { fontFamily: CHART_FONT, fontSize: `${FONT_PX}px`, background: 'white', color: '#111' };
/** Plot draws legends in 10 px unless told: legends get the chart's own style. */
export const legendStyle = { style: baseStyle };

/** Where a chart is drawn: on a screen (long names cut to fit a phone) or on paper, an A4
 *  figure (long names wrapped onto several lines, never cut: a printed figure stands alone). */
export type ChartMedium = 'screen' | 'print';

/** A top axis with its label: the label ("Lượt công nhận →") gets its own line above the
 *  tick labels (Plot's default 30 px margin puts it on the ticks' line at 12 px). */
export const TOP_AXIS_MARGIN = 46;
/** A left axis with its label above it ("↑ Lượt công nhận"): clear of the top tick label. */
export const LEFT_AXIS_MARGIN_TOP = 32;

/** Years are labels, never "2.021": no thousands separator. */
export const yearFormat = (d: unknown): string => String(d);
export const countFormat = (d: unknown): string => formatInteger(Number(d));

/** Long names would run off the left margin: cut them with an ellipsis to fit `width` pixels. */
export function truncateToWidth(text: string, width: number): string {
  const max = Math.max(8, Math.floor(width / 6.6));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Below this width a chart is laid out for a phone: narrower label margins, shorter notes. */
export const NARROW = 560;

/**
 * Side margins that fit a chart `width` px wide: the asked margins on a wide screen. On a narrow
 * one the plot area keeps at least 45 % of the width, so band and bar ranges never invert
 * ("negative rect width"); the right margin (values written at the bars' ends) keeps its room
 * first, the label margin shrinks to at most `share` of the width (labels are cut to fit).
 */
export function fitMargins(width: number | undefined, left: number, right: number, share = 0.4): { left: number; right: number } {
  if (width === undefined) return { left, right };
  const room = Math.floor(width * 0.55);
  const r = Math.min(right, Math.max(0, room - 60));
  const l = Math.min(left, Math.max(60, Math.floor(width * share)), Math.max(40, room - r));
  return { left: l, right: r };
}
