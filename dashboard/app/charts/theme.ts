import { formatInteger } from '../lib/format.ts';

// Noto Sans has every Vietnamese glyph (Debian: fonts-noto-core); the fallbacks too.
export const CHART_FONT = '"Noto Sans", "DejaVu Sans", Arial, sans-serif';

// One dark blue for single-series bars: reads as a dark grey when printed in grey-scale.
export const INK = '#1f4e79';
export const MUTED = '#6b7280';

// Heat maps use a sequential single-hue scheme (light → dark blue), safe for colour-blind
// viewers and monotone in grey-scale; every cell also carries its number.
export const HEAT_SCHEME = 'blues';

export const baseStyle = { fontFamily: CHART_FONT, fontSize: '12px', background: 'white', color: '#111' };

/** Years are labels, never "2.021": no thousands separator. */
export const yearFormat = (d: unknown): string => String(d);
export const countFormat = (d: unknown): string => formatInteger(Number(d));

/** Long names would run off the left margin: cut them with an ellipsis to fit `width` pixels. */
export function truncateToWidth(text: string, width: number): string {
  const max = Math.max(8, Math.floor(width / 6.6));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
