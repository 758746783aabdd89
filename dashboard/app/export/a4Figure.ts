import * as Plot from '@observablehq/plot';
import { specAt, specOf, type ChartSpec } from '../charts/chartSpec.ts';
import { PAD, composeSvg, type ComposedSvg, type ExportCaption } from './composeSvg.ts';
import { A4_FIGURE_PX } from './a4Size.ts';

/** The chart's SVGs (a legend, then the plot) drawn from `spec` for print at the A4 width. */
export function a4Parts(spec: ChartSpec, doc: Document = document): SVGSVGElement[] {
  const chart = Plot.plot({ ...specAt(spec, A4_FIGURE_PX - 2 * PAD, 'print'), document: doc }) as Element;
  return chart.tagName.toLowerCase() === 'svg'
    ? [chart as SVGSVGElement]
    : Array.from(chart.querySelectorAll<SVGSVGElement>(':scope > svg'));
}

/** One chart as an A4 figure: drawn again at the printed width (long names wrapped, text at
 *  least 8 pt on paper), its caption drawn in. */
export function a4Figure(spec: ChartSpec, caption: ExportCaption, doc: Document = document): ComposedSvg {
  return composeSvg(a4Parts(spec, doc), caption);
}

/** The A4 parts of every chart drawn in `host`, or null when a chart's spec is not known
 *  (then the screen's drawing is all there is to export). */
export function a4PartsIn(host: Element): SVGSVGElement[] | null {
  const hosts = Array.from(host.querySelectorAll('.plot-host'));
  const specs = hosts.map(specOf);
  if (hosts.length === 0 || specs.some((s) => s === undefined)) return null;
  return specs.flatMap((s) => a4Parts(s!, host.ownerDocument));
}
