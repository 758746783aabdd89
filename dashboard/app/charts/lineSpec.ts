import * as Plot from '@observablehq/plot';
import type { Table, TypeMap } from 'apache-arrow';
import { INK, LEFT_AXIS_MARGIN_TOP, baseStyle, countFormat, fitMargins, yearFormat } from './theme.ts';

/** C: the table's column names (a query's, when the table is typed), so a misspelt column does not compile. */
export interface LineOptions<C extends string = string> {
  x: C;
  y: C;
  valueLabel: string;
  /** Optional series column: each line is named at its end, so colour is never needed. */
  series?: C;
}

/** The year-by-year trend: lines with dots and the value at each point (one series), or the
 *  series name at each line's end (several). Dash patterns tell series apart in grey-scale. */
export function lineSpec<T extends TypeMap>(data: Table<T>, o: LineOptions<keyof T & string>, width?: number): Plot.PlotOptions;
export function lineSpec(data: Table, o: LineOptions, width?: number): Plot.PlotOptions {
  const years = Array.from(new Set<number>(data.getChild(o.x) ?? [])).sort((a, b) => a - b);
  const common = {
    style: baseStyle,
    marginTop: LEFT_AXIS_MARGIN_TOP,
    marginBottom: 36,
    x: { label: null, ticks: years, tickFormat: yearFormat, inset: 24 },
    y: { label: o.valueLabel, grid: true, tickFormat: countFormat, nice: true, zero: true, ticks: 6 },
  };
  if (!o.series) {
    return {
      ...common,
      marks: [
        Plot.lineY(data, { x: o.x, y: o.y, stroke: INK, strokeWidth: 2.5 }),
        Plot.dot(data, { x: o.x, y: o.y, fill: INK, r: 4 }),
        Plot.text(data, { x: o.x, y: o.y, text: (d: Record<string, unknown>) => countFormat(d[o.y]), dy: -12, fill: '#111' }),
      ],
    };
  }
  const dashes = ['none', '6 3', '2 3', '10 3 2 3', '1 6'];
  const names = Array.from(new Set<string>(data.getChild(o.series) ?? []));
  return {
    ...common,
    marginRight: fitMargins(width, 40, 160).right,
    marks: names.flatMap((name, i) => {
      const filter = (d: Record<string, unknown>) => d[o.series!] === name;
      const dash = dashes[i % dashes.length]!;
      return [
        Plot.lineY(data, { x: o.x, y: o.y, filter, stroke: INK, strokeDasharray: dash, strokeWidth: 2 }),
        Plot.dot(data, { x: o.x, y: o.y, filter, fill: INK, r: 3 }),
        Plot.text(
          data,
          Plot.selectLast({ x: o.x, y: o.y, filter, text: o.series, dx: 8, textAnchor: 'start', fill: '#111', lineWidth: 14 }),
        ),
      ];
    }),
  };
}
