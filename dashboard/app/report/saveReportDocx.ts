import { download, fileSlug } from '../export/download.ts';
import { figurePng, type FigureImage } from './figurePng.ts';
import { reportDocx } from './reportDocx.ts';
import type { ReportModel } from './reportModel.ts';

/** Rasterises the figures drawn on the page, writes the .docx in the browser and saves it. */
export async function saveReportDocx(model: ReportModel, root: Element): Promise<void> {
  const images = new Map<number, FigureImage>();
  for (const section of model.sections) {
    for (const block of section.blocks) {
      if (block.type !== 'figure') continue;
      const figure = root.querySelector(`[data-figure-no="${block.no}"]`);
      if (!figure) throw new Error(`Không thấy Hình ${block.no} trên trang`);
      images.set(block.no, await figurePng(figure));
    }
  }
  const blob = await reportDocx(model, images);
  download(blob, `${fileSlug(`bao-cao-tong-ket ${model.subtitle}`)}_${fileSlug(model.snapshot)}.docx`);
}
