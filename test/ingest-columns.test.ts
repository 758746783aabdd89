import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { queryRows } from '../ingest/store/database.ts';
import { harnessPerTest, csv, type Harness } from './ingest-helpers.ts';

const h = harnessPerTest();

/** A column is what its values say it is (docs/upload-format.md, "Columns read by what they hold"). Three rows of each field's values, and what they are stored as. */
type Vocab = 'kind' | 'category' | 'stage' | 'form' | 'movement';
const VALUES: Record<Vocab, { typed: string[]; stored: (string | number)[] }> = {
  kind: { typed: ['Tập thể', 'Cá nhân', 'Cá nhân'], stored: ['tap_the', 'ca_nhan', 'ca_nhan'] },
  category: { typed: ['Mô hình mới', 'Nhân tố mới', 'Mô hình mới'], stored: ['mo_hinh_moi', 'nhan_to_moi', 'mo_hinh_moi'] },
  stage: { typed: ['Bồi dưỡng', 'Tổng kết', 'Nhân rộng'], stored: ['boi_duong', 'tong_ket', 'nhan_rong'] },
  form: {
    typed: ['Bằng khen của Chủ tịch UBND tỉnh', 'Bằng khen', 'Công nhận điển hình tiên tiến'],
    stored: ['bang_khen_ubnd', 'bang_khen_ubnd', 'cong_nhan_dhtt'],
  },
  movement: {
    typed: ['Cả nước chung sức xây dựng nông thôn mới', 'Thi đua quyết thắng', 'Doanh nghiệp Hưng Yên hội nhập và phát triển'],
    stored: [4, 5, 7],
  },
};
/** Each field's common header, and headers that map to no field. */
const HEADERS: Record<Vocab, string> = { kind: 'Loại', category: 'Phân loại', stage: 'Khâu', form: 'Hình thức', movement: 'Phong trào' };
const LOOSE = ['Danh hiệu', 'Nội dung'];
const NAMES = ['Trường THCS Lê Quý Đôn', 'Nguyễn Thị Hoa', 'Trần Văn Nam'];
const FIELDS = Object.keys(VALUES) as Vocab[];

/**
 * A list with `values`' field under `header`, and the required columns it lacks added under
 * another header of their own field ("Đối tượng" for kinds, "Phong trào thi đua" for movements).
 */
function list(values: Vocab, header: string): string[][] {
  const head = ['STT', 'Họ và tên', header];
  const cols: string[][] = [VALUES[values].typed];
  if (values !== 'kind') {
    head.push('Đối tượng');
    cols.push(VALUES.kind.typed);
  }
  if (values !== 'movement') {
    head.push('Phong trào thi đua');
    cols.push(VALUES.movement.typed);
  }
  head.push('Năm');
  return [head, ...NAMES.map((name, i) => [String(i + 1), name, ...cols.map((c) => c[i]!), '2024'])];
}

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('Danh sách');
  for (const r of rows) s.addRow(r.map((c, j) => (j === 0 && /^\d+$/.test(c) ? Number(c) : c)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function send(x: Harness, format: 'csv' | 'xlsx', rows: string[][], fields: Record<string, string> = {}) {
  return format === 'csv'
    ? x.upload({ name: 'ds.csv', bytes: '\uFEFF' + csv(rows) }, fields)
    : x.upload({ name: 'ds.xlsx', bytes: await xlsx(rows) }, fields);
}

async function stored(x: Harness, field: Vocab): Promise<unknown[]> {
  const rows = await queryRows(
    x.db.connection,
    `SELECT e.kind, e.category, e.stage, e.movement_no AS movement, r.form FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id ORDER BY r.source_row`,
  );
  return rows.map((r) => r[field]);
}

const matrix = FIELDS.flatMap((values) =>
  [...FIELDS.filter((f) => f !== values).map((f) => HEADERS[f]), ...LOOSE].map((header) => ({ values, header })),
);

describe('ingest: a column is read as what its values hold (issue 13.1)', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it.each(matrix)(`${format}: $values values under «$header» are read as $values`, async ({ values, header }) => {
      const x = await h();
      const { status, body } = await send(x, format, list(values, header));
      expect(status, JSON.stringify(body.error ?? body.refused?.slice(0, 3))).toBe(201);
      expect(body.counts).toMatchObject({ accepted: 3, refused: 0 });
      const decision = body.columnDecisions.find((d: { header: string }) => d.header === header);
      expect(decision).toMatchObject({ column: 3, header, field: values });
      expect(decision.message).toMatch(new RegExp(`^Cột «${header}» chứa .+ nên được hiểu là `));
      expect(await stored(x, values)).toEqual(VALUES[values].stored);
    });

    it.each(FIELDS)(`${format}: the header wins when its values fit it (%s)`, async (values) => {
      const x = await h();
      const { status, body } = await send(x, format, list(values, HEADERS[values]));
      expect(status).toBe(201);
      expect(body.columnDecisions).toEqual([]);
      expect(await stored(x, values)).toEqual(VALUES[values].stored);
    });
  }

  it('says what it decided in words: kinds under «Phân loại» are read as Loại', async () => {
    const x = await h();
    const { body } = await send(x, 'csv', [
      ['Họ và tên', 'Phân loại', 'Phong trào', 'Năm'],
      ...NAMES.map((n, i) => [n, VALUES.kind.typed[i]!, '15', '2024']),
    ]);
    expect(body.columnDecisions).toEqual([
      {
        column: 2,
        header: 'Phân loại',
        headerField: 'category',
        field: 'kind',
        message: 'Cột «Phân loại» chứa loại đối tượng (Tập thể/Cá nhân) nên được hiểu là Loại.',
      },
    ]);
    expect(body.file.headers).toMatchObject({ kind: 'Phân loại' });
    expect(body.file.headers.category).toBeUndefined();
  });

  it('reads a swapped pair: kinds under «Phong trào» and movements under «Loại»', async () => {
    const x = await h();
    const rows = [
      ['Họ và tên', 'Loại', 'Phong trào', 'Năm'],
      ...NAMES.map((n, i) => [n, VALUES.movement.typed[i]!, VALUES.kind.typed[i]!, '2024']),
    ];
    for (const format of ['csv', 'xlsx'] as const) {
      const { status, body } = await send(x, format, rows, { dry_run: '1' });
      expect(status).toBe(200);
      expect(body.counts).toMatchObject({ accepted: 3, refused: 0 });
      expect(body.columnDecisions.map((d: { header: string; field: string }) => `${d.header}→${d.field}`)).toEqual([
        'Loại→movement',
        'Phong trào→kind',
      ]);
    }
  });

  it('an empty «Loại» column gives way to the column that holds the kinds, and says so', async () => {
    const x = await h();
    const rows = [
      ['Họ và tên', 'Loại', 'Danh hiệu', 'Phong trào', 'Năm'],
      ...NAMES.map((n, i) => [n, '', VALUES.kind.typed[i]!, '15', '2024']),
    ];
    const { status, body } = await send(x, 'xlsx', rows);
    expect(status).toBe(201);
    expect(body.columnDecisions).toEqual([
      expect.objectContaining({
        column: 2,
        header: 'Loại',
        headerField: 'kind',
        field: null,
        message: 'Cột «Loại» trống nên không được đọc: Loại lấy từ cột «Danh hiệu».',
      }),
      expect.objectContaining({ column: 3, header: 'Danh hiệu', headerField: null, field: 'kind' }),
    ]);
  });

  it('the header wins over another column holding the same field; numbers under another header are not movements', async () => {
    const x = await h();
    const rows = [
      ['Họ và tên', 'Loại', 'Danh hiệu', 'Số lượng', 'Phong trào', 'Năm'],
      ...NAMES.map((n, i) => [n, VALUES.kind.typed[i]!, 'Cá nhân', String(i + 3), '15', '2024']),
    ];
    const { status, body } = await send(x, 'csv', rows);
    expect(status).toBe(201);
    expect(body.columnDecisions).toEqual([]);
    expect(await stored(x, 'kind')).toEqual(VALUES.kind.stored);
  });

  it('an explicit mapping always wins over what the values say', async () => {
    const x = await h();
    const rows = [
      ['Họ và tên', 'Phân loại', 'Đối tượng', 'Phong trào', 'Năm'],
      ...NAMES.map((n, i) => [n, VALUES.kind.typed[i]!, '', '15', '2024']),
    ];
    const inferred = await send(x, 'csv', rows, { dry_run: '1' });
    expect(inferred.body.counts).toMatchObject({ accepted: 3, refused: 0 });
    const { status, body } = await send(x, 'csv', rows, { dry_run: '1', mapping: JSON.stringify({ category: 'Phân loại' }) });
    expect(status).toBe(200);
    expect(body.columnDecisions).toEqual([]);
    expect(body.counts).toMatchObject({ accepted: 0, refused: 3 });
    expect(body.refused.map((r: { code: string }) => r.code)).toEqual([
      'CATEGORY_UNKNOWN',
      'KIND_MISSING',
      'CATEGORY_UNKNOWN',
      'KIND_MISSING',
      'CATEGORY_UNKNOWN',
      'KIND_MISSING',
    ]);
  });
});

describe('ingest: one diagnosis per column before the row list (issue 13.2)', () => {
  const rowsWithKinds = (kinds: string[], extra: string[] | null = null) => [
    ['Họ và tên', 'Loại', ...(extra ? ['Danh hiệu'] : []), 'Phong trào', 'Năm'],
    ...kinds.map((k, i) => [`Người ${i + 1}`, k, ...(extra ? [extra[i]!] : []), '15', '2024']),
  ];

  it('one diagnosis for a column most rows fail in: distinct values with counts, what was expected, the fix; the rows still listed', async () => {
    const x = await h();
    const { status, body } = await send(x, 'xlsx', rowsWithKinds(['Giáo viên', 'Giáo viên', 'Bác sĩ', 'Giáo viên', 'Tập thể']));
    expect(status).toBe(422);
    expect(body.diagnoses).toHaveLength(1);
    expect(body.diagnoses[0]).toMatchObject({
      field: 'kind',
      header: 'Loại',
      code: 'KIND_UNKNOWN',
      rows: 4,
      values: [
        { value: 'Giáo viên', count: 3 },
        { value: 'Bác sĩ', count: 1 },
      ],
      expected: 'Tập thể, Cá nhân hoặc Hộ gia đình',
      fix: 'Loại phải là Tập thể, Cá nhân hoặc Hộ gia đình: sửa cột «Loại» rồi gửi lại.',
    });
    expect(body.diagnoses[0].mapping).toBeUndefined();
    expect(body.diagnoses[0].message).toContain('4/5 dòng bị từ chối');
    expect(body.refused).toHaveLength(4);
  });

  it('names the mapping when another column holds the field', async () => {
    const x = await h();
    const { body } = await send(
      x,
      'csv',
      rowsWithKinds(['x', 'x', 'y', 'x', 'x'], ['Cá nhân', 'Tập thể', 'Cá nhân', 'Thành tích tốt', 'Khác']),
    );
    expect(body.columnDecisions).toEqual([]); // 3 of 5 is not enough to read the column as Loại unasked
    expect(body.diagnoses).toEqual([
      expect.objectContaining({ field: 'kind', code: 'KIND_UNKNOWN', rows: 5, mapping: { kind: 'Danh hiệu' } }),
    ]);
    expect(body.diagnoses[0].fix).toContain('«Danh hiệu»');
    const mapped = await send(x, 'csv', rowsWithKinds(['x', 'x', 'y', 'x', 'x'], ['Cá nhân', 'Tập thể', 'Cá nhân', 'Cá nhân', 'Tập thể']), {
      mapping: JSON.stringify(body.diagnoses[0].mapping),
    });
    expect(mapped.status).toBe(201);
  });

  it('no diagnosis when few rows fail', async () => {
    const x = await h();
    const { body } = await send(x, 'csv', rowsWithKinds(['Cá nhân', 'Cá nhân', 'Giáo viên', 'Cá nhân', 'Tập thể']));
    expect(body.counts.refused).toBe(1);
    expect(body.diagnoses).toEqual([]);
  });
});

describe('ingest: a partial commit offered in words a clerk understands (issue 13.4)', () => {
  it('offers the valid rows by their count from validation, names no API parameter, and offers nothing when no row is valid', async () => {
    const x = await h();
    const some = await send(x, 'csv', [
      ['Họ và tên', 'Loại', 'Phong trào', 'Năm'],
      ['A', 'Cá nhân', '15', '2024'],
      ['B', 'Cá nhân', '15', '2024'],
      ['C', 'Giáo viên', '15', '2024'],
    ]);
    expect(some.status).toBe(422);
    expect(some.body.message).toBe(
      'Tệp chưa được nhập: 1 dòng có lỗi (xem danh sách). Hãy sửa và gửi lại, hoặc chọn «Chỉ nhập 2 dòng hợp lệ» trên trang tải lên.',
    );
    const none = await send(x, 'csv', [
      ['Họ và tên', 'Loại', 'Phong trào', 'Năm'],
      ['A', 'Giáo viên', '15', '2024'],
    ]);
    expect(none.status).toBe(422);
    expect(none.body.message).not.toMatch(/Chỉ nhập|accept_partial/);
    expect(none.body.message).toContain('không có dòng nào hợp lệ');
  });
});
