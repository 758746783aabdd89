import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readRowCounts, type RowCounts } from '../../contracts/rowCounts.ts';
import {
  fsyncPath,
  SNAPSHOT_FILE,
  snapshotFileName,
  snapshotName,
  snapshotsDir,
  writeManifest,
  writePointer,
  type SnapshotManifest,
} from '../../contracts/snapshotProtocol.ts';
import { schemaVersion } from './migrate.ts';
import { queryRows } from './database.ts';
import { SnapshotPublishError } from './storageFailure.ts';

/**
 * The writer's side of the snapshot protocol (contracts/snapshotProtocol.ts): names, manifest
 * and pointer are the protocol's; the copy (CHECKPOINT, then cp in a child process, then
 * read back) and the clean-up of old copies are the writer's own.
 */
const KEEP = 3; // older copies go; a reader that still has one open keeps its inode on Linux

function nextVersion(dir: string): number {
  let max = 0;
  for (const f of readdirSync(dir)) {
    const m = SNAPSHOT_FILE.exec(f);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** The newest batch id in the database (0 when none): what a snapshot is "as of". */
export async function lastBatchId(conn: DuckDBConnection): Promise<number> {
  const [row] = await queryRows(conn, 'SELECT coalesce(max(id), 0)::INTEGER AS id FROM ingest_batches');
  return Number(row?.id ?? 0);
}

/**
 * Copies the committed database into a new snapshot and points CURRENT at it. Any failure
 * (disk full, unwritable folder, a copy that does not read back) throws SnapshotPublishError
 * and leaves CURRENT naming the previous complete snapshot.
 */
export async function publishSnapshot(conn: DuckDBConnection, dbPath: string, dataDir: string): Promise<SnapshotManifest> {
  if (dbPath === ':memory:') throw new Error('publishSnapshot needs a database file');
  const dir = snapshotsDir(dataDir);
  let tmp: string | null = null;
  try {
    mkdirSync(dir, { recursive: true });
    const version = nextVersion(dir);
    const name = snapshotName(version);
    const file = snapshotFileName(name);
    tmp = join(dir, `${file}.tmp`);
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });

    // CHECKPOINT folds the WAL into the file, so the file alone is the committed state; the
    // caller holds the single-writer lock, so nothing commits while it is copied. (COPY FROM
    // DATABASE was tried first: it copies tables in an order that breaks FOREIGN KEYs.)
    await conn.run('CHECKPOINT');
    const counts = await readRowCounts(conn);
    await copyOutOfProcess(dbPath, tmp);
    fsyncPath(tmp); // the copy reaches the disk before any name points at it
    // A checkpoint that left rows in the WAL would give a copy short of the manifest: read the
    // copy back before anyone is pointed at it.
    const copied = await countsOfCopy(tmp);
    if (JSON.stringify(copied) !== JSON.stringify(counts)) {
      throw new Error(`snapshot copy ${file} holds ${JSON.stringify(copied)}, database ${JSON.stringify(counts)}`);
    }
    renameSync(tmp, join(dir, file));
    tmp = null;

    const manifest: SnapshotManifest = {
      version,
      name,
      file,
      createdAt: new Date().toISOString(),
      schemaVersion: await schemaVersion(conn),
      counts,
      synthetic: await hasSyntheticData(conn),
      lastBatchId: await lastBatchId(conn),
    };
    writeManifest(dataDir, manifest);
    writePointer(dataDir, name);
    removeOldSnapshots(dir, version);
    return manifest;
  } catch (error) {
    if (tmp) rmSync(tmp, { force: true });
    throw error instanceof SnapshotPublishError ? error : new SnapshotPublishError(error);
  }
}

const run = promisify(execFile);

/**
 * Copies the database file in a child process. DuckDB's lock on the file is a POSIX record
 * lock, dropped for the whole process when the process closes any descriptor of the file (a
 * copyFileSync here did, after which a second writer could open it: docs/architecture.md#one-writer-per-data-folder). A child's
 * descriptors are its own. cp's message (e.g. "No space left on device") is kept for
 * storageFailureKind.
 */
async function copyOutOfProcess(from: string, to: string): Promise<void> {
  try {
    await run('cp', ['--', from, to]);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`copy of ${from} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`, { cause: error });
  }
}

async function countsOfCopy(path: string): Promise<RowCounts> {
  const instance = await DuckDBInstance.create(path, {
    access_mode: 'READ_ONLY',
    enable_external_access: 'false',
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
  });
  try {
    const conn = await instance.connect();
    try {
      return await readRowCounts(conn);
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
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
