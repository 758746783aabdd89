import { columnNumber } from './xlsxBounds.ts';

/** A merged range, 1-based, from the sheet XML's <mergeCell ref="B7:B12"/>. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The sheet XML from its <mergeCells> on (it follows the rows): decoding the whole sheet would copy it. */
export function mergeCellsXml(sheetXml: Uint8Array): string {
  const buffer = Buffer.from(sheetXml.buffer, sheetXml.byteOffset, sheetXml.byteLength);
  const at = buffer.lastIndexOf('<mergeCells');
  return at < 0 ? '' : buffer.subarray(at).toString('utf8');
}

export function parseMergeRanges(sheetXml: string): MergeRange[] {
  const ranges: MergeRange[] = [];
  for (const m of sheetXml.matchAll(/<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
    ranges.push({ left: columnNumber(m[1] as string), top: Number(m[2]), right: columnNumber(m[3] as string), bottom: Number(m[4]) });
  }
  return ranges;
}

/**
 * Clerks merge a cell down over several rows ("Phong trào" or "Số QĐ" shared by a group);
 * Excel stores the value only in the top cell. This fills it into every row of the range.
 */
export class VerticalMergeFiller {
  private readonly byTop = new Map<number, MergeRange[]>();
  private readonly active: { range: MergeRange; value: string | null }[] = [];

  constructor(ranges: readonly MergeRange[]) {
    for (const r of ranges) {
      if (r.bottom <= r.top) continue;
      const list = this.byTop.get(r.top) ?? [];
      list.push(r);
      this.byTop.set(r.top, list);
    }
  }

  /** `cells` is 0-based by column (column A = 0); changed in place. */
  fill(rowNumber: number, cells: (string | null)[]): void {
    for (let i = this.active.length - 1; i >= 0; i--) {
      const a = this.active[i]!;
      if (rowNumber > a.range.bottom) this.active.splice(i, 1);
      else if (rowNumber > a.range.top && (cells[a.range.left - 1] ?? null) === null) cells[a.range.left - 1] = a.value;
    }
    for (const range of this.byTop.get(rowNumber) ?? []) this.active.push({ range, value: cells[range.left - 1] ?? null });
  }
}
