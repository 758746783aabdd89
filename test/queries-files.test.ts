import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBTypeId } from '@duckdb/node-api';
import { join } from 'node:path';
import { loadQueryCatalog } from '../dashboard/server/loadQueryCatalog.ts';
import { parseQueryFile, STANDARD_FILTERS } from '../dashboard/server/parseQueryFile.ts';
import { openSnapshot, type OpenSnapshot } from '../dashboard/server/openSnapshot.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { buildFixture, type Fixture } from './queries-fixture.ts';

const catalog = loadQueryCatalog();

describe('query file headers', () => {
  it('parses the declaration syntax', () => {
    const def = parseQueryFile(
      'example',
      `-- @title Ví dụ\n-- @answers An example.\n-- @param year_from INTEGER[2021..2025] = 2021  Từ năm\n-- @param kind ENUM(a,b) = NULL\n-- @param id INTEGER\n-- @column n Số\nSELECT $year_from, $kind, $id AS n`,
    );
    expect(def).toMatchObject({
      title: 'Ví dụ',
      fileSlug: 'example',
      params: [
        { name: 'year_from', type: { kind: 'INTEGER', min: 2021, max: 2025 }, default: 2021, required: false, label: 'Từ năm' },
        { name: 'kind', type: { kind: 'ENUM', values: ['a', 'b'] }, default: null, required: false, label: 'kind' },
        { name: 'id', required: true },
      ],
      columns: [{ name: 'n', label: 'Số' }],
    });
  });

  it('expands $standard_filters to the standard filters, in order, only under @filters standard', () => {
    const head = '-- @title T\n-- @answers A.\n';
    const def = parseQueryFile('q', `${head}-- @filters standard\nSELECT count(*) FROM counted_recognitions($standard_filters)`);
    if ('code' in def) throw new Error(def.message);
    const names = def.params.map((p) => `$${p.name}`).join(', ');
    expect(def.sql).toContain(`counted_recognitions(${names})`);
    expect(def.sql).not.toContain('$standard_filters');
    expect(def.params.map((p) => p.name)).toEqual(STANDARD_FILTERS.map((line) => line.split(' ')[0]));
    expect(parseQueryFile('q', `${head}SELECT * FROM counted_recognitions($standard_filters)`)).toMatchObject({
      code: 'BAD_QUERY_FILE',
      message: expect.stringContaining('$standard_filters is used without @filters standard'),
    });
  });

  it('refuses undeclared, unused and malformed parameters', () => {
    const head = '-- @title T\n-- @answers A.\n';
    expect(parseQueryFile('q', `${head}SELECT $x`)).toMatchObject({
      code: 'BAD_QUERY_FILE',
      message: expect.stringContaining('$x is used but not declared'),
    });
    expect(parseQueryFile('q', `${head}-- @param x INTEGER = 1\nSELECT 1`)).toMatchObject({
      message: expect.stringContaining('declared but not used'),
    });
    expect(parseQueryFile('q', `${head}-- @param x FLOAT = 1\nSELECT $x`)).toMatchObject({
      message: expect.stringContaining('unknown type'),
    });
    expect(parseQueryFile('q', `${head}-- @param x INTEGER[1..5] = 9\nSELECT $x`)).toMatchObject({
      message: expect.stringContaining('bad default'),
    });
    expect(parseQueryFile('q', '-- @answers A.\nSELECT 1')).toMatchObject({ message: expect.stringContaining('missing @title') });
  });

  it('loads every query in queries/ with a title, an answer and labelled columns', () => {
    expect(catalog.size).toBeGreaterThanOrEqual(20);
    for (const def of catalog.values()) {
      expect(def.title, def.name).toMatch(/[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]/i);
      expect(def.columns.length, def.name).toBeGreaterThan(0);
    }
  });
});

describe('every query on the fixture snapshot', () => {
  let fixture: Fixture;
  let snapshot: OpenSnapshot;
  beforeAll(async () => {
    fixture = await buildFixture();
    const manifest = readCurrentManifest(fixture.dataDir)!;
    snapshot = await openSnapshot(join(fixture.dataDir, 'snapshots', manifest.file), manifest, 1);
  });
  afterAll(() => {
    snapshot.close();
    fixture.close();
  });

  it.each([...catalog.keys()])('%s: casts in SQL (no BIGINT/HUGEINT/DECIMAL) and declares each output column', async (name) => {
    const def = catalog.get(name)!;
    const values = Object.fromEntries(def.params.map((p) => [p.name, p.required ? 1 : p.default]));
    await snapshot.withConnection(async ({ connection }) => {
      const reader = await connection.runAndReadAll(def.sql, values);
      const wide = [DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.DECIMAL];
      reader.columnNames().forEach((column, i) => {
        expect(wide.includes(reader.columnTypeId(i)), `${name}.${column} is ${reader.columnType(i).toString()}`).toBe(false);
      });
      expect(reader.columnNames()).toEqual(def.columns.map((c) => c.name));
    });
  });
});
