import type * as Plot from '@observablehq/plot';
import { fitMargins, type ChartMedium } from './theme.ts';

/**
 * What a chart host draws: a spec built for the width it is drawn at and the medium (screen, or
 * an A4 figure), or a spec built for one fixed size (the report's A4 figures).
 */
export type ChartSpec = Plot.PlotOptions | ((width: number, medium: ChartMedium) => Plot.PlotOptions);

// Each drawn chart's spec, by its host element: the A4 export draws the chart again at the
// printed width from the spec rather than scaling down the screen's drawing (and its text).
const specs = new WeakMap<Element, ChartSpec>();

export function rememberSpec(host: Element, spec: ChartSpec): void {
  specs.set(host, spec);
}

export function specOf(host: Element): ChartSpec | undefined {
  return specs.get(host);
}

/** A spec built for one size: its side margins still fit a narrower `width`. */
function fitted(s: Plot.PlotOptions, width: number): Plot.PlotOptions {
  const { left, right } = fitMargins(width, s.marginLeft ?? 40, s.marginRight ?? 20);
  return {
    ...s,
    ...(s.marginLeft !== undefined ? { marginLeft: left } : {}),
    ...(s.marginRight !== undefined ? { marginRight: right } : {}),
  };
}

/** The Plot options to draw `spec` `width` px wide on `medium`. */
export function specAt(spec: ChartSpec, width: number, medium: ChartMedium): Plot.PlotOptions {
  return { ...(typeof spec === 'function' ? spec(width, medium) : fitted(spec, width)), width };
}
