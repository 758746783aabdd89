import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readRowCounts } from '../../contracts/rowCounts.ts';
import { readCurrentSnapshot, SNAPSHOT_FILE, snapshotsDir, type SnapshotManifest } from '../../contracts/snapshotProtocol.ts';
import { lastBatchId, publishSnapshot } from './publishSnapshot.ts';

export interface SnapshotRepair {
  /** Leftovers of an interrupted publish that were removed (*.tmp, copies CURRENT never named). */
  removed: string[];
  /** Why a snapshot was published now, or null when CURRENT was already up to date. */
  reason: string | null;
  manifest: SnapshotManifest | null;
}

/** Removes what an interrupted publish left: temp files and copies newer than CURRENT's. */
function removeLeftovers(dir: string, current: SnapshotManifest | null): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const f of readdirSync(dir)) {
    const m = SNAPSHOT_FILE.exec(f);
    // CURRENT is written last, so a copy newer than the one it names never became visible.
    const unpublished = m !== null && current !== null && Number(m[1]) > current.version;
    if (f.endsWith('.tmp') || f.endsWith('.tmp.wal') || unpublished) {
      rmSync(join(dir, f), { force: true });
      removed.push(f);
    }
  }
  return removed;
}

/** Why CURRENT does not show the database as it is, or null when it does. */
async function staleReason(conn: DuckDBConnection, current: SnapshotManifest | null): Promise<string | null> {
  if (!current) return 'no complete snapshot named by CURRENT';
  const last = await lastBatchId(conn);
  if (current.lastBatchId !== last)
    return `database has batches up to ${last}, snapshot ${current.name} up to ${current.lastBatchId ?? 'unknown'}`;
  const counts = await readRowCounts(conn);
  if (JSON.stringify(counts) !== JSON.stringify(current.counts)) return `row counts differ from snapshot ${current.name}`;
  return null;
}

/**
 * Brings the snapshots in line with the database. A kill after COMMIT and before (or
 * during) publishing, or a disk that was full while publishing, leaves the dashboard on an
 * older snapshot: this republishes, and cleans what the interrupted publish left. Run it on
 * the writer connection, inside the write queue (or before the service takes uploads).
 */
export async function repairSnapshots(conn: DuckDBConnection, dbPath: string, dataDir: string): Promise<SnapshotRepair> {
  const dir = snapshotsDir(dataDir);
  // A pointer, manifest or copy that does not read names no usable snapshot: republish.
  const read = readCurrentSnapshot(dataDir);
  const current = read.ok ? read.value : null;
  const removed = removeLeftovers(dir, current);
  const reason = await staleReason(conn, current);
  if (!reason) return { removed, reason: null, manifest: current };
  return { removed, reason, manifest: await publishSnapshot(conn, dbPath, dataDir) };
}
