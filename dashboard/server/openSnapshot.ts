import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { SnapshotManifest } from '../../contracts/snapshotProtocol.ts';
import { SNAPSHOT_TABLES_VERSION } from '../../contracts/snapshotTables.ts';
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
 * proves it is readable (its reporting tables there, its facts read: plans, periods, codes,
 * labels) before anyone is given it. The tables are built into the copy by its writer
 * (contracts/snapshotTables.ts), so a connection costs only its macros (a few milliseconds).
 */
export async function openSnapshot(path: string, manifest: SnapshotManifest, poolSize = 4): Promise<OpenSnapshot> {
  const instance = await DuckDBInstance.create(path, { ...SNAPSHOT_OPTIONS });
  const macros = reportingMacroStatements();
  const pool: PooledConnection[] = [];
  let facts: SnapshotFacts;
  try {
    if (manifest.reportingTables !== SNAPSHOT_TABLES_VERSION) {
      throw new Error(
        `${manifest.name} holds reporting tables of version ${manifest.reportingTables ?? 'none'}, this service reads version ${SNAPSHOT_TABLES_VERSION}: the ingest service publishes a new snapshot at start`,
      );
    }
    for (let i = 0; i < Math.max(1, poolSize); i++) {
      const connection = await instance.connect();
      pool.push({ connection, prepared: new Map() });
      for (const statement of macros) await connection.run(statement);
    }
    facts = await readSnapshotFacts(pool[0]!.connection);
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
    },
  };
}
