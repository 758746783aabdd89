import * as Plot from '@observablehq/plot';
import type { Table, TypeMap } from 'apache-arrow';
import { INK, NARROW, TOP_AXIS_MARGIN, baseStyle, countFormat, fitMargins, truncateToWidth, type ChartMedium } from './theme.ts';
import { maxLines, rowHeight, wrapToWidth, wrappedNamesAxis } from './wrapNames.ts';
import { formatPercent } from '../lib/format.ts';

/** Long agency names would run off the left margin: cut them with an ellipsis. */
function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** C: the table's column names (a query's, when the table is typed), so a misspelt column does not compile. */
export interface ProgressOptions<C extends string = string> {
  /** The agency or movement label column. */
  label: C;
  target: C;
  result: C;
  valueLabel: string;
  marginLeft?: number;
}

/** Results against targets: an outlined bar for the target, a solid bar for the result, and
 *  the share achieved written beside it ("82 %"), so neither colour nor fill alone carries it.
 *  In print (an A4 figure, or a spec built without a width) long names wrap instead of being cut. */
export function progressSpec<T extends TypeMap>(
  data: Table<T>,
  o: ProgressOptions<keyof T & string>,
  width?: number,
  medium?: ChartMedium,
): Plot.PlotOptions;
export function progressSpec(
  data: Table,
  o: ProgressOptions,
  width?: number,
  medium: ChartMedium = width === undefined ? 'print' : 'screen',
): Plot.PlotOptions {
  // A missing target (agency without a plan) arrives as null: it reads as 0, said in words.
  const value = (v: unknown): number => (v === null || v === undefined || !Number.isFinite(Number(v)) ? 0 : Number(v));
  // On a phone only the share is written beside the bar ("78,0 %"); the counts are in the table.
  const narrow = width !== undefined && width < NARROW;
  const share = (d: Record<string, unknown>): string => {
    const target = value(d[o.target]);
    const result = value(d[o.result]);
    if (narrow) return target > 0 ? formatPercent(result / target) : 'không chỉ tiêu';
    return target > 0
      ? `${countFormat(result)}/${countFormat(target)} · ${formatPercent(result / target)}`
      : `${countFormat(result)} · không có chỉ tiêu`;
  };
  const { left: marginLeft, right: marginRight } = fitMargins(width, o.marginLeft ?? 300, narrow ? 72 : 170, 0.36);
  const print = medium === 'print';
  const label = print
    ? (d: unknown) => wrapToWidth(String(d), marginLeft - 10)
    : (d: unknown) => truncateToWidth(truncate(String(d), 46), marginLeft - 10);
  const row = rowHeight(print ? maxLines(Array.from(data.getChild(o.label) ?? [], label)) : 1, 24);
  const end = (d: Record<string, unknown>): number => Math.max(value(d[o.target]), value(d[o.result]));
  return {
    style: baseStyle,
    marginLeft,
    marginRight,
    marginTop: TOP_AXIS_MARGIN,
    marginBottom: 20,
    height: Math.max(120, data.numRows * row + TOP_AXIS_MARGIN + 20),
    x: { label: o.valueLabel, grid: true, tickFormat: countFormat, nice: true, axis: 'top' },
    y: { label: null, type: 'band', tickFormat: label },
    marks: [
      ...(print ? [wrappedNamesAxis(label)] : []),
      Plot.barX(data, {
        y: o.label,
        x: o.target,
        fill: 'white',
        stroke: '#333',
        strokeWidth: 1,
        sort: { y: '-x' },
        filter: (d: Record<string, unknown>) => value(d[o.target]) > 0,
      }),
      Plot.barX(data, {
        y: o.label,
        x: o.result,
        fill: INK,
        insetTop: 4,
        insetBottom: 4,
        filter: (d: Record<string, unknown>) => value(d[o.result]) > 0,
      }),
      Plot.text(data, { y: o.label, x: end, text: share, dx: 6, textAnchor: 'start', fill: '#111' }),
      Plot.ruleX([0]),
    ],
  };
}
