import * as Plot from '@observablehq/plot';
import type { Table, TypeMap } from 'apache-arrow';
import {
  INK,
  LEFT_AXIS_MARGIN_TOP,
  TOP_AXIS_MARGIN,
  baseStyle,
  countFormat,
  fitMargins,
  truncateToWidth,
  type ChartMedium,
} from './theme.ts';
import { maxLines, rowHeight, wrapToWidth, wrappedNamesAxis } from './wrapNames.ts';

/** C: the table's column names (a query's, when the table is typed), so a misspelt column does not compile. */
export interface BarOptions<C extends string = string> {
  /** Category column: year, movement label, agency name… */
  category: C;
  /** Count column (plain numbers). */
  value: C;
  /** 'vertical' for years; 'horizontal' for long names (movements, agencies). */
  orientation: 'vertical' | 'horizontal';
  categoryLabel?: string | null;
  valueLabel: string;
  /** Formats category ticks (e.g. years without separators, codes to Vietnamese). */
  categoryFormat?: (value: unknown) => string;
  /** Sort categories by value, highest first (rankings). */
  sortByValue?: boolean;
  /** Left margin for horizontal bars with long names. */
  marginLeft?: number;
}

/** Bars with their value written at the end: the number, not the colour, carries the meaning.
 *  With `width` (the container's), horizontal bars fit it: the name margin shrinks on a phone.
 *  On screen long names are cut to the margin; in print (an A4 figure, or a spec built without
 *  a width, which is drawn at one fixed size) they wrap onto as many lines as they need. */
export function barSpec<T extends TypeMap>(
  data: Table<T>,
  o: BarOptions<keyof T & string>,
  width?: number,
  medium?: ChartMedium,
): Plot.PlotOptions;
export function barSpec(
  data: Table,
  o: BarOptions,
  width?: number,
  medium: ChartMedium = width === undefined ? 'print' : 'screen',
): Plot.PlotOptions {
  const fmt = o.categoryFormat;
  // A zero draws no bar (a zero-width rect would be drawn for nothing): its "0" is still written.
  const drawn = (d: Record<string, unknown>): boolean => Number(d[o.value]) > 0;
  // Keep the query's own order (Tập thể, Cá nhân, Hộ gia đình; years) unless ranking by value.
  const domain = o.sortByValue ? undefined : Array.from(data.getChild(o.category) ?? []);
  if (o.orientation === 'vertical') {
    const sort = o.sortByValue ? { x: '-y' as const } : undefined;
    return {
      style: baseStyle,
      marginTop: LEFT_AXIS_MARGIN_TOP,
      marginBottom: 36,
      x: { label: o.categoryLabel ?? null, tickFormat: fmt, type: 'band', domain },
      y: { label: o.valueLabel, grid: true, tickFormat: countFormat, nice: true, ticks: 6 },
      marks: [
        Plot.barY(data, { x: o.category, y: o.value, fill: INK, sort, filter: drawn }),
        Plot.text(data, { x: o.category, y: o.value, text: (d: Record<string, unknown>) => countFormat(d[o.value]), dy: -8, fill: '#111' }),
        Plot.ruleY([0]),
      ],
    };
  }
  const sort = o.sortByValue ? { y: '-x' as const } : undefined;
  const { left: marginLeft, right: marginRight } = fitMargins(width, o.marginLeft ?? 240, 56);
  const print = medium === 'print';
  const name = (d: unknown): string => (fmt ? fmt(d) : String(d));
  const label = print ? (d: unknown) => wrapToWidth(name(d), marginLeft - 12) : (d: unknown) => truncateToWidth(name(d), marginLeft - 12);
  // Each row is as tall as its longest wrapped name needs (one line: the screen's 22 px).
  const row = rowHeight(print ? maxLines(Array.from(data.getChild(o.category) ?? [], label)) : 1, 22);
  return {
    style: baseStyle,
    marginLeft,
    marginRight,
    marginTop: TOP_AXIS_MARGIN,
    marginBottom: 20,
    height: Math.max(120, data.numRows * row + TOP_AXIS_MARGIN + 20),
    x: { label: o.valueLabel, grid: true, tickFormat: countFormat, nice: true, axis: 'top' },
    y: { label: o.categoryLabel ?? null, tickFormat: label, type: 'band', domain },
    marks: [
      ...(print ? [wrappedNamesAxis(label, o.categoryLabel ?? null)] : []),
      Plot.barX(data, { y: o.category, x: o.value, fill: INK, sort, filter: drawn }),
      Plot.text(data, {
        y: o.category,
        x: o.value,
        text: (d: Record<string, unknown>) => countFormat(d[o.value]),
        dx: 6,
        textAnchor: 'start',
        fill: '#111',
      }),
      Plot.ruleX([0]),
    ],
  };
}
