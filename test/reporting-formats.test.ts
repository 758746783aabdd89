import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { tableFromIPC, DataType } from 'apache-arrow';
import type { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { encodeArrow } from '../dashboard/server/encodeArrow.ts';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';

let snapshots: SnapshotSource;
let app: Hono;

let service: FixtureService;
beforeAll(async () => {
  service = await startFixtureService();
  ({ snapshots, app } = service);
});
afterAll(() => service.stop());

type Row = Record<string, unknown>;
async function jsonRows(path: string): Promise<Row[]> {
  return ((await (await app.request(`${path}&format=json`)).json()) as { rows: Row[] }).rows;
}

function arrowRows(bytes: ArrayBuffer): Row[] {
  return tableFromIPC(new Uint8Array(bytes))
    .toArray()
    .map((r) => ({ ...r.toJSON() }));
}

/** What a CSV or XLSX cell holds for a JSON value (dates as ISO, booleans as TRUE/FALSE). */
function asText(value: unknown, kind: 'date' | 'timestamp' | 'other'): string {
  if (value === null) return '';
  if (kind === 'date') return new Date(value as number).toISOString().slice(0, 10);
  if (kind === 'timestamp') return new Date(value as number).toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

const CASES = [
  '/api/queries/exemplar_register?limit=100',
  '/api/queries/exemplar_detail?exemplar_id=1',
  '/api/queries/plan_submission_by_agency?bloc=K_VANHOA_XAHOI',
  '/api/queries/movement_year_over_year?movement=8',
  '/api/queries/congress_delegates_by_agency?rollup=true',
  '/api/queries/targets_vs_results_by_agency?bloc=K_VANHOA_XAHOI',
];
const DATE_COLUMNS = new Set(['submitted_on', 'deadline', 'decision_date']);
const TIMESTAMP_COLUMNS = new Set(['received_at']);
const kindOf = (name: string) => (DATE_COLUMNS.has(name) ? 'date' : TIMESTAMP_COLUMNS.has(name) ? 'timestamp' : 'other');

describe('Arrow, CSV and XLSX carry the same rows', () => {
  it.each(CASES)('%s', async (path) => {
    const expected = await jsonRows(path);
    expect(expected.length).toBeGreaterThan(0);

    const arrow = await app.request(path);
    expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(arrowRows(await arrow.arrayBuffer())).toEqual(expected);

    const csv = await app.request(`${path}&format=csv&header=name`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(expected.length);
    records.forEach((record, i) => {
      for (const [name, value] of Object.entries(expected[i]!)) {
        const cell = record[name]!;
        // Formula-looking text gets a leading apostrophe; nothing else changes.
        const plain = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : asText(value, kindOf(name));
        expect(cell, `${name} row ${i}`).toBe(plain);
      }
    });

    const xlsx = await app.request(`${path}&format=xlsx&header=name`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const names = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(names).toEqual(Object.keys(expected[0]!));
    expected.forEach((row, i) => {
      const excelRow = sheet.getRow(i + 2);
      names.forEach((name, j) => {
        const cell = excelRow.getCell(j + 1);
        const value = row[name as string];
        // Empty text is written as a blank cell (the streaming writer's inline strings have no empty form).
        if (value === null || value === '') expect(cell.value ?? null).toBe(null);
        else if (kindOf(name as string) !== 'other') expect((cell.value as Date).getTime()).toBe(value);
        else expect(cell.value).toBe(value);
      });
    });
  });
});

describe('answers are browser-ready', () => {
  it('sends counts as Int32 (never BigInt), dates as Date(ms), repeated strings as dictionaries', async () => {
    const res = await app.request('/api/queries/plan_submission_by_agency');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    const field = (name: string) => table.schema.fields.find((f) => f.name === name)!.type;
    expect(DataType.isInt(field('days_after_deadline')) && field('days_after_deadline').bitWidth).toBe(32);
    expect(DataType.isDate(field('submitted_on'))).toBe(true);
    expect(field('submitted_on').unit).toBe(1); // MILLISECOND: what Plot turns into Dates
    expect(DataType.isDictionary(field('status'))).toBe(true); // 3 values over ~45 rows
    expect(DataType.isDictionary(field('agency_code'))).toBe(false); // all distinct
    for (const row of table.toArray()) for (const v of Object.values(row.toJSON())) expect(typeof v).not.toBe('bigint');
  });

  it('refuses to encode a BigInt', () => {
    expect(() => encodeArrow({ rowCount: 1, columns: [{ name: 'n', kind: 'integer', values: [1n as unknown as number] }] })).toThrow(
      /BigInt/,
    );
  });

  it('names exports by what and when, and says which snapshot answered', async () => {
    const res = await app.request('/api/queries/recognitions_by_year?format=csv&year_from=2022');
    const date = new Date(new Date(snapshots.current()!.manifest.createdAt).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="so_luong_theo_nam_2022-2025_snapshot-000001_${date}.csv"`);
    expect(res.headers.get('x-snapshot-version')).toBe('1');
    expect(res.headers.get('x-snapshot-created-at')).toBe(snapshots.current()!.manifest.createdAt);
    const xlsx = await app.request('/api/queries/movements_catalogue?format=xlsx');
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="danh_muc_phong_trao_snapshot-000001_${date}.xlsx"`);
  });

  it('writes Vietnamese headings and keeps formula-looking text inert', async () => {
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await (await app.request('/api/queries/exemplar_register?search=hyperlink&format=csv')).arrayBuffer(),
    );
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header).toContain('Tên điển hình');
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(line).toContain(`'+84 221`);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await app.request('/api/queries/exemplar_register?search=hyperlink&format=xlsx')).arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Tên điển hình');
    const cell = sheet.getRow(2).getCell(3);
    expect(cell.type).toBe(ExcelJS.ValueType.String); // a string cell, not a formula
    expect(cell.value).toBe('=HYPERLINK("http://x")');
    expect(cell.numFmt).toBe('@');
    const about = book.getWorksheet('Nguồn')!;
    expect(about.getRow(2).getCell(1).value).toBe('Bản chốt số liệu');
    expect(about.getRow(2).getCell(2).value).toBe('snapshot-000001');
  });
});
