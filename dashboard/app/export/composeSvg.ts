import { CHART_FONT } from '../charts/theme.ts';

/** What an exported image says around the chart: a chart pasted into a report stands alone. */
export interface ExportCaption {
  title: string;
  /** Unit and filters in force, one line each. */
  lines: string[];
  /** "Nguồn: …, snapshot N, ngày …" */
  source: string;
  /** Drawn in the image when the data set is synthetic. */
  warning?: string | null;
}

export interface ComposedSvg {
  text: string;
  width: number;
  height: number;
}

/** White space around the chart and its caption, in px. */
export const PAD = 16;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Greedy word wrap by an average glyph width: good enough for captions, no layout engine. */
export function wrap(text: string, width: number, fontSize: number): string[] {
  const perLine = Math.max(20, Math.floor(width / (fontSize * 0.55)));
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > perLine) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function size(svg: SVGSVGElement): { width: number; height: number } {
  const width = Number(svg.getAttribute('width')) || svg.viewBox.baseVal?.width || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || svg.viewBox.baseVal?.height || svg.getBoundingClientRect().height;
  return { width, height };
}

/**
 * One standalone SVG document: title and caption lines above, the chart's SVG(s) (a legend,
 * then the plot) stacked below, the source and any synthetic-data warning at the foot, all in
 * a font with Vietnamese glyphs.
 */
export function composeSvg(parts: SVGSVGElement[], caption: ExportCaption): ComposedSvg {
  const sizes = parts.map(size);
  const inner = Math.max(480, ...sizes.map((s) => s.width));
  const width = inner + 2 * PAD;
  // The parts' own window's serializer: the figure can be composed outside a page (tests).
  const view = parts[0]?.ownerDocument?.defaultView as (Window & typeof globalThis) | null | undefined;
  const serializer = new (view?.XMLSerializer ?? XMLSerializer)();
  const out: string[] = [];
  let y = PAD;

  const textLines = (lines: string[], fontSize: number, weight: string, fill: string): void => {
    for (const line of lines) {
      y += fontSize * 1.3;
      out.push(
        `<text x="${PAD}" y="${y.toFixed(1)}" font-size="${fontSize}" font-weight="${weight}" fill="${fill}">${escapeXml(line)}</text>`,
      );
    }
  };

  textLines(wrap(caption.title, inner, 18), 18, '700', '#111');
  textLines(
    caption.lines.flatMap((l) => wrap(l, inner, 12)),
    12,
    '400',
    '#333',
  );
  y += 8;
  parts.forEach((part, i) => {
    const { width: w, height: h } = sizes[i]!;
    const clone = part.cloneNode(true) as SVGSVGElement;
    clone.setAttribute('x', String(PAD));
    clone.setAttribute('y', y.toFixed(1));
    clone.setAttribute('width', String(w));
    clone.setAttribute('height', String(h));
    clone.setAttribute('font-family', CHART_FONT);
    clone.style.fontFamily = CHART_FONT;
    out.push(serializer.serializeToString(clone));
    y += h + 4;
  });
  y += 6;
  textLines(wrap(caption.source, inner, 11), 11, '400', '#333');
  if (caption.warning) textLines(wrap(caption.warning, inner, 11), 11, '700', '#8a1c1c');
  const height = Math.ceil(y + PAD);

  const text =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${CHART_FONT}'>` +
    `<rect width="100%" height="100%" fill="white"/>` +
    out.join('') +
    `</svg>`;
  return { text, width, height };
}
