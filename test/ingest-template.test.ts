import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useShippedMovements } from './shippedMovements.ts';
import ExcelJS from 'exceljs';
import { harnessPerTest, type Harness } from './ingest-helpers.ts';
import { queryRows } from '../ingest/store/database.ts';
import { FIELDS, TEMPLATE_HEADERS, type Field } from '../ingest/parse/headerMap.ts';
import { CATEGORIES, FORMS, KINDS, STAGES } from '../ingest/catalogue/vocabulary.ts';
import { matchMovement } from '../ingest/match/matchMovement.ts';
import { matchCategory, matchForm, matchKind, matchStage } from '../ingest/match/matchValues.ts';

// The served template prevents errors with drop-down lists read from the catalogue in force.
const h = harnessPerTest();

/** exceljs 4.4 reads validations per cell (`worksheet.dataValidations`), which its typings omit. */
const validationAt = (sheet: ExcelJS.Worksheet, address: string) =>
  (sheet as unknown as { dataValidations: { find(address: string): ExcelJS.DataValidation | undefined } }).dataValidations.find(address);

async function servedTemplate(x: Harness): Promise<{ wb: ExcelJS.Workbook; bytes: Uint8Array }> {
  const res = await x.app.request('/api/template.xlsx');
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { wb, bytes };
}

const letterOf = (field: Field) => String.fromCharCode(65 + FIELDS.indexOf(field));

/** The values a list validation offers: the cells of the Danh mục range its formula names. */
function offered(wb: ExcelJS.Workbook, validation: ExcelJS.DataValidation): string[] {
  const ref = /^'Danh mục'!\$([A-Z])\$(\d+):\$\1\$(\d+)$/.exec(String(validation.formulae[0]));
  expect(ref, String(validation.formulae[0])).not.toBeNull();
  const [, col, from, to] = ref!;
  const sheet = wb.getWorksheet('Danh mục')!;
  const values: string[] = [];
  for (let r = Number(from); r <= Number(to); r++) values.push(String(sheet.getCell(`${col}${r}`).value));
  const below = sheet.getCell(`${col}${Number(to) + 1}`).value;
  expect(below, 'the range ends with the list').toBeNull();
  return values;
}

const LISTS: { field: Field; match: (v: string) => unknown }[] = [
  { field: 'kind', match: matchKind },
  { field: 'movement', match: (v) => (matchMovement(v).ok ? matchMovement(v) : null) },
  { field: 'category', match: matchCategory },
  { field: 'stage', match: matchStage },
  { field: 'form', match: matchForm },
];

beforeAll(useShippedMovements);

describe('template: drop-down lists from the catalogue in force (issue 13.5)', () => {
  it('offers stop-style lists for Loại, Phong trào, Phân loại, Khâu and Hình thức over rows 2–5000, read from the hidden Danh mục sheet', async () => {
    const x = await h();
    const { wb } = await servedTemplate(x);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('Danh sách');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(FIELDS.map((f) => TEMPLATE_HEADERS[f]));
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Danh sách', 'visible'],
      ['Phong trào', 'visible'],
      ['Hướng dẫn', 'visible'],
      ['Danh mục', 'hidden'],
    ]);

    const movements = await queryRows(x.db.connection, 'SELECT no, name FROM movements ORDER BY no');
    const expected: Record<string, string[]> = {
      kind: Object.values(KINDS),
      movement: movements.map((m) => `${Number(m.no)} - ${String(m.name)}`),
      category: Object.values(CATEGORIES),
      stage: Object.values(STAGES),
      form: Object.values(FORMS),
    };
    expect(expected.movement).toHaveLength(20);
    for (const { field, match } of LISTS) {
      const col = letterOf(field);
      const v = validationAt(sheet, `${col}2`);
      expect(v, field).toMatchObject({
        type: 'list',
        allowBlank: true,
        errorStyle: 'stop',
        showErrorMessage: true,
        showInputMessage: true,
      });
      expect(validationAt(sheet, `${col}5000`), field).toEqual(v);
      expect(validationAt(sheet, `${col}5001`), field).toBeUndefined();
      expect(validationAt(sheet, `${col}1`), 'the header row stays free').toBeUndefined();
      // Vietnamese texts, within Excel's limits (titles 32, messages 255 characters).
      for (const [key, max] of [
        ['promptTitle', 32],
        ['prompt', 255],
        ['errorTitle', 32],
        ['error', 255],
      ] as const) {
        expect(v![key]?.length ?? 0, `${field} ${key}`).toBeGreaterThan(0);
        expect(v![key]!.length, `${field} ${key}`).toBeLessThanOrEqual(max);
      }
      expect(v!.errorTitle).toMatch(/không/);
      const values = offered(wb, v!);
      expect(values, field).toEqual(expected[field]);
      // Whatever the list offers, the ingest reads.
      for (const value of values) expect(match(value), `${field}: ${value}`).not.toBeNull();
    }
    const numbers = offered(wb, validationAt(sheet, `${letterOf('movement')}2`)!).map((v) => matchMovement(v));
    expect(numbers.map((m) => (m.ok ? m.no : 0))).toEqual(movements.map((m) => Number(m.no)));
  });

  it('formats Ngày QĐ as dd/mm/yyyy and accepts only real dates of the plan period; Năm công nhận only whole years 2021–2025', async () => {
    const x = await h();
    const { wb } = await servedTemplate(x);
    const sheet = wb.worksheets[0]!;
    const dateCol = letterOf('decision_date');
    expect(sheet.getColumn(dateCol).numFmt).toBe('dd/mm/yyyy');
    const date = validationAt(sheet, `${dateCol}2`);
    expect(date).toMatchObject({
      type: 'date',
      operator: 'between',
      allowBlank: true,
      errorStyle: 'stop',
      showErrorMessage: true,
      showInputMessage: true,
      errorTitle: 'Ngày không hợp lệ',
    });
    expect(date!.formulae.map((d: Date) => d.toISOString().slice(0, 10))).toEqual(['2021-01-01', '2025-12-31']);
    expect(date!.error).toContain('01/01/2021');
    expect(validationAt(sheet, `${dateCol}5000`)).toEqual(date);

    const year = validationAt(sheet, `${letterOf('year')}2`);
    expect(year).toMatchObject({
      type: 'whole',
      operator: 'between',
      formulae: [2021, 2025],
      allowBlank: true,
      errorStyle: 'stop',
      errorTitle: 'Năm không hợp lệ',
    });
    expect(year!.prompt).toContain('2021');
    expect(validationAt(sheet, `${letterOf('year')}5000`)).toEqual(year);
    // Free-text columns carry no validation.
    for (const f of ['name', 'unit', 'decision_no', 'code'] as const) expect(validationAt(sheet, `${letterOf(f)}2`), f).toBeUndefined();
  });

  it('follows the catalogue in the database: served from cache while it stands, rebuilt when a movement is renamed', async () => {
    const x = await h();
    const built = vi.spyOn(ExcelJS.Workbook.prototype, 'addWorksheet');
    const first = await servedTemplate(x);
    const builds = built.mock.calls.length;
    expect(builds).toBeGreaterThan(0);
    const again = await servedTemplate(x);
    expect(built.mock.calls.length - builds, 'same catalogue: the cached workbook, not a new one').toBe(0);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);

    await x.db.connection.run(`UPDATE movements SET name = 'Thi đua quyết thắng trong lực lượng vũ trang tỉnh' WHERE no = 5`);
    const { wb } = await servedTemplate(x);
    const values = offered(wb, validationAt(wb.worksheets[0]!, `${letterOf('movement')}2`)!);
    expect(values[4]).toBe('5 - Thi đua quyết thắng trong lực lượng vũ trang tỉnh');
    expect(values).toHaveLength(20);
    expect(wb.getWorksheet('Phong trào')!.getCell('B6').value).toBe('Thi đua quyết thắng trong lực lượng vũ trang tỉnh');
    built.mockRestore();
  });

  it('is read by the ingest as the list (header found, no second list): the empty template is refused only for having no rows', async () => {
    const x = await h();
    const { bytes } = await servedTemplate(x);
    const res = await x.upload({ name: 'mau-danh-sach-dien-hinh.xlsx', bytes }, { dry_run: '1' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NO_DATA_ROWS');
  });

  it('a template filled with values picked from its lists passes a dry run: 3 rows accepted', async () => {
    const x = await h();
    const { wb } = await servedTemplate(x);
    const sheet = wb.worksheets[0]!;
    const list = (f: Field) => offered(wb, validationAt(sheet, `${letterOf(f)}2`)!);
    const [kinds, movements, categories, stages, forms] = (['kind', 'movement', 'category', 'stage', 'form'] as const).map(list);
    const picks = [
      {
        name: 'Trường THCS Đoàn Thị Điểm (dữ liệu thử)',
        kind: kinds![0]!,
        movement: movements![2]!,
        category: categories![0]!,
        stage: stages![1]!,
        form: forms![0]!,
      },
      {
        name: 'Cô Nguyễn Thị Hoa (dữ liệu thử)',
        kind: kinds![1]!,
        movement: movements![14]!,
        category: categories![1]!,
        stage: stages![3]!,
        form: forms![1]!,
      },
      {
        name: 'Hộ ông Trần Văn Bình (dữ liệu thử)',
        kind: kinds![2]!,
        movement: movements![7]!,
        category: categories![2]!,
        stage: stages![0]!,
        form: forms![0]!,
      },
    ];
    picks.forEach((p, i) => {
      const row = i + 2;
      const set = (f: Field, value: ExcelJS.CellValue) => (sheet.getCell(`${letterOf(f)}${row}`).value = value);
      set('name', p.name);
      set('kind', p.kind);
      set('unit', 'huyện Khoái Châu');
      set('movement', p.movement);
      set('category', p.category);
      set('stage', p.stage);
      set('year', 2023);
      set('form', p.form);
      set('decision_no', `${12 + i}/QĐ-UBND`);
      set('decision_date', new Date(Date.UTC(2023, 5, 5 + i)));
    });
    expect(sheet.getCell(`${letterOf('decision_date')}2`).numFmt).toBe('dd/mm/yyyy');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const res = await x.upload({ name: 'mau-da-dien.xlsx', bytes }, { dry_run: '1' });
    expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
    expect(res.body.status).toBe('dry_run');
    expect(res.body.counts).toMatchObject({ accepted: 3, refused: 0 });
    expect(await x.count('SELECT count(*) FROM exemplars'), 'a dry run writes nothing').toBe(0);
  });
});
