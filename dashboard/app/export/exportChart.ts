import { composeSvg, type ExportCaption } from './composeSvg.ts';
import { rasterise, type PngSize } from './rasterise.ts';
import { download, fileSlug } from './download.ts';
import { a4PartsIn } from './a4Figure.ts';

export type ChartExportFormat = 'svg' | PngSize;

/** The chart's own SVGs inside a chart host: a legend (if any) then the plot. */
export function chartParts(host: Element): SVGSVGElement[] {
  return Array.from(host.querySelectorAll<SVGSVGElement>(':scope .plot-host > svg, :scope .plot-host > figure > svg'));
}

/** Exports the chart drawn in `host` with its caption drawn into the image. SVG and PNG 2× copy
 *  the screen's drawing; the A4 PNG draws the chart again at the width it is printed at. */
export async function exportChart(host: Element, caption: ExportCaption, format: ChartExportFormat, baseName: string): Promise<void> {
  const parts = (format === 'a4' ? a4PartsIn(host) : null) ?? chartParts(host);
  if (parts.length === 0) throw new Error('Biểu đồ chưa được vẽ');
  const svg = composeSvg(parts, caption);
  const name = fileSlug(baseName);
  if (format === 'svg') {
    download(new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }), `${name}.svg`);
    return;
  }
  const png = await rasterise(svg, format);
  download(png, `${name}${format === 'a4' ? '_A4-300dpi' : '_2x'}.png`);
}
