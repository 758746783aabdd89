import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { SnapshotManifest } from '../../contracts/snapshotProtocol.ts';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildSnapshotTables, connectionStatements } from '../../contracts/snapshotTables.ts';
import { readSnapshotFacts, type SnapshotFacts } from './snapshotFacts.ts';

/**
 * The only way the reporting side opens DuckDB: the snapshot file, read-only, with file access
 * outside it and extension loading off, then the configuration locked so no SQL can turn them
 * back on (each option name checked against duckdb_settings() in DuckDB 1.5.6).
 */
export const SNAPSHOT_OPTIONS = {
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  autoload_known_extensions: 'false',
  autoinstall_known_extensions: 'false',
  lock_configuration: 'true',
} as const;

/** A reporting connection and the statements already prepared on it (by SQL text). */
export interface PooledConnection {
  connection: DuckDBConnection;
  prepared: Map<string, DuckDBPreparedStatement>;
}

export interface OpenSnapshot {
  manifest: SnapshotManifest;
  path: string;
  /** Ranges, defaults, codes and labels of this snapshot, read once when it opened. */
  facts: SnapshotFacts;
  /**
   * Runs `work` on a pooled connection; waits for one when all are busy. If `signal` has
   * aborted by the time a connection is free (the client went away), the work is skipped, so
   * abandoned requests do not keep the pool busy.
   */
  withConnection<T>(work: (pooled: PooledConnection) => Promise<T>, signal?: AbortSignal): Promise<T>;
  close(): void;
}

/** Where the reading side keeps its private copies: `<dataDir>/reporting/` beside `snapshots/`. */
export function readerWorkDir(snapshotFile: string): string {
  return join(dirname(dirname(snapshotFile)), 'reporting');
}

let opened = 0;

/**
 * Removes the private copies that processes no longer running left behind (a crash, a kill):
 * each copy's name carries the pid of the process that made it.
 */
export function removeLeftoverCopies(workDir: string): string[] {
  if (!existsSync(workDir)) return [];
  const removed: string[] = [];
  for (const f of readdirSync(workDir)) {
    const m = /^snapshot-\d+\.(\d+)\.\d+\.duckdb(\.wal)?$/.exec(f);
    if (!m || isRunning(Number(m[1]))) continue;
    rmSync(join(workDir, f), { force: true });
    removed.push(f);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Opens a snapshot: a private copy of it (in `workDir`) with the reporting tables built in
 * once (contracts/snapshotTables.ts), then opened read-only with a small pool of connections,
 * each with the reporting macros, and proven readable (its facts read: plans, periods, codes,
 * labels) before anyone is given it. The tables are stored in the copy, so the connections
 * share them (TEMP tables, per connection, cost ~3 s and ~225 MB each at 1.5M recognitions).
 * The copy goes when the snapshot closes.
 */
export async function openSnapshot(
  path: string,
  manifest: SnapshotManifest,
  poolSize = 4,
  workDir = readerWorkDir(path),
): Promise<OpenSnapshot> {
  mkdirSync(workDir, { recursive: true });
  const copy = join(workDir, `${manifest.name}.${process.pid}.${++opened}.duckdb`);
  const removeCopy = () => {
    rmSync(copy, { force: true });
    rmSync(`${copy}.wal`, { force: true });
  };
  let instance: DuckDBInstance;
  try {
    // async: the old snapshot keeps answering while the new one is copied (~300 MB at 1.5M)
    await copyFile(path, copy);
    await buildSnapshotTables(copy);
    instance = await DuckDBInstance.create(copy, { ...SNAPSHOT_OPTIONS });
  } catch (error) {
    removeCopy();
    throw error;
  }
  const macros = connectionStatements();
  const pool: PooledConnection[] = [];
  let facts: SnapshotFacts;
  try {
    for (let i = 0; i < Math.max(1, poolSize); i++) {
      const connection = await instance.connect();
      pool.push({ connection, prepared: new Map() });
      for (const statement of macros) await connection.run(statement);
    }
    facts = await readSnapshotFacts(pool[0]!.connection);
  } catch (error) {
    for (const p of pool) p.connection.closeSync();
    instance.closeSync();
    removeCopy();
    throw error;
  }

  const idle = [...pool];
  const waiting: ((p: PooledConnection) => void)[] = [];
  let closed = false;

  const take = (): Promise<PooledConnection> => {
    const p = idle.pop();
    return p ? Promise.resolve(p) : new Promise((resolve) => waiting.push(resolve));
  };
  const give = (p: PooledConnection): void => {
    const next = waiting.shift();
    if (next) next(p);
    else idle.push(p);
  };

  return {
    manifest,
    path,
    facts,
    async withConnection(work, signal) {
      if (closed) throw new Error(`snapshot ${manifest.name} is closed`);
      const pooled = await take();
      try {
        signal?.throwIfAborted();
        return await work(pooled);
      } finally {
        give(pooled);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      for (const p of pool) {
        for (const statement of p.prepared.values()) statement.destroySync();
        p.connection.closeSync();
      }
      instance.closeSync();
      removeCopy();
    },
  };
}
