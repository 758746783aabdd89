import { CHART_FONT } from '../charts/theme.ts';
import { rasterise } from '../export/rasterise.ts';

export interface FigureImage {
  data: Uint8Array;
  /** CSS pixels of the drawn chart: the Word image keeps its proportions. */
  width: number;
  height: number;
}

/**
 * The chart drawn in a report figure as a PNG at twice its size (the dashboard's own
 * rasteriser, fonts with Vietnamese glyphs): Word gets exactly the chart on the page.
 */
export async function figurePng(figure: Element): Promise<FigureImage> {
  const svg = figure.querySelector<SVGSVGElement>('.plot-host svg');
  if (!svg) throw new Error('Biểu đồ chưa được vẽ');
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('font-family', CHART_FONT);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
  const blob = await rasterise({ text, width, height }, 'x2');
  return { data: new Uint8Array(await blob.arrayBuffer()), width, height };
}
