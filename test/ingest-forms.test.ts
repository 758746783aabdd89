import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchXlsx } from '../testing/ingestRowGenerator.ts';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { queryRows } from '../ingest/store/database.ts';
import { harnessPerTest, csv, HEADER } from './ingest-helpers.ts';
import { toCp1258Form } from '../fixtures/sampleFiles/excelCsv.ts';

const h = harnessPerTest();

/** A workbook made by hand: titles, merged title and merged movement cells, a column-number row, an empty row, a total and a signature. */
async function handMadeWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('DS 2023');
  s.getCell('A1').value = 'UBND TỈNH HƯNG YÊN';
  s.mergeCells('A1:C1');
  s.getCell('A2').value = 'SỞ GIÁO DỤC VÀ ĐÀO TẠO';
  s.getCell('A4').value = 'DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN NĂM 2023';
  s.mergeCells('A4:H4');
  s.getCell('A5').value = '(Kèm theo Quyết định số 789/QĐ-SGDĐT ngày 08/6/2023)';
  s.getRow(6).values = ['TT', 'Họ và tên', 'Đối tượng', 'Đơn vị công tác', 'Phong trào', 'Năm', 'Quyết định số', 'Ngày ký'];
  s.getRow(7).values = ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'];
  s.getRow(8).values = [
    1,
    'Trường THPT chuyên Hưng Yên',
    'Tập thể',
    'TP Hưng Yên',
    'PT 15',
    2023,
    '789/QĐ-SGDĐT',
    new Date(Date.UTC(2023, 5, 8)),
  ];
  s.getRow(9).values = [2, 'Nguyễn  Thị   Hoa', 'CN', 'Giáo viên Trường THCS Lê Quý Đôn', null, 2023, '789/QĐ-SGDĐT', '8/6/2023'];
  s.getRow(10).values = [3, 'Trần Văn Nam', 'cá nhân', 'Giáo viên Trường Tiểu học An Tảo', null, '2023', '789/QĐ-SGDĐT', '08-06-2023'];
  s.mergeCells('E8:E10'); // one movement for the three rows, typed once
  s.getRow(12).values = [
    4,
    'Chi bộ Trường THPT Yên Mỹ',
    'Tập thể',
    'huyện Yên Mỹ',
    'Diễn hình trong phong trào Xây dựng Đảng trong sạch vững mạnh',
    2023,
    '789/QĐ-SGDĐT',
    '08/06/2023',
  ];
  s.getRow(13).values = ['Tổng cộng: 4 tập thể, cá nhân'];
  s.getRow(15).values = [null, null, null, null, null, 'GIÁM ĐỐC'];
  s.getRow(16).values = [null, null, null, null, null, '(Đã ký)'];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('ingest: every input form', () => {
  it('reads a hand-made XLSX: finds the header, fills merged cells down, says what it ignored', async () => {
    const x = await h();
    const { status, body } = await x.upload({ name: 'SGDDT_2023.xlsx', bytes: await handMadeWorkbook() });
    expect(status).toBe(201);
    expect(body.counts).toMatchObject({ accepted: 4, refused: 0, duplicates: 0 });
    expect(body.file.headerRow).toBe(6);
    const reasons = Object.fromEntries(body.ignored.map((i: { row: number; reason: string }) => [i.row, i.reason]));
    expect(reasons).toEqual({ 1: 'title', 2: 'title', 4: 'title', 5: 'title', 7: 'numbering', 13: 'total', 15: 'footer', 16: 'footer' });
    const rows = await queryRows(
      x.db.connection,
      `SELECT e.name, e.movement_no, r.decision_date::VARCHAR AS d, r.source_row FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id ORDER BY r.source_row`,
    );
    expect(rows).toEqual([
      { name: 'Trường THPT chuyên Hưng Yên', movement_no: 15, d: '2023-06-08', source_row: 8 },
      { name: 'Nguyễn Thị Hoa', movement_no: 15, d: '2023-06-08', source_row: 9 },
      { name: 'Trần Văn Nam', movement_no: 15, d: '2023-06-08', source_row: 10 },
      { name: 'Chi bộ Trường THPT Yên Mỹ', movement_no: 2, d: '2023-06-08', source_row: 12 },
    ]);
  });

  it('skips a cover sheet before the list and names it; refuses a workbook with lists on two sheets, writing nothing', async () => {
    const x = await h();
    const withCover = new ExcelJS.Workbook();
    const cover = withCover.addWorksheet('Hướng dẫn');
    cover.addRow(['Hướng dẫn điền danh sách']);
    cover.addRow(['Mỗi dòng một tập thể hoặc cá nhân; cột "Phong trào" ghi số phong trào (1–20).']);
    const list = withCover.addWorksheet('Danh sách 2023');
    list.addRow(['TT', 'Họ và tên', 'Loại', 'Đơn vị', 'Phong trào', 'Năm']);
    list.addRow([1, 'Trần Văn Nam', 'Cá nhân', 'Trường Tiểu học An Tảo', 15, 2023]);
    list.addRow([2, 'Trường THCS Lê Quý Đôn', 'Tập thể', 'TP Hưng Yên', 15, 2023]);
    const ok = await x.upload({ name: 'SGDDT_2023.xlsx', bytes: new Uint8Array(await withCover.xlsx.writeBuffer()) });
    expect(ok.status).toBe(201);
    expect(ok.body.counts).toMatchObject({ accepted: 2, refused: 0 });
    expect(ok.body.file).toMatchObject({ sheet: 'Danh sách 2023', skippedSheets: ['Hướng dẫn'], headerRow: 1 });
    const before = await x.dump();

    const two = new ExcelJS.Workbook();
    for (const [sheet, name] of [
      ['PT 15', 'Nguyễn Thị Hoa'],
      ['PT 2', 'Chi bộ Trường THPT Yên Mỹ'],
    ] as const) {
      const s = two.addWorksheet(sheet);
      s.addRow(['TT', 'Họ và tên', 'Loại', 'Đơn vị', 'Phong trào', 'Năm']);
      s.addRow([1, name, 'Cá nhân', 'Trường A', sheet.slice(3), 2024]);
    }
    const refused = await x.upload({ name: 'SGDDT_2024.xlsx', bytes: new Uint8Array(await two.xlsx.writeBuffer()) });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('MULTIPLE_LISTS');
    expect(refused.body.error.message).toContain('"PT 15" và "PT 2"');
    expect(await x.dump()).toBe(before);
  });

  it('reads a header on two rows: "Số" and "Ngày" under a merged "Quyết định công nhận", in XLSX and in CSV', async () => {
    const x = await h();
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('DS');
    s.getCell('A1').value = 'DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN NĂM 2023';
    s.getRow(3).values = ['TT', 'Họ và tên', 'Loại', 'Phong trào', 'Năm', 'Quyết định công nhận'];
    s.getRow(4).values = [null, null, null, null, null, 'Số', 'Ngày'];
    s.mergeCells('F3:G3');
    for (const col of ['A', 'B', 'C', 'D', 'E']) s.mergeCells(`${col}3:${col}4`); // the other headers span both rows
    s.getRow(5).values = [1, 'Trần Văn Nam', 'Cá nhân', 15, 2023, '789/QĐ-SGDĐT', '08/06/2023'];
    s.getRow(6).values = [2, 'Trường THCS Lê Quý Đôn', 'Tập thể', 15, 2023, '790/QĐ-SGDĐT', new Date(Date.UTC(2023, 5, 9))];
    const book = await x.upload({ name: 'SGDDT_2023.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
    expect(book.status).toBe(201);
    expect(book.body.counts).toMatchObject({ accepted: 2, refused: 0, ignored: 1 });
    expect(book.body.file).toMatchObject({ headerRow: 3, subHeaderRow: 4 });
    expect(book.body.file.headers).toMatchObject({
      decision_no: 'Quyết định công nhận / Số',
      decision_date: 'Quyết định công nhận / Ngày',
    });
    expect(book.body.file.unknownColumns).toEqual([]);
    const read = `SELECT r.source_row, r.decision_no, r.decision_date::VARCHAR AS d FROM recognitions r JOIN ingest_batches b ON b.id = r.batch_id WHERE b.year = $year ORDER BY r.source_row`;
    expect(await queryRows(x.db.connection, read, { year: 2023 })).toEqual([
      { source_row: 5, decision_no: '789/QĐ-SGDĐT', d: '2023-06-08' },
      { source_row: 6, decision_no: '790/QĐ-SGDĐT', d: '2023-06-09' },
    ]);

    // The same sheet saved as CSV by Excel: the merged cells are empty on the second line.
    const text = csv([
      ['TT', 'Họ và tên', 'Loại', 'Phong trào', 'Năm', 'Quyết định công nhận', ''],
      ['', '', '', '', '', 'Số', 'Ngày'],
      ['1', 'Trần Văn Nam', 'Cá nhân', '15', '2024', '12/QĐ-SGDĐT', '05/06/2024'],
    ]);
    const flat = await x.upload({ name: 'SGDDT_2024.csv', bytes: text });
    expect(flat.status).toBe(201);
    expect(flat.body.file).toMatchObject({ headerRow: 1, subHeaderRow: 2 });
    expect(await queryRows(x.db.connection, read, { year: 2024 })).toEqual([
      { source_row: 3, decision_no: '12/QĐ-SGDĐT', d: '2024-06-05' },
    ]);
  });

  it('does not take a data row or a column-number row under the header for a sub-header', async () => {
    const x = await h();
    const text = csv([
      ['TT', 'Họ và tên', 'Loại', 'Đơn vị', 'Phong trào', 'Năm'],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'],
      ['1', 'Trần Văn Nam', 'Cá nhân', 'Đơn vị', '15', '2023'],
    ]);
    const res = await x.upload({ name: 'SGDDT_2023.csv', bytes: text });
    expect(res.status).toBe(201);
    expect(res.body.file.subHeaderRow).toBeUndefined();
    expect(res.body.counts).toMatchObject({ accepted: 1, ignored: 1 });
    // Directly under the header, a row whose unit reads like a header ("Đơn vị") is still data.
    const direct = await x.upload({
      name: 'SGDDT_2024.csv',
      bytes: csv([
        ['TT', 'Họ và tên', 'Loại', 'Đơn vị', 'Phong trào', 'Năm'],
        ['1', 'Trần Văn Nam', 'Cá nhân', 'Đơn vị', '15', '2024'],
      ]),
    });
    expect(direct.status).toBe(201);
    expect(direct.body.file.subHeaderRow).toBeUndefined();
    expect(direct.body.counts).toMatchObject({ accepted: 1, ignored: 0 });
  });

  it('keeps every Vietnamese letter of a large workbook intact (exceljs splits UTF-8 across stream chunks)', async () => {
    const x = await h();
    const dir = mkdtempSync(join(tmpdir(), 'hy-xlsx-'));
    try {
      await writeBenchXlsx(join(dir, 'big.xlsx'), 4000);
      const res = await x.upload(
        { name: 'big.xlsx', bytes: new Uint8Array(readFileSync(join(dir, 'big.xlsx'))) },
        { agency: 'SNV' },
        'token-snv-0123456789ab',
      );
      expect(res.status).toBe(201);
      expect(res.body.counts).toMatchObject({ accepted: 4000, refused: 0 });
      expect(await x.count(`SELECT count(*) FROM exemplars WHERE contains(name, '\uFFFD') OR contains(unit, '\uFFFD')`)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a UTF-8 CSV with BOM, ";" separators, CRLF, quoted fields and NFD text, storing NFC', async () => {
    const x = await h();
    const nfd = 'Phạm Thị Hồng Nhung'.normalize('NFD');
    const body =
      '\uFEFF' +
      csv(
        [
          HEADER,
          ['1', `  ${nfd}  `, 'Cá nhân', 'Trạm Y tế xã "Tân Dân"; huyện Khoái Châu', 'PT số 3', '2023', '12/QĐ-SYT', '5/6/2023'],
          [
            '2',
            'Khoa Nhi, Bệnh viện Đa khoa tỉnh',
            'Tập thể',
            '',
            'Ngành Y tế chung tay phòng, chống dịch bệnh Covid-19',
            '2023',
            '12/QĐ-SYT',
            '05/06/2023',
          ],
        ],
        ';',
      );
    const res = await x.upload({ name: 'syt.csv', bytes: body }, {}, 'token-syt-0123456789ab');
    expect(res.status).toBe(201);
    expect(res.body.file).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';' });
    const rows = await queryRows(x.db.connection, 'SELECT name, unit, movement_no FROM exemplars ORDER BY name');
    expect(rows).toEqual([
      { name: 'Khoa Nhi, Bệnh viện Đa khoa tỉnh', unit: '', movement_no: 3 },
      { name: 'Phạm Thị Hồng Nhung'.normalize('NFC'), unit: 'Trạm Y tế xã "Tân Dân"; huyện Khoái Châu', movement_no: 3 },
    ]);
    expect(String(rows[1]!.name).normalize('NFC')).toBe(rows[1]!.name);
  });

  it('reads a Windows-1258 CSV (combining tone marks) with "," and blank lines, keeping row numbers', async () => {
    const x = await h();
    const text =
      csv([
        HEADER,
        [
          '1',
          'Lê Văn Thắng',
          'Cá nhân',
          'Xã Dạ Trạch',
          'Thanh niên xung kích, tình nguyện phát triển kinh tế - xã hội',
          '2024',
          '5/QĐ',
          '1/2/2024',
        ],
      ]) +
      '\r\n' +
      csv([['2', 'Đoàn xã Bình Minh', 'Tập thể', 'huyện Khoái Châu', 'Lập thân, lập nghiệp', '2024', '5/QĐ', '31/02/2024']]);
    const bytes = iconv.encode(toCp1258Form(text), 'windows-1258');
    expect(Buffer.from(bytes).toString('utf8')).not.toBe(text); // really not UTF-8
    const res = await x.upload(
      { name: 'td.csv', bytes: new Uint8Array(bytes) },
      { agency: 'Tỉnh đoàn', dry_run: '1' },
      'token-snv-0123456789ab',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.file.encoding).toBe('windows-1258');
    expect(res.body.refused).toEqual([
      {
        file: 'td.csv',
        row: 4,
        column: 'Ngày QĐ',
        value: '31/02/2024',
        code: 'DATE_INVALID',
        message: expect.stringContaining('không hợp lệ'),
      },
    ]);
    expect(res.body.ignored).toEqual([expect.objectContaining({ row: 3, reason: 'empty' })]);
    const ok = await x.upload(
      { name: 'td.csv', bytes: new Uint8Array(bytes) },
      { agency: 'TINHDOAN', accept_partial: '1' },
      'token-snv-0123456789ab',
    );
    expect(ok.status).toBe(201);
    expect(await queryRows(x.db.connection, 'SELECT name, movement_no FROM exemplars')).toEqual([
      { name: 'Lê Văn Thắng', movement_no: 19 },
    ]);
  });

  it('reads JSON as an array and as { records: [...] }', async () => {
    const x = await h();
    const records = [
      {
        name: 'Trường Mầm non Hoa Sen',
        kind: 'tap_the',
        unit: 'huyện Văn Lâm',
        movement: 15,
        year: 2022,
        decision_date: '2022-06-08',
        code: 'SGD-001',
      },
    ];
    const a = await x.upload({ name: 'a.json', bytes: JSON.stringify(records) });
    expect(a.status).toBe(201);
    const b = await x.upload({ name: 'b.json', bytes: JSON.stringify({ records: [{ ...records[0], year: 2023 }] }) });
    expect(b.status).toBe(201);
    expect(b.body.counts).toMatchObject({ accepted: 1, knownExemplars: 1, newExemplars: 0 });
    expect(await x.count('SELECT count(*) FROM exemplars')).toBe(1);
    expect(await x.count(`SELECT count(*) FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id WHERE e.code = 'SGD-001'`)).toBe(2);
  });

  it('takes the three shared sample files', async () => {
    const x = await h();
    const dir = new URL('./fixtures/shared-samples/', import.meta.url);
    const cases: [string, string, number][] = [
      ['SoGDDT_2022_dien_hinh.xlsx', 'SGDDT', 6],
      ['KhoaiChau_2024_utf8bom.csv', 'KHOAICHAU', 4],
      ['CongAnTinh_2023.json', 'Công an tỉnh', 2],
    ];
    for (const [file, agency, accepted] of cases) {
      const res = await x.upload(
        { name: file, bytes: new Uint8Array(readFileSync(new URL(file, dir))) },
        { agency },
        'token-snv-0123456789ab',
      );
      expect(res.status, file).toBe(201);
      expect(res.body.counts, file).toMatchObject({ accepted, refused: 0 });
    }
    const households = await queryRows(x.db.connection, `SELECT movement_no FROM exemplars WHERE kind = 'ho_gia_dinh'`);
    expect(households).toEqual([{ movement_no: 8 }]);
    expect(await x.count('SELECT count(*) FROM recognitions')).toBe(12);
  });

  it('serves the template with the canonical Vietnamese headers, and a filled template uploads', async () => {
    const x = await h();
    const res = await x.app.request('/api/template.xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Tên tập thể/cá nhân',
      'Loại',
      'Chức vụ, đơn vị / địa chỉ',
      'Phong trào thi đua',
      'Phân loại',
      'Khâu',
      'Năm công nhận',
      'Hình thức',
      'Số QĐ',
      'Ngày QĐ',
      'Mã điển hình',
    ]);
    sheet.addRow([
      'Hộ ông Phan Văn Lộc',
      'Hộ gia đình',
      'xã Đông Ninh',
      'Vì một Hưng Yên không còn đói nghèo',
      'Mô hình mới',
      'Nhân rộng',
      2024,
      'Bằng khen của Chủ tịch UBND tỉnh',
      '1/QĐ',
      '10/6/2024',
      '',
    ]);
    const up = await x.upload(
      { name: 'mau.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) },
      { agency: 'KHOAICHAU' },
      'token-snv-0123456789ab',
    );
    expect(up.status).toBe(201);
    expect(await queryRows(x.db.connection, 'SELECT kind, category, stage, movement_no FROM exemplars')).toEqual([
      { kind: 'ho_gia_dinh', category: 'mo_hinh_moi', stage: 'nhan_rong', movement_no: 8 },
    ]);
    expect(await queryRows(x.db.connection, 'SELECT form FROM recognitions')).toEqual([{ form: 'bang_khen_ubnd' }]);
  });

  it('answers /health with schema version, snapshot version and row counts, without a token', async () => {
    const x = await h();
    const res = await x.app.request('/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, schemaVersion: 5, counts: { movements: 20, agencies: 51, exemplars: 0 } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
