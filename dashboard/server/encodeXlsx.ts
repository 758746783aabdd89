import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ChunkEncoder } from './chunkEncoder.ts';
import { startsLikeFormula } from './neutraliseFormula.ts';
import type { QueryResult } from './queryResult.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxSource {
  title: string;
  snapshotName: string;
  snapshotCreatedAt: string;
  params: Record<string, string>;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Du lieu';
}

/**
 * One sheet with the table (headings in row 1, frozen, filter on), one "Nguồn" sheet with the
 * title, filters and snapshot, written with exceljs's streaming writer: each row goes to the
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
  const sheet = workbook.addWorksheet(sheetName(source.title), { views: [{ state: 'frozen', ySplit: 1 }] });
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
      about.getColumn(1).width = 24;
      about.getColumn(2).width = 60;
      about.addRow(['Bảng', source.title]).commit();
      about.addRow(['Bản chụp dữ liệu', source.snapshotName]).commit();
      about.addRow(['Thời điểm bản chụp', source.snapshotCreatedAt]).commit();
      for (const [name, value] of Object.entries(source.params)) {
        const row = about.addRow([`Tham số ${name}`, value]);
        row.getCell(2).numFmt = '@';
        row.commit();
      }
      about.commit();
      await workbook.commit();
    },
  };
}
