import * as Plot from '@observablehq/plot';
import type { Table, TypeMap } from 'apache-arrow';
import { HEAT_SCHEME, baseStyle, countFormat, fitMargins, legendStyle, truncateToWidth, yearFormat, type ChartMedium } from './theme.ts';
import { maxLines, rowHeight, wrapToWidth, wrappedNamesAxis } from './wrapNames.ts';

/** C: the table's column names (a query's, when the table is typed), so a misspelt column does not compile. */
export interface HeatmapOptions<C extends string = string> {
  x: C;
  y: C;
  value: C;
  valueLabel: string;
  yFormat?: (value: unknown) => string;
  marginLeft?: number;
}

/** Movement × year (or agency × year): a sequential single-hue scale, and every cell's number
 *  written in it, so the value reads without the colour. In print (an A4 figure, or a spec
 *  built without a width) long names wrap onto several lines instead of being cut. */
export function heatmapSpec<T extends TypeMap>(
  data: Table<T>,
  o: HeatmapOptions<keyof T & string>,
  width?: number,
  medium?: ChartMedium,
): Plot.PlotOptions;
export function heatmapSpec(
  data: Table,
  o: HeatmapOptions,
  width?: number,
  medium: ChartMedium = width === undefined ? 'print' : 'screen',
): Plot.PlotOptions {
  const names = new Set(data.getChild(o.y) ?? []);
  const rows = names.size;
  // Light text on the darkest classes, dark text elsewhere: the number stays legible in print.
  const values = Array.from(data.getChild(o.value) ?? [], Number);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const ink = (d: Record<string, unknown>): string => (Number(d[o.value]) > min + (max - min) * 0.8 ? 'white' : '#111');
  // On a phone the name margin shrinks (names cut to fit) so the year columns keep their room.
  const marginLeft = fitMargins(width, o.marginLeft ?? 240, 0, 0.36).left;
  const name = (d: unknown): string => (o.yFormat ? o.yFormat(d) : String(d));
  const print = medium === 'print';
  const yFormat = print ? (d: unknown) => wrapToWidth(name(d), marginLeft - 10) : (d: unknown) => truncateToWidth(name(d), marginLeft - 10);
  const row = rowHeight(print ? maxLines(Array.from(names, yFormat)) : 1, 24);
  return {
    style: baseStyle,
    marginLeft,
    marginTop: 30,
    height: Math.max(140, rows * row + 60),
    padding: 0.04,
    x: { label: null, tickFormat: yearFormat, axis: 'top', type: 'band' },
    y: { label: null, tickFormat: yFormat, type: 'band' },
    // Five classes rather than a continuous ramp: each prints as a distinct grey.
    color: { ...legendStyle, type: 'quantize', n: 5, scheme: HEAT_SCHEME, label: o.valueLabel, legend: true, tickFormat: countFormat },
    marks: [
      ...(print ? [wrappedNamesAxis(yFormat)] : []),
      Plot.cell(data, { x: o.x, y: o.y, fill: o.value, inset: 0.5 }),
      Plot.text(data, { x: o.x, y: o.y, text: (d: Record<string, unknown>) => countFormat(d[o.value]), fill: ink }),
    ],
  };
}
