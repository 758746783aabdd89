import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectionStatements,
  FACT_TABLE,
  QUERIES_DIR,
  SNAPSHOT_TABLES_VERSION,
  snapshotTableStatements,
} from '../contracts/snapshotTables.ts';
import { manifestPath, snapshotPath, type SnapshotManifest } from '../contracts/snapshotProtocol.ts';
import { openDatabase } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { repairSnapshots } from '../ingest/store/repairSnapshots.ts';
import { openSnapshot, SNAPSHOT_OPTIONS } from '../dashboard/server/openSnapshot.ts';

// The reporting tables are part of the snapshot protocol (contracts/snapshotTables.ts): the
// writer builds them into the copy once; the reader finds them there and builds nothing.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function publishedDemo(): Promise<{
  dir: string;
  dbPath: string;
  manifest: SnapshotManifest;
  close: () => void;
  conn: import('@duckdb/node-api').DuckDBConnection;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'hy-snapshot-tables-'));
  dirs.push(dir);
  const dbPath = join(dir, 'exemplars.duckdb');
  const db = await openDatabase(dbPath);
  await migrate(db.connection);
  const manifest = await publishSnapshot(db.connection, dbPath, dir);
  return { dir, dbPath, manifest, conn: db.connection, close: () => db.close() };
}

describe('reporting tables in every snapshot', () => {
  it('the writer builds them into the copy as stored tables and records their version', async () => {
    const { dir, manifest, close } = await publishedDemo();
    close();
    expect(manifest.reportingTables).toBe(SNAPSHOT_TABLES_VERSION);
    const instance = await DuckDBInstance.create(snapshotPath(dir, manifest), { ...SNAPSHOT_OPTIONS });
    try {
      const conn = await instance.connect();
      const tables = (
        await conn.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE database_name <> 'temp' AND NOT temporary ORDER BY 1")
      )
        .getRowObjectsJson()
        .map((r) => r.table_name);
      for (const t of [
        FACT_TABLE,
        'exemplar_rollup',
        'exemplar_place_at',
        'place_patterns',
        'agencies_holding_at',
        'succession_dates',
        'latest_plan',
      ]) {
        expect(tables).toContain(t);
      }
      // the build's scratch tables die with its connection: nothing of them is in the copy
      for (const t of ['fact_base', 'movable_keyed', 'exemplar_starts', 'key_placement', 'exemplar_placement'])
        expect(tables).not.toContain(t);
      conn.closeSync();
    } finally {
      instance.closeSync();
    }
  });

  it('the reader opens a copy with its tables at once, and refuses one built without them', async () => {
    const { dir, manifest, close } = await publishedDemo();
    close();
    const snapshot = await openSnapshot(snapshotPath(dir, manifest), manifest, 2);
    expect(snapshot.facts.plans.length).toBeGreaterThan(0);
    snapshot.close();
    const older = { ...manifest, reportingTables: undefined };
    await expect(openSnapshot(snapshotPath(dir, manifest), older, 1)).rejects.toThrow(/reporting tables of version none/);
  });

  it('the writer republishes at start a snapshot of an older release (no reporting tables)', async () => {
    const { dir, dbPath, manifest, conn, close } = await publishedDemo();
    try {
      const path = manifestPath(dir, manifest.name);
      const { reportingTables: _dropped, ...older } = JSON.parse(readFileSync(path, 'utf8')) as SnapshotManifest;
      writeFileSync(path, JSON.stringify(older));
      const repaired = await repairSnapshots(conn, dbPath, dir);
      expect(repaired.reason).toMatch(/reporting tables of version none/);
      expect(repaired.manifest?.version).toBe(manifest.version + 1);
      expect(repaired.manifest?.reportingTables).toBe(SNAPSHOT_TABLES_VERSION);
    } finally {
      close();
    }
  });

  it('the build runs the shared macros numbered before its files; each connection runs every shared file', () => {
    const build = snapshotTableStatements(QUERIES_DIR);
    const perConnection = connectionStatements(QUERIES_DIR);
    const labels = readFileSync(join(QUERIES_DIR, 'shared', '0_labels.sql'), 'utf8');
    const counted = readFileSync(join(QUERIES_DIR, 'shared', '3_counted_recognitions.sql'), 'utf8');
    expect(build[0]).toBe(labels);
    expect(build.some((s) => s.includes(`CREATE TABLE ${FACT_TABLE}`))).toBe(true);
    // the macros that read the tables are not needed to build them
    expect(build).not.toContain(counted);
    expect(perConnection).toContain(counted);
    expect(perConnection.some((s) => s.includes(`CREATE TABLE ${FACT_TABLE}`))).toBe(false);
  });
});
