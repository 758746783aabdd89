import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ChunkEncoder } from './chunkEncoder.ts';
import { startsLikeFormula } from './neutraliseFormula.ts';
import type { QueryResult } from './queryResult.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxSource {
  title: string;
  snapshotName: string;
  /** Already in local time, dd/mm/yyyy hh:mm. */
  snapshotCreatedAt: string;
  /** The filters as the page says them (describeExportParams.ts). */
  params: { label: string; value: string }[];
  /** The synthetic-data warning when the snapshot holds demo data, else null. */
  synthetic: string | null;
  /** Per output column: true when it holds a share (a fraction of 1), formatted 0.0%. */
  shares: boolean[];
}

export const SOURCE_TEXT = 'Cơ sở dữ liệu điển hình tiên tiến tỉnh Hưng Yên (Sở Nội vụ)';
const MAX_SHEET_NAME = 31;

/**
 * Excel refuses sheet names over 31 characters or with []:*?/\ in them. A longer title is cut
 * at the last word boundary that fits (and a dangling comma or dash dropped), not mid-word.
 */
export function sheetName(title: string): string {
  const clean = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= MAX_SHEET_NAME) return clean || 'Du lieu';
  const head = clean.slice(0, MAX_SHEET_NAME + 1);
  const cut = head.lastIndexOf(' ');
  let kept = cut > 0 ? head.slice(0, cut) : clean.slice(0, MAX_SHEET_NAME);
  // "… (Mục" reads as a slip: an opened bracket that the cut left unclosed goes too.
  const open = kept.lastIndexOf('(');
  if (open > 0 && kept.indexOf(')', open) < 0) kept = kept.slice(0, open);
  return kept.replace(/[\s,;:–—-]+$/u, '') || 'Du lieu';
}

/**
 * One sheet with the table (headings in row 1, frozen, filter on; shares as 0.0%), one "Nguồn"
 * sheet with the title, snapshot (local time), source and filters in words, and the synthetic-data
 * warning first when the snapshot holds demo data, written with exceljs's streaming writer: each row goes to the
 * zip (deflated as it comes) once committed, so a 100,000-row list never sits in memory whole.
 * Text is always a string cell with no formula element (<f>): Excel only runs what is stored as
 * a formula, so "=1+1" from the data shows as text. A formula-looking string also gets the
 * Text number format "@": if someone edits the cell and presses Enter, Excel keeps what was
 * typed as text instead of evaluating it.
 */
export function createXlsxEncoder(out: Writable, headings: string[], source: XlsxSource): ChunkEncoder {
  // Inline strings (no shared-strings table): that table would keep every distinct name until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Hệ thống theo dõi điển hình tiên tiến tỉnh Hưng Yên';
  workbook.title = source.synthetic ? `${source.title} (${source.synthetic})` : source.title;
  if (source.synthetic) {
    workbook.subject = source.synthetic;
    workbook.keywords = 'DỮ LIỆU MINH HỌA';
  }
  const sheet = workbook.addWorksheet(sheetName(source.title), {
    views: [{ state: 'frozen', ySplit: 1 }],
    // The warning prints on every page of the table and the tab is red, as the .docx marks it.
    ...(source.synthetic
      ? {
          properties: { tabColor: { argb: 'FFC00000' } },
          headerFooter: { oddHeader: `&C&"-,Bold"&KC00000${source.synthetic}`, oddFooter: `&C${source.synthetic}` },
        }
      : {}),
  });
  headings.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2));
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, headings.length) } };
  const header = sheet.addRow(headings);
  header.font = { bold: true };
  header.commit();

  return {
    contentType: XLSX_TYPE,
    write(chunk: QueryResult) {
      for (let row = 0; row < chunk.rowCount; row++) {
        const excelRow = sheet.addRow([]);
        chunk.columns.forEach((column, i) => {
          const value = column.values[row] ?? null;
          // An empty text is a blank cell: inline strings have no empty form Excel keeps.
          if (value === null || value === '') return;
          const cell = excelRow.getCell(i + 1);
          if (column.kind === 'date' || column.kind === 'timestamp') {
            cell.value = new Date(value as number);
            cell.numFmt = column.kind === 'date' ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm';
          } else if (typeof value === 'number' && source.shares[i]) {
            cell.value = value;
            cell.numFmt = '0.0%';
          } else if (typeof value === 'string') {
            cell.value = value;
            if (startsLikeFormula(value)) cell.numFmt = '@';
          } else {
            cell.value = value;
          }
        });
        excelRow.commit();
      }
    },
    async end() {
      sheet.commit();
      const about = workbook.addWorksheet('Nguồn');
      about.getColumn(1).width = 28;
      about.getColumn(2).width = 70;
      if (source.synthetic) {
        const warning = about.addRow(['Lưu ý', source.synthetic]);
        warning.font = { bold: true, color: { argb: 'FFC00000' } };
        warning.commit();
      }
      about.addRow(['Bảng', source.title]).commit();
      about.addRow(['Bản chốt số liệu', source.snapshotName]).commit();
      about.addRow(['Thời điểm chốt số liệu', source.snapshotCreatedAt]).commit();
      about.addRow(['Nguồn', SOURCE_TEXT]).commit();
      for (const { label, value } of source.params) {
        const row = about.addRow([label, value]);
        row.getCell(2).numFmt = '@';
        row.commit();
      }
      about.commit();
      await workbook.commit();
    },
  };
}
