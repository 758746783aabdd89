import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readRowCounts, type RowCounts } from './rowCounts.ts';
import { schemaVersion } from './migrate.ts';

/**
 * Snapshots: read-only copies of the database that the dashboard opens (architecture.md).
 * Layout under `<dataDir>/snapshots/`:
 *   snapshot-000042.duckdb   the copy
 *   snapshot-000042.json     its manifest (written before CURRENT names it)
 *   CURRENT                  one line: the name of the newest complete snapshot
 * CURRENT is replaced by rename, so a reader sees either the old or the new name, never half.
 */
export interface SnapshotManifest {
  version: number;
  name: string;
  file: string;
  createdAt: string;
  schemaVersion: number;
  counts: RowCounts;
  synthetic: boolean;
}

export const SNAPSHOTS_DIR = 'snapshots';
const KEEP = 3; // older copies go; a reader that still has one open keeps its inode on Linux

export function snapshotsDir(dataDir: string): string {
  return join(dataDir, SNAPSHOTS_DIR);
}

export function readCurrentManifest(dataDir: string): SnapshotManifest | null {
  const dir = snapshotsDir(dataDir);
  const pointer = join(dir, 'CURRENT');
  if (!existsSync(pointer)) return null;
  const name = readFileSync(pointer, 'utf8').trim();
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as SnapshotManifest;
}

function writeDurably(path: string, text: string): void {
  writeFileSync(path, text);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function nextVersion(dir: string): number {
  let max = 0;
  for (const f of readdirSync(dir)) {
    const m = /^snapshot-(\d+)\.(duckdb|json)$/.exec(f);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** Copies the committed database into a new snapshot and points CURRENT at it. */
export async function publishSnapshot(conn: DuckDBConnection, dbPath: string, dataDir: string): Promise<SnapshotManifest> {
  const dir = snapshotsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const version = nextVersion(dir);
  const name = `snapshot-${String(version).padStart(6, '0')}`;
  const file = `${name}.duckdb`;
  const tmp = join(dir, `${file}.tmp`);
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });

  // CHECKPOINT folds the WAL into the file, so the file alone is the committed state; the
  // caller holds the single-writer lock, so nothing commits while it is copied. (COPY FROM
  // DATABASE was tried first: it copies tables in an order that breaks FOREIGN KEYs.)
  if (dbPath === ':memory:') throw new Error('publishSnapshot needs a database file');
  await conn.run('CHECKPOINT');
  copyFileSync(dbPath, tmp);
  renameSync(tmp, join(dir, file));

  const counts = await readRowCounts(conn);
  const synthetic = await hasSyntheticData(conn);
  const manifest: SnapshotManifest = { version, name, file, createdAt: new Date().toISOString(), schemaVersion: await schemaVersion(conn), counts, synthetic };
  writeDurably(join(dir, `${name}.json`), JSON.stringify(manifest, null, 2));
  writeDurably(join(dir, 'CURRENT.tmp'), `${name}\n`);
  renameSync(join(dir, 'CURRENT.tmp'), join(dir, 'CURRENT'));
  removeOldSnapshots(dir, version);
  return manifest;
}

async function hasSyntheticData(conn: DuckDBConnection): Promise<boolean> {
  const reader = await conn.runAndReadAll('SELECT count(*) > 0 AS s FROM ingest_batches WHERE synthetic');
  return Boolean(reader.getRowObjectsJS()[0]?.s);
}

function removeOldSnapshots(dir: string, current: number): void {
  for (const f of readdirSync(dir)) {
    const m = /^snapshot-(\d+)\.(duckdb|json|duckdb\.tmp)$/.exec(f);
    if (m && Number(m[1]) <= current - KEEP) rmSync(join(dir, f), { force: true });
  }
}
