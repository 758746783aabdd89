import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readCatalogueFolder } from '../ingest/catalogue/readCatalogueFolder.ts';

/** The first shipped plan's movements (Plan 90), which the bench's lists name. */
const MOVEMENTS = readCatalogueFolder().plans[0]!.movements;

/**
 * Generates upload rows the way agency files look (canonical Vietnamese headers, movements
 * typed as numbers, "PT số n" or names, kinds as typed, day-first text dates). Deterministic
 * (seeded), and every row is valid so the benchmark measures the accepting path.
 */
export const BENCH_HEADERS = [
  'STT',
  'Tên tập thể/cá nhân',
  'Loại',
  'Chức vụ, đơn vị / địa chỉ',
  'Phong trào thi đua',
  'Năm công nhận',
  'Số QĐ',
  'Ngày QĐ',
];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Quang', 'Thu', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quế', 'Sơn', 'Thảo', 'Vinh'];
const KINDS = ['Tập thể', 'Cá nhân', 'CN', 'tập thể'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row i as text cells in BENCH_HEADERS order. Names are unique per row (identity = row). */
export function benchRow(i: number, year: number, rand: () => number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const m = pick(MOVEMENTS.filter((x) => !x.households));
  const movementText = [String(m.no), `PT số ${m.no}`, m.shortName, m.name][Math.floor(rand() * 4)] as string;
  const kind = pick(KINDS);
  const name = kind.toLowerCase().startsWith('t') ? `Tổ công tác số ${i}` : `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)} ${i}`;
  const day = 1 + Math.floor(rand() * 28);
  const month = 1 + Math.floor(rand() * 12);
  return [
    String(i + 1),
    name,
    kind,
    `Đơn vị ${Math.floor(rand() * 500)}, xã Số ${i % 97}`,
    movementText,
    String(year),
    `${100 + (i % 400)}/QĐ-UBND`,
    `${day}/${month}/${year}`,
  ];
}

function csvCell(s: string, delim: string): string {
  return s.includes(delim) || s.includes('"') || s.includes('\n') ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes a UTF-8 CSV (with BOM, CRLF) of `rows` data rows under the canonical header. */
export async function writeBenchCsv(path: string, rows: number, year = 2023, delim = ','): Promise<void> {
  const rand = mulberry32(20230611);
  const out = createWriteStream(path);
  out.write('\uFEFF' + BENCH_HEADERS.map((h) => csvCell(h, delim)).join(delim) + '\r\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk +=
      benchRow(i, year, rand)
        .map((c) => csvCell(c, delim))
        .join(delim) + '\r\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

export { mulberry32 };

/** Writes an XLSX the way clerks make it (title rows, header, rows) with exceljs's streaming writer. */
export async function writeBenchXlsx(path: string, rows: number, year = 2023): Promise<void> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('Danh sách');
  sheet.addRow(['UBND TỈNH HƯNG YÊN']).commit();
  sheet.addRow([`DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN NĂM ${year}`]).commit();
  sheet.addRow([]).commit();
  sheet.addRow(BENCH_HEADERS).commit();
  const rand = mulberry32(20230611);
  for (let i = 0; i < rows; i++) {
    const r = benchRow(i, year, rand);
    sheet.addRow([i + 1, r[1], r[2], r[3], r[4], year, r[6], r[7]]).commit();
  }
  sheet.addRow(['Tổng cộng', `${rows} tập thể, cá nhân`]).commit();
  sheet.commit();
  await wb.commit();
}
