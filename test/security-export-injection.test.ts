// Formula injection and markup in names (docs/architecture.md#security), end to end: names are uploaded through the
// ingest app into a temporary database, the commit publishes a snapshot, and the reporting
// service reads that snapshot. Names are stored exactly as typed; CSV cells that Excel would
// evaluate get a leading apostrophe; XLSX cells are strings, never formulas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import type { Hono } from 'hono';
import { viewerApp } from './queries-viewer.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { queryRows } from '../ingest/store/database.ts';
import { HEADER, csv, harness, type Harness } from './ingest-helpers.ts';

export const FORMULA_NAMES = ['=HYPERLINK("http://x","bấm")', '+1+1', '-2+3', '@SUM(A1)', "=cmd|' /C calc'!A0", '=10*10'];
export const MARKUP_NAMES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'Nguyễn Văn A & B <b>đậm</b>',
];
const NAMES = [...FORMULA_NAMES, ...MARKUP_NAMES];
const FORMULA_START = /^[=+\-@\t\r]/;

let h: Harness;
let snapshots: SnapshotSource;
let app: Hono;

beforeAll(async () => {
  h = await harness();
  // Each name also as the unit, which is exported beside it.
  const rows = NAMES.map((name, i) => [String(i + 1), name, 'Cá nhân', name, '15', '2023', '1/QĐ', '5/6/2023']);
  const res = await h.upload({ name: 'ten-nguy-hiem.csv', bytes: '\uFEFF' + csv([HEADER, ...rows]) });
  expect(res.status, JSON.stringify(res.body.refused ?? res.body)).toBe(201);
  snapshots = new SnapshotSource(h.dir, { log: () => {} });
  await snapshots.start();
  app = viewerApp({ snapshots, log: () => {} });
});
afterAll(async () => {
  await snapshots?.stop();
  h?.close();
});

const REGISTER = '/api/queries/exemplar_register?agency=SGDDT&limit=100';

describe('hostile names are stored as text, exactly as typed', () => {
  it('in the database', async () => {
    const rows = await queryRows(h.db.connection, 'SELECT name, unit FROM exemplars ORDER BY id');
    expect(rows.map((r) => r.name).sort()).toEqual([...NAMES].sort());
    for (const r of rows) expect(r.unit).toBe(r.name);
  });

  it('in the reporting service JSON', async () => {
    const body = (await (await app.request(`${REGISTER}&format=json`)).json()) as { rows: { name: string; unit: string }[] };
    expect(body.rows.map((r) => r.name).sort()).toEqual([...NAMES].sort());
  });
});

describe('CSV export', () => {
  it('prefixes formula-looking cells with an apostrophe and keeps markup as plain text', async () => {
    const res = await app.request(`${REGISTER}&format=csv&header=name`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()).slice(1);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(NAMES.length);
    for (const r of records) {
      const name = r.name!;
      // Excel treats a cell whose first character is =, +, -, @ as a formula; none may start so.
      expect(name, name).not.toMatch(FORMULA_START);
      expect(r.unit, r.unit).not.toMatch(FORMULA_START);
      const typed = name.startsWith("'") && FORMULA_NAMES.includes(name.slice(1)) ? name.slice(1) : name;
      expect(NAMES, name).toContain(typed);
    }
    for (const f of FORMULA_NAMES) expect(records.map((r) => r.name)).toContain(`'${f}`);
    for (const m of MARKUP_NAMES) expect(records.map((r) => r.name)).toContain(m);
  });
});

describe('XLSX export', () => {
  it('writes every name as a string cell, with no formula anywhere in the workbook', async () => {
    const res = await app.request(`${REGISTER}&format=xlsx&header=name`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const nameCol = headings.indexOf('name') + 1;
    const unitCol = headings.indexOf('unit') + 1;
    const seen: string[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      for (const col of [nameCol, unitCol]) {
        const cell = sheet.getRow(r).getCell(col);
        expect(cell.type, `row ${r}`).toBe(ExcelJS.ValueType.String);
        expect(cell.formula, `row ${r}`).toBeFalsy();
        expect(typeof cell.value).toBe('string');
      }
      seen.push(String(sheet.getRow(r).getCell(nameCol).value));
    }
    expect(seen.sort()).toEqual([...NAMES].sort());
    // The raw parts: no <f> element, and markup only ever appears escaped.
    for (const [part, data] of Object.entries(unzipSync(bytes))) {
      if (!part.endsWith('.xml')) continue;
      const xml = strFromU8(data);
      expect(xml, part).not.toMatch(/<f[ >]/);
      expect(xml, part).not.toContain('<script');
      expect(xml, part).not.toContain('<img');
    }
  });
});
