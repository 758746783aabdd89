import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { SnapshotManifest } from '../../ingest/store/publishSnapshot.ts';
import { reportingMacroStatements } from './reportingMacros.ts';
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

/**
 * Opens a snapshot with a small pool of connections, each with the reporting macros, and
 * proves it is readable (reading its facts: plans, periods, codes, labels) before anyone is
 * given it.
 */
export async function openSnapshot(path: string, manifest: SnapshotManifest, poolSize = 4): Promise<OpenSnapshot> {
  const instance = await DuckDBInstance.create(path, { ...SNAPSHOT_OPTIONS });
  const macros = reportingMacroStatements();
  const pool: PooledConnection[] = [];
  let facts: SnapshotFacts;
  try {
    // One connection is ready (macros and per-snapshot tables built) before anyone is given the
    // snapshot; the others are built after, in the background: each builds its own copy of the
    // fact and placement tables (TEMP, per connection), which at 1.5M recognitions takes ~3 s,
    // and the snapshot should answer after one such build, not four.
    const connection = await instance.connect();
    pool.push({ connection, prepared: new Map() });
    for (const statement of macros) await connection.run(statement);
    facts = await readSnapshotFacts(connection);
  } catch (error) {
    for (const p of pool) p.connection.closeSync();
    instance.closeSync();
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

  // A connection that fails to build leaves the pool smaller; the first one still answers.
  const growing = (async () => {
    for (let i = 1; i < poolSize && !closed; i++) {
      const connection = await instance.connect();
      try {
        for (const statement of macros) {
          if (closed) break;
          await connection.run(statement);
        }
      } catch {
        connection.closeSync();
        return;
      }
      if (closed) {
        connection.closeSync();
        return;
      }
      const pooled = { connection, prepared: new Map() };
      pool.push(pooled);
      give(pooled);
    }
  })();

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
      // A connection still being built closes itself; the instance goes after it.
      void growing.finally(() => instance.closeSync());
    },
  };
}
