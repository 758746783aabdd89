import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { REFUSAL_MESSAGES } from '../ingest/validate/refusalCodes.ts';
import { harnessPerTest, csv, HEADER } from './ingest-helpers.ts';

const h = harnessPerTest();

const FULL_HEADER = [...HEADER, 'Phân loại', 'Khâu', 'Hình thức', 'Mã điển hình'];
const ok = (
  name: string,
  extra: Partial<Record<'kind' | 'movement' | 'year' | 'date' | 'category' | 'stage' | 'form' | 'code', string>> = {},
) => [
  '',
  name,
  extra.kind ?? 'Cá nhân',
  'Trường THCS Lê Quý Đôn',
  extra.movement ?? '15',
  extra.year ?? '2023',
  '1/QĐ',
  extra.date ?? '5/6/2023',
  extra.category ?? '',
  extra.stage ?? '',
  extra.form ?? '',
  extra.code ?? '',
];

describe('ingest: refusals', () => {
  it('reports every row refusal code with file, row, column, value and a Vietnamese message, all in one report', async () => {
    const x = await h();
    // Another agency's exemplar owns the code "SYT-7".
    const syt = await x.upload(
      { name: 'syt.csv', bytes: csv([FULL_HEADER, ok('Bác sĩ A', { movement: '3', code: 'SYT-7' })]) },
      {},
      'token-syt-0123456789ab',
    );
    expect(syt.status).toBe(201);
    const rows = [
      FULL_HEADER,
      ok(''), // 2 NAME_MISSING
      ok('x'.repeat(501)), // 3 TEXT_TOO_LONG
      ok('B', { kind: '' }), // 4 KIND_MISSING
      ok('C', { kind: 'Đơn vị lớn' }), // 5 KIND_UNKNOWN
      ok('D', { kind: 'Hộ gia đình', movement: '4' }), // 6 HOUSEHOLD_OUTSIDE_MOVEMENT
      ok('E', { movement: '' }), // 7 MOVEMENT_MISSING
      ok('F', { movement: 'Phong trào bóng đá phủi' }), // 8 MOVEMENT_UNKNOWN
      ok('G', { year: '' }), // 9 YEAR_MISSING
      ok('H', { year: 'năm nay' }), // 10 YEAR_INVALID
      ok('I', { year: '2019' }), // 11 YEAR_OUT_OF_RANGE
      ok('J', { year: '2024' }), // 12 YEAR_MISMATCH
      ok('K', { category: 'Loại khác' }), // 13 CATEGORY_UNKNOWN
      ok('L', { stage: 'Khâu 5' }), // 14 STAGE_UNKNOWN
      ok('M', { form: 'Huân chương' }), // 15 FORM_UNKNOWN
      ok('N', { date: '31/02/2023' }), // 16 DATE_INVALID
      ok('O', { code: 'SYT-7' }), // 17 CODE_OTHER_AGENCY
      ok('P\u0000Q'), // 18 TEXT_INVALID_CHARACTER
      ok('Nguyễn Văn Đúng'), // 18 fine
      ok('Nguyễn Văn Đúng'), // 19 duplicate of 18
    ];
    const before = await x.dump();
    const { status, body } = await x.upload({ name: 'loi.csv', bytes: '\uFEFF' + csv(rows) });
    expect(status).toBe(422);
    expect(body.status).toBe('rows_refused');
    expect(await x.dump()).toBe(before);
    const codes = body.refused.map((r: { row: number; code: string }) => `${r.row}:${r.code}`);
    expect(codes).toEqual([
      '2:NAME_MISSING',
      '3:TEXT_TOO_LONG',
      '4:KIND_MISSING',
      '5:KIND_UNKNOWN',
      '6:HOUSEHOLD_OUTSIDE_MOVEMENT',
      '7:MOVEMENT_MISSING',
      '8:MOVEMENT_UNKNOWN',
      '9:YEAR_MISSING',
      '10:YEAR_INVALID',
      '11:YEAR_OUT_OF_RANGE',
      '12:YEAR_MISMATCH',
      '13:CATEGORY_UNKNOWN',
      '14:STAGE_UNKNOWN',
      '15:FORM_UNKNOWN',
      '16:DATE_INVALID',
      '17:CODE_OTHER_AGENCY',
      '18:TEXT_INVALID_CHARACTER',
    ]);
    expect(new Set(body.refused.map((r: { code: string }) => r.code))).toEqual(new Set(Object.keys(REFUSAL_MESSAGES)));
    const movement = body.refused.find((r: { code: string }) => r.code === 'MOVEMENT_UNKNOWN');
    expect(movement).toMatchObject({ file: 'loi.csv', row: 8, column: 'Phong trào thi đua', value: 'Phong trào bóng đá phủi' });
    expect(movement.candidates).toHaveLength(3);
    expect(movement.message).toMatch(/^Không nhận ra phong trào "Phong trào bóng đá phủi"\. Gần nhất: PT \d+/);
    expect(body.refused.find((r: { code: string }) => r.code === 'DATE_INVALID')).toMatchObject({ column: 'Ngày QĐ', value: '31/02/2023' });
    expect(body.duplicates).toEqual([expect.objectContaining({ row: 20, firstRow: 19 })]);
    expect(body.counts).toMatchObject({ accepted: 1, refused: 17, duplicates: 1 });

    // accept_partial commits the valid row only, and says what it refused.
    const partial = await x.upload({ name: 'loi.csv', bytes: '\uFEFF' + csv(rows) }, { accept_partial: '1' });
    expect(partial.status).toBe(201);
    expect(partial.body.counts).toMatchObject({ accepted: 1, refused: 17 });
    expect(await x.count(`SELECT count(*) FROM exemplars WHERE agency_code = 'SGDDT'`)).toBe(1);
  });

  it('refuses a file without a required column, listing what was expected; a mapping fixes it', async () => {
    const x = await h();
    const file = csv([
      ['Họ và tên', 'Loại', 'PT', 'Năm'],
      ['Lê Thị Mai', 'CN', '15', '2023'],
    ]);
    const res = await x.upload({ name: 'thieu.csv', bytes: file });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('COLUMNS_MISSING');
    expect(res.body.error.message).toContain('"Phong trào thi đua"');
    const mapped = await x.upload({ name: 'thieu.csv', bytes: file }, { mapping: JSON.stringify({ movement: 'PT' }) });
    expect(mapped.status).toBe(201);
    const bad = await x.upload({ name: 'thieu.csv', bytes: file }, { mapping: '{"phong_trao": "PT"}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MAPPING_INVALID');
  });

  it('leaves the database exactly as it was for truncated, wrong-type, oversized, zip-bomb and refused files', async () => {
    const x = await h({ maxBytes: 64 * 1024, maxRows: 50, maxUncompressedBytes: 1024 * 1024 });
    await x.upload({ name: 'ok.csv', bytes: csv([HEADER, ['1', 'Trường A', 'Tập thể', '', '15', '2022', '', '']]) });
    const before = await x.dump();

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(HEADER);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const cases: [string, Uint8Array | string, number, string][] = [
      ['cut.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)), 400, 'FILE_TRUNCATED'],
      ['cut.json', '[{"name": "Trường A", "kind": "tap_the", "movement": 15, "ye', 400, 'FILE_UNREADABLE'],
      ['cut.csv', csv([HEADER]) + '1,"Trường A,Tập thể,,15,2022\r\n', 400, 'FILE_UNREADABLE'],
      ['ds.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj', 415, 'FILE_TYPE_UNSUPPORTED'],
      ['ds.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 415, 'FILE_XLS_LEGACY'],
      // A real workbook saved with a password (test/fixtures/README.md says how it was made).
      ['khoa.xlsx', new Uint8Array(readFileSync(new URL('./fixtures/password-protected.xlsx', import.meta.url))), 415, 'FILE_ENCRYPTED'],
      ['big.csv', csv([HEADER]) + 'x'.repeat(70 * 1024), 413, 'FILE_TOO_LARGE'],
      [
        'many.csv',
        csv([HEADER, ...Array.from({ length: 200 }, (_, i) => [String(i), `Tên ${i}`, 'CN', '', '15', '2022', '', ''])]),
        413,
        'TOO_MANY_ROWS',
      ],
      [
        'bomb.xlsx',
        zipSync({
          '[Content_Types].xml': new Uint8Array(10),
          'xl/workbook.xml': new Uint8Array(10),
          'xl/worksheets/sheet1.xml': new Uint8Array(8 * 1024 * 1024),
        }),
        413,
        'FILE_ZIP_BOMB',
      ],
      [
        'nohdr.csv',
        csv([
          ['a', 'b'],
          ['1', '2'],
        ]),
        422,
        'HEADER_NOT_FOUND',
      ],
      ['deep.json', JSON.stringify([{ name: { a: { b: { c: { d: 1 } } } } }]), 422, 'JSON_TOO_DEEP'],
      ['empty.csv', '', 400, 'FILE_EMPTY'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await x.upload({ name, bytes });
      expect(res.status, name).toBe(status);
      expect(res.body.error.code, name).toBe(code);
      expect(res.body.error.message, name).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
    const refused = await x.upload({ name: 'bad.csv', bytes: csv([HEADER, ['1', 'Trường B', 'Tập thể', '', '99', '2022', '', '']]) });
    expect(refused.status).toBe(422);
    expect(await x.dump()).toBe(before);
  });
});
