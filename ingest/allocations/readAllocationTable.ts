import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { cellText } from '../parse/cellText.ts';
import { decodeCsvText } from '../parse/decodeCsv.ts';
import { detectFileType } from '../parse/detectFileType.ts';
import { inspectXlsxZip } from '../parse/inspectZip.ts';
import { problem } from '../parse/uploadProblem.ts';
import { cleanText } from '../text/normalise.ts';

/** An allocation list is one line per agency: small, so it is read whole (with the zip check). */
// exceljs loads this workbook whole (it is small): the cell bounds keep that load small too.
export const ALLOCATION_LIMITS = {
  maxBytes: 2 * 1048576,
  maxRows: 2_000,
  maxUncompressedBytes: 20 * 1048576,
  maxZipRatio: 100,
  maxCells: 40_000,
  maxColumns: 50,
  maxSharedStrings: 40_000,
  maxSharedStringsBytes: 4 * 1048576,
};

/** The file as a grid of cleaned cell texts, row 1 first, whatever its form. */
export async function readAllocationTable(bytes: Buffer, fileName: string): Promise<string[][]> {
  if (bytes.length > ALLOCATION_LIMITS.maxBytes) throw problem('FILE_TOO_LARGE', 'Tệp phân bổ đại biểu lớn hơn 2 MB.', 413);
  const type = detectFileType(bytes, fileName);
  let rows: string[][];
  if (type === 'xlsx') rows = await readXlsx(bytes);
  else if (type === 'json') rows = readJson(bytes);
  else rows = readCsv(bytes);
  if (rows.length > ALLOCATION_LIMITS.maxRows) throw problem('TOO_MANY_ROWS', `Tệp có hơn ${ALLOCATION_LIMITS.maxRows} dòng.`, 413);
  return rows;
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  inspectXlsxZip(bytes, { ...ALLOCATION_LIMITS, maxRatio: ALLOCATION_LIMITS.maxZipRatio });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw problem('FILE_UNREADABLE', 'Không đọc được tệp Excel: hãy lưu lại và gửi lại.', 400, { reason: String(error) });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let col = 1; col <= Math.min(row.cellCount, 50); col++) cells.push(cellText(row.getCell(col).value) ?? '');
    rows.push(cells.map(cleanText));
  }
  return rows;
}

function readCsv(bytes: Buffer): string[][] {
  // UTF-8, Windows-1258 or Excel's UTF-16 "Unicode Text" (tab-separated).
  const { text } = decodeCsvText(bytes);
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  const delimiter = ([',', ';', '\t'] as const).reduce((best, d) => (count(d) > count(best) ? d : best));
  try {
    const records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return records.map((r) => r.map(cleanText));
  } catch (error) {
    throw problem('FILE_UNREADABLE', 'Không đọc được tệp CSV (dấu ngoặc kép không khớp hoặc tệp bị cắt).', 400, { reason: String(error) });
  }
}

/** JSON: [{ "agency": "SYT", "seats": 12 }, …]; a header row is synthesised. */
function readJson(bytes: Buffer): string[][] {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw problem('FILE_UNREADABLE', 'Tệp JSON không hợp lệ.', 400);
  }
  if (!Array.isArray(data)) throw problem('JSON_SHAPE', 'Tệp JSON phải là một mảng các bản ghi { "agency": …, "seats": … }.', 422);
  return [
    ['agency', 'seats'],
    ...data.map((r) =>
      r && typeof r === 'object'
        ? [cleanText(String((r as Record<string, unknown>).agency ?? '')), cleanText(String((r as Record<string, unknown>).seats ?? ''))]
        : ['', ''],
    ),
  ];
}
