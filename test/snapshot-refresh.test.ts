import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { ingestUpload } from '../ingest/pipeline/ingestUpload.ts';
import { readCurrentManifest, type SnapshotManifest } from '../contracts/snapshotProtocol.ts';
import { generateDemo } from '../fixtures/generator/generateDemo.ts';
import { loadDemo } from '../fixtures/loadDemo.ts';
import { loadQueryCatalog } from '../dashboard/server/loadQueryCatalog.ts';
import { openSnapshot, type OpenSnapshot } from '../dashboard/server/openSnapshot.ts';
import type { ParamValue } from '../dashboard/server/queryDefinition.ts';
import { resolveQuery } from '../dashboard/server/resolveQuery.ts';

// A refresh (contracts/refreshSnapshotTables.ts) makes the new snapshot's reporting copy from
// the previous one by recomputing only the exemplars that changed. After each real
// upload (the ingest path, sample files as agencies send them) the refreshed copy must hold
// exactly what a full build of the same snapshot holds: every table, every reporting table
// (place patterns compared by what they say, not their numbers), and every query's answer.

const catalog = loadQueryCatalog();
const SAMPLES = new URL('../fixtures/samples/', import.meta.url);
const FILTERS: Record<string, ParamValue>[] = [
  {},
  { rollup: true },
  { as_of: '2025-12-31' },
  { agency: 'SYT' },
  { plan: '90/KH-UBND', rollup: true },
];
const json = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v));

/** Reporting tables as what they say: place patterns resolved to their lists. */
const REPORTING_TABLES: Record<string, string> = {
  fact_recognitions: `SELECT f.* EXCLUDE (place_pattern), p.agency_at, p.bloc_at FROM fact_recognitions f LEFT JOIN place_patterns p USING (place_pattern)`,
  fact_exemplars: `SELECT f.* EXCLUDE (place_pattern), p.agency_at, p.bloc_at FROM fact_exemplars f LEFT JOIN place_patterns p USING (place_pattern)`,
  exemplar_rollup: 'SELECT * FROM exemplar_rollup',
  exemplar_place_at: 'SELECT * FROM exemplar_place_at',
  place_patterns: 'SELECT agency_at, bloc_at FROM place_patterns',
  agencies_rolled_into: 'SELECT * FROM agencies_rolled_into',
  agencies_holding_at: 'SELECT * FROM agencies_holding_at',
  latest_plan: 'SELECT * FROM latest_plan',
  fact_year_base: 'SELECT * FROM fact_year_base',
  agency_chain_ends: 'SELECT * FROM agency_chain_ends',
  succession_dates: 'SELECT * FROM succession_dates',
};

async function contents(connection: DuckDBConnection): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const base = (
    await connection.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' ORDER BY 1")
  )
    .getRowObjectsJS()
    .map((r) => String(r.table_name));
  for (const table of base) {
    const sql = REPORTING_TABLES[table] ?? `SELECT * FROM "${table}"`;
    out.set(table, json((await connection.runAndReadAll(`SELECT * FROM (${sql}) ORDER BY ALL`)).getRowObjectsJS()));
  }
  return out;
}

async function answers(snapshot: OpenSnapshot): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await snapshot.withConnection(async ({ connection }) => {
    for (const declared of catalog.values()) {
      const def = resolveQuery(declared, snapshot.facts);
      for (const filter of FILTERS) {
        if (Object.keys(filter).some((k) => !def.params.some((p) => p.name === k))) continue;
        const values = Object.fromEntries(def.params.map((p) => [p.name, p.name in filter ? filter[p.name]! : p.required ? 1 : p.default]));
        out.set(`${def.name} ${json(filter)}`, json((await connection.runAndReadAll(def.sql, values)).getRowObjectsJS()));
      }
    }
  });
  return out;
}

async function expectSame(refreshed: OpenSnapshot, full: OpenSnapshot): Promise<number> {
  const [a, b] = await Promise.all([refreshed, full].map((s) => s.withConnection(({ connection }) => contents(connection))));
  expect([...a!.keys()]).toEqual([...b!.keys()]);
  for (const [table, rows] of b!) expect(a!.get(table), table).toBe(rows);
  const [x, y] = [await answers(refreshed), await answers(full)];
  expect(x.size).toBe(y.size);
  for (const [key, rows] of y) expect(x.get(key), key).toBe(rows);
  return y.size;
}

describe('a snapshot refreshed from the previous one equals a full build', () => {
  let db: Database;
  let dir: string;
  let dbPath: string;
  let current: OpenSnapshot;

  const snapshotFile = (m: SnapshotManifest) => join(dir, 'snapshots', m.file);

  async function upload(sample: string, agency: string, text?: string): Promise<SnapshotManifest> {
    const file = join(dir, sample);
    writeFileSync(file, text ?? readFileSync(new URL(sample, SAMPLES)));
    const out = await ingestUpload(
      { conn: db.connection, dbPath, dataDir: dir },
      { filePath: file, fileName: sample, agency, formYear: null, dryRun: false, acceptPartial: true, submittedBy: 'test', mapping: {} },
    );
    if (!out.ok) throw new Error(`upload refused: ${JSON.stringify(out.problem)}`);
    expect(out.report.snapshotVersion).toBeGreaterThan(0);
    return readCurrentManifest(dir)!;
  }

  /** Opens `manifest` both ways, compares them, and keeps the refreshed one as current. */
  async function refreshAndCompare(manifest: SnapshotManifest, from: OpenSnapshot = current) {
    const refreshed = await openSnapshot(snapshotFile(manifest), manifest, 2, undefined, from);
    const full = await openSnapshot(snapshotFile(manifest), manifest, 2);
    try {
      expect(full.opening.mode).toBe('full');
      const compared = await expectSame(refreshed, full);
      expect(compared).toBeGreaterThan(100);
    } finally {
      full.close();
      current.close();
      current = refreshed;
    }
    return refreshed.opening;
  }

  async function compacted(snapshot: OpenSnapshot) {
    for (let i = 0; i < 200 && !snapshot.refreshSource().endsWith('.base.duckdb'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(snapshot.refreshSource()).toMatch(/\.base\.duckdb$/);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'snapshot-refresh-'));
    dbPath = join(dir, 'exemplars.duckdb');
    db = await openDatabase(dbPath);
    await migrate(db.connection);
    await loadDemo(db.connection, generateDemo({ seed: 5, scale: 1 }));
    const manifest = await publishSnapshot(db.connection, dbPath, dir);
    current = await openSnapshot(snapshotFile(manifest), manifest, 2);
  });
  afterAll(() => {
    current?.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("after a department's yearly list, recomputing the exemplars it changed", async () => {
    const opening = await refreshAndCompare(await upload('SYT_2024_excel.csv', 'SYT'));
    expect(opening).toMatchObject({ mode: 'refresh', agencies: ['SYT'] });
    // the list's exemplars and those of the demo's 2024 list it replaced, not all of SYT's
    const [syt] = await current.withConnection(async ({ connection }) =>
      (await connection.runAndReadAll("SELECT count(*)::INTEGER AS n FROM exemplars WHERE agency_code = 'SYT'")).getRowObjectsJS(),
    );
    expect(opening.exemplars).toBeGreaterThan(0);
    expect(opening.exemplars).toBeLessThan(Number(syt!.n));
  });

  it('after a merged district list (exemplars the roll-up places one by one), started from a copy with its WAL', async () => {
    // as when the next upload comes before the previous refresh's copy is compacted: from the
    // copy the previous snapshot answers from, its changes in its WAL
    expect(existsSync(`${current.copyPath}.wal`)).toBe(true);
    const withWal: OpenSnapshot = { ...current, refreshSource: () => current.copyPath };
    const opening = await refreshAndCompare(await upload('KHOAICHAU_2024_cp1258.csv', 'KHOAICHAU'), withWal);
    expect(opening).toMatchObject({ mode: 'refresh', agencies: ['KHOAICHAU'] });
  });

  it('after a list that replaces an earlier one with fewer rows, started from the compacted copy', async () => {
    await compacted(current);
    const lines = readFileSync(new URL('SYT_2024_excel.csv', SAMPLES), 'utf8').split(/\r\n/);
    const opening = await refreshAndCompare(await upload('SYT_2024_excel.csv', 'SYT', lines.slice(0, 4).join('\r\n')));
    expect(opening).toMatchObject({ mode: 'refresh', agencies: ['SYT'] });
  });

  it('after a commune list of the 2026–2030 plan', async () => {
    const opening = await refreshAndCompare(await upload('XA_KHOAICHAU_BAC_2026_excel.csv', 'XA_KHOAICHAU_BAC'));
    expect(opening).toMatchObject({ mode: 'refresh', agencies: ['XA_KHOAICHAU_BAC'] });
  });

  it('builds in full, and says why, when the organisation changed', async () => {
    await db.connection.run(`UPDATE agencies SET name = name || ' (đổi tên)' WHERE code = 'SYT'`);
    const opening = await refreshAndCompare(await publishSnapshot(db.connection, dbPath, dir));
    expect(opening.mode).toBe('full');
    expect(opening.reason).toMatch(/agencies changed/);
  });

  it('builds in full, and says why, when rows changed without a batch (the checksums differ)', async () => {
    await db.connection.run(
      "UPDATE exemplars SET stage = 'nhan_rong' WHERE id = (SELECT min(id) FROM exemplars WHERE stage <> 'nhan_rong' AND agency_code = 'SNV')",
    );
    const opening = await refreshAndCompare(await publishSnapshot(db.connection, dbPath, dir));
    expect(opening.mode).toBe('full');
    expect(opening.reason).toMatch(/exemplars_same/);
  });

  it('leaves no copy behind once the snapshots close', async () => {
    const manifest = readCurrentManifest(dir)!;
    const again = await openSnapshot(snapshotFile(manifest), manifest, 1, undefined, current);
    current.close();
    current = again;
    await compacted(again);
    again.close();
    expect(readdirSync(join(dir, 'reporting'))).toEqual([]);
    current = await openSnapshot(snapshotFile(manifest), manifest, 1);
  });
});
