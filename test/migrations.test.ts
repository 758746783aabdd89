import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, inTransaction, type Database } from '../ingest/store/database.ts';
import { listMigrations, migrate, schemaVersion } from '../ingest/store/migrate.ts';
import { readRowCounts } from '../contracts/rowCounts.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { foldKey } from '../ingest/text/normalise.ts';
import { DuckDBInstance } from '@duckdb/node-api';

const opened: Database[] = [];
const dirs: string[] = [];
async function freshDb(): Promise<{ db: Database; dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hy-migrate-'));
  dirs.push(dir);
  const path = join(dir, 'exemplars.duckdb');
  const db = await openDatabase(path);
  opened.push(db);
  return { db, dir, path };
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every table's rows, for comparing a database before and after. */
async function dump(db: Database): Promise<string> {
  const tables = await queryRows(db.connection, 'SELECT table_name FROM duckdb_tables() ORDER BY table_name');
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await queryRows(db.connection, `SELECT * FROM "${String(table_name)}" ORDER BY ALL`);
    parts.push(`${String(table_name)}:${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
  return parts.join('\n');
}

describe('migrations', () => {
  it('apply every version once and change nothing when run again', async () => {
    const { db } = await freshDb();
    const versions = listMigrations().map((m) => m.version);
    expect(await migrate(db.connection)).toEqual(versions);
    const before = await dump(db);
    expect(await migrate(db.connection)).toEqual([]);
    expect(await dump(db)).toBe(before);
    expect(await schemaVersion(db.connection)).toBe(Math.max(...versions));
  });

  it('seed the catalogue: 20 movements with their lead agencies, agencies with variants and successors', async () => {
    const { db } = await freshDb();
    await migrate(db.connection);
    const counts = await readRowCounts(db.connection);
    expect(counts.movements).toBe(20);
    expect(counts.agencies).toBeGreaterThanOrEqual(45);
    const [syt] = await queryRows(
      db.connection,
      "SELECT agency_code FROM agency_name_variants WHERE variant_key = fold_key('Sở Y tế tỉnh Hưng Yên')",
    );
    expect(syt?.agency_code).toBe('SYT');
    const [{ n } = { n: 0 }] = await queryRows(db.connection, 'SELECT count(*)::INTEGER AS n FROM agency_successions');
    expect(n).toBeGreaterThanOrEqual(2);
    const parts = await queryRows(db.connection, 'SELECT movement_no, count(*)::INTEGER AS n FROM movement_parts GROUP BY 1 ORDER BY 1');
    expect(parts).toEqual([3, 6, 18, 19].map((no) => ({ movement_no: no, n: 2 })));
  });

  it("hold the plan's rules as data: the period of each plan, the movements that recognise households", async () => {
    const { db } = await freshDb();
    await migrate(db.connection);
    expect(await queryRows(db.connection, 'SELECT code, first_year, last_year, province FROM plans')).toEqual([
      { code: '90/KH-UBND', first_year: 2021, last_year: 2025, province: 'HY' },
    ]);
    expect(await queryRows(db.connection, 'SELECT number FROM movements WHERE households ORDER BY number')).toEqual([{ number: 8 }]);
    // The schema keeps the closed vocabularies; periods and households are checked at ingest against the plan (test/ingest-refusals.test.ts).
    await expect(
      db.connection.run(
        "INSERT INTO exemplars (code, name, name_key, kind, category, agency_code, movement_no, stage, plan_code, first_batch_id) VALUES ('X1', 'Hộ ông A', 'ho ong a', 'ho_gia_dinh', 'không rõ', 'SYT', 3, 'phat_hien', '90/KH-UBND', 1)",
      ),
    ).rejects.toThrow(/CHECK/i);
  });

  it('roll back a transaction whose statement fails, leaving the database as it was', async () => {
    const { db } = await freshDb();
    await migrate(db.connection);
    const before = await dump(db);
    await expect(
      inTransaction(db.connection, async () => {
        await db.connection.run("INSERT INTO emulation_blocs (code, name) VALUES ('K_TEST', 'Khối thử')");
        await db.connection.run("INSERT INTO emulation_blocs (code, name) VALUES ('K_TEST', 'trùng khóa')");
      }),
    ).rejects.toThrow();
    expect(await dump(db)).toBe(before);
  });
});

describe('fold_key', () => {
  it('agrees with foldKey() on Vietnamese text, NFD input, punctuation and case', async () => {
    const { db } = await freshDb();
    await migrate(db.connection);
    const samples = [
      'Nguyễn Văn An',
      'NGUYỄN VĂN AN',
      'Nguyễn Văn An'.normalize('NFD'),
      'Đoàn  Thanh niên – xã Dạ Trạch',
      '“Vì một Hưng Yên không còn đói nghèo”',
      'Sở LĐ-TB&XH',
      'Ủy ban MTTQ Việt Nam tỉnh',
      'Ng\u200Buyễn\u00ADVăn\u2066An',
    ];
    for (const s of samples) {
      const [row] = await queryRows(db.connection, 'SELECT fold_key($s) AS k', { s });
      expect(row?.k, s).toBe(foldKey(s));
    }
    expect(foldKey('Nguyễn Văn An')).toBe('nguyen van an');
  });
});

describe('snapshots', () => {
  it('publish a read-only copy with a manifest and move CURRENT atomically to it', async () => {
    const { db, dir, path } = await freshDb();
    await migrate(db.connection);
    const first = await publishSnapshot(db.connection, path, dir);
    const second = await publishSnapshot(db.connection, path, dir);
    expect(second.version).toBe(first.version + 1);
    expect(readCurrentManifest(dir)?.name).toBe(second.name);
    expect(second.counts.movements).toBe(20);

    const reader = await DuckDBInstance.create(join(dir, 'snapshots', second.file), { access_mode: 'READ_ONLY' });
    const conn = await reader.connect();
    const rows = (await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM movements')).getRowObjectsJS();
    expect(rows[0]?.n).toBe(20);
    await expect(conn.run("INSERT INTO emulation_blocs VALUES ('K', 'x', true)")).rejects.toThrow(/read-only/i);
    conn.closeSync();
    reader.closeSync();
  });
});
