import ExcelJS from 'exceljs';
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
 * One sheet with the table (headings in row 1, filter on), one "Nguồn" sheet with the title,
 * filters and snapshot. Text is always written as a string cell (<c t="s">): Excel only runs
 * what is stored as a formula (<f>), so "=1+1" from the data shows as text when opened. A
 * formula-looking string also gets the Text number format "@": if someone edits the cell and
 * presses Enter, Excel keeps what was typed as text instead of evaluating it.
 */
export async function encodeXlsx(result: QueryResult, headings: string[], source: XlsxSource): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống theo dõi điển hình tiên tiến tỉnh Hưng Yên';
  const sheet = workbook.addWorksheet(sheetName(source.title));
  const header = sheet.addRow(headings);
  header.font = { bold: true };
  for (let row = 0; row < result.rowCount; row++) {
    const excelRow = sheet.getRow(row + 2);
    result.columns.forEach((column, i) => {
      const value = column.values[row] ?? null;
      if (value === null) return;
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
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, headings.length) } };
  headings.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, h.length + 2));
  });

  const about = workbook.addWorksheet('Nguồn');
  about.addRow(['Bảng', source.title]);
  about.addRow(['Bản chụp dữ liệu', source.snapshotName]);
  about.addRow(['Thời điểm bản chụp', source.snapshotCreatedAt]);
  for (const [name, value] of Object.entries(source.params)) {
    about.addRow([`Tham số ${name}`, value]).getCell(2).numFmt = '@';
  }
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 60;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
