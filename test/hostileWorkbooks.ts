import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { HEADER } from './ingest-helpers.ts';

/**
 * Workbooks built to exhaust a reader's memory (docs/architecture.md#security, hostile files), made from a real exceljs
 * workbook whose parts are then swapped for hostile ones, deflated as Excel would.
 */
async function baseWorkbook(): Promise<Record<string, Uint8Array>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(HEADER);
  ws.addRow(['1', 'Nguyễn Văn A', 'Cá nhân', 'Sở Y tế', '3', '2023', '1/QĐ', '05/06/2023']);
  return unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
}

function zip(parts: Record<string, Uint8Array>): Uint8Array {
  const out: Zippable = {};
  for (const [name, data] of Object.entries(parts)) out[name] = [data, { level: 6 }];
  return zipSync(out);
}

/** A sharedStrings.xml of `count` distinct short entries (5,000,000 zip to about 13 MB). */
export async function manySharedStrings(count: number): Promise<Uint8Array> {
  const parts = await baseWorkbook();
  // The list's own strings stay first, so its header and row still read; the rest follow.
  const own = strFromU8(parts['xl/sharedStrings.xml']!);
  const chunks: string[] = [own.slice(0, own.lastIndexOf('</sst>'))];
  const extra = count - (own.match(/<si>/g)?.length ?? 0);
  for (let i = 0; i < extra; i++) chunks.push(`<si><t>s${i}</t></si>`);
  chunks.push('</sst>');
  parts['xl/sharedStrings.xml'] = strToU8(chunks.join(''));
  return zip(parts);
}

const columnName = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/**
 * A sheet of `rows` rows × `columns` numeric cells (16,384 is Excel's widest, XFD); without
 * `refs` the cells carry no r="…" (Excel may omit it), the smallest cells XML allows.
 */
export async function wideSheet(columns: number, rows: number, refs = true): Promise<Uint8Array> {
  const parts = await baseWorkbook();
  const chunks: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  const names = Array.from({ length: columns }, (_, i) => columnName(i + 1));
  for (let r = 1; r <= rows; r++) {
    chunks.push(`<row r="${r}">`);
    for (let c = 0; c < columns; c++)
      chunks.push(refs ? `<c r="${names[c]}${r}"><v>${c}</v></c>` : `<c><v>${(r * 7919 + c * 104_729) % 1_000_003}</v></c>`);
    chunks.push('</row>');
  }
  chunks.push('</sheetData></worksheet>');
  parts['xl/worksheets/sheet1.xml'] = strToU8(chunks.join(''));
  return zip(parts);
}

/** A normal header and rows, then one cell far to the right (e.g. XFD): sparse, but as wide as Excel allows. */
export async function farRightCell(column: number, rows: number): Promise<Uint8Array> {
  const parts = await baseWorkbook();
  const chunks: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  chunks.push(`<row r="1">${HEADER.map((h, i) => `<c r="${columnName(i + 1)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`);
  for (let r = 2; r <= rows; r++)
    chunks.push(
      `<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>Người ${r}</t></is></c><c r="${columnName(column)}${r}"><v>1</v></c></row>`,
    );
  chunks.push('</sheetData></worksheet>');
  parts['xl/worksheets/sheet1.xml'] = strToU8(chunks.join(''));
  return zip(parts);
}

/**
 * A list within every bound that costs the reader the most: `rows` rows of `columns` inline
 * Vietnamese texts of `chars` characters (non-ASCII text is what escapeXlsxText expands most).
 */
export async function heavyVietnameseSheet(rows: number, columns: number, chars: number): Promise<Uint8Array> {
  const parts = await baseWorkbook();
  const text = 'Nguyễn Thị Hồng Nhung, Trường Tiểu học Đức Hợp, huyện Kim Động '.repeat(Math.ceil(chars / 60)).slice(0, chars);
  const chunks: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  chunks.push(`<row r="1">${HEADER.map((h, i) => `<c r="${columnName(i + 1)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`);
  const names = Array.from({ length: columns }, (_, i) => columnName(i + 1));
  for (let r = 2; r <= rows; r++) {
    chunks.push(`<row r="${r}">`);
    for (let c = 0; c < columns; c++) chunks.push(`<c r="${names[c]}${r}" t="inlineStr"><is><t>${r} ${text}</t></is></c>`);
    chunks.push('</row>');
  }
  chunks.push('</sheetData></worksheet>');
  parts['xl/worksheets/sheet1.xml'] = strToU8(chunks.join(''));
  return zip(parts);
}
