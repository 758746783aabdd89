import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotPath, type SnapshotManifest } from '../contracts/snapshotProtocol.ts';
import { connectionStatements, FACT_TABLE, QUERIES_DIR, snapshotTableStatements } from '../contracts/snapshotTables.ts';
import { openSnapshot, readerWorkDir, removeLeftoverCopies, SNAPSHOT_OPTIONS } from '../dashboard/server/openSnapshot.ts';
import { openDatabase } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';

// The reporting tables (contracts/snapshotTables.ts): the reader builds them once per snapshot
// into a private copy that its pooled connections share; the published snapshot stays as the
// writer made it.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function published(): Promise<{ dir: string; manifest: SnapshotManifest }> {
  const dir = mkdtempSync(join(tmpdir(), 'hy-snapshot-tables-'));
  dirs.push(dir);
  const dbPath = join(dir, 'exemplars.duckdb');
  const db = await openDatabase(dbPath);
  try {
    await migrate(db.connection);
    return { dir, manifest: await publishSnapshot(db.connection, dbPath, dir) };
  } finally {
    db.close();
  }
}

async function storedTables(file: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(file, { ...SNAPSHOT_OPTIONS });
  try {
    const conn = await instance.connect();
    const names = (await conn.runAndReadAll('SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1'))
      .getRowObjectsJson()
      .map((r) => String(r.table_name));
    conn.closeSync();
    return names;
  } finally {
    instance.closeSync();
  }
}

describe('reporting tables, built once per snapshot by the reader', () => {
  it('go into a private copy as stored tables, shared by the pool; the published snapshot is untouched; the copy goes at close', async () => {
    const { dir, manifest } = await published();
    const file = snapshotPath(dir, manifest);
    const before = readFileSync(file);
    const snapshot = await openSnapshot(file, manifest, 2);
    const work = readerWorkDir(file);
    expect(work).toBe(join(dir, 'reporting'));
    const copies = readdirSync(work).filter((f) => f.endsWith('.duckdb'));
    expect(copies).toEqual([expect.stringMatching(new RegExp(`^${manifest.name}\\.${process.pid}\\.\\d+\\.duckdb$`))]);
    // every pooled connection reads the same stored table (no TEMP copy of its own)
    const counts = await Promise.all(
      [0, 1].map(() =>
        snapshot.withConnection(async ({ connection }) => {
          const r = await connection.runAndReadAll(
            `SELECT count(*)::INTEGER AS n, (SELECT count(*) FROM duckdb_tables() WHERE temporary)::INTEGER AS temp FROM ${FACT_TABLE}`,
          );
          return r.getRowObjectsJson()[0];
        }),
      ),
    );
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]!.temp).toBe(0);
    expect(snapshot.facts.plans.length).toBeGreaterThan(0);
    snapshot.close();
    expect(readdirSync(work)).toEqual([]);
    expect(readFileSync(file).equals(before)).toBe(true);
    const inPublished = await storedTables(file);
    expect(inPublished).toContain('recognitions');
    expect(inPublished).not.toContain(FACT_TABLE);
  });

  it('a private copy holds the tables and none of the build scratch', async () => {
    const { dir, manifest } = await published();
    const file = snapshotPath(dir, manifest);
    const work = join(dir, 'work');
    const snapshot = await openSnapshot(file, manifest, 1, work);
    try {
      const [copy] = readdirSync(work).filter((f) => f.endsWith('.duckdb'));
      const tables = await storedTables(join(work, copy!));
      for (const t of [
        FACT_TABLE,
        'fact_exemplars',
        'exemplar_rollup',
        'exemplar_place_at',
        'place_patterns',
        'agencies_holding_at',
        'agencies_rolled_into',
        'succession_dates',
        'latest_plan',
      ]) {
        expect(tables).toContain(t);
      }
      for (const t of ['fact_base', 'movable_keyed', 'exemplar_starts', 'key_placement', 'exemplar_placement'])
        expect(tables).not.toContain(t);
    } finally {
      snapshot.close();
    }
  });

  it('copies left by a process that is gone are removed; those of running processes stay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hy-snapshot-leftovers-'));
    dirs.push(dir);
    const work = join(dir, 'reporting');
    mkdirSync(work);
    const gone = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    writeFileSync(join(work, `snapshot-000007.${gone}.1.duckdb`), 'x');
    writeFileSync(join(work, `snapshot-000007.${gone}.1.duckdb.wal`), 'x');
    writeFileSync(join(work, `snapshot-000007.${process.pid}.1.duckdb`), 'x');
    expect(removeLeftoverCopies(work).sort()).toEqual([`snapshot-000007.${gone}.1.duckdb`, `snapshot-000007.${gone}.1.duckdb.wal`]);
    expect(readdirSync(work)).toEqual([`snapshot-000007.${process.pid}.1.duckdb`]);
    expect(existsSync(join(dir, 'nothing'))).toBe(false);
    expect(removeLeftoverCopies(join(dir, 'nothing'))).toEqual([]);
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
