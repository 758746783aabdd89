import type { ComposedSvg } from './composeSvg.ts';
import { withPngDensity } from './pngDensity.ts';
import { A4_TEXT_WIDTH_MM } from './a4Size.ts';

/** Print sizes offered for PNG: 2× the screen, or the A4 text width at 300 dpi. */
export type PngSize = 'x2' | 'a4';

// The text width, not the paper's 210 mm: a figure fills the text column it is pasted into.
const A4_WIDTH_INCHES = A4_TEXT_WIDTH_MM / 25.4;

export function pngScale(size: PngSize, svgWidth: number): { scale: number; dpi: number } {
  if (size === 'x2') return { scale: 2, dpi: 192 }; // pastes at the on-screen size, twice as sharp
  return { scale: (A4_WIDTH_INCHES * 300) / svgWidth, dpi: 300 };
}

/** Draws the composed SVG on a canvas (system fonts, so Noto Sans's Vietnamese glyphs) → PNG. */
export async function rasterise(svg: ComposedSvg, size: PngSize): Promise<Blob> {
  const { scale, dpi } = pngScale(size, svg.width);
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Trình duyệt không hỗ trợ canvas 2D');
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Không tạo được ảnh PNG'))), 'image/png'),
    );
    const bytes = withPngDensity(new Uint8Array(await blob.arrayBuffer()), dpi);
    return new Blob([bytes as BlobPart], { type: 'image/png' });
  } finally {
    URL.revokeObjectURL(url);
  }
}
