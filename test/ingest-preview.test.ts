import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { queryRows } from '../ingest/store/database.ts';
import { harnessPerTest, csv, type Harness } from './ingest-helpers.ts';

const h = harnessPerTest();

/** POST /api/uploads/preview in-process, as the upload page sends it. */
async function preview(
  x: Harness,
  file: { name: string; bytes: Uint8Array | string },
  fields: Record<string, string> = {},
  token: string | null = 'token-sgddt-0123456789',
) {
  const form = new FormData();
  const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
  form.set('file', new File([new Uint8Array(bytes)], file.name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await x.app.request('/api/uploads/preview', {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: await res.json() };
}

/** A hand-made workbook: two title rows, the header on row 3, kinds under «Phân loại», twelve rows. */
async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('DS 2024');
  s.getCell('A1').value = 'SỞ GIÁO DỤC VÀ ĐÀO TẠO';
  s.getCell('A2').value = 'DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN NĂM 2024';
  s.getRow(3).values = ['STT', 'Họ và tên', 'Phân loại', 'Phong trào', 'Năm', 'Ghi chú'];
  for (let i = 1; i <= 12; i++) s.getRow(3 + i).values = [i, `Người ${i}`, i % 2 ? 'Cá nhân' : 'Tập thể', 15, 2024, i === 1 ? 'mới' : null];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Temp tables and views left on the writer connection (names). */
async function tempTables(x: Harness): Promise<string[]> {
  const rows = await queryRows(
    x.db.connection,
    'SELECT table_name AS name FROM duckdb_tables() WHERE temporary UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal',
  );
  return rows.map((r) => String(r.name));
}

describe('POST /api/uploads/preview (issue 13.3)', () => {
  it('answers the columns, the field each is read as and how, the first ten data rows and the fields; writes nothing', async () => {
    const x = await h();
    const before = await x.dump();
    const { status, body } = await preview(x, { name: 'SGDDT_2024.xlsx', bytes: await workbook() });
    expect(status).toBe(200);
    expect(body).toMatchObject({ fileName: 'SGDDT_2024.xlsx', fileType: 'xlsx', sheet: 'DS 2024', headerRow: 3 });
    expect(body.columns).toEqual([
      { index: 0, letter: 'A', header: 'STT', field: null, how: null },
      { index: 1, letter: 'B', header: 'Họ và tên', field: 'name', how: 'header' },
      { index: 2, letter: 'C', header: 'Phân loại', field: 'kind', how: 'values' },
      { index: 3, letter: 'D', header: 'Phong trào', field: 'movement', how: 'header' },
      { index: 4, letter: 'E', header: 'Năm', field: 'year', how: 'header' },
      { index: 5, letter: 'F', header: 'Ghi chú', field: null, how: null },
    ]);
    expect(body.rows).toHaveLength(10);
    expect(body.rows[0]).toEqual({ row: 4, cells: ['1', 'Người 1', 'Cá nhân', '15', '2024', 'mới'] });
    expect(body.rows[9]).toEqual({ row: 13, cells: ['10', 'Người 10', 'Tập thể', '15', '2024', null] });
    expect(body.fields).toHaveLength(11);
    expect(body.fields).toContainEqual({ field: 'kind', label: 'Loại' });
    expect(body.columnDecisions).toEqual([
      expect.objectContaining({ column: 3, header: 'Phân loại', headerField: 'category', field: 'kind' }),
    ]);
    expect(await x.dump()).toBe(before);
    expect(await tempTables(x)).toEqual([]);
    expect(readdirSync(join(x.dir, 'tmp'))).toEqual([]);
  });

  it('follows a mapping sent with the file (how: "mapping"), and previews a file that lacks a required column', async () => {
    const x = await h();
    const file = {
      name: 'thieu.csv',
      bytes: csv([
        ['Họ và tên', 'Loại', 'PT', 'Năm'],
        ['Lê Thị Mai', 'CN', '15', '2023'],
        ['Trần Văn Nam', 'CN', '3', '2023'],
      ]),
    };
    const bare = await preview(x, file);
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ fileType: 'csv', headerRow: 1, columnDecisions: [] });
    expect(bare.body.sheet).toBeUndefined();
    expect(bare.body.columns.map((c: { header: string; field: string | null; how: string | null }) => [c.header, c.field, c.how])).toEqual([
      ['Họ và tên', 'name', 'header'],
      ['Loại', 'kind', 'header'],
      ['PT', null, null],
      ['Năm', 'year', 'header'],
    ]);
    expect(bare.body.rows).toEqual([
      { row: 2, cells: ['Lê Thị Mai', 'CN', '15', '2023'] },
      { row: 3, cells: ['Trần Văn Nam', 'CN', '3', '2023'] },
    ]);
    const mapped = await preview(x, file, { mapping: JSON.stringify({ movement: 'PT' }) });
    expect(mapped.body.columns[2]).toEqual({ index: 2, letter: 'C', header: 'PT', field: 'movement', how: 'mapping' });
    expect(await tempTables(x)).toEqual([]);
  });

  it('previews JSON: keys as columns', async () => {
    const x = await h();
    const { status, body } = await preview(x, {
      name: 'ds.json',
      bytes: JSON.stringify([{ name: 'A', kind: 'Cá nhân', movement: 15, year: 2024 }]),
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ fileType: 'json', headerRow: 0, rows: [{ row: 1, cells: ['A', 'Cá nhân', '15', '2024'] }] });
    expect(body.columns.map((c: { field: string }) => c.field)).toEqual(['name', 'kind', 'movement', 'year']);
  });

  it('refuses what /api/uploads refuses, with the same answer: a file it cannot read, a file too large, tokens, a bad mapping', async () => {
    const x = await h({ maxBytes: 2048 });
    const garbage = { name: 'ds.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]) };
    const p = await preview(x, garbage);
    const u = await x.upload(garbage, { dry_run: '1' });
    expect(p.status).toBe(u.status);
    expect(p.body).toEqual(u.body);
    expect(p.status).toBeGreaterThanOrEqual(400);

    const noHeader = { name: 'ds.csv', bytes: 'a,b,c\r\n1,2,3\r\n' };
    const nh = await preview(x, noHeader);
    expect(nh.status).toBe(422);
    expect(nh.body).toEqual((await x.upload(noHeader, { dry_run: '1' })).body);

    const big = await preview(x, { name: 'lon.csv', bytes: 'x'.repeat(4096) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('FILE_TOO_LARGE');

    expect((await preview(x, noHeader, {}, null)).status).toBe(401);
    expect((await preview(x, noHeader, {}, 'token-snv-0123456789ab')).body.error.code).toBe('AGENCY_REQUIRED');
    expect((await preview(x, noHeader, { agency: 'SYT' })).status).toBe(403);
    expect((await preview(x, noHeader, { mapping: '{"phong_trao": "PT"}' })).body.error.code).toBe('MAPPING_INVALID');
    expect(await tempTables(x)).toEqual([]);
    expect(readdirSync(join(x.dir, 'tmp'))).toEqual([]);
  });
});
