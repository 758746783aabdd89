// Files as people send them, and hostile text (docs/upload-format.md, "Text in cells"): Excel's "Unicode Text" (UTF-16 with
// a BOM), mixed and CR-only line endings with row numbers as Excel shows them, cells past the
// length limit, control characters and lone surrogates in every form, and .ods/.docx sent in
// place of a workbook. Real bytes through the real pipeline and real DuckDB files.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { DuckDBInstance } from '@duckdb/node-api';
import { queryRows } from '../ingest/store/database.ts';
import { loadSql } from '../ingest/store/loadSql.ts';
import { hasInvalidCharacters, markLoneSurrogates, showInvalidCharacters } from '../ingest/text/invalidCharacters.ts';
import { harnessPerTest, csv, HEADER, type Harness } from './ingest-helpers.ts';

const h = harnessPerTest();
const row = (n: number, name: string, extra: Partial<Record<'unit' | 'movement' | 'year' | 'no', string>> = {}) => [
  String(n),
  name,
  'Cá nhân',
  extra.unit ?? 'Trường THCS Lê Quý Đôn',
  extra.movement ?? '15',
  extra.year ?? '2023',
  extra.no ?? '1/QĐ',
  '5/6/2023',
];

/** Excel's "Unicode Text": tab-separated, CRLF, a field quoted when it holds a tab, quote or line break. */
function unicodeText(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[\t"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join('\t')).join('\r\n') + '\r\n';
}
const utf16le = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
const utf16be = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));

/** Stored exemplars with the file row of their recognition, in row order. */
async function stored(x: Harness): Promise<{ name: string; unit: string; row: number }[]> {
  const rows = await queryRows(
    x.db.connection,
    'SELECT e.name, e.unit, r.source_row FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id ORDER BY r.source_row',
  );
  return rows.map((r) => ({ name: String(r.name), unit: String(r.unit), row: Number(r.source_row) }));
}

/** Stored text holding a refused character or U+FFFD (what a lone surrogate became). */
async function badStoredText(x: Harness): Promise<number> {
  return x.count(`SELECT count(*) FROM exemplars e JOIN recognitions r ON r.exemplar_id = e.id
    WHERE regexp_matches(e.name || e.unit || coalesce(e.code, '') || coalesce(r.decision_no, ''), '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\x{FDD0}-\\x{FDEF}\\x{FFFD}-\\x{FFFF}]')`);
}

describe('Excel "Unicode Text" (UTF-16 with a BOM)', () => {
  const rows = [
    HEADER,
    row(1, 'Nguyễn Thị Hồng Nhung', { unit: 'Trạm Y tế xã "Tân Dân"\thuyện Khoái Châu' }),
    row(2, 'Khoa Nhi, Bệnh viện Đa khoa tỉnh'.normalize('NFD')),
    row(3, 'Đặng Văn Ưng'),
  ];

  it('reads UTF-16LE: tab-separated, quoted cells, NFC text, the encoding in the report', async () => {
    const x = await h();
    const res = await x.upload({ name: 'SYT_2023.txt', bytes: utf16le(unicodeText(rows)) }, {}, 'token-syt-0123456789ab');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.file).toMatchObject({ fileType: 'csv', encoding: 'utf-16le', delimiter: '\t', headerRow: 1 });
    expect(res.body.counts).toMatchObject({ accepted: 3, refused: 0 });
    expect(await stored(x)).toEqual([
      { name: 'Nguyễn Thị Hồng Nhung', unit: 'Trạm Y tế xã "Tân Dân" huyện Khoái Châu', row: 2 },
      { name: 'Khoa Nhi, Bệnh viện Đa khoa tỉnh', unit: 'Trường THCS Lê Quý Đôn', row: 3 },
      { name: 'Đặng Văn Ưng', unit: 'Trường THCS Lê Quý Đôn', row: 4 },
    ]);
  });

  it('reads UTF-16BE, and JSON saved as UTF-16', async () => {
    const x = await h();
    const be = await x.upload({ name: 'SYT_2023.txt', bytes: utf16be(unicodeText(rows)) }, { dry_run: '1' }, 'token-syt-0123456789ab');
    expect(be.status, JSON.stringify(be.body)).toBe(200);
    expect(be.body.file).toMatchObject({ encoding: 'utf-16be', delimiter: '\t' });
    expect(be.body.counts).toMatchObject({ accepted: 3, refused: 0 });
    const json = JSON.stringify([{ name: 'Lê Thị Ánh', kind: 'ca_nhan', movement: 15, year: 2023 }]);
    const js = await x.upload({ name: 'ds.json', bytes: utf16le(json) });
    expect(js.status, JSON.stringify(js.body)).toBe(201);
    expect(js.body.file).toMatchObject({ fileType: 'json', encoding: 'utf-16le' });
    expect(await stored(x)).toEqual([{ name: 'Lê Thị Ánh', unit: '', row: 1 }]);
  });
});

describe('line endings: rows numbered as Excel shows them', () => {
  // Excel's rows: 1 header, 2 data, 3 blank, 4 data (a quoted cell with a blank line inside), 5 and 6 blank, 7 data refused (year 2099), 8 data.
  const lines = (eol: (i: number) => string) => {
    const cells = [
      HEADER,
      row(1, 'Nguyễn Văn An'),
      [],
      row(2, 'Trần Thị Bình', { unit: `Trường A${eol(0)}${eol(0)}xã Bình Minh` }),
      [],
      [],
      row(3, 'Lê Văn Cường', { year: '2099' }),
      row(4, 'Phạm Thị Dung'),
    ].map((r) => r.map((c) => (c.includes(',') || /[\r\n]/.test(c) ? `"${c}"` : c)).join(','));
    return cells.map((l, i) => l + eol(i)).join('');
  };
  const files: Record<string, string> = {
    lf: lines(() => '\n'),
    crlf: lines(() => '\r\n'),
    cr: lines(() => '\r'), // Excel on old Macs
    mixed: lines((i) => (i % 2 ? '\n' : '\r\n')), // rows pasted together from two files
  };

  for (const [endings, text] of Object.entries(files)) {
    it(`${endings}: accepted, blank lines kept, refusals and stored rows carry Excel's row numbers`, async () => {
      const x = await h();
      const res = await x.upload({ name: `ds-${endings}.csv`, bytes: text }, { accept_partial: '1' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.refused).toEqual([
        expect.objectContaining({ file: `ds-${endings}.csv`, row: 7, column: 'Năm công nhận', code: 'YEAR_OUT_OF_RANGE' }),
      ]);
      expect(res.body.ignored.map((i: { row: number; reason: string }) => `${i.row}:${i.reason}`)).toEqual([
        '3:empty',
        '5:empty',
        '6:empty',
      ]);
      expect(await stored(x)).toEqual([
        { name: 'Nguyễn Văn An', unit: 'Trường THCS Lê Quý Đôn', row: 2 },
        { name: 'Trần Thị Bình', unit: 'Trường A xã Bình Minh', row: 4 },
        { name: 'Phạm Thị Dung', unit: 'Trường THCS Lê Quý Đôn', row: 8 },
      ]);
    });
  }
});

describe('cells past the length limit: refused row by row, the value cut short', () => {
  it("CSV: a 3 MB cell (past DuckDB's 2 MB line limit) and a 600-character movement", async () => {
    const x = await h();
    const text = csv([
      HEADER,
      row(1, 'Nguyễn Văn An'),
      row(2, 'Trần Thị Bình', { unit: 'Đ'.repeat(1_500_000) }),
      row(3, 'Lê Văn Cường', { movement: 'Phong trào '.repeat(60) }),
      row(4, 'Phạm Thị Dung'),
    ]);
    const res = await x.upload({ name: 'dai.csv', bytes: text }, { accept_partial: '1' });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body.refused).toEqual([
      {
        file: 'dai.csv',
        row: 3,
        column: 'Chức vụ, đơn vị / địa chỉ',
        value: `${'Đ'.repeat(60)}…`,
        code: 'TEXT_TOO_LONG',
        message: expect.stringContaining('dài 1500000 ký tự, quá giới hạn 500 ký tự'),
      },
      {
        file: 'dai.csv',
        row: 4,
        column: 'Phong trào thi đua',
        value: `${'Phong trào '.repeat(60).slice(0, 60)}…`,
        code: 'TEXT_TOO_LONG',
        message: expect.stringContaining('dài 659 ký tự'),
      },
    ]);
    expect((await stored(x)).map((r) => r.row)).toEqual([2, 5]);
  });

  it('XLSX: a 600-character exemplar code and a 40,000-character unit', async () => {
    const x = await h();
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('DS');
    s.addRow([...HEADER, 'Mã điển hình']);
    s.addRow([...row(1, 'Nguyễn Văn An'), 'SGD-1']);
    s.addRow([...row(2, 'Trần Thị Bình'), 'M'.repeat(600)]);
    s.addRow([...row(3, 'Lê Văn Cường', { unit: 'xã '.repeat(13_334) }), 'SGD-3']);
    const res = await x.upload({ name: 'dai.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }, { accept_partial: '1' });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body.refused).toEqual([
      {
        file: 'dai.xlsx',
        row: 3,
        column: 'Mã điển hình',
        value: `${'M'.repeat(60)}…`,
        code: 'TEXT_TOO_LONG',
        message: expect.stringContaining('dài 600 ký tự'),
      },
      {
        file: 'dai.xlsx',
        row: 4,
        column: 'Chức vụ, đơn vị / địa chỉ',
        value: `${'xã '.repeat(20)}…`,
        code: 'TEXT_TOO_LONG',
        message: expect.stringContaining('dài 40001 ký tự'),
      },
    ]);
    expect(await x.count('SELECT max(length(code)) FROM exemplars')).toBe(5);
  });

  it('JSON: a 10,000-character kind and a 501-character decision number', async () => {
    const x = await h();
    const rec = { name: 'Nguyễn Văn An', kind: 'ca_nhan', movement: 15, year: 2023 };
    const res = await x.upload(
      {
        name: 'dai.json',
        bytes: JSON.stringify([rec, { ...rec, name: 'B', kind: 'k'.repeat(10_000) }, { ...rec, name: 'C', decision_no: '1'.repeat(501) }]),
      },
      { dry_run: '1' },
    );
    expect(res.status).toBe(200);
    expect(res.body.refused).toEqual([
      {
        file: 'dai.json',
        row: 2,
        column: 'kind',
        value: `${'k'.repeat(60)}…`,
        code: 'TEXT_TOO_LONG',
        message: expect.stringContaining('dài 10000 ký tự'),
      },
      {
        file: 'dai.json',
        row: 3,
        column: 'decision_no',
        value: `${'1'.repeat(60)}…`,
        code: 'TEXT_TOO_LONG',
        message: expect.stringContaining('dài 501 ký tự'),
      },
    ]);
  });
});

describe('control characters, noncharacters and lone surrogates: the row refused, naming them, in every form', () => {
  const expectRefusal = (file: string, row: number, column: string, value: string, chars: string) => ({
    file,
    row,
    column,
    value,
    code: 'TEXT_INVALID_CHARACTER',
    message: expect.stringMatching(new RegExp(`^Ô có ký tự điều khiển hoặc ký tự không hợp lệ \\(${chars.replaceAll('+', '\\+')},`)),
  });

  it('CSV: a NUL in the first lines is a bad cell, not a binary file (real binaries still are); C0, DEL, C1 and U+FFFF too', async () => {
    const x = await h();
    const text = csv([
      HEADER,
      row(1, 'Nguyễn\u0000 Văn An'),
      row(2, 'Trần Thị Bình', { unit: 'Trường\u0086 A' }),
      row(3, 'Lê Văn Cường', { no: '12/QĐ\u007f' }),
      row(4, 'Phạm Thị Dung\uFFFF', { movement: '15\u001b' }),
      row(5, 'Hoàng Văn Em'),
      row(6, 'Vũ Thị Giang', { unit: 'xã\vAn Vĩ' }),
    ]);
    const res = await x.upload({ name: 'ktdk.csv', bytes: text }, { accept_partial: '1' });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body.refused).toEqual([
      expectRefusal('ktdk.csv', 2, 'Tên tập thể/cá nhân', 'Nguyễn[U+0000] Văn An', 'U+0000'),
      expectRefusal('ktdk.csv', 3, 'Chức vụ, đơn vị / địa chỉ', 'Trường[U+0086] A', 'U+0086'),
      expectRefusal('ktdk.csv', 4, 'Số QĐ', '12/QĐ[U+007F]', 'U+007F'),
      expectRefusal('ktdk.csv', 5, 'Phong trào thi đua', '15[U+001B]', 'U+001B'),
      expectRefusal('ktdk.csv', 5, 'Tên tập thể/cá nhân', 'Phạm Thị Dung[U+FFFF]', 'U+FFFF'),
      expectRefusal('ktdk.csv', 7, 'Chức vụ, đơn vị / địa chỉ', 'xã[U+000B]An Vĩ', 'U+000B'),
    ]);
    expect(await stored(x)).toEqual([{ name: 'Hoàng Văn Em', unit: 'Trường THCS Lê Quý Đôn', row: 6 }]);
    expect(await badStoredText(x)).toBe(0);

    // Real binaries are still refused whole.
    let seed = 7;
    const noise = Uint8Array.from({ length: 8192 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      0x0d,
      0x49,
      0x48,
      0x44,
      0x52,
      0,
      0,
      1,
      0,
      0,
      0,
      1,
      0,
      8,
      6,
      0,
      0,
      0,
      ...noise,
    ]);
    for (const [name, bytes] of [
      ['ds.csv', noise],
      ['anh.png', png],
    ] as const) {
      const bin = await x.upload({ name, bytes });
      expect(bin.status, name).toBe(415);
      expect(bin.body.error.code, name).toBe('FILE_TYPE_UNSUPPORTED');
    }
  });

  it('XLSX: control characters and a lone surrogate as Excel stores them (_x0001_, _xD800_)', async () => {
    const x = await h();
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('DS');
    s.addRow(HEADER);
    s.addRow(row(1, 'Nguyễn_x0000_ Văn An'));
    s.addRow(row(2, 'Trần Thị Bình', { unit: 'Trường_x0001_ A' }));
    s.addRow(row(3, 'Lê Văn_xD800_ Cường'));
    s.addRow(row(4, 'Phạm Thị Dung'));
    s.addRow(row(5, 'Tổ _x005F_x0041_ số 1')); // Excel's escaped "_x": the text "_x0041_", kept as typed
    const res = await x.upload({ name: 'ktdk.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }, { accept_partial: '1' });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body.refused).toEqual([
      expectRefusal('ktdk.xlsx', 2, 'Tên tập thể/cá nhân', 'Nguyễn[U+0000] Văn An', 'U+0000'),
      expectRefusal('ktdk.xlsx', 3, 'Chức vụ, đơn vị / địa chỉ', 'Trường[U+0001] A', 'U+0001'),
      expectRefusal('ktdk.xlsx', 4, 'Tên tập thể/cá nhân', 'Lê Văn[U+D800] Cường', 'U+D800'),
    ]);
    expect(await stored(x)).toEqual([
      { name: 'Phạm Thị Dung', unit: 'Trường THCS Lê Quý Đôn', row: 5 },
      { name: 'Tổ _x0041_ số 1', unit: 'Trường THCS Lê Quý Đôn', row: 6 },
    ]);
    expect(await badStoredText(x)).toBe(0);
  });

  it('JSON: "\\u0000", a lone "\\ud800", DEL and a C1 control in any field', async () => {
    const x = await h();
    const rec = { name: 'Nguyễn Văn An', kind: 'ca_nhan', movement: 15, year: 2023 };
    const records = [
      { ...rec, name: 'Nguyễn\u0000 Văn An' },
      { ...rec, name: 'Trần\ud800 Thị Bình' },
      { ...rec, name: 'Lê Văn Cường', kind: 'ca_nhan\u007f' },
      { ...rec, name: 'Phạm Thị Dung', code: 'M\u0090-1' },
      { ...rec, name: 'Hoàng Văn Em', unit: 'xã An Vĩ \udfff' },
      { ...rec, name: 'Vũ Thị Giang' },
    ];
    const res = await x.upload({ name: 'ktdk.json', bytes: JSON.stringify(records) }, { accept_partial: '1' });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body.refused).toEqual([
      expectRefusal('ktdk.json', 1, 'name', 'Nguyễn[U+0000] Văn An', 'U+0000'),
      expectRefusal('ktdk.json', 2, 'name', 'Trần[U+D800] Thị Bình', 'U+D800'),
      expectRefusal('ktdk.json', 3, 'kind', 'ca_nhan[U+007F]', 'U+007F'),
      expectRefusal('ktdk.json', 4, 'code', 'M[U+0090]-1', 'U+0090'),
      expectRefusal('ktdk.json', 5, 'unit', 'xã An Vĩ [U+DFFF]', 'U+DFFF'),
    ]);
    expect(await stored(x)).toEqual([{ name: 'Vũ Thị Giang', unit: '', row: 6 }]);
    expect(await badStoredText(x)).toBe(0);
  });

  it('the JavaScript rule and the SQL macro agree on every BMP code point; lone surrogates are named', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(loadSql(import.meta.url, '../ingest/validate/sql/text_macros.sql'));
      const result = await conn.runAndReadAll(
        'SELECT list(cp ORDER BY cp) AS cps FROM range(0, 65536) t(cp) WHERE cp NOT BETWEEN 55296 AND 57343 AND has_invalid_char(chr(cp::INTEGER))',
      );
      const sql = (result.getRowObjectsJS()[0]!.cps as number[]).map(Number);
      const js: number[] = [];
      for (let cp = 0; cp < 65536; cp++) if ((cp < 0xd800 || cp > 0xdfff) && hasInvalidCharacters(String.fromCodePoint(cp))) js.push(cp);
      expect(sql).toEqual(js);
      expect(js.length).toBe(9 + 2 + 18 + 33 + 32 + 2);
      expect(hasInvalidCharacters('\t\r\nNguyễn 😀')).toBe(false);
      expect(showInvalidCharacters(markLoneSurrogates('a\ud800b\udc00😀'))).toBe('a[U+D800]b[U+DC00]😀');
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

describe('other documents sent in place of a workbook', () => {
  it('.ods and .docx are refused with how to save a .xlsx', async () => {
    const x = await h();
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>',
      ),
      'META-INF/manifest.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
      ),
    });
    const docx = zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl/></w:body></w:document>',
      ),
    });
    const before = await x.dump();
    const a = await x.upload({ name: 'danh_sach.ods', bytes: ods });
    expect(a.status).toBe(415);
    expect(a.body.error.code).toBe('FILE_ODS');
    expect(a.body.error.message).toMatch(/OpenDocument \(\.ods.*LibreOffice.*Excel.*\.xlsx/);
    // Renamed to .xlsx by hand, it is still an OpenDocument file.
    expect((await x.upload({ name: 'danh_sach.xlsx', bytes: ods })).body.error.code).toBe('FILE_ODS');
    const b = await x.upload({ name: 'danh_sach.docx', bytes: docx });
    expect(b.status).toBe(415);
    expect(b.body.error.code).toBe('FILE_DOCX');
    expect(b.body.error.message).toMatch(/Word.*chép.*Excel.*\.xlsx/);
    expect(await x.dump()).toBe(before);
  });
});
